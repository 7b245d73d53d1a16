// gongkai.report/1 JSON (spec/OUTPUT.md) → Report: the inverse of
// json_writer, for commands that take a report as data (gongkai draft, gongkai
// register --against). A number is the cell's value; null is a cell present
// and empty; a row or key that is absent is a row not found. Findings are read
// back when present. Throws std::invalid_argument (Chinese and English) when
// the document is not gongkai.report/1 or a table row has the wrong shape.
#ifndef GONGKAI_WRITERS_JSON_READER_H_
#define GONGKAI_WRITERS_JSON_READER_H_

#include <string_view>

#include "report/report.h"
#include "writers/json_writer.h"

namespace gongkai::writers {

Report ReportFromJson(const Json& j);
Report ReportFromJsonText(std::string_view text);

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_JSON_READER_H_

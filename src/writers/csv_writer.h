// Reports → CSV for Excel users and scripts: UTF-8 with a byte order mark
// (so that Excel opens it as UTF-8), Chinese headers, RFC 4180 quoting.
//
// Long layout, one line per cell:
//   单位,地区,年度,格式,表格,行,列,数值,行代码,列代码
// Wide layout, one line per report: 单位,地区,年度,格式,发布日期,错误数,警告数,
// then every cell of writers::AllCellColumns() headed "表三 （一）予以公开—自然人".
//
// A null cell (blank, "/", not found) is an empty field, never a 0. Money is
// written with the decimals the report printed (at least 2). Text fields
// beginning with = + - @ (or a tab or carriage return) are neutralised with
// a leading apostrophe, so that a spreadsheet never runs them as formulas.
// Stateless functions; thread-safe on distinct streams.
#ifndef GONGKAI_WRITERS_CSV_WRITER_H_
#define GONGKAI_WRITERS_CSV_WRITER_H_

#include <ostream>
#include <string>
#include <string_view>

#include "report/for_each_cell.h"
#include "report/report.h"

namespace gongkai::writers {

// The UTF-8 byte order mark, written first by both headers.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

void WriteCsvHeader(std::ostream& out);  // BOM + long header
void WriteCsvRows(std::ostream& out, const Report& report, std::string_view agency, std::string_view region);

void WriteWideCsvHeader(std::ostream& out);  // BOM + wide header
void WriteWideCsvRow(std::ostream& out, const Report& report, std::string_view agency, std::string_view region);

// One text field: neutralised (NeutraliseFormula), then quoted if it needs to be.
std::string CsvField(std::string_view s);
// "=1+2" → "'=1+2": text a spreadsheet would take for a formula, made inert.
std::string NeutraliseFormula(std::string_view s);
// A number as written in CSV and shown in cells: integers without a point,
// money with its printed decimals (at least 2, at most 6).
std::string CsvNumber(double v, bool money, std::string_view raw);

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_CSV_WRITER_H_

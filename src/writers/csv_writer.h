// Report → CSV in long form, one line per cell:
//   agency,region,year,table,row,column,value
// `value` is empty for a null cell (blank, "/", not found): never a 0.
// Fields are quoted as RFC 4180 asks (a comma, quote or line break inside).
#ifndef GONGKAI_WRITERS_CSV_WRITER_H_
#define GONGKAI_WRITERS_CSV_WRITER_H_

#include <ostream>
#include <string_view>

#include "report/for_each_cell.h"
#include "report/report.h"

namespace gongkai::writers {

void WriteCsvHeader(std::ostream& out);
void WriteCsvRows(std::ostream& out, const Report& report, std::string_view agency, std::string_view region);

// One field, quoted if it needs to be.
std::string CsvField(std::string_view s);

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_CSV_WRITER_H_

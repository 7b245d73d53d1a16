// Reports → one XLSX workbook (libxlsxwriter): a sheet per table with one
// line per unit (table2_v2021, table2_v2019, table3, table4), the cells as
// columns headed by their keys and the form's labels, and a sheet of findings.
// Null cells stay empty, never 0. Written in constant-memory mode (row by row
// to temporary files), so a corpus of any size fits.
#ifndef GONGKAI_WRITERS_XLSX_WRITER_H_
#define GONGKAI_WRITERS_XLSX_WRITER_H_

#include <map>
#include <string>
#include <string_view>

#include "report/report.h"

struct lxw_workbook;
struct lxw_worksheet;

namespace gongkai::writers {

class XlsxWriter {
 public:
  explicit XlsxWriter(const std::string& path);
  ~XlsxWriter();  // closes if Close() was not called
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void Add(const Report& report, std::string_view agency, std::string_view region);
  // Writes the file; throws std::runtime_error if it cannot.
  void Close();

 private:
  struct Sheet {
    lxw_worksheet* ws = nullptr;
    unsigned row = 2;  // next data row (0: keys, 1: labels)
  };
  Sheet& SheetFor(const std::string& name, const Report& shape);
  lxw_workbook* wb_ = nullptr;
  std::map<std::string, Sheet> sheets_;
  Sheet findings_;
};

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_XLSX_WRITER_H_

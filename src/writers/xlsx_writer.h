// Reports → one XLSX workbook (libxlsxwriter) an office can hand to its head:
//
//   总览     counts per region (单位数 counts distinct units, not reports),
//            公开率 and 纠错率 as live formulas over their parts, the formulas
//            stated in words, a chart of reports and reports with errors.
//   表二     one row per report: 单位/地区/年度/格式/发布日期/错误数/警告数, then
//            the cells under a two-level header in the form's labels (row
//            label merged over its columns); one block of columns per form
//            version present (2021, 2019).
//   表三     the same, every row of both （六）其他处理 layouts in one sheet.
//   表四     the same.
//   问题清单 every finding: 严重程度 错误/警告/提示, table, row and column by
//            their labels, message, source excerpt, place, review status.
//
// Every sheet: frozen header and unit columns, autofilter, widths, number
// formats (counts as integers; money with the decimals printed, at least 2),
// landscape A4 (表三: A3) fitted to the page width, header rows repeated on
// every printed page. Null cells stay empty, never 0. Text cells that begin
// with = + - @ are neutralised (NeutraliseFormula).
//
// The writer keeps a compact copy of each report's cells and findings and
// writes the workbook on Close() (libxlsxwriter's constant-memory mode, row
// by row): about 4 KB per report plus its findings. Not thread-safe; one
// writer per file.
#ifndef GONGKAI_WRITERS_XLSX_WRITER_H_
#define GONGKAI_WRITERS_XLSX_WRITER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"
#include "writers/unit.h"

struct lxw_workbook;

namespace gongkai::writers {

class XlsxWriter {
 public:
  // Creates nothing until Close(); throws std::runtime_error from Close() if
  // the file cannot be written.
  explicit XlsxWriter(std::string path);
  ~XlsxWriter();  // writes the file if Close() was not called (errors ignored)
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void Add(const Report& report, const Unit& unit);
  void Add(const Report& report, std::string_view agency, std::string_view region) {
    Add(report, Unit{std::string(agency), std::string(region), {}});
  }
  // Writes the file; throws std::runtime_error if it cannot.
  void Close();

  // Sheet names, in order.
  static constexpr std::string_view kOverview = "总览";
  static constexpr std::string_view kTable2 = "表二";
  static constexpr std::string_view kTable3 = "表三";
  static constexpr std::string_view kTable4 = "表四";
  static constexpr std::string_view kFindings = "问题清单";

 private:
  struct Row {
    std::string agency, region, version, published_on;
    std::optional<int> year;
    format::Version table2_version = format::Version::kV2021;
    int errors = 0, warnings = 0;
    std::vector<std::optional<double>> values;  // per AllCellColumns()
    std::vector<signed char> decimals;          // printed decimals, per AllCellColumns()
  };
  struct FindingRow {
    std::size_t unit = 0;  // index into rows_
    std::string severity, table, row, column, message, excerpt, place, review, rule;
  };
  void Write(lxw_workbook* wb) const;

  std::string path_;
  bool closed_ = false;
  std::vector<Row> rows_;
  std::vector<FindingRow> findings_;
};

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_XLSX_WRITER_H_

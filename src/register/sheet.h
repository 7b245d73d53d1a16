// A register as a grid of cells, read from the file an office keeps: CSV
// (UTF-8 with or without BOM, or GB18030/GBK as Excel on Chinese Windows
// saves it; comma, semicolon or tab separated, RFC 4180 quoting) or XLSX (the
// first worksheet, read with libzip and pugixml: shared and inline strings,
// numbers, booleans, formula cells by their cached value, merged cells).
// Pure functions; thread-safe. Bad input throws SheetError with a message in
// Chinese and English naming the reason.
#ifndef GONGKAI_REGISTER_SHEET_H_
#define GONGKAI_REGISTER_SHEET_H_

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::reg {

struct SheetCell {
  std::string text;               // as shown (a number cell: its value written out)
  std::optional<double> number;   // XLSX numeric cell (dates are serial numbers)
  bool formula = false;           // a formula cell
  bool formula_without_value = false;  // …whose file holds no computed value
  // Covered by a merged range and not its top-left cell: `text`/`number`
  // are copied from that cell, and `merged_from` names it ("B3").
  std::string merged_from;
};

struct Sheet {
  std::string format;  // "csv" or "xlsx"
  std::string name;    // worksheet name (XLSX)
  bool date1904 = false;  // XLSX workbook in the 1904 date system
  std::vector<std::vector<SheetCell>> rows;  // row 0 is the file's first row
};

class SheetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Sheet ReadCsv(std::string_view bytes);
Sheet ReadXlsx(std::string_view bytes);
// XLSX when the bytes are a zip archive, CSV otherwise.
Sheet ReadSheet(std::string_view bytes);

// "A1"-style name of a 0-based row and column.
std::string CellName(std::size_t row, std::size_t column);

}  // namespace gongkai::reg

#endif  // GONGKAI_REGISTER_SHEET_H_

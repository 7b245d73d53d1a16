// What a person reads on the terminal: numbers, money, places and findings
// in Chinese, in the form's own words, and aligned tables of them. Used by
// every CLI command that prints text (check, ls, search, coverage, stats,
// rollup, compare, rules) and by the notice writer.
//
// Contracts:
//  - No JSON key and no rule id in the text, unless `verbose` asks for ids.
//  - Numbers never in exponent form: counts as integers, money (万元, 元) with
//    the decimals the report printed (at least 2, at most 6), rounding noise
//    of sums (9116.360000000001) never shown.
//  - A place is named as a person names it: the table cell by its labels, or
//    else 第N段 (the N-th non-empty line of the report's text), never a byte
//    offset.
// Everything here is a pure function of its arguments; thread-safe.
#ifndef GONGKAI_WRITERS_TEXT_FORMAT_H_
#define GONGKAI_WRITERS_TEXT_FORMAT_H_

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace gongkai::writers::text {

// "error" → "错误", "warning" → "警告", "info" → "提示" (anything else as is).
std::string_view SeverityName(std::string_view severity);
// "v2021" → "2021年格式（国办公开办函〔2021〕30号）", "v2019" → "2019年试行格式（…60号）",
// "legacy" → "2019年以前格式", otherwise "格式未识别".
std::string_view VersionName(format::Version v);
std::string_view VersionName(std::string_view key);
// The short form for table cells: "2021版", "2019版", "旧版", "未识别".
std::string_view VersionShortName(std::string_view key);

// A region level of the hierarchy CSV in Chinese: "province" → "省级",
// "city" → "市级", "district" → "县级", "street" → "乡镇（街道）",
// "department" → "部门"; anything else as written.
std::string_view LevelName(std::string_view level);

// Digits printed after the decimal point in a cell's raw text ("326.780865"
// → 6, "5" → 0, "1,234.50" → 2).
int PrintedDecimals(std::string_view raw);
// A count or an amount in fixed notation with exactly `decimals` places
// (0..6), "-" for negatives, no exponent, no rounding noise.
std::string Fixed(double v, int decimals);
// An amount of money: at least 2 and at most 6 decimals, as many as printed.
std::string Money(double v, int printed_decimals = 2);
// A number for display: integers without a point, others up to 6 decimals
// with trailing zeros dropped (number::Format), never an exponent.
std::string Number(double v);

// True if the cell is an amount of money (Table 二 fee and procurement
// amounts), whose unit is then MoneyUnit.
bool IsMoney(const Report& r, const CellRef& ref);
// "万元" for the fee rows; the v2019 procurement amount's printed unit ("元",
// "万元") or "" when the report did not say.
std::string MoneyUnit(const Report& r, const CellRef& ref);
// A cell's value for display: "—" when null, money with its printed
// decimals (no unit), counts as integers.
std::string CellText(const Report& r, const CellRef& ref, const CellValue& c);
// The same for a value without its cell (sums, differences): `money` picks
// the money format with `decimals`.
std::string ValueText(const std::optional<double>& v, bool money, int decimals = 2);

// Names a cell in the form's words, choosing among `reports` one whose
// format has the cell (a v2019 row named from a v2021 report would fall
// back to its key): 表二“规章”行“本年新制作数量”列.
std::string CellNameIn(const std::vector<const Report*>& reports, const CellRef& ref);

// Where a finding is: its cell by its labels (表三“自然人”列、“（七）总计”行), or
// 表二/表三/表四 alone, or TextPlace (第N页, 第N段), or "" when nothing is known.
std::string Place(const Report& r, const Finding& f);
// Where in the running text a finding is: 第N页 for a report with pages
// (PDF, scans), else 第N段 from its offset; "" when neither is known.
std::string TextPlace(const Report& r, const Finding& f);
// 第N段: the N-th non-empty line of `text` holding byte `offset` (1-based).
std::string ParagraphName(std::string_view text, std::size_t offset);

struct FindingStyle {
  bool verbose = false;     // append the rule id: "（规则 table3.identity）"
  std::string indent = "  ";
};
// Findings grouped under 【错误】【警告】【提示】, each with its place and the
// source excerpt (原文, and 简体 when converted). Prints "未发现问题" only
// when `findings` is empty.
void PrintFindings(std::ostream& out, const Report& r, const std::vector<Finding>& findings,
                   const FindingStyle& style = {});

// Display width of UTF-8 text on a terminal: East Asian wide and full-width
// characters count 2, combining marks 0, others 1.
std::size_t DisplayWidth(std::string_view s);

// A table printed with columns aligned by display width, two spaces apart,
// numbers right-aligned. Cells containing a tab or newline are printed with
// those replaced by spaces.
class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  // `right`: column indexes to right-align (numbers).
  void RightAlign(std::vector<std::size_t> columns) { right_ = std::move(columns); }
  void AddRow(std::vector<std::string> cells);
  std::size_t size() const { return rows_.size(); }
  void Print(std::ostream& out, std::string_view indent = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> right_;
};

}  // namespace gongkai::writers::text

#endif  // GONGKAI_WRITERS_TEXT_FORMAT_H_

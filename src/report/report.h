// The extracted report: what the extractor produces, the auditor checks and
// the writers print (spec/OUTPUT.md, schema gongkai.report/1).
#ifndef GONGKAI_REPORT_REPORT_H_
#define GONGKAI_REPORT_REPORT_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "document/document.h"
#include "format/labels.h"

namespace gongkai {

// One cell of a table as read from the report. `value` is empty when the cell
// is blank, not applicable ("/", "—") or could not be read: never a silent 0.
struct CellValue {
  std::optional<double> value;
  std::string raw;                    // the text as printed ("/", "5", "")
  std::optional<std::size_t> offset;  // where it was read, in Document::text
  bool found = false;                 // false: the row was not found at all
  bool not_applicable = false;        // "/", "—", "无"
};

// A cell a finding points at: table 2, 3 or 4 with the row and column keys of
// spec/OUTPUT.md (Table 四: the group is the row).
struct CellRef {
  int table = 0;
  std::string row;
  std::string column;
  bool operator==(const CellRef&) const = default;
};

struct Finding {
  std::string rule;      // stable dotted id, e.g. "table3.identity"
  std::string severity;  // "error", "warning" or "info"
  std::string message;   // Chinese, in the form's own words, with the numbers
  std::optional<int> table;  // 2, 3, 4
  std::string row;       // row key (Table 四: group key)
  std::string column;    // column key
  std::string excerpt;   // evidence quoted from the source
  std::optional<std::size_t> offset;
  // The same excerpt in the script the report was written in, when its text
  // was converted to match the labels (Traditional → Simplified; `excerpt`
  // and `offset` quote the converted text); empty otherwise.
  std::string original;
  // Every cell the finding involves (the terms of a failed sum, the cell a
  // narrative figure contradicts); `row`/`column` name the main one.
  std::vector<CellRef> cells;
  // A finding about one row of an application register (gongkai register):
  // the data row's number, the first row under the header being 1.
  std::optional<int> register_row;
  // Facts of a register finding in order (register.overdue: received, due,
  // answered, working_days_over, …): key and value as JSON text ("\"2024-03-05\"", "3", "true").
  std::vector<std::pair<std::string, std::string>> facts;
  // The page `offset` lies on (1-based), for reports that have pages (PDF,
  // scans); empty otherwise.
  std::optional<int> page;
};

struct Source {
  std::string path;
  std::string format;  // "txt", "html", "pdf", "docx", "image"
  std::string sha256;
  std::size_t bytes = 0;
};

struct Meta {
  std::string title;
  std::string agency;
  std::optional<int> year;
  format::Version format_version = format::Version::kUnknown;
  std::string published_on;  // ISO date, empty if none printed
  std::string phone;
  std::string address;
};

struct Section {
  int number = 0;        // 1..6
  std::string heading;   // as printed
  std::string text;
  std::size_t offset = 0;
};

// Table 二: one vector of cells per row of format::Table2Rows(version), each
// with one cell per column of that row.
struct Table2 {
  format::Version version = format::Version::kUnknown;
  std::vector<std::vector<CellValue>> rows;
  std::string procurement_unit;  // v2019 政府集中采购 amount: "元", "万元" or empty
  bool found = false;
};

// Table 三: one row of 7 cells per row of format::Table3Rows(); rows that do
// not belong to the layout in use are left unfound.
struct Table3 {
  std::vector<std::array<CellValue, format::kTable3Columns>> rows;
  bool other_split = true;  // （六）其他处理 printed as three rows (v2021)
  bool found = false;
};

struct Table4 {
  std::array<std::array<CellValue, format::kTable4Columns>, format::kTable4Groups> groups;
  bool found = false;
};

// The cells a figure in the running text speaks of: the sum of `rows` ×
// `columns` of one table.
struct NarrativeTarget {
  int table = 0;
  std::vector<std::string> rows;
  std::vector<std::string> columns;
};

// A figure stated in the running text about something the tables count
// ("新收到依申请公开政府信息5件"), found by extract/narrative.
struct NarrativeFigure {
  std::string topic;  // what it speaks of: "table3.new_received", "table2.fees", …
  // What the figure may equal, the first being the reading named in findings
  // ("办理…27件" may count the new requests or new + carried over).
  std::vector<NarrativeTarget> alternatives;
  double value = 0;
  std::string unit;      // as printed: "件", "个", "元", "万元", "亿元"
  // Digits printed after the decimal point; negative for a count rounded to
  // a place above the units ("1.2万件": -3, compared within half of 1000).
  int decimals = 0;
  // The text may speak of something else than `alternatives` ("各镇共收到申请
  // 400件" in a paragraph that never names disclosure requests): a mismatch is
  // then a warning (narrative.unclear) that says what was compared, not an error.
  bool ambiguous = false;
  std::size_t offset = 0;  // of the number in Report::text
  std::size_t length = 0;  // bytes of number and unit in Report::text
};

struct Report {
  Source source;
  Meta meta;
  std::vector<Section> sections;
  Table2 table2;
  Table3 table3;
  Table4 table4;
  std::vector<Finding> findings;
  std::vector<NarrativeFigure> narrative;

  // The text the offsets point into (Document::text), kept for evidence.
  std::string text;
  // Document::original and its anchors: the text as written, when `text` is
  // its conversion to Simplified; empty otherwise.
  std::string original;
  std::vector<OffsetAnchor> original_anchors;
  // Document::page_offsets: where each page begins in `text` (PDF, scans).
  std::vector<std::size_t> page_offsets;
};

// Rows of Table 三 that the layout in use prints (26 keys minus either
// `other` or the three `other.*`).
bool Table3RowInLayout(const Table3& t, std::size_t row_index);

}  // namespace gongkai

#endif  // GONGKAI_REPORT_REPORT_H_

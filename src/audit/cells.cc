#include "audit/cells.h"

namespace gongkai::audit {

namespace {

int IndexOf(auto span, std::string_view key) {
  for (std::size_t i = 0; i < span.size(); ++i) {
    if (span[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

// One lookup for const and mutable reports.
template <typename R>
auto Find(R& r, const CellRef& ref) -> decltype(&r.table4.groups[0][0]) {
  if (ref.table == 3) {
    const int row = format::Table3RowIndex(ref.row);
    const int col = IndexOf(format::Table3Columns(), ref.column);
    if (row < 0 || col < 0 || static_cast<std::size_t>(row) >= r.table3.rows.size()) return nullptr;
    if (!Table3RowInLayout(r.table3, static_cast<std::size_t>(row))) return nullptr;
    return &r.table3.rows[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)];
  }
  if (ref.table == 4) {
    const int g = IndexOf(format::Table4Groups(), ref.row);
    const int col = IndexOf(format::Table4Columns(), ref.column);
    if (g < 0 || col < 0) return nullptr;
    return &r.table4.groups[static_cast<std::size_t>(g)][static_cast<std::size_t>(col)];
  }
  if (ref.table == 2) {
    const auto rows = format::Table2Rows(r.table2.version);
    const int row = IndexOf(rows, ref.row);
    if (row < 0 || static_cast<std::size_t>(row) >= r.table2.rows.size()) return nullptr;
    const int col = IndexOf(rows[static_cast<std::size_t>(row)].columns, ref.column);
    auto& cells = r.table2.rows[static_cast<std::size_t>(row)];
    if (col < 0 || static_cast<std::size_t>(col) >= cells.size()) return nullptr;
    return &cells[static_cast<std::size_t>(col)];
  }
  return nullptr;
}

}  // namespace

CellValue* MutableCellAt(Report& r, const CellRef& ref) { return Find(r, ref); }
const CellValue* CellAt(const Report& r, const CellRef& ref) { return Find(r, ref); }

std::optional<double> ValueAt(const Report& r, const CellRef& ref) {
  const CellValue* c = CellAt(r, ref);
  if (!c) return std::nullopt;
  return c->value;
}

std::vector<CellRef> Table3Cells(const Report& r) {
  std::vector<CellRef> out;
  const auto rows = format::Table3Rows();
  for (std::size_t i = 0; i < rows.size() && i < r.table3.rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    for (const auto& c : format::Table3Columns()) out.push_back({3, std::string(rows[i].key), std::string(c.key)});
  }
  return out;
}

void SoftenOverShortRows(const Report& r, std::vector<Finding>& out) {
  std::vector<const Finding*> short_rows;
  for (const Finding& f : r.findings) {
    if (f.rule == "extract.row_short") short_rows.push_back(&f);
  }
  if (short_rows.empty()) return;
  for (Finding& f : out) {
    const Finding* because = nullptr;
    for (const Finding* s : short_rows) {
      for (const CellRef& c : f.cells) {
        // A Table 四 reading that fell short has no row: all its groups.
        if (s->table == c.table && (s->row == c.row || s->row.empty())) because = s;
      }
    }
    if (!because) continue;
    if (f.severity == "error") f.severity = "warning";
    f.message += "（该表" + std::string(because->row.empty() ? "" : "此行") +
                 "读到的数值个数不足，数值按顺序填入，位置可能有误：不一定是报告的错误，请核对原件）";
  }
}

std::vector<CellRef> Table4Cells() {
  std::vector<CellRef> out;
  for (const auto& g : format::Table4Groups()) {
    for (const auto& c : format::Table4Columns()) out.push_back({4, std::string(g.key), std::string(c.key)});
  }
  return out;
}

}  // namespace gongkai::audit

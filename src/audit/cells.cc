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

std::vector<CellRef> Table4Cells() {
  std::vector<CellRef> out;
  for (const auto& g : format::Table4Groups()) {
    for (const auto& c : format::Table4Columns()) out.push_back({4, std::string(g.key), std::string(c.key)});
  }
  return out;
}

}  // namespace gongkai::audit

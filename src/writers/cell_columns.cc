#include "writers/cell_columns.h"

#include "audit/names.h"

namespace gongkai::writers {

std::string Unquote(std::string s) {
  static constexpr std::string_view kOpen = "“", kClose = "”";
  if (s.rfind(kOpen, 0) == 0) s.erase(0, kOpen.size());
  if (s.size() >= kClose.size() && s.compare(s.size() - kClose.size(), kClose.size(), kClose) == 0) {
    s.erase(s.size() - kClose.size());
  }
  return s;
}

std::vector<CellColumn> CellColumns(int table, format::Version version) {
  std::vector<CellColumn> out;
  Report shape;  // names cells of this form
  shape.table2.version = version == format::Version::kV2019 ? format::Version::kV2019 : format::Version::kV2021;
  if (table == 2) {
    for (const auto& row : format::Table2Rows(shape.table2.version)) {
      for (const auto& col : row.columns) {
        out.push_back({2, shape.table2.version, row.key, col.key, std::string(row.label), std::string(col.label),
                       row.money && col.key == "amount"});
      }
    }
  } else if (table == 3) {
    for (const auto& row : format::Table3Rows()) {
      const std::string label = Unquote(audit::RowName(shape, CellRef{3, std::string(row.key), ""}));
      for (const auto& col : format::Table3Columns()) {
        out.push_back({3, format::Version::kUnknown, row.key, col.key, label, std::string(col.label), false});
      }
    }
  } else if (table == 4) {
    for (const auto& g : format::Table4Groups()) {
      const std::string label = Unquote(audit::RowName(shape, CellRef{4, std::string(g.key), ""}));
      for (const auto& col : format::Table4Columns()) {
        out.push_back({4, format::Version::kUnknown, g.key, col.key, label, std::string(col.label), false});
      }
    }
  }
  return out;
}

std::vector<CellColumn> AllCellColumns() {
  std::vector<CellColumn> out = CellColumns(2, format::Version::kV2021);
  for (auto part : {CellColumns(2, format::Version::kV2019), CellColumns(3), CellColumns(4)}) {
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

const CellValue* CellOf(const Report& r, const CellColumn& c) {
  if (c.table == 2) {
    const format::Version v = r.table2.version == format::Version::kV2019 ? format::Version::kV2019
                                                                          : format::Version::kV2021;
    if (v != c.version) return nullptr;
    const auto rows = format::Table2Rows(v);
    for (std::size_t i = 0; i < rows.size() && i < r.table2.rows.size(); ++i) {
      if (rows[i].key != c.row_key) continue;
      for (std::size_t k = 0; k < rows[i].columns.size() && k < r.table2.rows[i].size(); ++k) {
        if (rows[i].columns[k].key == c.column_key) return &r.table2.rows[i][k];
      }
    }
    return nullptr;
  }
  if (c.table == 3) {
    const int i = format::Table3RowIndex(c.row_key);
    if (i < 0 || static_cast<std::size_t>(i) >= r.table3.rows.size()) return nullptr;
    if (!Table3RowInLayout(r.table3, static_cast<std::size_t>(i))) return nullptr;
    const auto cols = format::Table3Columns();
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (cols[k].key == c.column_key) return &r.table3.rows[static_cast<std::size_t>(i)][k];
    }
    return nullptr;
  }
  if (c.table == 4) {
    const auto groups = format::Table4Groups();
    const auto cols = format::Table4Columns();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].key != c.row_key) continue;
      for (std::size_t k = 0; k < cols.size(); ++k) {
        if (cols[k].key == c.column_key) return &r.table4.groups[g][k];
      }
    }
  }
  return nullptr;
}

}  // namespace gongkai::writers

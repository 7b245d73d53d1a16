#include "audit/names.h"

#include "util/number.h"

namespace gongkai::audit {

namespace {

// The header over the five organisation columns of Table 三 and over the two
// litigation groups of Table 四. format/labels.h lists them only among the
// structural labels, not attached to the columns, so they are named here.
constexpr std::string_view kOrgHeader = "法人或其他组织";
constexpr std::string_view kLitigationHeader = "行政诉讼";

std::string Quote(std::string_view s) { return "“" + std::string(s) + "”"; }

// "（二）部分公开（区分处理的，…）" is named by its short alias.
std::string_view ShortLabel(const format::Table3Row& row) {
  for (std::string_view a : row.aliases) {
    if (!a.empty() && row.label.rfind(a, 0) == 0) return a;
  }
  return row.label;
}

}  // namespace

std::string TableName(int table) {
  switch (table) {
    case 2: return "表二";
    case 3: return "表三";
    case 4: return "表四";
    default: return "表格";
  }
}

std::string RowName(const Report& r, const CellRef& ref) {
  if (ref.table == 3) {
    const int i = format::Table3RowIndex(ref.row);
    if (i < 0) return Quote(ref.row);
    const auto& row = format::Table3Rows()[static_cast<std::size_t>(i)];
    if (!row.group.empty() && row.group.rfind("（", 0) == 0 && row.label.rfind("（", 0) != 0) {
      return Quote(std::string(row.group) + "—" + std::string(ShortLabel(row)));
    }
    return Quote(ShortLabel(row));
  }
  if (ref.table == 4) {
    for (const auto& g : format::Table4Groups()) {
      if (g.key != ref.row) continue;
      if (g.key == "review") return Quote(g.label);
      return Quote(std::string(kLitigationHeader) + "—" + std::string(g.label));
    }
  }
  if (ref.table == 2) {
    for (const auto& row : format::Table2Rows(r.table2.version)) {
      if (row.key == ref.row) return Quote(row.label);
    }
  }
  return Quote(ref.row);
}

std::string ColumnName(const Report& r, const CellRef& ref) {
  if (ref.table == 3) {
    const auto cols = format::Table3Columns();
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i].key != ref.column) continue;
      if (i == 0 || i + 1 == cols.size()) return Quote(cols[i].label);
      return Quote(std::string(kOrgHeader) + "—" + std::string(cols[i].label));
    }
  }
  if (ref.table == 4) {
    for (const auto& c : format::Table4Columns()) {
      if (c.key == ref.column) return Quote(c.label);
    }
  }
  if (ref.table == 2) {
    for (const auto& row : format::Table2Rows(r.table2.version)) {
      if (row.key != ref.row) continue;
      for (const auto& c : row.columns) {
        if (c.key == ref.column) return Quote(c.label);
      }
    }
  }
  return Quote(ref.column);
}

std::string CellName(const Report& r, const CellRef& ref) {
  if (ref.table == 3) return TableName(3) + ColumnName(r, ref) + "列、" + RowName(r, ref) + "行";
  if (ref.table == 4) return TableName(4) + RowName(r, ref) + "的" + ColumnName(r, ref);
  return TableName(ref.table) + RowName(r, ref) + "行" + ColumnName(r, ref) + "列";
}

std::string Num(double v) { return number::Format(v); }

}  // namespace gongkai::audit

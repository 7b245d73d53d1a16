// Visiting every table cell of a report in the layout it printed.
#ifndef GONGKAI_REPORT_FOR_EACH_CELL_H_
#define GONGKAI_REPORT_FOR_EACH_CELL_H_

#include <cstddef>

#include "format/labels.h"
#include "report/report.h"

namespace gongkai {

// Calls `cell(table, row_key, column_key, value)` for every cell of the
// report's layout, in the order of spec/OUTPUT.md. Shared by the writers and
// the store.
template <typename F>
void ForEachCell(const Report& r, F&& cell) {
  const auto t2 = format::Table2Rows(r.table2.version);
  for (std::size_t i = 0; i < t2.size() && i < r.table2.rows.size(); ++i) {
    for (std::size_t c = 0; c < t2[i].columns.size() && c < r.table2.rows[i].size(); ++c) {
      cell(2, t2[i].key, t2[i].columns[c].key, r.table2.rows[i][c]);
    }
  }
  const auto t3 = format::Table3Rows();
  const auto t3c = format::Table3Columns();
  for (std::size_t i = 0; i < t3.size() && i < r.table3.rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    for (std::size_t c = 0; c < t3c.size(); ++c) cell(3, t3[i].key, t3c[c].key, r.table3.rows[i][c]);
  }
  const auto groups = format::Table4Groups();
  const auto t4c = format::Table4Columns();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (std::size_t c = 0; c < t4c.size(); ++c) cell(4, groups[g].key, t4c[c].key, r.table4.groups[g][c]);
  }
}

}  // namespace gongkai

#endif  // GONGKAI_REPORT_FOR_EACH_CELL_H_

#include "report/report.h"

namespace gongkai {

bool Table3RowInLayout(const Table3& t, std::size_t row_index) {
  const auto rows = format::Table3Rows();
  if (row_index >= rows.size()) return false;
  const auto& r = rows[row_index];
  return t.other_split ? r.in_v2021_split : r.in_single_other;
}

}  // namespace gongkai

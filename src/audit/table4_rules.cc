// Table 四: in each group 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
#include <cmath>

#include "audit/cells.h"
#include "audit/checks.h"
#include "audit/finding.h"
#include "audit/names.h"

namespace gongkai::audit {

void CheckTable4(Report& r) {
  if (!r.table4.found) return;
  const auto groups = format::Table4Groups();
  const auto cols = format::Table4Columns();
  const std::size_t total = cols.size() - 1;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    auto ref = [&](std::size_t c) { return CellRef{4, std::string(groups[g].key), std::string(cols[c].key)}; };
    bool complete = true;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const auto& v = r.table4.groups[g][c].value;
      complete &= v.has_value();
      if (v && (*v < 0 || *v != std::floor(*v))) {
        r.findings.push_back(MakeFinding(r, "table4.value_invalid",
                                         CellName(r, ref(c)) + "为" + Num(*v) + "，案件数应为非负整数", {ref(c)}));
      }
    }
    if (!complete) continue;
    double sum = 0;
    std::string terms;
    std::vector<CellRef> cells = {ref(total)};
    for (std::size_t c = 0; c < total; ++c) {
      sum += *r.table4.groups[g][c].value;
      terms += (c ? "+" : "") + Num(*r.table4.groups[g][c].value);
      cells.push_back(ref(c));
    }
    const double printed = *r.table4.groups[g][total].value;
    if (std::fabs(sum - printed) < 1e-9) continue;
    // One equation cannot tell which of its five cells is wrong: all are located.
    std::vector<Finding> found{MakeFinding(r, "table4.group_sum",
                                           TableName(4) + RowName(r, ref(0)) + "：结果维持、结果纠正、其他结果、尚未审结之和(" +
                                               terms + "=" + Num(sum) + ")不等于" + ColumnName(r, ref(total)) + "(" +
                                               Num(printed) + ")",
                                           std::move(cells))};
    SoftenOverShortRows(r, found);
    r.findings.push_back(std::move(found.front()));
  }
}

}  // namespace gongkai::audit

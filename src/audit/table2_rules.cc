// Table 二: counts are non-negative integers, the fee a non-negative amount in
// 万元 whose magnitude is plausible.
#include <cmath>

#include "audit/checks.h"
#include "audit/finding.h"
#include "audit/names.h"

namespace gongkai::audit {

namespace {

// 100亿元: more than any district or county collects; a figure this large is
// almost always an amount in 元 typed into the 万元 column.
constexpr double kImplausibleFeeWanYuan = 1e6;
// 万元 with more than six decimals is finer than a 分.
constexpr std::size_t kMaxFeeDecimals = 6;

}  // namespace

void CheckTable2(Report& r) {
  if (!r.table2.found) return;
  const auto rows = format::Table2Rows(r.table2.version);
  for (std::size_t i = 0; i < rows.size() && i < r.table2.rows.size(); ++i) {
    for (std::size_t c = 0; c < rows[i].columns.size() && c < r.table2.rows[i].size(); ++c) {
      const CellValue& cell = r.table2.rows[i][c];
      if (!cell.value) continue;
      const CellRef ref{2, std::string(rows[i].key), std::string(rows[i].columns[c].key)};
      const double v = *cell.value;
      const bool money = rows[i].money && rows[i].columns[c].key != "items";
      // 本年增/减 (v2019) is a change and may be negative.
      const bool signed_change = rows[i].columns[c].key == "change";
      if ((!signed_change && v < 0) || (!money && v != std::floor(v))) {
        r.findings.push_back(MakeFinding(
            r, "table2.value_invalid",
            CellName(r, ref) + "为" + Num(v) + (money ? "，金额不应为负数" : "，件数应为非负整数"), {ref}));
        continue;
      }
      if (!money || r.table2.version == format::Version::kV2019) continue;
      const std::size_t dot = cell.raw.find('.');
      const std::size_t decimals = dot == std::string::npos ? 0 : cell.raw.size() - dot - 1;
      if (v >= kImplausibleFeeWanYuan) {
        r.findings.push_back(MakeFinding(r, "table2.fee_magnitude",
                                         CellName(r, ref) + "为" + Num(v) + "万元（即" + Num(v / 1e4) +
                                             "亿元），数额异常之大，疑将以元为单位的金额填入了万元栏",
                                         {ref}));
      } else if (decimals > kMaxFeeDecimals) {
        r.findings.push_back(MakeFinding(r, "table2.fee_magnitude",
                                         CellName(r, ref) + "为" + cell.raw + "，以万元计有" +
                                             std::to_string(decimals) + "位小数（细于分），疑单位有误",
                                         {ref}));
      }
    }
  }
}

}  // namespace gongkai::audit

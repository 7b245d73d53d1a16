// Table 三: the arithmetic printed on the form and what follows from it.
//
// A wrong cell breaks its row (总计 column ≠ six applicants) and its column
// (the identity, or （七）总计 ≠ outcomes). The cell where a failing row meets a
// failing column, of a row the failing column check involves, is named as the
// likely culprit with the value each check implies.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "audit/cells.h"
#include "audit/checks.h"
#include "audit/finding.h"
#include "audit/names.h"

namespace gongkai::audit {

namespace {

constexpr std::size_t kCols = format::kTable3Columns;
constexpr std::size_t kTotalCol = kCols - 1;

struct Grid {
  const Report& r;
  std::optional<double> At(std::size_t row, std::size_t col) const {
    if (row >= r.table3.rows.size()) return std::nullopt;
    return r.table3.rows[row][col].value;
  }
  CellRef Ref(std::size_t row, std::size_t col) const {
    return {3, std::string(format::Table3Rows()[row].key), std::string(format::Table3Columns()[col].key)};
  }
};

std::size_t Row(std::string_view key) { return static_cast<std::size_t>(format::Table3RowIndex(key)); }

bool Differs(double a, double b) { return std::fabs(a - b) > 1e-9; }

}  // namespace

void CheckTable3(Report& r) {
  if (!r.table3.found) return;
  const Grid g{r};
  const auto rows = format::Table3Rows();
  const std::size_t kNew = Row("new_received"), kCarried = Row("carried_over"), kTotal = Row("total"),
                    kForward = Row("carried_forward");
  std::vector<std::size_t> outcomes;
  for (std::size_t i = 0; i < rows.size() && i < r.table3.rows.size(); ++i) {
    if (rows[i].outcome && Table3RowInLayout(r.table3, i)) outcomes.push_back(i);
  }
  std::vector<Finding> out;

  // Non-negative integers.
  for (std::size_t i = 0; i < rows.size() && i < r.table3.rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    for (std::size_t c = 0; c < kCols; ++c) {
      const auto v = g.At(i, c);
      if (!v || (*v >= 0 && *v == std::floor(*v))) continue;
      out.push_back(MakeFinding(r, "table3.value_invalid",
                                CellName(r, g.Ref(i, c)) + "为" + Num(*v) + "，申请件数应为非负整数",
                                {g.Ref(i, c)}));
    }
  }

  // Per row: 总计 column = the six applicant columns.
  std::set<std::size_t> bad_rows;
  for (std::size_t i = 0; i < rows.size() && i < r.table3.rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    double sum = 0;
    bool complete = true;
    for (std::size_t c = 0; c < kCols; ++c) complete &= g.At(i, c).has_value();
    if (!complete) continue;
    for (std::size_t c = 0; c < kTotalCol; ++c) sum += *g.At(i, c);
    if (!Differs(sum, *g.At(i, kTotalCol))) continue;
    bad_rows.insert(i);
    std::vector<CellRef> cells = {g.Ref(i, kTotalCol)};
    for (std::size_t c = 0; c < kTotalCol; ++c) cells.push_back(g.Ref(i, c));
    out.push_back(MakeFinding(r, "table3.row_sum",
                              TableName(3) + RowName(r, g.Ref(i, 0)) + "行：六类申请人之和(" + Num(sum) +
                                  ")不等于" + ColumnName(r, g.Ref(i, kTotalCol)) + "列(" +
                                  Num(*g.At(i, kTotalCol)) + ")",
                              std::move(cells)));
  }

  // Per column: the identity and （七）总计.
  std::set<std::size_t> bad_identity, bad_outcome;
  for (std::size_t c = 0; c < kCols; ++c) {
    const auto n = g.At(kNew, c), k = g.At(kCarried, c), t = g.At(kTotal, c), f = g.At(kForward, c);
    if (n && k && t && f && Differs(*n + *k, *t + *f)) {
      bad_identity.insert(c);
      out.push_back(MakeFinding(r, "table3.identity",
                                TableName(3) + ColumnName(r, g.Ref(kNew, c)) + "列：第一项加第二项之和(" +
                                    Num(*n) + "+" + Num(*k) + "=" + Num(*n + *k) +
                                    ")不等于第三项加第四项之和(" + Num(*t) + "+" + Num(*f) + "=" +
                                    Num(*t + *f) + ")",
                                {g.Ref(kTotal, c), g.Ref(kNew, c), g.Ref(kCarried, c), g.Ref(kForward, c)}));
    }
    if (!t) continue;
    double sum = 0;
    bool complete = true;
    for (std::size_t i : outcomes) {
      if (const auto v = g.At(i, c)) sum += *v;
      else complete = false;
    }
    if (!complete || !Differs(sum, *t)) continue;
    bad_outcome.insert(c);
    std::vector<CellRef> cells = {g.Ref(kTotal, c)};
    for (std::size_t i : outcomes) cells.push_back(g.Ref(i, c));
    out.push_back(MakeFinding(r, "table3.outcome_sum",
                              TableName(3) + ColumnName(r, g.Ref(kTotal, c)) + "列：各项办理结果之和(" +
                                  Num(sum) + ")不等于" + RowName(r, g.Ref(kTotal, c)) + "行(" + Num(*t) + ")",
                              std::move(cells)));
  }

  // The culprit: a failing row meets a failing column whose failing checks
  // are exactly those the cell takes part in.
  std::vector<std::pair<std::size_t, std::size_t>> suspects;
  for (std::size_t i : bad_rows) {
    const bool in_identity = i == kNew || i == kCarried || i == kForward;
    const bool is_outcome = std::find(outcomes.begin(), outcomes.end(), i) != outcomes.end();
    for (std::size_t c = 0; c < kCols; ++c) {
      const bool id = bad_identity.count(c) > 0, oc = bad_outcome.count(c) > 0;
      if ((i == kTotal && id && oc) || (in_identity && id && !oc) || (is_outcome && oc && !id)) {
        suspects.emplace_back(i, c);
      }
    }
  }
  // Many crossings mean many wrong cells: naming one would mislead.
  if (suspects.size() <= 3) {
    for (const auto& [i, c] : suspects) {
      // The value the row implies.
      double row_implied = 0;
      if (c == kTotalCol) {
        for (std::size_t k = 0; k < kTotalCol; ++k) row_implied += *g.At(i, k);
      } else {
        row_implied = *g.At(i, kTotalCol);
        for (std::size_t k = 0; k < kTotalCol; ++k) {
          if (k != c) row_implied -= *g.At(i, k);
        }
      }
      // The value the column implies.
      std::optional<double> col_implied;
      const auto n = g.At(kNew, c), k = g.At(kCarried, c), t = g.At(kTotal, c), f = g.At(kForward, c);
      if (i == kNew && k && t && f) col_implied = *t + *f - *k;
      if (i == kCarried && n && t && f) col_implied = *t + *f - *n;
      if (i == kForward && n && k && t) col_implied = *n + *k - *t;
      if (i == kTotal || (std::find(outcomes.begin(), outcomes.end(), i) != outcomes.end())) {
        double s = 0;
        for (std::size_t o : outcomes) {
          if (o != i) s += g.At(o, c).value_or(0);
        }
        col_implied = i == kTotal ? s : *t - s;
      }
      std::string why = "该行六类申请人之和与" + ColumnName(r, g.Ref(i, kTotalCol)) + "列不符";
      if (bad_identity.count(c)) why += "，该列第一项加第二项之和不等于第三项加第四项之和";
      if (bad_outcome.count(c)) why += "，该列各项办理结果之和与" + RowName(r, g.Ref(kTotal, c)) + "行不符";
      std::string msg = CellName(r, g.Ref(i, c)) + "的数值(" + Num(*g.At(i, c)) + ")最可能有误：" + why +
                        "。按该行合计应为" + Num(row_implied);
      if (col_implied) msg += "，按该列勾稽应为" + Num(*col_implied);
      out.push_back(MakeFinding(r, "table3.suspect_cell", std::move(msg), {g.Ref(i, c)}));
    }
  }
  SoftenOverShortRows(r, out);
  for (auto& f : out) r.findings.push_back(std::move(f));
}

}  // namespace gongkai::audit

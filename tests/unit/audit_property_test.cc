// Property tests of the table arithmetic: random consistent tables pass, and
// any single perturbation fails with the perturbed cell located.
#include <gtest/gtest.h>

#include <random>

#include "audit/audit.h"
#include "audit/cells.h"
#include "audit_test_util.h"

namespace gongkai::audit {
namespace {

constexpr std::size_t kCols = format::kTable3Columns;

void Fill(CellValue& c, double v) {
  c.value = v;
  c.raw = std::to_string(static_cast<long>(v));
  c.found = true;
}

// A consistent Table 三 and 四 in the layout `split`.
Report RandomReport(std::mt19937& rng, bool split) {
  std::uniform_int_distribution<int> small(0, 9);
  Report r;
  r.table3.found = true;
  r.table3.other_split = split;
  r.table4.found = true;
  const auto rows = format::Table3Rows();
  r.table3.rows.resize(rows.size());
  const std::size_t kTotal = static_cast<std::size_t>(format::Table3RowIndex("total"));
  const std::size_t kNew = static_cast<std::size_t>(format::Table3RowIndex("new_received"));
  const std::size_t kCarried = static_cast<std::size_t>(format::Table3RowIndex("carried_over"));
  const std::size_t kForward = static_cast<std::size_t>(format::Table3RowIndex("carried_forward"));
  std::array<double, kCols> total{};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].outcome || !Table3RowInLayout(r.table3, i)) continue;
    double row_total = 0;
    for (std::size_t c = 0; c + 1 < kCols; ++c) {
      const double v = small(rng) < 6 ? 0 : small(rng);
      Fill(r.table3.rows[i][c], v);
      row_total += v;
      total[c] += v;
    }
    Fill(r.table3.rows[i][kCols - 1], row_total);
    total[kCols - 1] += row_total;
  }
  std::array<double, kCols> carried{}, forward{};
  for (std::size_t c = 0; c + 1 < kCols; ++c) {
    carried[c] = std::min<double>(small(rng), total[c]);
    forward[c] = small(rng);
    carried[kCols - 1] += carried[c];
    forward[kCols - 1] += forward[c];
  }
  for (std::size_t c = 0; c < kCols; ++c) {
    Fill(r.table3.rows[kTotal][c], total[c]);
    Fill(r.table3.rows[kCarried][c], carried[c]);
    Fill(r.table3.rows[kForward][c], forward[c]);
    Fill(r.table3.rows[kNew][c], total[c] + forward[c] - carried[c]);
  }
  for (auto& g : r.table4.groups) {
    double sum = 0;
    for (std::size_t c = 0; c + 1 < format::kTable4Columns; ++c) {
      Fill(g[c], small(rng));
      sum += *g[c].value;
    }
    Fill(g[format::kTable4Columns - 1], sum);
  }
  return r;
}

TEST(AuditProperty, ConsistentTablesPassAndAnySinglePerturbationFails) {
  std::mt19937 rng(20240118);
  for (int round = 0; round < 200; ++round) {
    const bool split = round % 2 == 0;
    const Report clean = testing::Audited(RandomReport(rng, split));
    ASSERT_EQ(testing::Errors(clean), 0) << testing::Describe(clean);
    std::vector<CellRef> cells = Table3Cells(clean);
    for (const CellRef& c : Table4Cells()) cells.push_back(c);
    const CellRef cell = cells[std::uniform_int_distribution<std::size_t>(0, cells.size() - 1)(rng)];
    Report r = clean;
    CellValue* v = MutableCellAt(r, cell);
    const double delta = std::uniform_int_distribution<int>(1, 20)(rng);
    *v->value += (*v->value >= delta && rng() % 2) ? -delta : delta;
    r = testing::Audited(std::move(r));
    bool located = false, pinned = false;
    for (const Finding& f : r.findings) {
      located |= f.severity == "error" && testing::Locates(f, cell);
      pinned |= f.rule == "table3.suspect_cell" && f.row == cell.row && f.column == cell.column;
    }
    EXPECT_TRUE(located) << cell.row << "/" << cell.column << "\n" << testing::Describe(r);
    if (cell.table == 3) {
      EXPECT_TRUE(pinned) << cell.row << "/" << cell.column << "\n" << testing::Describe(r);
    }
  }
}

}  // namespace
}  // namespace gongkai::audit

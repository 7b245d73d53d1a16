// Mutation tests: every single change of a Table 三/四 cell, made in the
// Report or in the source text before extraction, and every change of a
// figure in the text, must be reported with the changed cell located.
#include <gtest/gtest.h>

#include <iostream>

#include "audit/cells.h"
#include "audit_test_util.h"

namespace gongkai::audit {
namespace {

using testing::CleanSeed;
using testing::Locates;

bool ReportedAt(const Report& r, const CellRef& cell) {
  for (const Finding& f : r.findings) {
    if (f.severity == "error" && Locates(f, cell)) return true;
  }
  return false;
}

// Table 三 cells are pinned down by the crossing of their row and column checks.
bool SuspectAt(const Report& r, const CellRef& cell) {
  for (const Finding* f : testing::WithRule(r, "table3.suspect_cell")) {
    if (f->row == cell.row && f->column == cell.column) return true;
  }
  return false;
}

std::vector<CellRef> MutableCells(const Report& r) {
  std::vector<CellRef> cells = Table3Cells(r);
  for (const CellRef& c : Table4Cells()) cells.push_back(c);
  return cells;
}

TEST(AuditMutation, EveryCellChangedInTheReport) {
  for (const std::string& name : testing::SeedNames()) {
    const Report clean = CleanSeed(name);
    int tried = 0, detected = 0, pinned = 0;
    for (const CellRef& cell : MutableCells(clean)) {
      if (!ValueAt(clean, cell)) continue;
      for (double delta : {1.0, 3.0, -1.0}) {
        Report r = clean;
        CellValue* c = MutableCellAt(r, cell);
        if (*c->value + delta < 0) continue;
        *c->value += delta;
        r = testing::Audited(std::move(r));
        ++tried;
        const bool reported = ReportedAt(r, cell);
        detected += reported;
        EXPECT_TRUE(reported) << name << " " << cell.row << "/" << cell.column << " " << delta;
        if (cell.table == 3) {
          const bool suspect = SuspectAt(r, cell);
          pinned += suspect;
          EXPECT_TRUE(suspect) << name << " " << cell.row << "/" << cell.column << "\n" << testing::Describe(r);
        }
      }
    }
    std::cout << name << ": " << detected << "/" << tried << " changes reported, " << pinned
              << " Table 三 changes pinned to their cell\n";
  }
}

TEST(AuditMutation, EveryCellChangedInTheSourceText) {
  for (const std::string& name : testing::SeedNames()) {
    const std::string bytes = testing::ReadAll(testing::SeedPath(name));
    const Report clean = CleanSeed(name);
    int tried = 0, detected = 0;
    for (const CellRef& cell : MutableCells(clean)) {
      const CellValue* c = CellAt(clean, cell);
      if (!c || !c->value || !c->offset || c->raw.empty()) continue;
      // "0" → "10", "27" → "127": another number in the same place.
      std::string changed = bytes;
      ASSERT_EQ(changed.compare(*c->offset, c->raw.size(), c->raw), 0) << name << " " << cell.row;
      changed.insert(*c->offset, "1");
      const Report r = pipeline::ProcessBytes(changed, name);
      const auto v = ValueAt(r, cell);
      ASSERT_TRUE(v) << name << " " << cell.row << "/" << cell.column << " not re-extracted";
      ASSERT_NE(*v, *c->value) << name << " " << cell.row << "/" << cell.column;
      ++tried;
      const bool reported = ReportedAt(r, cell);
      detected += reported;
      EXPECT_TRUE(reported) << name << " " << cell.row << "/" << cell.column;
    }
    std::cout << name << ": " << detected << "/" << tried << " source-text changes reported\n";
  }
}

TEST(AuditMutation, EveryNarrativeFigureChangedInTheSourceText) {
  for (const std::string& name : testing::SeedNames()) {
    const std::string bytes = testing::ReadAll(testing::SeedPath(name));
    const Report clean = CleanSeed(name);
    int tried = 0, detected = 0;
    for (const NarrativeFigure& fig : clean.narrative) {
      if (fig.unit.empty()) continue;  // statements of zero: see below
      std::string changed = bytes;
      changed.insert(fig.offset, "1");  // 27件 → 127件
      const Report r = pipeline::ProcessBytes(changed, name);
      ++tried;
      bool reported = false;
      for (const Finding& f : r.findings) {
        // A figure whose reference is unclear is reported as a warning.
        const bool as_expected = fig.ambiguous ? f.rule == "narrative.unclear"
                                               : f.severity == "error" && f.rule.rfind("narrative.", 0) == 0;
        if (!as_expected || f.offset != fig.offset) continue;
        // The finding names the cell the figure speaks of.
        std::vector<CellRef> cells;
        for (const auto& row : fig.alternatives.front().rows) {
          for (const auto& col : fig.alternatives.front().columns) cells.push_back({fig.alternatives.front().table, row, col});
        }
        for (const CellRef& cell : cells) reported |= CellAt(r, cell) && Locates(f, cell);
      }
      detected += reported;
      EXPECT_TRUE(reported) << name << " " << fig.topic << " " << fig.value << fig.unit << "\n" << testing::Describe(r);
    }
    std::cout << name << ": " << detected << "/" << tried << " narrative figure changes reported\n";
  }
}

// Statements of zero ("未收到政府信息公开申请", "无因政府信息公开工作被申请
// 行政复议、提起行政诉讼") print no digit to change: change the cell they speak
// of instead; the statement must then be reported against that cell.
TEST(AuditMutation, EveryZeroStatementContradicted) {
  int total = 0;
  for (const std::string& name : testing::SeedNames()) {
    const Report clean = CleanSeed(name);
    int tried = 0, detected = 0;
    for (const NarrativeFigure& fig : clean.narrative) {
      if (!fig.unit.empty()) continue;
      ASSERT_EQ(fig.value, 0) << name << " " << fig.topic;
      const NarrativeTarget& t = fig.alternatives.front();
      const CellRef cell{t.table, t.rows.front(), t.columns.front()};
      if (!ValueAt(clean, cell)) continue;  // "/" or blank: nothing to contradict
      Report r = clean;
      *MutableCellAt(r, cell)->value += 2;
      r = testing::Audited(std::move(r));
      ++tried;
      bool reported = false;
      for (const Finding& f : r.findings) {
        reported |= f.severity == "error" && f.rule.rfind("narrative.", 0) == 0 && f.offset == fig.offset &&
                    Locates(f, cell);
      }
      detected += reported;
      EXPECT_TRUE(reported) << name << " " << fig.topic << "\n" << testing::Describe(r);
    }
    total += tried;
    std::cout << name << ": " << detected << "/" << tried << " zero statements contradicted and reported\n";
  }
  EXPECT_GE(total, 6);  // seeds 000, 002 and 004 state zeros about Tables 二, 三 and 四
}

}  // namespace
}  // namespace gongkai::audit

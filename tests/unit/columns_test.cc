// Borderless tables found by column alignment (readers/columns.h), on
// synthetic pages: words with boxes as poppler or tesseract give them.
#include "readers/columns.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "readers/page_layout.h"

namespace gongkai::readers::layout {
namespace {

Word W(std::string text, double x0, double y0, double x1, double y1) {
  Word w;
  w.text = std::move(text);
  w.box = {x0, y0, x1, y1};
  return w;
}

// Text of one cell of a found grid: its words' lines joined by '/'.
std::string CellText(const TextGrid& t, int r, int c) {
  const std::size_t idx = static_cast<std::size_t>(r * t.grid.cols() + c);
  if (t.grid.anchor[idx] != static_cast<int>(idx)) return "^";
  std::string out;
  for (const auto& line : GroupLines(t.cell_words[idx])) {
    if (!out.empty()) out += '/';
    out += LineText(line);
  }
  return out;
}

// A table with text 10 units high: rows 40 apart, numbers vertically centred
// between the two lines of a wrapped label, five value columns, and a group
// label written one character a line down the left.
std::vector<Word> TablePage(double scale) {
  std::vector<Word> words;
  const auto add = [&](std::string t, double x0, double y0, double x1, double y1) {
    words.push_back(W(std::move(t), x0 * scale, y0 * scale, x1 * scale, y1 * scale));
  };
  add("一段正文说明下表的内容并且足够长以横跨整个页面的宽度", 20, 40, 400, 50);
  const char* first[] = {"甲、第一项", "乙、第二项", "丙、第三项", "丁、第四项"};
  const char* second[] = {"的续行", "的续行", "", "的续行"};
  for (int r = 0; r < 4; ++r) {
    const double c = 100 + r * 40;
    add(first[r], 60, c - 12.5, 120, c - 2.5);
    if (*second[r] != '\0') add(second[r], 70, c + 2.5, 100, c + 12.5);
    for (int k = 0; k < 5; ++k) {
      add(std::to_string(r * 10 + k), 200 + k * 40, c - 5, 212 + k * 40, c + 5);
    }
  }
  // "合计分组" down the left, from the second row to the fourth.
  const char* group[] = {"合", "计", "分", "组"};
  for (int k = 0; k < 4; ++k) add(group[k], 25, 135 + k * 11, 35, 145 + k * 11);
  add("表后的一段正文同样横跨整个页面的宽度而不是表格的一部分", 20, 260, 400, 270);
  return words;
}

TEST(ColumnsTest, FindsTableWithWrappedAndVerticalLabels) {
  for (double scale : {1.0, 200.0 / 72}) {  // PDF points and OCR pixels alike
    auto lines = GroupLines(TablePage(scale));
    const std::vector<TextGrid> grids = FindTextGrids(lines);
    ASSERT_EQ(grids.size(), 1u) << scale;
    const TextGrid& t = grids[0];
    ASSERT_EQ(t.grid.cols(), 1 + 1 + 5);
    ASSERT_EQ(t.grid.rows(), 4);
    EXPECT_EQ(CellText(t, 0, 1), "甲、第一项/的续行");
    EXPECT_EQ(CellText(t, 1, 1), "乙、第二项/的续行");
    EXPECT_EQ(CellText(t, 2, 1), "丙、第三项");
    EXPECT_EQ(CellText(t, 3, 1), "丁、第四项/的续行");
    EXPECT_EQ(CellText(t, 0, 2), "0");
    EXPECT_EQ(CellText(t, 3, 6), "34");
    // The vertical label is one cell, spanning the rows it runs along.
    EXPECT_EQ(CellText(t, 0, 0), "");
    EXPECT_EQ(CellText(t, 1, 0), "合计分组");
    EXPECT_EQ(CellText(t, 2, 0), "^");
    // The prose above and below stays as lines.
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(LineText(lines[0]).find("一段正文"), std::string::npos);
  }
}

// Rows set without padding, and a group label written across in a narrow
// column of its own, its lines falling between the rows' lines.
TEST(ColumnsTest, GroupLabelAcrossRowsKeepsRowsApart) {
  std::vector<Word> words;
  const char* labels[] = {"1.第一", "2.第二", "3.第三", "4.第四"};
  for (int r = 0; r < 4; ++r) {
    const double y = 100 + r * 21;  // 11 units of text, 10 between rows
    words.push_back(W(labels[r], 100, y, 150, y + 11));
    for (int k = 0; k < 3; ++k) words.push_back(W(std::to_string(r + k), 200 + k * 40, y, 206 + k * 40, y + 11));
  }
  // "（三）/不予/公开" centred on the group: its lines straddle the rows.
  words.push_back(W("（三）", 30, 110.5, 63, 121.5));
  words.push_back(W("不予", 36, 121.5, 58, 132.5));
  words.push_back(W("公开", 36, 132.5, 58, 143.5));
  auto lines = GroupLines(words);
  const std::vector<TextGrid> grids = FindTextGrids(lines);
  ASSERT_EQ(grids.size(), 1u);
  const TextGrid& t = grids[0];
  ASSERT_EQ(t.grid.rows(), 4);
  ASSERT_EQ(t.grid.cols(), 1 + 1 + 3);
  for (int r = 0; r < 4; ++r) {
    EXPECT_EQ(CellText(t, r, 1), labels[r]);
    EXPECT_EQ(CellText(t, r, 2), std::to_string(r));
  }
  std::string group;
  for (int r = 0; r < 4; ++r) {
    for (char ch : CellText(t, r, 0)) {
      if (ch != '/') group += ch;  // the cells' lines, in order
    }
  }
  EXPECT_EQ(group, "（三）不予公开");
}

TEST(ColumnsTest, ProseWithNumbersStaysProse) {
  std::vector<Word> words;
  // Sentences with numbers as separate words, even at similar x positions.
  for (int r = 0; r < 6; ++r) {
    const double y = 100 + r * 15;
    words.push_back(W("全年共收到申请", 20, y, 90, y + 10));
    words.push_back(W(std::to_string(20 + r), 95, y, 107, y + 10));
    words.push_back(W("件，其中办结", 112, y, 170, y + 10));
    words.push_back(W(std::to_string(10 + r), 175, y, 187, y + 10));
    words.push_back(W("件。", 192, y, 210, y + 10));
  }
  auto lines = GroupLines(words);
  EXPECT_TRUE(FindTextGrids(lines).empty());
  EXPECT_EQ(lines.size(), 6u);
}

TEST(ColumnsTest, TwoRowsAreNotATable) {
  std::vector<Word> words;
  for (int r = 0; r < 2; ++r) {
    const double y = 100 + r * 20;
    words.push_back(W("规章", 20, y, 60, y + 10));
    for (int k = 0; k < 3; ++k) words.push_back(W("0", 200 + k * 40, y, 206 + k * 40, y + 10));
  }
  auto lines = GroupLines(words);
  EXPECT_TRUE(FindTextGrids(lines).empty());
  EXPECT_EQ(lines.size(), 2u);
}

TEST(ColumnsTest, PageNumberIsNotARow) {
  std::vector<Word> words = TablePage(1);
  // "- 3 -" under the table: three "values" a space apart.
  words.push_back(W("-", 190, 230, 196, 240));
  words.push_back(W("3", 199, 230, 205, 240));
  words.push_back(W("-", 208, 230, 214, 240));
  auto lines = GroupLines(words);
  const std::vector<TextGrid> grids = FindTextGrids(lines);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].grid.rows(), 4);
}

TEST(ColumnsTest, RowBrokenByPageBreakIsJoined) {
  const auto cell = [](std::string t, bool merged = false) {
    Cell c;
    c.text = std::move(t);
    c.merged = merged;
    return c;
  };
  const std::vector<Cell> prev = {cell("", true), cell("3.补正后申请内容"), cell("1"), cell("0")};
  const std::vector<Cell> rest = {cell("仍不明确"), cell(""), cell("")};
  ASSERT_TRUE(ContinuesRow(prev, rest));
  const std::vector<Cell> joined = JoinRows(prev, rest);
  EXPECT_EQ(joined[1].text, "3.补正后申请内容\n仍不明确");
  EXPECT_EQ(joined[2].text, "1");
  // A repeated header row, or a heading spanning the columns, is not.
  EXPECT_FALSE(ContinuesRow(prev, {cell("信息内容"), cell("自然人"), cell("总计")}));
  EXPECT_FALSE(ContinuesRow(prev, {cell("第二十条"), cell("", true), cell("", true)}));
  EXPECT_FALSE(ContinuesRow(prev, {cell("合计"), cell("2"), cell("")}));
}

TEST(ColumnsTest, AssembleMakesTableBlock) {
  Page page;
  page.width = 595;
  page.height = 842;
  page.words = TablePage(1);
  const Document doc = Assemble({page});
  int tables = 0;
  for (const Block& b : doc.blocks) tables += b.kind == Block::Kind::kTable;
  EXPECT_EQ(tables, 1);
}

}  // namespace
}  // namespace gongkai::readers::layout

#include <gtest/gtest.h>

#include <string>

#include "readers/reader.h"

namespace gongkai::readers {
namespace {

std::vector<std::string> CellTexts(const std::vector<Cell>& row) {
  std::vector<std::string> out;
  for (const Cell& c : row) out.push_back(c.text);
  return out;
}

TEST(TextReader, TabPerCellRowsSeparatedByBlankLines) {
  const Document doc = ReadText("表二\n\t规章\n\t0\n\t1\n\t2\n\n\t行政规范性文件\n\t7\n\t13\n\t23\n\n\n正文继续。\n");
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].kind, Block::Kind::kParagraph);
  const Block& t = doc.blocks[1];
  ASSERT_EQ(t.kind, Block::Kind::kTable);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(CellTexts(t.rows[0]), (std::vector<std::string>{"规章", "0", "1", "2"}));
  EXPECT_EQ(CellTexts(t.rows[1]), (std::vector<std::string>{"行政规范性文件", "7", "13", "23"}));
  EXPECT_EQ(doc.text.substr(t.rows[1][3].offset, 2), "23");
  EXPECT_EQ(doc.blocks[2].text, "正文继续。");
}

TEST(TextReader, TabCellContinuedOnTheNextLine) {
  const Document doc = ReadText("\t商业\n企业\n\t科研\n机构\n\t\n\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  ASSERT_EQ(doc.blocks[0].rows.size(), 1u);
  EXPECT_EQ(CellTexts(doc.blocks[0].rows[0]), (std::vector<std::string>{"商业\n企业", "科研\n机构", ""}));
}

TEST(TextReader, TabCellsWithCrlf) {
  const Document doc = ReadText("\t行政许可\r\n\t5\r\n\r\n\t行政处罚\r\n\t0\r\n\r\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  ASSERT_EQ(doc.blocks[0].rows.size(), 2u);
  EXPECT_EQ(CellTexts(doc.blocks[0].rows[1]), (std::vector<std::string>{"行政处罚", "0"}));
}

TEST(TextReader, PipeRows) {
  const Document doc = ReadText("规章 | 0 | / |  |\n行政许可 | 5 |\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  const Block& t = doc.blocks[0];
  ASSERT_EQ(t.rows.size(), 2u);
  // The blank cell before the closing pipe is kept: it is a blank value.
  EXPECT_EQ(CellTexts(t.rows[0]), (std::vector<std::string>{"规章", "0", "/", ""}));
  EXPECT_EQ(CellTexts(t.rows[1]), (std::vector<std::string>{"行政许可", "5"}));
}

TEST(TextReader, MarkdownTableSkipsRuleRow) {
  const Document doc = ReadText("| 信息内容 | 本年处理决定数量 |\n|---|:---:|\n| 行政许可 | 1,234 |\n\n下文\n");
  ASSERT_EQ(doc.blocks.size(), 2u);
  const Block& t = doc.blocks[0];
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(CellTexts(t.rows[0]), (std::vector<std::string>{"信息内容", "本年处理决定数量"}));
  EXPECT_EQ(CellTexts(t.rows[1]), (std::vector<std::string>{"行政许可", "1,234"}));
}

TEST(TextReader, SpaceSeparatedRowsStayParagraphs) {
  const Document doc = ReadText("规章 0 0 0\n行政许可 87331\n");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].kind, Block::Kind::kParagraph);
  EXPECT_EQ(doc.blocks[0].text, "规章 0 0 0");
}

TEST(TextReader, UrlsAreNotPipeTables) {
  const Document doc = ReadText("https://example.gov.cn/a|b\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].kind, Block::Kind::kParagraph);
}

TEST(TextReader, DecodesGbkAndBom) {
  // "规章 0" in GBK.
  const Document gbk = ReadText(std::string("\xB9\xE6\xD5\xC2 0\n"));
  ASSERT_EQ(gbk.blocks.size(), 1u);
  EXPECT_EQ(gbk.blocks[0].text, "规章 0");
  const Document bom = ReadText(std::string("\xEF\xBB\xBF规章 0\n"));
  EXPECT_EQ(bom.blocks[0].text, "规章 0");
}

}  // namespace
}  // namespace gongkai::readers

#include "extract/tokens.h"

#include <gtest/gtest.h>

#include "readers/reader.h"

namespace gongkai::extract {
namespace {

using Kind = Token::Kind;

std::vector<Kind> Kinds(const std::vector<Token>& tokens) {
  std::vector<Kind> out;
  for (const Token& t : tokens) out.push_back(t.kind);
  return out;
}

TEST(Tokenize, ParagraphWordsNumbersAndSoftRowEnds) {
  const Document doc = readers::ReadText("行政许可 1,234 /\n规章 — 0\n");
  const auto tokens = Tokenize(doc);
  EXPECT_EQ(Kinds(tokens), (std::vector<Kind>{Kind::kText, Kind::kNumber, Kind::kNotApplicable, Kind::kRowEnd,
                                              Kind::kText, Kind::kNotApplicable, Kind::kNumber, Kind::kRowEnd}));
  EXPECT_EQ(tokens[1].value, 1234);
  EXPECT_FALSE(tokens[3].hard);
  EXPECT_FALSE(tokens[0].in_table);
  // Offsets point at the raw text.
  EXPECT_EQ(doc.text.substr(tokens[1].offset, tokens[1].length), "1,234");
}

TEST(Tokenize, TableCellsBlankCellsAndHardRowEnds) {
  const Document doc = readers::ReadText("行政许可 |  | 5 |\n行政处罚 | ２３ | 无 |\n");
  const auto tokens = Tokenize(doc);
  EXPECT_EQ(Kinds(tokens), (std::vector<Kind>{Kind::kText, Kind::kEmpty, Kind::kNumber, Kind::kRowEnd,
                                              Kind::kText, Kind::kNumber, Kind::kNotApplicable, Kind::kRowEnd}));
  EXPECT_TRUE(tokens[3].hard);
  EXPECT_TRUE(tokens[0].in_table);
  EXPECT_EQ(tokens[5].value, 23);  // full-width digits
}

TEST(Tokenize, CellWithTextAndNumbersIsSplit) {
  // A converter that merged the label and its values into one cell.
  const Document doc = readers::ReadText("\t行政许可 37957\n\n");
  const auto tokens = Tokenize(doc);
  ASSERT_GE(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].kind, Kind::kText);
  EXPECT_EQ(tokens[0].key, "行政许可");
  EXPECT_EQ(tokens[1].kind, Kind::kNumber);
  EXPECT_EQ(tokens[1].value, 37957);
}

TEST(PageFurniture, PageNumbersAndRunningHeaders) {
  EXPECT_TRUE(IsPageFurniture("- 3 -"));
  EXPECT_TRUE(IsPageFurniture("—3—"));
  EXPECT_TRUE(IsPageFurniture("－ 12 －"));
  EXPECT_TRUE(IsPageFurniture("第 3 页 共 8 页"));
  EXPECT_TRUE(IsPageFurniture("第3页/共8页"));
  EXPECT_TRUE(IsPageFurniture("共 8 页 第 3 页"));
  EXPECT_TRUE(IsPageFurniture("第 3 页"));
  EXPECT_TRUE(IsPageFurniture("3/8"));
  EXPECT_TRUE(IsPageFurniture("江汉区人民政府2022年政府信息公开工作年度报告"));
}

TEST(PageFurniture, ContentIsKept) {
  EXPECT_FALSE(IsPageFurniture("3"));         // a value wrapped onto its own line
  EXPECT_FALSE(IsPageFurniture("0 0 0"));
  EXPECT_FALSE(IsPageFurniture("-"));          // a not-applicable cell
  EXPECT_FALSE(IsPageFurniture("- 3"));
  EXPECT_FALSE(IsPageFurniture("一、总体情况"));
  EXPECT_FALSE(IsPageFurniture("第二十条第（一）项"));
  EXPECT_FALSE(IsPageFurniture("2023年度本单位未收取政府信息处理费，具体情况详见本单位政府信息公开工作年度报告"
                               "以及相关统计资料中列明的各项数据和说明。"));
}

TEST(Tokenize, PageFurnitureBetweenLabelAndValuesIsDropped) {
  const Document doc = readers::ReadText("2.重复申请\n- 4 -\n第 4 页 共 9 页\n1 0 0 0 0 0 1\n");
  const auto tokens = Tokenize(doc);
  std::size_t numbers = 0, texts = 0;
  for (const Token& t : tokens) {
    numbers += t.kind == Kind::kNumber;
    texts += t.kind == Kind::kText;
    EXPECT_NE(t.kind, Kind::kNotApplicable);
  }
  EXPECT_EQ(texts, 1u);
  EXPECT_EQ(numbers, 7u);
}

}  // namespace
}  // namespace gongkai::extract

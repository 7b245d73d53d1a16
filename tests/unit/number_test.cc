#include "util/number.h"

#include <gtest/gtest.h>

namespace gongkai::number {
namespace {

TEST(NumberParse, PlainAndSeparated) {
  EXPECT_EQ(Parse("0")->value, 0);
  EXPECT_EQ(Parse("87331")->value, 87331);
  EXPECT_EQ(Parse("1,234")->value, 1234);
  EXPECT_EQ(Parse("1,234,567")->value, 1234567);
  EXPECT_EQ(Parse("１２３")->value, 123);  // full-width digits
  EXPECT_EQ(Parse("1，234")->value, 1234);  // full-width comma
  EXPECT_DOUBLE_EQ(Parse("474.88577")->value, 474.88577);
  EXPECT_FALSE(Parse("474.88577")->integer);
  EXPECT_TRUE(Parse("12")->integer);
}

TEST(NumberParse, RejectsMalformed) {
  EXPECT_FALSE(Parse(""));
  EXPECT_FALSE(Parse("1,23"));      // not a thousands group
  EXPECT_FALSE(Parse("12,34,567"));
  EXPECT_FALSE(Parse("1.属于国家秘密"));
  EXPECT_FALSE(Parse("1."));
  EXPECT_FALSE(Parse("abc"));
  EXPECT_FALSE(Parse("2023年"));
  EXPECT_FALSE(Parse("/"));
}

TEST(NumberParse, UnitsAndMultipliers) {
  auto p = Parse("5件");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->value, 5);
  EXPECT_EQ(p->unit, "件");
  p = Parse("326780865元");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->unit, "元");
  p = Parse("474.88577万元");
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->value, 474.88577);
  EXPECT_EQ(p->unit, "万元");
  p = Parse("1.2万");
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->value, 12000);
  EXPECT_TRUE(p->integer);
  EXPECT_DOUBLE_EQ(Parse("3亿")->value, 3e8);
  EXPECT_EQ(Parse("-3")->value, -3);
  EXPECT_EQ(Parse("+2")->value, 2);
  EXPECT_EQ(Parse("减少2")->value, -2);
}

TEST(NumberChinese, Numerals) {
  EXPECT_EQ(*ParseChinese("十"), 10);
  EXPECT_EQ(*ParseChinese("十二"), 12);
  EXPECT_EQ(*ParseChinese("二十三"), 23);
  EXPECT_EQ(*ParseChinese("一百零五"), 105);
  EXPECT_EQ(*ParseChinese("两千"), 2000);
  EXPECT_EQ(*ParseChinese("三万五千"), 35000);
  EXPECT_EQ(*ParseChinese("二〇二四"), 2024);
  EXPECT_EQ(*ParseChinese("1.2万"), 12000);
  EXPECT_EQ(*ParseChinese("3千"), 3000);
  // 万 after 亿 scales only its own section.
  EXPECT_EQ(*ParseChinese("一亿二千万"), 120000000);
  EXPECT_EQ(*ParseChinese("一万亿"), 1e12);
  EXPECT_EQ(*ParseChinese("十一万"), 110000);
  EXPECT_EQ(*ParseChinese("3亿"), 3e8);
  EXPECT_EQ(*ParseChinese("12万"), 120000);
  EXPECT_EQ(*ParseChinese("1,234"), 1234);
  EXPECT_FALSE(ParseChinese("国家"));
  EXPECT_FALSE(ParseChinese(""));
}

TEST(NumberNotApplicable, Markers) {
  for (const char* s : {"/", "／", "—", "——", "-", "－", "无", "不适用", "\\"}) {
    EXPECT_TRUE(IsNotApplicable(s)) << s;
  }
  for (const char* s : {"0", "", "一", "行政许可", "1"}) EXPECT_FALSE(IsNotApplicable(s)) << s;
}

TEST(NumberFormat, Readable) {
  EXPECT_EQ(Format(20), "20");
  EXPECT_EQ(Format(326.780865), "326.780865");
  EXPECT_EQ(Format(0.5), "0.5");
}

}  // namespace
}  // namespace gongkai::number

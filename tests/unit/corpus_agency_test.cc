// Agency identities across years and title variants; regions inferred from
// names; fuzzy Chinese search.
#include <gtest/gtest.h>

#include "corpus/agency.h"

namespace gongkai::corpus {
namespace {

TEST(CorpusAgency, KeyStripsYearTitleAndWhitespace) {
  EXPECT_EQ(AgencyKey("硚口区行政审批局"), "硚口区行政审批局");
  EXPECT_EQ(AgencyKey("硚口区 行政审批局"), "硚口区行政审批局");
  EXPECT_EQ(AgencyKey("关于硚口区行政审批局2023年度政府信息公开工作年度报告"), "硚口区行政审批局");
  EXPECT_EQ(AgencyKey("掇刀区人民政府"), "掇刀区");
  EXPECT_EQ(AgencyKey("掇刀区政府"), "掇刀区");
  EXPECT_EQ(AgencyKey("汉正街道办事处"), "汉正街道");
  EXPECT_EQ(AgencyKey("汉正街道办"), "汉正街道");
  EXPECT_EQ(AgencyKey("政府"), "政府");  // never empty
}

TEST(CorpusAgency, SameAgencyAcrossPrefixes) {
  EXPECT_TRUE(SameAgencyKey(AgencyKey("武汉市硚口区行政审批局"), AgencyKey("硚口区行政审批局")));
  EXPECT_TRUE(SameAgencyKey(AgencyKey("荆门市掇刀区人民政府"), AgencyKey("掇刀区")));
  // The same kind of department in two cities is two agencies.
  EXPECT_FALSE(SameAgencyKey(AgencyKey("宁波市自然资源和规划局"), AgencyKey("自然资源和规划局")));
  EXPECT_FALSE(SameAgencyKey(AgencyKey("硚口区教育局"), AgencyKey("硚口区财政局")));
  // A suffix that is not whole regions: 西湖区 is not 东西湖区.
  EXPECT_FALSE(SameAgencyKey(AgencyKey("东西湖区城市管理执法局"), AgencyKey("西湖区城市管理执法局")));
}

TEST(CorpusAgency, RegionsInName) {
  EXPECT_EQ(RegionsInName("武汉市硚口区行政审批局"), (std::vector<std::string>{"武汉市", "硚口区"}));
  EXPECT_EQ(RegionsInName("东西湖区城市管理执法局"), (std::vector<std::string>{"东西湖区"}));
  EXPECT_EQ(RegionsInName("武汉市市场监督管理局"), (std::vector<std::string>{"武汉市"}));
  EXPECT_EQ(RegionsInName("宁波市鄞州区人民政府"), (std::vector<std::string>{"宁波市", "鄞州区"}));
  EXPECT_EQ(RegionsInName("汉正街道办事处"), (std::vector<std::string>{"汉正街道"}));
}

TEST(CorpusAgency, InferPlace) {
  const InferredPlace dept = InferPlace("硚口区行政审批局");
  EXPECT_EQ(dept.region, "硚口区");
  EXPECT_FALSE(dept.governs);
  const InferredPlace gov = InferPlace("孝感市孝南区人民政府");
  EXPECT_EQ(gov.region, "孝南区");
  EXPECT_EQ(gov.parent, "孝感市");
  EXPECT_TRUE(gov.governs);
  EXPECT_TRUE(InferPlace("应城市人民政府").governs);
}

TEST(CorpusAgency, FuzzyMatch) {
  EXPECT_EQ(FuzzyMatch("汉正街", "汉正街道办事处"), 2);
  EXPECT_EQ(FuzzyMatch("硚口审批局", "硚口区行政审批局"), 1);
  EXPECT_EQ(FuzzyMatch("掇刀区人民政府", "掇刀区"), 2);
  EXPECT_EQ(FuzzyMatch("江汉", "硚口区行政审批局"), 0);
  EXPECT_EQ(FuzzyMatch("审批局硚口", "硚口区行政审批局"), 0);  // order matters
}

}  // namespace
}  // namespace gongkai::corpus

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

TEST(CorpusAgency, StrippedKeysRemoveWholeLeadingRegions) {
  EXPECT_EQ(StrippedKeys("武汉市硚口区行政审批局"), (std::vector<std::string>{"硚口区行政审批局", "行政审批局"}));
  EXPECT_TRUE(StrippedKeys("行政审批局").empty());
  EXPECT_TRUE(StrippedKeys("硚口区").empty());  // never the empty key
}

// The index answers what a comparison with every key would (SameAgencyKey),
// in both directions, and keeps apart what SameAgencyKey keeps apart.
TEST(CorpusAgency, KeyIndexAgreesWithSameAgencyKey) {
  KeyIndex index;
  index.Add(AgencyKey("硚口区行政审批局"), 1);
  index.Add(AgencyKey("荆门市掇刀区人民政府"), 2);
  index.Add(AgencyKey("宁波市自然资源和规划局"), 3);
  index.Add(AgencyKey("东西湖区城市管理执法局"), 4);
  EXPECT_EQ(index.Find(AgencyKey("硚口区行政审批局")), 1);
  EXPECT_EQ(index.Find(AgencyKey("武汉市硚口区行政审批局")), 1);  // longer query, shorter key
  EXPECT_EQ(index.Find(AgencyKey("掇刀区")), 2);                  // shorter query, longer key
  EXPECT_EQ(index.Find(AgencyKey("自然资源和规划局")), 0);        // names no region
  EXPECT_EQ(index.Find(AgencyKey("西湖区城市管理执法局")), 0);    // 东 is not a region
  EXPECT_EQ(index.Find(AgencyKey("硚口区财政局")), 0);
  // The smallest id wins when several keys match, as the linear scan did.
  index.Add(AgencyKey("湖北省荆门市掇刀区"), 9);
  EXPECT_EQ(index.Find(AgencyKey("掇刀区")), 2);
}

}  // namespace
}  // namespace gongkai::corpus

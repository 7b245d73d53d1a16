#include "extract/label_match.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "format/labels.h"
#include "util/text.h"

namespace gongkai::extract {
namespace {

// Runs the matcher on fragments as printed (MatchKeys are taken here).
std::optional<LabelMatch> MatchPrinted(const LabelMatcher& m, std::initializer_list<const char*> printed) {
  std::vector<std::string> keys;
  for (const char* p : printed) keys.push_back(text::MatchKey(p));
  std::vector<std::string_view> views(keys.begin(), keys.end());
  return m.Match(views);
}

std::string Table3Key(const std::optional<LabelMatch>& m) {
  if (!m || m->table != 3) return "(none)";
  return std::string(format::Table3Rows()[m->row].key);
}

std::string Table2Key(const std::optional<LabelMatch>& m, format::Version v = format::Version::kV2021) {
  if (!m || m->table != 2) return "(none)";
  return std::string(format::Table2Rows(v)[m->row].key);
}

TEST(StripEnumerator, RemovesTheUsualEnumerators) {
  bool had = false;
  EXPECT_EQ(StripEnumerator("(一)予以公开", &had), "予以公开");
  EXPECT_TRUE(had);
  EXPECT_EQ(StripEnumerator("1.属于国家秘密", &had), "属于国家秘密");
  EXPECT_TRUE(had);
  EXPECT_EQ(StripEnumerator("一、本年新收", &had), "本年新收");
  EXPECT_TRUE(had);
  EXPECT_EQ(StripEnumerator("2、重复申请", &had), "重复申请");
  EXPECT_TRUE(had);
  EXPECT_EQ(StripEnumerator("(12)其他", &had), "其他");
  EXPECT_TRUE(had);
  EXPECT_EQ(StripEnumerator("①重复申请", &had), "重复申请");
  EXPECT_TRUE(had);
}

TEST(StripEnumerator, LeavesTextWithoutEnumerator) {
  bool had = true;
  EXPECT_EQ(StripEnumerator("予以公开", &had), "予以公开");
  EXPECT_FALSE(had);
  EXPECT_EQ(StripEnumerator("2023年", &had), "2023年");  // a year is not an enumerator
  EXPECT_FALSE(had);
  EXPECT_EQ(StripEnumerator("(注)说明", &had), "(注)说明");
  EXPECT_FALSE(had);
  EXPECT_EQ(StripEnumerator("", &had), "");
}

TEST(EditDistance, CountsCodePointsAndGivesUp) {
  EXPECT_EQ(EditDistance("上年结转", "上年转结", 3), 2u);
  EXPECT_EQ(EditDistance("其他", "其它", 3), 1u);
  EXPECT_EQ(EditDistance("予以公开", "予以公开", 0), 0u);
  EXPECT_GT(EditDistance("行政许可", "行政处罚行政强制", 2), 2u);
}

TEST(LabelMatcher, ExactLabelsOfBothTables) {
  const LabelMatcher m(format::Version::kV2021);
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"一、本年新收政府信息公开申请数量"})), "new_received");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）"})),
            "partially_granted");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"3.危及“三安全一稳定”"})), "denied.safety_stability");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"3.危及\"三安全一稳定\""})), "denied.safety_stability");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"（七）总计"})), "total");
  EXPECT_EQ(Table2Key(MatchPrinted(m, {"行政许可"})), "licensing");
  EXPECT_EQ(Table2Key(MatchPrinted(m, {"行政事业性收费"})), "fees_wan_yuan");
}

TEST(LabelMatcher, BracketsMisreadByOcrStillNumberTheRow) {
  const LabelMatcher m(format::Version::kV2021);
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"《一) 予以公开"})), "granted");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"【七】总计"})), "total");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"[六]其他处理", "3.其他"})), "other.other");
  // A book title in running text is not a row.
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"《政府信息公开条例》"})), "(none)");
}

TEST(LabelMatcher, LabelMustStartAtAFragmentBoundary) {
  const LabelMatcher m(format::Version::kV2021);
  // Running text glued to the label: "共处理行政许可 37957 件" is prose.
  EXPECT_FALSE(MatchPrinted(m, {"2021年硚口区行政审批局共处理行政许可"}));
  EXPECT_FALSE(MatchPrinted(m, {"全年办理行政处罚"}));
  // The same words as a fragment of their own are a label.
  EXPECT_EQ(Table2Key(MatchPrinted(m, {"共处理", "行政许可"})), "licensing");
}

TEST(LabelMatcher, GroupLabelsGluedInFrontArePeeled) {
  const LabelMatcher m(format::Version::kV2021);
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"（三）不予公开1.属于国家秘密"})), "denied.state_secret");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"三、本年度办理结果（一）予以公开"})), "granted");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"（三）不予公开", "1.属于国家秘密"})), "denied.state_secret");
}

TEST(LabelMatcher, LabelsBrokenOverLinesAreJoined) {
  const LabelMatcher m(format::Version::kV2021);
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"1.申请人无正当理由逾期不补", "正、行政机关不再处理其政府信",
                                       "息公开申请"})),
            "other.no_correction");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"三、", "本年", "度办", "理结", "果", "（一）予以公开"})), "granted");
}

TEST(LabelMatcher, RepeatedHeaderInsideABrokenLabelIsSkipped) {
  const LabelMatcher m(format::Version::kV2021);
  EXPECT_TRUE(m.IsHeaderOnly(text::MatchKey("自然人法人或其他组织总计")));
  EXPECT_TRUE(m.IsHeaderOnly(text::MatchKey("商业企业 科研机构")));
  EXPECT_FALSE(m.IsHeaderOnly(text::MatchKey("知要求缴纳费用")));
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"2.申请人逾期未按收费通", "自然人法人或其他组织总计",
                                       "知要求缴纳费用、行政机关不再处理其政府信息公开申请"})),
            "other.no_fee");
}

TEST(LabelMatcher, ShortLabelsNeedTheirNumber) {
  const LabelMatcher m(format::Version::kV2021);
  // Bare 其他 / 总计 are column headers, not rows.
  EXPECT_FALSE(MatchPrinted(m, {"其他"}));
  EXPECT_FALSE(MatchPrinted(m, {"总计"}));
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"3.其他"})), "other.other");
}

TEST(LabelMatcher, SpellingVariantsAndTypos) {
  const LabelMatcher m(format::Version::kV2021);
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"二、上年转结政府信息公开申请数量"})), "carried_over");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"四、转结下年度继续办理"})), "carried_forward");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"3.其它"})), "other.other");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"2.其它法律行政法规禁止公开"})), "denied.prohibited_by_law");
  // One character dropped: matched by similarity, and flagged as such.
  const auto dropped = MatchPrinted(m, {"1.本机关不掌握相关政府信"});
  EXPECT_EQ(Table3Key(dropped), "unavailable.not_held");
  EXPECT_FALSE(dropped->exact);
  // Half-width and full-width brackets are the same label.
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"(一)予以公开"})), "granted");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"（一）予以公开"})), "granted");
}

TEST(LabelMatcher, SimilarityDoesNotConfuseShortLabels) {
  const LabelMatcher m(format::Version::kV2021);
  // 行政许可 / 行政处罚 / 行政强制 differ by two characters of four: no fuzzy match.
  EXPECT_FALSE(MatchPrinted(m, {"行政确认"}));
  EXPECT_FALSE(MatchPrinted(m, {"予以办理"}));
}

TEST(LabelMatcher, TrialFormatRows) {
  const LabelMatcher m(format::Version::kV2019);
  EXPECT_EQ(Table2Key(MatchPrinted(m, {"其他对外管理服务事项"}), format::Version::kV2019), "other_services");
  EXPECT_EQ(Table2Key(MatchPrinted(m, {"政府集中采购"}), format::Version::kV2019), "procurement");
  EXPECT_EQ(Table3Key(MatchPrinted(m, {"（六）其他处理"})), "other");
}

}  // namespace
}  // namespace gongkai::extract

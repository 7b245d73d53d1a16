// One test per audit rule: the rule fires on a report that breaks it, with
// the numbers and the cell, and not on the clean seed.
#include <gtest/gtest.h>

#include "audit/cells.h"
#include "audit/rules.h"
#include "audit_test_util.h"

namespace gongkai::audit {
namespace {

using testing::Audited;
using testing::CleanSeed;
using testing::HasRule;
using testing::Locates;
using testing::WithRule;

void Set(Report& r, const CellRef& ref, double v) {
  CellValue* c = MutableCellAt(r, ref);
  ASSERT_NE(c, nullptr) << ref.row << "/" << ref.column;
  c->value = v;
}

TEST(AuditRules, CatalogueIdsAreUniqueAndSeveritiesKnown) {
  for (std::size_t i = 0; i < Rules().size(); ++i) {
    const auto& r = Rules()[i];
    EXPECT_TRUE(r.severity == "error" || r.severity == "warning" || r.severity == "info") << r.id;
    for (std::size_t j = i + 1; j < Rules().size(); ++j) EXPECT_NE(r.id, Rules()[j].id);
  }
  EXPECT_THROW(RuleById("no.such_rule"), std::out_of_range);
}

TEST(AuditRules, CleanSeedsRaiseNoError) {
  for (const char* name : {"000-qiaokou-approval-2023", "001-duodao-2023", "002-qiaokou-grid-2023",
                                  "003-beilun-2023"}) {
    const Report r = testing::Seed(name);
    EXPECT_EQ(testing::Errors(r), 0) << name << "\n" << testing::Describe(r);
  }
}

TEST(AuditRules, Seed004FeeUnitContradiction) {
  const Report r = testing::Seed("004-qiaokou-approval-2021");
  const auto unit = WithRule(r, "narrative.unit");
  ASSERT_EQ(unit.size(), 1u) << testing::Describe(r);
  EXPECT_NE(unit[0]->message.find("326780865元"), std::string::npos) << unit[0]->message;
  EXPECT_NE(unit[0]->message.find("326.780865万元"), std::string::npos) << unit[0]->message;
  EXPECT_NE(unit[0]->message.find("100倍"), std::string::npos) << unit[0]->message;
  EXPECT_EQ(unit[0]->row, "fees_wan_yuan");
  EXPECT_EQ(testing::Errors(r), 1) << testing::Describe(r);
}

TEST(AuditRules, Table3Identity) {
  Report r = CleanSeed("001-duodao-2023");
  Set(r, {3, "carried_forward", "natural_person"}, 4);  // 27+0 ≠ 24+4
  r = Audited(r);
  const auto f = WithRule(r, "table3.identity");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->column, "natural_person");
  EXPECT_NE(f[0]->message.find("(27+0=27)"), std::string::npos) << f[0]->message;
  EXPECT_NE(f[0]->message.find("(24+4=28)"), std::string::npos) << f[0]->message;
  EXPECT_NE(f[0]->message.find("“自然人”列"), std::string::npos) << f[0]->message;
  EXPECT_FALSE(HasRule(r, "table3.outcome_sum"));
}

TEST(AuditRules, Table3OutcomeSumRowSumAndSuspect) {
  Report r = CleanSeed("003-beilun-2023");
  Set(r, {3, "granted", "other_org"}, 12);  // was 10
  r = Audited(r);
  const auto out = WithRule(r, "table3.outcome_sum");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]->column, "other_org");
  EXPECT_NE(out[0]->message.find("(21)"), std::string::npos) << out[0]->message;
  EXPECT_NE(out[0]->message.find("(19)"), std::string::npos) << out[0]->message;
  const auto row = WithRule(r, "table3.row_sum");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0]->row, "granted");
  EXPECT_NE(row[0]->message.find("(107)"), std::string::npos) << row[0]->message;
  const auto suspect = WithRule(r, "table3.suspect_cell");
  ASSERT_EQ(suspect.size(), 1u) << testing::Describe(r);
  EXPECT_EQ(suspect[0]->row, "granted");
  EXPECT_EQ(suspect[0]->column, "other_org");
  EXPECT_NE(suspect[0]->message.find("应为10"), std::string::npos) << suspect[0]->message;
  EXPECT_NE(suspect[0]->message.find("“法人或其他组织—其他”列"), std::string::npos) << suspect[0]->message;
  EXPECT_FALSE(HasRule(r, "table3.identity"));
}

TEST(AuditRules, Table3ValueInvalid) {
  Report r = CleanSeed("000-qiaokou-approval-2023");
  Set(r, {3, "denied.state_secret", "legal_service_org"}, -1);
  r = Audited(r);
  const auto f = WithRule(r, "table3.value_invalid");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->row, "denied.state_secret");
  Set(r, {3, "denied.state_secret", "legal_service_org"}, 0.5);
  EXPECT_TRUE(HasRule(Audited(r), "table3.value_invalid"));
}

TEST(AuditRules, Table4GroupSum) {
  Report r = CleanSeed("001-duodao-2023");
  Set(r, {4, "litigation_after_review", "total"}, 2);  // 0+0+1+0 = 1
  r = Audited(r);
  const auto f = WithRule(r, "table4.group_sum");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->row, "litigation_after_review");
  EXPECT_NE(f[0]->message.find("=1)"), std::string::npos) << f[0]->message;
  EXPECT_NE(f[0]->message.find("(2)"), std::string::npos) << f[0]->message;
  EXPECT_TRUE(Locates(*f[0], {4, "litigation_after_review", "other"}));
}

TEST(AuditRules, Table4ValueInvalid) {
  Report r = CleanSeed("000-qiaokou-approval-2023");
  Set(r, {4, "review", "upheld"}, -2);
  EXPECT_TRUE(HasRule(Audited(r), "table4.value_invalid"));
}

TEST(AuditRules, Table2ValueInvalidAndFeeMagnitude) {
  Report r = CleanSeed("001-duodao-2023");
  Set(r, {2, "licensing", "decisions"}, 12.5);
  Set(r, {2, "fees_wan_yuan", "amount"}, 12788500);  // 元 typed into 万元
  r = Audited(r);
  ASSERT_TRUE(HasRule(r, "table2.value_invalid"));
  EXPECT_EQ(WithRule(r, "table2.value_invalid")[0]->row, "licensing");
  ASSERT_TRUE(HasRule(r, "table2.fee_magnitude"));
  EXPECT_NE(WithRule(r, "table2.fee_magnitude")[0]->message.find("1278.85亿元"), std::string::npos);
}

TEST(AuditRules, FormatVersionYear) {
  Report r = CleanSeed("000-qiaokou-approval-2023");
  r.meta.format_version = format::Version::kV2019;
  EXPECT_TRUE(HasRule(Audited(r), "format.version_year"));
  r.meta.format_version = format::Version::kV2021;
  r.meta.year = 2020;
  EXPECT_TRUE(HasRule(Audited(r), "format.version_year"));
  r.meta.year = 2021;
  EXPECT_FALSE(HasRule(Audited(r), "format.version_year"));
}

TEST(AuditRules, FormatSections) {
  Report r = CleanSeed("001-duodao-2023");
  EXPECT_FALSE(HasRule(Audited(r), "format.section_missing"));
  std::erase_if(r.sections, [](const Section& s) { return s.number == 1 || s.number == 3; });
  const Report a = Audited(r);
  // Section 一 has no table: missing from the report.
  ASSERT_EQ(WithRule(a, "format.section_missing").size(), 1u);
  EXPECT_NE(WithRule(a, "format.section_missing")[0]->message.find("一、总体情况"), std::string::npos);
  // Section 三's table was read: its heading was not, the report has it.
  ASSERT_EQ(WithRule(a, "read.section_unread").size(), 1u);
  EXPECT_NE(WithRule(a, "read.section_unread")[0]->message.find("未能识别第三部分“三、收到和处理政府信息公开申请情况”"),
            std::string::npos);
  std::swap(r.sections[0], r.sections[1]);
  EXPECT_TRUE(HasRule(Audited(r), "format.section_order"));
  r.sections[0].heading = "主动公开";
  EXPECT_TRUE(HasRule(Audited(r), "format.section_heading"));
}

TEST(AuditRules, FormatSection5Empty) {
  Report r = CleanSeed("000-qiaokou-approval-2023");
  EXPECT_FALSE(HasRule(Audited(r), "format.section5_empty"));
  for (Section& s : r.sections) {
    if (s.number == 5) s.text = " 无。\n";
  }
  EXPECT_TRUE(HasRule(Audited(r), "format.section5_empty"));
}

TEST(AuditRules, FormatFeeUnexplained) {
  Report r = CleanSeed("000-qiaokou-approval-2023");
  for (Section& s : r.sections) {
    if (s.number == 6) s.text = "无。";
  }
  EXPECT_FALSE(HasRule(Audited(r), "format.fee_unexplained"));  // the text says 未收取
  Set(r, {3, "other.no_fee", "total"}, 1);
  const Report a = Audited(r);
  ASSERT_TRUE(HasRule(a, "format.fee_unexplained"));
  EXPECT_EQ(WithRule(a, "format.fee_unexplained")[0]->row, "other.no_fee");
  Set(r, {3, "other.no_fee", "total"}, 0);
  r.text += "\n本年度共收取信息处理费300元。\n";
  EXPECT_TRUE(HasRule(Audited(r), "format.fee_unexplained"));
}

TEST(AuditRules, NarrativeTable3) {
  Report r = CleanSeed("003-beilun-2023");
  Set(r, {3, "carried_forward", "total"}, 11);  // the text says 10
  const Report a = Audited(r);
  bool found = false;
  for (const Finding* f : WithRule(a, "narrative.table3")) {
    found |= f->row == "carried_forward" && f->column == "total" && f->message.find("10件") != std::string::npos &&
             f->message.find("(11)") != std::string::npos;
  }
  EXPECT_TRUE(found) << testing::Describe(a);
}

TEST(AuditRules, NarrativeTable3GroupAndColumn) {
  Report r = CleanSeed("003-beilun-2023");
  Set(r, {3, "denied.internal_affairs", "natural_person"}, 3);  // 不予公开 17 ≠ 16
  Set(r, {3, "denied.internal_affairs", "total"}, 3);
  Set(r, {3, "new_received", "natural_person"}, 364);             // 自然人 364 ≠ 363
  const Report a = Audited(r);
  int hits = 0;
  for (const Finding* f : WithRule(a, "narrative.table3")) {
    hits += f->message.find("16件") != std::string::npos && Locates(*f, {3, "denied.internal_affairs", "total"});
    hits += f->message.find("363件") != std::string::npos && f->column == "natural_person";
  }
  EXPECT_EQ(hits, 2) << testing::Describe(a);
}

TEST(AuditRules, NarrativeTable2) {
  Report r = CleanSeed("001-duodao-2023");
  Set(r, {2, "punishment", "decisions"}, 642);
  Set(r, {2, "normative_documents", "in_force"}, 24);
  const Report a = Audited(r);
  const auto f = WithRule(a, "narrative.table2");
  ASSERT_EQ(f.size(), 2u) << testing::Describe(a);
  EXPECT_EQ(f[0]->row, "normative_documents");
  EXPECT_EQ(f[0]->column, "in_force");
  EXPECT_EQ(f[1]->row, "punishment");
}

TEST(AuditRules, NarrativeTable4) {
  Report r = CleanSeed("001-duodao-2023");
  Set(r, {4, "review", "other"}, 3);
  Set(r, {4, "review", "total"}, 3);  // the text says 行政复议2件
  const Report a = Audited(r);
  const auto f = WithRule(a, "narrative.table4");
  ASSERT_EQ(f.size(), 1u) << testing::Describe(a);
  EXPECT_EQ(f[0]->row, "review");
  EXPECT_EQ(f[0]->column, "total");
}

TEST(AuditRules, NarrativeUnitFactor10000) {
  Report r = CleanSeed("000-qiaokou-approval-2023");
  Set(r, {2, "fees_wan_yuan", "amount"}, 4748857.7);  // 元 in the 万元 column
  const Report a = Audited(r);
  ASSERT_TRUE(HasRule(a, "narrative.unit")) << testing::Describe(a);
  EXPECT_NE(WithRule(a, "narrative.unit")[0]->message.find("10000倍"), std::string::npos);
}

TEST(AuditRules, DatesPeriodYear) {
  Report r = CleanSeed("000-qiaokou-approval-2023");
  EXPECT_FALSE(HasRule(Audited(r), "dates.period_year"));
  r.meta.year = 2024;
  const Report a = Audited(r);
  ASSERT_TRUE(HasRule(a, "dates.period_year"));
  EXPECT_NE(WithRule(a, "dates.period_year")[0]->message.find("2023年1月1日"), std::string::npos);
}

TEST(AuditRules, DatesLatePublication) {
  Report dept = CleanSeed("000-qiaokou-approval-2023");  // 硚口区行政审批局: a department
  EXPECT_FALSE(HasRule(Audited(dept), "dates.late_publication"));
  dept.meta.published_on = "2024-02-01";
  EXPECT_TRUE(HasRule(Audited(dept), "dates.late_publication"));
  Report gov = CleanSeed("003-beilun-2023");  // 北仑区人民政府: 3月31日
  gov.meta.published_on = "2024-03-31";
  EXPECT_FALSE(HasRule(Audited(gov), "dates.late_publication"));
  gov.meta.published_on = "2024-04-01";
  EXPECT_TRUE(HasRule(Audited(gov), "dates.late_publication"));
  Report grid = CleanSeed("002-qiaokou-grid-2023");  // a 中心: type unclear, no deadline
  grid.meta.published_on = "2024-06-01";
  EXPECT_FALSE(HasRule(Audited(grid), "dates.late_publication"));
}

TEST(AuditCrossYear, SameAgencyToleratesTitleVariants) {
  Report a, b;
  a.meta.agency = "掇刀区";
  b.meta.agency = "掇刀区人民政府";
  EXPECT_TRUE(SameAgency(a, b));
  a.meta.agency = "武汉市硚口区行政审批局";
  b.meta.agency = "硚口区行政审批局";
  EXPECT_TRUE(SameAgency(a, b));
  b.meta.agency = "江汉区行政审批局";
  EXPECT_FALSE(SameAgency(a, b));
  a.meta.agency = "行政审批局";
  b.meta.agency = "审批局";
  EXPECT_FALSE(SameAgency(a, b));
}

TEST(AuditCrossYear, CarryOverInForceAndDuplicateText) {
  const Report current = CleanSeed("001-duodao-2023");
  Report previous = current;
  previous.meta.year = 2022;
  Set(previous, {3, "carried_forward", "natural_person"}, 5);  // this year's 上年结转 is 0
  Set(previous, {3, "carried_forward", "total"}, 0);
  Set(previous, {2, "normative_documents", "in_force"}, 29);  // 29 + 7 − 13 = 23: continuous
  auto f = CrossYear(previous, current);
  auto count = [&](std::string_view rule) {
    return std::count_if(f.begin(), f.end(), [&](const Finding& x) { return x.rule == rule; });
  };
  ASSERT_EQ(count("cross.carry_over"), 1);
  const auto carry = std::find_if(f.begin(), f.end(), [](const Finding& x) { return x.rule == "cross.carry_over"; });
  EXPECT_EQ(carry->row, "carried_over");
  EXPECT_EQ(carry->column, "natural_person");
  EXPECT_NE(carry->message.find("为5"), std::string::npos) << carry->message;
  EXPECT_EQ(count("cross.in_force"), 0);
  EXPECT_EQ(count("cross.duplicate_text"), 3)  // sections 一, 五, 六 copied whole
      << [&] {
           std::string m;
           for (const auto& x : f) m += x.rule + " " + x.message + "\n";
           return m;
         }();
  Set(previous, {2, "normative_documents", "in_force"}, 30);
  f = CrossYear(previous, current);
  EXPECT_EQ(count("cross.in_force"), 1);
  // Different text: no 内容雷同.
  for (Section& s : previous.sections) s.text = "完全不同的内容，与本年报告没有相同的句子，仅用于测试内容雷同规则的阈值是否有效。";
  f = CrossYear(previous, current);
  EXPECT_EQ(count("cross.duplicate_text"), 0);
  // Not consecutive years: nothing.
  previous.meta.year = 2021;
  EXPECT_TRUE(CrossYear(previous, current).empty());
}

}  // namespace
}  // namespace gongkai::audit

// The CLI's text output as a user reads it: Chinese headers, no JSON keys,
// no rule ids (unless --verbose), no number in exponent form, no byte offsets.
#include <gtest/gtest.h>

#include "cli_run.h"
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

namespace {

using gongkai::testing_util::CliRun;

CliRun Gongkai(const std::string& args) { return gongkai::testing_util::RunShell(std::string(GONGKAI_BINARY) + " " + args + " 2>&1"); }

std::string Seed(const char* name) { return std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/" + name + ".txt"; }

// Keys of the JSON contract that must never reach the text output.
void ExpectNoKeysOrExponents(const std::string& out) {
  for (const char* key : {"made", "other_services", "natural_person", "granted", "fees_wan_yuan", "review",
                          "[error]", "[warning]", "agency\t", "year\t", "字节"}) {
    EXPECT_EQ(out.find(key), std::string::npos) << key << " in:\n" << out;
  }
  EXPECT_FALSE(std::regex_search(out, std::regex("[0-9]e[+-][0-9]"))) << out;
}

class CliText : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(
        (std::filesystem::temp_directory_path() / ("gongkai-cli-text-" + std::to_string(::getpid()) + ".db")).string());
    const CliRun imp = Gongkai("import --db " + *db_ + " " + Seed("000-qiaokou-approval-2023") + " " +
                            Seed("004-qiaokou-approval-2021") + " " + Seed("003-beilun-2023"));
    ASSERT_EQ(imp.status, 0) << imp.out;
    EXPECT_NE(imp.out.find("导入完成：新增 3 份报告"), std::string::npos) << imp.out;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove(*db_);
    delete db_;
  }
  static std::string* db_;
};
std::string* CliText::db_ = nullptr;

TEST_F(CliText, LsHasChineseHeadersAndCountsUnits) {
  const CliRun r = Gongkai("ls --db " + *db_);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("编号", 0), 0u) << r.out;
  for (const char* head : {"年度", "单位", "地区", "格式", "错误", "警告", "发布日期"}) {
    EXPECT_NE(r.out.find(head), std::string::npos) << head;
  }
  EXPECT_NE(r.out.find("共 3 份报告，2 个单位"), std::string::npos) << r.out;
  ExpectNoKeysOrExponents(r.out);
}

TEST_F(CliText, StatsStatesFormulasAndCountsUnits) {
  const CliRun r = Gongkai("stats --db " + *db_);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("公开率 ＝"), std::string::npos);
  EXPECT_NE(r.out.find("（2 个单位，3 份报告）"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("disclosure rate"), std::string::npos);
  ExpectNoKeysOrExponents(r.out);
}

TEST_F(CliText, CompareNamesCellsByLabelsAndListsFindingsOnce) {
  const CliRun r = Gongkai("compare --db " + *db_ + " --agency 硚口区行政审批局");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("报告1：硚口区行政审批局 2021年度"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("表三"), std::string::npos);
  EXPECT_NE(r.out.find("【跨年度核查】"), std::string::npos);
  EXPECT_NE(r.out.find("【各部分与上一份报告雷同的比例】"), std::string::npos);
  ExpectNoKeysOrExponents(r.out);
}

TEST_F(CliText, RollupOfAnUnknownRegionSaysSoAndFails) {
  const CliRun r = Gongkai("rollup --db " + *db_ + " --region 不存在区 --year 2023");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("未找到地区“不存在区”"), std::string::npos) << r.out;
}

TEST_F(CliText, RollupPrintsTablesInTheFormsWords) {
  const CliRun r = Gongkai("rollup --db " + *db_ + " --region 硚口区 --year 2023");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("（七）总计"), std::string::npos);
  EXPECT_NE(r.out.find("结果维持"), std::string::npos);
  ExpectNoKeysOrExponents(r.out);
}

TEST_F(CliText, CoverageInChinese) {
  const CliRun r = Gongkai("coverage --db " + *db_ + " --year 2023");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("【未报送】"), std::string::npos);
  EXPECT_EQ(r.out.find("no report"), std::string::npos);
  ExpectNoKeysOrExponents(r.out);
}

TEST_F(CliText, ExportXlsxAndWideCsv) {
  const std::string xlsx = *db_ + ".xlsx";
  const CliRun x = Gongkai("export --db " + *db_ + " --format xlsx -o " + xlsx);
  ASSERT_EQ(x.status, 0) << x.out;
  EXPECT_TRUE(std::filesystem::exists(xlsx));
  std::filesystem::remove(xlsx);
  const CliRun c = Gongkai("export --db " + *db_ + " --format csv --layout wide");
  ASSERT_EQ(c.status, 0) << c.out;
  EXPECT_EQ(c.out.rfind("\xEF\xBB\xBF单位,地区,年度", 0), 0u);
}

TEST_F(CliText, ShowPrintsAStoredReportWithItsFindings) {
  const CliRun r = Gongkai("show 2 --db " + *db_);
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* s : {"编号 2：", "表二 主动公开政府信息情况", "（七）总计", "结果维持", "【核查结果】", "万元"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  ExpectNoKeysOrExponents(r.out);
  EXPECT_NE(Gongkai("show 2 --json --db " + *db_).out.find("\"schema\": \"gongkai.report/1\""), std::string::npos);
  EXPECT_EQ(Gongkai("show 999 --db " + *db_).status, 2);
}

TEST(CliRules, ListsEveryRuleWithBasisInChinese) {
  const CliRun r = Gongkai("rules");
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* s : {"规则编号", "严重程度", "核查内容", "依据", "table3.identity", "条例第四十九条", "错误", "警告"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
  const CliRun j = Gongkai("rules --json");
  EXPECT_NE(j.out.find("\"basis\""), std::string::npos);
}

TEST(CliCheck, TextHasNoRuleIdsOrBytes) {
  const CliRun r = Gongkai("check " + Seed("004-qiaokou-approval-2021"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("【错误】"), std::string::npos);
  EXPECT_NE(r.out.find("2021年格式"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("字节"), std::string::npos);
  EXPECT_EQ(r.out.find("[narrative"), std::string::npos);
  EXPECT_EQ(r.out.find("v2021"), std::string::npos);
}

}  // namespace

// gongkai check end to end: exit status, JSON findings, cross-year rules.
#include <gtest/gtest.h>

#include "cli_run.h"
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "audit_test_util.h"

namespace gongkai::audit {
namespace {

using testing_util::CliRun;

CliRun Check(const std::string& args) { return testing_util::RunShell(std::string(GONGKAI_BINARY) + " check " + args + " 2>/dev/null"); }

TEST(AuditCheckCli, ExitStatusSaysWhetherErrorsWereFound) {
  const CliRun clean = Check(testing::SeedPath("000-qiaokou-approval-2023"));
  EXPECT_EQ(clean.status, 0) << clean.out;
  EXPECT_NE(clean.out.find("硚口区行政审批局"), std::string::npos);
  const CliRun bad = Check(testing::SeedPath("004-qiaokou-approval-2021"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("【错误】"), std::string::npos) << bad.out;
  // Rule ids only with --verbose.
  EXPECT_EQ(bad.out.find("narrative.unit"), std::string::npos) << bad.out;
  EXPECT_NE(Check("--verbose " + testing::SeedPath("004-qiaokou-approval-2021")).out.find("narrative.unit"),
            std::string::npos);
  EXPECT_EQ(Check("/nonexistent/report.txt").status, 2);
  EXPECT_EQ(Check("/nonexistent/report.txt " + testing::SeedPath("004-qiaokou-approval-2021")).status, 3);
}

TEST(AuditCheckCli, JsonCarriesFindingsWithCells) {
  const CliRun r = Check("--json " + testing::SeedPath("004-qiaokou-approval-2021"));
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("findings"));
  bool unit = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "narrative.unit") continue;
    unit = true;
    EXPECT_EQ(f["table"], 2);
    EXPECT_EQ(f["cells"][0]["row"], "fees_wan_yuan");
    EXPECT_TRUE(f["evidence"].is_object() || f.contains("evidence"));
  }
  EXPECT_TRUE(unit) << r.out;
}

TEST(AuditCheckCli, CrossYearRulesForConsecutiveReportsOfOneAgency) {
  // Last year's report: the same text with the years moved back by one.
  std::string text = testing::ReadAll(testing::SeedPath("000-qiaokou-approval-2023"));
  for (std::size_t p; (p = text.find("2023")) != std::string::npos;) text.replace(p, 4, "2022");
  const auto dir = std::filesystem::temp_directory_path() / ("gongkai-audit-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "2022.txt", std::ios::binary) << text;
  std::filesystem::copy_file(testing::SeedPath("000-qiaokou-approval-2023"), dir / "2023.txt",
                             std::filesystem::copy_options::overwrite_existing);
  const CliRun r = Check("--verbose " + dir.string());
  std::filesystem::remove_all(dir);
  EXPECT_NE(r.out.find("cross.duplicate_text"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace gongkai::audit

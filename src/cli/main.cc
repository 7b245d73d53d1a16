// gongkai: read, extract and audit government information disclosure annual
// reports (政府信息公开工作年度报告).
#include <CLI/CLI.hpp>

#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"gongkai — 政府信息公开工作年度报告的提取与核查 / extract and audit annual reports"};
  app.set_version_flag("--version", GONGKAI_VERSION);
  app.require_subcommand(1);
  std::vector<gongkai::cli::Command> commands;
  gongkai::cli::AddExtractCommand(app, commands);
  gongkai::cli::AddCheckCommand(app, commands);
  gongkai::cli::AddImportCommand(app, commands);
  gongkai::cli::AddRegionsCommand(app, commands);
  gongkai::cli::AddLsCommand(app, commands);
  gongkai::cli::AddSearchCommand(app, commands);
  gongkai::cli::AddCoverageCommand(app, commands);
  gongkai::cli::AddStatsCommand(app, commands);
  gongkai::cli::AddRollupCommand(app, commands);
  gongkai::cli::AddCompareCommand(app, commands);
  gongkai::cli::AddExportCommand(app, commands);
  CLI11_PARSE(app, argc, argv);
  for (const auto& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return 0;
}

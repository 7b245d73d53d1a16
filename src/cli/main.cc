// gongkai: read, extract and audit government information disclosure annual
// reports (政府信息公开工作年度报告).
#include <CLI/CLI.hpp>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <vector>

#include "cli/commands.h"
#include "pipeline/worker.h"

int main(int argc, char** argv) {
  // The reading worker of pipeline/worker.h: this program, started by itself.
  if (argc > 1 && argv[1] == gongkai::pipeline::kWorkerArg) return gongkai::pipeline::RunWorker(argc, argv);
#ifdef __GLIBC__
  // Every report allocates and frees a few hundred KB at a time (a DOCX's
  // word/document.xml and pugixml's copy of it, a page's parse tree). With
  // glibc's defaults such blocks are mmapped, or trimmed off the heap when
  // freed, so the next report faults the same memory in again: a third of the
  // time of reading DOCX went to page faults. Keeping up to 8 MB of freed
  // memory halves the CPU time of a DOCX batch (600 fixtures: 2.0 -> 1.1 s)
  // with the same peak RSS. Set here, for the process: the library leaves
  // the allocator alone.
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
  CLI::App app{"gongkai — 政府信息公开工作年度报告的提取与核查 / extract and audit annual reports"};
  app.set_version_flag("--version", GONGKAI_VERSION);
  app.require_subcommand(1);
  app.footer(
      "退出状态：0 成功；1 发现错误（check），或有文件未能导入（import）；2 输入或输出有误（文件不可读、数据库不存在、"
      "地区不存在）；3 check 时两者兼有，或 notice 生成 PDF 需要的 LibreOffice 不可用\n"
      "Exit status: 0 ok; 1 errors found (check) or files not imported (import); 2 bad input or output; "
      "3 both (check), or no LibreOffice for notice --format pdf");
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
  gongkai::cli::AddRulesCommand(app, commands);
  gongkai::cli::AddNoticeCommand(app, commands);
  gongkai::cli::AddShowCommand(app, commands);
  gongkai::cli::AddServeCommand(app, commands);
  gongkai::cli::AddUserCommand(app, commands);
  gongkai::cli::AddRegisterCommand(app, commands);
  gongkai::cli::AddDraftCommand(app, commands);
  CLI11_PARSE(app, argc, argv);
  for (const auto& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return 0;
}

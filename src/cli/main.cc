// gongkai: read, extract and audit government information disclosure annual
// reports (政府信息公开工作年度报告).
#include <CLI/CLI.hpp>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "pipeline/worker.h"

namespace {

// CLI11's help in the user's language: its labels, the help flag.
void ChineseHelp(CLI::App& app) {
  const auto fmt = app.get_formatter();
  for (const auto& [key, zh] : std::initializer_list<std::pair<const char*, const char*>>{
           {"Usage", "用法 / Usage"},
           {"OPTIONS", "选项"},
           {"SUBCOMMAND", "子命令"},
           {"SUBCOMMANDS", "子命令"},
           {"Options", "选项 / Options"},
           {"Subcommands", "子命令 / Subcommands"},
           {"Positionals", "参数 / Positionals"},
           {"REQUIRED", "必填"},
           {"TEXT", "文本"},
           {"INT", "整数"},
           {"UINT", "整数"},
           {"FLOAT", "数值"},
           {"Excludes", "不可同用"},
           {"Needs", "需同用"}}) {
    fmt->label(key, zh);
  }
  app.set_help_flag("-h,--help", "显示帮助 / print this help");
}

// Options of a command are accepted after the words of its sub-commands
// ("regions ls --db X" as well as "regions --db X ls").
void OptionsAnywhere(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (app.get_parent() != nullptr) sub->fallthrough();
    OptionsAnywhere(*sub);
  }
}

// A command line CLI11 could not parse, in Chinese first; exit status 2.
int ParseFailure(const CLI::App& app, const CLI::ParseError& e) {
  const std::string what = e.what();
  std::string zh = "命令行参数有误";
  if (dynamic_cast<const CLI::RequiredError*>(&e)) zh = "缺少必填的参数或子命令";
  else if (dynamic_cast<const CLI::ExtrasError*>(&e)) zh = "有无法识别的参数";
  else if (dynamic_cast<const CLI::ConversionError*>(&e) || dynamic_cast<const CLI::ValidationError*>(&e)) zh = "参数的值不符合要求";
  else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) zh = "参数的个数不对";
  std::cerr << "错误：" << zh << "（" << what << "）\n用 " << app.get_name() << " --help 或 “子命令 --help” 查看用法"
            << " / error: " << what << "; run with --help for usage\n";
  return 2;
}

}  // namespace

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
  CLI::App app{"gongkai — 政府信息公开工作年度报告的提取与核查 / extract and audit annual reports", "gongkai"};
  ChineseHelp(app);
  app.set_version_flag("--version", GONGKAI_VERSION, "显示版本 / print the version");
  app.require_subcommand(1);
  app.footer(
      "退出状态：0 成功；1 发现错误（check），或有文件未能导入（import）；2 输入或输出有误（文件不可读、数据库不存在、"
      "地区不存在）；3 check 时两者兼有，或 notice 生成 PDF 需要的 LibreOffice 不可用\n"
      "Exit status: 0 ok; 1 errors found (check) or files not imported (import); 2 bad input or output; "
      "3 both (check), or no LibreOffice for notice --format pdf\n");
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
  OptionsAnywhere(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    return ParseFailure(app, e);
  }
  for (const auto& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return 0;
}

// gongkai check: audit reports and print what is wrong, grouped by severity.
//
// Exit status (bits, so that both can be told apart): 1 when any report has
// an error finding, 2 when a file could not be read (or no input was found).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "pipeline/pipeline.h"
#include "service/files.h"
#include "writers/json_writer.h"
#include "writers/text_format.h"

namespace gongkai::cli {

namespace {

constexpr int kExitErrorsFound = 1;
constexpr int kExitUnreadable = 2;

void PrintSummary(const std::string& path, const Report& r, bool verbose) {
  const service::FindingCounts count = service::CountFindings(r);
  std::cout << "■ " << path << "\n  " << (r.meta.agency.empty() ? "（未识别单位）" : r.meta.agency) << " "
            << (r.meta.year ? std::to_string(*r.meta.year) + "年度" : "（年份未知）") << "，"
            << writers::text::VersionName(r.meta.format_version) << "：错误 " << count.error << " 项，警告 "
            << count.warning << " 项，提示 " << count.info << " 项\n";
  writers::text::FindingStyle style;
  style.verbose = verbose;
  writers::text::PrintFindings(std::cout, r, r.findings, style);
  std::cout << "\n";
}

int RunCheck(const std::vector<std::string>& inputs, bool json, bool verbose, const pipeline::Limits& limits) {
  std::vector<service::FileResult> skipped;
  const std::vector<std::string> files = service::ExpandFiles(inputs, &skipped);
  for (const service::FileResult& s : skipped) {
    std::cerr << "– " << s.path << "：" << s.error_zh << " / " << s.path << ": " << s.error_en << "\n";
  }
  if (files.empty()) {
    if (!skipped.empty()) std::cerr << service::BatchCounts(0, 0, skipped.size()) << "\n";
    std::cerr << "错误：没有找到可读取的文件 / error: no input files found\n";
    return kExitUnreadable;
  }
  int status = 0;
  std::size_t unreadable = 0;
  const std::vector<service::FileResult> results = service::CheckFiles(files, pipeline::Options::Isolated(limits));
  for (const service::FileResult& f : results) {
    if (f.report) continue;
    std::cerr << "✗ " << f.path << "：" << f.error_zh << " / " << f.path << ": " << f.error_en << "\n";
    status |= kExitUnreadable;
    ++unreadable;
  }
  if (files.size() + skipped.size() > 1) {
    std::cerr << service::BatchCounts(results.size() - unreadable, unreadable, skipped.size()) << "\n";
  }
  writers::Json array = writers::Json::array();
  for (const service::FileResult& f : results) {
    if (!f.report) continue;
    if (service::CountFindings(*f.report).error > 0) status |= kExitErrorsFound;
    if (json) {
      array.push_back(writers::ToJson(*f.report));
    } else {
      PrintSummary(f.path, *f.report, verbose);
    }
  }
  if (json) {
    const writers::Json& out = (files.size() == 1 && array.size() == 1) ? array[0] : array;
    std::cout << out.dump(2, ' ', false, writers::Json::error_handler_t::replace) << "\n";
  }
  return status;
}

}  // namespace

void AddCheckCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::vector<std::string> inputs;
    bool json = false;
    bool verbose = false;
    pipeline::Limits limits;
  };
  auto opts = std::make_shared<Options>();
  auto* sub = app.add_subcommand("check", "核查报告并按严重程度列出问题 / audit reports, findings by severity");
  sub->add_option("inputs", opts->inputs, "报告文件或文件夹 / report files or folders")->required();
  sub->add_flag("--json", opts->json, "输出 JSON（gongkai.report/1，含 findings）/ print JSON documents");
  sub->add_flag("-v,--verbose", opts->verbose, "同时列出规则编号 / show rule ids");
  AddLimitOptions(sub, opts->limits);
  commands.push_back({sub, [opts] { return RunCheck(opts->inputs, opts->json, opts->verbose, opts->limits); }});
}

}  // namespace gongkai::cli

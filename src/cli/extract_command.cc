// gongkai extract: reports to JSON (gongkai.report/1).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "format/labels.h"
#include "service/files.h"
#include "writers/json_writer.h"
#include "writers/text_format.h"

namespace gongkai::cli {

namespace {

// One line per file on stderr, for people watching a batch.
void Summarise(const std::string& name, const Report& r) {
  const service::FindingCounts c = service::CountFindings(r);
  std::cerr << "✓ " << name << "：" << (r.meta.agency.empty() ? "（未识别单位）" : r.meta.agency) << " "
            << (r.meta.year ? std::to_string(*r.meta.year) + "年" : "（年份未知）") << " "
            << writers::text::VersionShortName(format::VersionKey(r.meta.format_version)) << "，章节 " << r.sections.size()
            << "/6，表格数值 " << service::CellsRead(r) << " 个，问题：错误 " << c.error << "、警告 " << c.warning
            << "、提示 " << c.info << "\n";
}

int RunExtract(const std::vector<std::string>& inputs, const std::string& out_dir, const pipeline::Limits& limits) {
  std::vector<service::FileResult> skipped;
  const std::vector<std::string> files = service::ExpandFiles(inputs, &skipped);
  for (const service::FileResult& s : skipped) {
    std::cerr << "– " << s.path << "：" << s.error_zh << " / " << s.path << ": " << s.error_en << "\n";
  }
  if (files.empty()) {
    if (!skipped.empty()) std::cerr << service::BatchCounts(0, 0, skipped.size()) << "\n";
    std::cerr << "错误：没有找到可读取的文件 / error: no input files found\n";
    return 2;
  }
  if (!out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) {
      std::cerr << "错误：无法创建输出目录 " << out_dir << " / error: cannot create output directory: "
                << ec.message() << "\n";
      return 2;
    }
  }
  // Inputs that share a name (a/报告.pdf, b/报告.pdf) must not overwrite
  // each other: theirs get a short content hash, and the summary names the
  // input beside the output.
  std::map<std::string, int> stems;
  for (const std::string& f : files) ++stems[std::filesystem::path(f).stem().string()];
  std::set<std::string> written;
  int failed = 0;
  writers::Json array = writers::Json::array();
  // The readers run in worker processes under the budgets of `limits`.
  service::ProcessEach(files, pipeline::Options::Isolated(limits), [&](service::FileResult& res) {
    const std::string& path = res.path;
    if (!res.report) {
      std::cerr << "✗ " << path << "：" << res.error_zh << " / " << path << ": " << res.error_en << "\n";
      ++failed;
      return;
    }
    const Report& r = *res.report;
    if (out_dir.empty()) {
      if (files.size() == 1) {
        std::cout << writers::WriteJson(r);
      } else {
        array.push_back(writers::ToJson(r));
      }
      return;
    }
    const std::string stem = std::filesystem::path(path).stem().string();
    std::string name = stem;
    if (stems[stem] > 1) name += "-" + r.source.sha256.substr(0, 8);
    for (int k = 2; written.contains(name); ++k) name = stem + "-" + r.source.sha256.substr(0, 8) + "-" + std::to_string(k);
    written.insert(name);
    const std::filesystem::path target = std::filesystem::path(out_dir) / (name + ".json");
    std::ofstream out(target, std::ios::binary);
    out << writers::WriteJson(r);
    if (!out) {
      std::cerr << "✗ " << path << "：无法写入 " << target.string() << " / cannot write output\n";
      ++failed;
      return;
    }
    Summarise(name == stem ? stem : name + ".json（" + path + "）", r);
  });
  if (out_dir.empty() && files.size() > 1) std::cout << array.dump(2, ' ', false, writers::Json::error_handler_t::replace) << "\n";
  if (files.size() + skipped.size() > 1) {
    std::cerr << service::BatchCounts(files.size() - static_cast<std::size_t>(failed), static_cast<std::size_t>(failed),
                                      skipped.size())
              << "\n";
  }
  if (failed > 0) {
    std::cerr << failed << " 个文件未能处理 / " << failed << " file(s) could not be processed\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddLimitOptions(CLI::App* sub, pipeline::Limits& limits) {
  sub->add_option("--time-limit", limits.seconds, "每个文件的读取时间上限（秒）/ reading time per file, seconds")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option_function<std::size_t>(
         "--memory-limit", [&limits](std::size_t mb) { limits.memory_bytes = mb << 20; },
         "读取进程的内存上限（MB，默认 " + std::to_string(limits.memory_bytes >> 20) +
             "）/ memory of a reading worker, MB")
      ->check(CLI::Range(std::size_t{64}, std::size_t{1} << 20));
}

void AddExtractCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::vector<std::string> inputs;
    std::string out_dir;
    pipeline::Limits limits;
  };
  auto opts = std::make_shared<Options>();
  auto* sub = app.add_subcommand("extract", "提取报告为 JSON / extract reports to JSON (gongkai.report/1)");
  sub->add_option("inputs", opts->inputs, "报告文件或文件夹 / report files or folders")->required();
  sub->add_option("-o,--out", opts->out_dir, "每个输入写一个 NAME.json 到此目录（同名的输入另加内容哈希，不覆盖）/ one NAME.json per input here (inputs of the same name get a content hash)");
  AddLimitOptions(sub, opts->limits);
  commands.push_back({sub, [opts] { return RunExtract(opts->inputs, opts->out_dir, opts->limits); }});
}

}  // namespace gongkai::cli

// gongkai extract: reports to JSON (gongkai.report/1).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"
#include "writers/json_writer.h"

namespace gongkai::cli {

namespace {


struct Counts {
  int errors = 0, warnings = 0, infos = 0;
};

Counts CountFindings(const Report& r) {
  Counts c;
  for (const auto& f : r.findings) {
    if (f.severity == "error") ++c.errors;
    else if (f.severity == "warning") ++c.warnings;
    else ++c.infos;
  }
  return c;
}

int CellsRead(const Report& r) {
  int n = 0;
  for (const auto& row : r.table2.rows)
    for (const auto& c : row) n += c.value.has_value();
  for (std::size_t i = 0; i < r.table3.rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    for (const auto& c : r.table3.rows[i]) n += c.value.has_value();
  }
  for (const auto& g : r.table4.groups)
    for (const auto& c : g) n += c.value.has_value();
  return n;
}

// One line per file on stderr, for people watching a batch.
void Summarise(const std::string& name, const Report& r) {
  const Counts c = CountFindings(r);
  std::cerr << "✓ " << name << "：" << (r.meta.agency.empty() ? "（未识别单位）" : r.meta.agency) << " "
            << (r.meta.year ? std::to_string(*r.meta.year) + "年" : "（年份未知）") << " "
            << format::VersionKey(r.meta.format_version) << "，章节 " << r.sections.size()
            << "/6，表格数值 " << CellsRead(r) << " 个，问题：错误 " << c.errors << "、警告 " << c.warnings
            << "、提示 " << c.infos << "\n";
}

int RunExtract(const std::vector<std::string>& inputs, const std::string& out_dir) {
  const std::vector<std::string> files = pipeline::ExpandInputs(inputs);
  if (files.empty()) {
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
  int failed = 0;
  const pipeline::Pipeline pipe;  // built once for the whole batch
  writers::Json array = writers::Json::array();
  for (const std::string& path : files) {
    try {
      Report r = pipe.ProcessFile(path);
      if (out_dir.empty()) {
        if (files.size() == 1) {
          std::cout << writers::WriteJson(r);
        } else {
          array.push_back(writers::ToJson(r));
        }
        continue;
      }
      const std::string stem = std::filesystem::path(path).stem().string();
      const std::filesystem::path target = std::filesystem::path(out_dir) / (stem + ".json");
      std::ofstream out(target, std::ios::binary);
      out << writers::WriteJson(r);
      if (!out) {
        std::cerr << "✗ " << path << "：无法写入 " << target.string() << " / cannot write output\n";
        ++failed;
        continue;
      }
      Summarise(stem, r);
    } catch (const readers::ReadError& e) {
      std::cerr << "✗ " << path << "：" << e.zh() << " / " << path << ": " << e.en() << "\n";
      ++failed;
    } catch (const std::exception& e) {
      std::cerr << "✗ " << path << "：处理时出错 / " << path << ": internal error: " << e.what() << "\n";
      ++failed;
    }
  }
  if (out_dir.empty() && files.size() > 1) std::cout << array.dump(2, ' ', false, writers::Json::error_handler_t::replace) << "\n";
  if (failed > 0) {
    std::cerr << failed << " 个文件未能处理 / " << failed << " file(s) could not be processed\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddExtractCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::vector<std::string> inputs;
    std::string out_dir;
  };
  auto opts = std::make_shared<Options>();
  auto* sub = app.add_subcommand("extract", "提取报告为 JSON / extract reports to JSON (gongkai.report/1)");
  sub->add_option("inputs", opts->inputs, "报告文件或文件夹 / report files or folders")->required();
  sub->add_option("-o,--out", opts->out_dir, "每个输入写一个 NAME.json 到此目录 / write one NAME.json per input here");
  commands.push_back({sub, [opts] { return RunExtract(opts->inputs, opts->out_dir); }});
}

}  // namespace gongkai::cli

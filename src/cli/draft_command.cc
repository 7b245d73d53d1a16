// gongkai draft REPORT.json -o OUT.docx|OUT.html: the annual report written
// in the official layout from a gongkai.report/1 document (what `extract`
// prints, or `register --json` counted from a register, with the office's
// own meta, tables and section text filled in).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "writers/draft_writer.h"
#include "writers/json_reader.h"

namespace gongkai::cli {

namespace {

struct Options {
  std::string input, output, format;
};

int Run(const Options& o) {
  std::string fmt = o.format;
  if (fmt.empty()) {
    const std::string ext = std::filesystem::path(o.output).extension().string();
    fmt = ext == ".html" || ext == ".htm" ? "html" : ext == ".docx" ? "docx" : "";
  }
  if (fmt.empty()) {
    std::cerr << "gongkai draft：请用 .docx 或 .html 作输出文件名，或用 --format 指定 / give OUT.docx or OUT.html, or --format\n";
    return 2;
  }
  Report r;
  try {
    std::ifstream in(o.input, std::ios::binary);
    if (!in) throw std::runtime_error("无法打开文件 / cannot open the file");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    r = writers::ReportFromJsonText(text);
  } catch (const std::exception& e) {
    std::cerr << "gongkai draft：" << o.input << "：" << e.what() << "\n";
    return 2;
  }
  try {
    const std::string bytes = fmt == "html" ? writers::DraftHtml(r) : writers::DraftDocx(r);
    std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
      throw std::runtime_error("无法写入 / cannot write");
    }
  } catch (const std::exception& e) {
    std::cerr << "gongkai draft：" << o.output << "：" << e.what() << "\n";
    return 2;
  }
  std::cerr << "已生成 " << o.output << "（" << (r.meta.agency.empty() ? "未填单位名称" : r.meta.agency)
            << (r.meta.year ? " " + std::to_string(*r.meta.year) + "年度" : "") << "）；可用 gongkai check " << o.output
            << " 核查 / written\n";
  return 0;
}

}  // namespace

void AddDraftCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("draft", "按官方格式生成年度报告 / write the annual report in the official layout");
  sub->add_option("report", o->input, "gongkai.report/1 JSON（extract 或 register --json 的输出）/ the report data")->required();
  sub->add_option("-o,--output", o->output, "输出文件（.docx 或 .html）/ output file")->required();
  sub->add_option("--format", o->format, "docx 或 html（默认按文件名）/ docx or html")->check(CLI::IsMember({"docx", "html"}));
  commands.push_back({sub, [o] { return Run(*o); }});
}

}  // namespace gongkai::cli

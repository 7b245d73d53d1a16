// gongkai notice REPORT_OR_ID: a 整改通知 to the unit whose report it is, as
// DOCX, printable HTML or PDF (the DOCX converted by LibreOffice headless,
// when `soffice` is installed). REPORT_OR_ID is a report file (read and
// audited now) or the id of a stored report (gongkai ls) with --db.
//
// Exit status: 0 written, 2 bad input or output, 3 PDF asked but LibreOffice
// is not available or failed.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"
#include "store/store.h"
#include "writers/notice_writer.h"

extern char** environ;

namespace gongkai::cli {

namespace {

struct Options {
  std::string input, db = "gongkai.db", format = "docx", out;
  writers::NoticeOptions notice;
};

bool IsId(const std::string& s) {
  return !s.empty() && s.size() < 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Runs soffice without a shell; true if it produced `pdf`.
bool ConvertToPdf(const std::filesystem::path& docx, const std::filesystem::path& pdf) {
  const std::string outdir = pdf.parent_path().string();
  const std::string in = docx.string();
  std::vector<std::string> args = {"soffice", "--headless", "--convert-to", "pdf", "--outdir", outdir, in};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "soffice", nullptr, nullptr, argv.data(), environ) != 0) return false;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
  const auto made = pdf.parent_path() / (docx.stem().string() + ".pdf");
  std::error_code ec;
  if (made != pdf) std::filesystem::rename(made, pdf, ec);
  return !ec && std::filesystem::exists(pdf);
}

int Run(const Options& o) {
  Report report;
  writers::Unit unit;
  try {
    if (std::filesystem::exists(o.input)) {
      // Read in a worker under the default per-file budgets, as extract does.
      report = pipeline::Pipeline(pipeline::Options::Isolated()).ProcessFile(o.input);
    } else if (IsId(o.input)) {
      if (!std::filesystem::exists(o.db)) {
        std::cerr << "数据库不存在：" << o.db << " / no database: " << o.db << "\n";
        return 2;
      }
      store::Store db(o.db, store::OpenMode::kReadOnly);
      const std::int64_t id = std::stoll(o.input);
      bool found = false;
      for (const auto& r : db.Reports(true)) {
        if (r.id != id) continue;
        unit.agency = r.agency.empty() ? r.agency_name : r.agency;
        unit.region = r.region;
        found = true;
      }
      if (!found) {
        std::cerr << "库中没有编号为 " << id << " 的报告（gongkai ls 可查看）/ no report " << id << " in " << o.db << "\n";
        return 2;
      }
      report = db.LoadReport(id);
    } else {
      std::cerr << "找不到文件：" << o.input << " / no such file: " << o.input << "\n";
      return 2;
    }
  } catch (const readers::ReadError& e) {
    std::cerr << "✗ " << o.input << "：" << e.zh() << " / " << e.en() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "✗ " << o.input << "：处理时出错 / error: " << e.what() << "\n";
    return 2;
  }
  std::string out = o.out;
  if (out.empty()) {
    const std::string stem = std::filesystem::exists(o.input) ? std::filesystem::path(o.input).stem().string()
                                                              : "report-" + o.input;
    out = stem + "-整改通知." + o.format;
  }
  try {
    if (o.format == "html") {
      std::ofstream(out, std::ios::binary) << writers::NoticeHtml(report, unit, o.notice);
    } else {
      const std::string docx = writers::NoticeDocx(report, unit, o.notice);
      if (o.format == "docx") {
        std::ofstream(out, std::ios::binary) << docx;
      } else {
        const auto dir = std::filesystem::temp_directory_path() / ("gongkai-notice-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        const auto tmp = dir / "notice.docx";
        std::ofstream(tmp, std::ios::binary) << docx;
        const bool ok = ConvertToPdf(tmp, dir / "notice.pdf");
        if (ok) std::filesystem::copy_file(dir / "notice.pdf", out, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::remove_all(dir);
        if (!ok) {
          std::cerr << "无法生成 PDF：需要 LibreOffice（soffice）。可改用 --format docx 或 html / PDF needs LibreOffice (soffice)\n";
          return 3;
        }
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "无法写入 " << out << " / cannot write " << out << ": " << e.what() << "\n";
    return 2;
  }
  if (!std::filesystem::exists(out)) {
    std::cerr << "无法写入 " << out << " / cannot write " << out << "\n";
    return 2;
  }
  std::cerr << "已生成整改通知：" << out << "（" << writers::NoticeItems(report, unit, o.notice).size() << " 项问题）\n";
  return 0;
}

}  // namespace

void AddNoticeCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("notice", "生成整改通知（docx、html 或 pdf）/ a rectification notice to the unit");
  sub->add_option("report", o->input, "报告文件，或库中报告的编号（配合 --db）/ report file or stored report id")
      ->required();
  sub->add_option("--db", o->db, "数据库文件 / SQLite database")->capture_default_str();
  sub->add_option("--format", o->format, "docx、html 或 pdf / output format")
      ->check(CLI::IsMember({"docx", "html", "pdf"}))
      ->capture_default_str();
  sub->add_option("-o,--out", o->out, "输出文件（默认：报告名-整改通知.格式）/ output file");
  sub->add_option("--issuer", o->notice.issuer, "发文机关 / issuing office");
  sub->add_option("--number", o->notice.doc_number, "文号 / document number");
  sub->add_option("--date", o->notice.date, "成文日期，如 2027年2月10日 / date");
  sub->add_option("--deadline", o->notice.deadline, "整改期限 / deadline")->capture_default_str();
  sub->add_option("--contact", o->notice.contact, "联系人及电话 / contact");
  commands.push_back({sub, [o] { return Run(*o); }});
}

}  // namespace gongkai::cli

// gongkai import PATH...: files, folders and zip archives into the corpus
// database, extracted and audited on all cores. Exit status 1 if any file
// could not be read (it is recorded in the failures table with its reason).
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "corpus/importer.h"

namespace gongkai::cli {

namespace {

std::string Duration(double s) {
  if (s < 0 || s > 1e7) return "?";
  const long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  }
  return buf;
}

std::string ProgressLine(const corpus::ImportProgress& p) {
  const double rate = p.elapsed_s > 0 ? static_cast<double>(p.done) / p.elapsed_s : 0;
  const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : -1;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%zu/%zu 文件 · %.0f 份/s · 新增 %zu · 已有 %zu · 失败 %zu · 剩余 %s", p.done, p.total,
                rate, p.stored, p.skipped, p.failed, Duration(eta).c_str());
  return buf;
}

}  // namespace

void AddImportCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::vector<std::string> inputs;
    std::string db = "gongkai.db";
    unsigned threads = 0;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("import", "导入报告到语料库 / import reports (files, folders, .zip) into the corpus");
  sub->add_option("inputs", opts->inputs, "files, folders or zip archives")->required();
  sub->add_option("--db", opts->db, "SQLite database (default ./gongkai.db)");
  sub->add_option("-j,--threads", opts->threads, "worker threads (default: all cores)");
  commands.push_back({sub, [opts]() -> int {
    try {
      store::Store db(opts->db);
      const auto inputs = corpus::ExpandImportInputs(opts->inputs);
      const bool tty = isatty(STDERR_FILENO) != 0;
      corpus::ImportOptions io;
      io.threads = opts->threads;
      double last_plain = -100;
      io.on_progress = [&](const corpus::ImportProgress& p) {
        if (tty) {
          std::cerr << "\r\033[K" << ProgressLine(p) << std::flush;
        } else if (p.elapsed_s - last_plain >= 10 || p.done == p.total) {
          // Logs and pipes: a plain line every 10 s, no carriage returns.
          std::cerr << ProgressLine(p) << "\n";
          last_plain = p.elapsed_s;
        }
      };
      const corpus::ImportProgress p = corpus::Import(db, inputs, io);
      if (tty) std::cerr << "\n";
      std::cerr << "导入完成 / done: " << p.stored << " 份新报告 new, " << p.skipped << " 份已在库中 already stored, "
                << p.failed << " 个文件失败 failed, " << Duration(p.elapsed_s) << " → " << opts->db << "\n";
      if (p.failed > 0) {
        std::cerr << "失败的文件见 / failed files: gongkai ls --failed --db " << opts->db << "\n";
      }
      return p.failed > 0 ? 1 : 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai import: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli

// gongkai import PATH...: files, folders and zip archives into the corpus
// database, extracted and audited on all cores. Exit status 1 if any file
// could not be read (it is recorded in the failures table with its reason).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "service/corpus.h"

namespace gongkai::cli {

namespace {

std::string Duration(double s) {
  if (s < 0 || s > 1e7) return "估算中";
  const long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld小时%02ld分", t / 3600, t / 60 % 60);
  } else if (t >= 60) {
    std::snprintf(buf, sizeof buf, "%ld分%02ld秒", t / 60, t % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld秒", t);
  }
  return buf;
}

// Files per second, or per minute when slower than one a second (a batch of
// scans), over the whole run: it falls while a slow file is in progress.
std::string Rate(const corpus::ImportProgress& p) {
  if (p.elapsed_s < 1 || p.done == 0) return "速度估算中";
  const double per_s = static_cast<double>(p.done) / p.elapsed_s;
  char buf[64];
  if (per_s >= 1) {
    std::snprintf(buf, sizeof buf, "每秒 %.1f 份", per_s);
  } else {
    std::snprintf(buf, sizeof buf, "每分钟 %.1f 份", per_s * 60);
  }
  return buf;
}

std::string ProgressLine(const corpus::ImportProgress& p) {
  const std::optional<double> left = p.SecondsLeft();
  std::string line = "已处理 " + std::to_string(p.done) + "/" + std::to_string(p.total) + " 个文件 · " + Rate(p) +
                     " · 新增 " + std::to_string(p.stored) + " · 已在库中 " + std::to_string(p.skipped) + " · 失败 " +
                     std::to_string(p.failed) + " · 预计剩余 " + (left ? Duration(*left) : "估算中");
  // A file that holds the batch up is named, with how long it has taken.
  if (p.working > 0 && p.slowest_s >= 5) {
    line += " · 正在读取 " + std::filesystem::path(p.slowest).filename().string() + "（已用 " + Duration(p.slowest_s) + "）";
  }
  return line;
}

}  // namespace

void AddImportCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::vector<std::string> inputs;
    std::string db = "gongkai.db";
    unsigned threads = 0;
    pipeline::Limits limits;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("import", "导入报告到语料库 / import reports (files, folders, .zip) into the corpus");
  sub->add_option("inputs", opts->inputs, "报告文件、文件夹或 zip 压缩包 / files, folders or zip archives")->required();
  sub->add_option("--db", opts->db, "数据库文件（默认 ./gongkai.db）/ SQLite database");
  sub->add_option("-j,--threads", opts->threads, "并行线程数（默认：全部核心）/ worker threads");
  AddLimitOptions(sub, opts->limits);
  commands.push_back({sub, [opts]() -> int {
    try {
      store::Store db(opts->db);
      const bool tty = isatty(STDERR_FILENO) != 0;
      corpus::ImportOptions io;
      io.threads = opts->threads;
      io.pipeline = pipeline::Options::Isolated(opts->limits);
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
      const corpus::ImportProgress p = service::ImportPaths(db, opts->inputs, io);
      if (tty) std::cerr << "\n";
      std::cerr << "导入完成：新增 " << p.stored << " 份报告，" << p.skipped << " 份已在库中，" << p.failed
                << " 个文件失败，用时 " << Duration(p.elapsed_s) << "，数据库 " << opts->db << "\n";
      if (p.failed > 0) {
        std::cerr << "失败的文件及原因：gongkai ls --failed --db " << opts->db << "\n";
      }
      return p.failed > 0 ? 1 : 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai import 出错 / error: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli

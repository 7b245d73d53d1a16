// gongkai regions load FILE: the region hierarchy the user keeps, as CSV
// lines name,parent,level,aliases (aliases separated by | or ;). A first
// line starting with "name" is a header. `gongkai regions ls` prints it.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "corpus/writer.h"
#include "writers/text_format.h"
#include "store/store.h"

namespace gongkai::cli {

namespace {

// One CSV line into fields (RFC 4180 quotes; no line breaks inside fields).
// Hand-written: no CSV parser among the project's Debian packages.
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

void AddRegionsCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string file;
    std::string db = "gongkai.db";
  };
  auto opts = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("regions", "地区层级：load 文件 载入，ls 列出 / the region hierarchy (load FILE | ls)");
  sub->require_subcommand(1);
  CLI::App* load = sub->add_subcommand("load", "载入 CSV（名称,上级,层级,别名），替换现有层级 / load name,parent,level,aliases CSV");
  load->add_option("file", opts->file)->required();
  sub->add_subcommand("ls", "列出地区层级 / print the hierarchy");
  sub->add_option("--db", opts->db, "数据库文件 / SQLite database")->capture_default_str();
  commands.push_back({sub, [opts, load]() -> int {
    try {
      if (load->parsed()) {
        std::ifstream in(opts->file);
        if (!in) {
          std::cerr << "无法读取 / cannot read " << opts->file << "\n";
          return 2;
        }
        std::vector<store::Region> regions;
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
          if (n == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
          if (line.empty() || line[0] == '#') continue;
          auto f = SplitCsv(line);
          if (n == 1 && f[0] == "name") continue;
          f.resize(4);
          store::Region r{f[0], f[1], f[2], {}};
          std::string a = f[3];
          for (char& c : a) c = c == ';' ? '|' : c;
          for (std::size_t p; !a.empty();) {
            p = a.find('|');
            if (p != 0) r.aliases.push_back(a.substr(0, p));
            if (p == std::string::npos) break;
            a.erase(0, p + 1);
          }
          if (!r.name.empty()) regions.push_back(std::move(r));
        }
        store::Store db(opts->db);
        corpus::SetRegions(db, regions);
        std::cout << "已载入 " << regions.size() << " 个地区或单位\n";
        return 0;
      }
      store::Store db(opts->db);
      writers::text::Table t({"名称", "上级", "层级", "别名"});
      for (const auto& r : db.Regions()) {
        std::string aliases;
        for (const auto& a : r.aliases) aliases += (aliases.empty() ? "" : "、") + a;
        t.AddRow({r.name, r.parent.empty() ? "—" : r.parent, std::string(writers::text::LevelName(r.level)), aliases});
      }
      t.Print(std::cout);
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai regions 出错 / error: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli

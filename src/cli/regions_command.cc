// gongkai regions load FILE: the region hierarchy the user keeps, as CSV or
// XLSX rows name,parent,level,aliases,reports (aliases separated by | or ;;
// reports 是/否: whether the node must publish a report itself). A first line
// of column names (name… or 名称/单位名称…) is a header, in any order; a list
// of unit names alone is the 应报单位名单. `gongkai regions ls` prints it.
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "corpus/analysis.h"
#include "corpus/writer.h"
#include "writers/text_format.h"
#include "store/store.h"
#include "service/corpus.h"

namespace gongkai::cli {


void AddRegionsCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string file;
    std::string db = "gongkai.db";
  };
  auto opts = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("regions", "地区层级：load 文件 载入，ls 列出 / the region hierarchy (load FILE | ls)");
  sub->require_subcommand(1);
  CLI::App* load = sub->add_subcommand("load", "载入 CSV 或 XLSX（名称,上级,层级,别名,应报），替换现有层级；只有单位名称一列时即应报单位名单 / load a name,parent,level,aliases,reports CSV or XLSX (or a list of the units that must report)");
  load->add_option("file", opts->file)->required();
  sub->add_subcommand("ls", "列出地区层级 / print the hierarchy");
  sub->add_option("--db", opts->db, "数据库文件 / SQLite database")->capture_default_str();
  commands.push_back({sub, [opts, load]() -> int {
    try {
      if (load->parsed()) {
        std::ifstream in(opts->file, std::ios::binary);
        if (!in) {
          std::cerr << "无法读取 / cannot read " << opts->file << "\n";
          return 2;
        }
        const std::string bytes(std::istreambuf_iterator<char>(in), {});
        store::Store db(opts->db);
        try {
          std::cout << "已载入 " << service::LoadRegions(db, bytes) << " 个地区或单位\n";
        } catch (const service::UserError& e) {
          std::cerr << opts->file << "：" << e.zh() << " / " << e.en() << "\n";
          return 2;
        }
        return 0;
      }
      store::Store db(opts->db);
      const std::vector<store::Region> regions = db.Regions();
      if (regions.empty()) {
        std::cout << "尚未载入地区层级（gongkai regions load 文件）；各单位的地区按其名称推断\n";
        return 0;
      }
      const corpus::Hierarchy h(regions);
      writers::text::Table t({"名称", "上级", "层级", "应报", "别名"});
      for (const auto& r : regions) {
        std::string aliases;
        for (const auto& a : r.aliases) aliases += (aliases.empty() ? "" : "、") + a;
        t.AddRow({r.name, r.parent.empty() ? "—" : r.parent, r.level.empty() ? "—" : std::string(writers::text::LevelName(r.level)),
                  h.Reports(r.name) ? "是" : (r.reports ? "否" : "否（仅分组）"), aliases.empty() ? "—" : aliases});
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

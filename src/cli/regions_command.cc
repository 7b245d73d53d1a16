// gongkai regions load FILE: the region hierarchy the user keeps, as CSV
// lines name,parent,level,aliases (aliases separated by | or ;). A first
// line starting with "name" is a header. `gongkai regions ls` prints it.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
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
        const std::vector<store::Region> regions = service::ParseRegionsCsv(in);
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

// gongkai rollup (a region's tables as the sum of its units'), compare (an
// agency across years, or two reports) and export (csv | xlsx | jsonl): each
// parses its options, asks src/service (the same functions the HTTP server
// calls) and prints the answer with the writers' text formatters.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "audit/names.h"
#include "cli/commands.h"
#include "cli/run_service.h"
#include "service/corpus.h"
#include "writers/cell_columns.h"
#include "writers/json_writer.h"
#include "writers/text_format.h"

namespace gongkai::cli {

namespace {

std::string Value(const std::optional<double>& v) { return writers::text::ValueText(v, false); }

}  // namespace

void AddRollupCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string db = "gongkai.db", region;
    int year = 0;
    bool json = false, verbose = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("rollup", "汇总地区各单位的表格 / sum the units' tables into the region's");
  sub->add_option("--db", o->db, "数据库文件 / SQLite database")->capture_default_str();
  sub->add_option("--region", o->region, "地区 / region")->required();
  sub->add_option("--year", o->year, "报告年度 / report year")->required();
  sub->add_flag("--json", o->json, "输出汇总表的 JSON（gongkai.report/1）/ print the summed report as JSON");
  sub->add_flag("-v,--verbose", o->verbose, "同时列出规则编号 / show rule ids");
  commands.push_back({sub, [o] {
    return RunService("rollup", [&] {
      auto db = service::OpenExisting(o->db);
      const corpus::Rollup r = service::Rollup(*db, o->region, o->year);
      if (r.included.empty() && r.missing.empty()) {
        std::cerr << "未找到地区“" << o->region << "”在 " << o->year << " 年度的单位或报告（gongkai regions ls 可查看区划）"
                  << " / no unit or report of region " << o->region << " in " << o->year << "\n";
        return 2;
      }
      if (o->json) {
        std::cout << writers::WriteJson(r.sum) << "\n";
        return 0;
      }
      std::cout << o->region << " " << o->year << "年度汇总：纳入 " << r.included.size() << " 个单位，缺报 "
                << r.missing.size() << " 个\n\n【纳入】" << r.included.size() << " 个单位\n";
      for (const auto& n : r.included) std::cout << "  " << n << "\n";
      std::cout << "【缺报】" << r.missing.size() << " 个单位\n";
      for (const auto& n : r.missing) std::cout << "  " << n << "\n";
      if (!r.table2_excluded.empty()) {
        std::cout << "【表二格式不同，未计入】\n";
        for (const auto& n : r.table2_excluded) std::cout << "  " << n << "\n";
      }
      std::cout << "空值单元格（未计入，不作为0）：" << r.null_cells << " 个\n\n【表三 收到和处理政府信息公开申请情况（总计列）】\n";
      writers::text::Table t3({"项目", "总计"});
      t3.RightAlign({1});
      const auto rows = format::Table3Rows();
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!Table3RowInLayout(r.sum.table3, i)) continue;
        const CellRef ref{3, std::string(rows[i].key), "total"};
        t3.AddRow({writers::Unquote(audit::RowName(r.sum, ref)), Value(r.sum.table3.rows[i].back().value)});
      }
      t3.Print(std::cout, "  ");
      std::cout << "\n【表四 政府信息公开行政复议、行政诉讼情况】\n";
      std::vector<std::string> head{"类别"};
      for (const auto& c : format::Table4Columns()) head.emplace_back(c.label);
      writers::text::Table t4(head);
      t4.RightAlign({1, 2, 3, 4, 5});
      for (std::size_t g = 0; g < format::kTable4Groups; ++g) {
        std::vector<std::string> line{
            writers::Unquote(audit::RowName(r.sum, CellRef{4, std::string(format::Table4Groups()[g].key), ""}))};
        for (const auto& c : r.sum.table4.groups[g]) line.push_back(Value(c.value));
        t4.AddRow(std::move(line));
      }
      t4.Print(std::cout, "  ");
      std::cout << "\n【汇总表核查】\n";
      writers::text::FindingStyle style;
      style.verbose = o->verbose;
      writers::text::PrintFindings(std::cout, r.sum, r.sum.findings, style);
      return 0;
    });
  }});
}

void AddCompareCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string db = "gongkai.db", agency;
    std::vector<std::int64_t> ids;
    bool all_cells = false, verbose = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("compare", "对比：单位历年或两份报告 / an agency across years, or two reports");
  sub->add_option("--db", o->db, "数据库文件 / SQLite database")->capture_default_str();
  sub->add_option("--agency", o->agency, "单位（模糊匹配），对比其历年报告 / agency (fuzzy): every year of it");
  sub->add_option("ids", o->ids, "两份报告的编号（见 gongkai ls）/ two report ids")->expected(0, 2);
  sub->add_flag("--all-cells", o->all_cells, "也列出未变化的单元格 / print unchanged cells too");
  sub->add_flag("-v,--verbose", o->verbose, "同时列出规则编号 / show rule ids");
  commands.push_back({sub, [o] {
    return RunService("compare", [&] {
      auto db = service::OpenExisting(o->db);
      const std::vector<std::int64_t> ids =
          o->ids.empty() && !o->agency.empty() ? service::AgencyReports(*db, o->agency) : o->ids;
      const service::Comparison cmp = service::Compare(*db, ids);
      const std::vector<Report>& reports = cmp.reports;
      auto title = [&](std::size_t k) {
        const Report& r = reports[k];
        return (r.meta.agency.empty() ? "（未识别单位）" : r.meta.agency) + " " +
               (r.meta.year ? std::to_string(*r.meta.year) + "年度" : "（年份未知）") + "（#" +
               std::to_string(cmp.rows[k].id) + "）";
      };
      for (std::size_t k = 0; k < reports.size(); ++k) {
        std::cout << "报告" << k + 1 << "：" << title(k) << "，" << writers::text::VersionName(reports[k].meta.format_version)
                  << "\n";
      }
      std::vector<std::string> head{"单元格"};
      for (std::size_t k = 0; k < reports.size(); ++k) head.push_back("报告" + std::to_string(k + 1));
      // One delta column per pair of consecutive reports (years), not only
      // the last two: a trend over five years shows every step.
      for (std::size_t k = 1; k < reports.size(); ++k) {
        head.push_back("增减（" + std::to_string(k + 1) + "−" + std::to_string(k) + "）");
      }
      writers::text::Table table(head);
      std::vector<std::size_t> right;
      for (std::size_t c = 1; c < head.size(); ++c) right.push_back(c);
      table.RightAlign(right);
      for (const service::CellDelta& d : cmp.cells) {
        if (!d.changed && !o->all_cells) continue;
        std::vector<std::string> line{d.name};
        for (const auto& v : d.values) line.push_back(writers::text::ValueText(v, d.money, d.decimals));
        for (std::size_t k = 1; k < d.values.size(); ++k) {
          const auto& a = d.values[k - 1];
          const auto& b = d.values[k];
          line.push_back(a && b ? writers::text::ValueText(*b - *a, d.money, d.decimals) : std::string("—"));
        }
        table.AddRow(std::move(line));
      }
      if (table.size()) {
        table.Print(std::cout);
      } else {
        std::cout << "各单元格数值均相同\n";
      }
      std::cout << "\n【跨年度核查】\n";
      writers::text::FindingStyle style;
      style.verbose = o->verbose;
      style.indent = "    ";
      for (std::size_t k = 1; k < reports.size(); ++k) {
        std::cout << "  报告" << k + 1 << "对照报告" << k << "：\n";
        writers::text::PrintFindings(std::cout, reports[k], cmp.cross_year[k], style);
      }
      std::cout << "\n【各部分与上一份报告雷同的比例】\n";
      for (std::size_t k = 1; k < reports.size(); ++k) {
        std::cout << "  报告" << k + 1 << "对照报告" << k << "：\n";
        for (const service::CopiedSection& sec : cmp.copied[k]) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.0f%%", sec.share ? 100 * *sec.share : 0.0);
          std::cout << "    " << sec.heading << "：" << (sec.share ? buf : "—（上一份无此部分）") << "\n";
        }
      }
      return 0;
    });
  }});
}

void AddExportCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string db = "gongkai.db", format = "csv", layout = "long", out, region;
    std::optional<int> year;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("export", "导出库中报告（现行版本）为 xlsx、csv 或 jsonl / export the corpus");
  sub->add_option("--db", o->db, "数据库文件 / SQLite database")->capture_default_str();
  sub->add_option("--format", o->format, "xlsx（总览、表二、表三、表四、问题清单）、csv 或 jsonl / output format")
      ->check(CLI::IsMember({"csv", "xlsx", "jsonl"}))
      ->capture_default_str();
  sub->add_option("--layout", o->layout, "csv：long 每个单元格一行，wide 每份报告一行 / csv layout")
      ->check(CLI::IsMember({"long", "wide"}))
      ->capture_default_str();
  sub->add_option("-o,--out", o->out, "输出文件（csv/jsonl 省略时写到标准输出）/ output file");
  sub->add_option("--region", o->region, "地区 / region");
  sub->add_option("--year", o->year, "报告年度 / report year");
  commands.push_back({sub, [o] {
    return RunService("export", [&] {
      auto db = service::OpenExisting(o->db);
      corpus::Filter f;
      f.region = o->region;
      f.year = o->year;
      std::size_t n = 0;
      if (o->format == "xlsx") {
        if (o->out.empty()) {
          std::cerr << "xlsx 需要用 --out 指定输出文件 / xlsx needs --out FILE\n";
          return 2;
        }
        n = service::Export(*db, f, o->format, nullptr, o->out, o->layout);
      } else {
        std::ofstream file;
        if (!o->out.empty()) file.open(o->out, std::ios::binary);
        std::ostream& out = o->out.empty() ? std::cout : file;
        n = service::Export(*db, f, o->format, &out, "", o->layout);
        if (!out) {
          std::cerr << "写入失败：" << (o->out.empty() ? "标准输出" : o->out) << " / write failed\n";
          return 2;
        }
      }
      std::cerr << "已导出 " << n << " 份报告" << (o->out.empty() ? "" : "到 " + o->out) << "\n";
      return 0;
    });
  }});
}

}  // namespace gongkai::cli

// gongkai rollup (a region's tables as the sum of its units'), compare (an
// agency across years, or two reports) and export (csv | xlsx | jsonl).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "audit/audit.h"
#include "audit/names.h"
#include "cli/commands.h"
#include "corpus/agency.h"
#include "corpus/analysis.h"
#include "writers/csv_writer.h"
#include "writers/json_writer.h"
#include "writers/cell_columns.h"
#include "writers/text_format.h"
#include "writers/xlsx_writer.h"

namespace gongkai::cli {

namespace {

std::unique_ptr<store::Store> Open(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    std::cerr << "数据库不存在：" << path << " / no database: " << path << "\n";
    return nullptr;
  }
  return std::make_unique<store::Store>(path);
}

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
  commands.push_back({sub, [o]() -> int {
    try {
      auto db = Open(o->db);
      if (!db) return 2;
      const corpus::Rollup r = corpus::ComputeRollup(*db, o->region, o->year);
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
    } catch (const std::exception& e) {
      std::cerr << "gongkai rollup 出错 / error: " << e.what() << "\n";
      return 2;
    }
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
  commands.push_back({sub, [o]() -> int {
    try {
      auto db = Open(o->db);
      if (!db) return 2;
      std::vector<std::int64_t> ids = o->ids;
      if (ids.empty() && !o->agency.empty()) {
        corpus::Filter f;
        f.agency = o->agency;
        auto rows = corpus::Select(*db, f);
        // One agency: the identity of the best match.
        if (!rows.empty()) {
          const auto agency = rows.front().agency_id;
          std::vector<store::ReportRow> same;
          for (auto& r : rows) {
            if (r.agency_id == agency) same.push_back(r);
          }
          std::sort(same.begin(), same.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
          for (const auto& r : same) ids.push_back(r.id);
        }
      }
      if (ids.size() < 2) {
        std::cerr << "需要两份报告：两个编号，或有两个年度报告的 --agency 单位 / need two reports (two ids, or --agency with two years)\n";
        return 2;
      }
      std::vector<Report> reports;
      for (auto id : ids) reports.push_back(db->LoadReport(id));
      std::vector<const Report*> named;
      for (const auto& r : reports) named.push_back(&r);
      auto title = [&](std::size_t k) {
        const Report& r = reports[k];
        return (r.meta.agency.empty() ? "（未识别单位）" : r.meta.agency) + " " +
               (r.meta.year ? std::to_string(*r.meta.year) + "年度" : "（年份未知）") + "（#" +
               std::to_string(ids[k]) + "）";
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
      struct Compared {
        CellRef ref;
        std::vector<std::optional<double>> values;
        bool money = false;
        int decimals = 0;
      };
      std::vector<Compared> cells;
      for (std::size_t k = 0; k < reports.size(); ++k) {
        ForEachCell(reports[k], [&](int t, std::string_view row, std::string_view col, const CellValue& c) {
          CellRef ref{t, std::string(row), std::string(col)};
          auto it = std::find_if(cells.begin(), cells.end(), [&](const auto& e) { return e.ref == ref; });
          if (it == cells.end()) {
            cells.push_back({ref, std::vector<std::optional<double>>(reports.size())});
            it = cells.end() - 1;
          }
          it->values[k] = c.value;
          if (writers::text::IsMoney(reports[k], ref)) {
            it->money = true;
            it->decimals = std::max(it->decimals, writers::text::PrintedDecimals(c.raw));
          }
        });
      }
      for (const auto& [ref, values, money, decimals] : cells) {
        bool changed = false;
        for (std::size_t k = 1; k < values.size(); ++k) changed = changed || values[k] != values[k - 1];
        if (!changed && !o->all_cells) continue;
        std::vector<std::string> line{writers::text::CellNameIn(named, ref)};
        for (const auto& v : values) line.push_back(writers::text::ValueText(v, money, decimals));
        for (std::size_t k = 1; k < values.size(); ++k) {
          const auto& a = values[k - 1];
          const auto& b = values[k];
          line.push_back(a && b ? writers::text::ValueText(*b - *a, money, decimals) : std::string("—"));
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
        writers::text::PrintFindings(std::cout, reports[k], audit::CrossYear(reports[k - 1], reports[k]), style);
      }
      std::cout << "\n【各部分与上一份报告雷同的比例】\n";
      for (std::size_t k = 1; k < reports.size(); ++k) {
        std::cout << "  报告" << k + 1 << "对照报告" << k << "：\n";
        for (const Section& sec : reports[k].sections) {
          const Section* prev = nullptr;
          for (const Section& p : reports[k - 1].sections) {
            if (p.number == sec.number) prev = &p;
          }
          const auto share = prev ? audit::CopiedShare(prev->text, sec.text) : std::nullopt;
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.0f%%", share ? 100 * *share : 0.0);
          std::cout << "    " << sec.heading << "：" << (share ? buf : "—（上一份无此部分）") << "\n";
        }
      }
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai compare 出错 / error: " << e.what() << "\n";
      return 2;
    }
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
  commands.push_back({sub, [o]() -> int {
    try {
      auto db = Open(o->db);
      if (!db) return 2;
      corpus::Filter f;
      f.region = o->region;
      f.year = o->year;
      const auto rows = corpus::Select(*db, f);
      if (o->format == "xlsx") {
        if (o->out.empty()) {
          std::cerr << "xlsx 需要用 --out 指定输出文件 / xlsx needs --out FILE\n";
          return 2;
        }
        writers::XlsxWriter x(o->out);
        for (const auto& r : rows) {
          x.Add(db->LoadReport(r.id), writers::Unit{r.agency.empty() ? r.agency_name : r.agency, r.region, {}});
        }
        x.Close();
      } else {
        std::ofstream file;
        if (!o->out.empty()) file.open(o->out, std::ios::binary);
        std::ostream& out = o->out.empty() ? std::cout : file;
        const bool wide = o->layout == "wide";
        if (o->format == "csv") wide ? writers::WriteWideCsvHeader(out) : writers::WriteCsvHeader(out);
        for (const auto& r : rows) {
          const Report report = db->LoadReport(r.id);
          if (o->format == "csv" && wide) {
            writers::WriteWideCsvRow(out, report, r.agency_name, r.region);
          } else if (o->format == "csv") {
            writers::WriteCsvRows(out, report, r.agency_name, r.region);
          } else {
            out << writers::ToJson(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
          }
        }
        if (!out) {
          std::cerr << "写入失败：" << (o->out.empty() ? "标准输出" : o->out) << " / write failed\n";
          return 2;
        }
      }
      std::cerr << "已导出 " << rows.size() << " 份报告" << (o->out.empty() ? "" : "到 " + o->out) << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai export 出错 / error: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli

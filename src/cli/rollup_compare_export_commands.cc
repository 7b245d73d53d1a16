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
#include "writers/xlsx_writer.h"

namespace gongkai::cli {

namespace {

std::unique_ptr<store::Store> Open(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    std::cerr << "数据库不存在 / no database: " << path << "\n";
    return nullptr;
  }
  return std::make_unique<store::Store>(path);
}

std::string Value(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", *v);
  return buf;
}

void PrintFindings(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) std::cout << "  [" << f.severity << "] " << f.message << "  (" << f.rule << ")\n";
  if (findings.empty()) std::cout << "  未发现问题 / none\n";
}

}  // namespace

void AddRollupCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string db = "gongkai.db", region;
    int year = 0;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("rollup", "汇总地区各单位的表格 / sum the units' tables into the region's");
  sub->add_option("--db", o->db, "SQLite database")->capture_default_str();
  sub->add_option("--region", o->region, "地区")->required();
  sub->add_option("--year", o->year, "报告年度")->required();
  sub->add_flag("--json", o->json, "print the summed report as a gongkai.report/1 document");
  commands.push_back({sub, [o]() -> int {
    try {
      auto db = Open(o->db);
      if (!db) return 2;
      const corpus::Rollup r = corpus::ComputeRollup(*db, o->region, o->year);
      if (o->json) {
        std::cout << writers::WriteJson(r.sum) << "\n";
        return 0;
      }
      std::cout << o->region << " " << o->year << "年度汇总：纳入 " << r.included.size() << " 个单位，缺 "
                << r.missing.size() << " 个\n\n【纳入 / included】\n";
      for (const auto& n : r.included) std::cout << "  " << n << "\n";
      std::cout << "【缺报 / missing】\n";
      for (const auto& n : r.missing) std::cout << "  " << n << "\n";
      if (!r.table2_excluded.empty()) {
        std::cout << "【表二格式不同未计入 / Table 二 in another format, not summed】\n";
        for (const auto& n : r.table2_excluded) std::cout << "  " << n << "\n";
      }
      std::cout << "空值单元格（未计入）/ null cells left out: " << r.null_cells << "\n\n【表三 总计列 / Table 三, column 总计】\n";
      const auto rows = format::Table3Rows();
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!Table3RowInLayout(r.sum.table3, i)) continue;
        std::cout << "  " << rows[i].group << rows[i].label << "\t" << Value(r.sum.table3.rows[i].back().value) << "\n";
      }
      std::cout << "【表四 / Table 四】\n";
      for (std::size_t g = 0; g < format::kTable4Groups; ++g) {
        std::cout << "  " << format::Table4Groups()[g].label;
        for (const auto& c : r.sum.table4.groups[g]) std::cout << "\t" << Value(c.value);
        std::cout << "\n";
      }
      std::cout << "\n【汇总表核查 / audit of the sum】\n";
      PrintFindings(r.sum.findings);
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai rollup: " << e.what() << "\n";
      return 2;
    }
  }});
}

void AddCompareCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string db = "gongkai.db", agency;
    std::vector<std::int64_t> ids;
    bool all_cells = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("compare", "对比：单位历年或两份报告 / an agency across years, or two reports");
  sub->add_option("--db", o->db, "SQLite database")->capture_default_str();
  sub->add_option("--agency", o->agency, "单位 (fuzzy): every year of it");
  sub->add_option("ids", o->ids, "two report ids (gongkai ls)")->expected(0, 2);
  sub->add_flag("--all-cells", o->all_cells, "print unchanged cells too");
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
        std::cerr << "需要两份报告 / need two reports (two ids, or --agency with two years)\n";
        return 2;
      }
      std::vector<Report> reports;
      for (auto id : ids) reports.push_back(db->LoadReport(id));
      std::cout << "单元格\t";
      for (const auto& r : reports) std::cout << r.meta.agency << " " << Value(r.meta.year ? std::optional<double>(*r.meta.year) : std::nullopt) << "\t";
      // One delta column per pair of consecutive reports (years), not only
      // the last two: a trend over five years shows every step.
      for (std::size_t k = 1; k < reports.size(); ++k) std::cout << "增减 " << k + 1 << "−" << k << "\t";
      std::cout << "\n";
      std::vector<std::pair<CellRef, std::vector<std::optional<double>>>> cells;
      for (std::size_t k = 0; k < reports.size(); ++k) {
        ForEachCell(reports[k], [&](int t, std::string_view row, std::string_view col, const CellValue& c) {
          CellRef ref{t, std::string(row), std::string(col)};
          auto it = std::find_if(cells.begin(), cells.end(), [&](const auto& e) { return e.first == ref; });
          if (it == cells.end()) {
            cells.push_back({ref, std::vector<std::optional<double>>(reports.size())});
            it = cells.end() - 1;
          }
          it->second[k] = c.value;
        });
      }
      for (const auto& [ref, values] : cells) {
        bool changed = false;
        for (std::size_t k = 1; k < values.size(); ++k) changed = changed || values[k] != values[k - 1];
        if (!changed && !o->all_cells) continue;
        std::cout << audit::CellName(reports.back(), ref) << "\t";
        for (const auto& v : values) std::cout << Value(v) << "\t";
        for (std::size_t k = 1; k < values.size(); ++k) {
          const auto& a = values[k - 1];
          const auto& b = values[k];
          std::cout << (a && b ? Value(*b - *a) : std::string("—")) << "\t";
        }
        std::cout << "\n";
      }
      std::cout << "\n【跨年度核查 / cross-year rules】\n";
      for (std::size_t k = 1; k < reports.size(); ++k) PrintFindings(audit::CrossYear(reports[k - 1], reports[k]));
      std::cout << "\n【各部分与上一份雷同比例 / share of each section copied from the report before it】\n";
      for (std::size_t k = 1; k < reports.size(); ++k) {
        std::cout << " " << k + 1 << " ← " << k << "\n";
        for (const Section& sec : reports[k].sections) {
          const Section* prev = nullptr;
          for (const Section& p : reports[k - 1].sections) {
            if (p.number == sec.number) prev = &p;
          }
          const auto share = prev ? audit::CopiedShare(prev->text, sec.text) : std::nullopt;
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.0f%%", share ? 100 * *share : 0.0);
          std::cout << "  " << sec.heading << "\t" << (share ? buf : "—") << "\n";
        }
      }
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai compare: " << e.what() << "\n";
      return 2;
    }
  }});
}

void AddExportCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string db = "gongkai.db", format = "csv", out, region;
    std::optional<int> year;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("export", "导出 / export the corpus (current revisions) as csv, xlsx or jsonl");
  sub->add_option("--db", o->db, "SQLite database")->capture_default_str();
  sub->add_option("--format", o->format)->check(CLI::IsMember({"csv", "xlsx", "jsonl"}))->capture_default_str();
  sub->add_option("-o,--out", o->out, "output file (csv/jsonl: stdout if omitted)");
  sub->add_option("--region", o->region, "地区");
  sub->add_option("--year", o->year, "报告年度");
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
          std::cerr << "xlsx 需要 --out FILE / xlsx needs --out FILE\n";
          return 2;
        }
        writers::XlsxWriter x(o->out);
        for (const auto& r : rows) x.Add(db->LoadReport(r.id), r.agency_name, r.region);
        x.Close();
      } else {
        std::ofstream file;
        if (!o->out.empty()) file.open(o->out, std::ios::binary);
        std::ostream& out = o->out.empty() ? std::cout : file;
        if (o->format == "csv") writers::WriteCsvHeader(out);
        for (const auto& r : rows) {
          const Report report = db->LoadReport(r.id);
          if (o->format == "csv") {
            writers::WriteCsvRows(out, report, r.agency_name, r.region);
          } else {
            out << writers::ToJson(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
          }
        }
        if (!out) {
          std::cerr << "写入失败 / write failed\n";
          return 2;
        }
      }
      std::cerr << rows.size() << " 份报告已导出 / reports exported\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai export: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli

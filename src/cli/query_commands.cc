// Queries of the corpus database: ls, search, coverage, stats.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "corpus/analysis.h"

namespace gongkai::cli {

namespace {

struct QueryOptions {
  std::string db = "gongkai.db";
  std::string region;
  std::optional<int> year;
  std::string agency;
  std::string severity;
  bool all = false;
  bool failed = false;
};

void AddFilterOptions(CLI::App* sub, QueryOptions& o, bool agency) {
  sub->add_option("--db", o.db, "SQLite database")->capture_default_str();
  sub->add_option("--region", o.region, "地区 (name or alias; inferred from agency names without a hierarchy)");
  sub->add_option("--year", o.year, "报告年度");
  if (agency) sub->add_option("--agency", o.agency, "单位 (substring or characters in order: 汉正街 → 汉正街道办事处)");
  sub->add_option("--severity", o.severity, "reports with a finding of this severity")
      ->check(CLI::IsMember({"error", "warning", "info"}));
}

// Queries never create a database: a typo in --db must not look like an empty corpus.
std::unique_ptr<store::Store> OpenExisting(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    std::cerr << "数据库不存在 / no database: " << path << " (gongkai import … --db " << path << ")\n";
    return nullptr;
  }
  return std::make_unique<store::Store>(path);
}

corpus::Filter ToFilter(const QueryOptions& o) {
  corpus::Filter f;
  f.region = o.region;
  f.year = o.year;
  f.agency = o.agency;
  f.severity = o.severity;
  f.all_revisions = o.all;
  return f;
}

void PrintRows(const std::vector<store::ReportRow>& rows) {
  std::cout << "id\tyear\tagency\tregion\trevision\terrors\twarnings\tinfos\tpublished_on\tpath\n";
  for (const auto& r : rows) {
    std::cout << r.id << "\t" << (r.year ? std::to_string(*r.year) : "") << "\t" << r.agency_name << "\t" << r.region
              << "\t" << r.revision << (r.current ? "" : " (旧版 superseded)") << "\t" << r.errors << "\t"
              << r.warnings << "\t" << r.infos << "\t" << r.published_on << "\t" << r.path << "\n";
  }
  std::cerr << rows.size() << " 份报告 / reports\n";
}

std::string Percent(const corpus::Rate& r) {
  char buf[128];
  if (r.null_term) return "不适用（有空值）/ n/a: a term is null";
  if (r.denominator == 0) return "不适用（分母为0）/ n/a: denominator 0";
  std::snprintf(buf, sizeof buf, "%.1f%% (%g/%g)", 100 * *r.value(), r.numerator, r.denominator);
  return buf;
}

int RunQuery(const QueryOptions& o) {
  try {
    auto db = OpenExisting(o.db);
    if (!db) return 2;
    if (o.failed) {
      std::cout << "path\tsha256\treason_zh\treason_en\n";
      for (const auto& f : db->Failures()) {
        std::cout << f.path << "\t" << f.sha256 << "\t" << f.reason_zh << "\t" << f.reason_en << "\n";
      }
      return 0;
    }
    PrintRows(corpus::Select(*db, ToFilter(o)));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "gongkai: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

void AddLsCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("ls", "列出库中报告 / list the reports in the corpus");
  AddFilterOptions(sub, *o, true);
  sub->add_flag("--all", o->all, "older revisions too (history)");
  sub->add_flag("--failed", o->failed, "the files that could not be imported, with the reason");
  commands.push_back({sub, [o] { return RunQuery(*o); }});
}

void AddSearchCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("search", "按单位名称模糊查找 / find reports by agency name (fuzzy)");
  sub->add_option("query", o->agency, "单位名称的一部分, e.g. 汉正街")->required();
  AddFilterOptions(sub, *o, false);
  commands.push_back({sub, [o] { return RunQuery(*o); }});
}

void AddCoverageCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("coverage", "未报送、逾期、有错误的单位 / units without a report, late, with errors");
  sub->add_option("--db", o->db, "SQLite database")->capture_default_str();
  sub->add_option("--year", o->year, "报告年度")->required();
  sub->add_option("--region", o->region, "地区");
  commands.push_back({sub, [o]() -> int {
    try {
      auto db = OpenExisting(o->db);
      if (!db) return 2;
      const corpus::Coverage c = corpus::ComputeCoverage(*db, *o->year, o->region);
      std::cout << (o->region.empty() ? "全部" : o->region) << " " << *o->year << "年度：单位 " << c.units.size()
                << " 个，已有报告 " << c.reports.size() << " 份\n";
      std::cout << "\n【未报送 / no report】" << c.missing.size() << "\n";
      for (const auto& m : c.missing) std::cout << "  " << m << "\n";
      std::cout << "\n【逾期公开 / published after the deadline】" << c.late.size() << "\n";
      for (const auto& r : c.late) std::cout << "  " << r.agency_name << "\t" << r.published_on << "\t#" << r.id << "\n";
      std::cout << "\n【有错误 / with errors】" << c.with_errors.size() << "\n";
      for (const auto& r : c.with_errors) std::cout << "  " << r.agency_name << "\t错误 " << r.errors << "\t#" << r.id << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai coverage: " << e.what() << "\n";
      return 2;
    }
  }});
}

void AddStatsCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("stats", "派生指标（公开率、纠错率）/ derived rates per unit and region");
  AddFilterOptions(sub, *o, true);
  commands.push_back({sub, [o]() -> int {
    try {
      auto db = OpenExisting(o->db);
      if (!db) return 2;
      std::cout << "公开率 disclosure rate = (表三（一）予以公开 + （二）部分公开) / （七）总计, 总计列\n"
                   "纠错率 correction rate = 表四 Σ结果纠正 / (Σ总计 − Σ尚未审结), 行政复议与两类行政诉讼合计\n"
                   "分母为0或有空值时为“不适用”，不是0%. 地区值 = 各单位分子之和 / 分母之和.\n\n";
      std::cout << "id\tyear\tagency\t公开率\t纠错率\n";
      std::vector<corpus::UnitStats> all;
      for (const auto& r : corpus::Select(*db, ToFilter(*o))) {
        // The rate parts were computed at import: no report is loaded here.
        corpus::UnitStats s = corpus::StatsOf(r);
        std::cout << r.id << "\t" << (r.year ? std::to_string(*r.year) : "") << "\t" << s.name << "\t"
                  << Percent(s.disclosure) << "\t" << Percent(s.correction) << "\n";
        all.push_back(std::move(s));
      }
      const corpus::UnitStats sum = corpus::SumStats(o->region.empty() ? "合计" : o->region, all);
      std::cout << "\t\t" << sum.name << "（" << all.size() << " 个单位）\t" << Percent(sum.disclosure) << "\t"
                << Percent(sum.correction) << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "gongkai stats: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli

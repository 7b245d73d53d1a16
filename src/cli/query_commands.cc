// Queries of the corpus database: ls, search, coverage, stats. Each parses
// its options, asks src/service (the same functions the HTTP server calls)
// and prints the answer with the writers' text formatters.
#include <cstdio>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/run_service.h"
#include "service/corpus.h"
#include "writers/text_format.h"

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
  sub->add_option("--db", o.db, "数据库文件 / SQLite database")->capture_default_str();
  sub->add_option("--region", o.region, "地区（名称或别名；未导入区划时按单位名称推断）/ region");
  sub->add_option("--year", o.year, "报告年度 / report year");
  if (agency) sub->add_option("--agency", o.agency, "单位（名称的一部分或按顺序的字：汉正街 → 汉正街道办事处）/ agency, fuzzy");
  sub->add_option("--severity", o.severity, "有此严重程度问题的报告（error 错误、warning 警告、info 提示）/ severity")
      ->check(CLI::IsMember({"error", "warning", "info"}));
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
  writers::text::Table t({"编号", "年度", "单位", "地区", "格式", "版次", "错误", "警告", "提示", "发布日期", "文件"});
  t.RightAlign({0, 6, 7, 8});
  std::set<std::int64_t> units;
  for (const auto& r : rows) {
    units.insert(r.agency_id);
    t.AddRow({std::to_string(r.id), r.year ? std::to_string(*r.year) : "—", r.agency_name,
              r.region.empty() ? "—" : r.region, std::string(writers::text::VersionShortName(r.format_version)),
              "第" + std::to_string(r.revision) + "版" + (r.current ? "" : "（已被替换）"), std::to_string(r.errors),
              std::to_string(r.warnings), std::to_string(r.infos), r.published_on.empty() ? "未注明" : r.published_on,
              r.path});
  }
  t.Print(std::cout);
  std::cerr << "共 " << rows.size() << " 份报告，" << units.size() << " 个单位\n";
}

std::string Percent(const corpus::Rate& r) {
  char buf[64];
  if (r.null_term) return "不适用（有空值）";
  if (r.denominator == 0) return "不适用（分母为0）";
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * *r.value());
  return std::string(buf) + "（" + writers::text::Number(r.numerator) + "/" + writers::text::Number(r.denominator) +
         "）";
}

int RunQuery(const QueryOptions& o) {
  return RunService("", [&] {
    auto db = service::OpenExisting(o.db);
    if (o.failed) {
      writers::text::Table t({"文件", "SHA-256", "原因", "reason"});
      for (const auto& f : service::Failures(*db)) t.AddRow({f.path, f.sha256, f.reason_zh, f.reason_en});
      t.Print(std::cout);
      return 0;
    }
    PrintRows(service::Select(*db, ToFilter(o)));
    return 0;
  });
}

}  // namespace

void AddLsCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("ls", "列出库中报告 / list the reports in the corpus");
  AddFilterOptions(sub, *o, true);
  sub->add_flag("--all", o->all, "包括已被替换的旧版 / older revisions too");
  sub->add_flag("--failed", o->failed, "列出未能导入的文件及原因 / files that failed to import");
  commands.push_back({sub, [o] { return RunQuery(*o); }});
}

void AddSearchCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("search", "按单位名称模糊查找 / find reports by agency name (fuzzy)");
  sub->add_option("query", o->agency, "单位名称的一部分，如 汉正街 / part of the agency name")->required();
  AddFilterOptions(sub, *o, false);
  commands.push_back({sub, [o] { return RunQuery(*o); }});
}

void AddCoverageCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("coverage", "未报送、逾期、有错误的单位 / units without a report, late, with errors");
  sub->add_option("--db", o->db, "数据库文件 / SQLite database")->capture_default_str();
  sub->add_option("--year", o->year, "报告年度 / report year")->required();
  sub->add_option("--region", o->region, "地区 / region");
  commands.push_back({sub, [o] {
    return RunService("coverage", [&] {
      auto db = service::OpenExisting(o->db);
      const corpus::Coverage c = service::Coverage(*db, *o->year, o->region);
      std::cout << (o->region.empty() ? "全部地区" : o->region) << " " << *o->year << "年度：应报单位 "
                << c.units.size() << " 个，已报送 " << c.units.size() - std::min(c.units.size(), c.missing.size())
                << " 个单位";
      if (!c.outside.empty()) std::cout << "，名单以外已报送 " << c.outside.size() << " 个";
      std::cout << "（共 " << c.reports.size() << " 份报告）\n";
      std::cout << "\n【未报送】" << c.missing.size() << " 个单位\n";
      for (const auto& m : c.missing) std::cout << "  " << m << "\n";
      if (!c.outside.empty()) {
        std::cout << "\n【应报单位名单以外已报送】" << c.outside.size() << " 个单位（不计入应报）\n";
        for (const auto& m : c.outside) std::cout << "  " << m << "\n";
      }
      std::cout << "\n【逾期公开】" << c.late.size() << " 份\n";
      writers::text::Table late({"单位", "发布日期", "编号"});
      for (const auto& r : c.late) late.AddRow({r.agency_name, r.published_on, std::to_string(r.id)});
      if (late.size()) late.Print(std::cout, "  ");
      std::cout << "\n【发布日期不明，无法判断是否逾期】" << c.date_unknown.size() << " 份\n";
      for (const auto& r : c.date_unknown) std::cout << "  " << r.agency_name << "（编号 " << r.id << "）\n";
      std::cout << "\n【有错误】" << c.with_errors.size() << " 份\n";
      writers::text::Table bad({"单位", "错误", "警告", "编号"});
      bad.RightAlign({1, 2, 3});
      for (const auto& r : c.with_errors) {
        bad.AddRow({r.agency_name, std::to_string(r.errors), std::to_string(r.warnings), std::to_string(r.id)});
      }
      if (bad.size()) bad.Print(std::cout, "  ");
      return 0;
    });
  }});
}

void AddStatsCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("stats", "派生指标（公开率、纠错率）/ derived rates per unit and region");
  AddFilterOptions(sub, *o, true);
  commands.push_back({sub, [o] {
    return RunService("stats", [&] {
      auto db = service::OpenExisting(o->db);
      std::cout << "公开率 ＝（表三“（一）予以公开”＋“（二）部分公开”）÷“（七）总计”，均取“总计”列\n"
                   "纠错率 ＝ 表四“结果纠正”之和 ÷（“总计”之和 － “尚未审结”之和），行政复议与两类行政诉讼合计\n"
                   "分母为0或有空值时为“不适用”，不是0%；合计 ＝ 各报告分子之和 ÷ 分母之和\n\n";
      writers::text::Table t({"编号", "年度", "单位", "公开率", "纠错率"});
      t.RightAlign({0});
      const service::StatsResult s = service::Stats(*db, ToFilter(*o), o->region.empty() ? "合计" : o->region);
      for (std::size_t i = 0; i < s.rows.size(); ++i) {
        const auto& r = s.rows[i];
        t.AddRow({std::to_string(r.id), r.year ? std::to_string(*r.year) : "—", s.units[i].name,
                  Percent(s.units[i].disclosure), Percent(s.units[i].correction)});
      }
      t.AddRow({"", "", s.total.name + "（" + std::to_string(s.agencies) + " 个单位，" + std::to_string(s.units.size()) +
                            " 份报告）",
                Percent(s.total.disclosure), Percent(s.total.correction)});
      t.Print(std::cout);
      return 0;
    });
  }});
}

}  // namespace gongkai::cli

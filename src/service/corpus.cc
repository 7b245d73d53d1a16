#include "service/corpus.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "audit/audit.h"
#include "corpus/cross_year.h"
#include "corpus/writer.h"
#include "register/sheet.h"
#include "report/for_each_cell.h"
#include "util/text.h"
#include "writers/csv_writer.h"
#include "writers/json_writer.h"
#include "writers/text_format.h"
#include "writers/xlsx_writer.h"


namespace gongkai::service {

std::unique_ptr<store::Store> OpenExisting(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    throw UserError(404, "no_database", "数据库不存在：" + path + "（先运行 gongkai import … --db " + path + "）",
                    "no database: " + path + " (gongkai import … --db " + path + ")");
  }
  return std::make_unique<store::Store>(path);
}

corpus::ImportProgress ImportPaths(store::Store& store, const std::vector<std::string>& paths,
                                   const corpus::ImportOptions& options) {
  return corpus::Import(store, corpus::ExpandImportInputs(paths), options);
}

std::vector<store::ReportRow> Select(store::Store& store, const corpus::Filter& filter) {
  return corpus::Select(store, filter);
}

std::vector<store::Failure> Failures(store::Store& store) { return store.Failures(); }

corpus::Coverage Coverage(store::Store& store, int year, const std::string& region) {
  return corpus::ComputeCoverage(store, year, region);
}

StatsResult Stats(store::Store& store, const corpus::Filter& filter, const std::string& total_name) {
  StatsResult s;
  s.rows = corpus::Select(store, filter);
  // The rate parts were computed at import: no report is loaded here.
  std::set<std::int64_t> agencies;
  for (const auto& r : s.rows) {
    s.units.push_back(corpus::StatsOf(r));
    agencies.insert(r.agency_id);
  }
  s.agencies = agencies.size();
  s.total = corpus::SumStats(total_name, s.units);
  return s;
}

std::vector<TrendPoint> Trend(store::Store& store, corpus::Filter filter) {
  filter.year.reset();
  filter.all_revisions = false;
  std::map<int, TrendPoint> by_year;
  for (const auto& r : corpus::Select(store, filter)) {
    if (!r.year) continue;
    TrendPoint& p = by_year[*r.year];
    p.year = *r.year;
    ++p.reports;
    p.error += r.errors;
    p.warning += r.warnings;
    p.info += r.infos;
  }
  std::vector<TrendPoint> out;
  for (auto& [y, p] : by_year) out.push_back(p);
  return out;
}

std::vector<int> Years(store::Store& store) {
  std::vector<int> out;
  store::Statement s = store.db().Prepare("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC");
  while (s.Step()) out.push_back(static_cast<int>(s.Int(0)));
  return out;
}

corpus::Rollup Rollup(store::Store& store, const std::string& region, int year) {
  return corpus::ComputeRollup(store, region, year);
}

namespace {

store::ReportRow RowOf(store::Store& store, std::int64_t id) {
  store::ReportQuery q;
  q.all_revisions = true;
  q.id = id;
  auto rows = store.Query(q);
  if (rows.empty()) {
    throw UserError(404, "no_report", "没有编号为 " + std::to_string(id) + " 的报告",
                    "no report with id " + std::to_string(id));
  }
  return std::move(rows.front());
}

}  // namespace

StoredReport LoadStored(store::Store& store, std::int64_t id) {
  StoredReport s;
  s.row = RowOf(store, id);
  s.report = store.LoadReport(id);
  s.own = s.report.findings.size();
  for (store::CrossFinding& c : corpus::CrossYearFindingsOfReport(store, id)) {
    s.report.findings.push_back(std::move(c.finding));
    s.previous.push_back(c.previous_id);
  }
  return s;
}

std::vector<std::int64_t> AgencyReports(store::Store& store, const std::string& agency) {
  corpus::Filter f;
  f.agency = agency;
  auto rows = corpus::Select(store, f);
  std::vector<std::int64_t> ids;
  if (rows.empty()) return ids;
  // One agency: the identity of the best match.
  const auto id = rows.front().agency_id;
  std::vector<store::ReportRow> same;
  for (auto& r : rows) {
    if (r.agency_id == id) same.push_back(r);
  }
  std::sort(same.begin(), same.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
  for (const auto& r : same) ids.push_back(r.id);
  return ids;
}

Comparison Compare(store::Store& store, const std::vector<std::int64_t>& ids) {
  if (ids.size() < 2) {
    throw UserError(400, "need_two_reports", "需要两份报告（两个编号，或有两个年度的单位）",
                    "need two reports (two ids, or an agency with two years)");
  }
  Comparison c;
  for (auto id : ids) {
    c.rows.push_back(RowOf(store, id));
    c.reports.push_back(store.LoadReport(id));
  }
  const std::size_t n = c.reports.size();
  for (std::size_t k = 0; k < n; ++k) {
    ForEachCell(c.reports[k], [&](int t, std::string_view row, std::string_view col, const CellValue& v) {
      CellRef ref{t, std::string(row), std::string(col)};
      auto it = std::find_if(c.cells.begin(), c.cells.end(), [&](const CellDelta& e) { return e.ref == ref; });
      if (it == c.cells.end()) {
        c.cells.push_back({ref, "", std::vector<std::optional<double>>(n), false});
        it = c.cells.end() - 1;
      }
      it->values[k] = v.value;
      if (writers::text::IsMoney(c.reports[k], ref)) {
        it->money = true;
        it->decimals = std::max(it->decimals, writers::text::PrintedDecimals(v.raw));
      }
    });
  }
  std::vector<const Report*> named;
  for (const Report& r : c.reports) named.push_back(&r);
  for (CellDelta& d : c.cells) {
    d.name = writers::text::CellNameIn(named, d.ref);
    for (std::size_t k = 1; k < n; ++k) d.changed = d.changed || d.values[k] != d.values[k - 1];
  }
  c.cross_year.resize(n);
  c.copied.resize(n);
  for (std::size_t k = 1; k < n; ++k) {
    c.cross_year[k] = audit::CrossYear(c.reports[k - 1], c.reports[k]);
    for (const Section& sec : c.reports[k].sections) {
      const Section* prev = nullptr;
      for (const Section& p : c.reports[k - 1].sections) {
        if (p.number == sec.number) prev = &p;
      }
      c.copied[k].push_back({sec.number, sec.heading, prev ? audit::CopiedShare(prev->text, sec.text) : std::nullopt});
    }
  }
  return c;
}

std::size_t Export(store::Store& store, const corpus::Filter& filter, const std::string& format, std::ostream* out,
                   const std::string& xlsx_path, const std::string& layout) {
  if (format != "csv" && format != "jsonl" && format != "xlsx") {
    throw UserError(400, "bad_format", "导出格式须为 csv、xlsx 或 jsonl：" + format,
                    "the export format must be csv, xlsx or jsonl: " + format);
  }
  if (layout != "long" && layout != "wide") {
    throw UserError(400, "bad_layout", "CSV 布局须为 long 或 wide：" + layout, "the CSV layout must be long or wide: " + layout);
  }
  const auto rows = corpus::Select(store, filter);
  if (format == "xlsx") {
    writers::XlsxWriter x(xlsx_path);
    for (const auto& r : rows) {
      // The unit under its identity's name (the report's own spelling if none).
      x.Add(store.LoadReport(r.id), writers::Unit{r.agency.empty() ? r.agency_name : r.agency, r.region, {}});
    }
    x.Close();
    return rows.size();
  }
  const bool wide = layout == "wide";
  if (format == "csv") wide ? writers::WriteWideCsvHeader(*out) : writers::WriteCsvHeader(*out);
  for (const auto& r : rows) {
    const Report report = store.LoadReport(r.id);
    if (format == "csv" && wide) {
      writers::WriteWideCsvRow(*out, report, r.agency_name, r.region);
    } else if (format == "csv") {
      writers::WriteCsvRows(*out, report, r.agency_name, r.region);
    } else {
      *out << writers::ToJson(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  return rows.size();
}

std::vector<store::Region> ParseRegions(std::string_view bytes) {
  // Columns by position (名称,上级,层级,别名,应报), or by a header row in
  // English or Chinese, in any order, under up to kTitleRows rows of title
  // ("2024年度应报单位名单"); a list of unit names alone (应报单位名单, header
  // 单位名称, maybe beside 序号 and 备注) is a hierarchy of reporting units
  // without parents. CSV (UTF-8 or GB18030) and XLSX are read by reg::ReadSheet.
  enum Field { kName, kParent, kLevel, kAliases, kReports, kFields };
  constexpr std::size_t kTitleRows = 5;
  auto field_of = [](std::string_view h) -> int {
    static const std::pair<std::string_view, int> kHeaders[] = {
        {"name", kName},       {"名称", kName},       {"单位", kName},         {"单位名称", kName},
        {"地区", kName},       {"地区或单位", kName}, {"地区名称", kName},     {"parent", kParent},
        {"上级", kParent},     {"所属", kParent},     {"上级地区", kParent},   {"level", kLevel},
        {"层级", kLevel},      {"级别", kLevel},      {"aliases", kAliases},   {"别名", kAliases},
        {"reports", kReports}, {"应报", kReports},    {"是否应报", kReports},  {"应报送", kReports}};
    for (const auto& [k, f] : kHeaders) {
      if (h == k) return f;
    }
    return -1;
  };
  reg::Sheet sheet;
  try {
    sheet = reg::ReadSheet(bytes);
  } catch (const reg::SheetError& e) {
    const std::string m = e.what();  // "中文 / English"
    const std::size_t slash = m.find(" / ");
    throw UserError(400, "bad_regions", slash == std::string::npos ? m : m.substr(0, slash),
                    slash == std::string::npos ? m : m.substr(slash + 3));
  }
  auto cell = [&](const std::vector<reg::SheetCell>& row, std::size_t c) {
    return c < row.size() ? std::string(text::Trim(row[c].text)) : std::string();
  };
  // The header: the first row (of the first few) with a name column.
  std::vector<int> columns = {kName, kParent, kLevel, kAliases, kReports};
  std::size_t start = 0;
  bool list_of_units = false;
  for (std::size_t r = 0; r < sheet.rows.size() && r < kTitleRows; ++r) {
    std::vector<int> found;
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) found.push_back(field_of(cell(sheet.rows[r], c)));
    if (std::count(found.begin(), found.end(), kName) != 1) continue;
    columns = std::move(found);
    start = r + 1;
    list_of_units = std::count(columns.begin(), columns.end(), kParent) == 0 &&
                    std::count(columns.begin(), columns.end(), kReports) == 0;
    break;
  }
  std::vector<store::Region> regions;
  for (std::size_t n = start; n < sheet.rows.size(); ++n) {
    const auto& row = sheet.rows[n];
    const std::string line_name = "第" + std::to_string(n + 1) + "行";
    if (!row.empty() && cell(row, 0).starts_with("#")) continue;
    std::vector<std::string> v(kFields);
    for (std::size_t c = 0; c < row.size() && c < columns.size(); ++c) {
      if (columns[c] >= 0) v[static_cast<std::size_t>(columns[c])] = cell(row, c);
    }
    store::Region r{v[kName], v[kParent], v[kLevel], {}, std::nullopt};
    std::string a = v[kAliases];
    for (char& c : a) c = c == ';' ? '|' : c;
    for (std::size_t p; !a.empty();) {
      p = a.find('|');
      if (p != 0) r.aliases.push_back(a.substr(0, p));
      if (p == std::string::npos) break;
      a.erase(0, p + 1);
    }
    const std::string& mark = v[kReports];
    if (mark == "是" || mark == "应报" || mark == "yes" || mark == "y" || mark == "Y" || mark == "1" || mark == "true") {
      r.reports = true;
    } else if (mark == "否" || mark == "不报" || mark == "no" || mark == "n" || mark == "N" || mark == "0" ||
               mark == "false") {
      r.reports = false;
    } else if (!mark.empty()) {
      throw UserError(400, "bad_regions", line_name + "“应报”列为“" + mark + "”，应为“是”或“否”",
                      "row " + std::to_string(n + 1) + ": the reports column must be 是 or 否 (yes/no), not " + mark);
    } else if (list_of_units) {
      r.reports = true;  // a list of unit names alone: each must report
    }
    if (!r.name.empty()) regions.push_back(std::move(r));
  }
  if (regions.empty()) {
    throw UserError(400, "bad_regions", "文件中没有地区或单位名称（应有“名称”或“单位名称”列）",
                    "no region or unit names in the file");
  }
  return regions;
}

std::size_t LoadRegions(store::Store& store, std::string_view bytes) {
  const std::vector<store::Region> regions = ParseRegions(bytes);
  corpus::SetRegions(store, regions);
  return regions.size();
}

}  // namespace gongkai::service

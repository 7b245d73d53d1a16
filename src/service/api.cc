#include "service/api.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <zip.h>

#include "audit/rules.h"
#include "corpus/analysis.h"
#include "format/header_groups.h"
#include "format/labels.h"
#include "readers/reader.h"
#include "report/for_each_cell.h"
#include "service/corpus.h"
#include "util/sha256.h"
#include "writers/json_writer.h"
#include "writers/notice_writer.h"

namespace gongkai::service {

namespace {

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json OrNull(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
Json OrNull(const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); }

UserError NotFound(const std::string& what_zh, const std::string& what_en) {
  return UserError(404, "not_found", "未找到" + what_zh, what_en + " not found");
}

// What the API needs of one report row beyond store::ReportRow.
struct RowMeta {
  std::int64_t id = 0, agency_id = 0;
  std::optional<int> year;
  int revision = 1;
  std::string path, sha256, agency, region, agency_name, imported_at;
};

RowMeta MetaOf(Backend& b, std::int64_t id) {
  store::Statement s = b.store.db().Prepare(
      "SELECT r.agency_id, r.year, r.revision, r.path, r.sha256, a.name, a.region, r.agency_name, r.imported_at "
      "FROM reports r JOIN agencies a ON a.id = r.agency_id WHERE r.id = ?");
  s.Bind(1, id);
  if (!s.Step()) throw NotFound("编号为 " + std::to_string(id) + " 的报告", "report " + std::to_string(id));
  RowMeta m;
  m.id = id;
  m.agency_id = s.Int(0);
  if (auto y = s.OptInt(1)) m.year = static_cast<int>(*y);
  m.revision = static_cast<int>(s.Int(2));
  m.path = s.Text(3);
  m.sha256 = s.Text(4);
  m.agency = s.Text(5);
  m.region = s.Text(6);
  m.agency_name = s.Text(7);
  m.imported_at = s.Text(8);
  return m;
}

Json ReviewJson(const std::optional<store::Review>& r) {
  if (!r) return {{"status", "open"}, {"comment", ""}, {"by", nullptr}, {"at", nullptr}};
  return {{"status", r->status}, {"comment", r->comment}, {"by", OrNull(r->by)}, {"at", OrNull(r->at)}};
}

Json CountsJson(int e, int w, int i) { return {{"error", e}, {"warning", w}, {"info", i}}; }

Json ReviewCountsJson(const store::ReportRow& r, const std::unordered_map<std::int64_t, store::ReviewCounts>& counts) {
  store::ReviewCounts c;
  if (const auto it = counts.find(r.id); it != counts.end()) c = it->second;
  const int total = r.errors + r.warnings + r.infos;
  return {{"open", std::max(0, total - c.confirmed - c.dismissed - c.fixed)},
          {"confirmed", c.confirmed},
          {"dismissed", c.dismissed},
          {"fixed", c.fixed}};
}

Json ReportItem(const store::ReportRow& r, const std::unordered_map<std::int64_t, store::ReviewCounts>& counts) {
  return {{"id", r.id},
          {"agency", r.agency_name},
          {"region", r.region},
          {"year", OrNull(r.year)},
          {"format_version", r.format_version},
          {"published_on", OrNull(r.published_on)},
          {"late", r.late},
          {"revision", r.revision},
          {"counts", CountsJson(r.errors, r.warnings, r.infos)},
          {"review", ReviewCountsJson(r, counts)}};
}

// The report with its cross-year findings (stored at import) after its own
// findings: finding ids index this list.
StoredReport LoadWithCrossYear(Backend& b, std::int64_t id) { return LoadStored(b.store, id); }

// "<report>-<index>" → both; throws 404 for anything else.
std::pair<std::int64_t, std::size_t> ParseFindingId(const std::string& id) {
  const auto dash = id.find('-');
  try {
    if (dash == std::string::npos || dash == 0 || dash + 1 >= id.size()) throw std::invalid_argument(id);
    std::size_t used = 0;
    const long long report = std::stoll(id.substr(0, dash), &used);
    if (used != dash) throw std::invalid_argument(id);
    const unsigned long index = std::stoul(id.substr(dash + 1), &used);
    if (used != id.size() - dash - 1) throw std::invalid_argument(id);
    return {report, index};
  } catch (const std::logic_error&) {
    throw NotFound("问题 " + id, "finding " + id);
  }
}

struct FindingAt {
  RowMeta meta;
  Finding finding;
  store::ReviewKey key;
};

FindingAt LoadFinding(Backend& b, const std::string& finding_id) {
  const auto [report, index] = ParseFindingId(finding_id);
  FindingAt out;
  out.meta = MetaOf(b, report);
  Report r = LoadWithCrossYear(b, report).report;
  if (index >= r.findings.size()) throw NotFound("问题 " + finding_id, "finding " + finding_id);
  out.finding = std::move(r.findings[index]);
  out.key = {out.meta.agency_id, out.meta.year.value_or(-1), out.finding.rule, store::ReviewLocation(out.finding)};
  return out;
}

Json RateJson(const corpus::Rate& r) {
  return {{"value", OrNull(r.value())}, {"numerator", r.numerator}, {"denominator", r.denominator}};
}

Json TablesJson(const Report& r) {
  Json j = writers::ToJson(r);
  return {{"table2", j["table2"]}, {"table3", j["table3"]}, {"table4", j["table4"]}};
}

std::string ReadZipEntry(const std::string& zip_path, const std::string& entry) {
  int err = 0;
  zip_t* z = zip_open(zip_path.c_str(), ZIP_RDONLY, &err);
  if (!z) throw readers::ReadError("无法打开压缩包", "cannot open the zip archive");
  std::string bytes;
  zip_stat_t st;
  zip_file_t* f = nullptr;
  if (zip_stat(z, entry.c_str(), 0, &st) == 0 && st.size <= readers::kMaxFileBytes &&
      (f = zip_fopen(z, entry.c_str(), 0)) != nullptr) {
    bytes.resize(static_cast<std::size_t>(st.size));
    const zip_int64_t got = zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) bytes.clear();
  }
  zip_discard(z);
  return bytes;
}

}  // namespace

std::shared_ptr<const ListCache::Snapshot> ListCache::Get(const corpus::Filter& f) {
  const std::string key = f.region + '\x1f' + (f.year ? std::to_string(*f.year) : "") + '\x1f' + f.agency + '\x1f' +
                          f.severity + '\x1f' + (f.all_revisions ? "1" : "0");
  std::lock_guard lock(mu_);
  store::Statement v = b_.store.db().Prepare("PRAGMA data_version");
  v.Step();
  if (v.Int(0) != version_) {
    version_ = v.Int(0);
    by_filter_.clear();
  }
  if (const auto it = by_filter_.find(key); it != by_filter_.end()) return it->second;
  auto snap = std::make_shared<Snapshot>();
  snap->rows = service::Select(b_.store, f);
  snap->counts = b_.reviews.CountsByReport();
  if (by_filter_.size() >= 256) by_filter_.clear();
  by_filter_.emplace(key, snap);
  return snap;
}

Json ListReports(Backend& b, const ListQuery& q, ListCache* cache) {
  std::shared_ptr<const ListCache::Snapshot> snap;
  if (cache) {
    snap = cache->Get(q.filter);
  } else {
    auto own = std::make_shared<ListCache::Snapshot>();
    own->rows = service::Select(b.store, q.filter);
    own->counts = b.reviews.CountsByReport();
    snap = std::move(own);
  }
  std::vector<const store::ReportRow*> rows;
  rows.reserve(snap->rows.size());
  for (const auto& r : snap->rows) rows.push_back(&r);
  const auto& counts = snap->counts;
  if (q.late) {
    std::erase_if(rows, [&](const store::ReportRow* r) { return r->late != *q.late; });
  }
  if (!q.review.empty()) {
    std::erase_if(rows, [&](const store::ReportRow* r) {
      const Json c = ReviewCountsJson(*r, counts);
      return c[q.review].get<int>() == 0;
    });
  }
  if (!q.sort.empty()) {
    auto key_less = [&](const store::ReportRow& a, const store::ReportRow& c) {
      if (q.sort == "agency") return a.agency_name < c.agency_name;
      if (q.sort == "year") return a.year < c.year;
      if (q.sort == "errors") return a.errors < c.errors;
      if (q.sort == "warnings") return a.warnings < c.warnings;
      return a.published_on < c.published_on;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const store::ReportRow* a, const store::ReportRow* c) {
      return q.descending ? key_less(*c, *a) : key_less(*a, *c);
    });
  }
  Json items = Json::array();
  const std::int64_t n = static_cast<std::int64_t>(rows.size());
  for (std::int64_t i = std::max<std::int64_t>(0, q.offset); i < n && i < q.offset + q.limit; ++i) {
    items.push_back(ReportItem(*rows[static_cast<std::size_t>(i)], counts));
  }
  return {{"total", n}, {"items", std::move(items)}};
}

Json ShowReport(Backend& b, std::int64_t id) {
  const RowMeta m = MetaOf(b, id);
  const StoredReport l = LoadWithCrossYear(b, id);
  const Report& r = l.report;
  Json j = writers::ToJson(r);
  const auto reviews = b.reviews.ForFindings(m.agency_id, m.year.value_or(-1), r.findings);
  Json& findings = j["findings"];
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Json f = Json::object();
    f["id"] = std::to_string(id) + "-" + std::to_string(i);
    for (auto& [k, v] : findings[i].items()) f[k] = v;
    f["review"] = ReviewJson(reviews[i]);
    if (i >= l.own) f["previous_report_id"] = l.previous[i - l.own];
    findings[i] = std::move(f);
  }
  Json revisions = Json::array();
  store::Statement s = b.store.db().Prepare(
      "SELECT id, revision, imported_at FROM reports WHERE agency_id = ? AND coalesce(year, -1) = ? ORDER BY revision");
  s.Bind(1, m.agency_id).Bind(2, m.year.value_or(-1));
  while (s.Step()) revisions.push_back({{"id", s.Int(0)}, {"revision", s.Int(1)}, {"imported_at", s.Text(2)}});
  j["corpus"] = {{"id", id},
                 {"agency", m.agency},
                 {"region", m.region},
                 {"revision", m.revision},
                 {"revisions", std::move(revisions)},
                 {"source_name", std::filesystem::path(m.path).filename().string()}};
  return j;
}

std::shared_ptr<const std::string> ReportCache::Get(Backend& b, std::int64_t id) {
  std::int64_t seen = 0;
  {
    std::lock_guard lock(mu_);
    store::Statement v = db_.Prepare("PRAGMA data_version");
    v.Step();
    seen = v.Int(0);
    if (seen != version_) {
      version_ = seen;
      by_id_.clear();
      order_.clear();
    }
    if (const auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  }
  auto text = std::make_shared<const std::string>(
      ShowReport(b, id).dump(-1, ' ', false, Json::error_handler_t::replace));
  std::lock_guard lock(mu_);
  if (version_ == seen && by_id_.emplace(id, text).second) {
    order_.push_back(id);
    while (order_.size() > capacity_) {
      by_id_.erase(order_.front());
      order_.pop_front();
    }
  }
  return text;
}

Source ReportSource(Backend& b, std::int64_t id, const std::string& uploads_dir) {
  const RowMeta m = MetaOf(b, id);
  Source out;
  out.name = std::filesystem::path(m.path).filename().string();
  if (const auto in = b.jobs.FindBySha(m.sha256)) {
    // Uploaded: the file is kept under its hash (a hex name, never the user's).
    const std::string file = (std::filesystem::path(uploads_dir) / in->upload_sha256).string();
    std::error_code ec;
    if (std::filesystem::is_regular_file(file, ec)) {
      out.bytes = in->entry.empty() ? readers::LoadFile(file) : ReadZipEntry(file, in->entry);
    }
    const auto slash = in->name.find_last_of("/\\");
    out.name = slash == std::string::npos ? in->name : in->name.substr(slash + 1);
  } else {
    // Imported by the command line from a file that may still be there.
    std::error_code ec;
    if (std::filesystem::is_regular_file(m.path, ec)) out.bytes = readers::LoadFile(m.path);
  }
  if (out.bytes.empty() || Sha256Hex(out.bytes) != m.sha256) {
    throw UserError(404, "source_gone", "原文件已不在服务器上（或已改变）", "the original file is no longer available");
  }
  return out;
}

namespace {

// The report (with its cross-year findings) as writers::Notice* take it:
// the unit, and each finding's review status; only confirmed ones are listed.
std::pair<Report, writers::Unit> NoticeInput(Backend& b, std::int64_t id) {
  const RowMeta m = MetaOf(b, id);
  Report r = LoadWithCrossYear(b, id).report;
  writers::Unit unit{m.agency_name.empty() ? m.agency : m.agency_name, m.region, {}};
  for (const auto& rv : b.reviews.ForFindings(m.agency_id, m.year.value_or(-1), r.findings)) {
    unit.review.push_back(rv ? rv->status : "open");
  }
  return {std::move(r), std::move(unit)};
}

writers::NoticeOptions ConfirmedOnly() {
  writers::NoticeOptions o;
  o.statuses = {"confirmed"};
  return o;
}

}  // namespace

std::string NoticeHtml(Backend& b, std::int64_t id) {
  const auto [r, unit] = NoticeInput(b, id);
  return writers::NoticeHtml(r, unit, ConfirmedOnly());
}

std::string NoticeDocx(Backend& b, std::int64_t id) {
  const auto [r, unit] = NoticeInput(b, id);
  return writers::NoticeDocx(r, unit, ConfirmedOnly());
}

Json SetReview(Backend& b, const std::string& finding_id, const std::string& status, const std::string& comment,
               const std::string& user) {
  if (!store::IsReviewStatus(status)) {
    throw UserError(400, "bad_status", "复核状态须为 open、confirmed、dismissed 或 fixed",
                    "status must be open, confirmed, dismissed or fixed");
  }
  if (comment.size() > 10000) {
    throw UserError(400, "comment_too_long", "复核意见过长（至多 10000 字节）", "the comment is too long (10000 bytes at most)");
  }
  const FindingAt at = LoadFinding(b, finding_id);
  const store::Review r = b.reviews.Set(at.key, at.meta.id, status, comment, user);
  b.accounts.Log(user, "review", finding_id + " " + at.finding.rule + " → " + status);
  return ReviewJson(r);
}

Json ReviewHistory(Backend& b, const std::string& finding_id) {
  const FindingAt at = LoadFinding(b, finding_id);
  Json items = Json::array();
  for (const store::Review& r : b.reviews.History(at.key)) {
    Json j = ReviewJson(r);
    j["report_id"] = r.report_id;
    items.push_back(std::move(j));
  }
  return {{"items", std::move(items)}};
}

Json CoverageJson(Backend& b, int year, const std::string& region) {
  const corpus::Coverage c = service::Coverage(b.store, year, region);
  const auto counts = b.reviews.CountsByReport();
  std::map<std::string, const store::ReportRow*> by_name;
  for (const auto& r : c.reports) {
    by_name.emplace(r.agency, &r);
    by_name.emplace(r.agency_name, &r);
  }
  const std::set<std::string> missing(c.missing.begin(), c.missing.end());
  Json units = Json::array();
  for (const std::string& u : c.units) {
    Json j = {{"name", u}, {"status", missing.contains(u) ? "missing" : "published"}};
    const auto it = by_name.find(u);
    if (!missing.contains(u) && it != by_name.end()) {
      const store::ReportRow& r = *it->second;
      j["report_id"] = r.id;
      j["late"] = r.late;
      // No publication date known: lateness cannot be said (无法判断), which
      // `late: false` alone would hide.
      j["date_unknown"] = r.published_on.empty();
      j["counts"] = CountsJson(r.errors, r.warnings, r.infos);
      j["review"] = ReviewCountsJson(r, counts);
    } else {
      j["report_id"] = nullptr;
      j["late"] = false;
      j["date_unknown"] = false;
      j["counts"] = CountsJson(0, 0, 0);
      j["review"] = {{"open", 0}, {"confirmed", 0}, {"dismissed", 0}, {"fixed", 0}};
    }
    units.push_back(std::move(j));
  }
  Json late = Json::array(), errors = Json::array(), date_unknown = Json::array();
  for (const auto& r : c.late) late.push_back(ReportItem(r, counts));
  for (const auto& r : c.date_unknown) date_unknown.push_back(ReportItem(r, counts));
  for (const auto& r : c.with_errors) errors.push_back(ReportItem(r, counts));
  return {{"year", year},
          {"region", region},
          {"counts",
           {{"expected", c.units.size()},
            {"published", c.units.size() - std::min(c.units.size(), c.missing.size())},
            {"missing", c.missing.size()},
            {"late", c.late.size()},
            {"date_unknown", c.date_unknown.size()},
            {"with_errors", c.with_errors.size()},
            {"outside_list", c.outside.size()}}},
          {"units", std::move(units)},
          {"missing", c.missing},
          {"outside_list", c.outside},
          {"late", std::move(late)},
          {"date_unknown", std::move(date_unknown)},
          {"with_errors", std::move(errors)}};
}

Json StatsJson(Backend& b, const corpus::Filter& filter) {
  const StatsResult s = service::Stats(b.store, filter, filter.region.empty() ? "合计" : filter.region);
  Json items = Json::array();
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    items.push_back({{"id", s.rows[i].id},
                     {"name", s.units[i].name},
                     {"year", OrNull(s.units[i].year)},
                     {"disclosure", RateJson(s.units[i].disclosure)},
                     {"correction", RateJson(s.units[i].correction)}});
  }
  return {{"items", std::move(items)},
          {"total",
           {{"name", s.total.name},
            {"units", s.units.size()},
            {"disclosure", RateJson(s.total.disclosure)},
            {"correction", RateJson(s.total.correction)}}}};
}

Json TrendJson(Backend& b, const corpus::Filter& filter) {
  Json items = Json::array();
  for (const TrendPoint& p : service::Trend(b.store, filter)) {
    items.push_back(
        {{"year", p.year}, {"reports", p.reports}, {"error", p.error}, {"warning", p.warning}, {"info", p.info}});
  }
  return {{"items", std::move(items)}};
}

Json RollupJson(Backend& b, const std::string& region, int year) {
  const corpus::Rollup r = service::Rollup(b.store, region, year);
  return {{"report", writers::ToJson(r.sum)},
          {"included", r.included},
          {"missing", r.missing},
          {"table2_excluded", r.table2_excluded},
          {"null_cells", r.null_cells}};
}

Json CompareJson(Backend& b, const std::string& agency, std::optional<std::int64_t> a, std::optional<std::int64_t> c) {
  std::vector<std::int64_t> ids;
  if (a && c) {
    ids = {*a, *c};
  } else if (!agency.empty()) {
    ids = service::AgencyReports(b.store, agency);
  }
  const Comparison cmp = service::Compare(b.store, ids);
  Json reports = Json::array();
  for (std::size_t k = 0; k < cmp.reports.size(); ++k) {
    reports.push_back({{"id", cmp.rows[k].id},
                       {"year", OrNull(cmp.rows[k].year)},
                       {"agency", cmp.rows[k].agency_name},
                       {"tables", TablesJson(cmp.reports[k])}});
  }
  Json deltas = Json::array();
  for (const CellDelta& d : cmp.cells) {
    Json values = Json::array(), delta = Json::array();
    for (const auto& v : d.values) values.push_back(OrNull(v));
    for (std::size_t k = 1; k < d.values.size(); ++k) {
      const auto& x = d.values[k - 1];
      const auto& y = d.values[k];
      delta.push_back(x && y ? Json(*y - *x) : Json(nullptr));
    }
    deltas.push_back({{"table", d.ref.table},
                      {"row", d.ref.row},
                      {"column", d.ref.column},
                      {"name", d.name},
                      {"changed", d.changed},
                      {"values", std::move(values)},
                      {"delta", std::move(delta)}});
  }
  Json findings = Json::array(), copied = Json::array();
  for (std::size_t k = 1; k < cmp.reports.size(); ++k) {
    for (const Finding& f : cmp.cross_year[k]) {
      Json j = writers::FindingToJson(f);
      j["report_id"] = cmp.rows[k].id;
      findings.push_back(std::move(j));
    }
    for (const CopiedSection& s : cmp.copied[k]) {
      copied.push_back({{"section", s.section},
                        {"heading", s.heading},
                        {"share", OrNull(s.share)},
                        {"from", cmp.rows[k - 1].id},
                        {"to", cmp.rows[k].id}});
    }
  }
  return {{"reports", std::move(reports)},
          {"deltas", std::move(deltas)},
          {"findings", std::move(findings)},
          {"copied", std::move(copied)}};
}

Json FormatJson() {
  Json sections = Json::array();
  for (const auto& s : format::Sections()) sections.push_back({{"number", s.number}, {"heading", s.heading}});
  auto heading = [](int n) -> std::string {
    for (const auto& s : format::Sections()) {
      if (s.number == n) return std::string(s.heading);
    }
    return "";
  };
  auto table2 = [&](format::Version v) {
    Json rows = Json::array();
    Json columns = Json::array();
    std::set<std::string> seen;
    for (const auto& r : format::Table2Rows(v)) {
      Json cols = Json::array();
      for (const auto& c : r.columns) {
        cols.push_back({{"key", c.key}, {"label", c.label}});
        if (seen.insert(std::string(c.key)).second) columns.push_back({{"key", c.key}, {"label", c.label}});
      }
      rows.push_back({{"key", r.key}, {"label", r.label}, {"group", r.block}, {"scalar", r.scalar}, {"money", r.money}, {"columns", cols}});
    }
    return Json{{"title", heading(2)}, {"version", format::VersionKey(v)}, {"rows", rows}, {"columns", columns}};
  };
  Json t3rows = Json::array();
  for (const auto& r : format::Table3Rows()) {
    t3rows.push_back({{"key", r.key},
                      {"label", r.label},
                      {"group", r.group.empty() ? Json(nullptr) : Json(r.group)},
                      {"in_v2021_split", r.in_v2021_split},
                      {"in_single_other", r.in_single_other}});
  }
  Json t3cols = Json::array();
  const auto t3c = format::Table3Columns();
  for (std::size_t i = 0; i < t3c.size(); ++i) {
    Json c = {{"key", t3c[i].key}, {"label", t3c[i].label}};
    for (const auto& g : format::Table3ColumnGroups()) {
      if (i >= g.first && i < g.first + g.count) c["group"] = g.label;
    }
    t3cols.push_back(std::move(c));
  }
  Json t4rows = Json::array();
  const auto groups = format::Table4Groups();
  for (std::size_t i = 0; i < groups.size(); ++i) {
    Json g = {{"key", groups[i].key}, {"label", groups[i].label}};
    for (const auto& h : format::Table4GroupHeaders()) {
      if (i >= h.first && i < h.first + h.count) g["group"] = h.label;
    }
    t4rows.push_back(std::move(g));
  }
  Json t4cols = Json::array();
  for (const auto& c : format::Table4Columns()) t4cols.push_back({{"key", c.key}, {"label", c.label}});
  return {{"sections", std::move(sections)},
          {"tables",
           {{"table2", table2(format::Version::kV2021)},
            {"table2_v2019", table2(format::Version::kV2019)},
            {"table3", {{"title", heading(3)}, {"rows", std::move(t3rows)}, {"columns", std::move(t3cols)}}},
            {"table4", {{"title", heading(4)}, {"groups", t4rows}, {"rows", t4rows}, {"columns", std::move(t4cols)}}}}},
          {"severities", {{"error", "错误"}, {"warning", "警告"}, {"info", "提示"}}},
          {"review_statuses", {{"open", "待复核"}, {"confirmed", "确认问题"}, {"dismissed", "误报"}, {"fixed", "已整改"}}}};
}

Json RulesJson() {
  Json items = Json::array();
  for (const auto& r : audit::Rules()) {
    items.push_back({{"id", r.id}, {"severity", r.severity}, {"zh", r.what}, {"basis", r.basis.empty() ? Json(nullptr) : Json(r.basis)}});
  }
  return {{"items", std::move(items)}};
}

Json RegionsJson(Backend& b) {
  Json items = Json::array();
  const std::vector<store::Region> regions = b.store.Regions();
  const corpus::Hierarchy hierarchy(regions);
  for (const auto& r : regions) {
    items.push_back({{"name", r.name},
                     {"parent", OrNull(r.parent)},
                     {"level", r.level},
                     {"aliases", r.aliases},
                     {"reports", r.reports ? Json(*r.reports) : Json(nullptr)},
                     {"must_report", hierarchy.Reports(r.name)}});
  }
  return {{"items", std::move(items)}};
}

Json YearsJson(Backend& b) { return {{"items", service::Years(b.store)}}; }

Json UsersJson(Backend& b) {
  Json items = Json::array();
  for (const auto& u : b.accounts.Users()) {
    const auto agency = b.drafts.UnitAgency(u.name);
    items.push_back({{"name", u.name},
                     {"role", store::RoleName(u.role)},
                     {"created_at", u.created_at},
                     {"agency", agency ? Json(*agency) : Json(nullptr)}});
  }
  return {{"items", std::move(items)}};
}

Json AuditLogJson(Backend& b, std::int64_t offset, std::int64_t limit) {
  Json items = Json::array();
  for (const auto& e : b.accounts.LogPage(offset, limit)) {
    items.push_back({{"at", e.at}, {"user", e.user}, {"action", e.action}, {"detail", e.detail}});
  }
  return {{"total", b.accounts.LogCount()}, {"items", std::move(items)}};
}

Json JobJson(Backend& b, const store::Job& job) {
  Json failures = Json::array(), ids = Json::array();
  for (const store::JobInput& in : b.jobs.Inputs(job.id)) {
    if (in.state == "failed") failures.push_back({{"file", in.name}, {"zh", in.reason_zh}, {"en", in.reason_en}});
    if (in.state == "new" && in.report_id) ids.push_back(*in.report_id);
  }
  return {{"id", job.id},
          {"state", job.state},
          {"files_total", job.files_total},
          {"files_done", job.files_done},
          {"reports_new", job.reports_new},
          {"reports_existing", job.reports_existing},
          {"failures", std::move(failures)},
          {"report_ids", std::move(ids)},
          {"started_at", OrNull(job.started_at)},
          {"finished_at", OrNull(job.finished_at)},
          {"elapsed_s", job.elapsed_s},
          {"by", job.by},
          {"created_at", job.created_at}};
}

}  // namespace gongkai::service

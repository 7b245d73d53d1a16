#include "store/store.h"

#include <chrono>
#include <sstream>

#include "corpus/agency.h"
#include "format/labels.h"
#include "report/for_each_cell.h"

namespace gongkai::store {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE agencies(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  parent TEXT NOT NULL DEFAULT '',
  governs INTEGER NOT NULL DEFAULT 0);
CREATE TABLE agency_names(
  name TEXT PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id)) WITHOUT ROWID;
CREATE TABLE reports(
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER,
  revision INTEGER NOT NULL,
  title TEXT, agency_name TEXT, format_version TEXT, table2_version TEXT,
  published_on TEXT, phone TEXT, address TEXT,
  path TEXT, format TEXT, bytes INTEGER,
  procurement_unit TEXT,
  table2_found INTEGER, table3_found INTEGER, table4_found INTEGER, table3_other_split INTEGER,
  errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0, infos INTEGER NOT NULL DEFAULT 0,
  imported_at TEXT NOT NULL);
CREATE INDEX reports_agency_year ON reports(agency_id, year, id);
CREATE INDEX reports_year ON reports(year);
CREATE TABLE cell_keys(
  id INTEGER PRIMARY KEY,
  tbl INTEGER NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,
  UNIQUE(tbl, row, col));
CREATE TABLE cells(
  report_id INTEGER NOT NULL REFERENCES reports(id),
  key_id INTEGER NOT NULL REFERENCES cell_keys(id),
  value REAL,
  state INTEGER NOT NULL,
  PRIMARY KEY(report_id, key_id)) WITHOUT ROWID;
CREATE VIEW cell_values AS
  SELECT c.report_id, k.tbl, k.row, k.col, c.value, c.state FROM cells c JOIN cell_keys k ON k.id = c.key_id;
CREATE TABLE sections(
  report_id INTEGER NOT NULL REFERENCES reports(id),
  number INTEGER NOT NULL, heading TEXT, text TEXT);
CREATE INDEX sections_report ON sections(report_id);
CREATE TABLE findings(
  report_id INTEGER NOT NULL REFERENCES reports(id),
  seq INTEGER NOT NULL,
  rule TEXT NOT NULL, severity TEXT NOT NULL, message TEXT,
  tbl INTEGER, row TEXT, col TEXT, excerpt TEXT, offset INTEGER,
  PRIMARY KEY(report_id, seq)) WITHOUT ROWID;
CREATE INDEX findings_severity ON findings(severity, report_id);
CREATE TABLE failures(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL, sha256 TEXT NOT NULL DEFAULT '',
  reason_zh TEXT, reason_en TEXT, at TEXT,
  UNIQUE(path, sha256));
CREATE TABLE regions(
  name TEXT PRIMARY KEY, parent TEXT NOT NULL DEFAULT '', level TEXT NOT NULL DEFAULT '',
  aliases TEXT NOT NULL DEFAULT '');
CREATE VIEW current_reports AS
  SELECT * FROM reports r WHERE r.id = (SELECT max(id) FROM reports x WHERE x.agency_id = r.agency_id AND x.year IS r.year);
)sql";

std::string Now() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

CellState StateOf(const CellValue& c) {
  if (c.value) return CellState::kValue;
  if (!c.found) return CellState::kNotFound;
  if (c.not_applicable) return CellState::kNotApplicable;
  return CellState::kBlank;
}

format::Version VersionFromKey(std::string_view key) {
  for (auto v : {format::Version::kV2021, format::Version::kV2019, format::Version::kLegacy}) {
    if (format::VersionKey(v) == key) return v;
  }
  return format::Version::kUnknown;
}

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

struct Store::Writer {
  explicit Writer(Database& db)
      : report_exists(db.Prepare("SELECT 1 FROM reports WHERE sha256 = ?")),
        revisions(db.Prepare("SELECT count(*) FROM reports WHERE agency_id = ? AND year IS ?")),
        insert_report(db.Prepare(
            "INSERT INTO reports(sha256, agency_id, year, revision, title, agency_name, format_version, "
            "table2_version, published_on, phone, address, path, format, bytes, procurement_unit, table2_found, "
            "table3_found, table4_found, table3_other_split, errors, warnings, infos, imported_at) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
        insert_cell(db.Prepare("INSERT INTO cells(report_id, key_id, value, state) VALUES(?,?,?,?)")),
        insert_section(db.Prepare("INSERT INTO sections(report_id, number, heading, text) VALUES(?,?,?,?)")),
        insert_finding(db.Prepare(
            "INSERT INTO findings(report_id, seq, rule, severity, message, tbl, row, col, excerpt, offset) "
            "VALUES(?,?,?,?,?,?,?,?,?,?)")),
        insert_failure(db.Prepare(
            "INSERT OR IGNORE INTO failures(path, sha256, reason_zh, reason_en, at) VALUES(?,?,?,?,?)")),
        insert_agency(db.Prepare("INSERT INTO agencies(key, name, region, parent, governs) VALUES(?,?,?,?,?)")),
        insert_agency_name(db.Prepare("INSERT OR IGNORE INTO agency_names(name, agency_id) VALUES(?,?)")),
        insert_cell_key(db.Prepare("INSERT INTO cell_keys(tbl, row, col) VALUES(?,?,?)")) {}
  Statement report_exists, revisions, insert_report, insert_cell, insert_section, insert_finding, insert_failure,
      insert_agency, insert_agency_name, insert_cell_key;
};

Store::Store(const std::string& path) : db_(path) {
  // WAL: readers never block the writer; with synchronous=NORMAL a killed
  // process loses at most the transaction in flight, never consistency.
  db_.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  Migrate();
}

Store::~Store() = default;

void Store::Migrate() {
  Statement v = db_.Prepare("PRAGMA user_version");
  v.Step();
  const int version = static_cast<int>(v.Int(0));
  v.Reset();
  if (version > kSchemaVersion) {
    throw SqliteError("database schema " + std::to_string(version) + " is newer than this gongkai (" +
                      std::to_string(kSchemaVersion) + ")");
  }
  if (version == kSchemaVersion) return;
  // Version 0: an empty file. Later versions add ALTERs here, one step each.
  Transaction tx(db_);
  db_.Exec(kSchema);
  db_.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  tx.Commit();
}

std::unordered_set<std::string> Store::KnownHashes() {
  std::unordered_set<std::string> out;
  Statement s = db_.Prepare("SELECT sha256 FROM reports");
  while (s.Step()) out.insert(s.Text(0));
  return out;
}

std::int64_t Store::CellKeyId(int table, std::string_view row, std::string_view col) {
  std::string k = std::to_string(table) + "|" + std::string(row) + "|" + std::string(col);
  if (auto it = cell_keys_.find(k); it != cell_keys_.end()) return it->second;
  writer_->insert_cell_key.Bind(1, table).Bind(2, row).Bind(3, col).Run();
  const std::int64_t id = db_.LastInsertId();
  cell_keys_.emplace(std::move(k), id);
  return id;
}

std::int64_t Store::AgencyId(const std::string& printed_name) {
  if (auto it = agency_names_.find(printed_name); it != agency_names_.end()) return it->second;
  const std::string key = corpus::AgencyKey(printed_name);
  std::int64_t id = 0;
  for (const auto& [k, kid] : agency_keys_) {
    if (k == key) {
      id = kid;
      break;
    }
  }
  if (id == 0) {
    for (const auto& [k, kid] : agency_keys_) {
      if (corpus::SameAgencyKey(k, key)) {
        id = kid;
        break;
      }
    }
  }
  if (id == 0) {
    const corpus::InferredPlace place = corpus::InferPlace(printed_name);
    writer_->insert_agency.Bind(1, key)
        .Bind(2, printed_name)
        .Bind(3, place.region)
        .Bind(4, place.parent)
        .Bind(5, place.governs ? 1 : 0)
        .Run();
    id = db_.LastInsertId();
    agency_keys_.emplace_back(key, id);
  }
  writer_->insert_agency_name.Bind(1, printed_name).Bind(2, id).Run();
  agency_names_.emplace(printed_name, id);
  return id;
}

WriteResult Store::Write(const std::vector<Report>& reports, const std::vector<Failure>& failures) {
  if (!writer_) writer_ = std::make_unique<Writer>(db_);
  if (!caches_loaded_) {
    agency_keys_.clear();
    agency_names_.clear();
    cell_keys_.clear();
    for (Statement s = db_.Prepare("SELECT key, id FROM agencies"); s.Step();) agency_keys_.emplace_back(s.Text(0), s.Int(1));
    for (Statement s = db_.Prepare("SELECT name, agency_id FROM agency_names"); s.Step();)
      agency_names_.emplace(s.Text(0), s.Int(1));
    for (Statement s = db_.Prepare("SELECT tbl, row, col, id FROM cell_keys"); s.Step();)
      cell_keys_.emplace(std::to_string(s.Int(0)) + "|" + s.Text(1) + "|" + s.Text(2), s.Int(3));
    caches_loaded_ = true;
  }
  WriteResult result;
  const std::string now = Now();
  Writer& w = *writer_;
  try {
    Transaction tx(db_);
    for (const Failure& f : failures) {
      w.insert_failure.Bind(1, f.path).Bind(2, f.sha256).Bind(3, f.reason_zh).Bind(4, f.reason_en).Bind(5, now).Run();
      ++result.failures;
    }
    for (const Report& r : reports) {
      w.report_exists.Bind(1, r.source.sha256);
      const bool exists = w.report_exists.Step();
      w.report_exists.Reset();
      if (exists) {
        ++result.duplicates;
        continue;
      }
      // A report whose agency could not be read is its own identity: never
      // merge unknowns into one agency.
      const std::string name =
          r.meta.agency.empty() ? "（未识别单位）" + r.source.sha256.substr(0, 12) : r.meta.agency;
      const std::int64_t agency = AgencyId(name);
      w.revisions.Bind(1, agency).Bind(2, r.meta.year);
      w.revisions.Step();
      const int revision = static_cast<int>(w.revisions.Int(0)) + 1;
      w.revisions.Reset();
      if (revision > 1) ++result.new_revisions;
      int counts[3] = {0, 0, 0};
      for (const Finding& f : r.findings) ++counts[f.severity == "error" ? 0 : f.severity == "warning" ? 1 : 2];
      Statement& ir = w.insert_report;
      ir.Bind(1, r.source.sha256).Bind(2, agency).Bind(3, r.meta.year).Bind(4, revision);
      ir.Bind(5, r.meta.title).Bind(6, r.meta.agency).Bind(7, format::VersionKey(r.meta.format_version));
      ir.Bind(8, format::VersionKey(r.table2.version)).Bind(9, r.meta.published_on).Bind(10, r.meta.phone);
      ir.Bind(11, r.meta.address).Bind(12, r.source.path).Bind(13, r.source.format);
      ir.Bind(14, static_cast<std::int64_t>(r.source.bytes)).Bind(15, r.table2.procurement_unit);
      ir.Bind(16, r.table2.found ? 1 : 0).Bind(17, r.table3.found ? 1 : 0).Bind(18, r.table4.found ? 1 : 0);
      ir.Bind(19, r.table3.other_split ? 1 : 0).Bind(20, counts[0]).Bind(21, counts[1]).Bind(22, counts[2]);
      ir.Bind(23, now).Run();
      const std::int64_t id = db_.LastInsertId();
      ++result.inserted;

      auto cell = [&](int table, std::string_view row, std::string_view col, const CellValue& c) {
        w.insert_cell.Bind(1, id).Bind(2, CellKeyId(table, row, col)).Bind(3, c.value);
        w.insert_cell.Bind(4, static_cast<int>(StateOf(c))).Run();
      };
      ForEachCell(r, cell);
      for (const Section& s : r.sections) w.insert_section.Bind(1, id).Bind(2, s.number).Bind(3, s.heading).Bind(4, s.text).Run();
      int seq = 0;
      for (const Finding& f : r.findings) {
        Statement& fi = w.insert_finding;
        fi.Bind(1, id).Bind(2, seq++).Bind(3, f.rule).Bind(4, f.severity).Bind(5, f.message).Bind(6, f.table);
        fi.Bind(7, f.row).Bind(8, f.column).Bind(9, f.excerpt);
        if (f.offset) fi.Bind(10, static_cast<std::int64_t>(*f.offset));
        fi.Run();
      }
    }
    tx.Commit();
  } catch (...) {
    // The transaction rolled back: ids cached during it do not exist.
    caches_loaded_ = false;
    throw;
  }
  return result;
}

Report Store::LoadReport(std::int64_t report_id) {
  Report r;
  Statement s = db_.Prepare(
      "SELECT sha256, year, title, agency_name, format_version, table2_version, published_on, phone, address, "
      "path, format, bytes, procurement_unit, table2_found, table3_found, table4_found, table3_other_split "
      "FROM reports WHERE id = ?");
  s.Bind(1, report_id);
  if (!s.Step()) throw SqliteError("no report " + std::to_string(report_id));
  r.source.sha256 = s.Text(0);
  if (auto y = s.OptInt(1)) r.meta.year = static_cast<int>(*y);
  r.meta.title = s.Text(2);
  r.meta.agency = s.Text(3);
  r.meta.format_version = VersionFromKey(s.Text(4));
  r.table2.version = VersionFromKey(s.Text(5));
  r.meta.published_on = s.Text(6);
  r.meta.phone = s.Text(7);
  r.meta.address = s.Text(8);
  r.source.path = s.Text(9);
  r.source.format = s.Text(10);
  r.source.bytes = static_cast<std::size_t>(s.Int(11));
  r.table2.procurement_unit = s.Text(12);
  r.table2.found = s.Int(13) != 0;
  r.table3.found = s.Int(14) != 0;
  r.table4.found = s.Int(15) != 0;
  r.table3.other_split = s.Int(16) != 0;

  const auto t2 = format::Table2Rows(r.table2.version);
  r.table2.rows.assign(t2.size(), {});
  for (std::size_t i = 0; i < t2.size(); ++i) r.table2.rows[i].resize(t2[i].columns.size());
  r.table3.rows.assign(format::Table3Rows().size(), {});
  auto index_of = [](auto span, std::string_view key) -> int {
    for (std::size_t i = 0; i < span.size(); ++i) {
      if (span[i].key == key) return static_cast<int>(i);
    }
    return -1;
  };
  Statement c = db_.Prepare("SELECT tbl, row, col, value, state FROM cell_values WHERE report_id = ?");
  c.Bind(1, report_id);
  while (c.Step()) {
    CellValue v;
    v.value = c.OptDouble(3);
    const auto state = static_cast<CellState>(c.Int(4));
    v.found = state != CellState::kNotFound;
    v.not_applicable = state == CellState::kNotApplicable;
    const std::string row = c.Text(1), col = c.Text(2);
    CellValue* target = nullptr;
    switch (c.Int(0)) {
      case 2: {
        const int ri = index_of(t2, row);
        if (ri < 0) break;
        const int ci = index_of(t2[static_cast<std::size_t>(ri)].columns, col);
        if (ci >= 0) target = &r.table2.rows[static_cast<std::size_t>(ri)][static_cast<std::size_t>(ci)];
        break;
      }
      case 3: {
        const int ri = format::Table3RowIndex(row);
        const int ci = index_of(format::Table3Columns(), col);
        if (ri >= 0 && ci >= 0) target = &r.table3.rows[static_cast<std::size_t>(ri)][static_cast<std::size_t>(ci)];
        break;
      }
      case 4: {
        const int gi = index_of(format::Table4Groups(), row);
        const int ci = index_of(format::Table4Columns(), col);
        if (gi >= 0 && ci >= 0) target = &r.table4.groups[static_cast<std::size_t>(gi)][static_cast<std::size_t>(ci)];
        break;
      }
      default:
        break;
    }
    if (target) {
      if (v.value) {
        std::ostringstream raw;
        raw << *v.value;
        v.raw = raw.str();
      }
      *target = std::move(v);
    }
  }
  Statement sec = db_.Prepare("SELECT number, heading, text FROM sections WHERE report_id = ? ORDER BY rowid");
  sec.Bind(1, report_id);
  while (sec.Step()) r.sections.push_back({static_cast<int>(sec.Int(0)), sec.Text(1), sec.Text(2), 0});
  Statement f = db_.Prepare(
      "SELECT rule, severity, message, tbl, row, col, excerpt, offset FROM findings WHERE report_id = ? ORDER BY seq");
  f.Bind(1, report_id);
  while (f.Step()) {
    Finding fi;
    fi.rule = f.Text(0);
    fi.severity = f.Text(1);
    fi.message = f.Text(2);
    if (auto t = f.OptInt(3)) fi.table = static_cast<int>(*t);
    fi.row = f.Text(4);
    fi.column = f.Text(5);
    fi.excerpt = f.Text(6);
    if (auto o = f.OptInt(7)) fi.offset = static_cast<std::size_t>(*o);
    r.findings.push_back(std::move(fi));
  }
  return r;
}

std::vector<ReportRow> Store::Reports(bool all_revisions) {
  std::vector<ReportRow> out;
  Statement s = db_.Prepare(
      "SELECT * FROM (SELECT r.id, r.sha256, r.agency_id, a.name, r.agency_name, a.region, r.year, r.revision, "
      "r.id = max(r.id) OVER (PARTITION BY r.agency_id, r.year) AS cur, r.format_version, r.published_on, r.path, "
      "r.errors, r.warnings, r.infos FROM reports r JOIN agencies a ON a.id = r.agency_id) "
      "WHERE cur OR ? ORDER BY year, agency_id, revision");
  s.Bind(1, all_revisions ? 1 : 0);
  while (s.Step()) {
    ReportRow row;
    row.id = s.Int(0);
    row.sha256 = s.Text(1);
    row.agency_id = s.Int(2);
    row.agency = s.Text(3);
    row.agency_name = s.Text(4);
    row.region = s.Text(5);
    if (auto y = s.OptInt(6)) row.year = static_cast<int>(*y);
    row.revision = static_cast<int>(s.Int(7));
    row.current = s.Int(8) != 0;
    row.format_version = s.Text(9);
    row.published_on = s.Text(10);
    row.path = s.Text(11);
    row.errors = static_cast<int>(s.Int(12));
    row.warnings = static_cast<int>(s.Int(13));
    row.infos = static_cast<int>(s.Int(14));
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Failure> Store::Failures() {
  std::vector<Failure> out;
  for (Statement s = db_.Prepare("SELECT path, sha256, reason_zh, reason_en FROM failures ORDER BY id"); s.Step();) {
    out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3)});
  }
  return out;
}

void Store::SetRegions(const std::vector<Region>& regions) {
  Transaction tx(db_);
  db_.Exec("DELETE FROM regions");
  Statement ins = db_.Prepare("INSERT OR REPLACE INTO regions(name, parent, level, aliases) VALUES(?,?,?,?)");
  for (const Region& r : regions) ins.Bind(1, r.name).Bind(2, r.parent).Bind(3, r.level).Bind(4, Join(r.aliases, '|')).Run();
  tx.Commit();
}

std::vector<Region> Store::Regions() {
  std::vector<Region> out;
  for (Statement s = db_.Prepare("SELECT name, parent, level, aliases FROM regions ORDER BY rowid"); s.Step();) {
    Region r{s.Text(0), s.Text(1), s.Text(2), {}};
    std::string a = s.Text(3);
    for (std::size_t p = 0; !a.empty();) {
      p = a.find('|');
      r.aliases.push_back(a.substr(0, p));
      if (p == std::string::npos) break;
      a.erase(0, p + 1);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace gongkai::store

#include "store/store.h"

#include <chrono>
#include <sstream>

#include "corpus/agency.h"
#include "corpus/analysis.h"
#include "format/labels.h"
#include "util/text.h"
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
  governs INTEGER NOT NULL DEFAULT 0,
  unit TEXT NOT NULL DEFAULT '');
CREATE INDEX agencies_unit ON agencies(unit);
CREATE TABLE agency_names(
  name TEXT PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  match_key TEXT NOT NULL,
  key TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX agency_names_agency ON agency_names(agency_id);
CREATE TABLE agency_regions(
  region_key TEXT NOT NULL,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY(region_key, agency_id)) WITHOUT ROWID;
CREATE TABLE cell_keys(
  id INTEGER PRIMARY KEY,
  tbl INTEGER NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,
  UNIQUE(tbl, row, col));
CREATE TABLE layouts(
  id INTEGER PRIMARY KEY,
  keys TEXT NOT NULL UNIQUE);
CREATE TABLE layout_keys(
  layout_id INTEGER NOT NULL REFERENCES layouts(id),
  key_id INTEGER NOT NULL REFERENCES cell_keys(id),
  seq INTEGER NOT NULL,
  PRIMARY KEY(layout_id, key_id)) WITHOUT ROWID;
CREATE TABLE reports(
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER,
  revision INTEGER NOT NULL,
  current INTEGER NOT NULL DEFAULT 1,
  late INTEGER NOT NULL DEFAULT 0,
  layout_id INTEGER NOT NULL REFERENCES layouts(id),
  title TEXT, agency_name TEXT, format_version TEXT, table2_version TEXT,
  published_on TEXT, phone TEXT, address TEXT,
  path TEXT, format TEXT, bytes INTEGER,
  procurement_unit TEXT,
  table2_found INTEGER, table3_found INTEGER, table4_found INTEGER, table3_other_split INTEGER,
  errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0, infos INTEGER NOT NULL DEFAULT 0,
  disclosure_num REAL, disclosure_den REAL, disclosure_null INTEGER,
  correction_num REAL, correction_den REAL, correction_null INTEGER,
  imported_at TEXT NOT NULL);
CREATE INDEX reports_agency_year ON reports(agency_id, year, id);
CREATE INDEX reports_current_year ON reports(current, year, agency_id);
CREATE TABLE cells(
  report_id INTEGER NOT NULL REFERENCES reports(id),
  key_id INTEGER NOT NULL REFERENCES cell_keys(id),
  value REAL,
  state INTEGER NOT NULL,
  PRIMARY KEY(report_id, key_id)) WITHOUT ROWID;
CREATE VIEW cell_values AS
  SELECT r.id AS report_id, k.tbl, k.row, k.col,
         CASE WHEN c.report_id IS NULL THEN 0.0 ELSE c.value END AS value, coalesce(c.state, 0) AS state
  FROM reports r JOIN layout_keys lk ON lk.layout_id = r.layout_id JOIN cell_keys k ON k.id = lk.key_id
  LEFT JOIN cells c ON c.report_id = r.id AND c.key_id = lk.key_id;
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
CREATE TABLE failures(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL, sha256 TEXT NOT NULL DEFAULT '',
  reason_zh TEXT, reason_en TEXT, at TEXT,
  UNIQUE(path, sha256));
CREATE TABLE regions(
  name TEXT PRIMARY KEY, parent TEXT NOT NULL DEFAULT '', level TEXT NOT NULL DEFAULT '',
  aliases TEXT NOT NULL DEFAULT '');
CREATE VIEW current_reports AS SELECT * FROM reports WHERE current = 1;
)sql";

// A plain 0 is the cell most reports have most of: it is not stored.
bool IsDefaultCell(const CellValue& c) {
  return c.value && *c.value == 0 && c.found && !c.not_applicable;
}

// "汉正街" → "*汉*正*街*": GLOB's in-order match of code points (FuzzyMatch's
// score 1). GLOB, not LIKE: LIKE folds ASCII case, FuzzyMatch does not.
std::string GlobOfCodePoints(std::string_view q) {
  std::string out = "*";
  for (std::size_t i = 0; i < q.size();) {
    const std::size_t at = i;
    text::NextCodePoint(q, i);
    const std::string_view cp = q.substr(at, i - at);
    if (cp == "*" || cp == "?" || cp == "[") {
      out += '[';
      out += cp;
      out += ']';
    } else {
      out += cp;
    }
    out += '*';
  }
  return out;
}

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
        supersede(db.Prepare("UPDATE reports SET current = 0 WHERE agency_id = ? AND year IS ? AND current = 1")),
        insert_report(db.Prepare(
            "INSERT INTO reports(sha256, agency_id, year, revision, title, agency_name, format_version, "
            "table2_version, published_on, phone, address, path, format, bytes, procurement_unit, table2_found, "
            "table3_found, table4_found, table3_other_split, errors, warnings, infos, imported_at, late, layout_id, "
            "disclosure_num, disclosure_den, disclosure_null, correction_num, correction_den, correction_null) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
        insert_cell(db.Prepare("INSERT INTO cells(report_id, key_id, value, state) VALUES(?,?,?,?)")),
        insert_section(db.Prepare("INSERT INTO sections(report_id, number, heading, text) VALUES(?,?,?,?)")),
        insert_finding(db.Prepare(
            "INSERT INTO findings(report_id, seq, rule, severity, message, tbl, row, col, excerpt, offset) "
            "VALUES(?,?,?,?,?,?,?,?,?,?)")),
        insert_failure(db.Prepare(
            "INSERT OR IGNORE INTO failures(path, sha256, reason_zh, reason_en, at) VALUES(?,?,?,?,?)")),
        insert_agency(db.Prepare("INSERT INTO agencies(key, name, region, parent, governs, unit) VALUES(?,?,?,?,?,?)")),
        insert_agency_name(
            db.Prepare("INSERT OR IGNORE INTO agency_names(name, agency_id, match_key, key) VALUES(?,?,?,?)")),
        insert_agency_region(db.Prepare("INSERT OR IGNORE INTO agency_regions(region_key, agency_id) VALUES(?,?)")),
        set_unit(db.Prepare("UPDATE agencies SET unit = ? WHERE id = ? AND unit = ''")),
        insert_cell_key(db.Prepare("INSERT INTO cell_keys(tbl, row, col) VALUES(?,?,?)")),
        insert_layout(db.Prepare("INSERT INTO layouts(keys) VALUES(?)")),
        insert_layout_key(db.Prepare("INSERT INTO layout_keys(layout_id, key_id, seq) VALUES(?,?,?)")) {}
  Statement report_exists, revisions, supersede, insert_report, insert_cell, insert_section, insert_finding,
      insert_failure, insert_agency, insert_agency_name, insert_agency_region, set_unit, insert_cell_key,
      insert_layout, insert_layout_key;
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
  if (version != 0) {
    // Schema 1 stored every cell and no precomputed keys; rebuilding them
    // needs the extraction again, so the honest answer is a fresh import.
    throw SqliteError("数据库格式过旧（版本 " + std::to_string(version) + "），请重新导入到新数据库 / database schema " +
                      std::to_string(version) + " is older than this gongkai (" + std::to_string(kSchemaVersion) +
                      "): re-import the reports into a new database (gongkai import PATH… --db NEW.db)");
  }
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

std::int64_t Store::LayoutId(const std::vector<std::int64_t>& keys) {
  std::string k;
  for (const std::int64_t id : keys) k += std::to_string(id) + ",";
  if (auto it = layouts_.find(k); it != layouts_.end()) return it->second;
  writer_->insert_layout.Bind(1, k).Run();
  const std::int64_t id = db_.LastInsertId();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    writer_->insert_layout_key.Bind(1, id).Bind(2, keys[i]).Bind(3, static_cast<std::int64_t>(i)).Run();
  }
  layouts_.emplace(std::move(k), id);
  return id;
}

// Records where a spelling of an agency lies: every region above it (the
// closure queries filter on) and the CSV unit it is.
void Store::PlaceName(const std::string& name, std::int64_t agency_id) {
  for (const std::string& a : hierarchy_->Ancestors(name)) {
    writer_->insert_agency_region.Bind(1, corpus::AgencyKey(a)).Bind(2, agency_id).Run();
  }
  if (std::string unit = hierarchy_->Find(name); !unit.empty()) {
    writer_->set_unit.Bind(1, unit).Bind(2, agency_id).Run();
  }
}

std::int64_t Store::AgencyId(const std::string& printed_name) {
  if (auto it = agency_names_.find(printed_name); it != agency_names_.end()) return it->second;
  const std::string key = corpus::AgencyKey(printed_name);
  std::int64_t id = agency_keys_.Find(key);
  if (id == 0) {
    const corpus::InferredPlace place = corpus::InferPlace(printed_name);
    std::string region = hierarchy_->RegionOf(printed_name);
    writer_->insert_agency.Bind(1, key)
        .Bind(2, printed_name)
        .Bind(3, region.empty() ? place.region : region)
        .Bind(4, place.parent)
        .Bind(5, place.governs ? 1 : 0)
        .Bind(6, "")
        .Run();
    id = db_.LastInsertId();
    agency_keys_.Add(key, id);
  }
  writer_->insert_agency_name.Bind(1, printed_name).Bind(2, id).Bind(3, text::MatchKey(printed_name)).Bind(4, key).Run();
  PlaceName(printed_name, id);
  agency_names_.emplace(printed_name, id);
  return id;
}

void Store::LoadCaches() {
  if (!writer_) writer_ = std::make_unique<Writer>(db_);
  if (caches_loaded_) return;
  agency_keys_ = {};
  agency_names_.clear();
  cell_keys_.clear();
  layouts_.clear();
  for (Statement s = db_.Prepare("SELECT key, id FROM agencies ORDER BY id"); s.Step();) agency_keys_.Add(s.Text(0), s.Int(1));
  for (Statement s = db_.Prepare("SELECT name, agency_id FROM agency_names"); s.Step();)
    agency_names_.emplace(s.Text(0), s.Int(1));
  for (Statement s = db_.Prepare("SELECT tbl, row, col, id FROM cell_keys"); s.Step();)
    cell_keys_.emplace(std::to_string(s.Int(0)) + "|" + s.Text(1) + "|" + s.Text(2), s.Int(3));
  for (Statement s = db_.Prepare("SELECT keys, id FROM layouts"); s.Step();) layouts_.emplace(s.Text(0), s.Int(1));
  hierarchy_ = std::make_unique<corpus::Hierarchy>(Regions());
  caches_loaded_ = true;
}

WriteResult Store::Write(const std::vector<Report>& reports, const std::vector<Failure>& failures) {
  if (!writer_) writer_ = std::make_unique<Writer>(db_);
  WriteResult result;
  const std::string now = Now();
  Writer& w = *writer_;
  std::vector<std::int64_t> layout;
  std::vector<std::pair<std::int64_t, const CellValue*>> stored;
  try {
    Transaction tx(db_);
    LoadCaches();
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
      if (revision > 1) {
        ++result.new_revisions;
        w.supersede.Bind(1, agency).Bind(2, r.meta.year).Run();
      }
      int counts[3] = {0, 0, 0};
      bool late = false;
      for (const Finding& f : r.findings) {
        ++counts[f.severity == "error" ? 0 : f.severity == "warning" ? 1 : 2];
        late = late || f.rule == kLateRule;
      }
      layout.clear();
      stored.clear();
      ForEachCell(r, [&](int table, std::string_view row, std::string_view col, const CellValue& c) {
        const std::int64_t key = CellKeyId(table, row, col);
        layout.push_back(key);
        if (!IsDefaultCell(c)) stored.emplace_back(key, &c);
      });
      const corpus::UnitStats stats = corpus::StatsOf(r);
      Statement& ir = w.insert_report;
      ir.Bind(1, r.source.sha256).Bind(2, agency).Bind(3, r.meta.year).Bind(4, revision);
      ir.Bind(5, r.meta.title).Bind(6, r.meta.agency).Bind(7, format::VersionKey(r.meta.format_version));
      ir.Bind(8, format::VersionKey(r.table2.version)).Bind(9, r.meta.published_on).Bind(10, r.meta.phone);
      ir.Bind(11, r.meta.address).Bind(12, r.source.path).Bind(13, r.source.format);
      ir.Bind(14, static_cast<std::int64_t>(r.source.bytes)).Bind(15, r.table2.procurement_unit);
      ir.Bind(16, r.table2.found ? 1 : 0).Bind(17, r.table3.found ? 1 : 0).Bind(18, r.table4.found ? 1 : 0);
      ir.Bind(19, r.table3.other_split ? 1 : 0).Bind(20, counts[0]).Bind(21, counts[1]).Bind(22, counts[2]);
      ir.Bind(23, now).Bind(24, late ? 1 : 0).Bind(25, LayoutId(layout));
      ir.Bind(26, stats.disclosure.numerator).Bind(27, stats.disclosure.denominator);
      ir.Bind(28, stats.disclosure.null_term ? 1 : 0).Bind(29, stats.correction.numerator);
      ir.Bind(30, stats.correction.denominator).Bind(31, stats.correction.null_term ? 1 : 0).Run();
      const std::int64_t id = db_.LastInsertId();
      ++result.inserted;
      for (const auto& [key, c] : stored) {
        w.insert_cell.Bind(1, id).Bind(2, key).Bind(3, c->value).Bind(4, static_cast<int>(StateOf(*c))).Run();
      }
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
  ReportQuery q;
  q.all_revisions = all_revisions;
  return Query(q);
}

std::vector<ReportRow> Store::Query(const ReportQuery& q) {
  // Built from the conditions present, so that SQLite sees only indexed
  // columns and plain comparisons (an "? IS NULL OR …" would hide the index).
  std::string sql =
      "SELECT r.id, r.sha256, r.agency_id, a.name, r.agency_name, a.region, r.year, r.revision, r.current, "
      "r.format_version, r.published_on, r.path, r.errors, r.warnings, r.infos, r.late, r.disclosure_num, "
      "r.disclosure_den, r.disclosure_null, r.correction_num, r.correction_den, r.correction_null";
  std::vector<std::string> binds;
  const std::string q_match = q.agency.empty() ? "" : text::MatchKey(q.agency);
  const bool by_name = !q.agency.empty();
  if (by_name) {
    // corpus::FuzzyMatch on every spelling of the agency: 2 for a substring
    // of the name or of its key, 1 for the characters in order.
    const std::string q_key = corpus::AgencyKey(q.agency);
    sql += ", m.score FROM (SELECT agency_id, max(CASE WHEN instr(match_key, ?1) > 0";
    if (!q_key.empty()) sql += " OR instr(key, ?2) > 0";
    sql += " THEN 2 WHEN match_key GLOB ?3 THEN 1 ELSE 0 END) AS score FROM agency_names GROUP BY agency_id) m "
           "JOIN reports r ON r.agency_id = m.agency_id";
    binds = {q_match, q_key, GlobOfCodePoints(q_match)};
  } else {
    sql += " FROM reports r";
  }
  sql += " JOIN agencies a ON a.id = r.agency_id WHERE 1";
  if (by_name) sql += " AND m.score > 0";
  if (q_match.empty() && by_name) sql += " AND 0";  // FuzzyMatch: an empty query matches nothing
  if (!q.all_revisions) sql += " AND r.current = 1";
  if (q.year) sql += " AND r.year = " + std::to_string(*q.year);
  if (q.severity == "error") sql += " AND r.errors > 0";
  if (q.severity == "warning") sql += " AND r.warnings > 0";
  if (q.severity == "info") sql += " AND r.infos > 0";
  if (!q.region_key.empty()) {
    sql += " AND r.agency_id IN (SELECT agency_id FROM agency_regions WHERE region_key = ?4)";
    binds.resize(4);
    binds[3] = q.region_key;
  }
  sql += " ORDER BY ";
  if (by_name) sql += "m.score DESC, ";
  sql += "r.year, r.agency_id, r.revision";
  Statement s = db_.Prepare(sql);
  for (std::size_t i = 0; i < binds.size(); ++i) {
    // Unused numbered parameters are simply not in the statement.
    if (s.HasParameter(("?" + std::to_string(i + 1)).c_str())) {
      s.Bind(static_cast<int>(i + 1), binds[i]);
    }
  }
  std::vector<ReportRow> out;
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
    row.late = s.Int(15) != 0;
    row.disclosure = {s.Double(16), s.Double(17), s.Int(18) != 0};
    row.correction = {s.Double(19), s.Double(20), s.Int(21) != 0};
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> Store::AgenciesWithoutReport(const std::string& region_key, int year) {
  std::string sql = "SELECT a.name FROM agencies a WHERE a.unit = ''";
  if (!region_key.empty()) sql += " AND a.id IN (SELECT agency_id FROM agency_regions WHERE region_key = ?1)";
  sql += " AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.agency_id = a.id AND r.year = ?2) ORDER BY a.id";
  Statement s = db_.Prepare(sql);
  if (!region_key.empty()) s.Bind(1, region_key);
  s.Bind(2, year);
  std::vector<std::string> out;
  while (s.Step()) out.push_back(s.Text(0));
  return out;
}

std::unordered_set<std::string> Store::UnitsWithReport(int year) {
  Statement s = db_.Prepare(
      "SELECT DISTINCT a.unit FROM agencies a WHERE a.unit <> '' AND EXISTS "
      "(SELECT 1 FROM reports r WHERE r.agency_id = a.id AND r.year = ?)");
  s.Bind(1, year);
  std::unordered_set<std::string> out;
  while (s.Step()) out.insert(s.Text(0));
  return out;
}

std::vector<std::string> Store::AgenciesNotUnits(const std::string& region_key) {
  std::string sql = "SELECT a.name FROM agencies a WHERE a.unit = ''";
  if (!region_key.empty()) sql += " AND a.id IN (SELECT agency_id FROM agency_regions WHERE region_key = ?)";
  sql += " ORDER BY a.id";
  Statement s = db_.Prepare(sql);
  if (!region_key.empty()) s.Bind(1, region_key);
  std::vector<std::string> out;
  while (s.Step()) out.push_back(s.Text(0));
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
  try {
    SetRegionsInTransaction(regions);
  } catch (...) {
    caches_loaded_ = false;  // the hierarchy cached during it was rolled back
    throw;
  }
}

void Store::SetRegionsInTransaction(const std::vector<Region>& regions) {
  Transaction tx(db_);
  caches_loaded_ = false;  // the hierarchy places agencies: reload it
  db_.Exec("DELETE FROM regions");
  Statement ins = db_.Prepare("INSERT OR REPLACE INTO regions(name, parent, level, aliases) VALUES(?,?,?,?)");
  for (const Region& r : regions) ins.Bind(1, r.name).Bind(2, r.parent).Bind(3, r.level).Bind(4, Join(r.aliases, '|')).Run();
  // The new hierarchy applies to the agencies already stored, now, rather
  // than at every query: their region, unit and closure are recomputed.
  LoadCaches();
  db_.Exec("DELETE FROM agency_regions; UPDATE agencies SET unit = ''");
  Statement update = db_.Prepare("UPDATE agencies SET region = ? WHERE id = ?");
  std::vector<std::pair<std::string, std::int64_t>> agencies;
  for (Statement s = db_.Prepare("SELECT name, id FROM agencies"); s.Step();) agencies.emplace_back(s.Text(0), s.Int(1));
  for (const auto& [name, id] : agencies) {
    const std::string region = hierarchy_->RegionOf(name);
    update.Bind(1, region.empty() ? corpus::InferPlace(name).region : region).Bind(2, id).Run();
  }
  std::vector<std::pair<std::string, std::int64_t>> names;
  for (Statement s = db_.Prepare("SELECT name, agency_id FROM agency_names"); s.Step();) names.emplace_back(s.Text(0), s.Int(1));
  for (const auto& [name, id] : names) PlaceName(name, id);
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

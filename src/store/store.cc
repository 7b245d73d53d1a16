#include "store/store.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>
#include <exception>
#include <filesystem>
#include <sstream>

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

// Schema 2 → 3, keeping every row (a new store is schema 2 and this): the
// agencies' ambiguity flag, the stored cross-year findings.
constexpr std::string_view kUpgrade2To3 = R"sql(
ALTER TABLE agencies ADD COLUMN ambiguous TEXT NOT NULL DEFAULT '';
CREATE TABLE cross_findings(
  report_id INTEGER NOT NULL REFERENCES reports(id),
  previous_id INTEGER NOT NULL REFERENCES reports(id),
  seq INTEGER NOT NULL,
  rule TEXT NOT NULL, severity TEXT NOT NULL, message TEXT,
  tbl INTEGER, row TEXT, col TEXT, excerpt TEXT, offset INTEGER,
  PRIMARY KEY(report_id, previous_id, seq)) WITHOUT ROWID;
CREATE INDEX cross_findings_previous ON cross_findings(previous_id);
CREATE TABLE pending(what TEXT PRIMARY KEY) WITHOUT ROWID;
ALTER TABLE sections ADD COLUMN offset INTEGER;
)sql";

// Schema 3 → 4: what a finding says beyond its table, row and column — the
// page, every cell it involves, the excerpt in the report's own script, a
// register finding's row and facts — as one JSON object (FindingDetail), so
// that a stored report shows its findings as `extract` does. Rows stored
// before have none (NULL), as their findings had none then.
constexpr std::string_view kUpgrade3To4 = R"sql(
ALTER TABLE findings ADD COLUMN detail TEXT;
ALTER TABLE cross_findings ADD COLUMN detail TEXT;
)sql";

// The parts of a finding kept in `detail`; "" when it has none of them.
std::string FindingDetail(const Finding& f) {
  nlohmann::json j = nlohmann::json::object();
  if (f.page) j["page"] = *f.page;
  if (!f.cells.empty()) {
    nlohmann::json cells = nlohmann::json::array();
    for (const CellRef& c : f.cells) cells.push_back({c.table, c.row, c.column});
    j["cells"] = std::move(cells);
  }
  if (!f.original.empty()) j["original"] = f.original;
  if (f.register_row) j["register_row"] = *f.register_row;
  if (!f.facts.empty()) {
    nlohmann::json facts = nlohmann::json::array();
    for (const auto& [k, v] : f.facts) facts.push_back({k, v});
    j["facts"] = std::move(facts);
  }
  return j.empty() ? std::string() : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// FindingDetail read back; a detail that is not what FindingDetail writes is
// ignored part by part (the finding keeps what its columns say).
void ApplyDetail(const std::string& detail, Finding& f) {
  if (detail.empty()) return;
  const nlohmann::json j = nlohmann::json::parse(detail, nullptr, false);
  if (!j.is_object()) return;
  if (const auto it = j.find("page"); it != j.end() && it->is_number_integer()) f.page = it->get<int>();
  if (const auto it = j.find("cells"); it != j.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (c.is_array() && c.size() == 3 && c[0].is_number_integer() && c[1].is_string() && c[2].is_string()) {
        f.cells.push_back({c[0].get<int>(), c[1].get<std::string>(), c[2].get<std::string>()});
      }
    }
  }
  if (const auto it = j.find("original"); it != j.end() && it->is_string()) f.original = it->get<std::string>();
  if (const auto it = j.find("register_row"); it != j.end() && it->is_number_integer()) f.register_row = it->get<int>();
  if (const auto it = j.find("facts"); it != j.end() && it->is_array()) {
    for (const auto& kv : *it) {
      if (kv.is_array() && kv.size() == 2 && kv[0].is_string() && kv[1].is_string()) {
        f.facts.emplace_back(kv[0].get<std::string>(), kv[1].get<std::string>());
      }
    }
  }
}

// A plain 0 is the cell most reports have most of: it is not stored.
bool IsDefaultCell(const CellValue& c) {
  return c.value && *c.value == 0 && c.found && !c.not_applicable;
}

// "汉正街" → "*汉*正*街*": GLOB's in-order match of code points (corpus::FuzzyMatch's
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
        insert_section(db.Prepare("INSERT INTO sections(report_id, number, heading, text, offset) VALUES(?,?,?,?,?)")),
        insert_finding(db.Prepare(
            "INSERT INTO findings(report_id, seq, rule, severity, message, tbl, row, col, excerpt, offset, detail) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?)")),
        insert_failure(db.Prepare(
            "INSERT INTO failures(path, sha256, reason_zh, reason_en, at) VALUES(?,?,?,?,?) "
            "ON CONFLICT(path, sha256) DO NOTHING")),
        insert_agency(db.Prepare("INSERT INTO agencies(key, name, region, parent, governs, unit, ambiguous) "
                                 "VALUES(?,?,?,?,?,'',?) ON CONFLICT(key) DO NOTHING")),
        agency_id(db.Prepare("SELECT id FROM agencies WHERE key = ?")),
        insert_agency_name(db.Prepare("INSERT INTO agency_names(name, agency_id, match_key, key) VALUES(?,?,?,?) "
                                      "ON CONFLICT(name) DO NOTHING")),
        insert_agency_region(db.Prepare("INSERT INTO agency_regions(region_key, agency_id) VALUES(?,?) "
                                        "ON CONFLICT DO NOTHING")),
        set_unit(db.Prepare("UPDATE agencies SET unit = ? WHERE id = ? AND unit = ''")),
        insert_cell_key(db.Prepare("INSERT INTO cell_keys(tbl, row, col) VALUES(?,?,?) ON CONFLICT DO NOTHING")),
        cell_key_id(db.Prepare("SELECT id FROM cell_keys WHERE tbl = ? AND row = ? AND col = ?")),
        insert_layout(db.Prepare("INSERT INTO layouts(keys) VALUES(?) ON CONFLICT(keys) DO NOTHING")),
        layout_id(db.Prepare("SELECT id FROM layouts WHERE keys = ?")),
        insert_layout_key(db.Prepare("INSERT INTO layout_keys(layout_id, key_id, seq) VALUES(?,?,?) "
                                     "ON CONFLICT DO NOTHING")) {}
  Statement report_exists, revisions, supersede, insert_report, insert_cell, insert_section, insert_finding,
      insert_failure, insert_agency, agency_id, insert_agency_name, insert_agency_region, set_unit, insert_cell_key,
      cell_key_id, insert_layout, layout_id, insert_layout_key;
};

namespace {

// Runs an idempotent insert, then the select of the row's id: the row may
// have been inserted by this statement or, before it, by another writer.
std::int64_t InsertThenSelect(Statement& insert, Statement& select) {
  insert.Run();
  if (!select.Step()) {
    select.Reset();
    throw SqliteError("数据库出错：刚写入的行不存在 / store error: a row just inserted is missing");
  }
  const std::int64_t id = select.Int(0);
  select.Reset();
  return id;
}

bool Writable(const std::filesystem::path& p) { return ::access(p.c_str(), W_OK) == 0; }

}  // namespace

Store::Store(const std::string& path, OpenMode mode)
    : path_(path),
      db_([&] {
        // A store that cannot be written (file or folder read-only) is opened
        // read-only for reading; a read-only open never creates the file.
        namespace fs = std::filesystem;
        std::error_code ec;
        const bool exists = fs::exists(path, ec);
        const fs::path folder = fs::absolute(path, ec).parent_path();
        const bool folder_writable = Writable(folder);
        read_only_ = mode == OpenMode::kReadOnly || (exists && (!Writable(path) || !folder_writable));
        if (!exists && read_only_) {
          throw SqliteError("数据库不存在 / no such store: " + path, SQLITE_CANTOPEN);
        }
        // Without a -wal file and without a writable folder, SQLite cannot
        // make the shared-memory file a WAL read needs: nobody can write the
        // file then, so it is read as immutable.
        const bool immutable = read_only_ && !folder_writable && !fs::exists(path + "-wal", ec);
        return Database(path, read_only_, immutable);
      }()) {
  if (read_only_) {
    db_.Exec("PRAGMA query_only=1;");
  } else {
    // WAL: readers never block the writer; with synchronous=NORMAL a killed
    // process loses at most the transaction in flight, never consistency.
    // Switched only if needed (the switch wants a lock another import holds).
    // SQLite does not call the busy handler for that switch: when several
    // processes open a new store at once, all but one get SQLITE_BUSY at
    // once. Retried here, re-checking whether another process switched it,
    // for as long as the busy timeout waits for other locks.
    Statement jm = db_.Prepare("PRAGMA journal_mode");
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (auto pause = std::chrono::milliseconds(5);; pause = std::min(pause * 2, std::chrono::milliseconds(200))) {
      const bool wal = jm.Step() && jm.Text(0) == "wal";
      jm.Reset();
      if (wal) break;
      try {
        db_.Exec("PRAGMA journal_mode=WAL;");
        break;
      } catch (const SqliteError& e) {
        if ((e.code() != SQLITE_BUSY && e.code() != SQLITE_LOCKED) || std::chrono::steady_clock::now() > give_up) throw;
      }
      std::this_thread::sleep_for(pause);
    }
    db_.Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  }
  Migrate();
}

Store::~Store() = default;

void Store::Migrate() {
  auto version_now = [&] {
    Statement v = db_.Prepare("PRAGMA user_version");
    v.Step();
    return static_cast<int>(v.Int(0));
  };
  auto check = [&](int version) {
    if (version > kSchemaVersion) {
      throw SqliteError("数据库格式（版本 " + std::to_string(version) + "）比本程序新，请升级 gongkai / the store's schema " +
                        std::to_string(version) + " is newer than this gongkai (" + std::to_string(kSchemaVersion) +
                        "): " + path_);
    }
    if (version != 0 && version != 2 && version != 3 && version != kSchemaVersion) {
      // Schema 1 stored every cell and no precomputed keys; rebuilding them
      // needs the extraction again, so the honest answer is a fresh import.
      throw SqliteError("数据库格式过旧（版本 " + std::to_string(version) + "），请重新导入到新数据库 / database schema " +
                        std::to_string(version) + " is older than this gongkai (" + std::to_string(kSchemaVersion) +
                        "): re-import the reports into a new database (gongkai import PATH… --db NEW.db): " + path_);
    }
  };
  int version = version_now();
  check(version);
  if (version == kSchemaVersion) return;
  if (read_only_) {
    throw SqliteError(version == 0 ? "数据库为空且只读 / the store is empty and read-only: " + path_
                                   : "数据库需要升级（版本 " + std::to_string(version) + " → " +
                                         std::to_string(kSchemaVersion) + "）但只读 / the store needs an upgrade of its schema but is read-only: " + path_,
                      SQLITE_READONLY);
  }
  // Under the write lock, and only if no other process created or upgraded
  // the schema while this one waited for the lock.
  Transaction tx(db_);
  version = version_now();
  check(version);
  if (version == kSchemaVersion) return;
  if (version == 0) db_.Exec(kSchema);
  if (version == 0 || version == 2) db_.Exec(kUpgrade2To3);
  db_.Exec(kUpgrade3To4);
  // What was stored before has its cross-year findings and identities
  // computed by the next writer (corpus::Writer).
  if (version == 2) db_.Exec("INSERT INTO pending(what) VALUES('cross_year'), ('identity')");
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
  writer_->insert_cell_key.Bind(1, table).Bind(2, row).Bind(3, col);
  writer_->cell_key_id.Bind(1, table).Bind(2, row).Bind(3, col);
  const std::int64_t id = InsertThenSelect(writer_->insert_cell_key, writer_->cell_key_id);
  cell_keys_.emplace(std::move(k), id);
  return id;
}

std::int64_t Store::LayoutId(const std::vector<std::int64_t>& keys) {
  std::string k;
  for (const std::int64_t id : keys) k += std::to_string(id) + ",";
  if (auto it = layouts_.find(k); it != layouts_.end()) return it->second;
  writer_->insert_layout.Bind(1, k);
  writer_->layout_id.Bind(1, k);
  const std::int64_t id = InsertThenSelect(writer_->insert_layout, writer_->layout_id);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    writer_->insert_layout_key.Bind(1, id).Bind(2, keys[i]).Bind(3, static_cast<std::int64_t>(i)).Run();
  }
  layouts_.emplace(std::move(k), id);
  return id;
}

void Store::LoadCaches() {
  cell_keys_.clear();
  layouts_.clear();
  for (Statement s = db_.Prepare("SELECT tbl, row, col, id FROM cell_keys"); s.Step();)
    cell_keys_.emplace(std::to_string(s.Int(0)) + "|" + s.Text(1) + "|" + s.Text(2), s.Int(3));
  for (Statement s = db_.Prepare("SELECT keys, id FROM layouts"); s.Step();) layouts_.emplace(s.Text(0), s.Int(1));
  caches_loaded_ = true;
}

WriteTransaction::WriteTransaction(Store& store) : store_(store) {
  if (store_.in_write_) throw std::logic_error("one write transaction at a time per Store");
  if (store_.read_only_) {
    throw SqliteError(DescribeError(SQLITE_READONLY, store_.path_), SQLITE_READONLY);
  }
  tx_.emplace(store_.db_);
  store_.in_write_ = true;
  if (!store_.writer_) store_.writer_ = std::make_unique<Store::Writer>(store_.db_);
  Statement v = store_.db_.Prepare("PRAGMA data_version");
  v.Step();
  const std::int64_t version = v.Int(0);
  others_wrote_ = !store_.caches_loaded_ || version != store_.data_version_;
  store_.data_version_ = version;
  if (others_wrote_) store_.LoadCaches();
  now_ = Now();
}

WriteTransaction::~WriteTransaction() {
  if (!tx_) return;
  store_.in_write_ = false;
  // Rolled back (tx_ does it): ids cached during it do not exist.
  if (!committed_) store_.caches_loaded_ = false;
}

void WriteTransaction::Commit() {
  tx_->Commit();
  committed_ = true;
  ++store_.commits_;  // this connection's own commit does not change its data_version
}

std::vector<StoredAgency> WriteTransaction::Agencies() {
  std::vector<StoredAgency> out;
  for (Statement s = store_.db_.Prepare(
           "SELECT id, key, name, region, parent, governs, ambiguous FROM agencies ORDER BY id");
       s.Step();) {
    out.push_back({s.Int(0), {s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Int(5) != 0, s.Text(6)}});
  }
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> WriteTransaction::AgencyNames() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (Statement s = store_.db_.Prepare("SELECT name, agency_id FROM agency_names"); s.Step();) {
    out.emplace_back(s.Text(0), s.Int(1));
  }
  return out;
}

std::int64_t WriteTransaction::UpsertAgency(const AgencyRecord& a) {
  Store::Writer& w = *store_.writer_;
  w.insert_agency.Bind(1, a.key).Bind(2, a.name).Bind(3, a.region).Bind(4, a.parent).Bind(5, a.governs ? 1 : 0);
  w.insert_agency.Bind(6, a.ambiguous);
  w.agency_id.Bind(1, a.key);
  return InsertThenSelect(w.insert_agency, w.agency_id);
}

void WriteTransaction::UpdateAgency(std::int64_t agency_id, const AgencyRecord& a) {
  Statement s = store_.db_.Prepare(
      "UPDATE agencies SET key = ?, name = ?, region = ?, parent = ?, governs = ?, ambiguous = ? WHERE id = ?");
  s.Bind(1, a.key).Bind(2, a.name).Bind(3, a.region).Bind(4, a.parent).Bind(5, a.governs ? 1 : 0);
  s.Bind(6, a.ambiguous).Bind(7, agency_id).Run();
}

void WriteTransaction::MoveName(const std::string& name, std::int64_t agency_id) {
  Statement n = store_.db_.Prepare("UPDATE agency_names SET agency_id = ? WHERE name = ?");
  n.Bind(1, agency_id).Bind(2, name).Run();
  Statement r = store_.db_.Prepare("UPDATE reports SET agency_id = ? WHERE agency_name = ?");
  r.Bind(1, agency_id).Bind(2, name).Run();
}

void WriteTransaction::RenumberRevisions(std::int64_t agency_id) {
  Statement s = store_.db_.Prepare(
      "UPDATE reports SET "
      "revision = (SELECT count(*) FROM reports b WHERE b.agency_id = reports.agency_id AND b.year IS reports.year "
      "AND b.id <= reports.id), "
      "current = NOT EXISTS (SELECT 1 FROM reports b WHERE b.agency_id = reports.agency_id AND b.year IS reports.year "
      "AND b.id > reports.id) "
      "WHERE agency_id = ?");
  s.Bind(1, agency_id).Run();
}

void WriteTransaction::ResetAgencyPlaces(std::int64_t agency_id) {
  Statement r = store_.db_.Prepare("DELETE FROM agency_regions WHERE agency_id = ?");
  r.Bind(1, agency_id).Run();
  Statement u = store_.db_.Prepare("UPDATE agencies SET unit = '' WHERE id = ?");
  u.Bind(1, agency_id).Run();
}

void WriteTransaction::DeleteAgencyIfUnused(std::int64_t agency_id) {
  Statement s = store_.db_.Prepare(
      "DELETE FROM agencies WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM agency_names WHERE agency_id = ?1) "
      "AND NOT EXISTS (SELECT 1 FROM reports WHERE agency_id = ?1)");
  s.Bind(1, agency_id).Run();
  if (sqlite3_changes(store_.db_.handle()) > 0) {
    Statement r = store_.db_.Prepare("DELETE FROM agency_regions WHERE agency_id = ?");
    r.Bind(1, agency_id).Run();
  }
}

void WriteTransaction::AddName(const NameRecord& n, std::int64_t agency_id) {
  Store::Writer& w = *store_.writer_;
  w.insert_agency_name.Bind(1, n.name).Bind(2, agency_id).Bind(3, n.match_key).Bind(4, n.key).Run();
  for (const std::string& k : n.region_keys) w.insert_agency_region.Bind(1, k).Bind(2, agency_id).Run();
  if (!n.unit.empty()) w.set_unit.Bind(1, n.unit).Bind(2, agency_id).Run();
}

bool WriteTransaction::HasReport(const std::string& sha256) {
  Statement& q = store_.writer_->report_exists;
  q.Bind(1, sha256);
  const bool exists = q.Step();
  q.Reset();
  return exists;
}

void WriteTransaction::InsertFailure(const Failure& f) {
  store_.writer_->insert_failure.Bind(1, f.path).Bind(2, f.sha256).Bind(3, f.reason_zh).Bind(4, f.reason_en).Bind(5, now_).Run();
}

StoredReport WriteTransaction::InsertReport(const Report& r, std::int64_t agency, const RateParts& disclosure,
                                            const RateParts& correction) {
  Store::Writer& w = *store_.writer_;
  w.revisions.Bind(1, agency).Bind(2, r.meta.year);
  w.revisions.Step();
  const int revision = static_cast<int>(w.revisions.Int(0)) + 1;
  w.revisions.Reset();
  if (revision > 1) w.supersede.Bind(1, agency).Bind(2, r.meta.year).Run();
  int counts[3] = {0, 0, 0};
  bool late = false;
  for (const Finding& f : r.findings) {
    ++counts[f.severity == "error" ? 0 : f.severity == "warning" ? 1 : 2];
    late = late || f.rule == kLateRule;
  }
  std::vector<std::int64_t> layout;
  std::vector<std::pair<std::int64_t, const CellValue*>> stored;
  ForEachCell(r, [&](int table, std::string_view row, std::string_view col, const CellValue& c) {
    const std::int64_t key = store_.CellKeyId(table, row, col);
    layout.push_back(key);
    if (!IsDefaultCell(c)) stored.emplace_back(key, &c);
  });
  Statement& ir = w.insert_report;
  ir.Bind(1, r.source.sha256).Bind(2, agency).Bind(3, r.meta.year).Bind(4, revision);
  ir.Bind(5, r.meta.title).Bind(6, r.meta.agency).Bind(7, format::VersionKey(r.meta.format_version));
  ir.Bind(8, format::VersionKey(r.table2.version)).Bind(9, r.meta.published_on).Bind(10, r.meta.phone);
  ir.Bind(11, r.meta.address).Bind(12, r.source.path).Bind(13, r.source.format);
  ir.Bind(14, static_cast<std::int64_t>(r.source.bytes)).Bind(15, r.table2.procurement_unit);
  ir.Bind(16, r.table2.found ? 1 : 0).Bind(17, r.table3.found ? 1 : 0).Bind(18, r.table4.found ? 1 : 0);
  ir.Bind(19, r.table3.other_split ? 1 : 0).Bind(20, counts[0]).Bind(21, counts[1]).Bind(22, counts[2]);
  ir.Bind(23, now_).Bind(24, late ? 1 : 0).Bind(25, store_.LayoutId(layout));
  ir.Bind(26, disclosure.numerator).Bind(27, disclosure.denominator);
  ir.Bind(28, disclosure.null_term ? 1 : 0).Bind(29, correction.numerator);
  ir.Bind(30, correction.denominator).Bind(31, correction.null_term ? 1 : 0).Run();
  const std::int64_t id = store_.db_.LastInsertId();
  for (const auto& [key, c] : stored) {
    w.insert_cell.Bind(1, id).Bind(2, key).Bind(3, c->value).Bind(4, static_cast<int>(StateOf(*c))).Run();
  }
  for (const Section& s : r.sections) {
    w.insert_section.Bind(1, id).Bind(2, s.number).Bind(3, s.heading).Bind(4, s.text);
    w.insert_section.Bind(5, static_cast<std::int64_t>(s.offset)).Run();
  }
  int seq = 0;
  for (const Finding& f : r.findings) {
    Statement& fi = w.insert_finding;
    fi.Bind(1, id).Bind(2, seq++).Bind(3, f.rule).Bind(4, f.severity).Bind(5, f.message).Bind(6, f.table);
    fi.Bind(7, f.row).Bind(8, f.column).Bind(9, f.excerpt);
    if (f.offset) fi.Bind(10, static_cast<std::int64_t>(*f.offset));
    if (std::string detail = FindingDetail(f); !detail.empty()) fi.Bind(11, detail);
    fi.Run();
  }
  return {id, revision};
}

void WriteTransaction::ReplaceRegions(const std::vector<Region>& regions) {
  Database& db = store_.db_;
  db.Exec("DELETE FROM regions");
  Statement ins = db.Prepare("INSERT OR REPLACE INTO regions(name, parent, level, aliases) VALUES(?,?,?,?)");
  for (const Region& r : regions) ins.Bind(1, r.name).Bind(2, r.parent).Bind(3, r.level).Bind(4, Join(r.aliases, '|')).Run();
  db.Exec("CREATE TABLE IF NOT EXISTS region_reports(name TEXT PRIMARY KEY, reports INTEGER NOT NULL) WITHOUT ROWID;"
          "DELETE FROM region_reports");
  Statement mark = db.Prepare("INSERT OR REPLACE INTO region_reports(name, reports) VALUES(?,?)");
  for (const Region& r : regions) {
    if (r.reports) mark.Bind(1, r.name).Bind(2, *r.reports ? 1 : 0).Run();
  }
  db.Exec("DELETE FROM agency_regions; UPDATE agencies SET unit = ''");
}

void WriteTransaction::SetAgencyRegion(std::int64_t agency_id, const std::string& region) {
  Statement update = store_.db_.Prepare("UPDATE agencies SET region = ? WHERE id = ?");
  update.Bind(1, region).Bind(2, agency_id).Run();
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
        // The shortest text that reads back as the stored value, so that the
        // decimals shown are the report's (326.780865, not a stream's 326.781;
        // trailing zeros the report printed are not stored).
        char buf[64];
        const auto res = std::to_chars(buf, buf + sizeof buf, *v.value, std::chars_format::fixed);
        v.raw = res.ec == std::errc() ? std::string(buf, res.ptr) : std::to_string(*v.value);
      }
      *target = std::move(v);
    }
  }
  Statement sec = db_.Prepare("SELECT number, heading, text, offset FROM sections WHERE report_id = ? ORDER BY rowid");
  sec.Bind(1, report_id);
  while (sec.Step()) {
    r.sections.push_back({static_cast<int>(sec.Int(0)), sec.Text(1), sec.Text(2), static_cast<std::size_t>(sec.Int(3))});
  }
  Statement f = db_.Prepare(
      "SELECT rule, severity, message, tbl, row, col, excerpt, offset, detail FROM findings WHERE report_id = ? "
      "ORDER BY seq");
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
    ApplyDetail(f.Text(8), fi);
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
      "r.disclosure_den, r.disclosure_null, r.correction_num, r.correction_den, r.correction_null, a.ambiguous";
  std::vector<std::string> binds;
  const std::string q_match = q.agency.empty() ? "" : text::MatchKey(q.agency);
  const bool by_name = !q.agency.empty();
  if (by_name) {
    // corpus::FuzzyMatch on every spelling of the agency: 2 for a substring
    // of the name or of its key, 1 for the characters in order.
    const std::string& q_key = q.agency_key;
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
  if (q.year) sql += " AND r.year = ?5";
  if (q.id) sql += " AND r.id = ?6";
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
  if (q.year) s.Bind(5, *q.year);
  if (q.id) s.Bind(6, *q.id);
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
    row.ambiguous = s.Text(22);
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

namespace {

std::vector<CrossFinding> ReadCrossFindings(Statement& s) {
  std::vector<CrossFinding> out;
  while (s.Step()) {
    CrossFinding c;
    c.report_id = s.Int(0);
    c.previous_id = s.Int(1);
    Finding& fi = c.finding;
    fi.rule = s.Text(2);
    fi.severity = s.Text(3);
    fi.message = s.Text(4);
    if (auto t = s.OptInt(5)) fi.table = static_cast<int>(*t);
    fi.row = s.Text(6);
    fi.column = s.Text(7);
    fi.excerpt = s.Text(8);
    if (auto o = s.OptInt(9)) fi.offset = static_cast<std::size_t>(*o);
    ApplyDetail(s.Text(10), fi);
    out.push_back(std::move(c));
  }
  return out;
}

constexpr std::string_view kCrossColumns =
    "SELECT c.report_id, c.previous_id, c.rule, c.severity, c.message, c.tbl, c.row, c.col, c.excerpt, c.offset, "
    "c.detail FROM cross_findings c JOIN reports r ON r.id = c.report_id ";

}  // namespace

std::vector<CrossFinding> Store::CrossFindings(std::int64_t agency_id) {
  Statement s = db_.Prepare(std::string(kCrossColumns) + "WHERE r.agency_id = ? ORDER BY r.year, c.report_id, c.seq");
  s.Bind(1, agency_id);
  return ReadCrossFindings(s);
}

std::vector<CrossFinding> Store::CrossFindingsOfReport(std::int64_t report_id) {
  Statement s = db_.Prepare(std::string(kCrossColumns) + "WHERE c.report_id = ? ORDER BY c.seq");
  s.Bind(1, report_id);
  return ReadCrossFindings(s);
}

bool Store::Pending(std::string_view what) {
  Statement s = db_.Prepare("SELECT 1 FROM pending WHERE what = ?");
  s.Bind(1, what);
  return s.Step();
}

std::vector<std::pair<std::int64_t, int>> Store::CurrentYears(std::int64_t agency_id) {
  Statement s = db_.Prepare(
      "SELECT id, year FROM reports WHERE agency_id = ? AND current = 1 AND year IS NOT NULL ORDER BY year");
  s.Bind(1, agency_id);
  std::vector<std::pair<std::int64_t, int>> out;
  while (s.Step()) out.emplace_back(s.Int(0), static_cast<int>(s.Int(1)));
  return out;
}

void WriteTransaction::ReplaceCrossFindings(std::int64_t report_id, std::int64_t previous_id,
                                            const std::vector<Finding>& findings) {
  Database& db = store_.db_;
  Statement del = db.Prepare("DELETE FROM cross_findings WHERE report_id = ?");
  del.Bind(1, report_id).Run();
  Statement ins = db.Prepare(
      "INSERT INTO cross_findings(report_id, previous_id, seq, rule, severity, message, tbl, row, col, excerpt, offset, "
      "detail) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  int seq = 0;
  for (const Finding& f : findings) {
    ins.Bind(1, report_id).Bind(2, previous_id).Bind(3, seq++).Bind(4, f.rule).Bind(5, f.severity).Bind(6, f.message);
    ins.Bind(7, f.table).Bind(8, f.row).Bind(9, f.column).Bind(10, f.excerpt);
    if (f.offset) ins.Bind(11, static_cast<std::int64_t>(*f.offset));
    if (std::string detail = FindingDetail(f); !detail.empty()) ins.Bind(12, detail);
    ins.Run();
  }
}

void WriteTransaction::DropStaleCrossFindings(std::int64_t agency_id) {
  // Pairs of which one side is no longer current, or whose reports moved to
  // another agency, or that are not of consecutive years any more.
  Statement s = store_.db_.Prepare(
      "DELETE FROM cross_findings WHERE report_id IN (SELECT id FROM reports WHERE agency_id = ?1) AND NOT EXISTS "
      "(SELECT 1 FROM reports a JOIN reports b ON b.agency_id = a.agency_id WHERE a.id = cross_findings.report_id "
      "AND b.id = cross_findings.previous_id AND a.current = 1 AND b.current = 1 AND b.year + 1 = a.year)");
  s.Bind(1, agency_id).Run();
}

void WriteTransaction::ClearPending(std::string_view what) {
  Statement s = store_.db_.Prepare("DELETE FROM pending WHERE what = ?");
  s.Bind(1, what).Run();
}

std::vector<Region> Store::Regions() {
  std::vector<Region> out;
  for (Statement s = db_.Prepare("SELECT name, parent, level, aliases FROM regions ORDER BY rowid"); s.Step();) {
    Region r{s.Text(0), s.Text(1), s.Text(2), {}, std::nullopt};
    std::string a = s.Text(3);
    for (std::size_t p = 0; !a.empty();) {
      p = a.find('|');
      r.aliases.push_back(a.substr(0, p));
      if (p == std::string::npos) break;
      a.erase(0, p + 1);
    }
    out.push_back(std::move(r));
  }
  Statement has = db_.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'region_reports'");
  if (!out.empty() && has.Step()) {
    std::unordered_map<std::string, bool> marks;
    for (Statement m = db_.Prepare("SELECT name, reports FROM region_reports"); m.Step();) marks[m.Text(0)] = m.Int(1) != 0;
    for (Region& r : out) {
      if (const auto it = marks.find(r.name); it != marks.end()) r.reports = it->second;
    }
  }
  return out;
}

}  // namespace gongkai::store

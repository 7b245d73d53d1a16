// The corpus store: reports, their cells in long form, findings, agencies,
// regions and files that failed, in one SQLite file (WAL).
//
// Schema (version in PRAGMA user_version; a database of an older version is
// refused with a message, never half-read):
//   agencies(id, key UNIQUE, name, region, parent, governs, unit, ambiguous)
//                    one identity per agency; `region` its innermost region
//                    and `unit` the CSV unit it is (''), both recomputed when
//                    a region CSV is loaded, so queries never re-derive them;
//                    `ambiguous` the fully named agencies a short name may be
//                    when it was kept apart (corpus/identity.h), for a person
//                    to decide (ReportRow::ambiguous)
//   agency_names(name PK, agency_id, match_key, key)   every spelling seen,
//                    with text::MatchKey and corpus::AgencyKey precomputed
//                    for the fuzzy agency search (SQL instr/GLOB)
//   agency_regions(region_key, agency_id)   closure: every region (AgencyKey)
//                    an agency lies in, from the CSV or its names; --region
//                    filters are one index range of this table
//   reports(id, sha256 UNIQUE, agency_id, year, revision, current, late,
//           layout_id, meta…, counts, rate parts)
//                    a new report of an agency-year gets revision n+1 and
//                    clears `current` of the older ones (history kept);
//                    `late` = has a dates.late_publication finding; the parts
//                    of 公开率/纠错率 are computed at import
//   cell_keys(id, tbl, row, col)   the (table,row,column) keys of OUTPUT.md
//   layouts(id, keys) / layout_keys(layout_id, key_id)   the cells a report's
//                    layout has (Table 二 version, one or split （六）)
//   cells(report_id, key_id, value, state)   only cells that are not a plain
//                    0: a cell of the report's layout without a row here is
//                    the value 0. value NULL for null; state 0 value,
//                    1 blank, 2 not applicable ("/"), 3 row not found
//   view cell_values(report_id, tbl, row, col, value, state)   long form,
//                    zeros included
//   sections(report_id, number, heading, text, offset)
//   findings(report_id, seq, rule, severity, message, tbl, row, col, excerpt, offset, detail)
//                    detail: JSON of the page, the cells involved, the
//                    excerpt in the original script, a register row and its
//                    facts (schema 4; NULL when the finding has none);
//                    cross_findings the same per pair of years
//   failures(id, path, sha256, reason_zh, reason_en, at)  UNIQUE(path, sha256)
//   regions(name PK, parent, level, aliases)             user's hierarchy
//   region_reports(name PK, reports)   Region::reports where the file said
//                    it (created IF NOT EXISTS beside the schema; its
//                    version is not touched)
//   cross_findings(report_id, previous_id, seq, rule, …)  audit::CrossYear of
//                    two current reports of consecutive years, computed at
//                    import and recomputed for an agency when a year or a
//                    revision arrives
//   pending(what)    work a migration left for the next writer
//                    ("cross_year", "identity")
//
// Schema 3; a schema 2 store is upgraded in place (every row kept), older
// ones are refused with a message.
//
// Every write is a transaction (one per batch): a process killed in the
// middle leaves the last committed batch; reports are unique by content hash
// so re-running skips what is there.
//
// The store decides nothing about identity or places: which agency a report
// belongs to, the keys of its spellings and the regions they lie in are
// decided above it (corpus::Writer, corpus::SetRegions) and handed down as
// records. The store only keeps them, unique by key.
//
// Several processes may write one store at once: writes wait on each other
// (busy timeout, BEGIN IMMEDIATE), the schema is created under the write lock,
// inserts of shared rows (agencies, spellings, cell keys, layouts) are
// idempotent (INSERT … ON CONFLICT DO NOTHING, then SELECT), and a write
// transaction says when another connection committed since this one last
// wrote, so that caches built from the store are reloaded.
#ifndef GONGKAI_STORE_STORE_H_
#define GONGKAI_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "report/report.h"
#include "store/sqlite.h"

namespace gongkai::store {

inline constexpr int kSchemaVersion = 4;

// The audit rule of a report published after the statutory deadline
// (reports.late); corpus tests check that the audit still has it.
inline constexpr std::string_view kLateRule = "dates.late_publication";

// A file that could not be read as a report, with the reader's reasons.
struct Failure {
  std::string path;
  std::string sha256;  // empty if the bytes could not be read
  std::string reason_zh;
  std::string reason_en;
};

struct WriteResult {
  int inserted = 0;
  int duplicates = 0;  // content already stored
  int new_revisions = 0;  // an agency-year that had a report already
  int failures = 0;
};

// The parts of a derived rate (corpus::Rate), computed at import.
struct RateParts {
  double numerator = 0, denominator = 0;
  bool null_term = false;
};

// One row of reports (the columns queries need).
struct ReportRow {
  std::int64_t id = 0;
  std::string sha256;
  std::int64_t agency_id = 0;
  std::string agency;       // the agency's identity name
  std::string agency_name;  // as printed in this report
  std::string region;       // the region the agency belongs to (inferred or loaded)
  std::optional<int> year;
  int revision = 1;
  bool current = true;
  std::string format_version;
  std::string published_on;
  std::string path;
  int errors = 0, warnings = 0, infos = 0;
  bool late = false;  // published after the statutory deadline
  // Parts of the derived rates, computed at import (corpus::StatsOf).
  using RateParts = store::RateParts;
  RateParts disclosure, correction;
  // Set when the agency's name is ambiguous (a district name of several
  // cities) and it was kept apart: the fully named agencies it may be.
  std::string ambiguous;
};

// A finding across two reports of one agency for consecutive years
// (audit::CrossYear), stored at import for the current revisions.
struct CrossFinding {
  std::int64_t report_id = 0;    // the later year's report
  std::int64_t previous_id = 0;  // the year before's
  Finding finding;
};

// Which reports a query wants; every condition is evaluated by SQLite on
// indexed, precomputed columns.
struct ReportQuery {
  bool all_revisions = false;
  std::optional<int> year;
  std::string region_key;     // AgencyKey of the region (agency_regions), "" for all
  std::string severity;       // error | warning | info: at least one such finding
  // Fuzzy match of any spelling of the agency (corpus::FuzzyMatch, in SQL
  // on the precomputed keys of agency_names): `agency` as typed, and
  // `agency_key` its corpus::AgencyKey (corpus::Select fills it).
  std::string agency;
  std::string agency_key;
  std::optional<std::int64_t> id;  // only this report (of any revision if all_revisions)
};

struct Region {
  std::string name;
  std::string parent;
  std::string level;  // province, city, district, street, department …
  std::vector<std::string> aliases;
  // 应报: whether the node is a unit that must publish a report itself, as
  // the user's file says; empty when it does not say (corpus::Hierarchy then
  // decides from the level and the children).
  std::optional<bool> reports = std::nullopt;
};

// An agency as the corpus identified it.
struct AgencyRecord {
  std::string key;     // identity key, unique in the store
  std::string name;    // the name lists show
  std::string region;  // innermost region it belongs to or governs
  std::string parent;  // the region above `region`, if named
  bool governs = false;
  std::string ambiguous;  // the agencies a short name may be, when kept apart ("" if none)
  bool operator==(const AgencyRecord&) const = default;
};

// One spelling of an agency, with what search and region filters need,
// computed by the corpus.
struct NameRecord {
  std::string name;
  std::string match_key;                  // text::MatchKey(name)
  std::string key;                        // corpus::AgencyKey(name)
  std::vector<std::string> region_keys;   // every region it lies in (agency_regions)
  std::string unit;                       // the region CSV's unit it is, "" if none
};

struct StoredAgency {
  std::int64_t id = 0;
  AgencyRecord record;
};

// Where a stored report went.
struct StoredReport {
  std::int64_t id = 0;
  int revision = 1;
};

enum class OpenMode {
  kAuto,      // read-write, or read-only if the file or its folder is not writable
  kReadOnly,  // never writes (PRAGMA query_only), never switches the journal mode
};

class WriteTransaction;

// Thread-compatible: one Store per thread (it owns one SQLite connection).
class Store {
 public:
  // Opens (creating if needed and allowed) the store at `path`. Throws
  // SqliteError with a zh+en message naming the file.
  explicit Store(const std::string& path, OpenMode mode = OpenMode::kAuto);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Database& db() { return db_; }
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  // Write transactions this object committed: a cache built by one writer
  // of this Store is stale when another one of it committed since.
  std::uint64_t commits() const { return commits_; }

  // Content hashes of the stored reports: the importer skips these files.
  std::unordered_set<std::string> KnownHashes();

  // The stored report, rebuilt (meta, sections, tables, findings; no text).
  Report LoadReport(std::int64_t report_id);

  // Reports, current revisions only unless `all_revisions`.
  std::vector<ReportRow> Reports(bool all_revisions = false);
  // Reports matching `q`, closest name matches first when searching by name,
  // then by year, agency and revision.
  std::vector<ReportRow> Query(const ReportQuery& q);
  // Agencies in the region (all if region_key is empty) that are not a CSV
  // unit and have no report for `year`, in id order.
  std::vector<std::string> AgenciesWithoutReport(const std::string& region_key, int year);
  // The CSV units (agencies.unit) that have a report for `year`.
  std::unordered_set<std::string> UnitsWithReport(int year);
  // Every agency (identity name) that is not a CSV unit, in the region.
  std::vector<std::string> AgenciesNotUnits(const std::string& region_key);
  std::vector<Failure> Failures();
  std::vector<Region> Regions();

  // Stored cross-year findings of the agency's reports (by year), or of one
  // report against the year before.
  std::vector<CrossFinding> CrossFindings(std::int64_t agency_id);
  std::vector<CrossFinding> CrossFindingsOfReport(std::int64_t report_id);
  // Work a migration left for the corpus ("cross_year", "identity").
  bool Pending(std::string_view what);
  // The agency's current reports that have a year: (id, year) by year.
  std::vector<std::pair<std::int64_t, int>> CurrentYears(std::int64_t agency_id);

 private:
  friend class WriteTransaction;
  struct Writer;
  void Migrate();
  void LoadCaches();
  std::int64_t CellKeyId(int table, std::string_view row, std::string_view col);
  std::int64_t LayoutId(const std::vector<std::int64_t>& keys);

  std::string path_;
  bool read_only_ = false;
  Database db_;
  std::unique_ptr<Writer> writer_;  // prepared on first write
  // Cell keys and layouts already known, loaded on first write and again
  // when another connection wrote.
  std::unordered_map<std::string, std::int64_t> cell_keys_;
  std::unordered_map<std::string, std::int64_t> layouts_;
  bool caches_loaded_ = false;
  std::int64_t data_version_ = -1;  // PRAGMA data_version after this connection's last write
  bool in_write_ = false;
  std::uint64_t commits_ = 0;
};

// One write transaction (BEGIN IMMEDIATE: waits for other writers up to the
// busy timeout). Destroyed without Commit() it rolls back, and the store's
// caches are dropped. One at a time per Store; not thread-safe.
class WriteTransaction {
 public:
  explicit WriteTransaction(Store& store);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // True if another connection committed since this store last wrote (or
  // this is its first write): what a caller cached from the store is stale.
  bool others_wrote() const { return others_wrote_; }

  // Every agency, in id order, and every spelling with its agency id.
  std::vector<StoredAgency> Agencies();
  std::vector<std::pair<std::string, std::int64_t>> AgencyNames();

  // The id of the agency with this key, inserting it if new.
  std::int64_t UpsertAgency(const AgencyRecord& agency);
  // Rewrites the agency's row (its key too: the key must not be another's).
  void UpdateAgency(std::int64_t agency_id, const AgencyRecord& agency);
  // Moves a spelling and the reports printed with it to another agency.
  void MoveName(const std::string& name, std::int64_t agency_id);
  // Numbers the agency's reports of each year 1, 2, … in the order they were
  // stored; the last is current.
  void RenumberRevisions(std::int64_t agency_id);
  // Forgets the agency's closure and unit (re-added with AddName).
  void ResetAgencyPlaces(std::int64_t agency_id);
  // Removes the agency if no spelling and no report refers to it.
  void DeleteAgencyIfUnused(std::int64_t agency_id);
  // Records a spelling of the agency (kept if already recorded), the regions
  // it lies in, and the CSV unit (set on the agency if it has none yet).
  void AddName(const NameRecord& name, std::int64_t agency_id);

  bool HasReport(const std::string& sha256);
  // Inserts the report (cells, sections, findings) for the agency: revision
  // n+1 of its agency-year, the older ones no longer current.
  StoredReport InsertReport(const Report& r, std::int64_t agency_id, const RateParts& disclosure,
                            const RateParts& correction);
  // Kept once per (path, sha256).
  void InsertFailure(const Failure& f);

  // Replaces the region hierarchy and forgets every agency's unit and
  // closure (the caller re-adds them with AddName and SetAgencyRegion).
  void ReplaceRegions(const std::vector<Region>& regions);
  void SetAgencyRegion(std::int64_t agency_id, const std::string& region);

  // Replaces the cross-year findings of `report_id` (against any report).
  void ReplaceCrossFindings(std::int64_t report_id, std::int64_t previous_id, const std::vector<Finding>& findings);
  // Removes the agency's pairs that are no longer two current reports of
  // consecutive years.
  void DropStaleCrossFindings(std::int64_t agency_id);
  void ClearPending(std::string_view what);

  void Commit();

 private:
  Store& store_;
  std::optional<Transaction> tx_;
  bool committed_ = false;
  bool others_wrote_ = false;
  std::string now_;
};

// Cell state codes of the cells table.
enum class CellState { kValue = 0, kBlank = 1, kNotApplicable = 2, kNotFound = 3 };

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_STORE_H_

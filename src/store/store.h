// The corpus store: reports, their cells in long form, findings, agencies,
// regions and files that failed, in one SQLite file (WAL).
//
// Schema (version in PRAGMA user_version; a database of an older version is
// refused with a message, never half-read):
//   agencies(id, key UNIQUE, name, region, parent, governs, unit)
//                    one identity per agency; `region` its innermost region
//                    and `unit` the CSV unit it is (''), both recomputed when
//                    a region CSV is loaded, so queries never re-derive them
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
//   sections(report_id, number, heading, text)
//   findings(report_id, seq, rule, severity, message, tbl, row, col, excerpt, offset)
//   failures(id, path, sha256, reason_zh, reason_en, at)  UNIQUE(path, sha256)
//   regions(name PK, parent, level, aliases)             user's hierarchy
//
// Every write is a transaction (one per batch): a process killed in the
// middle leaves the last committed batch; reports are unique by content hash
// so re-running skips what is there.
#ifndef GONGKAI_STORE_STORE_H_
#define GONGKAI_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "corpus/agency.h"
#include "report/report.h"
#include "store/sqlite.h"

namespace gongkai::corpus {
class Hierarchy;
}

namespace gongkai::store {

inline constexpr int kSchemaVersion = 2;

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
  struct RateParts {
    double numerator = 0, denominator = 0;
    bool null_term = false;
  };
  RateParts disclosure, correction;
};

// Which reports a query wants; every condition is evaluated by SQLite on
// indexed, precomputed columns.
struct ReportQuery {
  bool all_revisions = false;
  std::optional<int> year;
  std::string region_key;     // AgencyKey of the region (agency_regions), "" for all
  std::string severity;       // error | warning | info: at least one such finding
  // Fuzzy match of any spelling of the agency (corpus::FuzzyMatch, in SQL
  // on the precomputed keys of agency_names).
  std::string agency;
};

struct Region {
  std::string name;
  std::string parent;
  std::string level;  // province, city, district, street, department …
  std::vector<std::string> aliases;
};

class Store {
 public:
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Database& db() { return db_; }

  // Content hashes of the stored reports: the importer skips these files.
  std::unordered_set<std::string> KnownHashes();

  // Writes reports and failures in one transaction.
  WriteResult Write(const std::vector<Report>& reports, const std::vector<Failure>& failures);

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

  // Replaces the region hierarchy and recomputes every agency's region,
  // unit and closure (agency_regions), so queries read them as stored.
  void SetRegions(const std::vector<Region>& regions);
  std::vector<Region> Regions();

 private:
  struct Writer;
  std::int64_t AgencyId(const std::string& printed_name);
  std::int64_t CellKeyId(int table, std::string_view row, std::string_view col);
  std::int64_t LayoutId(const std::vector<std::int64_t>& keys);
  void PlaceName(const std::string& name, std::int64_t agency_id);
  void SetRegionsInTransaction(const std::vector<Region>& regions);
  void LoadCaches();
  void Migrate();

  Database db_;
  std::unique_ptr<Writer> writer_;  // prepared on first write
  // Agency identity keys, spellings, cell keys and layouts already known,
  // loaded on first write; the hierarchy places new agencies.
  corpus::KeyIndex agency_keys_;
  std::unordered_map<std::string, std::int64_t> agency_names_;
  std::unordered_map<std::string, std::int64_t> cell_keys_;
  std::unordered_map<std::string, std::int64_t> layouts_;
  std::unique_ptr<corpus::Hierarchy> hierarchy_;
  bool caches_loaded_ = false;
};

// Cell state codes of the cells table.
enum class CellState { kValue = 0, kBlank = 1, kNotApplicable = 2, kNotFound = 3 };

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_STORE_H_

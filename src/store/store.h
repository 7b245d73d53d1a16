// The corpus store: reports, their cells in long form, findings, agencies,
// regions and files that failed, in one SQLite file (WAL).
//
// Schema (version in PRAGMA user_version, migrated on open):
//   agencies(id, key UNIQUE, name, region, parent)      one identity per agency
//   agency_names(name PK, agency_id)                     every spelling seen
//   reports(id, sha256 UNIQUE, agency_id, year, revision, meta…, counts)
//                    a new report of an agency-year gets revision n+1; the
//                    old one stays (history); view current_reports = the
//                    latest imported revision of each agency-year
//   cell_keys(id, tbl, row, col)   the (table,row,column) keys of OUTPUT.md
//   cells(report_id, key_id, value, state)   value NULL for null; state
//                    0 value, 1 blank, 2 not applicable ("/"), 3 row not found
//   view cell_values(report_id, tbl, row, col, value, state)   long form
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

#include "report/report.h"
#include "store/sqlite.h"

namespace gongkai::store {

inline constexpr int kSchemaVersion = 1;

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
  std::vector<Failure> Failures();

  // Replaces the region hierarchy.
  void SetRegions(const std::vector<Region>& regions);
  std::vector<Region> Regions();

 private:
  struct Writer;
  std::int64_t AgencyId(const std::string& printed_name);
  std::int64_t CellKeyId(int table, std::string_view row, std::string_view col);
  void Migrate();

  Database db_;
  std::unique_ptr<Writer> writer_;  // prepared on first write
  // Agency identity keys and cell keys already known, loaded on first write.
  std::vector<std::pair<std::string, std::int64_t>> agency_keys_;
  std::unordered_map<std::string, std::int64_t> agency_names_;
  std::unordered_map<std::string, std::int64_t> cell_keys_;
  bool caches_loaded_ = false;
};

// Cell state codes of the cells table.
enum class CellState { kValue = 0, kBlank = 1, kNotApplicable = 2, kNotFound = 3 };

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_STORE_H_

// The operations a user performs on the corpus store, for every front end
// (the CLI prints them, the HTTP server sends them as JSON): import, list and
// search reports, coverage, stats, trend, rollup, compare, export, regions.
//
// Every function works on the store it is given and is as thread-safe as
// that store (one store::Store per thread). Results are plain structs.
#ifndef GONGKAI_SERVICE_CORPUS_H_
#define GONGKAI_SERVICE_CORPUS_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus/analysis.h"
#include "corpus/importer.h"
#include "store/store.h"

namespace gongkai::service {

// An error a user caused, with the reason in Chinese and English; front ends
// print both (the server sends them with `status`).
class UserError : public std::runtime_error {
 public:
  UserError(int status, std::string code, std::string zh, std::string en)
      : std::runtime_error(en), status_(status), code_(std::move(code)), zh_(std::move(zh)), en_(std::move(en)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& zh() const { return zh_; }
  const std::string& en() const { return en_; }

 private:
  int status_;
  std::string code_, zh_, en_;
};

// Opens an existing store; throws UserError if the file does not exist
// (queries never create a database: a typo in --db must not look like an
// empty corpus).
std::unique_ptr<store::Store> OpenExisting(const std::string& path);

// ----------------------------------------------------------------- import
// Files, folders and zip archives (entries read in memory, never written to
// disk) through the pipeline on all cores into the store.
corpus::ImportProgress ImportPaths(store::Store& store, const std::vector<std::string>& paths,
                                   const corpus::ImportOptions& options);

// ----------------------------------------------------------------- queries
std::vector<store::ReportRow> Select(store::Store& store, const corpus::Filter& filter);
// The files that could not be imported, each with its reason.
std::vector<store::Failure> Failures(store::Store& store);
corpus::Coverage Coverage(store::Store& store, int year, const std::string& region);

struct StatsResult {
  std::vector<store::ReportRow> rows;      // the reports, in Select order
  std::vector<corpus::UnitStats> units;    // one per row
  corpus::UnitStats total;                 // the region's: parts summed
  std::size_t agencies = 0;                // distinct units among the rows
};
// Rates of the reports matching `filter`, from the parts computed at import.
StatsResult Stats(store::Store& store, const corpus::Filter& filter, const std::string& total_name);

struct TrendPoint {
  int year = 0;
  int reports = 0;
  int error = 0, warning = 0, info = 0;
};
// Findings by year over the current reports matching `filter` (its year is
// ignored), oldest year first.
std::vector<TrendPoint> Trend(store::Store& store, corpus::Filter filter);

// Years present in the corpus, newest first.
std::vector<int> Years(store::Store& store);

corpus::Rollup Rollup(store::Store& store, const std::string& region, int year);

// ----------------------------------------------------------------- one report
// A stored report as every front end shows it: its row, and the report with
// the cross-year findings stored at import after its own (the first `own`
// findings are its own; previous[k] is the report the k-th cross-year
// finding compares it with). Throws UserError (404) for an unknown id.
struct StoredReport {
  store::ReportRow row;
  Report report;
  std::size_t own = 0;
  std::vector<std::int64_t> previous;
};
StoredReport LoadStored(store::Store& store, std::int64_t id);

// ----------------------------------------------------------------- compare
struct CellDelta {
  CellRef ref;
  std::string name;                            // the cell in the form's words (of the last report that has it)
  std::vector<std::optional<double>> values;   // one per report, null if absent or null
  bool changed = false;                        // differs between two consecutive reports
  bool money = false;                          // a sum of money in any of the reports
  int decimals = 0;                            // the most decimals any report printed it with
};
struct CopiedSection {
  int section = 0;
  std::string heading;
  std::optional<double> share;  // of its text copied from the report before it
};
struct Comparison {
  std::vector<store::ReportRow> rows;
  std::vector<Report> reports;
  std::vector<CellDelta> cells;
  // Per step k (reports k-1 → k, k ≥ 1): the cross-year findings and the
  // copied share of each section of report k. Index 0 is empty.
  std::vector<std::vector<Finding>> cross_year;
  std::vector<std::vector<CopiedSection>> copied;
};
// The current reports of the agency the fuzzy name designates best, oldest
// year first (empty if none).
std::vector<std::int64_t> AgencyReports(store::Store& store, const std::string& agency);
// Throws UserError (400) with fewer than two ids, (404) for an unknown id.
Comparison Compare(store::Store& store, const std::vector<std::int64_t>& ids);

// ----------------------------------------------------------------- export
// "csv" | "jsonl" to `out`, "xlsx" to the file `xlsx_path`, the current
// reports matching `filter`. CSV `layout` "long" is one row per cell, "wide"
// one row per report. Returns the number of reports written; throws
// UserError for an unknown format or layout.
std::size_t Export(store::Store& store, const corpus::Filter& filter, const std::string& format, std::ostream* out,
                   const std::string& xlsx_path, const std::string& layout = "long");

// ----------------------------------------------------------------- regions
// The region hierarchy or the 应报单位名单 from a CSV (UTF-8 or GB18030) or
// XLSX file's bytes: rows 名称,上级,层级,别名,应报 by position, or by a header
// row (English or Chinese names, any order, under a few title rows); aliases
// separated by | or ;; rows starting with # are comments; a list of unit
// names alone marks each unit as one that must report. Throws UserError
// (zh + en, naming the row) on a bad file or an unreadable 应报 mark.
std::vector<store::Region> ParseRegions(std::string_view bytes);
// ParseRegions, then the store's hierarchy replaced by it; the number of
// regions and units loaded.
std::size_t LoadRegions(store::Store& store, std::string_view bytes);

}  // namespace gongkai::service

#endif  // GONGKAI_SERVICE_CORPUS_H_

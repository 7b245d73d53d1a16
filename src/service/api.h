// The JSON answers of the HTTP API (/work/coord/API-EXT.md, spec/API.md),
// built from the corpus operations of service/corpus.h and the server's
// state (reviews, jobs). Nothing here knows HTTP: a handler parses the
// request, calls one of these and sends the JSON; a UserError carries the
// status and the zh + en reason of a refusal.
//
// Thread-safety: a Backend is used by one thread at a time; the server keeps
// one per worker connection.
#ifndef GONGKAI_SERVICE_API_H_
#define GONGKAI_SERVICE_API_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "corpus/analysis.h"
#include "store/accounts.h"
#include "store/drafts.h"
#include "store/jobs.h"
#include "store/reviews.h"
#include "store/store.h"

namespace gongkai::service {

using Json = nlohmann::ordered_json;

// One connection to the store with the server's tables.
struct Backend {
  explicit Backend(const std::string& path)
      : store(path), accounts(store.db()), reviews(store.db()), jobs(store.db()), drafts(store.db()) {}
  store::Store store;
  store::Accounts accounts;
  store::Reviews reviews;
  store::Jobs jobs;
  store::Drafts drafts;
};

struct ListQuery {
  corpus::Filter filter;
  std::string review;           // open | confirmed | dismissed | fixed: reports with findings in that state
  std::optional<bool> late;
  std::int64_t offset = 0;
  std::int64_t limit = 50;      // at most 500
  std::string sort;             // agency | year | errors | warnings | published_on
  bool descending = false;
};

// The report rows of a filter and the review counts, shared by the server's
// threads: recomputed only when the store changed since (SQLite's
// PRAGMA data_version on the cache's own connection sees every commit of
// every other connection, the command line's included). Thread-safe.
class ListCache {
 public:
  explicit ListCache(const std::string& path) : b_(path) {}
  struct Snapshot {
    std::vector<store::ReportRow> rows;
    std::unordered_map<std::int64_t, store::ReviewCounts> counts;
  };
  std::shared_ptr<const Snapshot> Get(const corpus::Filter& filter);

 private:
  std::mutex mu_;
  Backend b_;                 // guarded by mu_
  std::int64_t version_ = -1;  // guarded by mu_
  std::map<std::string, std::shared_ptr<const Snapshot>> by_filter_;  // guarded by mu_
};

// ShowReport's JSON text, shared by the server's threads: kept until the
// store changes (PRAGMA data_version on the cache's own read-only
// connection, as ListCache: an import, a review or the command line's
// writes all drop it), at most `capacity` reports, the oldest dropped first.
// A report is computed on the caller's Backend, outside the lock, and is
// served from the cache only while the store's version is the one read
// before it was computed. Thread-safe.
class ReportCache {
 public:
  explicit ReportCache(const std::string& path, std::size_t capacity = 512) : db_(path, true), capacity_(capacity) {}
  // Throws what ShowReport throws (UserError 404 for an unknown id).
  std::shared_ptr<const std::string> Get(Backend& b, std::int64_t id);

 private:
  std::mutex mu_;
  store::Database db_;        // guarded by mu_
  std::int64_t version_ = -1;  // guarded by mu_
  std::unordered_map<std::int64_t, std::shared_ptr<const std::string>> by_id_;  // guarded by mu_
  std::deque<std::int64_t> order_;  // guarded by mu_: the ids of by_id_, oldest first
  std::size_t capacity_;
};

// `cache` may be null (rows read from `b`).
Json ListReports(Backend& b, const ListQuery& q, ListCache* cache = nullptr);
// gongkai.report/1 with "id" and "review" on each finding and "corpus".
Json ShowReport(Backend& b, std::int64_t id);

// The original bytes of a report and the name it was imported under.
struct Source {
  std::string bytes;
  std::string name;
};
// `uploads_dir` is where the server keeps uploaded files (by hash).
Source ReportSource(Backend& b, std::int64_t id, const std::string& uploads_dir);

// 整改通知: the confirmed findings of a report (message, review comment,
// source excerpt), as a printable HTML page or a DOCX document.
std::string NoticeHtml(Backend& b, std::int64_t id);
std::string NoticeDocx(Backend& b, std::int64_t id);

// Finding ids are "<report id>-<index>".
Json SetReview(Backend& b, const std::string& finding_id, const std::string& status, const std::string& comment,
               const std::string& user);
Json ReviewHistory(Backend& b, const std::string& finding_id);

Json CoverageJson(Backend& b, int year, const std::string& region);
Json StatsJson(Backend& b, const corpus::Filter& filter);
Json TrendJson(Backend& b, const corpus::Filter& filter);
Json RollupJson(Backend& b, const std::string& region, int year);
// By agency identity (every year of it) or two ids.
Json CompareJson(Backend& b, const std::string& agency, std::optional<std::int64_t> a, std::optional<std::int64_t> c);

Json FormatJson();
Json RulesJson();
Json RegionsJson(Backend& b);
Json YearsJson(Backend& b);

Json UsersJson(Backend& b);
Json AuditLogJson(Backend& b, std::int64_t offset, std::int64_t limit);

Json JobJson(Backend& b, const store::Job& job);

}  // namespace gongkai::service

#endif  // GONGKAI_SERVICE_API_H_

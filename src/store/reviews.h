// What reviewers decided about findings. A review belongs to the finding's
// agency, year, rule and location (the cell it names; for a finding without
// a cell, its message), not to one upload: when a new revision of a report is
// imported and the same finding appears again, its review applies to it.
// Tables (created if missing, beside the corpus tables of store.h):
//   reviews(agency_id, year, rule, loc, status, comment, by_user, at)
//           PRIMARY KEY(agency_id, year, rule, loc): the current review
//   review_history(id, agency_id, year, rule, loc, report_id, status,
//           comment, by_user, at): every review ever given, oldest first
// `year` is -1 for a report whose year was not read.
//
// Thread-safety: one thread at a time per object (it shares its owner's
// Database).
#ifndef GONGKAI_STORE_REVIEWS_H_
#define GONGKAI_STORE_REVIEWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "report/report.h"
#include "store/sqlite.h"

namespace gongkai::store {

// open | confirmed | dismissed | fixed (待复核 / 确认问题 / 误报 / 已整改).
bool IsReviewStatus(std::string_view s);

struct ReviewKey {
  std::int64_t agency_id = 0;
  int year = -1;
  std::string rule;
  std::string loc;  // ReviewLocation(finding)
};

// "t3:granted:total" for a finding naming a cell, "m:<message>" otherwise.
std::string ReviewLocation(const Finding& f);

struct Review {
  std::string status = "open";
  std::string comment;
  std::string by;  // empty: never reviewed
  std::string at;
  std::int64_t report_id = 0;  // the revision it was given on (history)
};

struct ReviewCounts {
  int confirmed = 0, dismissed = 0, fixed = 0;  // the rest of a report's findings are open
};

class Reviews {
 public:
  explicit Reviews(Database& db);  // creates the tables if missing

  std::optional<Review> Get(const ReviewKey& key);
  // The reviews of `findings` of one report of the agency-year, one per
  // finding (nullopt: never reviewed), in one query.
  std::vector<std::optional<Review>> ForFindings(std::int64_t agency_id, int year,
                                                 const std::vector<Finding>& findings);
  // Records the review (current and history) in one transaction.
  Review Set(const ReviewKey& key, std::int64_t report_id, std::string_view status, std::string_view comment,
             std::string_view by);
  std::vector<Review> History(const ReviewKey& key);  // oldest first
  // Reviewed findings (not open) per report id, over the corpus' findings
  // (reports without a review are absent). Reads the corpus tables
  // reports and findings.
  std::unordered_map<std::int64_t, ReviewCounts> CountsByReport();

 private:
  Database& db_;
};

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_REVIEWS_H_

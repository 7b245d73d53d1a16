#include "store/reviews.h"

#include <map>

#include "store/accounts.h"

namespace gongkai::store {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS reviews(
  agency_id INTEGER NOT NULL, year INTEGER NOT NULL, rule TEXT NOT NULL, loc TEXT NOT NULL,
  status TEXT NOT NULL, comment TEXT NOT NULL, by_user TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY(agency_id, year, rule, loc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS review_history(
  id INTEGER PRIMARY KEY, agency_id INTEGER NOT NULL, year INTEGER NOT NULL, rule TEXT NOT NULL,
  loc TEXT NOT NULL, report_id INTEGER NOT NULL, status TEXT NOT NULL, comment TEXT NOT NULL,
  by_user TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS review_history_key ON review_history(agency_id, year, rule, loc, id);
)sql";

// The SQL of ReviewLocation over the corpus table findings (alias f).
constexpr std::string_view kLocSql =
    "CASE WHEN f.tbl IS NULL THEN 'm:' || coalesce(f.message, '') "
    "ELSE 't' || f.tbl || ':' || coalesce(f.row, '') || ':' || coalesce(f.col, '') END";

}  // namespace

bool IsReviewStatus(std::string_view s) {
  return s == "open" || s == "confirmed" || s == "dismissed" || s == "fixed";
}

std::string ReviewLocation(const Finding& f) {
  if (!f.table) return "m:" + f.message;
  return "t" + std::to_string(*f.table) + ":" + f.row + ":" + f.column;
}

Reviews::Reviews(Database& db) : db_(db) {
  Transaction t(db_);
  db_.Exec(kSchema);
  t.Commit();
}

std::optional<Review> Reviews::Get(const ReviewKey& key) {
  Statement s = db_.Prepare(
      "SELECT status, comment, by_user, at FROM reviews WHERE agency_id = ? AND year = ? AND rule = ? AND loc = ?");
  s.Bind(1, key.agency_id).Bind(2, key.year).Bind(3, key.rule).Bind(4, key.loc);
  if (!s.Step()) return std::nullopt;
  return Review{s.Text(0), s.Text(1), s.Text(2), s.Text(3), 0};
}

std::vector<std::optional<Review>> Reviews::ForFindings(std::int64_t agency_id, int year,
                                                        const std::vector<Finding>& findings) {
  std::map<std::pair<std::string, std::string>, Review> by_key;
  Statement s = db_.Prepare("SELECT rule, loc, status, comment, by_user, at FROM reviews WHERE agency_id = ? AND year = ?");
  s.Bind(1, agency_id).Bind(2, year);
  while (s.Step()) by_key[{s.Text(0), s.Text(1)}] = Review{s.Text(2), s.Text(3), s.Text(4), s.Text(5), 0};
  std::vector<std::optional<Review>> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) {
    const auto it = by_key.find({f.rule, ReviewLocation(f)});
    out.push_back(it == by_key.end() ? std::nullopt : std::optional<Review>(it->second));
  }
  return out;
}

Review Reviews::Set(const ReviewKey& key, std::int64_t report_id, std::string_view status, std::string_view comment,
                    std::string_view by) {
  Review r{std::string(status), std::string(comment), std::string(by), NowUtc(), report_id};
  Transaction t(db_);
  db_.Prepare(
         "INSERT INTO reviews(agency_id, year, rule, loc, status, comment, by_user, at) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT(agency_id, year, rule, loc) DO UPDATE SET status = excluded.status, "
         "comment = excluded.comment, by_user = excluded.by_user, at = excluded.at")
      .Bind(1, key.agency_id)
      .Bind(2, key.year)
      .Bind(3, key.rule)
      .Bind(4, key.loc)
      .Bind(5, r.status)
      .Bind(6, r.comment)
      .Bind(7, r.by)
      .Bind(8, r.at)
      .Run();
  db_.Prepare(
         "INSERT INTO review_history(agency_id, year, rule, loc, report_id, status, comment, by_user, at) "
         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, key.agency_id)
      .Bind(2, key.year)
      .Bind(3, key.rule)
      .Bind(4, key.loc)
      .Bind(5, report_id)
      .Bind(6, r.status)
      .Bind(7, r.comment)
      .Bind(8, r.by)
      .Bind(9, r.at)
      .Run();
  t.Commit();
  return r;
}

std::vector<Review> Reviews::History(const ReviewKey& key) {
  std::vector<Review> out;
  Statement s = db_.Prepare(
      "SELECT status, comment, by_user, at, report_id FROM review_history "
      "WHERE agency_id = ? AND year = ? AND rule = ? AND loc = ? ORDER BY id");
  s.Bind(1, key.agency_id).Bind(2, key.year).Bind(3, key.rule).Bind(4, key.loc);
  while (s.Step()) out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4)});
  return out;
}

std::unordered_map<std::int64_t, ReviewCounts> Reviews::CountsByReport() {
  std::unordered_map<std::int64_t, ReviewCounts> out;
  // Proportional to the reviews given, not to the corpus: the reviewed
  // agency-years' reports, and their findings matching a review.
  Statement s = db_.Prepare(
      "SELECT f.report_id, v.status, count(*) FROM reviews v "
      "JOIN reports r ON r.agency_id = v.agency_id AND coalesce(r.year, -1) = v.year "
      "JOIN findings f ON f.report_id = r.id AND f.rule = v.rule AND " +
      std::string(kLocSql) + " = v.loc WHERE v.status <> 'open' GROUP BY f.report_id, v.status");
  while (s.Step()) {
    ReviewCounts& c = out[s.Int(0)];
    const std::string status = s.Text(1);
    const int n = static_cast<int>(s.Int(2));
    if (status == "confirmed") c.confirmed += n;
    if (status == "dismissed") c.dismissed += n;
    if (status == "fixed") c.fixed += n;
  }
  return out;
}

}  // namespace gongkai::store

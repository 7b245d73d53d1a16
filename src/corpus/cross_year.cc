#include "corpus/cross_year.h"

#include <map>

#include "audit/audit.h"

namespace gongkai::corpus {

namespace {

// The pairs (previous id, current id) of consecutive years among the
// agency's current reports, restricted to those touching `years` if given.
std::vector<std::pair<std::int64_t, std::int64_t>> Pairs(store::Store& store, std::int64_t agency_id,
                                                         const std::set<int>& years) {
  std::map<int, std::int64_t> by_year;
  for (const auto& [id, year] : store.CurrentYears(agency_id)) by_year[year] = id;
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& [year, id] : by_year) {
    const auto prev = by_year.find(year - 1);
    if (prev == by_year.end()) continue;
    if (!years.empty() && !years.contains(year) && !years.contains(year - 1)) continue;
    out.emplace_back(prev->second, id);
  }
  return out;
}

// Loads each report once.
class Reports {
 public:
  // `fresh` (reports of the batch being written, not yet loadable) is not
  // owned and must outlive this object; null for none.
  explicit Reports(store::Store& store, const std::map<std::int64_t, const Report*>* fresh = nullptr)
      : store_(store), fresh_(fresh) {}
  const Report& Get(std::int64_t id) {
    if (fresh_ != nullptr) {
      if (auto f = fresh_->find(id); f != fresh_->end()) return *f->second;
    }
    auto it = loaded_.find(id);
    if (it == loaded_.end()) it = loaded_.emplace(id, store_.LoadReport(id)).first;
    return it->second;
  }

 private:
  store::Store& store_;
  const std::map<std::int64_t, const Report*>* fresh_;
  std::map<std::int64_t, Report> loaded_;
};

std::vector<store::CrossFinding> Compute(store::Store& store, std::int64_t agency_id, std::int64_t only_report) {
  Reports reports(store);
  std::vector<store::CrossFinding> out;
  for (const auto& [prev, cur] : Pairs(store, agency_id, {})) {
    if (only_report != 0 && cur != only_report) continue;
    for (Finding& f : audit::CrossYear(reports.Get(prev), reports.Get(cur))) out.push_back({cur, prev, std::move(f)});
  }
  return out;
}

std::int64_t AgencyOf(store::Store& store, std::int64_t report_id) {
  store::Statement s = store.db().Prepare("SELECT agency_id FROM reports WHERE id = ?");
  s.Bind(1, report_id);
  return s.Step() ? s.Int(0) : 0;
}

}  // namespace

void RefreshCrossYear(store::Store& store, store::WriteTransaction& tx, std::int64_t agency_id,
                      const std::set<int>& years, const std::map<std::int64_t, const Report*>& fresh) {
  tx.DropStaleCrossFindings(agency_id);
  Reports reports(store, &fresh);
  for (const auto& [prev, cur] : Pairs(store, agency_id, years)) {
    tx.ReplaceCrossFindings(cur, prev, audit::CrossYear(reports.Get(prev), reports.Get(cur)));
  }
}

void RefreshAllCrossYear(store::Store& store, store::WriteTransaction& tx) {
  for (const store::StoredAgency& a : tx.Agencies()) RefreshCrossYear(store, tx, a.id);
  tx.ClearPending("cross_year");
}

std::vector<store::CrossFinding> CrossYearFindings(store::Store& store, std::int64_t agency_id) {
  if (store.Pending("cross_year")) return Compute(store, agency_id, 0);
  return store.CrossFindings(agency_id);
}

std::vector<store::CrossFinding> CrossYearFindingsOfReport(store::Store& store, std::int64_t report_id) {
  if (store.Pending("cross_year")) return Compute(store, AgencyOf(store, report_id), report_id);
  return store.CrossFindingsOfReport(report_id);
}

}  // namespace gongkai::corpus

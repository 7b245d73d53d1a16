// Cross-year findings of the corpus (audit::CrossYear: carried-over
// requests, 现行有效 continuity, copied text) for every agency's current
// reports of consecutive years: computed at import, recomputed for an agency
// when a new year or a revision of it arrives, and read from the store by
// every front end.
#ifndef GONGKAI_CORPUS_CROSS_YEAR_H_
#define GONGKAI_CORPUS_CROSS_YEAR_H_

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "store/store.h"

namespace gongkai::corpus {

// Inside a write transaction: recomputes the agency's pairs that involve one
// of `years` (the pairs year−1/year and year/year+1), or all its pairs if
// `years` is empty, and drops pairs that are no longer current. `fresh`:
// reports just stored, by id, used as they are instead of loaded again.
void RefreshCrossYear(store::Store& store, store::WriteTransaction& tx, std::int64_t agency_id,
                      const std::set<int>& years = {}, const std::map<std::int64_t, const Report*>& fresh = {});

// Recomputes every agency's (after an upgrade of a store to schema 3).
void RefreshAllCrossYear(store::Store& store, store::WriteTransaction& tx);

// The agency's cross-year findings, by year; one report's against the year
// before. Read from the store, or computed on the spot while a migrated
// store has not had them computed yet (a read-only store stays as it is).
std::vector<store::CrossFinding> CrossYearFindings(store::Store& store, std::int64_t agency_id);
std::vector<store::CrossFinding> CrossYearFindingsOfReport(store::Store& store, std::int64_t report_id);

}  // namespace gongkai::corpus

#endif  // GONGKAI_CORPUS_CROSS_YEAR_H_

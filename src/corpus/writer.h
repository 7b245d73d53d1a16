// Writing extracted reports into the store: the corpus decides which agency
// each report belongs to (agency.h: identity keys across years and title
// variants) and where that agency lies (the region hierarchy loaded into the
// store, else the regions its name starts with), and hands the store
// resolved records (store::AgencyRecord, store::NameRecord).
#ifndef GONGKAI_CORPUS_WRITER_H_
#define GONGKAI_CORPUS_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <set>

#include "corpus/agency.h"
#include "corpus/identity.h"
#include "report/report.h"
#include "store/store.h"

namespace gongkai::corpus {

class Hierarchy;

// Which agency a spelling belongs to is decided by Identities (identity.h)
// over every spelling in the store, so that the same set of reports makes
// the same agencies in any order: when a new spelling changes the classes of
// its group, the spellings and their reports move to the agency of their
// new class (revisions renumbered, places and cross-year findings
// recomputed), and an agency left without spellings is removed. An agency's
// name is the first (by bytes) spelling of its identity key.
//
// Keeps the agencies and spellings it has seen between batches, reloaded
// from the store whenever another writer (another process, or another
// Writer of the same Store) committed since. Not thread-safe: one per Store.
class Writer {
 public:
  explicit Writer(store::Store& store);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Writes reports (skipping content already stored) and failures in one
  // transaction.
  store::WriteResult Write(const std::vector<Report>& reports, const std::vector<store::Failure>& failures);

  // Replaces the region hierarchy; every agency's identity, region, unit
  // and closure are decided again under it.
  void SetRegions(const std::vector<store::Region>& regions);

 private:
  void Reload(store::WriteTransaction& tx);
  std::int64_t AgencyId(store::WriteTransaction& tx, const std::string& printed_name);
  // Makes the stored agencies of `key`'s group those of its classes.
  void Reconcile(store::WriteTransaction& tx, const std::string& key);
  // After moves: revisions, places and (in `touched_`) cross-year findings.
  void Repair(store::WriteTransaction& tx, std::int64_t agency_id);
  store::AgencyRecord RecordOf(const Identities::Class& c) const;

  store::Store& store_;
  Identities identities_;
  std::unordered_map<std::string, std::int64_t> names_;            // spelling → agency id
  std::unordered_map<std::string, std::set<std::string>> spellings_;  // key → spellings
  std::unordered_map<std::string, std::int64_t> agency_of_key_;    // agencies.key → id
  std::unordered_map<std::int64_t, store::AgencyRecord> agencies_;  // id → row
  std::set<std::int64_t> moved_;  // agencies whose reports changed in this transaction
  std::unique_ptr<Hierarchy> hierarchy_;
  bool loaded_ = false;
  std::uint64_t commits_seen_ = 0;  // store_.commits() after this writer's last commit
};

// One batch with a Writer of its own (reads the agencies first).
store::WriteResult Write(store::Store& store, const std::vector<Report>& reports,
                         const std::vector<store::Failure>& failures = {});

// Replaces the region hierarchy and recomputes every stored agency's region,
// unit and closure (agency_regions), so that queries read them as stored.
void SetRegions(store::Store& store, const std::vector<store::Region>& regions);

// The record of one spelling: its keys and where the hierarchy places it.
store::NameRecord NameRecordOf(const Hierarchy& hierarchy, const std::string& name);

}  // namespace gongkai::corpus

#endif  // GONGKAI_CORPUS_WRITER_H_

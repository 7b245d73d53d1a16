// The 填报 side of the server: which accounts are units (a unit account
// drafts its own agency's report, nothing else) and the draft state of each
// unit and year, so the office sees who has drafted and whether the draft
// passes gongkai's own audit. Tables (created if missing, beside the corpus
// tables of store.h, as accounts.h and reviews.h do; the corpus schema
// version is not touched):
//   unit_accounts(user PK, agency)      the agency a user drafts for
//   drafts(agency, year, by_user, at, format, errors, warnings, revisions)
//          PRIMARY KEY(agency, year): the latest draft of that unit and year;
//          revisions counts every draft made
//
// Thread-safety: one thread at a time per object (it shares its owner's
// Database); several, on several connections, may run at once.
#ifndef GONGKAI_STORE_DRAFTS_H_
#define GONGKAI_STORE_DRAFTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.h"

namespace gongkai::store {

struct UnitAccount {
  std::string user, agency;
};

struct DraftState {
  std::string agency;
  int year = 0;
  std::string by_user, at;  // at: ISO 8601 UTC
  std::string format;       // "docx" | "html"
  std::int64_t errors = 0, warnings = 0;  // findings of the draft read back and audited
  std::int64_t revisions = 0;             // drafts made for this agency and year (set by Record)
  bool passes() const { return errors == 0; }
};

class Drafts {
 public:
  // Creates the tables if missing (one transaction).
  explicit Drafts(Database& db);

  // Binds `user` to `agency`; an empty agency makes the user an office
  // account again.
  void SetUnit(std::string_view user, std::string_view agency);
  std::optional<std::string> UnitAgency(std::string_view user);
  std::vector<UnitAccount> Units();  // by agency, then user

  // Records a draft (replacing the agency's earlier state for that year,
  // revisions + 1); `at` is set to now when empty. Returns the state stored.
  DraftState Record(DraftState d);
  // Every draft state of `year` (all years if nullopt), of one agency when
  // `agency` is not empty; by agency, then year.
  std::vector<DraftState> List(std::optional<int> year, std::string_view agency = {});

 private:
  Database& db_;
};

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_DRAFTS_H_

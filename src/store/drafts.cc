#include "store/drafts.h"

#include "store/accounts.h"

namespace gongkai::store {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS unit_accounts(user TEXT PRIMARY KEY, agency TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS drafts(
  agency TEXT NOT NULL, year INTEGER NOT NULL, by_user TEXT NOT NULL, at TEXT NOT NULL, format TEXT NOT NULL,
  errors INTEGER NOT NULL, warnings INTEGER NOT NULL, revisions INTEGER NOT NULL,
  PRIMARY KEY(agency, year)) WITHOUT ROWID;
)sql";

}  // namespace

Drafts::Drafts(Database& db) : db_(db) {
  Transaction t(db_);
  db_.Exec(kSchema);
  t.Commit();
}

void Drafts::SetUnit(std::string_view user, std::string_view agency) {
  if (agency.empty()) {
    Statement s = db_.Prepare("DELETE FROM unit_accounts WHERE user = ?");
    s.Bind(1, user).Run();
    return;
  }
  Statement s = db_.Prepare(
      "INSERT INTO unit_accounts(user, agency) VALUES(?, ?) ON CONFLICT(user) DO UPDATE SET agency = excluded.agency");
  s.Bind(1, user).Bind(2, agency).Run();
}

std::optional<std::string> Drafts::UnitAgency(std::string_view user) {
  Statement s = db_.Prepare("SELECT agency FROM unit_accounts WHERE user = ?");
  s.Bind(1, user);
  if (!s.Step()) return std::nullopt;
  return s.Text(0);
}

std::vector<UnitAccount> Drafts::Units() {
  std::vector<UnitAccount> out;
  Statement s = db_.Prepare("SELECT user, agency FROM unit_accounts ORDER BY agency, user");
  while (s.Step()) out.push_back({s.Text(0), s.Text(1)});
  return out;
}

DraftState Drafts::Record(DraftState d) {
  if (d.at.empty()) d.at = NowUtc();
  Transaction t(db_);
  {
    Statement s = db_.Prepare("SELECT revisions FROM drafts WHERE agency = ? AND year = ?");
    s.Bind(1, d.agency).Bind(2, d.year);
    d.revisions = (s.Step() ? s.Int(0) : 0) + 1;
  }
  Statement s = db_.Prepare(
      "INSERT OR REPLACE INTO drafts(agency, year, by_user, at, format, errors, warnings, revisions) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  s.Bind(1, d.agency).Bind(2, d.year).Bind(3, d.by_user).Bind(4, d.at).Bind(5, d.format).Bind(6, d.errors);
  s.Bind(7, d.warnings).Bind(8, d.revisions).Run();
  t.Commit();
  return d;
}

std::vector<DraftState> Drafts::List(std::optional<int> year, std::string_view agency) {
  std::vector<DraftState> out;
  Statement s = db_.Prepare(
      "SELECT agency, year, by_user, at, format, errors, warnings, revisions FROM drafts "
      "WHERE (?1 IS NULL OR year = ?1) AND (coalesce(?2, '') = '' OR agency = ?2) ORDER BY agency, year");
  s.Bind(1, year).Bind(2, agency);
  while (s.Step()) {
    DraftState d;
    d.agency = s.Text(0);
    d.year = static_cast<int>(s.Int(1));
    d.by_user = s.Text(2);
    d.at = s.Text(3);
    d.format = s.Text(4);
    d.errors = s.Int(5);
    d.warnings = s.Int(6);
    d.revisions = s.Int(7);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace gongkai::store

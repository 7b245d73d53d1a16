// Accounts of the server: users with a role and an argon2id password hash
// (libsodium crypto_pwhash_str), login sessions, and the audit log of who
// imported, reviewed, exported or changed users. Tables (created if missing,
// beside the corpus tables of store.h; the corpus schema version is not
// touched):
//   users(name PK, role, password_hash, created_at)
//   sessions(token_hash PK, user, csrf, created_at, expires_at)
//                    the cookie's token is random (32 bytes); only its
//                    SHA-256 is stored, so a copy of the file opens nothing
//   audit_log(id, at, user, action, detail)
//
// Thread-safety: an Accounts is used by one thread at a time (it shares the
// Database of its owner); several, on several connections, may run at once.
#ifndef GONGKAI_STORE_ACCOUNTS_H_
#define GONGKAI_STORE_ACCOUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.h"

namespace gongkai::store {

enum class Role { kViewer = 0, kReviewer = 1, kAdmin = 2 };
std::string_view RoleName(Role r);  // "viewer" | "reviewer" | "admin"
std::optional<Role> ParseRole(std::string_view name);

// Passwords shorter than this are refused (UTF-8 bytes).
inline constexpr std::size_t kMinPasswordBytes = 8;

struct User {
  std::string name;
  Role role = Role::kViewer;
  std::string created_at;  // ISO 8601 UTC
};

struct Session {
  std::string user;
  Role role = Role::kViewer;
  std::string csrf;  // the token state-changing requests must carry
};

struct AuditEntry {
  std::string at, user, action, detail;
};

// ISO 8601 UTC now, e.g. "2026-12-02T01:23:45Z".
std::string NowUtc();

class Accounts {
 public:
  // Creates the tables if missing (one transaction).
  explicit Accounts(Database& db);

  std::size_t UserCount();
  std::vector<User> Users();
  std::optional<User> FindUser(std::string_view name);
  // False if the name exists. Throws std::invalid_argument for an empty
  // name or a password under kMinPasswordBytes.
  bool AddUser(std::string_view name, Role role, std::string_view password);
  bool SetPassword(std::string_view name, std::string_view password);  // false: no such user
  bool SetRole(std::string_view name, Role role);
  bool RemoveUser(std::string_view name);  // also ends the user's sessions
  // The user if the password is theirs (argon2id verify; constant work for
  // an unknown user too, so timing does not tell which names exist).
  std::optional<User> Verify(std::string_view name, std::string_view password);

  // A new session for the user: returns the cookie token. Purges the
  // expired sessions first.
  std::string CreateSession(std::string_view user, Session* out, std::int64_t lifetime_s = 12 * 3600);
  // The live session of the token; an expired one is deleted when it is
  // presented.
  std::optional<Session> FindSession(std::string_view token);
  void EndSession(std::string_view token);
  // Deletes every session whose lifetime has run out; returns how many (the
  // server calls it periodically, so an idle store keeps no stale tokens).
  std::size_t PurgeExpiredSessions();

  void Log(std::string_view user, std::string_view action, std::string_view detail);
  std::int64_t LogCount();
  std::vector<AuditEntry> LogPage(std::int64_t offset, std::int64_t limit);  // newest first

 private:
  Database& db_;
};

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_ACCOUNTS_H_

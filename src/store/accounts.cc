#include "store/accounts.h"

#include <sodium.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

#include "util/sha256.h"

namespace gongkai::store {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS users(
  name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions(
  token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user);
CREATE TABLE IF NOT EXISTS audit_log(
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
)sql";

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string Hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void CheckPassword(std::string_view password) {
  if (password.size() < kMinPasswordBytes) {
    throw std::invalid_argument("密码至少 8 个字符 / the password must have at least 8 characters");
  }
}

}  // namespace

std::string NowUtc() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kReviewer:
      return "reviewer";
    case Role::kViewer:
      break;
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "reviewer") return Role::kReviewer;
  if (name == "viewer") return Role::kViewer;
  return std::nullopt;
}

Accounts::Accounts(Database& db) : db_(db) {
  InitSodium();
  Transaction t(db_);
  db_.Exec(kSchema);
  t.Commit();
}

std::size_t Accounts::UserCount() {
  Statement s = db_.Prepare("SELECT count(*) FROM users");
  s.Step();
  return static_cast<std::size_t>(s.Int(0));
}

std::vector<User> Accounts::Users() {
  std::vector<User> out;
  Statement s = db_.Prepare("SELECT name, role, created_at FROM users ORDER BY name");
  while (s.Step()) out.push_back({s.Text(0), ParseRole(s.Text(1)).value_or(Role::kViewer), s.Text(2)});
  return out;
}

std::optional<User> Accounts::FindUser(std::string_view name) {
  Statement s = db_.Prepare("SELECT name, role, created_at FROM users WHERE name = ?");
  s.Bind(1, name);
  if (!s.Step()) return std::nullopt;
  return User{s.Text(0), ParseRole(s.Text(1)).value_or(Role::kViewer), s.Text(2)};
}

bool Accounts::AddUser(std::string_view name, Role role, std::string_view password) {
  if (name.empty() || name.size() > 64) {
    throw std::invalid_argument("用户名须为 1 至 64 个字符 / the user name must have 1 to 64 characters");
  }
  CheckPassword(password);
  const std::string hash = Hash(password);
  Statement s = db_.Prepare(
      "INSERT INTO users(name, role, password_hash, created_at) VALUES(?, ?, ?, ?) ON CONFLICT(name) DO NOTHING");
  s.Bind(1, name).Bind(2, RoleName(role)).Bind(3, hash).Bind(4, NowUtc()).Run();
  return sqlite3_changes(db_.handle()) > 0;
}

bool Accounts::SetPassword(std::string_view name, std::string_view password) {
  CheckPassword(password);
  const std::string hash = Hash(password);
  Transaction t(db_);
  Statement s = db_.Prepare("UPDATE users SET password_hash = ? WHERE name = ?");
  s.Bind(1, hash).Bind(2, name).Run();
  const bool changed = sqlite3_changes(db_.handle()) > 0;
  // A new password ends the sessions opened with the old one.
  db_.Prepare("DELETE FROM sessions WHERE user = ?").Bind(1, name).Run();
  // A unit account's agency (store/drafts.h), when that table is there.
  if (db_.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'unit_accounts'").Step()) {
    db_.Prepare("DELETE FROM unit_accounts WHERE user = ?").Bind(1, name).Run();
  }
  t.Commit();
  return changed;
}

bool Accounts::SetRole(std::string_view name, Role role) {
  Statement s = db_.Prepare("UPDATE users SET role = ? WHERE name = ?");
  s.Bind(1, RoleName(role)).Bind(2, name).Run();
  return sqlite3_changes(db_.handle()) > 0;
}

bool Accounts::RemoveUser(std::string_view name) {
  Transaction t(db_);
  db_.Prepare("DELETE FROM users WHERE name = ?").Bind(1, name).Run();
  const bool changed = sqlite3_changes(db_.handle()) > 0;
  db_.Prepare("DELETE FROM sessions WHERE user = ?").Bind(1, name).Run();
  // A unit account's agency (store/drafts.h), when that table is there.
  if (db_.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'unit_accounts'").Step()) {
    db_.Prepare("DELETE FROM unit_accounts WHERE user = ?").Bind(1, name).Run();
  }
  t.Commit();
  return changed;
}

std::optional<User> Accounts::Verify(std::string_view name, std::string_view password) {
  Statement s = db_.Prepare("SELECT name, role, created_at, password_hash FROM users WHERE name = ?");
  s.Bind(1, name);
  if (!s.Step()) {
    // The same work as for a real user: the answer's timing tells nothing.
    static_cast<void>(Hash(password));
    return std::nullopt;
  }
  const std::string hash = s.Text(3);
  if (crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) != 0) return std::nullopt;
  return User{s.Text(0), ParseRole(s.Text(1)).value_or(Role::kViewer), s.Text(2)};
}

std::string Accounts::CreateSession(std::string_view user, Session* out, std::int64_t lifetime_s) {
  const std::string token = RandomHex(32);
  const std::string csrf = RandomHex(32);
  const std::int64_t now = NowSeconds();
  Transaction t(db_);
  PurgeExpiredSessions();
  db_.Prepare("INSERT INTO sessions(token_hash, user, csrf, created_at, expires_at) VALUES(?, ?, ?, ?, ?)")
      .Bind(1, Sha256Hex(token))
      .Bind(2, user)
      .Bind(3, csrf)
      .Bind(4, NowUtc())
      .Bind(5, now + lifetime_s)
      .Run();
  t.Commit();
  if (out) {
    out->user = std::string(user);
    out->csrf = csrf;
    if (auto u = FindUser(user)) out->role = u->role;
  }
  return token;
}

std::optional<Session> Accounts::FindSession(std::string_view token) {
  if (token.size() != 64) return std::nullopt;
  Statement s = db_.Prepare(
      "SELECT s.user, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.user "
      "WHERE s.token_hash = ? AND s.expires_at >= ?");
  const std::string hash = Sha256Hex(token);
  s.Bind(1, hash).Bind(2, NowSeconds());
  if (!s.Step()) {
    // Expired (or unknown): nothing of it stays once it has been presented.
    db_.Prepare("DELETE FROM sessions WHERE token_hash = ? AND expires_at < ?").Bind(1, hash).Bind(2, NowSeconds()).Run();
    return std::nullopt;
  }
  return Session{s.Text(0), ParseRole(s.Text(1)).value_or(Role::kViewer), s.Text(2)};
}

std::size_t Accounts::PurgeExpiredSessions() {
  db_.Prepare("DELETE FROM sessions WHERE expires_at < ?").Bind(1, NowSeconds()).Run();
  return static_cast<std::size_t>(sqlite3_changes(db_.handle()));
}

void Accounts::EndSession(std::string_view token) {
  db_.Prepare("DELETE FROM sessions WHERE token_hash = ?").Bind(1, Sha256Hex(token)).Run();
}

void Accounts::Log(std::string_view user, std::string_view action, std::string_view detail) {
  db_.Prepare("INSERT INTO audit_log(at, user, action, detail) VALUES(?, ?, ?, ?)")
      .Bind(1, NowUtc())
      .Bind(2, user)
      .Bind(3, action)
      .Bind(4, detail)
      .Run();
}

std::int64_t Accounts::LogCount() {
  Statement s = db_.Prepare("SELECT count(*) FROM audit_log");
  s.Step();
  return s.Int(0);
}

std::vector<AuditEntry> Accounts::LogPage(std::int64_t offset, std::int64_t limit) {
  std::vector<AuditEntry> out;
  Statement s = db_.Prepare("SELECT at, user, action, detail FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?");
  s.Bind(1, limit).Bind(2, offset);
  while (s.Step()) out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3)});
  return out;
}

}  // namespace gongkai::store

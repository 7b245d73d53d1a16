// A small RAII wrapper over the SQLite C API (hand-written: Debian ships no
// C++ SQLite wrapper in the project's package list; SQLiteCpp or
// sqlite_modern_cpp would do this job). Owns the connection and prepared
// statements, turns error codes into exceptions, binds optionals as NULL.
#ifndef GONGKAI_STORE_SQLITE_H_
#define GONGKAI_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gongkai::store {

// what(): a zh+en message naming the store file and saying what is wrong
// (read-only, full, corrupt, locked…), then SQLite's own words.
class SqliteError : public std::runtime_error {
 public:
  explicit SqliteError(const std::string& what, int code = 0) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }  // SQLite's primary result code, 0 if none

 private:
  int code_;
};

// The zh+en sentence for an SQLite result code about the store at `path`.
std::string DescribeError(int code, const std::string& path);

class Statement;

class Database {
 public:
  // Opens the database file: read-write, creating it if needed, or
  // read-only (`read_only`; `immutable` when nothing can change it while
  // open, e.g. its folder is not writable, so that no -shm file is needed).
  explicit Database(const std::string& path, bool read_only = false, bool immutable = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }

  void Exec(std::string_view sql);  // one or more statements, no results
  Statement Prepare(std::string_view sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// A prepared statement. Bind parameters are 1-based as in SQLite; columns are
// 0-based. Step() returns true while there is a row.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }

  Statement& Bind(int i, std::int64_t v);
  Statement& Bind(int i, int v) { return Bind(i, static_cast<std::int64_t>(v)); }
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& BindNull(int i);
  template <typename T>
  Statement& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  bool Step();
  // Runs to completion and resets, ready for new bindings.
  void Run();
  void Reset();

  bool IsNull(int col) const;
  std::int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::optional<std::int64_t> OptInt(int col) const;
  // True if the statement has the named parameter ("?3", ":name").
  bool HasParameter(const char* name) const { return sqlite3_bind_parameter_index(stmt_, name) > 0; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT; rolls back if destroyed without Commit() (an
// exception in the middle of a batch leaves the database as it was).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_SQLITE_H_

#include "store/sqlite.h"

#include <cstdio>

namespace gongkai::store {

namespace {

std::string FileOf(sqlite3* db) {
  const char* f = db ? sqlite3_db_filename(db, "main") : nullptr;
  return f && *f ? f : "(memory)";
}

[[noreturn]] void Fail(sqlite3* db, std::string_view what) {
  const int code = db ? sqlite3_extended_errcode(db) & 0xff : SQLITE_NOMEM;
  throw SqliteError(DescribeError(code, FileOf(db)) + " (" + std::string(what) + ": " +
                        (db ? sqlite3_errmsg(db) : "out of memory") + ")",
                    code);
}

// "file:" URI of a path: %, ? and # escaped.
std::string Uri(const std::string& path) {
  std::string out = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string DescribeError(int code, const std::string& path) {
  switch (code) {
    case SQLITE_READONLY:
      return "数据库只读，无法写入 / the store is read-only: " + path;
    case SQLITE_FULL:
      return "磁盘已满，无法写入数据库 / the disk is full, the store cannot grow: " + path;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "数据库文件已损坏或不是数据库 / the store is corrupt or not a database: " + path;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "数据库被其他进程占用，等待超时 / the store is locked by another process (waited too long): " + path;
    case SQLITE_CANTOPEN:
      return "无法打开或创建数据库 / cannot open or create the store: " + path;
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return "没有访问数据库的权限 / no permission to use the store: " + path;
    case SQLITE_IOERR:
      return "读写数据库出错 / input/output error on the store: " + path;
    case SQLITE_NOMEM:
      return "内存不足 / out of memory using the store: " + path;
    default:
      return "数据库出错 / store error: " + path;
  }
}

Database::Database(const std::string& path, bool read_only, bool immutable) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  std::string name = path;
  if (read_only) {
    flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    name = Uri(path) + "?mode=ro" + (immutable ? "&immutable=1" : "");
  } else {
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  }
  if (sqlite3_open_v2(name.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const int code = db_ ? sqlite3_extended_errcode(db_) & 0xff : SQLITE_NOMEM;
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(DescribeError(code, path) + " (" + msg + ")", code);
  }
  // Another process (a second import, a query) may hold the write lock for a
  // batch: wait for it rather than fail.
  sqlite3_busy_timeout(db_, 60000);
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

void Database::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  if (const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    const int code = sqlite3_extended_errcode(db_) & 0xff;
    throw SqliteError(DescribeError(code, path_) + " (" + msg + " in: " + s.substr(0, 120) + ")", code);
  }
}

Statement Database::Prepare(std::string_view sql) { return Statement(db_, sql); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK) {
    Fail(db, "prepare " + std::string(sql.substr(0, 120)));
  }
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) Fail(db_, "bind");
  return *this;
}
Statement& Statement::Bind(int i, double v) {
  if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) Fail(db_, "bind");
  return *this;
}
Statement& Statement::Bind(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    Fail(db_, "bind");
  }
  return *this;
}
Statement& Statement::BindNull(int i) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) Fail(db_, "bind");
  return *this;
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail(db_, "step");
}

void Statement::Run() {
  while (Step()) {
  }
  Reset();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
std::optional<double> Statement::OptDouble(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Double(col);
}
std::optional<std::int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

Transaction::Transaction(Database& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.Exec("ROLLBACK");
    } catch (...) {  // nothing to do: the connection closes the transaction
    }
  }
}
void Transaction::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

}  // namespace gongkai::store

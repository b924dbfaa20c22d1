#include "store/sqlite/sqlite_db.h"

#include "store/store.h"

namespace ktpel::sqlite {

static void check(sqlite3* db, int rc, std::string_view what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw StoreError("sqlite: " + std::string(what) + ": " + sqlite3_errmsg(db));
}

Database::Database(const std::string& path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError("cannot open SQLite database '" + path + "': " + msg);
  }
  sqlite3_busy_timeout(db_, 30000);  // another process holding the write lock: wait, don't fail
}

Database::~Database() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close_v2(db_);
}

Database::Lease Database::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
  it->second->reset();
  it->second->clear_bindings();
  return Lease(*it->second);
}

void Database::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StoreError("sqlite: " + msg);
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  check(db_, sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr),
        sql);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::string_view v) {
  check(db_, sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}
Statement& Statement::bind(int i, int64_t v) {
  check(db_, sqlite3_bind_int64(stmt_, i, v), "bind");
  return *this;
}
Statement& Statement::bind_blob(int i, std::string_view v) {
  check(db_, sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT), "bind");
  return *this;
}
Statement& Statement::bind_null(int i) {
  check(db_, sqlite3_bind_null(stmt_, i), "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw StoreError("sqlite: " + msg);
}

void Statement::reset() { sqlite3_reset(stmt_); }
void Statement::clear_bindings() { sqlite3_clear_bindings(stmt_); }

std::string Statement::text(int col) const {
  auto p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}
std::string Statement::blob(int col) const {
  auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

}  // namespace ktpel::sqlite

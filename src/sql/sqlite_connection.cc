// The SQLite side of the seam. Many connections may open one file (a server's pool): WAL lets
// readers run beside the writer, and in-process writers queue on one mutex per file before SQLite's
// own lock (which other processes, such as a CLI import, also take), so no write busy-waits on a
// sleeping retry loop. A writer that cannot get the lock in time gets StoreError{Busy} (HTTP 503).
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>
#include <map>
#include <mutex>
#include <utility>

#include "sql/connection.h"

namespace ktpel::sql {
namespace {

// How long a writer waits for the lock before giving up with Busy (HTTP 503, Retry-After):
// 30 s, or KTPEL_SQLITE_BUSY_MS (tests, or an office that prefers to answer sooner).
std::chrono::milliseconds writer_wait() {
  static const std::chrono::milliseconds wait = [] {
    const char* env = std::getenv("KTPEL_SQLITE_BUSY_MS");
    const long ms = env ? std::strtol(env, nullptr, 10) : 0;
    return std::chrono::milliseconds(ms > 0 ? ms : 30000);
  }();
  return wait;
}

StoreErrorCode code_of(sqlite3* db, int rc) {
  // SQLITE_FULL, or an I/O error whose cause was ENOSPC (the -shm or -wal file could not grow).
  if ((rc & 0xff) == SQLITE_FULL || (db && (rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(db) == ENOSPC))
    return StoreErrorCode::Full;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StoreErrorCode::Busy;
    case SQLITE_CONSTRAINT: return StoreErrorCode::Conflict;
    default: return StoreErrorCode::Internal;
  }
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  if (code_of(db, rc) == StoreErrorCode::Full)
    throw StoreError("sqlite: the disk holding the database is full; nothing of this write was saved. Free space on it, "
                     "then try again (" + std::string(sqlite3_errmsg(db)) + ")",
                     StoreErrorCode::Full);
  if (code_of(db, rc) == StoreErrorCode::Busy)  // an officer's answer, not SQLite's
    throw StoreError("sqlite: the database is busy with another write (an import or a long job elsewhere); try again in a "
                     "moment",
                     StoreErrorCode::Busy);
  throw StoreError("sqlite: " + std::string(sqlite3_errmsg(db)) + (what.empty() ? "" : " (" + std::string(what) + ")"),
                   code_of(db, rc));
}

// One writer mutex per database file in this process.
std::shared_ptr<std::timed_mutex> writer_mutex(const std::string& path) {
  static std::mutex guard;
  static std::map<std::string, std::weak_ptr<std::timed_mutex>> by_path;
  std::lock_guard lock(guard);
  auto& weak = by_path[path];
  auto m = weak.lock();
  if (!m) weak = m = std::make_shared<std::timed_mutex>();
  return m;
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, const std::string& sql, std::vector<int64_t>* queued) : db_(db), queued_(queued) {
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, sql);
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_text(int i, std::string_view v) override {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void bind_int(int i, int64_t v) override { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind_null(int i) override { check(sqlite3_bind_null(stmt_, i)); }
  void bind_blob(int i, std::string_view v) override {
    check(sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT));
  }
  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    fail(db_, rc, "");
  }
  int64_t run() override {
    while (step()) {
    }
    sqlite3_reset(stmt_);
    return sqlite3_changes64(db_);
  }
  // Counts are kept within a transaction (until flush, commit or rollback), not in autocommit.
  size_t queue() override {
    const int64_t n = run();
    if (sqlite3_get_autocommit(db_)) return kNoCount;
    queued_->push_back(n);
    return queued_->size() - 1;
  }
  void reset() override { sqlite3_reset(stmt_); }
  std::string text(int col) const override {
    auto p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  int64_t integer(int col) const override { return sqlite3_column_int64(stmt_, col); }
  std::string blob(int col) const override {
    auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::vector<int64_t>* queued_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) : writer_(writer_mutex(path)) {
    int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("cannot open SQLite database '" + path + "': " + msg, StoreErrorCode::Unavailable);
    }
    sqlite3_busy_timeout(db_, static_cast<int>(writer_wait().count()));  // another process writing: wait, then Busy
    // 16 KiB pages: enrolment photos (20-30 KB) take 2 overflow pages, not 8 (set before WAL on a new file).
    exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;"
         " PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=4000;");
  }
  ~SqliteConnection() override {
    if (in_tx_) rollback();
    // Cached statements are finalized after this (the base class owns them); close_v2 waits for them.
    sqlite3_close_v2(db_);
  }
  Dialect dialect() const override { return Dialect::Sqlite; }

  void exec(std::string_view sql) override {
    const std::string native = render(sql, Dialect::Sqlite);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, native.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      if (code_of(db_, rc) == StoreErrorCode::Busy || code_of(db_, rc) == StoreErrorCode::Full) fail(db_, rc, "");
      throw StoreError("sqlite: " + msg, code_of(db_, rc));
    }
  }
  void begin() override {
    if (!writer_->try_lock_for(writer_wait()))
      throw StoreError("sqlite: another write held the database for over " + std::to_string(writer_wait().count()) +
                           " ms; try again",
                       StoreErrorCode::Busy);
    try {
      exec("BEGIN IMMEDIATE");
    } catch (...) {
      writer_->unlock();
      throw;
    }
    in_tx_ = true;
    queued_.clear();
  }
  void commit() override {
    exec("COMMIT");
    queued_.clear();
    in_tx_ = false;
    writer_->unlock();
  }
  void rollback() override {
    if (!in_tx_) return;
    in_tx_ = false;
    queued_.clear();
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    writer_->unlock();
  }
  bool in_transaction() const override { return in_tx_; }
  std::vector<int64_t> flush() override { return std::exchange(queued_, {}); }
  void set_durable_commits(bool on) override { exec(on ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"); }
  bool truncate_log() override {
    if (in_tx_) return false;
    // In-process writers queue on the mutex; other processes' readers make it answer busy.
    if (!writer_->try_lock_for(writer_wait())) return false;
    const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    writer_->unlock();
    return rc == SQLITE_OK;
  }

 protected:
  std::unique_ptr<Statement> prepare(const std::string& native_sql) override {
    return std::make_unique<SqliteStatement>(db_, native_sql, &queued_);
  }

 private:
  sqlite3* db_ = nullptr;
  std::shared_ptr<std::timed_mutex> writer_;
  bool in_tx_ = false;
  std::vector<int64_t> queued_;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const std::string& path);
std::unique_ptr<Connection> connect_sqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace ktpel::sql

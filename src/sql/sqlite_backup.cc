// The SQLite half of backups. The copy is taken with the online backup API inside one read
// transaction on the source: in WAL mode that pins one snapshot, so writers (the server, an
// import) go on meanwhile and the copy is exactly the database as of its first batch; without the
// pinned snapshot every write by another process would restart the copy from page one.
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "sql/backup.h"

namespace ktpel::sql {
namespace {

// 64 pages of 16 KiB (1 MiB) a batch, then a pause that leaves the disk to the writers: 2 ms, or
// KTPEL_BACKUP_PAUSE_MS (tests stretch a small database's backup over many writes).
constexpr int kPagesPerBatch = 64;
int pause_ms() {
  static const int ms = [] {
    const char* env = std::getenv("KTPEL_BACKUP_PAUSE_MS");
    return env && *env ? std::atoi(env) : 2;
  }();
  return ms;
}

struct Db {
  sqlite3* p = nullptr;
  ~Db() { sqlite3_close_v2(p); }
};

bool is_full(sqlite3* db, int rc) { return (rc & 0xff) == SQLITE_FULL || (db && sqlite3_system_errno(db) == ENOSPC); }

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& what) {
  const std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (is_full(db, rc)) throw StoreError(what + ": the disk is full (" + msg + "); free space and try again", StoreErrorCode::Full);
  throw StoreError(what + ": " + msg, (rc & 0xff) == SQLITE_BUSY ? StoreErrorCode::Busy : StoreErrorCode::Internal);
}

void open_db(Db& db, const std::string& path, int flags, const std::string& what) {
  const int rc = sqlite3_open_v2(path.c_str(), &db.p, flags, nullptr);
  if (rc != SQLITE_OK) fail(db.p, rc, "cannot open " + what + " '" + path + "'");
  sqlite3_busy_timeout(db.p, 30000);
}

void exec(Db& db, const char* sql, const std::string& what) {
  const int rc = sqlite3_exec(db.p, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(db.p, rc, what);
}

// "ok", or what PRAGMA integrity_check found (its first lines).
std::string integrity(Db& db) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db.p, "PRAGMA integrity_check(20)", -1, &s, nullptr);
  if (rc != SQLITE_OK) return sqlite3_errmsg(db.p);
  std::string out;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const auto* t = sqlite3_column_text(s, 0);
    out += (out.empty() ? "" : "; ") + std::string(t ? reinterpret_cast<const char*>(t) : "");
  }
  if (rc != SQLITE_DONE) out += (out.empty() ? "" : "; ") + std::string(sqlite3_errmsg(db.p));
  sqlite3_finalize(s);
  return out;
}

// The file and the side files SQLite may have left beside it.
void remove_with_side_files(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

// The copy as one self-contained file (no -wal beside it), checked page by page: "ok" or what
// the check found.
std::string finish_copy(Db& copy) {
  exec(copy, "PRAGMA journal_mode=DELETE", "SQLite");
  return integrity(copy);
}

}  // namespace

BackupResult backup_sqlite(const std::string& path, const std::string& out, const BackupProgress& progress) {
  if (::access(path.c_str(), F_OK) != 0) throw BackupError("no SQLite database at '" + path + "': " + std::strerror(errno));
  const std::string tmp = temp_beside(out, "partial");
  remove_with_side_files(tmp);
  try {
    Db src, copy;
    open_db(src, path, SQLITE_OPEN_READWRITE, "the database");
    // The snapshot: a read transaction held open until the last page is copied.
    exec(src, "BEGIN; SELECT count(*) FROM sqlite_schema;", "cannot read the database '" + path + "'");
    open_db(copy, tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the backup file");
    sqlite3_backup* b = sqlite3_backup_init(copy.p, "main", src.p, "main");
    if (!b) fail(copy.p, sqlite3_errcode(copy.p), "cannot start the backup to '" + tmp + "'");
    int rc;
    for (;;) {
      rc = sqlite3_backup_step(b, kPagesPerBatch);
      if (progress) {
        const int total = sqlite3_backup_pagecount(b);
        progress(total - sqlite3_backup_remaining(b), total);
      }
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      sqlite3_sleep(pause_ms());
    }
    const int finish = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) fail(copy.p, finish != SQLITE_OK ? finish : rc, "backup of '" + path + "' to '" + out + "' failed");
    exec(src, "COMMIT", "cannot end the read of '" + path + "'");
    if (const std::string check = finish_copy(copy); check != "ok")
      throw BackupError("the backup copy '" + tmp + "' failed its integrity check: " + check);
  } catch (...) {
    remove_with_side_files(tmp);
    throw;
  }
  try {
    sync_and_rename(tmp, out);
  } catch (...) {
    remove_with_side_files(tmp);
    throw;
  }
  return {"sqlite", file_size(out)};
}

void restore_sqlite(const std::string& backup, const std::string& path) {
  const std::string tmp = temp_beside(path, "restoring");
  remove_with_side_files(tmp);
  try {
    {
      std::ifstream in(backup, std::ios::binary);
      std::ofstream copy(tmp, std::ios::binary | std::ios::trunc);
      if (!in) throw BackupError("cannot open backup '" + backup + "': " + std::strerror(errno));
      if (!copy) throw BackupError("cannot write '" + tmp + "': " + std::strerror(errno));
      copy << in.rdbuf();
      copy.flush();
      if (!copy)
        throw BackupError("cannot write '" + tmp + "'" + (errno == ENOSPC ? ": the disk is full" : ": " + std::string(std::strerror(errno))));
    }
    Db copy;
    open_db(copy, tmp, SQLITE_OPEN_READWRITE, "the restored copy");
    if (const std::string check = finish_copy(copy); check != "ok")
      throw BackupError("the backup '" + backup + "' is damaged (integrity check: " + check + "); nothing was restored");
  } catch (const StoreError& e) {
    remove_with_side_files(tmp);
    // A page SQLite cannot read at all ("file is not a database", "malformed"): the file is damaged.
    if (e.code == StoreErrorCode::Full) throw;
    throw BackupError("the backup '" + backup + "' is damaged (" + e.what() + "); nothing was restored");
  } catch (...) {
    remove_with_side_files(tmp);
    throw;
  }
  // The old database's log must not be replayed into the new file.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  try {
    sync_and_rename(tmp, path);
  } catch (...) {
    remove_with_side_files(tmp);
    throw;
  }
}

}  // namespace ktpel::sql

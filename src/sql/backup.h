// Whole-database backups by each backend's own means: SQLite's online backup API (one consistent
// snapshot, copied in small batches while writers go on), PostgreSQL's pg_dump --format=custom
// (one repeatable-read snapshot) and pg_restore. Nothing half-written ever carries the final name:
// a backup or a restored SQLite file is written beside it, checked, synced, then renamed.
// The master key is not in the database (it comes from the environment or a key file), so no
// backup holds it: it must be backed up separately (docs/operations.md).
#pragma once
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sql/store_error.h"

namespace ktpel::sql {

// A backup file that cannot be used (damaged, of the other backend, not a backup at all) or a
// target that must not be overwritten: the operator's problem to fix, not the database's.
struct BackupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Units done of a total (SQLite: pages); called between batches.
using BackupProgress = std::function<void(int64_t done, int64_t total)>;

struct BackupResult {
  std::string kind;  // "sqlite" | "postgresql"
  int64_t bytes = 0;
};

// Writes a backup of the database at `location` to `out` (replaced only when complete).
BackupResult backup_database(const std::string& location, const std::string& out, const BackupProgress& progress = {});
// Restores `backup` into `location`: an SQLite file (absent or empty unless `force`) or an empty
// PostgreSQL database (its tables dropped first when `force`).
void restore_database(const std::string& backup, const std::string& location, bool force);
// "sqlite" or "postgresql" from a backup file's first bytes; "" for anything else.
std::string backup_kind(const std::string& file);
// Whether `location` already holds a database (an SQLite file with bytes, a PostgreSQL database
// with tables): a restore there needs --force.
bool holds_database(const std::string& location);

// The backend halves (sqlite_backup.cc, postgres_backup.cc).
BackupResult backup_sqlite(const std::string& path, const std::string& out, const BackupProgress& progress);
void restore_sqlite(const std::string& backup, const std::string& path);
BackupResult backup_postgres(const std::string& url, const std::string& out);
void restore_postgres(const std::string& backup, const std::string& url, bool clean);
bool postgres_has_tables(const std::string& url);

// Shared file steps (backup.cc).
// A temporary name in the same folder as `path` (so the final rename stays on one file system).
std::string temp_beside(const std::string& path, const std::string& what);
// fsync `tmp`, rename it to `path`, fsync the folder: after this the file is there whole or not at all.
void sync_and_rename(const std::string& tmp, const std::string& path);
// Runs a program (no shell) and waits; its exit status (-1 when it could not start), with its
// stdout and stderr in `output`.
int run_program(const std::vector<std::string>& argv, std::string& output);
int64_t file_size(const std::string& path);

}  // namespace ktpel::sql

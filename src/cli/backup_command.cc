// ktpel backup | restore: a consistent copy of the whole database while it is in use (registry,
// ledgers, accounts, audit chain), and the way back into a new database.
// Who may: a backup holds every resident, so once a database has accounts it needs a centre
// account (user_manage, --as); the backup is itself audited in the copy. A restore into a new,
// empty database needs no account (the file and the master key are the authority: whoever holds
// both can read everything anyway); replacing a database that holds data (--force) needs a
// centre account of that database.
// The master key is never in a backup: keep it apart (docs/operations.md).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "cli/context.h"
#include "io/file_digest.h"
#include "io/progress.h"
#include "sql/backup.h"
#include "store/transactions.h"

namespace ktpel::cli {
namespace {

// Where this process takes the master key from, for the reminder to keep a copy of it.
std::string master_key_source(const std::string& location) {
  if (const char* hex = std::getenv("KTPEL_MASTER_KEY"); hex && *hex) return "KTPEL_MASTER_KEY";
  if (const char* file = std::getenv("KTPEL_MASTER_KEY_FILE"); file && *file) return file;
  return is_postgres_location(location) ? "~/.ktpel/master.key" : master_key_file_for(location);
}

// Backup errors are the operator's to fix (exit 1); database errors keep exit 3.
template <class F>
void run_backup_step(F&& f) {
  try {
    f();
  } catch (const sql::BackupError& e) {
    throw CommandError(kProblems, e.what());
  }
}

}  // namespace

void add_backup_commands(CLI::App& app, Context&, int&) {
  static std::string db, out, from;
  static bool force = false, unchecked = false;
  auto* backup = app.add_subcommand("backup", "copy the whole database while it is in use (SQLite backup API / pg_dump)");
  backup->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());
  backup->add_option("--out", out, "the backup file (written whole or not at all; FILE.sha256 beside it)")->required();
  backup->callback([&] {
    const auto start = std::chrono::steady_clock::now();
    {
      auto store = open_console_store(db);
      StoreTransaction tx(*store);  // the backup's audit entry, before the snapshot: the copy holds it
      tx.commit();
    }
    ProgressBar bar("backup");
    sql::BackupResult r;
    run_backup_step([&] {
      r = sql::backup_database(db, out, [&](int64_t done, int64_t total) {
        bar.update(static_cast<uint64_t>(done), static_cast<uint64_t>(total));
      });
    });
    bar.finish();
    write_checksum_file(out);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("backup of %s (%s) written to %s: %lld bytes, checked, in %.1f s; checksum in %s.sha256\n", db.c_str(),
                r.kind.c_str(), out.c_str(), static_cast<long long>(r.bytes), secs, out.c_str());
    std::printf("the master key is not in the backup: keep a copy of it apart (%s)\n", master_key_source(db).c_str());
  });

  auto* restore = app.add_subcommand("restore", "restore a backup made by ktpel backup into a new database");
  restore->add_option("--from", from, "the backup file")->required();
  restore->add_option("--db", db, "the target: a new SQLite file or an empty PostgreSQL database")->required();
  restore->add_flag("--force", force, "replace a database that holds data (stop its servers first)");
  restore->add_flag("--unchecked", unchecked, "restore a backup without its FILE.sha256 (its own integrity check still runs)");
  restore->callback([&] {
    run_backup_step([&] {
      if (sql::backup_kind(from).empty())
        throw sql::BackupError("'" + from + "' is not a ktpel backup (neither an SQLite database nor a pg_dump archive): " +
                               "the file is damaged or not a backup; nothing was restored");
    });
    bool summed = false;
    try {
      summed = check_checksum_file(from);
    } catch (const std::runtime_error& e) {
      throw CommandError(kProblems, e.what());
    }
    if (!summed && !unchecked)
      throw CommandError(kProblems, "no checksum file " + from + ".sha256 beside the backup, so it cannot be checked: " +
                                        "put it back, or pass --unchecked to restore anyway");
    bool replacing = false;
    run_backup_step([&] { replacing = force && sql::holds_database(db); });
    if (replacing) open_console_store(db);  // a centre account of the database being replaced
    run_backup_step([&] { sql::restore_database(from, db, force); });
    std::printf("restored %s into %s (checked)\n", from.c_str(), db.c_str());
    std::printf("start ktpel on it with the master key of the backed-up database (KTPEL_MASTER_KEY, KTPEL_MASTER_KEY_FILE or "
                "%s)\n",
                is_postgres_location(db) ? "~/.ktpel/master.key" : master_key_file_for(db).c_str());
  });
}

}  // namespace ktpel::cli

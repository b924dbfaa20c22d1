// The PostgreSQL half of backups: pg_dump and pg_restore from postgresql-client (the same major
// version as the server). pg_dump reads one repeatable-read snapshot and blocks no writer; the
// restore runs in one transaction, so a damaged archive leaves the target as it was.
// The URL goes to the tools as --dbname; a password belongs in PGPASSWORD or ~/.pgpass, where the
// process list does not show it. --no-password: a missing one fails instead of prompting.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>

#include "sql/backup.h"

namespace ktpel::sql {
namespace {

std::string last_lines(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  size_t from = t.size();
  for (int lines = 0; lines < 4 && from != std::string::npos && from > 0; ++lines) from = t.rfind('\n', from - 1);
  return from == std::string::npos ? t : t.substr(from + 1);
}

// The archive's table of contents must read whole: a truncated or garbled file fails here.
void check_archive(const std::string& file, const std::string& what) {
  std::string output;
  const int rc = run_program({"pg_restore", "--list", file}, output);
  if (rc == 127 || rc == -1) throw BackupError("cannot run pg_restore (install postgresql-client): " + last_lines(output));
  if (rc != 0) throw BackupError(what + " '" + file + "' is damaged or not a pg_dump archive: " + last_lines(output));
}

}  // namespace

bool postgres_has_tables(const std::string& url) {
  PGconn* pg = PQconnectdb(url.c_str());
  if (PQstatus(pg) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(pg);
    PQfinish(pg);
    throw StoreError("cannot connect to PostgreSQL: " + last_lines(msg), StoreErrorCode::Unavailable);
  }
  PGresult* r = PQexec(pg, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'");
  const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
  const bool has = ok && std::atoll(PQgetvalue(r, 0, 0)) > 0;
  const std::string msg = ok ? "" : PQerrorMessage(pg);
  PQclear(r);
  PQfinish(pg);
  if (!ok) throw StoreError("postgresql: cannot list the tables: " + last_lines(msg));
  return has;
}

BackupResult backup_postgres(const std::string& url, const std::string& out) {
  const std::string tmp = temp_beside(out, "partial");
  std::remove(tmp.c_str());
  std::string output;
  const int rc = run_program({"pg_dump", "--format=custom", "--no-password", "--file=" + tmp, "--dbname=" + url}, output);
  try {
    if (rc == 127 || rc == -1) throw BackupError("cannot run pg_dump (install postgresql-client): " + last_lines(output));
    if (rc != 0) {
      if (output.find("No space left") != std::string::npos)
        throw StoreError("pg_dump to '" + out + "': the disk is full (" + last_lines(output) + ")", StoreErrorCode::Full);
      throw StoreError("pg_dump failed (exit " + std::to_string(rc) + "): " + last_lines(output));
    }
    check_archive(tmp, "the new backup");
    sync_and_rename(tmp, out);
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  return {"postgresql", file_size(out)};
}

void restore_postgres(const std::string& backup, const std::string& url, bool clean) {
  check_archive(backup, "the backup");
  std::vector<std::string> argv = {"pg_restore", "--exit-on-error", "--single-transaction", "--no-owner",
                                   "--no-privileges", "--no-password", "--dbname=" + url};
  if (clean) {
    argv.push_back("--clean");
    argv.push_back("--if-exists");
  }
  argv.push_back(backup);
  std::string output;
  const int rc = run_program(argv, output);
  if (rc != 0)
    throw BackupError("pg_restore of '" + backup + "' failed, nothing was restored (exit " + std::to_string(rc) +
                      "): " + last_lines(output));
}

}  // namespace ktpel::sql

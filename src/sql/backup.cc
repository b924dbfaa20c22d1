// Dispatch of backups to the backend, and the file steps both halves share.
#include "sql/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sql/connection.h"

namespace ktpel::sql {

std::string backup_kind(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw BackupError("cannot open backup '" + file + "': " + std::strerror(errno));
  char head[16] = {};
  in.read(head, sizeof head);
  const std::string_view h(head, static_cast<size_t>(in.gcount()));
  if (h == std::string_view("SQLite format 3\0", 16)) return "sqlite";
  if (h.starts_with("PGDMP")) return "postgresql";
  return "";
}

bool holds_database(const std::string& location) {
  if (is_postgres_location(location)) return postgres_has_tables(location);
  return file_size(location) > 0;
}

BackupResult backup_database(const std::string& location, const std::string& out, const BackupProgress& progress) {
  if (out.empty()) throw BackupError("no backup file given: pass --out FILE");
  if (is_postgres_location(location)) return backup_postgres(location, out);
  if (location.empty()) throw BackupError("no database given: pass --db FILE.db or --db postgresql://...");
  std::error_code ec;
  if (std::filesystem::equivalent(location, out, ec))
    throw BackupError("--out '" + out + "' is the database itself: write the backup to another file");
  return backup_sqlite(location, out, progress);
}

void restore_database(const std::string& backup, const std::string& location, bool force) {
  const std::string kind = backup_kind(backup);
  if (kind.empty())
    throw BackupError("'" + backup + "' is not a ktpel backup (neither an SQLite database nor a pg_dump archive): the file "
                      "is damaged or not a backup");
  const bool to_postgres = is_postgres_location(location);
  if (kind != (to_postgres ? "postgresql" : "sqlite"))
    throw BackupError("'" + backup + "' is a backup of a" + (kind == "sqlite" ? "n SQLite" : " PostgreSQL") +
                      " database; it cannot be restored into " + (to_postgres ? "PostgreSQL" : "an SQLite file"));
  const bool existing = holds_database(location);
  if (existing && !force)
    throw BackupError("'" + location + "' already holds a database: restore into a new one, or pass --force to replace it "
                      "(stop every server using it first)");
  if (to_postgres) restore_postgres(backup, location, existing);
  else restore_sqlite(backup, location);
}

std::string temp_beside(const std::string& path, const std::string& what) {
  return path + "." + what + "-" + std::to_string(::getpid());
}

int64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

namespace {

void fsync_path(const std::string& path, bool folder) {
  const int fd = ::open(path.c_str(), folder ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) throw BackupError("cannot open '" + path + "' to sync it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw BackupError("cannot sync '" + path + "' to disk: " + std::strerror(err));
}

}  // namespace

void sync_and_rename(const std::string& tmp, const std::string& path) {
  fsync_path(tmp, false);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw BackupError("cannot rename '" + tmp + "' to '" + path + "': " + std::strerror(errno));
  const auto folder = std::filesystem::path(path).parent_path();
  fsync_path(folder.empty() ? "." : folder.string(), true);
}

int run_program(const std::vector<std::string>& argv, std::string& output) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    const std::string msg = "cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
    (void)!::write(2, msg.data(), msg.size());
    ::_exit(127);
  }
  ::close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) output.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ktpel::sql

// The SQLite side of backups and of a full disk, without root (no small file system to mount):
// the copy is the database as of its first batch however many writes land between batches, a
// damaged or occupied target is refused, and SQLITE_FULL (forced with max_page_count) surfaces as
// StoreError{Full} with an officer's message, after which the same connection writes again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sql/backup.h"
#include "sql/connection.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

int64_t count_rows(sql::Connection& c) {
  auto s = c.cached("SELECT COUNT(*) FROM t");
  s.step();
  return s.integer(0);
}

void insert(sql::Connection& c, int n) {
  auto s = c.cached("INSERT INTO t (payload) VALUES (?1)");
  for (int i = 0; i < n; ++i) {
    s.bind_blob(1, std::string(20000, static_cast<char>('a' + i % 26)));
    s.run();
  }
}

TEST(SqliteBackup, CopyIsOneSnapshotWhileWritesGoOn) {
  const std::string dir = test::temp_dir();
  const std::string db = dir + "/source.db", out = dir + "/copy.db";
  auto writer = sql::connect(db);
  writer->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)");
  insert(*writer, 300);  // ~6 MB: several 1 MiB batches
  int batches = 0;
  sql::backup_database(db, out, [&](int64_t, int64_t) {
    ++batches;
    insert(*writer, 5);  // another connection commits between every two batches
  });
  EXPECT_GE(batches, 4);
  EXPECT_EQ(count_rows(*writer), 300 + 5 * batches);
  auto copy = sql::connect(out);
  EXPECT_EQ(count_rows(*copy), 300);
  EXPECT_FALSE(std::filesystem::exists(out + "-wal") && std::filesystem::file_size(out + "-wal") > 0);
}

TEST(SqliteBackup, RestoreRefusesAnOccupiedTargetAndADamagedFile) {
  const std::string dir = test::temp_dir();
  const std::string db = dir + "/source.db", out = dir + "/copy.db", target = dir + "/target.db";
  {
    auto c = sql::connect(db);
    c->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)");
    insert(*c, 100);
  }
  sql::backup_database(db, out);
  EXPECT_EQ(sql::backup_kind(out), "sqlite");
  EXPECT_THROW(sql::restore_database(out, db, false), sql::BackupError);  // holds a database
  sql::restore_database(out, target, false);
  EXPECT_EQ(count_rows(*sql::connect(target)), 100);

  // Page 2's b-tree header overwritten: the integrity check refuses it; nothing is left behind.
  const std::string damaged = dir + "/damaged.db", target2 = dir + "/target2.db";
  std::filesystem::copy_file(out, damaged);
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(16384);
    const std::string junk(64, '\x7f');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  try {
    sql::restore_database(damaged, target2, false);
    FAIL() << "a damaged backup was restored";
  } catch (const sql::BackupError& e) {
    EXPECT_NE(std::string(e.what()).find("is damaged"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(target2) && std::filesystem::file_size(target2) > 0);
  for (const auto& f : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(f.path().string().find("restoring"), std::string::npos) << f.path();
}

TEST(SqliteFull, FullDiskIsACleanErrorAndTheConnectionRecovers) {
  const std::string db = test::temp_dir() + "/full.db";
  auto c = sql::connect(db);
  c->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)");
  insert(*c, 10);
  auto pages = c->cached("PRAGMA page_count");
  pages.step();
  const int64_t now = pages.integer(0);
  pages.reset();
  c->exec("PRAGMA max_page_count = " + std::to_string(now + 4));  // room for ~3 more rows
  c->begin();
  try {
    insert(*c, 50);
    c->commit();
    FAIL() << "50 rows fitted in 4 pages";
  } catch (const StoreError& e) {
    c->rollback();
    EXPECT_EQ(e.code, StoreErrorCode::Full);
    EXPECT_NE(std::string(e.what()).find("disk holding the database is full"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count_rows(*c), 10);  // nothing of the transaction was kept
  c->exec("PRAGMA max_page_count = 1000000");  // space returns
  insert(*c, 5);
  EXPECT_EQ(count_rows(*c), 15);
}

}  // namespace
}  // namespace ktpel

// The SQLite backend's class, shared by its implementation files (one per aggregate):
// sqlite_store.cc (registry), sqlite_ektp_store.cc, sqlite_station_store.cc.
#pragma once
#include <optional>
#include <string>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace ktpel {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path);
  int schema_version() override;
#include "store/registry_store_overrides.inc"
  std::string_view backend() const override { return "sqlite"; }
  void set_durable_commits(bool on) override { db_.exec(on ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"); }
  void do_begin() override { db_.exec("BEGIN IMMEDIATE"); }
  void do_commit() override { db_.exec("COMMIT"); }
  void do_rollback() override { db_.exec("ROLLBACK"); }

  // EktpStore and StationStore (the same override lists in both backends)
#include "store/ektp_store_overrides.inc"
#include "store/station_store_overrides.inc"
#include "store/print_store_overrides.inc"
#include "store/coverage_store_overrides.inc"
#include "store/abis_store_overrides.inc"
#include "store/dedup_store_overrides.inc"

 private:
  void migrate();
  sqlite::Database db_;
  std::optional<sqlite::Statement> insert_;
};

}  // namespace ktpel

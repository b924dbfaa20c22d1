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
  std::vector<bool> insert_residents(std::span<const Resident> rs) override;
  void update_resident(const Resident& r) override;
  std::optional<Resident> find_resident(std::string_view nik) override;
  bool resident_exists(std::string_view nik) override;
  ResidentPage search_residents(const ResidentQuery& q) override;
  void for_each_resident(std::string_view prefix, const std::function<void(const Resident&)>& f) override;
  int64_t count_residents() override;
  void upsert_family_members(std::span<const FamilyMember> ms) override;
  std::vector<FamilyMember> family(std::string_view kk) override;
  void record_change(const ResidentChange& c) override;
  std::vector<ResidentChange> changes(std::string_view nik) override;
  int next_serial(std::string_view kind, std::string_view prefix) override;
  std::vector<StatsCell> population_cells(Level level, std::string_view prefix, Date as_of) override;
  std::string_view backend() const override { return "sqlite"; }
  void set_durable_commits(bool on) override { db_.exec(on ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"); }
  void begin() override { db_.exec("BEGIN IMMEDIATE"); }
  void commit() override { db_.exec("COMMIT"); }
  void rollback() override { db_.exec("ROLLBACK"); }

  // EktpStore and StationStore (the same override list in both backends)
#include "store/ektp_store_overrides.inc"
#include "store/station_store_overrides.inc"

 private:
  void migrate();
  sqlite::Database db_;
  std::optional<sqlite::Statement> insert_;
};

}  // namespace ktpel

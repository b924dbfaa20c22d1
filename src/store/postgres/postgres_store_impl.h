// The PostgreSQL backend's class, shared by its implementation files (one per aggregate):
// postgres_store.cc (registry), postgres_ektp_store.cc, postgres_station_store.cc.
#pragma once
#include <pqxx/pqxx>

#include <memory>
#include <string>

#include "store/store.h"

namespace ktpel {

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& url);
  int schema_version() override;
  void begin() override;
  void commit() override;
  void rollback() override;
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
  std::string_view backend() const override { return "postgresql"; }
  void set_durable_commits(bool) override {}  // synchronous_commit=on is PostgreSQL's default
  // EktpStore and StationStore (the same override list in both backends)
#include "store/ektp_store_overrides.inc"
#include "store/station_store_overrides.inc"

 private:
  // Runs f inside the open transaction, or in a short one of its own.
  template <class F>
  auto run(F&& f) {
    try {
      if (tx_) return f(*tx_);
      pqxx::work w(conn_);
      auto result = f(w);
      w.commit();
      return result;
    } catch (const pqxx::sql_error& e) {
      throw StoreError(std::string("postgresql: ") + e.what());
    } catch (const pqxx::broken_connection& e) {
      throw StoreError(std::string("postgresql connection lost: ") + e.what());
    }
  }
  void migrate();
  pqxx::connection conn_;
  std::unique_ptr<pqxx::work> tx_;
};

}  // namespace ktpel

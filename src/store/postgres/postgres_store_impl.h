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
  void do_begin() override;
  void do_commit() override;
  void do_rollback() override;
#include "store/registry_store_overrides.inc"
  std::string_view backend() const override { return "postgresql"; }
  void set_durable_commits(bool) override {}  // synchronous_commit=on is PostgreSQL's default
  // EktpStore and StationStore (the same override lists in both backends)
#include "store/ektp_store_overrides.inc"
#include "store/station_store_overrides.inc"
#include "store/print_store_overrides.inc"
#include "store/coverage_store_overrides.inc"
#include "store/abis_store_overrides.inc"
#include "store/dedup_store_overrides.inc"

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

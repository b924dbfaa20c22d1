// Store: the registry's persistence interface, implemented once (store/sql/sql_store.h) over a
// connection to SQLite (a desk or regency office) or PostgreSQL (central deployments). Callers group writes in
// transactions with StoreTransaction; every method is synchronous and throws StoreError on
// storage failure (never on bad user input, which services reject before it gets here).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/registry/family.h"
#include "core/registry/resident.h"
#include "core/stats/coverage.h"
#include "core/stats/population_stats.h"
#include "core/wilayah/region.h"
#include "store/abis_store.h"
#include "store/coverage_store.h"
#include "store/dedup_store.h"
#include "store/ektp_store.h"
#include "store/equipment_store.h"
#include "store/identity_store.h"
#include "store/key_store.h"
#include "store/delivery_store.h"
#include "store/print_store.h"
#include "store/registry_store.h"
#include "store/settings_store.h"
#include "store/station_store.h"
#include "store/transactions.h"
#include "sql/store_error.h"

namespace ktpel {

// One backend object implements every aggregate interface over one connection, so a use case
// can span them in one transaction.
class Store : public Transactions, public RegistryStore, public CoverageStore, public SettingsStore, public EktpStore,
              public StationStore, public PrintStore, public DeliveryStore, public EquipmentStore, public AbisStore, public DedupStore,
              public IdentityStore, public KeyStore {
 public:
  ~Store() override = default;
  virtual std::string_view backend() const = 0;  // "sqlite" | "postgresql"
  virtual int schema_version() = 0;

  // Commits survive power loss, not only a crash of the process (SQLite: synchronous=FULL;
  // PostgreSQL's synchronous_commit already is). The centre turns this on before it acks packets.
  virtual void set_durable_commits(bool on) = 0;
  // After bulk work (import, index catch-up, rotation, rebuild): gives the write-ahead log's
  // space back (sql/connection.h). Outside a transaction; false when it has to wait for later.
  virtual bool truncate_log() = 0;
  // Transactions and the writes that move coverage counters are implemented here, once: they
  // keep the counters (coverage table) in step with the records in the same transaction, whatever
  // the backend and whoever the caller (store/store.cc).
  void begin() final;
  void commit() final;
  void rollback() final;
  // Registry writes that move coverage counters.
  std::vector<bool> insert_residents(std::span<const Resident> residents) final;
  void update_resident(const Resident& r) final;
  void put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on) final;
  // Removes a resident deleted as a duplicate (and their e-KTP record, queue row and gallery
  // fingers); the caller keeps the record in retired_niks. False when there was none.
  bool delete_resident(std::string_view nik);
  // e-KTP writes that move coverage counters and the print queue.
  void put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd_activated) final;
  bool move_ektp_record(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status, std::string_view since,
                        bool ikd_activated) final;
  void move_ektp_record_at_commit(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                                  std::string_view since, bool ikd_activated) final;


 protected:
  virtual void do_begin() = 0;
  virtual void do_commit() = 0;
  virtual void do_rollback() = 0;
  virtual std::vector<bool> do_insert_residents(std::span<const Resident> residents) = 0;
  virtual void do_update_resident(const Resident& r) = 0;
  virtual void do_put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd_activated) = 0;
  // at_commit: queued, and checked by the backend before it commits.
  virtual bool do_move_ektp_record(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                                   std::string_view since, bool ikd_activated, bool at_commit) = 0;
  virtual void do_put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on) = 0;
  virtual bool do_delete_resident(std::string_view nik) = 0;
  // Makes the resident's print_queue row match their e-KTP record and address (or removes it).
  virtual void do_sync_print_queue(std::string_view nik, bool queued) = 0;

 private:
  void count(const CoverageFacts& facts, int64_t sign);
  template <class Write>
  bool write_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd, Write&& write);
  template <class F>
  auto in_transaction(F&& f);
  bool in_tx_ = false;
  int depth_ = 0;        // nested begin() calls
  bool doomed_ = false;  // an inner transaction rolled back
  std::optional<Date> coverage_day_;                        // read at begin()
  std::map<std::string, CoverageCounters> pending_;         // deltas written at commit()
};

// Opens a store from a location: "postgresql://..." / "postgres://..." / "host=... dbname=..."
// selects PostgreSQL; anything else is an SQLite file path (created when absent). Migrations are
// applied on open.
// One connection per Store: a server opens a pool of them (http/store_pool.h).
// Photos, biometrics and private keys are sealed at rest with data keys wrapped by the master key
// that load_master_key(master_key_file_for(location)) finds, on first use (crypto/key_vault.h);
// `master` replaces that (tests, a rotation to a new master key).
std::unique_ptr<Store> open_store(const std::string& location);
std::unique_ptr<Store> open_store(const std::string& location, std::function<MasterKey()> master);
// master.key next to an SQLite file; $HOME/.ktpel/master.key for PostgreSQL.
std::string master_key_file_for(const std::string& location);
bool is_postgres_location(std::string_view location);

}  // namespace ktpel

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
#include "store/dedup_store.h"
#include "store/ektp_store.h"
#include "store/print_store.h"
#include "store/station_store.h"
#include "sql/store_error.h"

namespace ktpel {


struct ResidentQuery {
  std::string name;           // start of the name, case and accents ignored ("" = any)
  bool name_contains = false; // match the name anywhere (scans the region; slower)
  std::string region_prefix;  // dotted code of any level ("" = everywhere)
  int64_t limit = 50;
  int64_t offset = 0;
};

struct ResidentPage {
  std::vector<Resident> items;
  int64_t total = 0;
};

struct ResidentChange {  // one row of the change log (who, when, before, after)
  int64_t id = 0;
  std::string nik;       // "" for bulk events such as an import
  std::string event;     // to_string(EventType)
  std::string actor;
  std::string at;        // ISO 8601 UTC
  std::string before_json, after_json;
  std::string reason;
};

// One backend object implements every aggregate interface over one connection, so a use case
// can span them in one transaction.
class Store : public EktpStore, public StationStore, public PrintStore, public AbisStore, public DedupStore {
 public:
  ~Store() override = default;
  virtual std::string_view backend() const = 0;  // "sqlite" | "postgresql"
  virtual int schema_version() = 0;

  // Commits survive power loss, not only a crash of the process (SQLite: synchronous=FULL;
  // PostgreSQL's synchronous_commit already is). The centre turns this on before it acks packets.
  virtual void set_durable_commits(bool on) = 0;
  // Transactions and the writes that move coverage counters are not virtual: they keep the
  // counters (coverage table) in step with the records in the same transaction, whatever the
  // backend and whoever the caller (store/store.cc).
  void begin();  // a write transaction (SQLite takes the write lock at once)
  void commit();
  void rollback();

  // Inserts residents; result[i] is false when residents[i].nik already exists (nothing written
  // for that row).
  std::vector<bool> insert_residents(std::span<const Resident> residents);
  void update_resident(const Resident& r);
  void put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd_activated) final;
  bool move_ektp_record(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status, std::string_view since,
                        bool ikd_activated) final;
  void move_ektp_record_at_commit(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                                  std::string_view since, bool ikd_activated) final;
  // Registers (or replaces) a resident's birth certificate (akta kelahiran).
  void put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on);
  virtual std::optional<std::pair<std::string, Date>> birth_certificate(std::string_view nik) = 0;  // number, issued
  virtual std::optional<Resident> find_resident(std::string_view nik) = 0;
  virtual bool resident_exists(std::string_view nik) = 0;  // without reading the record
  virtual ResidentPage search_residents(const ResidentQuery& q) = 0;
  virtual void for_each_resident(std::string_view region_prefix, const std::function<void(const Resident&)>& f) = 0;
  virtual int64_t count_residents() = 0;

  virtual void upsert_family_members(std::span<const FamilyMember> members) = 0;
  virtual std::vector<FamilyMember> family(std::string_view kk) = 0;

  virtual void record_change(const ResidentChange& c) = 0;
  virtual std::vector<ResidentChange> changes(std::string_view nik) = 0;

  // Atomically advances the counter (kind "nik" or "kk") for a 12-digit prefix and returns the
  // new value. The counter starts at the highest serial already used under the prefix, so it
  // never hands out a number taken by an import. Serialised across processes by the backend.
  virtual int next_serial(std::string_view kind, std::string_view prefix) = 0;

  // Living residents grouped by region at `level` under region_prefix (dotted, "" = national).
  virtual std::vector<StatsCell> population_cells(Level level, std::string_view region_prefix, Date as_of) = 0;

  // Coverage counters per region code (every level), valid for the day coverage_as_of();
  // nullopt = not built yet (nothing is maintained until a rebuild sets the day).
  virtual std::optional<Date> coverage_as_of() = 0;
  virtual void set_coverage_as_of(std::optional<Date> day) = 0;
  // The same, read with a row lock held until commit (a day roll's own transaction).
  virtual std::optional<Date> coverage_as_of_locked() = 0;
  // Rows under the prefix whose code has this length (0 = every length).
  virtual std::map<std::string, CoverageCounters> coverage_rows(std::string_view prefix, size_t code_length) = 0;
  virtual void add_coverage(const std::map<std::string, CoverageCounters>& deltas) = 0;
  virtual void replace_coverage(const std::map<std::string, CoverageCounters>& rows) = 0;
  virtual void put_coverage_snapshot(Date day, const std::map<std::string, CoverageCounters>& rows) = 0;
  virtual std::vector<std::pair<Date, CoverageCounters>> coverage_series(std::string_view code, Date from) = 0;
  // What the counters need of residents: one, all (a rebuild), or those born on given days or
  // whose e-KTP record last moved on a day (a day roll).
  virtual std::optional<CoverageFacts> coverage_facts(std::string_view nik) = 0;
  virtual void scan_coverage_facts(const std::function<void(const CoverageFacts&)>& f) = 0;
  virtual std::vector<CoverageFacts> coverage_facts_born(std::span<const Date> days) = 0;
  virtual std::vector<CoverageFacts> coverage_facts_since(Date day) = 0;

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
  // Makes the resident's print_queue row match their e-KTP record and address (or removes it).
  virtual void do_sync_print_queue(std::string_view nik, bool queued) = 0;

 private:
  void count(const CoverageFacts& facts, int64_t sign);
  template <class Write>
  bool write_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd, Write&& write);
  template <class F>
  auto in_transaction(F&& f);
  bool in_tx_ = false;
  std::optional<Date> coverage_day_;                        // read at begin()
  std::map<std::string, CoverageCounters> pending_;         // deltas written at commit()
};

// RAII write transaction: rolls back unless commit() was called.
class StoreTransaction {
 public:
  explicit StoreTransaction(Store& s) : store_(s) { store_.begin(); }
  ~StoreTransaction() {
    if (!done_) {
      try {
        store_.rollback();
      } catch (...) {
      }
    }
  }
  void commit() {
    store_.commit();
    done_ = true;
  }
  StoreTransaction(const StoreTransaction&) = delete;
  StoreTransaction& operator=(const StoreTransaction&) = delete;

 private:
  Store& store_;
  bool done_ = false;
};

// Opens a store from a location: "postgresql://..." / "postgres://..." / "host=... dbname=..."
// selects PostgreSQL; anything else is an SQLite file path (created when absent). Migrations are
// applied on open.
// One connection per Store: a server opens a pool of them (store/store_pool.h).
std::unique_ptr<Store> open_store(const std::string& location);
bool is_postgres_location(std::string_view location);

}  // namespace ktpel

// RegistryStore: residents, their families, the change log, NIK/KK serial counters and the
// population cells the statistics count.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/date.h"
#include "core/registry/family.h"
#include "core/registry/resident.h"
#include "core/stats/population_stats.h"
#include "core/wilayah/region.h"

namespace ktpel {

struct ResidentQuery {
  std::string name;           // start of the name, case and accents ignored ("" = any)
  // Match the name anywhere: a word of the name starts with the query's longest word (an index,
  // resident_name_tokens) and the name holds the whole query ("suryana" finds "YUSUP SURYANA").
  bool name_contains = false;
  std::string region_prefix;  // dotted code of any level ("" = everywhere)
  int64_t limit = 50;
  int64_t offset = 0;
  // Keyset paging: only residents after this (folded name, NIK) in the result's order, so a deep
  // page costs what the first does ("" = from the start).
  std::string after_name_key{}, after_nik{};
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

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;
  // Inserts residents; result[i] is false when residents[i].nik already exists (nothing written
  // for that row).
  virtual std::vector<bool> insert_residents(std::span<const Resident> residents) = 0;
  virtual void update_resident(const Resident& r) = 0;
  // Registers (or replaces) a resident's birth certificate (akta kelahiran).
  virtual void put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on) = 0;
  virtual std::optional<std::pair<std::string, Date>> birth_certificate(std::string_view nik) = 0;  // number, issued
  // Who issued it (an akta issued at the office, not imported): the office, the officer, when.
  virtual void set_birth_certificate_issuer(std::string_view nik, std::string_view office, std::string_view officer,
                                            std::string_view at) = 0;
  virtual std::optional<Resident> find_resident(std::string_view nik) = 0;
  // True when the NIK was deleted as a duplicate (retired_niks): never issued again.
  virtual bool nik_retired(std::string_view nik) = 0;
  virtual bool resident_exists(std::string_view nik) = 0;  // without reading the record
  virtual ResidentPage search_residents(const ResidentQuery& q) = 0;
  virtual void for_each_resident(std::string_view region_prefix, const std::function<void(const Resident&)>& f) = 0;
  virtual int64_t count_residents() = 0;
  // Living residents born on `day` under region_prefix (dotted): the pool a new registration is
  // checked against for a likely double (indexed by birth date; a regency holds a few dozen).
  virtual std::vector<Resident> residents_born_on(std::string_view region_prefix, Date day) = 0;

  virtual void upsert_family_members(std::span<const FamilyMember> members) = 0;
  virtual std::vector<FamilyMember> family(std::string_view kk) = 0;

  virtual void record_change(const ResidentChange& c) = 0;
  virtual std::vector<ResidentChange> changes(std::string_view nik) = 0;

  // Atomically advances the counter (kind "nik" or "kk") for a 12-digit prefix and returns the
  // new value. The counter starts at the highest serial already used under the prefix, so it
  // never hands out a number taken by an import. Serialised across processes by the backend.
  virtual int next_serial(std::string_view kind, std::string_view prefix) = 0;
  // Inside a write transaction: waits for other writers of residents until this one commits
  // (SQLite: its write lock already does; PostgreSQL: the registry's advisory lock). Taken before a
  // check that decides a write (is this baby already registered? has this child an akta?), so two
  // desks at the same instant cannot both pass the check.
  virtual void lock_registry_writes() = 0;
  // One more of a limited daily action (the births one officer registers in a day): true and
  // counted while under `limit`, false and nothing counted after. Atomic across processes; counted
  // in the caller's transaction, so a refused or rolled-back action gives its place back.
  virtual bool take_daily_quota(std::string_view key, std::string_view day, int limit) = 0;

  // Living residents grouped by region at `level` under region_prefix (dotted, "" = national).
  virtual std::vector<StatsCell> population_cells(Level level, std::string_view region_prefix, Date as_of) = 0;
};

}  // namespace ktpel

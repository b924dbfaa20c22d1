#include "service/registry_service.h"

#include <cstdlib>
#include <map>
#include <optional>
#include <span>

#include "core/common/messages.h"
#include "core/registry/family.h"
#include "core/registry/resident_validation.h"
#include "core/registry/vocabulary.h"
#include "core/wilayah/catalog.h"
#include "store/audit_scope.h"
#include "service/ektp_service.h"
#include "service/resident_json.h"

namespace ktpel {
namespace {

Error first_error(const std::vector<Error>& errors) {
  for (const auto& e : errors)
    if (e.severity == Severity::Error) return e;
  return errors.front();
}

// Issues within the caller's transaction: advances the counter past serials already in use.
Result<std::string> issue_in_tx(RegistryStore& store, const char* kind, const std::string& prefix, const std::string& label) {
  while (true) {
    const int serial = store.next_serial(kind, prefix);
    if (serial > kMaxSerial)
      return make_error(std::string(kind) == "kk" ? "KK_SERIAL_EXHAUSTED" : "NIK_SERIAL_EXHAUSTED", kind, {label});
    std::string number = format_nik(prefix, serial);
    // A NIK deleted as a duplicate is never issued again (it may still be on old documents).
    const bool taken = std::string(kind) == "kk" ? !store.family(number).empty()
                                                 : store.find_resident(number).has_value() || store.nik_retired(number);
    if (!taken) return number;
  }
}

// A resident's family row follows a new KK number, with its relationship, in the caller's
// transaction (a PATCH of the KK left the family table at the old one). A head of family may not
// join a KK that already has a head: two heads, and most likely a mistyped number.
std::optional<Error> move_membership(RegistryStore& store, const std::string& nik, const std::string& from, const std::string& to) {
  std::optional<FamilyMember> member;
  for (auto& m : store.family(from))
    if (m.nik == nik) member = m;
  if (!member) return std::nullopt;  // in no family list (imported without families.csv)
  if (member->relationship == kHeadOfFamily)
    for (const auto& m : store.family(to))
      if (m.relationship == kHeadOfFamily) return make_error("KK_HEAD_TAKEN", "kk", {nik, to, m.nik});
  member->kk = to;
  store.upsert_family_members(std::span<const FamilyMember>(&*member, 1));
  return std::nullopt;
}

// The e-KTP side of a death, in the caller's transaction.
std::optional<Error> close_ektp_of_deceased(StoreView<EktpStore, PrintStore> store, const std::string& nik, Date died,
                                            const Actor& actor) {
  auto record = store.as<EktpStore>().ektp_record(nik);
  if (record && !is_terminal(record->status)) {  // a DELIVERED card is history; it stays as it is
    auto to = apply_ektp_event(store.as<EktpStore>(), nik, EktpEvent::Decease, {actor.name, "centre", actor.now},
                               "meninggal dunia " + died.iso());
    if (!to) return to.error();
  }
  // At most one is open (a suket is issued from PRR only; printing closes it). No card serial.
  if (auto s = store.as<PrintStore>().open_suket_of(nik)) store.as<PrintStore>().close_suket(s->number, actor.now, "");
  return std::nullopt;
}

}  // namespace

int births_per_officer_day() {
  const char* env = std::getenv("KTPEL_BIRTHS_PER_OFFICER_DAY");
  const int v = env && *env ? std::atoi(env) : 0;
  return v > 0 ? v : 200;
}

Result<std::string> RegistryService::issue(const char* kind, const std::string& prefix, const std::string& label) {
  StoreTransaction tx(store_.transactions());
  auto number = issue_in_tx(store_.as<RegistryStore>(), kind, prefix, label);
  if (number) tx.commit();
  return number;
}

Result<std::string> RegistryService::issue_nik(const std::string& kecamatan, Date birth, Sex sex) {
  const Region* kec = wilayah_.find(kecamatan);
  if (!kec || kec->level != Level::Kecamatan) return make_error("KECAMATAN_UNKNOWN", "kecamatan", {kecamatan});
  const std::string prefix = nik_prefix(kecamatan, birth, sex);
  return issue("nik", prefix, prefix);
}

Result<std::string> RegistryService::issue_kk(const std::string& kecamatan, Date issue_date) {
  const Region* kec = wilayah_.find(kecamatan);
  if (!kec || kec->level != Level::Kecamatan) return make_error("KECAMATAN_UNKNOWN", "kecamatan", {kecamatan});
  const std::string prefix = kk_prefix(kecamatan, issue_date);
  return issue("kk", prefix, prefix);
}

std::vector<Error> RegistryService::check_nik(const std::string& nik, Date as_of, std::optional<Date> birth_date,
                                              std::optional<Sex> sex) {
  NikContext ctx{&wilayah_, as_of, birth_date, sex, false};
  if (nik.size() == 16) {
    if (auto existing = store_->find_resident(nik)) {
      // Checking a registered NIK against other data means someone else claims it.
      if (birth_date || sex) {
        ctx.registered_to_other = (birth_date && *birth_date != existing->birth_date) || (sex && *sex != existing->sex);
      } else {
        ctx.recorded_birth_date = existing->birth_date;
        ctx.recorded_sex = existing->sex;
      }
    }
  }
  return validate_nik(nik, ctx);
}

Result<Resident> RegistryService::register_birth(Resident r, const std::string& relationship, const Actor& actor) {
  const Region* village = wilayah_.find(r.village_code);
  if (!village || village->level != Level::Desa) return make_error("VILLAGE_UNKNOWN", "village_code", {r.village_code});
  if (!relationship.empty() && !vocabulary::contains(vocabulary::kRelationships, relationship))
    return make_error("RELATIONSHIP_VALUE", "relationship", {relationship, vocabulary::join(vocabulary::kRelationships)});
  StoreTransaction tx(store_.transactions());
  if (const int limit = births_per_officer_day();
      !store_.as<RegistryStore>().take_daily_quota("births:" + actor.name, actor.today.iso(), limit))
    return make_error("ISSUANCE_LIMIT", "actor", {actor.name, std::to_string(limit), actor.today.iso()});
  const std::string prefix = nik_prefix(r.kecamatan_code(), r.birth_date, r.sex);
  auto nik = issue_in_tx(store_.as<RegistryStore>(), "nik", prefix, prefix);
  if (!nik) return nik.error();
  r.nik = *nik;
  if (r.kk.empty()) {  // a new family card for the newborn's household
    auto kk = issue_in_tx(store_.as<RegistryStore>(), "kk", kk_prefix(r.kecamatan_code(), actor.today), r.kecamatan_code());
    if (!kk) return kk.error();
    r.kk = *kk;
  }
  r.alive = true;
  r.death_date.reset();
  auto errors = validate_resident(r, wilayah_, actor.today);
  if (!errors.empty()) return first_error(errors);
  r.created_at = r.updated_at = actor.now;
  store_->insert_residents(std::span<const Resident>(&r, 1));
  if (!relationship.empty()) {
    FamilyMember m{r.kk, r.nik, relationship};
    store_->upsert_family_members(std::span<const FamilyMember>(&m, 1));
  }
  store_->record_change({0, r.nik, std::string(to_string(EventType::Birth)), actor.name, actor.now, "",
                        to_json(r).dump(), ""});
  AuditScope::note_target(r.nik);  // the NIK is known only now; the entry is written at the commit
  tx.commit();
  return r;
}

template <class F>
Result<Resident> RegistryService::change(const std::string& nik, EventType type, const Actor& actor,
                                         const std::string& reason, F&& apply) {
  StoreTransaction tx(store_.transactions());
  auto before = store_->find_resident(nik);
  if (!before) return make_error("RESIDENT_NOT_FOUND", "nik", {nik});
  Result<Resident> after = apply(*before);
  if (!after) return after;
  auto errors = validate_resident(*after, wilayah_, actor.today);
  if (!errors.empty()) return first_error(errors);
  Resident stored = *after;
  stored.updated_at = actor.now;
  if (stored.kk != before->kk)
    if (auto e = move_membership(store_.as<RegistryStore>(), nik, before->kk, stored.kk)) return *e;
  store_->update_resident(stored);
  store_->record_change({0, nik, std::string(to_string(type)), actor.name, actor.now, to_json(*before).dump(),
                        to_json(stored).dump(), reason});
  tx.commit();
  return stored;
}

Result<Resident> RegistryService::record_death(const std::string& nik, const DeathEvent& e, const Actor& actor,
                                               const std::string& reason) {
  // The dead stayed first in the print queue, got a card and a suket that verified VALID.
  StoreTransaction tx(store_.transactions());
  auto dead = change(nik, EventType::Death, actor, reason, [&](const Resident& r) { return apply_death(r, e); });
  if (!dead) return dead;
  if (auto err = close_ektp_of_deceased(closing_, nik, e.date, actor)) return *err;
  tx.commit();
  return dead;
}
Result<Resident> RegistryService::record_move(const std::string& nik, const MoveEvent& e, const Actor& actor,
                                              const std::string& reason) {
  return change(nik, EventType::Move, actor, reason, [&](const Resident& r) { return apply_move(r, e); });
}
Result<Resident> RegistryService::record_marital_change(const std::string& nik, const MaritalChangeEvent& e,
                                                        const Actor& actor, const std::string& reason) {
  return change(nik, EventType::MaritalChange, actor, reason, [&](const Resident& r) { return apply_marital_change(r, e); });
}
Result<Resident> RegistryService::correct(const std::string& nik, const Resident& corrected, const Actor& actor,
                                          const std::string& reason) {
  return change(nik, EventType::Correction, actor, reason, [&](const Resident& r) { return apply_correction(r, corrected); });
}

Result<PopulationStats> RegistryService::population_stats(Level level, const std::string& code, Date as_of) {
  if (!code.empty()) {
    const Region* region = wilayah_.find(code);
    if (!region) return make_error("WILAYAH_NOT_FOUND", "code", {code});
    if (static_cast<int>(region->level) > static_cast<int>(level))
      return make_error("WILAYAH_LEVEL", "level", {std::string(level_name(level))});
  }
  PopulationStats stats = aggregate_stats(store_->population_cells(level, code, as_of), as_of);
  // Regions directly below `code` with nobody registered still get a row (zeros), so tables
  // list every kabupaten/kecamatan of the parent.
  std::map<std::string, StatsRow> rows;
  for (auto& r : stats.rows) rows.emplace(r.code, std::move(r));
  const Region* parent = code.empty() ? nullptr : wilayah_.find(code);
  const int parent_level = parent ? static_cast<int>(parent->level) : 0;
  if (static_cast<int>(level) == parent_level + 1)
    for (const Region* child : wilayah_.children(code)) rows.try_emplace(child->code).first->second.code = child->code;
  stats.rows.clear();
  for (auto& [c, row] : rows) {
    if (const Region* r = wilayah_.find(c)) row.name = r->name;
    stats.rows.push_back(std::move(row));
  }
  stats.total.code = code;
  stats.total.name = parent ? parent->name : "Indonesia";
  return stats;
}

}  // namespace ktpel

#include "service/registry_service.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <span>

#include "core/common/messages.h"
#include "core/registry/family.h"
#include "core/registry/marital_age.h"
#include "core/registry/wajib_ktp.h"
#include "core/registry/resident_validation.h"
#include "core/registry/vocabulary.h"
#include "core/wilayah/catalog.h"
#include "store/audit_scope.h"
#include "service/ektp_service.h"
#include "service/likely_double.h"
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

namespace {

// The relationship a child gets in a parent's KK: ANAK of the head's couple, CUCU of a child
// there, FAMILI LAIN otherwise (SIAK's SHDK).
std::string child_relationship(std::string_view parent) {
  if (parent == kHeadOfFamily || parent == "SUAMI" || parent == "ISTRI") return "ANAK";
  if (parent == "ANAK" || parent == "MENANTU") return "CUCU";
  return "FAMILI LAIN";
}

std::optional<FamilyMember> member_row(RegistryStore& store, const std::string& kk, const std::string& nik) {
  for (auto& m : store.family(kk))
    if (m.nik == nik) return m;
  return std::nullopt;
}

std::optional<FamilyMember> head_of(RegistryStore& store, const std::string& kk) {
  for (auto& m : store.family(kk))
    if (m.relationship == kHeadOfFamily) return m;
  return std::nullopt;
}

// Wajib KTP (17, or married): who may head a family. A marriage the legal age rules out (a baby
// "KAWIN") does not make an adult.
bool is_adult(const Resident& r, Date on) {
  const bool married = r.marital_status == "KAWIN" || r.marital_status == "CERAI HIDUP" || r.marital_status == "CERAI MATI";
  return r.birth_date.age_on(on) >= kWajibKtpAge || (married && !marital_age_problem(r, on));
}

}  // namespace

std::vector<Error> RegistryService::check_birth(BirthRegistration& b, const Actor& actor, Placement& placement) {
  RegistryStore& store = store_.as<RegistryStore>();
  Resident& r = b.resident;
  std::vector<Error> errors;
  canonicalise_vocabularies(r);
  if (!b.relationship.empty()) {
    b.relationship = vocabulary::canonical(vocabulary::kRelationships, b.relationship);
    if (!vocabulary::contains(vocabulary::kRelationships, b.relationship))
      errors.push_back(make_error("RELATIONSHIP_VALUE", "relationship", {b.relationship, vocabulary::join(vocabulary::kRelationships)}));
  }
  // The parents: registered residents of the right sex, born before the child; or a stated reason.
  if (!b.parent_reason.empty()) {
    b.parent_reason = vocabulary::canonical(kParentReasons, b.parent_reason);
    if (!vocabulary::contains(kParentReasons, b.parent_reason))
      errors.push_back(make_error("ENUM_VALUE", "parent_reason", {"parent_reason", b.parent_reason, vocabulary::join(kParentReasons)}));
  } else if (b.mother_nik.empty()) {
    errors.push_back(make_error("PARENT_REQUIRED", "mother_nik", {vocabulary::join(kParentReasons)}));
  }
  std::optional<Resident> mother, father;
  auto parent = [&](const std::string& nik, const char* field, Sex sex, std::string& name) -> std::optional<Resident> {
    if (nik.empty()) return std::nullopt;
    auto p = store.find_resident(nik);
    if (!p) {
      errors.push_back(make_error("PARENT_NOT_FOUND", field, {field, nik}));
      return std::nullopt;
    }
    if (p->sex != sex) errors.push_back(make_error("PARENT_SEX", field, {field, nik, std::string(to_string(sex))}));
    if (p->birth_date >= r.birth_date) errors.push_back(make_error("PARENT_BORN_AFTER", field, {field, nik, p->birth_date.iso()}));
    if (name.empty()) name = p->name;  // the akta's parent names come from the registry
    return p;
  };
  mother = parent(b.mother_nik, "mother_nik", Sex::P, r.mother_name);
  father = parent(b.father_nik, "father_nik", Sex::L, r.father_name);
  if (auto e = marital_age_problem(r, actor.today)) errors.push_back(*e);
  if (b.confirm_not_double && b.not_double_reason.empty())
    errors.push_back(make_error("FIELD_REQUIRED", "not_double_reason", {"not_double_reason"}));
  // The family: a child joins a parent's KK unless the officer states otherwise, with a reason.
  const bool adult = is_adult(r, actor.today);
  const Resident* with_kk = mother && !mother->kk.empty() ? &*mother : father && !father->kk.empty() ? &*father : nullptr;
  const std::string parents_kk = with_kk ? with_kk->kk : "";
  const bool elsewhere = !parents_kk.empty() && (b.new_kk || (!r.kk.empty() && r.kk != parents_kk));
  if (elsewhere && b.kk_reason.empty()) errors.push_back(make_error("KK_REASON_REQUIRED", "kk_reason", {parents_kk}));
  if (b.new_kk) {
    if (!r.kk.empty()) errors.push_back(make_error("KK_CHOICE_CONFLICT", "new_kk"));
    if (!adult) errors.push_back(make_error("KK_HEAD_MINOR", "new_kk", {r.name}));
    if (!b.relationship.empty() && b.relationship != kHeadOfFamily)
      errors.push_back(make_error("KK_NEW_NEEDS_HEAD", "relationship", {b.relationship}));
    placement = {"", std::string(kHeadOfFamily)};
  } else if (!r.kk.empty() || !parents_kk.empty()) {
    placement.kk = r.kk.empty() ? parents_kk : r.kk;
    if (store.family(placement.kk).empty()) errors.push_back(make_error("KK_NOT_FOUND", "kk", {placement.kk}));
    placement.relationship = b.relationship;
    if (placement.relationship.empty() && placement.kk == parents_kk)
      if (auto row = member_row(store, parents_kk, with_kk->nik)) placement.relationship = child_relationship(row->relationship);
    if (placement.relationship.empty()) placement.relationship = "ANAK";
    if (placement.relationship == kHeadOfFamily) {
      if (!adult) errors.push_back(make_error("KK_HEAD_MINOR", "relationship", {r.name}));
      if (auto head = head_of(store, placement.kk)) errors.push_back(make_error("KK_HEAD_TAKEN", "relationship", {r.name, placement.kk, head->nik}));
    }
  } else if (!adult) {
    errors.push_back(make_error("KK_REQUIRED", "kk", {r.name}));  // a baby is never made head of a new KK
  } else {
    if (!b.relationship.empty() && b.relationship != kHeadOfFamily)
      errors.push_back(make_error("KK_NEW_NEEDS_HEAD", "relationship", {b.relationship}));
    placement = {"", std::string(kHeadOfFamily)};
  }
  // The record's own fields, checked with stand-in numbers (the real ones are issued only after).
  Resident probe = r;
  const std::string kec = r.village_code.size() >= 8 ? r.kecamatan_code() : "00.00.00";
  probe.nik = format_nik(nik_prefix(kec, r.birth_date, r.sex), 1);
  if (placement.kk.empty()) probe.kk = format_nik(kk_prefix(kec, actor.today), 1);
  else probe.kk = placement.kk;
  std::vector<Error> out;  // the record's own fields first, then the registration's rules
  for (auto& e : validate_resident(probe, wilayah_, actor.today))
    if (e.severity == Severity::Error && e.field != "nik" && (e.field != "kk" || !r.kk.empty())) out.push_back(std::move(e));
  out.insert(out.end(), errors.begin(), errors.end());
  return out;
}

Result<Resident> RegistryService::register_birth(BirthRegistration b, const Actor& actor, Refusal* refusal, std::vector<Error> prior) {
  Refusal local;
  Refusal& out = refusal ? *refusal : local;
  auto refuse = [&](std::vector<Error> errors) -> Result<Resident> {
    out.errors = std::move(errors);
    return out.errors.front();
  };
  StoreTransaction tx(store_.transactions());
  RegistryStore& store = store_.as<RegistryStore>();
  store.lock_registry_writes();  // the likely-double check below decides the write
  Placement placement;
  std::vector<Error> errors = std::move(prior);
  for (auto& e : check_birth(b, actor, placement)) {
    bool named = false;  // a field the request reader already faulted is named once
    for (const auto& p : errors) named = named || p.field == e.field;
    if (!named) errors.push_back(std::move(e));
  }
  if (!errors.empty()) return refuse(std::move(errors));
  Resident r = b.resident;
  if (const int limit = births_per_officer_day(); !store.take_daily_quota("births:" + actor.name, actor.today.iso(), limit))
    return make_error("ISSUANCE_LIMIT", "actor", {actor.name, std::to_string(limit), actor.today.iso()});
  // Before a NIK is issued: is this person already registered (the same baby twice)?
  r.kk = placement.kk;
  out.candidates = likely_doubles(store, r);
  std::string reason = b.parent_reason.empty() ? "" : "orang tua: " + b.parent_reason;
  if (!b.kk_reason.empty()) reason += (reason.empty() ? "" : "; ") + std::string("KK: ") + b.kk_reason;
  if (!out.candidates.empty()) {
    std::string niks;
    for (const auto& n : out.candidates) niks += (niks.empty() ? "" : ", ") + n;
    if (!b.confirm_not_double) return refuse({make_error("LIKELY_DOUBLE", "confirm_not_double", {niks})});
    reason += (reason.empty() ? "" : "; ") + std::string("bukan data ganda dari ") + niks + ": " + b.not_double_reason;
    AuditScope::note_detail("confirm_not_double " + niks + ": " + b.not_double_reason);
  }
  const std::string prefix = nik_prefix(r.kecamatan_code(), r.birth_date, r.sex);
  auto nik = issue_in_tx(store, "nik", prefix, prefix);
  if (!nik) return nik.error();
  r.nik = *nik;
  if (r.kk.empty()) {  // an adult's own new family card
    auto kk = issue_in_tx(store, "kk", kk_prefix(r.kecamatan_code(), actor.today), r.kecamatan_code());
    if (!kk) return kk.error();
    r.kk = *kk;
  }
  r.alive = true;
  r.death_date.reset();
  r.created_at = r.updated_at = actor.now;
  store.insert_residents(std::span<const Resident>(&r, 1));
  FamilyMember m{r.kk, r.nik, placement.relationship};
  store.upsert_family_members(std::span<const FamilyMember>(&m, 1));
  nlohmann::json after = to_json(r);
  after["relationship"] = placement.relationship;
  after["mother_nik"] = b.mother_nik;
  after["father_nik"] = b.father_nik;
  store.record_change({0, r.nik, std::string(to_string(EventType::Birth)), actor.name, actor.now, "", after.dump(), reason});
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
  std::vector<Error> refused;  // every problem at once (a warning alone refuses as before)
  for (const auto& e : errors)
    if (e.severity == Severity::Error) refused.push_back(e);
  if (!refused.empty()) return refused;
  if (!errors.empty()) return first_error(errors);
  // The legal marriage age, where this change sets the status or the birth date (an old record
  // is not refused for a correction of its address).
  if (after->marital_status != before->marital_status || after->birth_date != before->birth_date)
    if (auto e = marital_age_problem(*after, actor.today)) return *e;
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
  StoreTransaction tx(store_.transactions());
  RegistryStore& store = store_.as<RegistryStore>();
  auto before = store.find_resident(nik);
  if (!before) return make_error("RESIDENT_NOT_FOUND", "nik", {nik});
  MoveEvent ev = e;
  if (ev.new_kk && ev.new_kk->empty()) ev.new_kk.reset();
  ev.relationship = vocabulary::canonical(vocabulary::kRelationships, ev.relationship);
  auto moved = apply_move(*before, ev);
  if (!moved) return moved;
  std::vector<Error> errors = validate_resident(*moved, wilayah_, actor.today);
  std::erase_if(errors, [](const Error& x) { return x.severity != Severity::Error; });
  // The old KK: who leaves with the mover, and who heads it after.
  std::vector<FamilyMember> others;
  bool was_head = false;
  for (auto& m : store.family(before->kk)) {
    if (m.nik == nik) was_head = m.relationship == kHeadOfFamily;
    else others.push_back(m);
  }
  std::string members;
  for (const auto& m : others) members += (members.empty() ? "" : ", ") + m.nik + " (" + m.relationship + ")";
  if (ev.with_family) {
    if (!was_head) errors.push_back(make_error("MOVE_FAMILY_NOT_HEAD", "with_family", {nik}));
    if (ev.new_kk) errors.push_back(make_error("KK_CHOICE_CONFLICT", "kk"));
  } else if (was_head && !others.empty()) {
    const auto heir = std::find_if(others.begin(), others.end(), [&](const FamilyMember& m) { return m.nik == ev.new_head; });
    if (ev.new_head.empty()) {
      errors.push_back(make_error("MOVE_NEW_HEAD_REQUIRED", "new_head", {before->kk, members}));
    } else if (heir == others.end()) {
      errors.push_back(make_error("MOVE_NEW_HEAD_INVALID", "new_head", {ev.new_head, before->kk, members}));
    } else {
      auto person = store.find_resident(ev.new_head);
      if (!person || !person->alive || !is_adult(*person, actor.today))
        errors.push_back(make_error("MOVE_NEW_HEAD_INVALID", "new_head", {ev.new_head, before->kk, members}));
    }
  }
  // The destination: a KK of the destination village, or a new one headed by the mover.
  std::string relationship(kHeadOfFamily);
  if (ev.new_kk) {
    const auto target = store.family(*ev.new_kk);
    bool there = !target.empty();
    for (const auto& m : target)
      if (m.nik != nik)
        if (auto member = store.find_resident(m.nik); member && member->alive) there = there && member->village_code == ev.village_code;
    if (target.empty()) errors.push_back(make_error("KK_NOT_FOUND", "kk", {*ev.new_kk}));
    else if (!there) errors.push_back(make_error("KK_NOT_IN_DESTINATION", "kk", {*ev.new_kk, ev.village_code}));
    relationship = ev.relationship;
    if (relationship.empty()) errors.push_back(make_error("FIELD_REQUIRED", "relationship", {"relationship"}));
    else if (!vocabulary::contains(vocabulary::kRelationships, relationship))
      errors.push_back(make_error("RELATIONSHIP_VALUE", "relationship", {relationship, vocabulary::join(vocabulary::kRelationships)}));
    else if (relationship == kHeadOfFamily)
      for (const auto& m : target)
        if (m.relationship == kHeadOfFamily && m.nik != nik) errors.push_back(make_error("KK_HEAD_TAKEN", "relationship", {nik, *ev.new_kk, m.nik}));
  } else if (!is_adult(*before, actor.today)) {
    errors.push_back(make_error("KK_HEAD_MINOR", "kk", {before->name}));
  }
  if (!errors.empty()) return errors;  // every problem of the move at once
  std::string kk = ev.new_kk.value_or("");
  if (kk.empty()) {  // a new KK, issued in the destination kecamatan
    auto issued = issue_in_tx(store, "kk", kk_prefix(moved->kecamatan_code(), actor.today), moved->kecamatan_code());
    if (!issued) return issued.error();
    kk = *issued;
  }
  auto move_one = [&](const Resident& from, Resident to, const std::string& rel, const std::string& why) {
    to.kk = kk;
    to.updated_at = actor.now;
    store.update_resident(to);
    FamilyMember row{kk, to.nik, rel};  // one row per NIK: the old KK no longer lists them
    store.upsert_family_members(std::span<const FamilyMember>(&row, 1));
    store.record_change({0, to.nik, std::string(to_string(EventType::Move)), actor.name, actor.now, to_json(from).dump(),
                         to_json(to).dump(), why});
  };
  move_one(*before, *moved, relationship, reason);
  if (ev.with_family) {
    for (const auto& m : others) {
      auto member = store.find_resident(m.nik);
      if (!member) continue;
      Resident to = *member;
      if (member->alive) to.village_code = ev.village_code, to.rt = ev.rt, to.rw = ev.rw, to.address = ev.address;
      move_one(*member, to, m.relationship, "ikut pindah bersama kepala keluarga " + nik);
    }
  } else if (was_head && !others.empty()) {
    FamilyMember heir{before->kk, ev.new_head, std::string(kHeadOfFamily)};
    store.upsert_family_members(std::span<const FamilyMember>(&heir, 1));
  }
  Resident stored = *moved;
  stored.kk = kk;
  stored.updated_at = actor.now;
  tx.commit();
  return stored;
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

#include "core/registry/resident_event.h"

#include "core/common/messages.h"
#include "core/registry/vocabulary.h"

namespace ktpel {

std::string_view to_string(EventType t) {
  switch (t) {
    case EventType::Birth: return "birth";
    case EventType::Death: return "death";
    case EventType::Move: return "move";
    case EventType::MaritalChange: return "marital_change";
    case EventType::Correction: return "correction";
    case EventType::Import: return "import";
  }
  return "?";
}

std::optional<EventType> parse_event_type(std::string_view s) {
  for (auto t : {EventType::Birth, EventType::Death, EventType::Move, EventType::MaritalChange,
                 EventType::Correction, EventType::Import})
    if (to_string(t) == s) return t;
  return std::nullopt;
}

static std::optional<Error> must_be_alive(const Resident& r) {
  if (!r.alive) return make_error("RESIDENT_DEAD", "nik", {r.nik});
  return std::nullopt;
}

Result<Resident> apply_death(const Resident& r, const DeathEvent& e) {
  if (auto err = must_be_alive(r)) return *err;
  if (e.date < r.birth_date) return make_error("DEATH_BEFORE_BIRTH", "date", {e.date.iso(), r.birth_date.iso()});
  Resident out = r;
  out.alive = false;
  out.death_date = e.date;
  return out;
}

Result<Resident> apply_move(const Resident& r, const MoveEvent& e) {
  if (auto err = must_be_alive(r)) return *err;
  if (e.village_code == r.village_code && e.rt == r.rt && e.rw == r.rw && e.address == r.address)
    return make_error("MOVE_SAME_ADDRESS", "village_code");
  Resident out = r;
  out.village_code = e.village_code;
  out.rt = e.rt;
  out.rw = e.rw;
  out.address = e.address;
  if (e.new_kk) out.kk = *e.new_kk;
  return out;
}

Result<Resident> apply_marital_change(const Resident& r, const MaritalChangeEvent& e) {
  if (auto err = must_be_alive(r)) return *err;
  const std::string& from = r.marital_status;
  const std::string to = vocabulary::canonical(vocabulary::kMaritalStatuses, e.marital_status);
  if (!vocabulary::contains(vocabulary::kMaritalStatuses, to))
    return make_error("ENUM_VALUE", "marital_status",
                      {"marital_status", to, vocabulary::join(vocabulary::kMaritalStatuses)});
  // Once married, never "belum kawin" again; a divorce or death needs a marriage first.
  const bool legal = to != from && to != "BELUM KAWIN" && (to == "KAWIN" || from == "KAWIN");
  if (!legal) return make_error("MARITAL_TRANSITION", "marital_status", {from, to});
  Resident out = r;
  out.marital_status = to;
  return out;
}

Result<Resident> apply_correction(const Resident& r, const Resident& corrected) {
  if (corrected.nik != r.nik) return make_error("NIK_IMMUTABLE", "nik");
  Resident out = corrected;
  out.alive = r.alive;
  out.death_date = r.death_date;
  out.created_at = r.created_at;
  return out;
}

}  // namespace ktpel

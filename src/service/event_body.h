// The civil-event and birth bodies (API and `ktpel resident ... --json`) checked and read into
// plain values before anything touches the store: one reader for both shells, and a pure one,
// so it can be fuzzed (fuzz/json_body_fuzz.cc) without a database.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/registry/birth_registration.h"
#include "core/registry/resident.h"
#include "core/registry/resident_event.h"

namespace ktpel {

// {"type":"death","date":"YYYY-MM-DD"}
// | {"type":"move","village_code","rt","rw","address",["kk","relationship","new_head","with_family"]}
// | {"type":"marital_change","marital_status"} | {"type":"correction","changes":{field:value}}
// Every body may carry "reason". Unknown keys are refused, all named at once.
struct EventBody {
  EventType type = EventType::Correction;
  std::string reason;
  DeathEvent death;               // type Death
  MoveEvent move;                 // type Move
  MaritalChangeEvent marital;     // type MaritalChange
  nlohmann::json changes;         // type Correction: an object of resident fields, never "nik"
};
// today: a death after it is refused.
Result<EventBody> read_event_body(const nlohmann::json& body, Date today);

// {"name",...resident fields without nik..., ["relationship", "mother_nik", "father_nik",
// "parent_reason", "new_kk", "kk_reason", "confirm_not_double", "not_double_reason"]}: the new
// resident (with the defaults a newborn gets) and how they are registered. A body that is not an
// object, names a NIK or unknown keys is refused at once; otherwise every missing or mistyped
// field is appended to `problems` (when given; else the first is returned) so the service adds
// its own and the caller hears of all of them together.
using BirthBody = BirthRegistration;
Result<BirthBody> read_birth_body(const nlohmann::json& body, std::vector<Error>* problems = nullptr);

}  // namespace ktpel

// Civil-registration events on a resident (peristiwa kependudukan). Each is applied by a pure
// function that returns the resident after the event or the reason it is not allowed; the
// service records before/after in the change log.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/registry/resident.h"

namespace ktpel {

enum class EventType { Birth, Death, Move, MaritalChange, Correction, Import };
std::string_view to_string(EventType t);
std::optional<EventType> parse_event_type(std::string_view s);

struct DeathEvent {
  Date date;
};
struct MoveEvent {  // pindah-datang: the address changes, the NIK never does
  std::string village_code, rt, rw, address;
  std::optional<std::string> new_kk;  // a KK of the destination village to join; none = a new KK there
  std::string relationship;           // in new_kk (required there)
  std::string new_head;               // the member who heads the old KK when its head leaves alone
  bool with_family = false;           // a head takes every member of the old KK to the new KK
};
struct MaritalChangeEvent {
  std::string marital_status;
};

Result<Resident> apply_death(const Resident& r, const DeathEvent& e);
Result<Resident> apply_move(const Resident& r, const MoveEvent& e);
Result<Resident> apply_marital_change(const Resident& r, const MaritalChangeEvent& e);
// A data correction may change anything but the NIK (and alive/death, which have their event).
Result<Resident> apply_correction(const Resident& r, const Resident& corrected);

}  // namespace ktpel

#include "service/event_request.h"

#include "core/common/messages.h"
#include "service/event_body.h"
#include "service/resident_json.h"

namespace ktpel {

Result<Resident> apply_event_request(RegistryService& service, Store& store, const std::string& nik,
                                     const nlohmann::json& body, const Actor& actor) {
  auto event = read_event_body(body, actor.today);
  if (!event) return event.errors();
  switch (event->type) {
    case EventType::Death: return service.record_death(nik, event->death, actor, event->reason);
    case EventType::Move: return service.record_move(nik, event->move, actor, event->reason);
    case EventType::MaritalChange: return service.record_marital_change(nik, event->marital, actor, event->reason);
    default: break;
  }
  auto current = store.find_resident(nik);
  if (!current) return make_error("RESIDENT_NOT_FOUND", "nik", {nik});
  std::vector<Error> errors;
  Resident corrected = resident_from_json(event->changes, *current, errors);
  if (!errors.empty()) return errors;  // every problem of the changes at once
  return service.correct(nik, corrected, actor, event->reason);
}

Result<Resident> apply_birth_request(RegistryService& service, const nlohmann::json& body, const Actor& actor,
                                     Refusal* refusal) {
  std::vector<Error> problems;
  auto birth = read_birth_body(body, &problems);
  if (!birth) {
    if (refusal) refusal->errors = {birth.error()};
    return birth.error();
  }
  return service.register_birth(std::move(*birth), actor, refusal, std::move(problems));
}

}  // namespace ktpel

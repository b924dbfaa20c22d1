// Civil events given as JSON (the API body and `ktpel resident event --json`), dispatched to
// the registry service. One parser for both shells, so they accept exactly the same input.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "service/registry_service.h"

namespace ktpel {

// {"type":"death","date":"YYYY-MM-DD"}
// | {"type":"move","village_code","rt","rw","address",["kk","relationship","new_head","with_family"]}
// | {"type":"marital_change","marital_status"} | {"type":"correction","changes":{field:value}}
// Every body may carry "reason".
Result<Resident> apply_event_request(RegistryService& service, Store& store, const std::string& nik,
                                     const nlohmann::json& body, const Actor& actor);

// {"name",...resident fields without nik..., ["relationship", "mother_nik", ...]} (event_body.h)
// -> a birth with a new NIK; when refused, `refusal` holds every problem and any likely doubles.
Result<Resident> apply_birth_request(RegistryService& service, const nlohmann::json& body, const Actor& actor,
                                     Refusal* refusal = nullptr);

}  // namespace ktpel

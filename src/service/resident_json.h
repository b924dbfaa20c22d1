// JSON form of residents and change-log rows (API bodies and the before/after of each change).
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "core/common/error.h"
#include "core/nik/nik.h"
#include "core/registry/resident.h"
#include "store/store.h"

namespace ktpel {

nlohmann::json to_json(const Resident& r);
// Reads the resident fields present in j over `base` (absent keys keep base's value). Type and
// date-format problems are appended to errors, each naming its field.
Resident resident_from_json(const nlohmann::json& j, const Resident& base, std::vector<Error>& errors);
nlohmann::json to_json(const ResidentChange& c);
nlohmann::json to_json(const Error& e);
// {nik, valid, problems[], and when decodable: kecamatan_code, province, regency, kecamatan,
// birth_date, sex, serial} — the NIK report of the API and `ktpel nik decode --json`.
nlohmann::json nik_report_json(const std::string& nik, const std::vector<Error>& problems,
                               const std::optional<DecodedNik>& decoded);

}  // namespace ktpel

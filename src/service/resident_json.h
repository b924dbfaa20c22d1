// JSON form of residents and change-log rows (API bodies and the before/after of each change).
#pragma once
#include <array>
#include <nlohmann/json.hpp>
#include <string_view>
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
// The keys resident_from_json reads, in its order.
inline constexpr std::array<std::string_view, 17> kResidentFields = {
    "nik", "kk", "name", "sex", "birth_place", "birth_date", "religion", "marital_status", "occupation",
    "mother_name", "father_name", "village_code", "rt", "rw", "address", "blood_type", "citizenship"};
nlohmann::json to_json(const ResidentChange& c);
nlohmann::json to_json(const Error& e);
// {nik, valid, problems[], and when decodable: kecamatan_code, province, regency, kecamatan,
// birth_date, sex, serial} — the NIK report of the API and `ktpel nik decode --json`.
nlohmann::json nik_report_json(const std::string& nik, const std::vector<Error>& problems,
                               const std::optional<DecodedNik>& decoded);

}  // namespace ktpel

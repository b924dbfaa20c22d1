// The fixed CSV interchange format of the registry (import, export, generator output).
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/registry/resident.h"

namespace ktpel {

inline constexpr std::array<std::string_view, 17> kResidentCsvColumns = {
    "nik", "kk", "name", "sex", "birth_place", "birth_date", "religion", "marital_status",
    "occupation", "mother_name", "father_name", "village_code", "rt", "rw", "address",
    "blood_type", "citizenship"};
std::string resident_csv_header();  // the header line without newline

// Fills `out` from one record's fields (count already checked). Field-format problems (date,
// sex) are appended to `errors`; the rules of validate_resident are not applied here.
void parse_resident_fields(const std::vector<std::string>& fields, Resident& out, std::vector<Error>& errors);
void append_resident_csv(std::string& out, const Resident& r);

// families.csv: one row per member.
inline constexpr std::array<std::string_view, 3> kFamilyCsvColumns = {"kk", "nik", "relationship"};

}  // namespace ktpel

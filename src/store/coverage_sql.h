// SQL shared by both backends for the coverage facts of residents.
#pragma once

namespace ktpel {

// Columns: nik, village_code, birth_date, sex, marital_status, alive, akta_kelahiran, status, since, ikd.
inline constexpr const char* kCoverageFactsSelect =
    "SELECT r.nik, r.village_code, r.birth_date, r.sex, r.marital_status, r.alive, r.akta_kelahiran, e.status, e.since,"
    " e.ikd_activated FROM residents r LEFT JOIN ektp_records e ON e.nik = r.nik";

}  // namespace ktpel

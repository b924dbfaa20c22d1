// SQL shared by both backends for the coverage facts of residents.
#pragma once

namespace ktpel {

// Columns: nik, village_code, birth_date, sex, marital_status, alive, has birth certificate, status, since, ikd.
inline constexpr const char* kCoverageFactsSelect =
    "SELECT r.nik, r.village_code, r.birth_date, r.sex, r.marital_status, r.alive, b.nik IS NOT NULL, e.status, e.since,"
    " e.ikd_activated FROM residents r LEFT JOIN ektp_records e ON e.nik = r.nik LEFT JOIN birth_certificates b ON b.nik = r.nik";

}  // namespace ktpel

// Counts the server's refusals by their error code, for monitoring ([9]): the limits that protect
// the service (ISSUANCE_LIMIT, KK_SERIAL_EXHAUSTED, PERSON_READ_LIMIT, UPLOAD_QUOTA, STORAGE_FULL,
// ...) are only worth having if someone sees them fire. Shown in /metrics as
// ktpel_refusals_total{code,status}; an alert rule on it is the "alert" an office needs (a
// kecamatan running out of KK serials, an account walking the registry, a disk filling up).
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace ktpel::http {

class RefusalCounters {
 public:
  // Only refusals that mean a limit or a resource ran out: 429, 503 and 507 answers, and the
  // 409s of exhausted serials. Returns true when the code is one an officer must hear about now.
  bool count(int status, const std::string& code);
  std::string prometheus() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, int64_t> counts_;  // (code, status); bounded below
};

// The error code of a JSON error answer ({"error":{"code":...}}), or "" when it has none.
std::string error_code_of(const std::string& body);

}  // namespace ktpel::http

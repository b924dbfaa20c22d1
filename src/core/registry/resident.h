// A resident (penduduk) as held in the registry. Enumerated fields keep their SIAK spelling as
// strings (see vocabulary.h) so imports, exports and the API speak the officers' language.
#pragma once
#include <optional>
#include <string>

#include "core/common/date.h"
#include "core/registry/sex.h"

namespace ktpel {

struct Resident {
  std::string nik;
  std::string kk;
  std::string name;
  Sex sex = Sex::L;
  std::string birth_place;
  Date birth_date;
  std::string religion;
  std::string marital_status;
  std::string occupation;
  std::string mother_name;
  std::string father_name;
  std::string village_code;  // dotted desa/kelurahan code
  std::string rt;
  std::string rw;
  std::string address;
  std::string blood_type;
  std::string citizenship;
  bool alive = true;
  std::optional<Date> death_date;
  std::string created_at;  // ISO 8601 UTC, set by the store's caller
  std::string updated_at;

  // The kecamatan / kabupaten / province codes of the address.
  std::string kecamatan_code() const { return village_code.substr(0, 8); }
  std::string regency_code() const { return village_code.substr(0, 5); }
  std::string province_code() const { return village_code.substr(0, 2); }
  bool operator==(const Resident&) const = default;
};

}  // namespace ktpel

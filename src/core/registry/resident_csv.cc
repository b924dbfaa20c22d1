#include "core/registry/resident_csv.h"

#include "core/common/messages.h"
#include "core/registry/resident_validation.h"
#include "core/text/csv.h"

namespace ktpel {

std::string resident_csv_header() {
  std::string h;
  for (auto c : kResidentCsvColumns) {
    if (!h.empty()) h += ',';
    h += c;
  }
  return h;
}

void parse_resident_fields(const std::vector<std::string>& f, Resident& r, std::vector<Error>& errors) {
  r.nik = f[0];
  r.kk = f[1];
  r.name = f[2];
  if (auto s = parse_sex(f[3]))
    r.sex = *s;
  else
    errors.push_back(make_error("ENUM_VALUE", "sex", {"sex", f[3], "L, P"}));
  r.birth_place = f[4];
  if (auto d = Date::parse_iso(f[5]))
    r.birth_date = *d;
  else
    errors.push_back(make_error("DATE_FORMAT", "birth_date", {"birth_date", f[5]}));
  r.religion = f[6];
  r.marital_status = f[7];
  r.occupation = f[8];
  r.mother_name = f[9];
  r.father_name = f[10];
  r.village_code = f[11];
  r.rt = f[12];
  r.rw = f[13];
  r.address = f[14];
  r.blood_type = f[15];
  r.citizenship = f[16];
  canonicalise_vocabularies(r);  // "ISLAM", "islam" -> "Islam"
}

void append_resident_csv(std::string& out, const Resident& r) {
  const std::string birth = r.birth_date.iso();
  csv_append_record(out, {r.nik, r.kk, r.name, to_string(r.sex), r.birth_place, birth, r.religion,
                          r.marital_status, r.occupation, r.mother_name, r.father_name, r.village_code,
                          r.rt, r.rw, r.address, r.blood_type, r.citizenship});
}

}  // namespace ktpel

#include "core/registry/resident_validation.h"

#include "core/common/messages.h"
#include "core/nik/nik.h"
#include "core/registry/vocabulary.h"
#include "core/text/text_rules.h"
#include "core/wilayah/catalog.h"

namespace ktpel {
namespace {

void text_field(std::vector<Error>& out, const char* field, const std::string& v, size_t max, bool required,
                TextKind kind = TextKind::FreeText) {
  if (required && v.empty()) {
    out.push_back(make_error("FIELD_REQUIRED", field, {field}));
    return;
  }
  if (v.size() > max) out.push_back(make_error("FIELD_TOO_LONG", field, {field, std::to_string(max)}));
  if (auto problem = text_problem(field, v, kind)) out.push_back(std::move(*problem));
}

void enum_field(std::vector<Error>& out, const char* field, const std::string& v,
                std::span<const std::string_view> allowed) {
  if (!vocabulary::contains(allowed, v))
    out.push_back(make_error("ENUM_VALUE", field, {field, v, vocabulary::join(allowed)}));
}

void rt_rw(std::vector<Error>& out, const char* field, const std::string& v) {
  bool ok = !v.empty() && v.size() <= 3;
  for (char c : v) ok = ok && c >= '0' && c <= '9';
  if (!ok) out.push_back(make_error("RT_RW_FORMAT", field, {field, v}));
}

}  // namespace

void canonicalise_vocabularies(Resident& r) {
  r.religion = vocabulary::canonical(vocabulary::kReligions, r.religion);
  r.marital_status = vocabulary::canonical(vocabulary::kMaritalStatuses, r.marital_status);
  r.blood_type = vocabulary::canonical(vocabulary::kBloodTypes, r.blood_type);
  r.citizenship = vocabulary::canonical(vocabulary::kCitizenships, r.citizenship);
}

std::vector<Error> validate_resident(const Resident& r, const WilayahCatalog& wilayah, Date as_of) {
  NikContext ctx{&wilayah, as_of, r.birth_date, r.sex, false};
  std::vector<Error> out;
  for (auto& e : validate_nik(r.nik, ctx))
    if (e.severity == Severity::Error) out.push_back(std::move(e));
  for (auto& e : validate_kk(r.kk, ctx))
    if (e.severity == Severity::Error) out.push_back(std::move(e));
  text_field(out, "name", r.name, kMaxNameLength, true, TextKind::PersonName);
  text_field(out, "birth_place", r.birth_place, kMaxNameLength, true);
  if (r.birth_date > as_of) out.push_back(make_error("DATE_IN_FUTURE", "birth_date", {"birth_date", r.birth_date.iso()}));
  enum_field(out, "religion", r.religion, vocabulary::kReligions);
  enum_field(out, "marital_status", r.marital_status, vocabulary::kMaritalStatuses);
  text_field(out, "occupation", r.occupation, kMaxNameLength, true);
  text_field(out, "mother_name", r.mother_name, kMaxNameLength, false, TextKind::PersonName);
  text_field(out, "father_name", r.father_name, kMaxNameLength, false, TextKind::PersonName);
  const Region* village = wilayah.find(r.village_code);
  if (!village || village->level != Level::Desa)
    out.push_back(make_error("VILLAGE_UNKNOWN", "village_code", {r.village_code}));
  rt_rw(out, "rt", r.rt);
  rt_rw(out, "rw", r.rw);
  text_field(out, "address", r.address, kMaxAddressLength, true);
  enum_field(out, "blood_type", r.blood_type, vocabulary::kBloodTypes);
  enum_field(out, "citizenship", r.citizenship, vocabulary::kCitizenships);
  if (r.death_date && *r.death_date < r.birth_date)
    out.push_back(make_error("DEATH_BEFORE_BIRTH", "death_date", {r.death_date->iso(), r.birth_date.iso()}));
  return out;
}

}  // namespace ktpel

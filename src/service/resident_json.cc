#include "service/resident_json.h"

#include "core/common/messages.h"
#include "core/registry/resident_validation.h"

namespace ktpel {

nlohmann::json to_json(const Resident& r) {
  return {{"nik", r.nik},
          {"kk", r.kk},
          {"name", r.name},
          {"sex", to_string(r.sex)},
          {"birth_place", r.birth_place},
          {"birth_date", r.birth_date.iso()},
          {"religion", r.religion},
          {"marital_status", r.marital_status},
          {"occupation", r.occupation},
          {"mother_name", r.mother_name},
          {"father_name", r.father_name},
          {"village_code", r.village_code},
          {"rt", r.rt},
          {"rw", r.rw},
          {"address", r.address},
          {"blood_type", r.blood_type},
          {"citizenship", r.citizenship},
          {"alive", r.alive},
          {"death_date", r.death_date ? nlohmann::json(r.death_date->iso()) : nlohmann::json()},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

Resident resident_from_json(const nlohmann::json& j, const Resident& base, std::vector<Error>& errors) {
  Resident r = base;
  if (!j.is_object()) {
    errors.push_back(make_error("FIELD_REQUIRED", "body", {"body (JSON object)"}));
    return r;
  }
  auto text = [&](const char* key, std::string& out) {
    if (!j.contains(key)) return;
    if (!j[key].is_string()) {
      errors.push_back(make_error("FIELD_REQUIRED", key, {std::string(key) + " (string)"}));
      return;
    }
    out = j[key].get<std::string>();
  };
  text("nik", r.nik);
  text("kk", r.kk);
  text("name", r.name);
  std::string sex(to_string(r.sex));
  text("sex", sex);
  if (auto s = parse_sex(sex))
    r.sex = *s;
  else
    errors.push_back(make_error("ENUM_VALUE", "sex", {"sex", sex, "L, P"}));
  text("birth_place", r.birth_place);
  std::string birth = r.birth_date.iso();
  text("birth_date", birth);
  if (auto d = Date::parse_iso(birth))
    r.birth_date = *d;
  else
    errors.push_back(make_error("DATE_FORMAT", "birth_date", {"birth_date", birth}));
  text("religion", r.religion);
  text("marital_status", r.marital_status);
  text("occupation", r.occupation);
  text("mother_name", r.mother_name);
  text("father_name", r.father_name);
  text("village_code", r.village_code);
  text("rt", r.rt);
  text("rw", r.rw);
  text("address", r.address);
  text("blood_type", r.blood_type);
  text("citizenship", r.citizenship);
  canonicalise_vocabularies(r);  // any case on input, one spelling stored
  return r;
}

nlohmann::json to_json(const ResidentChange& c) {
  auto parse = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json::parse(s, nullptr, false); };
  return {{"id", c.id},         {"nik", c.nik},         {"event", c.event},
          {"actor", c.actor},   {"at", c.at},           {"before", parse(c.before_json)},
          {"after", parse(c.after_json)}, {"reason", c.reason}};
}

nlohmann::json to_json(const Error& e) {
  return {{"code", e.code},
          {"message", e.message_en},
          {"message_id", e.message_id},
          {"field", e.field},
          {"severity", e.severity == Severity::Error ? "error" : "warning"}};
}

nlohmann::json nik_report_json(const std::string& nik, const std::vector<Error>& problems,
                               const std::optional<DecodedNik>& d) {
  nlohmann::json j = {{"nik", nik}, {"valid", d.has_value()}, {"problems", nlohmann::json::array()}};
  for (const auto& p : problems) j["problems"].push_back(to_json(p));
  if (d) {
    j["kecamatan_code"] = d->kecamatan_code;
    j["province"] = d->province_name;
    j["regency"] = d->regency_name;
    j["kecamatan"] = d->kecamatan_name;
    j["birth_date"] = d->birth_date.iso();
    j["sex"] = to_string(d->sex);
    j["serial"] = d->serial;
  }
  return j;
}

}  // namespace ktpel

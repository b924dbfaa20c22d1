#include "service/event_body.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include "core/common/messages.h"
#include "service/resident_json.h"

namespace ktpel {
namespace {

Result<std::string> text(const nlohmann::json& j, const char* key, bool required = true) {
  if (!j.contains(key) || j[key].is_null()) {
    if (required) return make_error("FIELD_REQUIRED", key, {key});
    return std::string();
  }
  if (!j[key].is_string()) return make_error("FIELD_REQUIRED", key, {std::string(key) + " (string)"});
  return j[key].get<std::string>();
}

// Keys of `body` outside the allowed lists, named all at once (422): a misspelt or unsupported
// field was ignored with a 200 before, so the caller thought it had changed something.
std::optional<Error> unknown_fields(const nlohmann::json& body, std::initializer_list<std::span<const std::string_view>> allowed) {
  std::string unknown, first, known;
  for (const auto& item : body.items()) {
    const std::string& key = item.key();
    bool found = false;
    for (const auto& list : allowed) found = found || std::find(list.begin(), list.end(), key) != list.end();
    if (found) continue;
    if (first.empty()) first = key;
    unknown += (unknown.empty() ? "" : ", ") + key;
  }
  if (unknown.empty()) return std::nullopt;
  for (const auto& list : allowed)
    for (std::string_view k : list) known += (known.empty() ? "" : ", ") + std::string(k);
  return make_error("FIELD_UNKNOWN", first, {unknown, known});
}

constexpr std::array<std::string_view, 2> kEventCommon = {"type", "reason"};
constexpr std::array<std::string_view, 1> kDeathFields = {"date"};
constexpr std::array<std::string_view, 8> kMoveFields = {"village_code", "rt",           "rw",      "address",
                                                        "kk",           "relationship", "new_head", "with_family"};
constexpr std::array<std::string_view, 1> kMaritalFields = {"marital_status"};
constexpr std::array<std::string_view, 1> kCorrectionFields = {"changes"};
constexpr std::array<std::string_view, 8> kBirthExtra = {"relationship", "mother_nik",         "father_nik",
                                                         "parent_reason", "new_kk",            "kk_reason",
                                                         "confirm_not_double", "not_double_reason"};

// A true/false key (absent = false).
Result<bool> flag(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return false;
  if (!j[key].is_boolean()) return make_error("FIELD_TYPE", key, {key, "true/false", "true or false"});
  return j[key].get<bool>();
}

std::span<const std::string_view> fields_of(EventType type) {
  switch (type) {
    case EventType::Death: return kDeathFields;
    case EventType::Move: return kMoveFields;
    case EventType::MaritalChange: return kMaritalFields;
    default: return kCorrectionFields;
  }
}

}  // namespace

Result<EventBody> read_event_body(const nlohmann::json& body, Date today) {
  if (!body.is_object()) return make_error("FIELD_REQUIRED", "body", {"body (JSON object)"});
  auto type_text = text(body, "type");
  if (!type_text) return type_text.error();
  auto type = parse_event_type(*type_text);
  if (!type || *type == EventType::Birth || *type == EventType::Import)
    return make_error("ENUM_VALUE", "type", {"type", *type_text, "death, move, marital_change, correction"});
  // Every problem of the request at once: unknown keys, then each field in turn.
  std::vector<Error> errors;
  if (auto e = unknown_fields(body, {kEventCommon, fields_of(*type)})) errors.push_back(*e);
  auto take = [&](const char* key, std::string& into, bool required = true) {
    auto v = text(body, key, required);
    if (v) into = *v;
    else errors.push_back(v.error());
  };
  EventBody out;
  out.type = *type;
  take("reason", out.reason, false);
  switch (*type) {
    case EventType::Death: {
      std::string date;
      take("date", date);
      if (body.contains("date") && body["date"].is_string()) {
        if (auto d = Date::parse_iso(date); !d) errors.push_back(make_error("DATE_FORMAT", "date", {"date", date}));
        else if (*d > today) errors.push_back(make_error("DATE_IN_FUTURE", "date", {"date", date}));
        else out.death.date = *d;
      }
      break;
    }
    case EventType::Move: {
      MoveEvent& e = out.move;
      for (auto [key, field] : {std::pair{"village_code", &e.village_code}, {"rt", &e.rt}, {"rw", &e.rw}, {"address", &e.address}})
        take(key, *field);
      std::string kk;
      take("kk", kk, false);
      if (!kk.empty()) e.new_kk = kk;
      take("relationship", e.relationship, false);
      take("new_head", e.new_head, false);
      auto family = flag(body, "with_family");
      if (family) e.with_family = *family;
      else errors.push_back(family.error());
      break;
    }
    case EventType::MaritalChange: take("marital_status", out.marital.marital_status); break;
    case EventType::Correction: {
      if (!body.contains("changes") || !body["changes"].is_object()) {
        errors.push_back(make_error("FIELD_REQUIRED", "changes", {"changes (object of field: new value)"}));
        break;
      }
      if (body["changes"].contains("nik")) errors.push_back(make_error("NIK_IMMUTABLE", "nik"));
      if (auto e = unknown_fields(body["changes"], {kResidentFields})) errors.push_back(*e);
      out.changes = body["changes"];
      break;
    }
    default: return make_error("ENUM_VALUE", "type", {"type", *type_text, "death, move, marital_change, correction"});
  }
  if (!errors.empty()) return errors;
  return out;
}

Result<BirthBody> read_birth_body(const nlohmann::json& body, std::vector<Error>* problems) {
  if (!body.is_object()) return make_error("FIELD_REQUIRED", "body", {"body (JSON object)"});
  if (body.contains("nik")) return make_error("NIK_IMMUTABLE", "nik");
  if (auto e = unknown_fields(body, {kResidentFields, kBirthExtra})) return *e;
  std::vector<Error> errors;
  for (const char* key : {"name", "sex", "birth_place", "birth_date", "religion", "village_code", "rt", "rw", "address"})
    if (!body.contains(key)) errors.push_back(make_error("FIELD_REQUIRED", key, {key}));
  Resident base;
  base.marital_status = "BELUM KAWIN";
  base.occupation = "BELUM/TIDAK BEKERJA";
  base.blood_type = "TIDAK TAHU";
  base.citizenship = "WNI";
  BirthBody out;
  out.resident = resident_from_json(body, base, errors);
  for (auto [key, field] : {std::pair{"relationship", &out.relationship}, {"mother_nik", &out.mother_nik},
                            {"father_nik", &out.father_nik}, {"parent_reason", &out.parent_reason},
                            {"kk_reason", &out.kk_reason}, {"not_double_reason", &out.not_double_reason}}) {
    auto v = text(body, key, false);
    if (v) *field = *v;
    else errors.push_back(v.error());
  }
  for (auto [key, field] : {std::pair{"new_kk", &out.new_kk}, {"confirm_not_double", &out.confirm_not_double}}) {
    auto v = flag(body, key);
    if (v) *field = *v;
    else errors.push_back(v.error());
  }
  if (!errors.empty() && !problems) return errors.front();
  if (problems) problems->insert(problems->end(), errors.begin(), errors.end());
  return out;
}

}  // namespace ktpel

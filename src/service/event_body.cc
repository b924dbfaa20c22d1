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
constexpr std::array<std::string_view, 5> kMoveFields = {"village_code", "rt", "rw", "address", "kk"};
constexpr std::array<std::string_view, 1> kMaritalFields = {"marital_status"};
constexpr std::array<std::string_view, 1> kCorrectionFields = {"changes"};
constexpr std::array<std::string_view, 1> kBirthExtra = {"relationship"};

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
  auto reason = text(body, "reason", false);
  if (!reason) return reason.error();
  auto type = parse_event_type(*type_text);
  if (!type || *type == EventType::Birth || *type == EventType::Import)
    return make_error("ENUM_VALUE", "type", {"type", *type_text, "death, move, marital_change, correction"});
  if (auto e = unknown_fields(body, {kEventCommon, fields_of(*type)})) return *e;
  EventBody out;
  out.type = *type;
  out.reason = *reason;
  switch (*type) {
    case EventType::Death: {
      auto date = text(body, "date");
      if (!date) return date.error();
      auto d = Date::parse_iso(*date);
      if (!d) return make_error("DATE_FORMAT", "date", {"date", *date});
      if (*d > today) return make_error("DATE_IN_FUTURE", "date", {"date", *date});
      out.death.date = *d;
      return out;
    }
    case EventType::Move: {
      MoveEvent& e = out.move;
      for (auto [key, field] : {std::pair{"village_code", &e.village_code}, {"rt", &e.rt}, {"rw", &e.rw}, {"address", &e.address}}) {
        auto v = text(body, key);
        if (!v) return v.error();
        *field = *v;
      }
      auto kk = text(body, "kk", false);
      if (!kk) return kk.error();
      if (!kk->empty()) e.new_kk = *kk;
      return out;
    }
    case EventType::MaritalChange: {
      auto status = text(body, "marital_status");
      if (!status) return status.error();
      out.marital.marital_status = *status;
      return out;
    }
    case EventType::Correction: {
      if (!body.contains("changes") || !body["changes"].is_object())
        return make_error("FIELD_REQUIRED", "changes", {"changes (object of field: new value)"});
      if (body["changes"].contains("nik")) return make_error("NIK_IMMUTABLE", "nik");
      if (auto e = unknown_fields(body["changes"], {kResidentFields})) return *e;
      out.changes = body["changes"];
      return out;
    }
    default: break;
  }
  return make_error("ENUM_VALUE", "type", {"type", *type_text, "death, move, marital_change, correction"});
}

Result<BirthBody> read_birth_body(const nlohmann::json& body) {
  if (!body.is_object()) return make_error("FIELD_REQUIRED", "body", {"body (JSON object)"});
  if (body.contains("nik")) return make_error("NIK_IMMUTABLE", "nik");
  if (auto e = unknown_fields(body, {kResidentFields, kBirthExtra})) return *e;
  for (const char* key : {"name", "sex", "birth_place", "birth_date", "religion", "village_code", "rt", "rw", "address"})
    if (!body.contains(key)) return make_error("FIELD_REQUIRED", key, {key});
  Resident base;
  base.marital_status = "BELUM KAWIN";
  base.occupation = "BELUM/TIDAK BEKERJA";
  base.blood_type = "TIDAK TAHU";
  base.citizenship = "WNI";
  std::vector<Error> errors;
  Resident r = resident_from_json(body, base, errors);
  if (!errors.empty()) return errors.front();
  auto relationship = text(body, "relationship", false);
  if (!relationship) return relationship.error();
  std::string rel = *relationship;
  if (rel.empty() && !r.kk.empty()) rel = "ANAK";
  if (rel.empty()) rel = "KEPALA KELUARGA";
  return BirthBody{std::move(r), std::move(rel)};
}

}  // namespace ktpel

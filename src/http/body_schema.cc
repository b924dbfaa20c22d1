#include "http/body_schema.h"

#include <algorithm>

#include "core/common/date.h"
#include "core/common/messages.h"

namespace ktpel::http {
namespace {

const char* json_type(FieldType t) {
  switch (t) {
    case FieldType::Integer: return "integer";
    case FieldType::Number: return "number";
    case FieldType::Boolean: return "boolean";
    case FieldType::Array: return "array";
    case FieldType::Object: return "object";
    case FieldType::String:
    case FieldType::Date: return "string";
  }
  return "string";
}

// What a field of type t must be, in both languages (FIELD_TYPE's {1} and {2}).
std::pair<const char*, const char*> expected(FieldType t) {
  switch (t) {
    case FieldType::Integer: return {"bilangan bulat", "an integer"};
    case FieldType::Number: return {"angka", "a number"};
    case FieldType::Boolean: return {"true atau false", "true or false"};
    case FieldType::Array: return {"daftar (array JSON)", "a list (JSON array)"};
    case FieldType::Object: return {"objek JSON", "a JSON object"};
    case FieldType::Date: return {"tanggal YYYY-MM-DD", "a date YYYY-MM-DD"};
    case FieldType::String: return {"teks", "a string"};
  }
  return {"teks", "a string"};
}

bool has_type(const nlohmann::json& v, FieldType t) {
  switch (t) {
    case FieldType::Integer: return v.is_number_integer() && !(v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX));
    case FieldType::Number: return v.is_number();
    case FieldType::Boolean: return v.is_boolean();
    case FieldType::Array: return v.is_array();
    case FieldType::Object: return v.is_object();
    case FieldType::String:
    case FieldType::Date: return v.is_string();
  }
  return false;
}

std::string listed(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// The problem of one present, non-null field, if any.
std::optional<Error> field_problem(const BodyField& f, const nlohmann::json& v) {
  if (!has_type(v, f.type)) {
    const auto [id, en] = expected(f.type);
    return make_error("FIELD_TYPE", f.name, {f.name, id, en});
  }
  if (f.type == FieldType::Date && !Date::parse_iso(v.get_ref<const std::string&>()))
    return make_error("DATE_FORMAT", f.name, {f.name, v.get<std::string>()});
  if (f.type == FieldType::String && !f.values.empty() &&
      std::find(f.values.begin(), f.values.end(), v.get_ref<const std::string&>()) == f.values.end())
    return make_error("ENUM_VALUE", f.name, {f.name, v.get<std::string>(), listed(f.values)});
  if (f.type == FieldType::Integer && ((f.minimum && v.get<int64_t>() < *f.minimum) || (f.maximum && v.get<int64_t>() > *f.maximum)))
    return make_error("FIELD_RANGE", f.name,
                      {f.name, f.minimum ? std::to_string(*f.minimum) : "-", f.maximum ? std::to_string(*f.maximum) : "-"});
  return std::nullopt;
}

}  // namespace

nlohmann::json json_schema(const BodySchema& schema) {
  nlohmann::json out = {{"type", "object"}, {"properties", nlohmann::json::object()}};
  nlohmann::json required = nlohmann::json::array();
  for (const auto& f : schema.fields) {
    nlohmann::json p = {{"type", json_type(f.type)}};
    if (f.type == FieldType::Date) p["format"] = "date";
    if (!f.values.empty()) p["enum"] = f.values;
    if (f.minimum) p["minimum"] = *f.minimum;
    if (f.maximum) p["maximum"] = *f.maximum;
    if (!f.description.empty()) p["description"] = f.description;
    out["properties"][f.name] = p;
    if (f.required) required.push_back(f.name);
  }
  if (!required.empty()) out["required"] = required;
  out["additionalProperties"] = schema.open;
  if (!schema.description.empty()) out["description"] = schema.description;
  return out;
}

Errors check_body(const nlohmann::json& body, const BodySchema& schema) {
  if (!body.is_object()) return {make_error("FIELD_TYPE", "body", {"body", "objek JSON", "a JSON object"})};
  Errors out;
  if (!schema.open) {
    std::string allowed;
    for (const auto& f : schema.fields) allowed += (allowed.empty() ? "" : ", ") + f.name;
    for (const auto& item : body.items()) {
      const bool known = std::any_of(schema.fields.begin(), schema.fields.end(), [&](const BodyField& f) { return f.name == item.key(); });
      if (!known) out.push_back(make_error("FIELD_UNKNOWN", item.key(), {item.key(), allowed.empty() ? "-" : allowed}));
    }
  }
  for (const auto& f : schema.fields) {
    auto it = body.find(f.name);
    // Absent, null and "" mean "not given" (the handlers' body_string reads "" as the default:
    // today's date, the default status), so a client that sends empty fields keeps working.
    if (it == body.end() || it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty())) {
      if (f.required) out.push_back(make_error("FIELD_REQUIRED", f.name, {f.name}));
      continue;
    }
    if (auto e = field_problem(f, *it)) out.push_back(std::move(*e));
  }
  return out;
}

}  // namespace ktpel::http

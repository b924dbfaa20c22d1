// Request bodies described once: the description is both the JSON Schema in the OpenAPI document
// and the check the server runs before a handler sees the body, so the two cannot drift. The check
// reports every problem at once (unknown fields, wrong types, missing fields, values outside a
// vocabulary, malformed dates), each naming its field.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace ktpel::http {

enum class FieldType { String, Integer, Number, Boolean, Date, Array, Object };

struct BodyField {
  std::string name;
  FieldType type = FieldType::String;
  bool required = false;
  std::vector<std::string> values;  // the vocabulary (String only); empty: any text
  std::string description;
  std::optional<int64_t> minimum, maximum;  // Integer only
};

struct BodySchema {
  std::vector<BodyField> fields;
  // False: a field outside `fields` is refused (FIELD_UNKNOWN). True for bodies whose fields are
  // documented elsewhere and checked by the handler (a resident, a correction).
  bool open = false;
  // The server checks bodies against this schema before the handler runs (false: documented only,
  // the handler checks on its own).
  bool enforced = true;
  std::string description;
};

// The OpenAPI 3.0 schema object.
nlohmann::json json_schema(const BodySchema& schema);
// Every problem of body against schema (a field given as null or "" counts as absent), in field order: FIELD_TYPE (body not an object, or a field
// of the wrong type), FIELD_UNKNOWN, FIELD_REQUIRED, ENUM_VALUE, FIELD_DATE.
Errors check_body(const nlohmann::json& body, const BodySchema& schema);

}  // namespace ktpel::http

#include "http/http_util.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "core/common/messages.h"
#include "core/text/json_depth.h"
#include "http/access.h"
#include "io/files.h"

namespace ktpel::http {

void reply_json(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  // Invalid UTF-8 replaced, not thrown: a message may quote a decoded path or query value
  // ("%FF"), and a throwing dump in the error handler killed the server (issue [9], api_fuzz).
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

int status_for(const std::string& code) {
  if (code == "RESIDENT_NOT_FOUND" || code == "WILAYAH_NOT_FOUND" || code == "NOT_FOUND" || code == "EKTP_NOT_FOUND" ||
      code == "PRINTER_NOT_FOUND" || code == "SUKET_NOT_FOUND" || code == "OFFICE_UNKNOWN" ||
      code == "ADJUDICATION_NOT_FOUND" || code == "ITEM_NOT_FOUND" || code == "TICKET_NOT_FOUND")
    return 404;
  if (code == "NIK_DUPLICATE" || code == "NIK_SERIAL_EXHAUSTED" || code == "KK_SERIAL_EXHAUSTED" || code == "PRINTER_EXISTS" || code == "EKTP_TRANSITION" || code == "EKTP_MOVED" ||
      code == "STOCK_LEDGER" || code == "PRINT_NOT_READY" || code == "SUKET_NOT_NEEDED" || code == "PRINTER_NOT_HERE" ||
      code == "ADJUDICATION_DECIDED" || code == "EKTP_BLOCKED_DUPLICATE" || code == "ITEM_EXISTS" || code == "TICKET_OPEN" ||
      code == "TICKET_CLOSED" || code == "ITEM_RETIRED" || code == "ITEM_STATUS_TICKET" || code == "RESIDENT_DECEASED" ||
      code == "LIKELY_DOUBLE" ||
      code == "AKTA_EXISTS" || code == "AKTA_DECEASED" || code == "SUKET_NOT_RENEWABLE" || code == "SUKET_RENEW_TOO_EARLY" ||
      code == "CARD_NOT_ARRIVED" || code == "PRINT_BLOCKED_DUPLICATE")
    return 409;
  if (code == "BAD_JSON" || code == "BAD_PARAMETER") return 400;
  if (code == "UNAUTHENTICATED" || code == "SESSION_EXPIRED" || code == "BAD_CREDENTIALS" || code == "TOTP_REQUIRED" ||
      code == "TOTP_INVALID" || code == "STATION_TOKEN")
    return 401;
  if (code == "FORBIDDEN" || code == "OUT_OF_SCOPE" || code == "CSRF" || code == "ACCOUNT_DISABLED" || code == "FOUR_EYES" ||
      code == "FIRST_USER_CENTRE" || code == "PACKET_STATION" || code == "STATION_REVOKED")
    return 403;
  if (code == "PROPOSAL_NOT_FOUND" || code == "UNKNOWN_USER") return 404;
  if (code == "PROPOSAL_DECIDED" || code == "NIK_RETIRED" || code == "USER_EXISTS" || code == "DELETION_NEEDS_SAME_PERSON") return 409;
  if (code == "ACCOUNT_LOCKED" || code == "ISSUANCE_LIMIT" || code == "UPLOAD_QUOTA") return 429;
  return 422;  // well-formed request, but the data breaks a rule
}

void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::string& field) {
  // The same shape as catalogued errors; these older messages are in English only (message_id
  // repeats it until they move into core/common/messages.cc).
  reply_json(res,
             {{"error", {{"code", code}, {"message", message}, {"field", field}}},
              {"errors", {{{"code", code}, {"field", field}, {"message_id", message}, {"message_en", message}}}}},
             status);
}

void reply_error(httplib::Response& res, const Error& e) { reply_errors(res, {e}); }

void reply_errors(httplib::Response& res, const Errors& errors, const nlohmann::json& extra) {
  if (errors.empty()) return reply_error(res, 500, "INTERNAL", "refused without a reason", "");
  const Error& first = errors.front();
  nlohmann::json body = {
      {"error", {{"code", first.code}, {"message", first.message_en}, {"message_id", first.message_id}, {"field", first.field}}}};
  body["errors"] = nlohmann::json::array();
  for (const auto& e : errors)
    body["errors"].push_back({{"field", e.field}, {"code", e.code}, {"message_id", e.message_id}, {"message_en", e.message_en}});
  for (const auto& [k, v] : extra.items()) body[k] = v;
  reply_json(res, body, status_for(first.code));
}

namespace {

// Where the body holds a NUL in a string or key ("\u0000" is valid JSON): the field's path
// (name, fingers[0].template), or nullopt. PostgreSQL cuts text at a NUL, so a login name
// "a\u0000b" was audited as "a" under a hash taken over "a\0b" and the audit chain read as
// tampered (api_fuzz). The depth is bounded (kMaxJsonDepth) before this runs.
std::optional<std::string> nul_at(const nlohmann::json& j, const std::string& path) {
  if (j.is_string()) return j.get_ref<const std::string&>().find('\0') != std::string::npos ? std::optional(path) : std::nullopt;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      const std::string at = path.empty() ? k : path + "." + k;
      if (k.find('\0') != std::string::npos) return path.empty() ? "body" : path;
      if (auto found = nul_at(v, at)) return found;
    }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i)
      if (auto found = nul_at(j[i], path + "[" + std::to_string(i) + "]")) return found;
  }
  return std::nullopt;
}

}  // namespace

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
  // Measured before parsing: a value nested ~300,000 deep overflowed the stack when copied.
  if (json_nests_deeper_than(req.body, kMaxJsonDepth)) {
    reply_error(res, 400, "BAD_JSON",
                "the request body nests arrays and objects more than " + std::to_string(kMaxJsonDepth) + " levels deep", "body");
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded()) {
    reply_error(res, 400, "BAD_JSON", "the request body is not valid JSON", "body");
    return std::nullopt;
  }
  if (auto field = nul_at(j, "")) {
    const std::string name = field->empty() ? "body" : *field;
    reply_error(res, make_error("FIELD_HIDDEN_CHARACTER", name, {name, "U+0000"}));  // 422 naming the field
    return std::nullopt;
  }
  return j;
}

namespace {

// The field's value, or nullptr when absent or null; throws when the body is not an object.
const nlohmann::json* body_value(const nlohmann::json& body, const char* key) {
  if (!body.is_object()) throw BodyFieldError(make_error("FIELD_TYPE", "body", {"body", "objek JSON", "a JSON object"}));
  auto it = body.find(key);
  return it == body.end() || it->is_null() ? nullptr : &*it;
}

[[noreturn]] void wrong_type(const char* key, const char* expected_id, const char* expected_en) {
  throw BodyFieldError(make_error("FIELD_TYPE", key, {key, expected_id, expected_en}));
}

}  // namespace

std::string body_string(const nlohmann::json& body, const char* key, std::string fallback) {
  const nlohmann::json* v = body_value(body, key);
  if (!v) return fallback;
  if (!v->is_string()) wrong_type(key, "teks", "a string");
  return v->get<std::string>();
}

std::optional<int64_t> body_int(const nlohmann::json& body, const char* key) {
  const nlohmann::json* v = body_value(body, key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX)))
    wrong_type(key, "bilangan bulat", "an integer");
  return v->get<int64_t>();
}

bool body_bool(const nlohmann::json& body, const char* key, bool fallback) {
  const nlohmann::json* v = body_value(body, key);
  if (!v) return fallback;
  if (!v->is_boolean()) wrong_type(key, "true atau false", "true or false");
  return v->get<bool>();
}

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::optional<int64_t> int_param(const httplib::Request& req, httplib::Response& res, const char* name,
                                 int64_t fallback, int64_t lo, int64_t hi) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < lo || out > hi) {
    reply_error(res, 400, "BAD_PARAMETER",
                std::string(name) + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi), name);
    return std::nullopt;
  }
  return out;
}

std::optional<int64_t> id_in_path(const httplib::Request& req, httplib::Response& res) {
  const std::string v = req.matches.size() > 1 ? req.matches[1].str() : "";
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size()) {
    reply_error(res, 400, "BAD_PARAMETER", "id must be a number", "id");
    return std::nullopt;
  }
  return out;
}

std::optional<Date> date_param(const httplib::Request& req, httplib::Response& res, const char* name) {
  const std::string v = req.has_param(name) ? req.get_param_value(name) : today_iso();
  auto d = Date::parse_iso(v);
  if (!d) reply_error(res, 400, "BAD_PARAMETER", std::string(name) + " must be a date YYYY-MM-DD", name);
  return d;
}

bool only_fields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed, httplib::Response& res) {
  if (!body.is_object()) {
    reply_error(res, make_error("FIELD_TYPE", "body", {"body", "objek JSON", "a JSON object"}));
    return false;
  }
  std::string unknown, first, known;
  for (const auto& item : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    if (first.empty()) first = item.key();
    unknown += (unknown.empty() ? "" : ", ") + item.key();
  }
  if (unknown.empty()) return true;
  for (auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
  reply_error(res, make_error("FIELD_UNKNOWN", first, {unknown, known}));
  return false;
}

Date server_today() { return *Date::parse_iso(today_iso()); }

namespace {
thread_local const Caller* t_caller = nullptr;
const Caller kNobody{};
}  // namespace

const Caller& current_caller() { return t_caller ? *t_caller : kNobody; }
void set_current_caller(const Caller* c) { t_caller = c; }

bool region_in_scope(httplib::Response& res, const std::string& code, const std::string& field) {
  const Caller& c = current_caller();
  if (c.covers(code)) return true;
  reply_error(res, 403, "OUT_OF_SCOPE", "region " + code + " is outside your account's scope (" + c.scope_label() + ")", field);
  return false;
}

bool nik_in_scope(httplib::Response& res, const std::string& region_of_record, const std::string& nik) {
  if (current_caller().covers(region_of_record)) return true;
  reply_error(res, 404, "RESIDENT_NOT_FOUND", "no resident with NIK " + nik, "nik");
  return false;
}

}  // namespace ktpel::http

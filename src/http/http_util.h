// Small helpers shared by the route files: JSON replies, errors, query parameters.
#pragma once
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel::http {

void reply_json(httplib::Response& res, const nlohmann::json& body, int status = 200);
// {error:{code,message,field,message_id}} with the status that fits the error code.
void reply_error(httplib::Response& res, const Error& e);
// Every problem of a request at once: `errors` ({code, field, message_id, message_en} each) next
// to the single `error` (the first) that older clients read, with the status that fits the first
// one's code. Keys of `extra` are added to the body (a likely double's `candidates`).
void reply_errors(httplib::Response& res, const Errors& errors, const nlohmann::json& extra = nlohmann::json::object());
void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::string& field = {});
int status_for(const std::string& code);

// A parsed JSON body, or nullopt after replying 400 (not JSON, or nested deeper than
// kMaxJsonDepth: every request body goes through here).
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res);

// A body field of the wrong type, or a body that is not an object: thrown by the body_* readers
// and answered by ApiServer's exception handler with 422 FIELD_TYPE naming the field.
struct BodyFieldError : std::runtime_error {
  explicit BodyFieldError(Error e) : std::runtime_error(e.message_en), error(std::move(e)) {}
  Error error;
};
// Typed fields of a JSON object body: absent or null gives the fallback (nullopt); a value of
// another type throws BodyFieldError, never a silent default or nlohmann's type_error (a 500).
std::string body_string(const nlohmann::json& body, const char* key, std::string fallback = {});
std::optional<int64_t> body_int(const nlohmann::json& body, const char* key);
bool body_bool(const nlohmann::json& body, const char* key, bool fallback);
// Integer query parameter within [lo, hi]; nullopt after replying 400.
std::optional<int64_t> int_param(const httplib::Request& req, httplib::Response& res, const char* name,
                                 int64_t fallback, int64_t lo, int64_t hi);
// The numeric id captured by the route's first group ("/jobs/([^/]+)"); nullopt after replying 400.
std::optional<int64_t> id_in_path(const httplib::Request& req, httplib::Response& res);
std::optional<Date> date_param(const httplib::Request& req, httplib::Response& res, const char* name);
// The server's own date (UTC): what moves shared state, never a caller's as_of.
Date server_today();
std::string param(const httplib::Request& req, const char* name);
// False after replying 422 FIELD_UNKNOWN naming every key of the body outside `allowed`: a
// misspelt field silently ignored makes the caller believe it set something.
bool only_fields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed, httplib::Response& res);

}  // namespace ktpel::http

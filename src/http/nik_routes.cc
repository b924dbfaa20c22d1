// GET /api/v1/nik/{nik}, POST /api/v1/nik/check, POST /api/v1/nik/issue
#include "core/nik/nik.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "store/audit_scope.h"
#include "service/registry_service.h"
#include "service/resident_json.h"

namespace ktpel {

using namespace http;

void ApiServer::add_nik_routes() {
  add("GET", "/api/v1/nik/{nik}", R"(/api/v1/nik/([^/]+))", {Permission::Authenticated}, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string nik = req.matches[1];
    auto as_of = date_param(req, res, "as_of");
    if (!as_of) return;
    NikContext ctx{&wilayah_, *as_of, std::nullopt, std::nullopt, false};
    const nlohmann::json j = nik_report_json(nik, validate_nik(nik, ctx), decode_nik(nik, ctx));
    reply_json(res, j);
  });
  add("POST", "/api/v1/nik/check", "/api/v1/nik/check", {Permission::PersonRead}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    if (!body->is_object() || !(*body)["items"].is_array())
      return reply_error(res, 400, "BAD_JSON", "body must be {\"items\":[{\"nik\":...,\"birth_date\"?,\"sex\"?}]}", "items");
    auto as_of = date_param(req, res, "as_of");
    if (!as_of) return;
    nlohmann::json results = nlohmann::json::array();
    auto store = stores_.acquire();
    RegistryService service(*store, wilayah_);
    size_t index = 0;
    for (const auto& item : (*body)["items"]) {
      const std::string where = "items[" + std::to_string(index++) + "]";
      if (!item.is_object() || !item.contains("nik") || !item["nik"].is_string())
        return reply_error(res, 400, "BAD_JSON", where + ".nik must be a string", where + ".nik");
      std::optional<Date> birth;
      std::optional<Sex> sex;
      if (item.contains("birth_date")) {
        birth = item["birth_date"].is_string() ? Date::parse_iso(item["birth_date"].get<std::string>()) : std::nullopt;
        if (!birth) return reply_error(res, 400, "BAD_PARAMETER", where + ".birth_date must be YYYY-MM-DD", where + ".birth_date");
      }
      if (item.contains("sex")) {
        sex = item["sex"].is_string() ? parse_sex(item["sex"].get<std::string>()) : std::nullopt;
        if (!sex) return reply_error(res, 400, "BAD_PARAMETER", where + ".sex must be L or P", where + ".sex");
      }
      const std::string nik = item["nik"];
      auto problems = service.check_nik(nik, *as_of, birth, sex);
      nlohmann::json p = nlohmann::json::array();
      for (const auto& e : problems) p.push_back(to_json(e));
      results.push_back({{"nik", nik}, {"valid", !has_errors(problems)}, {"problems", p}});
    }
    reply_json(res, {{"results", results}});
  });
  add("POST", "/api/v1/nik/issue", "/api/v1/nik/issue", {Permission::PersonWrite}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    const auto get = [&](const char* k) { return body_string(*body, k); };
    auto birth = Date::parse_iso(get("birth_date"));
    auto sex = parse_sex(get("sex"));
    if (!birth) return reply_error(res, 422, "DATE_FORMAT", "birth_date must be YYYY-MM-DD", "birth_date");
    if (!sex) return reply_error(res, 422, "ENUM_VALUE", "sex must be L or P", "sex");
    if (!region_in_scope(res, get("kecamatan"), "kecamatan")) return;
    auto store = stores_.acquire();
    RegistryService service(*store, wilayah_);
    auto nik = service.issue_nik(get("kecamatan"), *birth, *sex);
    if (!nik) return reply_errors(res, nik.errors());
    AuditScope::note_target(*nik);
    reply_json(res, {{"nik", *nik}}, 201);
  });
}

}  // namespace ktpel

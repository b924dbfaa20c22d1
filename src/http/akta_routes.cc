// Akta kelahiran issued at the regency office: an operator or supervisor of the child's region.
#include "http/api_server.h"
#include "http/http_util.h"
#include "io/files.h"
#include "service/akta_service.h"
#include "store/audit_scope.h"

namespace ktpel {

using namespace http;

void ApiServer::add_akta_routes() {
  add("POST", "/api/v1/akta", "/api/v1/akta", {Permission::PersonWrite}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    const std::string nik = body_string(*body, "nik"), office = body_string(*body, "office"), when = body_string(*body, "date");
    const auto on = when.empty() ? std::optional<Date>(server_today()) : Date::parse_iso(when);
    if (!on) return reply_error(res, 400, "BAD_PARAMETER", "date must be a date YYYY-MM-DD", "date");
    auto store = stores_.acquire();
    // The child's region must be in the caller's scope (a 404 outside it, as for every NIK); the
    // office is then the child's regency (the service refuses any other), which a kecamatan
    // operator's scope lies under rather than covers.
    if (auto r = store->find_resident(nik); r && !nik_in_scope(res, r->village_code, nik)) return;
    AuditScope::note_target(nik);
    auto a = AktaService(*store, wilayah_).issue(nik, office, *on, current_caller().username, utc_now_iso());
    if (!a) return reply_error(res, a.error());
    reply_json(res, {{"nik", a->nik}, {"number", a->number}, {"office", a->office}, {"officer", a->officer},
                     {"issued_on", a->issued_on.iso()}, {"late", a->late}}, 201);
  });
}

}  // namespace ktpel

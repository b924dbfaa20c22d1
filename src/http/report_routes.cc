// The monthly report of a province or a regency ([11]): its figures as JSON and the PDF a Kepala
// Dinas signs. Aggregates only; scoped by the region asked (a regency officer gets their regency).
#include "http/access.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "io/monthly_report_pdf.h"
#include "service/monthly_report.h"
#include "service/monthly_report_json.h"

namespace ktpel {

using namespace http;

namespace {

// ?month=YYYY-MM, else the month of ?as_of (the dashboard's older link), else this month.
std::optional<std::string> month_param(const httplib::Request& req, httplib::Response& res) {
  if (req.has_param("month")) return req.get_param_value("month");
  auto day = date_param(req, res, "as_of");
  if (!day) return std::nullopt;
  return day->iso().substr(0, 7);
}

}  // namespace

void ApiServer::add_report_routes() {
  auto make = [this](const httplib::Request& req, httplib::Response& res) -> std::optional<MonthlyReport> {
    auto month = month_param(req, res);
    if (!month) return std::nullopt;
    // The whole report is about the region asked: a regency officer may not read the province's
    // totals (the scope filter of list routes drops rows only).
    // No code: the caller's own region (not a 403 about an empty region).
    const std::string code = param(req, "code").empty() ? current_caller().scope : param(req, "code");
    if (!region_in_scope(res, code, "code")) return std::nullopt;
    auto store = stores_.acquire();
    auto rep = MonthlyReportService(*store, wilayah_).report(code, *month, server_today());
    if (!rep) {
      reply_error(res, rep.error());
      return std::nullopt;
    }
    return std::move(rep).value();
  };
  add("GET", "/api/v1/reports/monthly", "/api/v1/reports/monthly", {Permission::AggregateRead, ScopeBy::Query, "code"},
      [make](const httplib::Request& req, httplib::Response& res) {
        if (auto rep = make(req, res)) reply_json(res, to_json(*rep));
      });
  auto pdf = [make](const httplib::Request& req, httplib::Response& res) {
    auto rep = make(req, res);
    if (!rep) return;
    char name[64];
    std::snprintf(name, sizeof name, "laporan-%s-%04d-%02d.pdf", rep->code.c_str(), rep->year, rep->month);
    res.set_content(render_monthly_report_pdf(*rep), "application/pdf");
    res.set_header("Content-Disposition", std::string("attachment; filename=\"") + name + "\"");
  };
  add("GET", "/api/v1/reports/monthly.pdf", "/api/v1/reports/monthly\\.pdf", {Permission::AggregateRead, ScopeBy::Query, "code"}, pdf);
  // The dashboard's link since [4] (a regency and ?as_of); a province's code answered 404.
  add("GET", "/api/v1/export/report.pdf", "/api/v1/export/report.pdf", {Permission::AggregateRead, ScopeBy::Query, "code"}, pdf);
}

}  // namespace ktpel

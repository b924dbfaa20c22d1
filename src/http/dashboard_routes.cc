// What the web dashboard needs beyond the domain API: region boundaries (GeoJSON copied from the
// Kemendagri codes' boundary set into data/wilayah/boundaries) and exports of any table it shows
// (CSV, XLSX) and of a regency's monthly report (PDF).
#include <fstream>

#include "http/api_server.h"
#include "http/http_util.h"
#include "io/coverage_report_pdf.h"
#include "io/files.h"
#include "io/table_export.h"
#include "service/coverage_service.h"

namespace ktpel {

using namespace http;

namespace {

void attach(httplib::Response& res, const std::string& bytes, const std::string& type, const std::string& filename) {
  res.set_content(bytes, type);
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
}

std::string safe_name(std::string s) {
  // A header line of its own: a 70 KB title made one that clients refuse to read (api_fuzz).
  if (s.size() > 80) s.resize(80);
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  return s.empty() ? "ktpel" : s;
}

}  // namespace

void ApiServer::add_dashboard_routes() {
  add("GET", "/api/v1/geo/provinces", "/api/v1/geo/provinces", {Permission::Authenticated}, [this](const httplib::Request&, httplib::Response& res) {
    if (!geo_) return reply_error(res, 404, "NOT_FOUND", "boundaries not loaded (data/wilayah/boundaries missing)");
    res.set_content(geo_->provinces, "application/geo+json");
  });
  add("GET", "/api/v1/geo/regencies", "/api/v1/geo/regencies", {Permission::Authenticated}, [this](const httplib::Request& req, httplib::Response& res) {
    if (!geo_) return reply_error(res, 404, "NOT_FOUND", "boundaries not loaded (data/wilayah/boundaries missing)");
    const std::string province = param(req, "province");
    auto it = geo_->regencies_by_province.find(province);
    if (it == geo_->regencies_by_province.end()) return reply_error(res, 404, "WILAYAH_NOT_FOUND", "no boundaries for province " + province, "province");
    res.set_content(it->second, "application/geo+json");
  });
  add("POST", "/api/v1/export/csv", "/api/v1/export/csv", {Permission::AggregateRead}, [](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    ExportTable t;
    std::string error;
    if (!table_from_json(*body, t, error)) return reply_error(res, 422, "EXPORT_TABLE", error, error.substr(0, error.find(':')));
    attach(res, table_to_csv(t), "text/csv; charset=utf-8", safe_name(t.title) + ".csv");
  });
  add("POST", "/api/v1/export/xlsx", "/api/v1/export/xlsx", {Permission::AggregateRead}, [](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    ExportTable t;
    std::string error;
    if (!table_from_json(*body, t, error)) return reply_error(res, 422, "EXPORT_TABLE", error, error.substr(0, error.find(':')));
    attach(res, table_to_xlsx(t), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", safe_name(t.title) + ".xlsx");
  });
  add("GET", "/api/v1/export/report.pdf", "/api/v1/export/report.pdf", {Permission::AggregateRead, ScopeBy::Query, "code"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    const std::string code = param(req, "code");
    const Region* r = wilayah_.find(code);
    if (!r || r->level != Level::Kabupaten)
      return reply_error(res, 404, "WILAYAH_NOT_FOUND", "code must be a regency (kabupaten/kota) code such as 65.71", "code");
    auto store = stores_.acquire();
    CoverageService svc(*store, wilayah_);
    auto rep = svc.report(Level::Kecamatan, code, *today, server_today());
    if (!rep) return reply_errors(res, rep.errors());
    attach(res, render_coverage_report_pdf(*rep), "application/pdf", "laporan-" + safe_name(code) + "-" + today->iso().substr(0, 7) + ".pdf");
  });
}

void ApiServer::load_boundaries(const std::string& data_dir) {
  const std::string dir = data_dir + "/wilayah/boundaries";
  std::ifstream probe(dir + "/provinces.geojson");
  if (!probe) return;
  auto geo = std::make_unique<Boundaries>();
  geo->provinces = read_file(dir + "/provinces.geojson");
  const auto regencies = nlohmann::json::parse(read_file(dir + "/regencies.geojson"));
  std::map<std::string, nlohmann::json> by_province;
  for (const auto& f : regencies["features"]) {
    const std::string prov = f["properties"]["province_code"].get<std::string>();
    auto& fc = by_province[prov];
    if (fc.is_null()) fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    fc["features"].push_back(f);
  }
  for (auto& [prov, fc] : by_province) geo->regencies_by_province[prov] = fc.dump();
  geo_ = std::move(geo);
}

}  // namespace ktpel

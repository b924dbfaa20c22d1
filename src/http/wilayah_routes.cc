// GET /api/v1/wilayah, /wilayah/nearest, /wilayah/{code}, /wilayah/{code}/children
#include "http/api_server.h"
#include "http/http_util.h"

namespace ktpel {

using namespace http;

static nlohmann::json region_json(const Region& r) {
  nlohmann::json j = {{"code", r.code}, {"name", r.name}, {"level", level_name(r.level)}, {"parent_code", r.parent_code}};
  j["lat"] = r.lat ? nlohmann::json(*r.lat) : nlohmann::json();
  j["lon"] = r.lon ? nlohmann::json(*r.lon) : nlohmann::json();
  if (r.population) j["population_2024"] = *r.population;
  return j;
}

void ApiServer::add_wilayah_routes() {
  add("GET", "/api/v1/wilayah", "/api/v1/wilayah", {Permission::Authenticated}, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string q = param(req, "q"), level = param(req, "level");
    auto limit = int_param(req, res, "limit", 20, 1, 1000);
    if (!limit) return;
    std::optional<Level> lv;
    if (!level.empty() && !(lv = parse_level(level)))
      return reply_error(res, 400, "BAD_PARAMETER", "level must be provinsi, kabupaten, kecamatan or desa", "level");
    nlohmann::json items = nlohmann::json::array();
    if (q.empty()) {
      for (const Region* r : wilayah_.children("")) items.push_back(region_json(*r));
    } else {
      for (const Region* r : wilayah_.search(q, lv, static_cast<size_t>(*limit))) items.push_back(region_json(*r));
    }
    reply_json(res, {{"items", items}});
  });
  add("GET", "/api/v1/wilayah/nearest", "/api/v1/wilayah/nearest", {Permission::Authenticated}, [this](const httplib::Request& req, httplib::Response& res) {
    double lat = 0, lon = 0;
    try {
      size_t used = 0;
      lat = std::stod(param(req, "lat"), &used);
      lon = std::stod(param(req, "lon"), &used);
    } catch (...) {
      return reply_error(res, 400, "BAD_PARAMETER", "lat and lon are required decimal degrees", "lat");
    }
    // Written so that NaN fails too: lat=nan passed and answered kecamatan at a "null" distance.
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
      return reply_error(res, 400, "BAD_PARAMETER", "lat must be -90..90 and lon -180..180", "lat");
    auto limit = int_param(req, res, "limit", 5, 1, 100);
    if (!limit) return;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& n : wilayah_.nearest_kecamatan(lat, lon, static_cast<size_t>(*limit))) {
      auto j = region_json(*n.kecamatan);
      j["distance_km"] = n.distance_km;
      items.push_back(j);
    }
    reply_json(res, {{"items", items}});
  });
  add("GET", "/api/v1/wilayah/{code}", R"(/api/v1/wilayah/([0-9.]+))", {Permission::Authenticated}, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string code = req.matches[1];
    if (!wilayah_.find(code))
      return reply_error(res, 404, "WILAYAH_NOT_FOUND", "region code " + code + " not found", "code");
    nlohmann::json chain = nlohmann::json::array();
    for (const Region* r : wilayah_.ancestors(code)) chain.push_back(region_json(*r));
    auto j = region_json(*wilayah_.find(code));
    j["ancestors"] = chain;
    j["children_count"] = wilayah_.children(code).size();
    reply_json(res, j);
  });
  add("GET", "/api/v1/wilayah/{code}/children", R"(/api/v1/wilayah/([0-9.]+)/children)", {Permission::Authenticated},
      [this](const httplib::Request& req, httplib::Response& res) {
        const std::string code = req.matches[1];
        if (!wilayah_.find(code))
          return reply_error(res, 404, "WILAYAH_NOT_FOUND", "region code " + code + " not found", "code");
        nlohmann::json items = nlohmann::json::array();
        for (const Region* r : wilayah_.children(code)) items.push_back(region_json(*r));
        reply_json(res, {{"items", items}});
      });
}

}  // namespace ktpel

// GET /api/v1/stats?level=kabupaten&code=65[&as_of=YYYY-MM-DD]
#include "http/api_server.h"
#include "http/http_util.h"
#include "service/registry_service.h"
#include "service/stats_json.h"

namespace ktpel {

using namespace http;

void ApiServer::add_stats_routes() {
  add("GET", "/api/v1/stats", "/api/v1/stats", {Permission::AggregateRead, ScopeBy::Query, "code"}, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string level_text = req.has_param("level") ? req.get_param_value("level") : "provinsi";
    auto level = parse_level(level_text);
    if (!level)
      return reply_error(res, 400, "BAD_PARAMETER", "level must be provinsi, kabupaten, kecamatan or desa", "level");
    auto as_of = date_param(req, res, "as_of");
    if (!as_of) return;
    auto store = stores_.acquire();
    RegistryService service(*store, wilayah_);
    auto stats = service.population_stats(*level, param(req, "code"), *as_of);
    if (!stats) return reply_errors(res, stats.errors());
    reply_json(res, to_json(*stats, level_name(*level)));
  });
}

}  // namespace ktpel

// Demographic dedup (NIK ganda): batch jobs over the registry with progress, the pairs and
// clusters they raised per wilayah. Decisions go through /api/v1/adjudication/{id}/decision, the
// queue shared with the fingerprint matcher.
#include <map>
#include <numeric>

#include "core/dedup/clustering.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "io/files.h"
#include "service/adjudication_service.h"

namespace ktpel {

using namespace http;

namespace {

nlohmann::json job_json(const DedupJobStatus& s) {
  return {{"id", s.id},           {"state", s.state},         {"stage", s.stage},
          {"done", s.done},       {"total", s.total},         {"wilayah", s.wilayah},
          {"records", s.records}, {"candidate_pairs", s.candidate_pairs}, {"matches", s.matches},
          {"reviews", s.reviews}, {"raised", s.raised},       {"clusters", s.clusters},
          {"seconds", s.seconds}, {"started_at", s.started_at}, {"finished_at", s.finished_at},
          {"error", s.error},
          {"model", {{"saved", s.model_saved},
                     {"reason", s.model_not_saved ? nlohmann::json{{"code", s.model_not_saved->code},
                                                                   {"message", s.model_not_saved->message_en},
                                                                   {"message_id", s.model_not_saved->message_id}}
                                                  : nlohmann::json()}}}};
}

// The case's decision as the matcher saw it: "match" or "review" (the evidence starts with it).
std::string matcher_decision(const AdjudicationCase& c) {
  return c.evidence.rfind("match:", 0) == 0 ? "match" : "review";
}

bool valid_wilayah(const std::string& w) {
  for (char c : w)
    if (!(c >= '0' && c <= '9') && c != '.') return false;
  return w.size() <= 13;
}

}  // namespace

void ApiServer::add_dedup_routes() {
  add("POST", "/api/v1/dedup/jobs", "/api/v1/dedup/jobs", {Permission::DedupRun}, [this](const httplib::Request& req, httplib::Response& res) {
    nlohmann::json body = nlohmann::json::object();
    if (!req.body.empty()) {
      auto parsed = json_body(req, res);
      if (!parsed) return;
      body = *parsed;
    }
    if (!body.is_object()) return reply_error(res, 422, "BAD_BODY", "the body must be a JSON object", "");
    std::string wilayah;
    if (body.contains("wilayah")) {
      if (!body["wilayah"].is_string() || !valid_wilayah(body["wilayah"].get<std::string>()))
        return reply_error(res, 422, "BAD_PARAMETER", "wilayah must be a region code such as 35 or 35.07", "wilayah");
      wilayah = body["wilayah"].get<std::string>();
    }
    if (wilayah.empty()) wilayah = current_caller().scope;  // never beyond the caller's scope
    if (!region_in_scope(res, wilayah, "wilayah")) return;
    DedupOptions opt;
    if (body.contains("match_threshold")) {
      if (!body["match_threshold"].is_number() || !(body["match_threshold"].get<double>() > 0 && body["match_threshold"].get<double>() < 1))
        return reply_error(res, 422, "BAD_PARAMETER", "match_threshold must be a probability in (0, 1)", "match_threshold");
      opt.thresholds.match = body["match_threshold"].get<double>();
      opt.thresholds.review = std::min(opt.thresholds.review, opt.thresholds.match);
    }
    auto id = dedup_jobs_.start(wilayah, opt, utc_now_iso());
    if (!id) return reply_error(res, 409, "JOB_RUNNING", "a dedup job is already running", "");
    reply_json(res, job_json(*dedup_jobs_.status(*id)), 202);
  });
  add("GET", "/api/v1/dedup/jobs/{id}", R"(/api/v1/dedup/jobs/([^/]+))", {Permission::DedupRun}, [this](const httplib::Request& req, httplib::Response& res) {
    const auto id = id_in_path(req, res);
    if (!id) return;
    auto s = dedup_jobs_.status(*id);
    if (!s) return reply_error(res, 404, "JOB_NOT_FOUND", "no dedup job " + std::to_string(*id), "id");
    reply_json(res, job_json(*s));
  });
  add("POST", "/api/v1/dedup/jobs/{id}/cancel", R"(/api/v1/dedup/jobs/([^/]+)/cancel)", {Permission::DedupRun},
      [this](const httplib::Request& req, httplib::Response& res) {
        const auto id = id_in_path(req, res);
        if (!id) return;
        if (!dedup_jobs_.status(*id)) return reply_error(res, 404, "JOB_NOT_FOUND", "no dedup job " + std::to_string(*id), "id");
        if (!dedup_jobs_.cancel(*id))
          return reply_error(res, 409, "JOB_OVER", "dedup job " + std::to_string(*id) + " has already ended; nothing to cancel", "id");
        reply_json(res, job_json(*dedup_jobs_.status(*id)), 202);
      });
  auto region_cases = [this](const httplib::Request& req, httplib::Response& res, std::vector<AdjudicationCase>& out) {
    const std::string wilayah = req.has_param("wilayah") ? param(req, "wilayah") : "";
    if (!valid_wilayah(wilayah)) {
      reply_error(res, 400, "BAD_PARAMETER", "wilayah must be a region code such as 35 or 35.07", "wilayah");
      return false;
    }
    std::string status = req.has_param("status") ? param(req, "status") : "OPEN";
    if (status == "ALL") status.clear();
    if (!status.empty() && status != "OPEN" && status != "SAME_PERSON" && status != "DIFFERENT_PEOPLE" && status != "CLOSED") {
      reply_error(res, 400, "BAD_PARAMETER", "status must be OPEN, SAME_PERSON, DIFFERENT_PEOPLE, CLOSED or ALL", "status");
      return false;
    }
    auto limit = int_param(req, res, "limit", 200, 1, 5000);
    if (!limit) return false;
    auto store = stores_.acquire();
    out = store->adjudications_in_region("demographic", wilayah, status, *limit);
    return true;
  };
  add("GET", "/api/v1/dedup/pairs", "/api/v1/dedup/pairs", {Permission::PersonRead, ScopeBy::Query, "wilayah"}, [this, region_cases](const httplib::Request& req, httplib::Response& res) {
    std::vector<AdjudicationCase> cases;
    if (!region_cases(req, res, cases)) return;
    nlohmann::json items = nlohmann::json::array();
    auto store = stores_.acquire();
    for (const auto& c : cases) {
      auto j = adjudication_json(*store, c);
      j["decision"] = matcher_decision(c);
      items.push_back(j);
    }
    reply_json(res, {{"items", items}});
  });
  add("GET", "/api/v1/dedup/clusters", "/api/v1/dedup/clusters", {Permission::PersonRead, ScopeBy::Query, "wilayah"}, [this, region_cases](const httplib::Request& req, httplib::Response& res) {
    std::vector<AdjudicationCase> cases;
    if (!region_cases(req, res, cases)) return;
    // Records one person by the matcher ("match") or by an officer (SAME_PERSON), joined.
    std::map<std::string, std::string> parent;
    std::function<std::string(const std::string&)> root = [&](const std::string& x) {
      auto it = parent.find(x);
      if (it == parent.end() || it->second == x) return x;
      return it->second = root(it->second);
    };
    std::map<std::string, std::vector<int64_t>> case_of;
    for (const auto& c : cases) {
      if (c.status == "DIFFERENT_PEOPLE" || (c.status != "SAME_PERSON" && matcher_decision(c) != "match")) continue;
      parent.emplace(c.nik, c.nik);
      parent.emplace(c.other_nik, c.other_nik);
      parent[root(c.nik)] = root(c.other_nik);
      case_of[c.nik].push_back(c.id);
    }
    std::map<std::string, std::pair<std::vector<std::string>, std::vector<int64_t>>> groups;
    for (const auto& [nik, p] : parent) {
      auto& g = groups[root(nik)];
      g.first.push_back(nik);
      for (int64_t id : case_of[nik]) g.second.push_back(id);
    }
    nlohmann::json items = nlohmann::json::array();
    for (auto& [r, g] : groups) {
      std::sort(g.second.begin(), g.second.end());
      items.push_back({{"niks", g.first}, {"cases", g.second}});
    }
    reply_json(res, {{"items", items}});
  });
}

}  // namespace ktpel

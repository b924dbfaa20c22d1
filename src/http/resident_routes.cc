// /api/v1/residents: search, get, register a birth, correct, events.
#include "http/api_server.h"
#include "http/http_util.h"
#include "http/request_context.h"
#include "core/text/fold.h"
#include "crypto/envelope.h"
#include "core/common/messages.h"
#include "io/files.h"
#include "store/audit_scope.h"
#include "service/event_request.h"
#include "service/proposal_service.h"
#include "service/duplicate_link.h"
#include "service/resident_json.h"

namespace ktpel {

using namespace http;

static Actor actor_of(const httplib::Request& req) {
  Actor a;
  (void)req;
  a.name = current_caller().username;
  a.now = utc_now_iso();
  a.today = *Date::parse_iso(today_iso());
  return a;
}

// The deepest page a search answers by offset; beyond it, the `next` cursor.
constexpr int64_t kMaxSearchOffset = 10000;

void ApiServer::add_resident_routes() {
  // A correction of name, birth date or sex is proposed, and applied only when another officer
  // of the scope approves it (POST /api/v1/corrections/{id}/decision): 202 with the proposal.
  auto propose = [this](Store& store, const httplib::Request& req, httplib::Response& res, const nlohmann::json& event) {
    auto p = ProposalService(store, wilayah_).propose_correction(current_caller(), req.matches[1], event["changes"],
                                                                 body_string(event, "reason"), actor_of(req));
    if (!p) return reply_errors(res, p.errors());
    reply_json(res, to_json(*p), 202);
  };
  add("GET", "/api/v1/residents", "/api/v1/residents", {Permission::PersonRead, ScopeBy::Query, "region"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto page = int_param(req, res, "page", 1, 1, 1000000);
    if (!page) return;
    auto size = int_param(req, res, "page_size", 50, 1, 500);
    if (!size) return;
    const std::string region = param(req, "region");
    if (!region.empty() && !wilayah_.find(region))
      return reply_error(res, 404, "WILAYAH_NOT_FOUND", "region code " + region + " not found", "region");
    auto store = stores_.acquire();
    const std::string match = param(req, "match");
    if (!match.empty() && match != "prefix" && match != "contains")
      return reply_error(res, 400, "BAD_PARAMETER", "match must be prefix (default) or contains", "match");
    // [9] An OFFSET walks every row before it: page=1000000 held the store 9 s. Deep pages go by
    // the cursor each answer gives (`next`: after this name and NIK), which costs what page 1 does.
    ResidentQuery query{param(req, "name"), match == "contains", region, *size, (*page - 1) * *size};
    const std::string after = param(req, "after");
    if (!after.empty()) {
      const auto dot = after.rfind('.');
      const std::string key = dot == std::string::npos ? "" : from_hex(after.substr(0, dot));
      if (dot == std::string::npos || to_hex(key) != after.substr(0, dot) || after.size() - dot - 1 != 16 || *page != 1)
        return reply_error(res, 400, "BAD_PARAMETER", "after must be the `next` cursor of the previous answer (with page 1)", "after");
      query.after_name_key = key;
      query.after_nik = after.substr(dot + 1);
      query.offset = 0;
    } else if (query.offset > kMaxSearchOffset) {
      return reply_error(res, 422, "PAGE_TOO_DEEP",
                         "pages reach " + std::to_string(kMaxSearchOffset) + " residents deep; narrow the search (region, name) " +
                             "or follow the `next` cursor of each answer with ?after=", "page");
    }
    // A contains-search scans every resident of the region: two clients looping one had dropped
    // everyone else's reads from ~6,000/s to ~10/s on two cores. Only KTPEL_SCAN_SEARCHES (1) run
    // at once; the next waits up to 2 s for its turn, then is told to come back (prefix searches
    // use the name index and are not limited).
    bool scanning = false;
    if (query.name_contains) {
      if (!scan_searches_->try_acquire_for(std::chrono::seconds(2))) {
        res.set_header("Retry-After", "1");
        return reply_error(res, 503, "SEARCH_BUSY", "other searches by part of a name are running; try again shortly", "match");
      }
      scanning = true;
    }
    struct Release {
      std::counting_semaphore<64>& sem;
      bool held;
      ~Release() {
        if (held) sem.release();
      }
    } release{*scan_searches_, scanning};
    auto result = store->search_residents(query);
    http::current_request().person_records = static_cast<int64_t>(result.items.size());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : result.items) items.push_back(to_json(r));
    nlohmann::json next;  // null on the last page
    if (static_cast<int64_t>(result.items.size()) == *size)
      next = to_hex(fold_for_search(result.items.back().name)) + "." + result.items.back().nik;
    reply_json(res, {{"items", items}, {"total", result.total}, {"page", *page}, {"page_size", *size}, {"next", next}});
  });
  add("POST", "/api/v1/residents", "/api/v1/residents", {Permission::PersonWrite}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    const std::string village = body_string(*body, "village_code");
    if (!village.empty() && !region_in_scope(res, village, "village_code")) return;
    auto store = stores_.acquire();
    // Parents and the KK joined are read (names copied, sex and birth date checked) and written
    // (the KK): outside the caller's scope they answer as unregistered, before any answer that
    // depends on the record (a review registered a baby into another regency's KK and read the
    // mother's name). Such a birth states parent_reason ORANG_TUA_TIDAK_TERDAFTAR instead.
    Errors unseen;
    for (const char* field : {"mother_nik", "father_nik"}) {
      const std::string nik = body_string(*body, field);
      if (nik.empty()) continue;
      auto parent = store->find_resident(nik);
      if (!parent || !current_caller().covers(parent->village_code)) unseen.push_back(make_error("PARENT_NOT_FOUND", field, {field, nik}));
    }
    if (const std::string kk = body_string(*body, "kk"); !kk.empty()) {
      bool seen = false;
      for (const auto& m : store->family(kk))
        if (auto member = store->find_resident(m.nik); member && current_caller().covers(member->village_code)) seen = true;
      if (!seen) unseen.push_back(make_error("KK_NOT_FOUND", "kk", {kk}));
    }
    if (!unseen.empty()) return reply_errors(res, unseen);
    RegistryService service(*store, wilayah_);
    Refusal refusal;
    auto r = apply_birth_request(service, *body, actor_of(req), &refusal);
    if (!r) {
      if (refusal.errors.empty()) return reply_errors(res, r.errors());  // the quota, a serial range
      nlohmann::json extra = nlohmann::json::object();
      if (r.error().code == "LIKELY_DOUBLE") extra["candidates"] = refusal.candidates;
      return reply_errors(res, refusal.errors, extra);
    }
    AuditScope::note_target(r->nik);
    reply_json(res, to_json(*r), 201);
  });
  add("GET", "/api/v1/residents/{nik}", R"(/api/v1/residents/([^/]+))", {Permission::PersonRead, ScopeBy::NikInPath}, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string nik = req.matches[1];
    auto store = stores_.acquire();
    auto r = store->find_resident(nik);
    if (!r) return reply_error(res, 404, "RESIDENT_NOT_FOUND", "no resident with NIK " + nik, "nik");
    auto j = to_json(*r);
    j["family"] = nlohmann::json::array();
    for (const auto& m : store->family(r->kk)) j["family"].push_back({{"nik", m.nik}, {"relationship", m.relationship}});
    add_ektp_summary(j, *store, nik);
    reply_json(res, j);
  });
  add("PATCH", "/api/v1/residents/{nik}", R"(/api/v1/residents/([^/]+))", {Permission::CorrectionPropose, ScopeBy::NikInPath}, [this, propose](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    nlohmann::json event = {{"type", "correction"}, {"changes", *body}};
    if (body->is_object() && body->contains("reason")) {
      event["reason"] = (*body)["reason"];
      event["changes"].erase("reason");
    }
    auto store = stores_.acquire();
    if (needs_four_eyes(event["changes"])) return propose(*store, req, res, event);
    if (!current_caller().may(Permission::PersonWrite)) return reply_error(res, make_error("FORBIDDEN", "", {"-", "person_write"}));
    RegistryService service(*store, wilayah_);
    auto r = apply_event_request(service, *store, req.matches[1], event, actor_of(req));
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, to_json(*r));
  });
  add("GET", "/api/v1/residents/{nik}/events", R"(/api/v1/residents/([^/]+)/events)", {Permission::PersonRead, ScopeBy::NikInPath},
      [this](const httplib::Request& req, httplib::Response& res) {
        const std::string nik = req.matches[1];
        auto store = stores_.acquire();
        nlohmann::json out = nlohmann::json::object();
        if (!store->find_resident(nik)) {
          // A NIK deleted as a duplicate: its history stays readable to auditors.
          auto retired = current_caller().may(Permission::AuditRead) ? store->retired_nik(nik) : std::nullopt;
          if (!retired) return reply_error(res, 404, "RESIDENT_NOT_FOUND", "no resident with NIK " + nik, "nik");
          out["retired"] = {{"kept_nik", retired->kept_nik}, {"retired_at", retired->retired_at}, {"retired_by", retired->retired_by},
                            {"proposal_id", retired->proposal_id}, {"record", nlohmann::json::parse(retired->record, nullptr, false)}};
        }
        nlohmann::json items = nlohmann::json::array();
        for (const auto& c : store->changes(nik)) items.push_back(to_json(c));
        out["items"] = items;
        reply_json(res, out);
      });
  add("POST", "/api/v1/residents/{nik}/events", R"(/api/v1/residents/([^/]+)/events)", {Permission::PersonWrite, ScopeBy::NikInPath},
      [this, propose](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body) return;
        auto store = stores_.acquire();
        if (body->is_object() && body_string(*body, "type") == "correction" && body->contains("changes") &&
            needs_four_eyes((*body)["changes"]))
          return propose(*store, req, res, *body);
        RegistryService service(*store, wilayah_);
        auto r = apply_event_request(service, *store, req.matches[1], *body, actor_of(req));
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r), 201);
      });
}

}  // namespace ktpel

// Printing: printers, the print queue and jobs, delivery, the stock ledger, suket (PDF and the
// public verification of its QR token) and the province's capacity plan.
#include "http/api_server.h"
#include "http/http_util.h"
#include "store/audit_scope.h"
#include "io/files.h"
#include "core/common/messages.h"
#include "io/suket_pdf.h"
#include "service/print_json.h"
#include "service/print_service.h"
#include "http/suket_page.h"

namespace ktpel {

using namespace http;

namespace {

EktpActor actor_of(const httplib::Request& req) {
  return {current_caller().username, req.has_header("X-Station") ? req.get_header_value("X-Station") : "desk", utc_now_iso()};
}

// A desk acts for residents of its scope, at its own office or the regency / province office
// above it (where the printers are). False after a 404 / 403.
bool desk_may(httplib::Response& res, Store& store, const std::string& nik, const std::string& office) {
  const Caller& c = current_caller();
  if (!nik.empty()) {
    auto r = store.find_resident(nik);
    if (r && !nik_in_scope(res, r->village_code, nik)) return false;
  }
  if (!office.empty() && !c.sees_aggregate(office)) {
    reply_error(res, 403, "OUT_OF_SCOPE", "office " + office + " is outside your account's scope (" + c.scope_label() + ")", "office");
    return false;
  }
  return true;
}

template <class T>
nlohmann::json items(const std::vector<T>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& x : v) a.push_back(to_json(x));
  return {{"items", a}};
}

// A date field of the body ("" = today), or an error reply.
std::optional<Date> body_date(const nlohmann::json& body, const char* key, httplib::Response& res) {
  const std::string v = body_string(body, key);
  auto d = Date::parse_iso(v.empty() ? utc_now_iso().substr(0, 10) : v);
  if (!d) reply_error(res, 400, "BAD_PARAMETER", std::string(key) + " must be a date YYYY-MM-DD", key);
  return d;
}

}  // namespace

void ApiServer::add_print_routes() {
  add("GET", "/api/v1/printers", "/api/v1/printers", {Permission::AggregateRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.printers(param(req, "office"));
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, items(*r));
  });
  add("POST", "/api/v1/printers", "/api/v1/printers", {Permission::PrinterManage}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    Printer p;
    p.serial = body_string(*body, "serial");
    p.office = body_string(*body, "office");
    p.model = body_string(*body, "model");
    p.cards_per_day = body_int(*body, "cards_per_day").value_or(0);
    if (!p.office.empty() && !region_in_scope(res, p.office, "office")) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.add_printer(p, utc_now_iso());
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, to_json(*r), 201);
  });
  add("POST", "/api/v1/printers/{serial}/status", R"(/api/v1/printers/([^/]+)/status)", {Permission::PrinterManage},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body) return;
        auto status = parse_printer_status(body_string(*body, "status"));
        if (!status) return reply_error(res, 422, "ENUM_VALUE", "status must be active, broken, in_repair or lent", "status");
        {
          auto store = stores_.acquire();
          auto printer = store->printer(req.matches[1].str());
          if (printer && !current_caller().covers(printer->office))
            return reply_error(res, 404, "PRINTER_NOT_FOUND", "no printer with serial " + std::string(req.matches[1]), "serial");
        }
        std::optional<Date> until;
        if (!body_string(*body, "lent_until").empty()) {
          until = Date::parse_iso(body_string(*body, "lent_until"));
          if (!until) return reply_error(res, 400, "BAD_PARAMETER", "lent_until must be a date YYYY-MM-DD", "lent_until");
        }
        auto store = stores_.acquire();
        PrintService svc(*store, wilayah_);
        auto r = svc.set_printer_status(req.matches[1], *status, body_string(*body, "lent_to"), until, body_string(*body, "note"),
                                        utc_now_iso());
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r));
      });
  add("GET", "/api/v1/print/queue", "/api/v1/print/queue", {Permission::PersonRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 100, 1, 100000);
    if (!limit) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    const std::string for_office = param(req, "for_office");
    // The owning office's residents, shown to the printing office: the caller must see both.
    if (!for_office.empty() && !region_in_scope(res, for_office, "for_office")) return;
    auto r = svc.queue(param(req, "office"), *limit, for_office);
    if (!r) return reply_errors(res, r.errors());
    auto j = items(*r);
    j["priority"] = format_print_priority(svc.priority());
    reply_json(res, j);
  });
  add("POST", "/api/v1/print/jobs", "/api/v1/print/jobs", {Permission::PrintDesk}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    auto on = body_date(*body, "date", res);
    if (!on) return;
    auto store = stores_.acquire();
    const std::string office = body_string(*body, "office"), for_office = body_string(*body, "for_office");
    // Printing for another office (the plan's sharing): over HTTP the caller's scope must cover
    // both offices (the stock debited, the residents printed), and the resident must live under
    // the owning office; any other NIK is a 404 before an answer that depends on the record
    // (status, residence, duplicate, death). A regency desk shares through the console (ktpel
    // print job --for-office), which acts with the server's trust.
    if (!for_office.empty() && for_office != office) {
      if (!region_in_scope(res, for_office, "for_office")) return;
      if (!office.empty() && !region_in_scope(res, office, "office")) return;
      auto r = store->find_resident(body_string(*body, "nik"));
      if (!r || !current_caller().covers(r->village_code) || r->village_code.rfind(for_office + ".", 0) != 0)
        return reply_error(res, make_error("RESIDENT_NOT_FOUND", "nik", {body_string(*body, "nik")}));
    } else if (!desk_may(res, *store, body_string(*body, "nik"), office)) {
      return;
    }
    AuditScope::note_target(body_string(*body, "nik"));
    PrintService svc(*store, wilayah_);
    auto r = svc.print_card(office, body_string(*body, "nik"), body_string(*body, "card_serial"), body_string(*body, "printer"),
                            body_string(*body, "spoiled_reason"), *on, actor_of(req), for_office);
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, to_json(*r), 201);
  });
  add("GET", "/api/v1/print/jobs", "/api/v1/print/jobs", {Permission::PersonRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 100, 1, 100000);
    if (!limit) return;
    auto store = stores_.acquire();
    nlohmann::json a = nlohmann::json::array();
    for (const auto& j : store->print_jobs(param(req, "office"), *limit))
      a.push_back({{"id", j.id}, {"office", j.office}, {"nik", j.nik}, {"card_serial", j.card_serial}, {"printer", j.printer_serial},
                   {"outcome", j.outcome}, {"reason", j.reason}, {"on", j.on.iso()}, {"at", j.at}, {"operator", j.operator_id}});
    reply_json(res, {{"items", a}});
  });
  add("POST", "/api/v1/print/deliver/{nik}", R"(/api/v1/print/deliver/([0-9]+))", {Permission::PrintDesk, ScopeBy::NikInPath},
      [this](const httplib::Request& req, httplib::Response& res) {
        nlohmann::json body = nlohmann::json::object();  // no body: the resident collected it today
        if (!req.body.empty()) {
          auto b = json_body(req, res);
          if (!b) return;
          body = *b;
        }
        DeliveryRequest request{body_string(body, "office"), body_string(body, "collector"), body_string(body, "representative_name"),
                                body_string(body, "representative_nik"), std::nullopt};
        if (!body_string(body, "date").empty()) {
          request.on = body_date(body, "date", res);
          if (!request.on) return;
        }
        if (!request.office.empty() && !region_in_scope(res, request.office, "office")) return;
        auto store = stores_.acquire();
        PrintService svc(*store, wilayah_);
        auto r = svc.deliver(req.matches[1], request, actor_of(req));
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, {{"nik", r->record.nik}, {"status", to_string(r->record.status)}, {"since", r->record.since},
                         {"delivery", to_json(r->delivery)}});
      });
  add("POST", "/api/v1/print/shipments", "/api/v1/print/shipments", {Permission::PrintDesk}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    const std::string kind = body_string(*body, "kind"), from = body_string(*body, "from"), to = body_string(*body, "to");
    if (kind != "ship" && kind != "receive")
      return reply_error(res, make_error("ENUM_VALUE", "kind", {"kind", kind, "ship, receive"}));
    auto on = body_date(*body, "date", res);
    if (!on) return;
    // The office that acts: the sender ships, the home office receives.
    const std::string acting = kind == "ship" ? from : to;
    if (!acting.empty() && !region_in_scope(res, acting, kind == "ship" ? "from" : "to")) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = kind == "ship" ? svc.ship_cards(from, to, *on, actor_of(req)) : svc.receive_cards(to, from, *on, actor_of(req));
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, {{"kind", kind}, {"from", from}, {"to", to}, {"date", on->iso()}, {"cards", *r}}, 201);
  });
  add("GET", "/api/v1/print/shipments", "/api/v1/print/shipments", {Permission::PersonRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 500, 1, 100000);
    if (!limit) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.shipments(param(req, "office"), *limit);
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, items(*r));
  });
  add("GET", "/api/v1/print/undelivered", "/api/v1/print/undelivered", {Permission::PersonRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 500, 1, 100000);
    if (!limit) return;
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.undelivered(param(req, "office"), *today, *limit);
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, items(*r));
  });
  add("GET", "/api/v1/print/plan", "/api/v1/print/plan", {Permission::CapacityPlan, ScopeBy::Query, "province"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto radius = int_param(req, res, "radius_km", 1'000'000'000, 0, 1'000'000'000);
    if (!radius) return;
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    PlannerPolicy policy;
    policy.share_radius_km = static_cast<double>(*radius);
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.plan(param(req, "province"), policy, *today);
    if (!r) return reply_errors(res, r.errors());
    auto j = to_json(*r);
    j["as_of"] = today->iso();  // day 0 of the plan's days: the dashboard says calendar dates
    reply_json(res, j);
  });

  add("GET", "/api/v1/stock/balances", "/api/v1/stock/balances", {Permission::AggregateRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.balances(param(req, "office"));
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, items(*r));
  });
  add("GET", "/api/v1/stock/forecast", "/api/v1/stock/forecast", {Permission::AggregateRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.forecast(param(req, "office"), *today);
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, items(*r));
  });
  add("GET", "/api/v1/stock/audit", "/api/v1/stock/audit", {Permission::AggregateRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    reply_json(res, to_json(svc.audit(*today)));
  });
  add("GET", "/api/v1/stock/movements", "/api/v1/stock/movements", {Permission::AggregateRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 500, 1, 100000);
    if (!limit) return;
    const std::string office = param(req, "office");
    auto store = stores_.acquire();
    reply_json(res, items(store->stock_movements(office.empty() ? "" : "office:" + office, *limit)));
  });
  // One endpoint per office action keeps the request shapes small: kind = tranche | send |
  // arrive | use | return | count.
  add("POST", "/api/v1/stock/movements", "/api/v1/stock/movements", {Permission::StockManage}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    const std::string kind = body_string(*body, "kind"), office = body_string(*body, "office");
    auto item = parse_stock_item(body_string(*body, "item").empty() ? "blangko" : body_string(*body, "item"));
    if (!item) return reply_error(res, 422, "ENUM_VALUE", "item must be blangko, ribbon or cleaning_kit", "item");
    auto on = body_date(*body, "date", res);
    if (!on) return;
    const int64_t qty = body_int(*body, "quantity").value_or(0);
    const std::string actor = actor_of(req).operator_id, ref = body_string(*body, "reference");
    if (!office.empty() && !region_in_scope(res, office, "office")) return;  // empty: the service names the field
    AuditScope::note_target(office);
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    Result<int64_t> r = make_error("ENUM_VALUE", "kind", {"kind", kind, "tranche, send, arrive, use, return, count, expect"});
    if (kind == "tranche") r = svc.receive_tranche(office, *item, qty, *on, ref, actor);
    else if (kind == "send") r = svc.send_transfer(office, body_string(*body, "to"), ref, *item, qty, *on, actor);
    else if (kind == "arrive") r = svc.receive_transfer(office, ref, *on, actor);
    else if (kind == "use") r = svc.consume(office, *item, qty, *on, ref, actor);
    else if (kind == "return") r = svc.return_stock(office, *item, qty, *on, ref, actor);
    else if (kind == "count")
      r = svc.stock_take(office, *item, body_int(*body, "counted").value_or(-1), *on, body_string(*body, "reason"), actor);
    else if (kind == "expect") r = svc.expect_tranche(office, *on, qty, ref);
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, {{"movement_id", *r}}, 201);
  });

  add("POST", "/api/v1/suket", "/api/v1/suket", {Permission::SuketIssue}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    auto on = body_date(*body, "date", res);
    if (!on) return;
    auto store = stores_.acquire();
    if (!desk_may(res, *store, body_string(*body, "nik"), body_string(*body, "office"))) return;
    AuditScope::note_target(body_string(*body, "nik"));
    PrintService svc(*store, wilayah_);
    auto r = svc.issue_suket(body_string(*body, "nik"), body_string(*body, "office"), *on, body_bool(*body, "force", false),
                             actor_of(req));
    if (!r) return reply_errors(res, r.errors());
    auto j = to_json(r->suket);
    j["public_key"] = r->public_key_hex;
    j["pdf"] = "/api/v1/suket/" + r->suket.number + ".pdf";
    reply_json(res, j, 201);
  });
  add("GET", "/api/v1/suket", "/api/v1/suket", {Permission::PersonRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 500, 1, 100000);
    if (!limit) return;
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    const bool expired_only = param(req, "expired") == "1" || param(req, "expired") == "true";
    const Date today = server_today();
    auto r = expired_only ? svc.expired_sukets(param(req, "office"), today, *limit)
                          : svc.sukets(param(req, "office"), param(req, "open") == "1" || param(req, "open") == "true", *limit);
    if (!r) return reply_errors(res, r.errors());
    nlohmann::json a = nlohmann::json::array();
    for (const auto& s : *r) a.push_back(to_json(s, today));
    reply_json(res, {{"items", a}});
  });
  // Expired sukets per office (the dashboard's figure): open, expired, expiring within the renewal window.
  add("GET", "/api/v1/suket/expiry", "/api/v1/suket/expiry", {Permission::AggregateRead, ScopeBy::Query, "office"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    auto r = svc.suket_expiry(param(req, "office"), server_today());
    if (!r) return reply_errors(res, r.errors());
    nlohmann::json a = nlohmann::json::array();
    int64_t open = 0, expired = 0;
    for (const auto& row : *r) {
      auto j = to_json(row);
      const Region* reg = wilayah_.find(row.office);
      j["name"] = reg ? reg->name : row.office;
      a.push_back(j);
      open += row.open, expired += row.expired;
    }
    reply_json(res, {{"items", a}, {"open", open}, {"expired", expired}, {"as_of", server_today().iso()}});
  });
  add("POST", "/api/v1/suket/{number}/renew", R"(/api/v1/suket/([A-Z0-9-]+)/renew)", {Permission::SuketIssue}, [this](const httplib::Request& req, httplib::Response& res) {
    auto store = stores_.acquire();
    auto sk = store->suket(req.matches[1].str());
    if (!sk) return reply_error(res, 404, "SUKET_NOT_FOUND", "suket " + req.matches[1].str() + " not found", "number");
    if (!desk_may(res, *store, sk->nik, sk->office)) return;
    AuditScope::note_target(sk->nik);
    AuditScope::note_detail("renew " + sk->number);
    PrintService svc(*store, wilayah_);
    auto r = svc.renew_suket(sk->number, server_today(), actor_of(req));
    if (!r) return reply_errors(res, r.errors());
    auto j = to_json(r->suket, server_today());
    j["public_key"] = r->public_key_hex;
    j["replaces"] = sk->number;
    j["pdf"] = "/api/v1/suket/" + r->suket.number + ".pdf";
    reply_json(res, j, 201);
  });
  add("GET", "/api/v1/suket/{number}.pdf", R"(/api/v1/suket/([A-Z0-9-]+)\.pdf)", {Permission::PersonRead}, [this](const httplib::Request& req, httplib::Response& res) {
    auto store = stores_.acquire();
    if (auto sk = store->suket(req.matches[1].str())) {
      if (!desk_may(res, *store, sk->nik, "")) return;
      AuditScope::note_target(sk->nik);
    }
    PrintService svc(*store, wilayah_);
    const std::string host = req.has_header("Host") ? req.get_header_value("Host") : "";
    // The office's public_url when set, else this server as the caller reached it.
    auto doc = svc.suket_document(req.matches[1], host.empty() ? "" : "http://" + host);
    if (!doc) return reply_error(res, doc.error());
    res.set_content(render_suket_pdf(*doc), "application/pdf");
    res.set_header("Content-Disposition", "inline; filename=\"" + std::string(req.matches[1]) + ".pdf\"");
  });
  // Public: whoever holds the paper (a bank, a school) checks it, against the server's own date: a
  // caller's as_of turned an expired suket VALID, so it is refused rather than quietly ignored.
  add("GET", "/api/v1/verify/{token}", R"(/api/v1/verify/([A-Za-z0-9_.-]+))", {Permission::Public, ScopeBy::None, "", true}, [this](const httplib::Request& req, httplib::Response& res) {
    if (req.has_param("as_of"))
      return reply_error(res, 400, "BAD_PARAMETER", "as_of is not accepted: a suket is verified against the server's date", "as_of");
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    // Public, like the QR page: the verdict and the suket, never the NIK, the name masked (the
    // person behind a number is for an officer's session: ktpel suket verify at the desk).
    nlohmann::json j = to_json(svc.verify_suket(req.matches[1], server_today()));
    if (j.contains("suket")) {
      j["suket"].erase("nik");
      j["suket"]["name"] = mask_name(j["suket"].value("name", ""));
    }
    reply_json(res, j);
  });
  // Public: the page the suket's QR opens on a phone (HTML in Indonesian, no NIK, name masked).
  add("GET", "/v/{token}", R"(/v/([A-Za-z0-9_.-]+))", {Permission::Public, ScopeBy::None, "", true}, [this](const httplib::Request& req, httplib::Response& res) {
    auto store = stores_.acquire();
    PrintService svc(*store, wilayah_);
    const PublicSuketView v = svc.public_suket(req.matches[1], server_today());
    res.set_header("Cache-Control", "no-store");
    res.set_content(render_suket_page(v), "text/html; charset=utf-8");
  });
}

}  // namespace ktpel

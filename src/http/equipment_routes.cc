// Equipment (issue [10]): the inventory, fault reports and repairs, which kecamatan can record and
// where the residents of the others go, reliability, and the planners (technician tours,
// outreach, procurement). Every route declares its permission; items and tickets outside the
// caller's scope answer 404 like unknown ones.
#include <chrono>
#include <semaphore>

#include "core/common/messages.h"
#include "core/equipment/procurement_json.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "io/files.h"
#include "service/equipment_json.h"
#include "service/equipment_plans.h"
#include "store/audit_scope.h"

namespace ktpel {

using namespace http;

namespace {

template <class T>
nlohmann::json items_of(const std::vector<T>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& x : v) a.push_back(to_json(x));
  return {{"items", a}};
}

std::optional<Date> body_day(const nlohmann::json& body, const char* key, httplib::Response& res) {
  const std::string v = body_string(body, key);
  if (v.empty()) return server_today();
  auto d = Date::parse_iso(v);
  if (!d) reply_error(res, 400, "BAD_PARAMETER", std::string(key) + " must be a date YYYY-MM-DD", key);
  return d;
}

// An enum field of the body: nullopt after a 422 naming the field and the values allowed.
template <class T>
std::optional<T> body_enum(const nlohmann::json& body, const char* key, std::optional<T> (*parse)(std::string_view),
                           const char* allowed, httplib::Response& res, std::optional<T> fallback = std::nullopt) {
  const std::string v = body_string(body, key);
  if (v.empty() && fallback) return fallback;
  auto t = parse(v);
  if (!t) reply_error(res, 422, "ENUM_VALUE", std::string(key) + " must be " + allowed, key);
  return t;
}

bool item_visible(const EquipmentItem& i, bool write) {
  const Caller& c = current_caller();
  return write ? c.covers(i.office) : c.sees_aggregate(i.office);
}

// The item named in the path when the caller may write it (noted as the audit target); nullopt
// after a 404, the same for an unknown serial and one outside the scope.
std::optional<EquipmentItem> writable_item(EquipmentService& svc, const std::string& serial, httplib::Response& res) {
  auto item = svc.item(serial);
  if (!item || !item_visible(*item, true)) {
    reply_error(res, 404, "ITEM_NOT_FOUND", "no equipment item with serial " + serial, "serial");
    return std::nullopt;
  }
  AuditScope::note_target(item->serial);
  return *item;
}

// One of the server's planner slots for the request's lifetime, or a 503 after waiting 2 s.
class PlannerSlot {
 public:
  PlannerSlot(std::counting_semaphore<64>& sem, httplib::Response& res) : sem_(sem) {
    held_ = sem_.try_acquire_for(std::chrono::seconds(2));
    if (!held_) {
      res.set_header("Retry-After", "5");
      reply_error(res, 503, "PLANNER_BUSY", "another plan is being computed; try again in a few seconds", "");
    }
  }
  ~PlannerSlot() {
    if (held_) sem_.release();
  }
  explicit operator bool() const { return held_; }

 private:
  std::counting_semaphore<64>& sem_;
  bool held_ = false;
};

// A planner's region must lie within the caller's scope (a summary of a region above it is for
// aggregates, not for plans that list other regencies' kecamatan); 404 like an unknown code.
bool plan_region_covered(const std::string& code, const char* field, httplib::Response& res) {
  if (current_caller().covers(code)) return true;
  reply_error(res, 404, "WILAYAH_NOT_FOUND", "region code " + code + " not found", field);
  return false;
}

// A first day of a plan: from a week ago to a year ahead.
bool plan_start_ok(Date from, httplib::Response& res) {
  const Date today = server_today();
  if (from >= today.plus_days(-7) && from <= today.plus_days(366)) return true;
  reply_error(res, 422, "BAD_PARAMETER", "from must lie between a week ago and a year ahead", "from");
  return false;
}

// A report period: within the e-KTP era (from 2011-01-01) and not after today.
bool period_ok(Date from, Date to, httplib::Response& res) {
  if (to > server_today()) {
    reply_error(res, 422, "BAD_PARAMETER", "to must be today or earlier", "to");
    return false;
  }
  if (from < Date{2011, 1, 1}) {
    reply_error(res, 422, "BAD_PARAMETER", "from must be 2011-01-01 (the e-KTP roll-out) or later", "from");
    return false;
  }
  return true;
}

std::optional<bool> flag_param(const httplib::Request& req, const char* name, httplib::Response& res) {
  const std::string v = param(req, name);
  if (v.empty() || v == "0" || v == "false") return false;
  if (v == "1" || v == "true") return true;
  reply_error(res, 400, "BAD_PARAMETER", std::string(name) + " must be 1, true, 0 or false", name);
  return std::nullopt;
}

}  // namespace

void ApiServer::add_equipment_routes() {
  add("GET", "/api/v1/equipment", "/api/v1/equipment", {Permission::AggregateRead, ScopeBy::Query, "office"},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto r = svc.items(param(req, "office"));
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, items_of(*r));
      });
  add("POST", "/api/v1/equipment", "/api/v1/equipment", {Permission::EquipmentManage}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body || !only_fields(*body, {"office", "item_type", "serial", "vendor", "model", "installed_on", "os", "warranty_end", "status", "cards_per_day"}, res))
      return;
    EquipmentItem i;
    i.office = body_string(*body, "office");
    i.serial = body_string(*body, "serial");
    i.vendor = body_string(*body, "vendor");
    i.model = body_string(*body, "model");
    i.os = body_string(*body, "os");
    auto type = body_enum<ItemType>(*body, "item_type", parse_item_type, "an item type (PC, FINGERPRINT_SCANNER, ..., SERVER)", res);
    if (!type) return;
    auto status = body_enum<ItemStatus>(*body, "status", parse_item_status, "active, broken, in_repair or retired", res, ItemStatus::Active);
    if (!status) return;
    i.type = *type, i.status = *status;
    for (auto [key, field] : {std::pair{"installed_on", &i.installed_on}, {"warranty_end", &i.warranty_end}}) {
      const std::string v = body_string(*body, key);
      if (v.empty()) continue;
      *field = Date::parse_iso(v);
      if (!*field) return reply_error(res, 400, "BAD_PARAMETER", std::string(key) + " must be a date YYYY-MM-DD", key);
    }
    i.cards_per_day = body_int(*body, "cards_per_day").value_or(0);
    for (auto [key, value] : {std::pair{"office", &i.office}, {"serial", &i.serial}})
      if (value->empty()) return reply_error(res, make_error("FIELD_REQUIRED", key, {key}));
    if (!region_in_scope(res, i.office, "office")) return;
    AuditScope::note_target(i.serial);
    auto store = stores_.acquire();
    EquipmentService svc(*store, wilayah_);
    auto r = svc.add_item(i, server_today(), current_caller().username, utc_now_iso());
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, to_json(*r), 201);
  });
  // The inventory file as the body (text/csv); all or nothing, every problem listed.
  add("POST", "/api/v1/equipment/import", "/api/v1/equipment/import", {Permission::EquipmentManage},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        const Caller& caller = current_caller();
        auto r = svc.import_inventory(req.body, server_today(), caller.username, utc_now_iso(),
                                      [&](std::string_view office) { return caller.covers(office); });
        if (!r.problems.empty()) {
          nlohmann::json problems = nlohmann::json::array();
          for (const auto& p : r.problems)
            problems.push_back({{"line", p.line}, {"field", p.error.field}, {"code", p.error.code}, {"message", p.error.message_en},
                                {"message_id", p.error.message_id}});
          return reply_json(res, {{"error", {{"code", "INVENTORY_CSV"}, {"message", std::to_string(r.problems.size()) + " problem(s): nothing imported"}, {"field", "body"}}},
                                  {"problems", problems}}, 422);
        }
        reply_json(res, {{"rows", r.rows}, {"imported", r.imported}}, 201);
      });
  add("GET", "/api/v1/equipment/status", "/api/v1/equipment/status", {Permission::AggregateRead, ScopeBy::Query, "region"},
      [this](const httplib::Request& req, httplib::Response& res) {
        const std::string region = param(req, "region");
        if (region.empty()) return reply_error(res, 400, "BAD_PARAMETER", "region (a province, regency or kecamatan code) is required", "region");
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto r = svc.kecamatan_status(region);
        if (!r) return reply_errors(res, r.errors());
        nlohmann::json rows = nlohmann::json::array();
        int64_t able = 0, broken = 0, tickets = 0;
        for (const auto& k : *r) {
          auto j = to_json(k);
          j["code"] = k.code;  // the scope filter keeps the rows a caller below this region may see
          rows.push_back(std::move(j));
          able += k.sets.can_record(), broken += k.broken, tickets += k.open_tickets;
        }
        reply_json(res, {{"region", region}, {"kecamatan", r->size()}, {"can_record", able}, {"broken_items", broken},
                         {"open_tickets", tickets}, {"composition", svc.composition().text()}, {"items", rows}});
      });
  add("GET", "/api/v1/equipment/reliability", "/api/v1/equipment/reliability", {Permission::AggregateRead, ScopeBy::Query, "office"},
      [this](const httplib::Request& req, httplib::Response& res) {
        std::optional<Date> from = Date{2011, 1, 1}, to = server_today();
        if (req.has_param("from") && !(from = date_param(req, res, "from"))) return;
        if (req.has_param("to") && !(to = date_param(req, res, "to"))) return;
        if (!period_ok(*from, *to, res)) return;
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto r = svc.reliability(param(req, "office"), *from, *to);
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r));
      });
  add("GET", "/api/v1/equipment/downtime", "/api/v1/equipment/downtime", {Permission::AggregateRead, ScopeBy::Query, "region"},
      [this](const httplib::Request& req, httplib::Response& res) {
        std::optional<Date> to = server_today();
        if (req.has_param("to") && !(to = date_param(req, res, "to"))) return;
        std::optional<Date> from = to->plus_days(-364);
        if (req.has_param("from") && !(from = date_param(req, res, "from"))) return;
        if (!period_ok(*from, *to, res)) return;
        const std::string region = param(req, "region");
        if (region.empty()) return reply_error(res, 400, "BAD_PARAMETER", "region is required", "region");
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto r = svc.downtime(region, *from, *to);
        if (!r) return reply_errors(res, r.errors());
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& [code, days] : *r) rows.push_back({{"code", code}, {"days_without_recording", days}});
        reply_json(res, {{"from", from->iso()}, {"to", to->iso()}, {"items", rows}});
      });
  add("GET", "/api/v1/equipment/tickets", "/api/v1/equipment/tickets", {Permission::AggregateRead, ScopeBy::Query, "office"},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto limit = int_param(req, res, "limit", 200, 1, 10000);
        if (!limit) return;
        auto open_only = flag_param(req, "open", res);
        if (!open_only) return;
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto r = svc.tickets(param(req, "office"), *open_only, *limit);
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, items_of(*r));
      });
  add("POST", "/api/v1/equipment/tickets/{id}/close", R"(/api/v1/equipment/tickets/([^/]+)/close)", {Permission::EquipmentManage},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto id = id_in_path(req, res);
        if (!id) return;
        auto body = json_body(req, res);
        if (!body || !only_fields(*body, {"date", "site", "cost_rupiah", "parts", "cause", "new_serial"}, res)) return;
        auto site = body_enum<RepairSite>(*body, "site", parse_repair_site, "on_site, regency, province_hub, centre or replaced", res);
        if (!site) return;
        std::optional<FaultCause> cause;
        if (!body_string(*body, "cause").empty() &&
            !(cause = body_enum<FaultCause>(*body, "cause", parse_fault_cause, "power, lightning, age, water, rodents, other or unknown", res)))
          return;
        auto on = body_day(*body, "date", res);
        if (!on) return;
        auto store = stores_.acquire();
        {
          auto t = store->ticket(*id, false);
          if (!t || !current_caller().covers(t->office))
            return reply_error(res, 404, "TICKET_NOT_FOUND", "no repair ticket " + std::to_string(*id), "id");
          AuditScope::note_target(t->serial);
        }
        EquipmentService svc(*store, wilayah_);
        auto r = svc.close_ticket(*id, *on, *site, body_int(*body, "cost_rupiah").value_or(0), body_string(*body, "parts"), cause,
                                  body_string(*body, "new_serial"), server_today(), current_caller().username, utc_now_iso());
        if (!r) {
          Error e = r.error();
          if (e.field == "closed_on") e.field = "date";  // the request's name for it
          return reply_error(res, e);
        }
        reply_json(res, to_json(*r));
      });
  add("GET", "/api/v1/equipment/{serial}", R"(/api/v1/equipment/([^/]+))", {Permission::AggregateRead},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto r = svc.item(req.matches[1]);
        if (!r || !item_visible(*r, false))
          return reply_error(res, 404, "ITEM_NOT_FOUND", "no equipment item with serial " + std::string(req.matches[1]), "serial");
        auto j = to_json(*r);
        nlohmann::json history = nlohmann::json::array();
        for (const auto& e : svc.history(r->serial)) history.push_back(to_json(e));
        j["history"] = history;
        reply_json(res, j);
      });
  add("POST", "/api/v1/equipment/{serial}/status", R"(/api/v1/equipment/([^/]+)/status)", {Permission::EquipmentManage},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body || !only_fields(*body, {"status", "date", "note"}, res)) return;
        auto status = body_enum<ItemStatus>(*body, "status", parse_item_status, "active, broken, in_repair or retired", res);
        if (!status) return;
        auto on = body_day(*body, "date", res);
        if (!on) return;
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto item = writable_item(svc, req.matches[1], res);
        if (!item) return;
        auto r = svc.set_status(item->serial, *status, *on, body_string(*body, "note"), current_caller().username, utc_now_iso());
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r));
      });
  add("POST", "/api/v1/equipment/{serial}/faults", R"(/api/v1/equipment/([^/]+)/faults)", {Permission::EquipmentFault},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body || !only_fields(*body, {"symptom", "cause", "date"}, res)) return;
        auto cause = body_enum<FaultCause>(*body, "cause", parse_fault_cause, "power, lightning, age, water, rodents, other or unknown", res,
                                           FaultCause::Unknown);
        if (!cause) return;
        auto on = body_day(*body, "date", res);
        if (!on) return;
        auto store = stores_.acquire();
        EquipmentService svc(*store, wilayah_);
        auto item = writable_item(svc, req.matches[1], res);
        if (!item) return;
        auto r = svc.report_fault(item->serial, body_string(*body, "symptom"), *cause, *on, server_today(), current_caller().username,
                                  utc_now_iso());
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r), 201);
      });

  // Where residents go: each kecamatan of the region, itself or the nearest working one of the
  // province (balanced=1: within the working kecamatan's capacity over `days`).
  add("GET", "/api/v1/continuity", "/api/v1/continuity", {Permission::AggregateRead, ScopeBy::Query, "region"},
      [this](const httplib::Request& req, httplib::Response& res) {
        const std::string region = param(req, "region");
        if (region.empty()) return reply_error(res, 400, "BAD_PARAMETER", "region is required", "region");
        auto balanced = flag_param(req, "balanced", res);
        if (!balanced) return;
        auto store = stores_.acquire();
        if (*balanced) {
          auto days = int_param(req, res, "days", 30, 1, 366);
          if (!days) return;
          PlannerSlot slot(*planners_, res);
          if (!slot) return;
          EquipmentPlans plans(*store, wilayah_);
          auto r = plans.balanced_continuity(region, *days, std::nullopt);
          if (!r) return reply_errors(res, r.errors());
          // The assignments of kecamatan outside the caller's scope are not theirs to see (the
          // totals stay, as a summary).
          auto& broken = r.value().plan.broken;
          std::erase_if(broken, [](const ContinuityAssignment& a) { return !current_caller().covers(a.kecamatan); });
          return reply_json(res, to_json(*r));
        }
        EquipmentService svc(*store, wilayah_);
        auto r = svc.continuity(region);
        if (!r) return reply_errors(res, r.errors());
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& c : *r) {
          auto j = to_json(c);
          j["code"] = c.row.kecamatan;
          rows.push_back(std::move(j));
        }
        reply_json(res, {{"region", region}, {"items", rows}});
      });
  add("GET", "/api/v1/repair/plan", "/api/v1/repair/plan", {Permission::CapacityPlan, ScopeBy::Query, "province"},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto technicians = int_param(req, res, "technicians", 0, 0, 200);
        if (!technicians) return;
        std::optional<Date> from = server_today();
        if (req.has_param("from") && !(from = date_param(req, res, "from"))) return;
        if (!plan_start_ok(*from, res) || !plan_region_covered(param(req, "province"), "province", res)) return;
        PlannerSlot slot(*planners_, res);
        if (!slot) return;
        auto store = stores_.acquire();
        EquipmentPlans plans(*store, wilayah_);
        auto r = plans.repair_plan(param(req, "province"), static_cast<int>(*technicians), param(req, "hub"), *from, RepairSettings{});
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r));
      });
  add("GET", "/api/v1/outreach/plan", "/api/v1/outreach/plan", {Permission::CapacityPlan, ScopeBy::Query, "regency"},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto teams = int_param(req, res, "teams", 1, 0, 100);
        if (!teams) return;
        auto days = int_param(req, res, "days", 10, 0, 366);
        if (!days) return;
        std::optional<Date> from = server_today();
        if (req.has_param("from") && !(from = date_param(req, res, "from"))) return;
        if (!plan_start_ok(*from, res) || !plan_region_covered(param(req, "regency"), "regency", res)) return;
        PlannerSlot slot(*planners_, res);
        if (!slot) return;
        auto store = stores_.acquire();
        EquipmentPlans plans(*store, wilayah_);
        auto r = plans.outreach_plan(param(req, "regency"), static_cast<int>(*teams), static_cast<int>(*days), *from, OutreachSettings{});
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r));
      });
  // {"province","budget","prices":{"PC":15000000,...},"demand":{"61.01.03":4210,...}}
  add("POST", "/api/v1/procurement/plan", "/api/v1/procurement/plan", {Permission::CapacityPlan},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body || !only_fields(*body, {"province", "budget", "prices", "demand"}, res)) return;
        const std::string province = body_string(*body, "province");
        if (province.empty()) return reply_error(res, make_error("FIELD_REQUIRED", "province", {"province"}));
        if (!plan_region_covered(province, "province", res)) return;
        auto budget = body_int(*body, "budget");
        if (!budget) return reply_error(res, make_error("FIELD_REQUIRED", "budget", {"budget"}));
        PriceCatalogue prices;
        if (!body->contains("prices") || !(*body)["prices"].is_object())
          return reply_error(res, make_error("FIELD_TYPE", "prices", {"prices", "objek {jenis: harga}", "an object {item_type: unit_price}"}));
        for (const auto& [key, v] : (*body)["prices"].items()) {
          auto t = parse_item_type(key);
          if (!t) return reply_error(res, 422, "ENUM_VALUE", "prices: unknown item type " + key, "prices." + key);
          if (!v.is_number_integer() || v.get<int64_t>() <= 0)
            return reply_error(res, make_error("FIELD_TYPE", "prices." + key, {"prices." + key, "bilangan bulat rupiah > 0", "whole rupiah > 0"}));
          prices[*t] = v.get<int64_t>();
        }
        std::optional<std::map<std::string, int64_t>> demand;
        if (body->contains("demand") && !(*body)["demand"].is_null()) {
          if (!(*body)["demand"].is_object())
            return reply_error(res, make_error("FIELD_TYPE", "demand", {"demand", "objek {kecamatan: orang}", "an object {kecamatan: people}"}));
          demand.emplace();
          for (const auto& [key, v] : (*body)["demand"].items()) {
            const Region* k = wilayah_.find(key);
            if (!k || k->level != Level::Kecamatan || key.rfind(province + ".", 0) != 0)
              return reply_error(res, 422, "EQUIPMENT_FIELD", "demand: " + key + " is not a kecamatan of " + province, "demand." + key);
            if (!v.is_number_integer() || v.get<int64_t>() < 0)
              return reply_error(res, make_error("FIELD_TYPE", "demand." + key, {"demand." + key, "bilangan bulat ≥ 0", "a whole number ≥ 0"}));
            (*demand)[key] = v.get<int64_t>();
          }
        }
        PlannerSlot slot(*planners_, res);
        if (!slot) return;
        auto store = stores_.acquire();
        EquipmentPlans plans(*store, wilayah_);
        auto r = plans.procurement(province, *budget, prices, demand, server_today());
        if (!r) return reply_errors(res, r.errors());
        auto j = procurement_json(r->plan);
        j["notes"] = r->notes;
        reply_json(res, j);
      });
}

}  // namespace ktpel

// The audit log for auditors: entries by user, by NIK or region, by time (JSON or CSV), and a
// check of the whole chain.
#include "core/identity/role.h"
#include "core/text/csv.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "service/audit_service.h"

namespace ktpel {

using namespace http;

namespace {

// An entry is in an auditor's scope when what it acted on is: a NIK by its region, a region code
// by itself. Entries about nobody in particular (logins, exports) are for auditors at pusat.
bool entry_in_scope(const Caller& c, const AuditEntry& e) {
  if (c.scope.empty()) return true;
  if (e.target.size() == 16 && e.target.find('.') == std::string::npos) return c.covers(region_of_nik(e.target));
  return !e.target.empty() && c.covers(e.target);
}

}  // namespace

void ApiServer::add_audit_routes() {
  add("GET", "/api/v1/audit", "/api/v1/audit", {Permission::AuditRead}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 500, 1, 100000);
    if (!limit) return;
    auto after = int_param(req, res, "after", 0, 0, INT64_MAX);
    if (!after) return;
    AuditQuery q;
    q.actor = param(req, "user");
    q.target = param(req, "nik");
    q.from = param(req, "from");
    q.to = param(req, "to");
    q.after_seq = *after;
    q.limit = *limit;
    auto store = stores_.acquire();
    const Caller& c = current_caller();
    std::vector<AuditEntry> shown;
    int64_t scanned_to = *after;  // paging goes on from the last entry read, shown or not
    for (auto& e : store->audit_entries(q)) {
      scanned_to = e.seq;
      if (entry_in_scope(c, e)) shown.push_back(std::move(e));
    }
    if (param(req, "format") == "csv") {
      std::string out = "seq,at,actor,role,action,target,detail,hash\n";
      for (const auto& e : shown) {
        // Targets and details carry what callers typed (a search, a name): neutralised as text cells.
        const std::string seq = std::to_string(e.seq);
        csv_append_export_record(out, {seq, e.at, e.actor, e.role, e.action, e.target, e.detail, e.hash});
      }
      res.set_header("Content-Disposition", "attachment; filename=\"audit.csv\"");
      res.set_content(out, "text/csv; charset=utf-8");
      return;
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : shown)
      items.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"role", e.role}, {"action", e.action},
                       {"target", e.target}, {"detail", e.detail}, {"hash", e.hash}});
    reply_json(res, {{"items", items}, {"next_after", scanned_to}});
  });
  add("GET", "/api/v1/audit/verify", "/api/v1/audit/verify", {Permission::AuditRead},
      [this](const httplib::Request&, httplib::Response& res) {
        auto store = stores_.acquire();
        const AuditReport r = verify_audit_log(*store);
        nlohmann::json j = {{"ok", r.ok}, {"entries", r.entries}, {"checkpoints", r.checkpoints}, {"head_seq", r.head_seq}};
        if (r.broken) j["break"] = {{"seq", r.broken->seq}, {"reason", r.broken->reason}};
        reply_json(res, j);
      });
}

}  // namespace ktpel

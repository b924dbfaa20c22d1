#include "cli/console_user.h"

#include <cstdlib>
#include <map>

#include "cli/context.h"
#include "io/files.h"
#include "service/auth_service.h"
#include "store/audit_scope.h"

namespace ktpel::cli {
namespace {

struct Console {
  std::string as, arguments;
  CLI::App* app = nullptr;
  std::optional<Caller> caller;
  std::unique_ptr<AuditScope> audit;
};
Console& console() {
  static Console c;
  return c;
}

// What each command needs, by its path ("resident get"); a command not listed needs the centre's
// user_manage (deny by default).
const std::map<std::string, Permission>& command_permissions() {
  using P = Permission;
  static const std::map<std::string, Permission> m = {
      {"resident get", P::PersonRead},       {"resident search", P::PersonRead},   {"resident history", P::PersonRead},
      {"resident register", P::PersonWrite}, {"resident event", P::PersonWrite},   {"import", P::PersonWrite},
      {"export", P::PersonRead},             {"nik check", P::PersonRead},         {"nik issue", P::PersonWrite},
      {"stats", P::AggregateRead},           {"coverage", P::AggregateRead},       {"coverage rebuild", P::AggregateRead}, {"coverage roll", P::AggregateRead},
      {"coverage target", P::CapacityPlan},  {"centre station-code", P::StationManage}, {"centre stations", P::StationManage},
      {"centre revoke", P::StationManage},   {"centre rejected", P::StationManage},
      {"pipeline run", P::StationManage},    {"ektp status", P::PersonRead},       {"ektp queues", P::AggregateRead},
      {"ektp stuck", P::PersonRead},         {"ektp event", P::EktpEvent},  {"printer add", P::PrinterManage},
      {"printer status", P::PrinterManage},  {"printer list", P::AggregateRead},   {"print queue", P::PersonRead},
      {"print job", P::PrintDesk},           {"print deliver", P::PrintDesk},      {"print undelivered", P::PersonRead},
      {"print ship", P::PrintDesk},          {"print receive", P::PrintDesk},      {"print shipments", P::PersonRead},
      {"print priority", P::PrinterManage},  {"print setting", P::PrinterManage},  {"print plan", P::CapacityPlan},
      {"stock receive", P::StockManage},     {"stock send", P::StockManage},       {"stock arrive", P::StockManage},
      {"stock use", P::StockManage},         {"stock return", P::StockManage},     {"stock count", P::StockManage},
      {"stock expect", P::StockManage},      {"stock balance", P::AggregateRead},  {"stock forecast", P::AggregateRead},
      {"stock audit", P::AggregateRead},     {"stock history", P::AggregateRead},  {"suket issue", P::SuketIssue},
      {"suket pdf", P::PersonRead},          {"suket list", P::PersonRead},        {"suket verify", P::Public},
      {"suket renew", P::SuketIssue},        {"akta issue", P::PersonWrite},        {"suket expired", P::AggregateRead},
      {"dedup", P::DedupRun},                {"dedup check", P::PersonRead},       {"afis gallery", P::AbisEnrol},
      {"audit verify", P::AuditRead},        {"audit list", P::AuditRead},         {"audit checkpoint", P::UserManage},
      {"backup", P::UserManage},             {"restore", P::UserManage},
      {"equipment import", P::EquipmentManage}, {"equipment add", P::EquipmentManage}, {"equipment set-status", P::EquipmentManage},
      {"equipment list", P::AggregateRead},     {"equipment history", P::AggregateRead}, {"equipment status", P::AggregateRead},
      {"equipment fault", P::EquipmentFault},   {"equipment repair", P::EquipmentManage}, {"equipment tickets", P::AggregateRead},
      {"equipment reliability", P::AggregateRead}, {"equipment downtime", P::AggregateRead},
      {"equipment setting", P::EquipmentManage}, {"equipment generate", P::Public}, {"equipment seed", P::EquipmentManage},
      {"continuity plan", P::AggregateRead},    {"repair plan", P::CapacityPlan},      {"outreach plan", P::CapacityPlan},
      {"procure plan", P::CapacityPlan},
      {"report", P::AggregateRead},          {"report letterhead", P::CapacityPlan},
      {"serve", P::Public},                  {"centre fingerprint", P::Authenticated},                  {"user list", P::Authenticated},
  };
  return m;
}

std::string command_path() {
  std::string path;
  const CLI::App* at = console().app;
  while (at) {
    const auto subs = at->get_subcommands();
    if (subs.empty()) break;
    at = subs.front();
    path += (path.empty() ? "" : " ") + at->get_name();
  }
  return path;
}

Permission permission_for(const std::string& path) {
  const auto& m = command_permissions();
  // The longest listed prefix: "centre ektp status" before "centre".
  std::string p = path;
  while (!p.empty()) {
    if (auto it = m.find(p); it != m.end()) return it->second;
    const size_t space = p.rfind(' ');
    p = space == std::string::npos ? "" : p.substr(0, space);
  }
  return Permission::UserManage;
}

}  // namespace

void add_console_user_option(CLI::App& app, int argc, char** argv) {
  console().app = &app;
  for (int i = 1; i < argc; ++i) console().arguments += (i > 1 ? " " : "") + std::string(argv[i]);
  if (const char* env = std::getenv("KTPEL_USER"); env && *env) console().as = env;
  app.add_option("--as", console().as, "the officer this command acts as (default $KTPEL_USER)");
}

const std::string& console_user_name() { return console().as; }

const std::optional<Caller>& console_caller() { return console().caller; }

std::string console_actor(const std::string& fallback) { return console().caller ? console().caller->username : fallback; }

std::unique_ptr<Store> open_console_store(const std::string& location) {
  auto store = ktpel::open_store(location);
  Console& c = console();
  const std::string path = command_path();
  const Permission needed = permission_for(path);
  if (needed == Permission::Public) return store;
  if (store->count_users() == 0) {
    if (!c.as.empty()) throw CommandError(kUsage, "this database has no accounts yet: create the first with ktpel user add (no --as)");
    return store;  // set-up mode
  }
  if (c.as.empty())
    throw CommandError(kUsage, "this database has officer accounts: name yours with --as USER or KTPEL_USER (command: " + path + ")");
  auto caller = AuthService(*store).console_user(c.as);
  if (!caller) throw CommandError(kUsage, caller.error().message_en);
  if (!caller->may(needed))
    throw CommandError(kUsage, "role " + std::string(to_string(caller->role)) + " of " + c.as + " may not run '" + path +
                                   "' (needs permission " + std::string(to_string(needed)) + ")");
  c.caller = *caller;
  if (!c.audit) {
    c.audit = std::make_unique<AuditScope>(
        AuditIntent{utc_now_iso(), caller->username, std::string(to_string(caller->role)), "cli " + path, "",
                    c.arguments.substr(0, 500)});
    if (reads_person_data(needed)) {
      StoreTransaction tx(*store);  // a read leaves its entry now, in its own transaction
      tx.commit();
    }
  }
  return store;
}

}  // namespace ktpel::cli

// ktpel audit ...: check the audit log's chain (and signed checkpoints), list entries, sign a
// checkpoint of the head.
#include <cstdio>

#include "cli/context.h"
#include "io/files.h"
#include "service/audit_service.h"

namespace ktpel::cli {

void add_audit_command(CLI::App& app, Context&, int& exit_code) {
  static std::string db, user, nik, centre_key;
  static int64_t limit = 100, after = 0;
  auto* audit = app.add_subcommand("audit", "the tamper-evident audit log: verify, list, checkpoint");
  audit->require_subcommand(1);
  audit->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());

  auto* verify = audit->add_subcommand("verify", "walk the hash chain; report the first entry where it breaks");
  verify->add_option("--centre-key", centre_key, "the centre's signing key (hex) to trust (default: the database's)");
  verify->callback([&] {
    auto store = open_console_store(db);
    const AuditReport r = verify_audit_log(*store, centre_key);
    if (r.ok) {
      std::printf("audit log intact: %lld entries, %lld signed checkpoints checked\n", static_cast<long long>(r.entries),
                  static_cast<long long>(r.checkpoints));
      return;
    }
    std::printf("audit log BROKEN at entry %lld: %s\n", static_cast<long long>(r.broken->seq), r.broken->reason.c_str());
    exit_code = kProblems;
  });

  auto* list = audit->add_subcommand("list", "entries, oldest first");
  list->add_option("--user", user);
  list->add_option("--nik", nik);
  list->add_option("--after", after, "entries after this seq");
  list->add_option("--limit", limit)->check(CLI::Range(1, 100000));
  list->callback([&] {
    auto store = open_console_store(db);
    AuditQuery q;
    q.actor = user;
    q.target = nik;
    q.after_seq = after;
    q.limit = limit;
    for (const auto& e : store->audit_entries(q))
      std::printf("%6lld %s %-12s %-10s %-40s %-18s %s\n", static_cast<long long>(e.seq), e.at.c_str(), e.actor.c_str(),
                  e.role.c_str(), e.action.c_str(), e.target.c_str(), e.detail.c_str());
  });

  auto* checkpoint = audit->add_subcommand("checkpoint", "sign the head of the log with the centre's key now");
  checkpoint->callback([&] {
    auto store = open_console_store(db);
    if (!sign_audit_checkpoint(*store, utc_now_iso()))
      throw CommandError(kProblems, "nothing to sign: no centre key in this database, or an empty log");
    const auto [seq, hash] = store->audit_head();
    std::printf("checkpoint signed at entry %lld (%s)\n", static_cast<long long>(seq), hash.substr(0, 16).c_str());
  });
}

}  // namespace ktpel::cli

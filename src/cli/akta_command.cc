// ktpel akta issue ... : issue an akta kelahiran (birth certificate) at the regency office for a
// registered resident (number in the office's series; never twice; not for the deceased).
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/command_result.h"
#include "cli/console_user.h"
#include "cli/context.h"
#include "io/files.h"
#include "service/akta_service.h"

namespace ktpel::cli {

void add_akta_command(CLI::App& app, Context& ctx, int& /*exit_code*/) {
  static std::string db, nik, office, date;
  static bool json = false;
  auto* akta = app.add_subcommand("akta", "akta kelahiran (birth certificates) issued by the regency office");
  akta->require_subcommand(1);
  akta->add_option("--db", db, "database")->default_val(default_db());
  auto* issue = akta->add_subcommand("issue", "issue the birth certificate of a registered, living resident");
  issue->add_option("nik", nik, "the child's NIK")->required();
  issue->add_option("--office", office, "issuing regency office PP.KK (the resident's)")->required();
  issue->add_option("--date", date, "issue date (default today)");
  issue->add_flag("--json", json);
  issue->callback([&ctx] {
    auto store = open_console_store(db);
    AktaService svc(*store, ctx.wilayah());
    const std::string officer = console_actor(std::getenv("USER") ? std::getenv("USER") : "officer");
    const auto& a = value_or_fail(svc.issue(nik, office, day_or_today(date), officer, utc_now_iso()));
    if (json) {
      const nlohmann::json j = {{"nik", a.nik}, {"number", a.number}, {"office", a.office}, {"officer", a.officer},
                                {"issued_on", a.issued_on.iso()}, {"late", a.late}};
      std::printf("%s\n", j.dump(2).c_str());
      return;
    }
    std::printf("akta kelahiran %s for %s, issued %s by %s at office %s%s\n", a.number.c_str(), a.nik.c_str(),
                a.issued_on.iso().c_str(), a.officer.c_str(), a.office.c_str(), a.late ? " (late registration)" : "");
  });
}

}  // namespace ktpel::cli

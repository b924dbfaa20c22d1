// ktpel keys status | rotate: the data keys that seal photos, biometrics and private keys at rest.
#include <chrono>
#include <cstdio>

#include "cli/context.h"
#include "service/key_rotation.h"

namespace ktpel::cli {

void add_keys_command(CLI::App& app, Context& /*ctx*/, int& /*exit_code*/) {
  static std::string db, new_master_file;
  static int64_t batch = 500;
  auto* keys = app.add_subcommand("keys", "the keys that protect secrets and biometrics at rest");
  keys->require_subcommand(1);
  keys->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());

  keys->add_subcommand("status", "data keys and how many values each seals")->callback([&] {
    auto store = open_console_store(db);
    std::printf("master key %s (from KTPEL_MASTER_KEY, KTPEL_MASTER_KEY_FILE or %s)\n", store->master_key_id().c_str(),
                master_key_file_for(db).c_str());
    std::printf("%-8s %-8s %-22s %-8s %s\n", "key", "master", "created", "active", "values");
    for (const auto& k : store->data_keys()) {
      if (k.id == 0)
        std::printf("%-8s %-8s %-22s %-8s %lld\n", "clear", "-", "-", "-", static_cast<long long>(k.values));
      else
        std::printf("%-8lld %-8s %-22s %-8s %lld\n", static_cast<long long>(k.id), k.master_key_id.c_str(),
                    k.created_at.c_str(), k.active ? "yes" : "no", static_cast<long long>(k.values));
    }
  });

  auto* rotate = keys->add_subcommand(
      "rotate", "a new data key, every value re-sealed under it in batches (the server keeps running); with "
                "--new-master-key-file: the data keys re-wrapped under a new master key instead");
  rotate->add_option("--new-master-key-file", new_master_file,
                     "wrap the data keys under the key in this file (made, 0600, when absent) in one transaction");
  rotate->add_option("--batch", batch, "rows per transaction")->check(CLI::Range(int64_t{1}, int64_t{100000}));
  rotate->callback([&] {
    auto store = open_console_store(db);
    if (!new_master_file.empty()) {
      const MasterKey next = read_master_key_file(new_master_file, true);
      const std::string old_id = store->master_key_id();
      const int64_t n = rewrap_data_keys(*store, next);
      std::printf("%lld data keys re-wrapped: master key %s -> %s\n", static_cast<long long>(n), old_id.c_str(),
                  next.id.c_str());
      std::printf("from now on start ktpel with KTPEL_MASTER_KEY_FILE=%s (restart the server)\n", new_master_file.c_str());
      return;
    }
    auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    const auto report = rotate_data_key(*store, batch, [&](int64_t done, int64_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(500) && done < total) return;
      last = now;
      std::fprintf(stderr, "re-sealing: %lld / %lld rows\n", static_cast<long long>(done), static_cast<long long>(total));
    });
    std::printf("data key %lld active; %lld rows re-sealed in %d pass%s\n", static_cast<long long>(report.new_key),
                static_cast<long long>(report.resealed), report.passes, report.passes == 1 ? "" : "es");
  });
}

}  // namespace ktpel::cli

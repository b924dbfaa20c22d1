// ktpel station init|operator|record|simulate|sync|serve|status|rotate-key
// Secrets come from the environment, never the command line (it shows in ps):
//   KTPEL_STATION_PASSPHRASE unlocks the station's signing key (init, record, rotate-key);
//   KTPEL_OPERATOR_PASSWORD is the operator's password (operator, record, simulate).
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "core/nik/nik.h"
#include "core/registry/resident_csv.h"
#include "core/registry/wajib_ktp.h"
#include "core/synth/synthetic_enrolment.h"
#include "core/text/csv.h"
#include "io/files.h"
#include "station/station_service.h"

namespace ktpel::cli {
namespace {

std::atomic<bool> g_stop{false};

std::string secret_env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) throw CommandError(kUsage, std::string("set ") + name + " in the environment (secrets are not taken as arguments)");
  return v;
}

[[noreturn]] void fail(const Error& e) { throw CommandError(kProblems, e.message_en + " | " + e.message_id); }

std::unique_ptr<RecordingStation> open_station(const std::string& dir, bool must_be_initialised = true) {
  auto s = std::make_unique<RecordingStation>(dir);
  if (must_be_initialised && !s->initialised())
    throw CommandError(kUsage, "no registered station in " + dir + " (run: ktpel station init --dir " + dir + " ...)");
  return s;
}

std::string read_relative(const std::filesystem::path& base, const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return {};
  std::filesystem::path p = j[key].get<std::string>();
  return read_file((p.is_absolute() ? p : base / p).string());
}

Enrolment enrolment_from_json(const std::string& path) {
  auto j = nlohmann::json::parse(read_file(path), nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw CommandError(kUsage, path + " is not a JSON object");
  const auto base = std::filesystem::path(path).parent_path();
  Enrolment e;
  e.nik = j.value("nik", "");
  e.captured_at = j.value("captured_at", utc_now_iso());
  e.photo_jpeg = read_relative(base, j, "photo");
  e.signature_png = read_relative(base, j, "signature");
  e.iris_right = read_relative(base, j, "iris_right");
  e.iris_left = read_relative(base, j, "iris_left");
  e.photo_quality = j.value("photo_quality", 0);
  for (const auto& f : j.value("fingers", nlohmann::json::array()))
    e.fingers.push_back({f.value("position", 0), f.value("quality", 0), read_relative(base, f, "template")});
  for (const auto& x : j.value("exceptions", nlohmann::json::array()))
    e.finger_exceptions.push_back({x.value("position", 0), x.value("reason", "")});
  return e;
}

}  // namespace

void add_station_command(CLI::App& app, Context& /*ctx*/, int& exit_code) {
  static std::string dir, centre, code, fingerprint, name, user, json, residents, as_of = "2024-12-31";
  static int count = 100, offset = 0;
  static uint64_t seed = 1;
  static double timeout = 60;
  static SyncOptions options;
  auto* st = app.add_subcommand("station", "an offline-first recording station (its own SQLite outbox)");
  st->require_subcommand(1);
  st->add_option("--dir", dir, "the station's folder (station.db)")->required();

  auto* init = st->add_subcommand("init", "create the key pair and register with the centre using a one-time code");
  init->add_option("--centre", centre, "centre URL, e.g. http://10.0.0.1:8080")->required();
  init->add_option("--code", code, "one-time code from: ktpel centre station-code")->required();
  init->add_option("--centre-fingerprint", fingerprint,
                   "the centre's key fingerprint XXXX-XXXX-XXXX-XXXX, from the centre's officer (ktpel centre fingerprint)")
      ->required();
  init->add_option("--name", name, "station name");
  init->callback([&] {
    auto station = open_station(dir, false);
    RecordingStation& s = *station;
    auto id = s.init(centre, code, fingerprint, name, secret_env("KTPEL_STATION_PASSPHRASE"));
    if (!id) fail(id.error());
    std::printf("station %s registered with %s\n", id->c_str(), centre.c_str());
  });

  auto* op = st->add_subcommand("operator", "add (or reset) an offline operator account");
  op->add_option("--user", user)->required();
  op->callback([&] {
    auto station = open_station(dir);
    RecordingStation& s = *station;
    auto r = s.add_operator(user, secret_env("KTPEL_OPERATOR_PASSWORD"));
    if (!r) fail(r.error());
    std::printf("operator %s ready\n", user.c_str());
  });

  auto* rec = st->add_subcommand("record", "record one enrolment into the outbox (works offline)");
  rec->add_option("--operator", user)->required();
  rec->add_option("--json", json, "enrolment JSON: nik, photo, signature, fingers[{position,quality,template}], exceptions, iris_*")->required();
  rec->callback([&] {
    auto station = open_station(dir);
    RecordingStation& s = *station;
    if (auto ok = s.login(user, secret_env("KTPEL_OPERATOR_PASSWORD")); !ok) fail(ok.error());
    Enrolment e = enrolment_from_json(json);
    e.operator_id = user;
    auto id = s.record(std::move(e), secret_env("KTPEL_STATION_PASSPHRASE"));
    if (!id) fail(id.error());
    std::printf("recorded packet %s (outbox: %lld pending)\n", id->c_str(), static_cast<long long>(s.counts().pending));
  });

  auto* sim = st->add_subcommand("simulate", "record N synthetic enrolments of wajib-KTP residents from a residents CSV");
  sim->add_option("--operator", user)->required();
  sim->add_option("--residents", residents, "residents.csv (import format)")->required();
  sim->add_option("--count", count)->check(CLI::Range(1, 1000000));
  sim->add_option("--offset", offset, "skip this many eligible residents (disjoint ranges per station)");
  sim->add_option("--seed", seed);
  sim->add_option("--as-of", as_of, "date for the wajib KTP rule");
  sim->callback([&] {
    auto station = open_station(dir);
    RecordingStation& s = *station;
    if (auto ok = s.login(user, secret_env("KTPEL_OPERATOR_PASSWORD")); !ok) fail(ok.error());
    const Date on = Date::parse_iso(as_of).value_or(Date{2024, 12, 31});
    const std::string text = read_file(residents);
    CsvReader reader(text);
    CsvRecord r;
    reader.next(r);  // header
    std::vector<std::string> niks;
    int skipped = 0;
    while (static_cast<int>(niks.size()) < count && reader.next(r)) {
      if (r.fields.size() != kResidentCsvColumns.size()) continue;
      auto birth = Date::parse_iso(r.fields[5]);
      if (!birth || !is_wajib_ktp(*birth, r.fields[7], on)) continue;
      if (skipped++ < offset) continue;
      niks.push_back(r.fields[0]);
    }
    Rng rng(seed);
    std::vector<Enrolment> es;
    for (const auto& nik : niks) es.push_back(synthetic_enrolment(rng, nik, s.station_id(), user, utc_now_iso()));
    auto n = s.record_all(std::move(es), secret_env("KTPEL_STATION_PASSPHRASE"));
    if (!n) fail(n.error());
    std::printf("recorded %d packets (outbox: %lld pending)\n", *n, static_cast<long long>(s.counts().pending));
  });

  auto add_sync_options = [&](CLI::App* c) {
    c->add_option("--max-backoff-ms", options.backoff.cap_ms, "longest wait between retries");
    c->add_option("--chunk-bytes", options.chunk_bytes, "upload chunk size");
  };
  auto* sync = st->add_subcommand("sync", "upload pending packets until the outbox is empty or --timeout");
  sync->add_option("--timeout", timeout, "seconds to keep trying");
  add_sync_options(sync);
  sync->callback([&] {
    auto station = open_station(dir);
    RecordingStation& s = *station;
    auto r = s.sync_until(options, timeout);
    std::printf("sent %d, rejected %d, %lld still pending%s%s\n", r.sent, r.rejected, static_cast<long long>(r.pending_left),
                r.last_error.empty() ? "" : "; last error: ", r.last_error.c_str());
    if (r.pending_left > 0) exit_code = kProblems;
  });
  auto* serve = st->add_subcommand("serve", "keep syncing in the background until stopped (SIGTERM/Ctrl-C)");
  add_sync_options(serve);
  serve->callback([&] {
    auto station = open_station(dir);
    RecordingStation& s = *station;
    std::signal(SIGTERM, [](int) { g_stop = true; });
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::printf("station %s syncing to %s\n", s.station_id().c_str(), s.db().config("centre_url").value_or("?").c_str());
    std::fflush(stdout);
    auto r = s.sync_until(options, -1, &g_stop);
    std::printf("stopped: sent %d, rejected %d, %lld pending\n", r.sent, r.rejected, static_cast<long long>(r.pending_left));
  });
  st->add_subcommand("status", "outbox counts and the latest problems")->callback([&] {
    auto station = open_station(dir);
    RecordingStation& s = *station;
    auto c = s.counts();
    std::printf("station %s: %lld pending, %lld sent, %lld rejected\n", s.station_id().c_str(), static_cast<long long>(c.pending),
                static_cast<long long>(c.sent), static_cast<long long>(c.rejected));
    for (const auto& e : s.db().entries("rejected", 20)) {
      auto ack = nlohmann::json::parse(e.ack, nullptr, false);
      std::printf("  rejected %s: %s\n", e.packet_id.c_str(), ack.is_object() ? ack.value("reason", "").c_str() : "");
    }
    for (const auto& e : s.db().entries("pending", 5))
      if (!e.last_error.empty()) std::printf("  pending %s (attempt %d): %s\n", e.packet_id.c_str(), e.attempts, e.last_error.c_str());
  });
  st->add_subcommand("rotate-key", "replace the station key (the centre accepts it signed by the old one)")->callback([&] {
    auto station = open_station(dir);
    RecordingStation& s = *station;
    auto r = s.rotate_key(secret_env("KTPEL_STATION_PASSPHRASE"));
    if (!r) fail(r.error());
    std::printf("station %s key rotated\n", s.station_id().c_str());
  });
}

}  // namespace ktpel::cli

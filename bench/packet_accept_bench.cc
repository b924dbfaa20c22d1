// Packets committed per second at the centre: 10-finger enrolments of realistic size
// (~25-35 KB: JPEG photo, PNG signature, 10 ISO 19794-2 templates, 2 iris templates), sealed
// and signed by a station, then accepted one transaction each exactly as the HTTP commit does
// (open, verify, decode, validate, store, BC -> SFE, sign the ack). Sealing is not timed.
//
// --group G commits G packets per transaction (the centre's group commit, POST /uploads/commit).
// Each group is committed under an audit scope, as the HTTP route does (issue [8]): its entry is
// appended in the group's transaction.
// --audit 0 leaves the audit entry out (only to measure what it costs; the server always writes it).
// Usage: packet_accept_bench --db LOCATION [--packets N] [--durable 0|1] [--group G] [--audit 0|1]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "core/biometrics/enrolment_codec.h"
#include "core/synth/synthetic_enrolment.h"
#include "io/files.h"
#include "io/reference_data.h"
#include "service/centre_service.h"
#include "service/import_residents.h"
#include "store/audit_scope.h"

using namespace ktpel;

int main(int argc, char** argv) {
  std::string db;
  int packets = 3000;
  bool durable = true, audited = true;
  size_t group = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    if (!std::strcmp(argv[i], "--packets")) packets = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--durable")) durable = std::string(argv[i + 1]) == "1";
    if (!std::strcmp(argv[i], "--audit")) audited = std::string(argv[i + 1]) == "1";
    if (!std::strcmp(argv[i], "--group")) group = static_cast<size_t>(std::stoi(argv[i + 1]));
  }
  if (db.empty()) {
    std::fprintf(stderr, "usage: packet_accept_bench --db LOCATION [--packets N] [--durable 0|1]\n");
    return 2;
  }
  const WilayahCatalog wilayah = load_wilayah(KTPEL_BENCH_DATA_DIR);
  auto store = open_store(db);
  store->set_durable_commits(durable);
  // Residents to enrol: NIKs issued in sequence for one kecamatan and birth date.
  std::string csv = "nik,kk,name,sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,father_name,"
                    "village_code,rt,rw,address,blood_type,citizenship\n";
  std::vector<std::string> niks;
  for (int i = 0; i < packets; ++i) {
    const Date birth = Date{1990, 1, 1}.plus_days(i / 9000);
    char nik[32];
    std::snprintf(nik, sizeof nik, "657101%02d%02d%02d%04d", birth.day, birth.month, birth.year % 100, i % 9000 + 1);
    niks.push_back(nik);
    csv += std::string(nik) + ",6571010405130001,PENDUDUK " + std::string{static_cast<char>('A' + i / 676 % 26), static_cast<char>('A' + i / 26 % 26), static_cast<char>('A' + i % 26)} + ",L,TARAKAN," + birth.iso() +
           ",Islam,KAWIN,WIRASWASTA,IBU,BAPAK,65.71.01.1001,001,001,JL. A,O,WNI\n";
  }
  ImportOptions opt;
  opt.as_of = {2025, 6, 1};
  opt.now = utc_now_iso();
  if (!import_residents(*store, wilayah, csv, "", opt).committed) {
    std::fprintf(stderr, "bench setup: import failed (use an empty database)\n");
    return 1;
  }
  CentreService centre(*store, wilayah);
  const SignKeyPair key = make_sign_key_pair();
  auto reg = centre.register_station(*centre.issue_station_code("65.71.01", 1, utc_now_iso()), "bench", to_hex(key.public_key),
                                     utc_now_iso());
  std::vector<std::string> envelopes;
  size_t bytes = 0;
  Rng rng(7);
  for (int i = 0; i < packets; ++i) {
    Enrolment e = synthetic_enrolment(rng, niks[i], reg->station_id, "op", utc_now_iso());
    PacketHeader h{reg->station_id + "-" + std::to_string(i + 1), reg->station_id, i + 1, utc_now_iso(), ""};
    envelopes.push_back(seal_packet(h, encode_enrolment(e), key, centre.keys().box_public));
    bytes += envelopes.back().size();
  }
  // The share of the work that is not storage: open, verify, decode, validate every packet.
  const auto crypto_start = std::chrono::steady_clock::now();
  for (const auto& env : envelopes) {
    auto opened = open_packet(env, {centre.keys().box_public, centre.keys().box_secret});
    if (!opened || !verify_packet_signature(*opened, key.public_key)) return 1;
    auto e = decode_enrolment(opened->body);
    if (!e || !validate_enrolment(*e).empty()) return 1;
  }
  const double crypto_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - crypto_start).count();
  std::printf("open+verify+decode+validate alone: %.0f packets/s\n", packets / crypto_secs);
  const auto start = std::chrono::steady_clock::now();
  int accepted = 0;
  for (size_t i = 0; i < envelopes.size(); i += group) {
    const std::vector<std::string> batch(envelopes.begin() + static_cast<long>(i),
                                         envelopes.begin() + static_cast<long>(std::min(envelopes.size(), i + group)));
    const std::string now = utc_now_iso();
    std::optional<AuditScope> audit;
    if (audited) audit.emplace(AuditIntent{now, "station", "station", "POST /api/v1/uploads/commit", "", std::to_string(batch.size()) + " packets"});
    for (const auto& ack : centre.accept_envelopes(batch, now)) accepted += ack && ack->status == "accepted";
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s durable=%d group=%zu audit=%d: %d/%d packets accepted in %.2f s = %.0f packets/s, %.1f MB/s (mean packet %.1f KB)\n",
              std::string(store->backend()).c_str(), durable, group, audited, accepted, packets, secs, accepted / secs,
              static_cast<double>(bytes) / secs / 1e6, static_cast<double>(bytes) / packets / 1024.0);
  return accepted == packets ? 0 : 1;
}

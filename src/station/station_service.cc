#include "station/station_service.h"

#include "crypto/password.h"

#include <httplib.h>
#include <sodium.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/biometrics/enrolment_codec.h"
#include "core/common/messages.h"
#include "crypto/envelope.h"
#include "crypto/key_vault.h"
#include "io/files.h"
#include "service/centre_service.h"

namespace ktpel {
namespace {

using nlohmann::json;

// Recording goes on offline; only talking to the centre needs the network.
Error network(const std::string& what) {
  return Error{"NETWORK",
               "Jaringan ke pusat gagal: " + what + ". Perekaman tetap bisa offline; periksa URL pusat dan jaringan, lalu ulangi",
               "Network to the centre failed: " + what + ". Recording still works offline; check the centre URL and the network, then run it again",
               "centre", Severity::Error};
}

// As people type it: case and separators do not matter.
bool same_fingerprint(std::string_view a, std::string_view b) {
  auto norm = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (std::isxdigit(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  return norm(a).size() == 16 && norm(a) == norm(b);
}

std::unique_ptr<httplib::Client> client(const std::string& url, const SyncOptions& o) {
  auto c = std::make_unique<httplib::Client>(url);
  c->set_connection_timeout(std::chrono::milliseconds(o.connect_timeout_ms));
  c->set_read_timeout(std::chrono::milliseconds(o.read_timeout_ms));
  c->set_write_timeout(std::chrono::milliseconds(o.read_timeout_ms));
  c->set_keep_alive(true);
  c->set_tcp_nodelay(true);  // small request/response pairs: no Nagle delay
  return c;
}

std::string error_text(const httplib::Result& r) {
  if (!r) return httplib::to_string(r.error());
  auto j = json::parse(r->body, nullptr, false);
  if (j.is_object() && j.contains("error")) return j["error"].value("code", "") + ": " + j["error"].value("message", "");
  return "HTTP " + std::to_string(r->status);
}

}  // namespace

RecordingStation::RecordingStation(const std::string& dir) : dir_(dir), db_([&] {
  std::filesystem::create_directories(dir);
  return dir + "/station.db";
}()) {}

bool RecordingStation::initialised() { return db_.config("station_id").has_value(); }
std::string RecordingStation::station_id() { return db_.config("station_id").value_or(""); }

Result<std::string> RecordingStation::init(const std::string& centre_url, const std::string& code,
                                           const std::string& centre_fingerprint, const std::string& name,
                                           const std::string& passphrase) {
  if (initialised()) return make_error("ENROLMENT_INVALID", "dir", {"dir", "this station is already registered as " + station_id()});
  if (passphrase.size() < 8) return make_error("ENROLMENT_INVALID", "passphrase", {"passphrase", "needs at least 8 characters"});
  const SignKeyPair key = make_sign_key_pair();
  SyncOptions o;
  auto c = client(centre_url, o);
  auto r = c->Post("/api/v1/stations/register",
                   json{{"code", code}, {"name", name}, {"public_key", to_hex(key.public_key)}}.dump(), "application/json");
  if (!r) return network(httplib::to_string(r.error()) + " (" + centre_url + ")");
  if (r->status != 201) return Error{"STATION_CODE", error_text(r), error_text(r), "code", Severity::Error};
  auto j = json::parse(r->body, nullptr, false);
  if (j.is_discarded()) return network("bad registration reply");
  const std::string answered = key_fingerprint(from_hex(j.value("centre_sign_public", "")));
  if (!same_fingerprint(answered, centre_fingerprint))
    return make_error("CENTRE_FINGERPRINT", "centre_fingerprint", {centre_url, answered, centre_fingerprint});
  db_.set_config("station_id", j.value("station_id", ""));
  db_.set_config("kecamatan", j.value("kecamatan", ""));
  db_.set_config("centre_url", centre_url);
  db_.set_config("centre_box_public", from_hex(j.value("centre_box_public", "")));
  db_.set_config("centre_sign_public", from_hex(j.value("centre_sign_public", "")));
  db_.set_config("sign_public", key.public_key);
  db_.set_config("sign_secret_locked", lock_secret(key.secret_key, passphrase));
  // Kept without the passphrase so sync runs unattended: it only lets this station upload (within
  // its quota); the packets themselves still need the locked signing key.
  db_.set_config("upload_token", j.value("upload_token", ""));
  return station_id();
}

Result<std::string> RecordingStation::unlock(const std::string& passphrase) {
  auto locked = db_.config("sign_secret_locked");
  if (!locked) return make_error("ENROLMENT_INVALID", "dir", {"dir", "the station is not initialised (ktpel station init)"});
  return unlock_secret(*locked, passphrase);
}

Result<bool> RecordingStation::add_operator(const std::string& user, const std::string& password) {
  if (user.empty() || password.size() < 8)
    return make_error("ENROLMENT_INVALID", "password", {"password", "a user name and at least 8 characters are needed"});
  db_.add_operator(user, hash_password(password, /*interactive=*/true), utc_now_iso());
  return true;
}

Result<bool> RecordingStation::login(const std::string& user, const std::string& password) {
  auto hash = db_.operator_hash(user);
  if (!hash || !check_password(*hash, password)) return make_error("OPERATOR_LOGIN", "operator", {user});
  return true;
}

Result<std::string> RecordingStation::record(Enrolment e, const std::string& passphrase) {
  std::vector<Enrolment> one{std::move(e)};
  std::vector<std::string> ids;
  auto n = record_all(std::move(one), passphrase, &ids);
  if (!n) return n.error();
  return ids.front();
}

Result<int> RecordingStation::record_all(std::vector<Enrolment> es, const std::string& passphrase,
                                         std::vector<std::string>* packet_ids) {
  auto secret = unlock(passphrase);
  if (!secret) return secret.error();
  const SignKeyPair key{*db_.config("sign_public"), *secret};
  const std::string centre_box = *db_.config("centre_box_public");
  const std::string id = station_id();
  for (auto& e : es) {
    e.station_id = id;
    auto problems = validate_enrolment(e);
    if (!problems.empty()) return problems.front();
  }
  db_.begin();
  try {
    int64_t seq = db_.next_sequence();
    for (const auto& e : es) {
      PacketHeader h{id + "-" + std::to_string(seq), id, seq, utc_now_iso_ms(), to_hex(key.public_key)};
      const std::string envelope = seal_packet(h, encode_enrolment(e), key, centre_box);
      OutboxEntry entry;
      entry.packet_id = h.packet_id;
      entry.sequence = seq;
      entry.created_at = h.created_at;
      entry.size = static_cast<int64_t>(envelope.size());
      entry.sha256 = sha256_hex(envelope);
      db_.add_packet(entry, envelope);
      if (packet_ids) packet_ids->push_back(h.packet_id);
      ++seq;
    }
    db_.commit();
  } catch (...) {
    db_.rollback();
    throw;
  }
  sodium_memzero(secret.value().data(), secret.value().size());
  return static_cast<int>(es.size());
}

SyncReport RecordingStation::sync_once(const SyncOptions& o) {
  SyncReport report;
  auto url = db_.config("centre_url");
  const std::string centre_sign = db_.config("centre_sign_public").value_or("");
  if (!url) {
    report.last_error = "station not initialised";
    return report;
  }
  auto c = client(*url, o);
  c->set_default_headers({{"Authorization", "Station " + station_id() + ":" + db_.config("upload_token").value_or("")}});
  auto retry_later = [&](const OutboxEntry& e, const std::string& why) {
    const int attempts = e.attempts + 1;
    const int64_t delay = backoff_delay_ms(o.backoff, attempts, randombytes_uniform(1u << 30) / double(1u << 30));
    db_.mark_retry(e.packet_id, attempts, utc_now_iso_ms(delay), why);
    ++report.failed_attempts;
    report.last_error = why;
  };
  auto finalize = [&](const OutboxEntry& e, const std::string& ack_json) {
    if (!verify_ack(ack_json, centre_sign)) return false;  // not from our centre: keep trying
    const auto ack = json::parse(ack_json);
    // A refusal (the packet failed authentication at the centre) is final only for the very bytes
    // it names; one replayed from another envelope of the same number does not stop this one.
    if (ack.value("status", "") == "refused" && ack.value("sha256", "") != e.sha256) return false;
    const bool accepted = ack.value("status", "") == "accepted";
    db_.mark_final(e.packet_id, accepted ? "sent" : "rejected", ack_json, utc_now_iso_ms());
    (accepted ? report.sent : report.rejected)++;
    return true;
  };
  // Upload due packets (resuming where the centre is), then commit them as a group: one
  // transaction and one fsync at the centre for up to kGroup packets (decrypted on every core).
  constexpr size_t kGroup = 128;
  bool network_down = false;
  while (!network_down) {
    auto due = db_.due(utc_now_iso_ms(), static_cast<int>(kGroup));
    if (due.empty()) break;
    std::vector<const OutboxEntry*> uploaded;
    for (const auto& e : due) {
      const std::string base = "/api/v1/uploads/" + e.packet_id;
      // A first attempt starts at byte 0; a retry first asks where the centre is (resume).
      json sj = json::object();
      if (e.attempts > 0) {
        auto state = c->Get(base);
        if (!state || state->status != 200) {
          retry_later(e, error_text(state));
          network_down = true;
          break;
        }
        sj = json::parse(state->body, nullptr, false);
        if (sj.is_object() && sj.contains("committed") && sj["committed"].is_string()) {
          if (!finalize(e, sj["committed"].get<std::string>())) retry_later(e, "acknowledgement signature invalid");
          continue;
        }
      }
      const std::string envelope = *db_.envelope(e.packet_id);
      int64_t offset = sj.is_object() && sj.value("total", int64_t{0}) == e.size ? sj.value("received", int64_t{0}) : 0;
      bool failed = false, done = false;
      while (offset < e.size) {
        const std::string chunk = envelope.substr(static_cast<size_t>(offset), o.chunk_bytes);
        auto r = c->Put(base + "?offset=" + std::to_string(offset) + "&total=" + std::to_string(e.size), chunk,
                        "application/octet-stream");
        if (!r || r->status != 200) {  // quota, token, network: try again later from where the centre is
          retry_later(e, error_text(r));
          failed = true;
          break;
        }
        auto j = json::parse(r->body, nullptr, false);
        if (j.is_object() && j.contains("committed") && j["committed"].is_string()) {
          done = finalize(e, j["committed"].get<std::string>());
          if (!done) retry_later(e, "acknowledgement signature invalid");
          done = true;
          break;
        }
        offset = j.is_object() ? j.value("received", int64_t{0}) : 0;  // resume where the centre is
      }
      if (failed) {
        network_down = true;
        break;
      }
      if (!done) uploaded.push_back(&e);
    }
    if (uploaded.empty()) continue;
    json batch = json::array();
    for (const auto* e : uploaded) batch.push_back({{"packet_id", e->packet_id}, {"sha256", e->sha256}});
    auto r = c->Post("/api/v1/uploads/commit", json{{"packets", batch}}.dump(), "application/json");
    auto j = r ? json::parse(r->body, nullptr, false) : json();
    if (!r || r->status != 200 || !j.is_object() || !j["results"].is_array() || j["results"].size() != uploaded.size()) {
      for (const auto* e : uploaded) retry_later(*e, error_text(r));
      network_down = true;
      break;
    }
    for (size_t i = 0; i < uploaded.size(); ++i) {
      const auto& result = j["results"][i];
      if (result.contains("ack") && result["ack"].is_string()) {
        if (!finalize(*uploaded[i], result["ack"].get<std::string>())) retry_later(*uploaded[i], "acknowledgement signature invalid");
      } else {  // corrupted or incomplete upload: send it again
        retry_later(*uploaded[i], result.contains("error") ? result["error"].value("code", "") + ": " + result["error"].value("message", "") : "no result");
      }
    }
  }
  report.pending_left = db_.counts().pending;
  return report;
}

SyncReport RecordingStation::sync_until(const SyncOptions& o, double timeout_s, const std::atomic<bool>* stop) {
  SyncReport total;
  const auto start = std::chrono::steady_clock::now();
  while (true) {
    SyncReport r = sync_once(o);
    total.sent += r.sent;
    total.rejected += r.rejected;
    total.failed_attempts += r.failed_attempts;
    if (!r.last_error.empty()) total.last_error = r.last_error;
    total.pending_left = r.pending_left;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if ((stop && stop->load()) || (timeout_s >= 0 && elapsed >= timeout_s)) break;
    if (r.pending_left == 0) {
      if (timeout_s >= 0) break;  // one-shot sync: done
      std::this_thread::sleep_for(std::chrono::milliseconds(500));  // serve: wait for new recordings
      continue;
    }
    // Everything left is waiting for its backoff: do not spin.
    if (r.sent + r.rejected == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return total;
}

Result<bool> RecordingStation::rotate_key(const std::string& passphrase) {
  auto secret = unlock(passphrase);
  if (!secret) return secret.error();
  const SignKeyPair fresh = make_sign_key_pair();
  const std::string id = station_id();
  // Packets numbered from here on are signed with the new key; those already in the outbox (recorded
  // offline before the rotation) keep verifying with the old one.
  const int64_t from_sequence = db_.next_sequence();
  const std::string signature =
      sign_detached("rotate:" + id + ":" + to_hex(fresh.public_key) + ":" + std::to_string(from_sequence), *secret);
  SyncOptions o;
  auto c = client(*db_.config("centre_url"), o);
  auto r = c->Post("/api/v1/stations/" + id + "/keys",
                   json{{"public_key", to_hex(fresh.public_key)}, {"signature", to_hex(signature)}, {"from_sequence", from_sequence}}.dump(), "application/json");
  if (!r) return network(httplib::to_string(r.error()));
  if (r->status != 200) return Error{"PACKET_SIGNATURE", error_text(r), error_text(r), "key", Severity::Error};
  db_.set_config("sign_public", fresh.public_key);
  db_.set_config("sign_secret_locked", lock_secret(fresh.secret_key, passphrase));
  auto j = json::parse(r->body, nullptr, false);
  if (j.is_object() && j["upload_token"].is_string()) db_.set_config("upload_token", j["upload_token"].get<std::string>());
  return true;
}

}  // namespace ktpel

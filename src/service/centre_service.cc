#include "service/centre_service.h"

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <array>
#include <atomic>
#include <memory>
#include <map>
#include <stdexcept>
#include <thread>

#include "core/biometrics/enrolment_codec.h"
#include "core/common/messages.h"
#include "core/nik/nik.h"
#include "core/text/json_depth.h"
#include "core/wilayah/catalog.h"
#include "service/ektp_service.h"

namespace ktpel {

namespace {

// Two commits of one packet at once (a station retrying while its first try still runs): the
// loser's insert of the packet hits the winner's row. Retrying later answers from the ledger.
template <class F>
auto retry_if_raced(F&& f) {
  try {
    return f();
  } catch (const StoreError& e) {
    if (e.code != StoreErrorCode::Conflict) throw;
    throw StoreError(std::string("another commit of the same packet ran at the same time; send again: ") + e.what(),
                     StoreErrorCode::Busy);
  }
}

}  // namespace

CentreKeys CentreService::keys() {
  if (keys_) return *keys_;
  if (auto k = store_.as<StationStore>().centre_keys()) return *(keys_ = k);
  auto box = make_box_key_pair();
  auto sign = make_sign_key_pair();
  store_.as<StationStore>().put_centre_keys({box.public_key, box.secret_key, sign.public_key, sign.secret_key});
  keys_ = store_.as<StationStore>().centre_keys();  // another process may have won the race: use what is stored
  return *keys_;
}

Result<std::string> CentreService::issue_station_code(const std::string& kecamatan, int valid_days, const std::string& now) {
  const Region* kec = wilayah_.find(kecamatan);
  if (!kec || kec->level != Level::Kecamatan) return make_error("KECAMATAN_UNKNOWN", "kecamatan", {kecamatan});
  keys();
  const std::string code = random_token(10);
  auto today = Date::parse_iso(now.substr(0, 10)).value_or(Date{});
  store_.as<StationStore>().add_station_code(sha256_hex(code), kecamatan, today.plus_days(valid_days).iso() + now.substr(10));
  return code;
}

Result<Registration> CentreService::register_station(const std::string& code, const std::string& name,
                                                     const std::string& sign_public_hex, const std::string& now) {
  if (from_hex(sign_public_hex).size() != crypto_sign_PUBLICKEYBYTES)
    return make_error("ENROLMENT_INVALID", "public_key", {"public_key", "must be a 32-byte Ed25519 key in hex"});
  const CentreKeys k = keys();
  StoreTransaction tx(store_.transactions());
  // The station id is only known once the code's kecamatan is: take the code with a placeholder.
  const std::string pending = "pending-" + random_token(4);
  auto kecamatan = store_.as<StationStore>().take_station_code(sha256_hex(code), pending, now);
  if (!kecamatan) return make_error("STATION_CODE", "code");
  const int64_t n = store_.as<StationStore>().count_stations(*kecamatan) + 1;
  char seq[32];
  std::snprintf(seq, sizeof seq, "%03lld", static_cast<long long>(n));
  const std::string id = "ST" + undotted(*kecamatan) + seq;
  const std::string token = random_token(32);
  store_.as<StationStore>().add_station({id, *kecamatan, name.empty() ? id : name, "active", now, sha256_hex(token)});
  store_.as<StationStore>().add_station_key({id, sign_public_hex, "active", now});
  tx.commit();
  return Registration{id, *kecamatan, to_hex(k.box_public), to_hex(k.sign_public), token};
}

Result<std::string> CentreService::rotate_station_key(const std::string& station_id, const std::string& new_hex,
                                               const std::string& signature_hex, int64_t from_sequence,
                                               const std::string& now) {
  if (from_sequence < 1)
    return make_error("ENROLMENT_INVALID", "from_sequence", {"from_sequence", "the first packet number the new key signs (1 or more)"});
  StoreTransaction tx(store_.transactions());
  auto st = store_.as<StationStore>().station(station_id);
  if (!st) return make_error("STATION_UNKNOWN", "station_id", {station_id});
  if (st->status == "revoked") return make_error("STATION_REVOKED", "station_id", {station_id});
  const std::string message = "rotate:" + station_id + ":" + new_hex + ":" + std::to_string(from_sequence);
  bool signed_by_current = false;
  for (const auto& key : store_.as<StationStore>().station_keys(station_id))
    if (key.status == "active") signed_by_current |= verify_detached(message, from_hex(signature_hex), from_hex(key.public_key_hex));
  if (!signed_by_current) return make_error("PACKET_SIGNATURE", "signature", {station_id});
  store_.as<StationStore>().add_station_key({station_id, new_hex, "active", now});
  store_.as<StationStore>().retire_station_keys(station_id, new_hex, from_sequence);
  // A fresh upload token with the fresh key: proven by the old key, so a station registered
  // before tokens existed gets its first one this way.
  const std::string token = random_token(32);
  store_.as<StationStore>().set_station_upload_token(station_id, sha256_hex(token));
  tx.commit();
  return token;
}

Result<bool> CentreService::revoke_station(const std::string& station_id) {
  StoreTransaction tx(store_.transactions());
  if (!store_.as<StationStore>().station(station_id)) return make_error("STATION_UNKNOWN", "station_id", {station_id});
  store_.as<StationStore>().set_station_status(station_id, "revoked");
  tx.commit();
  return true;
}

bool packet_of_station(const std::string& packet_id, const std::string& station_id) {
  if (station_id.empty() || packet_id.size() <= station_id.size() + 1 || packet_id.compare(0, station_id.size(), station_id) != 0 ||
      packet_id[station_id.size()] != '-')
    return false;
  const std::string sequence = packet_id.substr(station_id.size() + 1);
  return sequence.size() <= 18 && sequence.find_first_not_of("0123456789") == std::string::npos;
}

Result<Station> CentreService::authenticate_station(const std::string& station_id, const std::string& token) {
  auto st = store_.as<StationStore>().station(station_id);
  if (!st) return make_error("STATION_UNKNOWN", "station_id", {station_id});
  if (st->status == "revoked") return make_error("STATION_REVOKED", "station_id", {station_id});
  const std::string presented = sha256_hex(token);
  // Both are hex SHA-256 of the same length when a token was ever issued: compared in constant time.
  if (token.empty() || st->upload_token_hash.size() != presented.size() ||
      sodium_memcmp(st->upload_token_hash.data(), presented.data(), presented.size()) != 0)
    return make_error("STATION_TOKEN", "Authorization", {station_id});
  return *st;
}

Result<UploadState> CentreService::upload_state(const std::string& station_id, const std::string& packet_id) {
  if (!packet_of_station(packet_id, station_id)) return make_error("PACKET_STATION", "packet_id", {packet_id, station_id});
  UploadState s;
  if (auto p = store_.as<StationStore>().stored_packet(packet_id)) {
    s.committed = PacketAck{p->packet_id, p->status, p->reason, p->ack, true};
    return s;
  }
  if (auto u = store_.as<StationStore>().upload(packet_id)) {
    s.received = static_cast<int64_t>(u->data.size());
    s.total = u->total;
  }
  return s;
}

Result<UploadState> CentreService::upload_chunk(const std::string& station_id, const std::string& packet_id,
                                                int64_t total, int64_t offset, const std::string& chunk,
                                                const std::string& now, const UploadQuota& quota) {
  if (!packet_of_station(packet_id, station_id)) return make_error("PACKET_STATION", "packet_id", {packet_id, station_id});
  if (total <= 0 || total > kMaxPacketBytes)
    return make_error("ENROLMENT_INVALID", "total", {"total", "packet size must be 1.." + std::to_string(kMaxPacketBytes)});
  if (offset < 0 || offset + static_cast<int64_t>(chunk.size()) > total)
    return make_error("ENROLMENT_INVALID", "offset", {"offset", "chunk lies outside the packet"});
  StoreTransaction tx(store_.transactions());
  if (auto p = store_.as<StationStore>().stored_packet(packet_id)) {
    UploadState s;
    s.committed = PacketAck{p->packet_id, p->status, p->reason, p->ack, true};
    return s;
  }
  if (!store_.as<StationStore>().open_upload(packet_id, station_id, total, now, quota))
    return make_error("UPLOAD_QUOTA", "packet_id",
                      {station_id, std::to_string(quota.max_open),
                       "at most " + std::to_string(quota.max_bytes / (1024 * 1024)) + " MiB together"});
  UploadState s;
  s.received = store_.as<StationStore>().append_upload(packet_id, offset, chunk, now);
  s.total = total;
  tx.commit();
  return s;
}

Result<std::string> CentreService::complete_upload(const std::string& packet_id, const std::string& sha256) {
  auto u = store_.as<StationStore>().upload(packet_id);
  if (!u) return make_error("UPLOAD_INCOMPLETE", "packet_id", {packet_id, "0", "?"});
  if (static_cast<int64_t>(u->data.size()) != u->total)
    return make_error("UPLOAD_INCOMPLETE", "packet_id", {packet_id, std::to_string(u->data.size()), std::to_string(u->total)});
  if (sha256_hex(u->data) != sha256) {
    store_.as<StationStore>().delete_upload(packet_id);  // start again from byte 0
    return make_error("UPLOAD_CORRUPTED", "sha256", {packet_id});
  }
  auto header = read_packet_header(u->data);
  if (header && (header->packet_id != packet_id || header->station_id != u->station_id)) {
    store_.as<StationStore>().delete_upload(packet_id);  // not this station's packet: nothing of it stays
    return make_error("PACKET_STATION", "packet_id", {header->packet_id, u->station_id});
  }
  return std::move(u->data);
}

Result<PacketAck> CentreService::commit_upload(const std::string& packet_id, const std::string& sha256, const std::string& now) {
  return std::move(commit_uploads({{packet_id, sha256}}, now).front());
}

std::vector<Result<PacketAck>> CentreService::commit_uploads(const std::vector<std::pair<std::string, std::string>>& items,
                                                             const std::string& now) {
  keys();
  std::vector<std::optional<Result<PacketAck>>> out(items.size());
  std::vector<std::string> envelopes;
  std::vector<size_t> where;
  StoreTransaction tx(store_.transactions());
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& [id, sha] = items[i];
    if (auto p = store_.as<StationStore>().stored_packet(id)) {
      out[i] = PacketAck{p->packet_id, p->status, p->reason, p->ack, true};
      continue;
    }
    auto envelope = complete_upload(id, sha);
    if (!envelope) {
      out[i] = envelope.error();
      continue;
    }
    envelopes.push_back(std::move(*envelope));
    where.push_back(i);
  }
  auto accepted = retry_if_raced([&] {
    auto acks = accept_group(envelopes, now);
    tx.commit();  // one fsync for the group; no ack leaves before it
    return acks;
  });
  for (size_t j = 0; j < where.size(); ++j) out[where[j]] = std::move(accepted[j]);
  std::vector<Result<PacketAck>> results;
  for (auto& r : out) results.push_back(std::move(*r));
  return results;
}

PacketAck CentreService::make_ack(const std::string& packet_id, const std::string& status, const std::string& reason,
                                  const std::string& now) {
  nlohmann::json doc = {{"packet_id", packet_id}, {"status", status}, {"reason", reason}, {"received_at", now}};
  const std::string body = doc.dump();
  doc["signature"] = to_hex(sign_detached(body, keys().sign_secret));
  return PacketAck{packet_id, status, reason, doc.dump(), false};
}

PacketAck CentreService::reject(const PacketHeader& h, const Error& why, const std::string& now) {
  // Kept for an officer with its reason; the station stops retrying a final rejection.
  PacketAck ack = make_ack(h.packet_id, "rejected", why.code + ": " + why.message_en, now);
  store_.as<StationStore>().put_packet({h.packet_id, h.station_id, h.sequence, "", "rejected", ack.reason, now, ack.json});
  store_.as<StationStore>().delete_upload(h.packet_id);
  return ack;
}

PacketAck CentreService::refuse(const PacketHeader& h, const std::string& envelope, const Error& why, const std::string& now) {
  // Signed like an ack and bound to the refused bytes' SHA-256: the station stops sending exactly
  // this envelope, and a refusal of a forgery cannot be replayed against its genuine packet.
  const std::string sha = sha256_hex(envelope);
  nlohmann::json doc = {{"packet_id", h.packet_id}, {"status", "refused"}, {"reason", why.code + ": " + why.message_en},
                        {"sha256", sha}, {"received_at", now}};
  const std::string body = doc.dump();
  doc["signature"] = to_hex(sign_detached(body, keys().sign_secret));
  PacketAck ack{h.packet_id, "refused", doc["reason"].get<std::string>(), doc.dump(), false};
  store_.as<StationStore>().put_refused_packet({h.packet_id, sha, h.station_id, h.sequence, ack.reason, now, now, 1});
  store_.as<StationStore>().delete_upload(h.packet_id);
  return ack;
}

Result<PacketAck> CentreService::accept_envelope(const std::string& envelope, const std::string& now) {
  return std::move(accept_envelopes({envelope}, now).front());
}

std::vector<Result<PacketAck>> CentreService::accept_envelopes(const std::vector<std::string>& envelopes,
                                                               const std::string& now) {
  keys();
  StoreTransaction tx(store_.transactions());
  return retry_if_raced([&] {
    auto acks = accept_group(envelopes, now);
    tx.commit();  // one fsync for the group; no ack leaves before it
    return acks;
  });
}

namespace {

// What can be decided about a packet without the database: decryption, signature, decoding,
// enrolment rules, template hashes. Runs on every core.
struct PreparedPacket {
  std::optional<Error> refusal;
  bool authentic = false;  // opened with the centre's key and signed by one of the station's keys
  Enrolment enrolment;
  std::vector<std::string> hashes;
  PacketAck accepted_ack;  // signed ahead, used if the store-side checks pass too
};

// A station's keys as a packet may be verified with: a retired one only below its bound.
struct VerifyingKey {
  std::string public_key;
  int64_t valid_before_seq = 0;  // 0 = no bound
};

PreparedPacket prepare_packet(const std::string& envelope, const PacketHeader& h, const CentreKeys& k,
                              const std::vector<VerifyingKey>& station_keys) {
  PreparedPacket p;
  if (h.packet_id != h.station_id + "-" + std::to_string(h.sequence)) {
    p.refusal = make_error("PACKET_DAMAGED", "packet_id", {"packet id does not match station and sequence"});
    return p;
  }
  auto opened = open_packet(envelope, {k.box_public, k.box_secret});
  if (!opened) {
    p.refusal = opened.error();
    return p;
  }
  bool verified = false;
  for (const auto& key : station_keys)
    if (key.valid_before_seq == 0 || h.sequence < key.valid_before_seq)
      verified = verified || verify_packet_signature(*opened, key.public_key);
  if (!verified) {
    p.refusal = make_error("PACKET_SIGNATURE", "signature", {h.station_id});
    return p;
  }
  p.authentic = true;
  auto enrolment = decode_enrolment(opened->body);
  if (!enrolment) {
    p.refusal = enrolment.error();
    return p;
  }
  if (enrolment->station_id != h.station_id) {
    p.refusal = make_error("PACKET_STATION_MISMATCH", "station_id", {h.packet_id, h.station_id, enrolment->station_id});
    return p;
  }
  auto problems = validate_enrolment(*enrolment);
  if (!problems.empty()) {
    Error all = problems.front();
    for (size_t i = 1; i < problems.size(); ++i) all.message_en += "; " + problems[i].message_en;
    p.refusal = all;
    return p;
  }
  for (const auto& f : enrolment->fingers) p.hashes.push_back(sha256_hex(f.iso_template));
  p.enrolment = std::move(*enrolment);
  return p;
}

}  // namespace

std::vector<Result<PacketAck>> CentreService::accept_group(const std::vector<std::string>& envelopes, const std::string& now) {
  const CentreKeys k = keys();
  // 1. Headers, and each station's status and keys, from the store.
  std::vector<Result<PacketHeader>> headers;
  std::map<std::string, std::optional<Station>> stations;
  std::map<std::string, std::vector<VerifyingKey>> station_keys;
  for (const auto& e : envelopes) {
    headers.push_back(read_packet_header(e));
    if (!headers.back() || stations.count(headers.back()->station_id)) continue;
    const std::string& id = headers.back()->station_id;
    stations[id] = store_.as<StationStore>().station(id);
    for (const auto& key : store_.as<StationStore>().station_keys(id))
      station_keys[id].push_back({from_hex(key.public_key_hex), key.status == "retired" ? key.valid_before_seq : 0});
  }
  // 2. The store-free work (decrypt, verify, decode, validate, sign the ack) on the other cores,
  //    overlapping step 3: the storing thread takes packet i as soon as it is ready, and prepares
  //    packets itself whenever it would otherwise wait.
  const size_t n = envelopes.size();
  std::vector<PreparedPacket> prepared(n);
  std::unique_ptr<std::atomic<bool>[]> ready(new std::atomic<bool>[n]);
  for (size_t i = 0; i < n; ++i) ready[i].store(false, std::memory_order_relaxed);
  std::atomic<size_t> next{0};
  auto prepare_one = [&](size_t i) {
    if (headers[i]) {
      const auto& st = stations.at(headers[i]->station_id);  // read-only in the threads
      if (st && st->status != "revoked") {
        auto keys_it = station_keys.find(headers[i]->station_id);
        prepared[i] = prepare_packet(envelopes[i], *headers[i], k,
                                     keys_it == station_keys.end() ? std::vector<VerifyingKey>{} : keys_it->second);
        if (!prepared[i].refusal) prepared[i].accepted_ack = make_ack(headers[i]->packet_id, "accepted", "", now);
      }
    }
    ready[i].store(true, std::memory_order_release);
  };
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) prepare_one(i);
  };
  const size_t helpers = n < 4 ? 0 : std::min<size_t>(3, std::max(1u, std::thread::hardware_concurrency()) - 1);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < helpers; ++t) pool.emplace_back(worker);
  struct Join {
    std::vector<std::thread>& threads;
    ~Join() {
      for (auto& t : threads) t.join();
    }
  } join{pool};
  auto wait_ready = [&](size_t i) {
    while (!ready[i].load(std::memory_order_acquire)) {
      const size_t j = next.fetch_add(1);
      if (j < n) prepare_one(j);
      else std::this_thread::yield();
    }
  };
  // 3. In order, in the caller's transaction: ledger, station, resident, e-KTP record, writes.
  //    The ledger rows of the whole group are read at once (the answer to a retried packet).
  std::vector<std::string> ids;
  for (const auto& h : headers)
    if (h) ids.push_back(h->packet_id);
  std::map<std::string, PacketAck> answered;  // in the ledger, or earlier in this group
  for (const auto& p : store_.as<StationStore>().stored_packets(ids)) answered[p.packet_id] = PacketAck{p.packet_id, p.status, p.reason, p.ack, true};
  std::vector<Result<PacketAck>> out;
  for (size_t i = 0; i < n; ++i) {
    wait_ready(i);
    if (!headers[i]) {
      out.push_back(headers[i].error());  // no readable id: nothing to acknowledge
      continue;
    }
    const PacketHeader& h = *headers[i];
    if (auto it = answered.find(h.packet_id); it != answered.end()) {
      PacketAck again = it->second;
      again.replayed = true;
      out.push_back(std::move(again));
      continue;
    }
    const auto& st = stations[h.station_id];
    if (!st) {  // nobody to authenticate it against: a forgery must not take the id
      out.push_back(refuse(h, envelopes[i], make_error("STATION_UNKNOWN", "station_id", {h.station_id}), now));
      continue;
    }
    if (st->status == "revoked") {
      out.push_back(answered[h.packet_id] = reject(h, make_error("STATION_REVOKED", "station_id", {h.station_id}), now));
      continue;
    }
    PreparedPacket& p = prepared[i];
    if (p.refusal && !p.authentic) {  // not provably the station's: evidence only, the number stays free
      out.push_back(refuse(h, envelopes[i], *p.refusal, now));
      continue;
    }
    // BC at the station's capture time, then SFE now; a repeat recording of a NIK is a re-record.
    // Checked before anything is written: a refused packet leaves no enrolment behind.
    std::optional<EktpRecord> current;
    if (!p.refusal) {
      auto state = store_.as<EktpStore>().recording_state(p.enrolment.nik);
      if (!state.resident) p.refusal = make_error("RESIDENT_NOT_FOUND", "nik", {p.enrolment.nik});
      // A re-record would reopen the record the death closed and queue a card for the dead.
      else if (!state.alive) p.refusal = make_error("RESIDENT_DEAD", "nik", {p.enrolment.nik});
      current = std::move(state.record);
    }
    const std::optional<EktpStatus> from = current ? std::optional(current->status) : std::nullopt;
    const EktpEvent first = current ? EktpEvent::Rerecord : EktpEvent::Capture;
    Result<EktpStatus> bc = p.refusal ? Result<EktpStatus>(*p.refusal) : next_status(from, first, "");
    if (!bc) {
      out.push_back(answered[h.packet_id] = reject(h, bc.error(), now));  // e.g. DUPLICATE_RECORD blocks re-recording
      continue;
    }
    const Enrolment& e = p.enrolment;
    // Conditional on the record still being as read, checked at commit: an officer's move or another
    // packet of the same NIK committed meanwhile makes the whole group retry (503), never overwrite it.
    store_.as<EktpStore>().move_ektp_record_at_commit(e.nik, from, EktpStatus::SFE, now, current && current->ikd_activated);
    store_.as<EktpStore>().put_enrolment(h.packet_id, e, p.hashes, now);
    const std::array<EktpTransition, 2> steps = {
        EktpTransition{e.nik, from, *bc, std::string(to_string(first)), e.captured_at, e.operator_id, e.station_id,
                       "paket " + h.packet_id},
        EktpTransition{e.nik, *bc, EktpStatus::SFE, std::string(to_string(EktpEvent::Receive)), now, "centre", e.station_id, ""}};
    if (!next_status(*bc, EktpEvent::Receive, "")) throw std::logic_error("BC -> SFE refused");
    store_.as<EktpStore>().add_ektp_transitions(steps);
    const PacketAck& ack = p.accepted_ack;
    store_.as<StationStore>().put_packet({h.packet_id, h.station_id, h.sequence, e.nik, "accepted", "", now, ack.json});
    store_.as<StationStore>().delete_upload(h.packet_id);
    out.push_back(answered[h.packet_id] = ack);
  }
  return out;
}

bool verify_ack(const std::string& ack_json, const std::string& centre_sign_public) {
  if (json_nests_deeper_than(ack_json, kMaxJsonDepth)) return false;  // dump() below recurses once per level
  auto doc = nlohmann::json::parse(ack_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("signature") || !doc["signature"].is_string()) return false;
  const std::string signature = from_hex(doc["signature"].get<std::string>());
  doc.erase("signature");
  return verify_detached(doc.dump(), signature, centre_sign_public);
}

}  // namespace ktpel

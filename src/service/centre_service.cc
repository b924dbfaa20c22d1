#include "service/centre_service.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/biometrics/enrolment_codec.h"
#include "core/common/messages.h"
#include "core/nik/nik.h"
#include "core/wilayah/catalog.h"
#include "service/ektp_service.h"

namespace ktpel {

CentreKeys CentreService::keys() {
  if (keys_) return *keys_;
  if (auto k = store_.centre_keys()) return *(keys_ = k);
  auto box = make_box_key_pair();
  auto sign = make_sign_key_pair();
  store_.put_centre_keys({box.public_key, box.secret_key, sign.public_key, sign.secret_key});
  keys_ = store_.centre_keys();  // another process may have won the race: use what is stored
  return *keys_;
}

Result<std::string> CentreService::issue_station_code(const std::string& kecamatan, int valid_days, const std::string& now) {
  const Region* kec = wilayah_.find(kecamatan);
  if (!kec || kec->level != Level::Kecamatan) return make_error("KECAMATAN_UNKNOWN", "kecamatan", {kecamatan});
  keys();
  const std::string code = random_token(10);
  auto today = Date::parse_iso(now.substr(0, 10)).value_or(Date{});
  store_.add_station_code(sha256_hex(code), kecamatan, today.plus_days(valid_days).iso() + now.substr(10));
  return code;
}

Result<Registration> CentreService::register_station(const std::string& code, const std::string& name,
                                                     const std::string& sign_public_hex, const std::string& now) {
  if (from_hex(sign_public_hex).size() != crypto_sign_PUBLICKEYBYTES)
    return make_error("ENROLMENT_INVALID", "public_key", {"public_key", "must be a 32-byte Ed25519 key in hex"});
  const CentreKeys k = keys();
  StoreTransaction tx(store_);
  // The station id is only known once the code's kecamatan is: take the code with a placeholder.
  const std::string pending = "pending-" + random_token(4);
  auto kecamatan = store_.take_station_code(sha256_hex(code), pending, now);
  if (!kecamatan) return make_error("STATION_CODE", "code");
  const int64_t n = store_.count_stations(*kecamatan) + 1;
  char seq[32];
  std::snprintf(seq, sizeof seq, "%03lld", static_cast<long long>(n));
  const std::string id = "ST" + undotted(*kecamatan) + seq;
  store_.add_station({id, *kecamatan, name.empty() ? id : name, "active", now});
  store_.add_station_key({id, sign_public_hex, "active", now});
  tx.commit();
  return Registration{id, *kecamatan, to_hex(k.box_public), to_hex(k.sign_public)};
}

Result<bool> CentreService::rotate_station_key(const std::string& station_id, const std::string& new_hex,
                                               const std::string& signature_hex, const std::string& now) {
  StoreTransaction tx(store_);
  auto st = store_.station(station_id);
  if (!st) return make_error("STATION_UNKNOWN", "station_id", {station_id});
  if (st->status == "revoked") return make_error("STATION_REVOKED", "station_id", {station_id});
  const std::string message = "rotate:" + station_id + ":" + new_hex;
  bool signed_by_current = false;
  for (const auto& key : store_.station_keys(station_id))
    if (key.status == "active") signed_by_current |= verify_detached(message, from_hex(signature_hex), from_hex(key.public_key_hex));
  if (!signed_by_current) return make_error("PACKET_SIGNATURE", "signature", {station_id});
  store_.add_station_key({station_id, new_hex, "active", now});
  store_.retire_station_keys(station_id, new_hex);
  tx.commit();
  return true;
}

Result<bool> CentreService::revoke_station(const std::string& station_id) {
  StoreTransaction tx(store_);
  if (!store_.station(station_id)) return make_error("STATION_UNKNOWN", "station_id", {station_id});
  store_.set_station_status(station_id, "revoked");
  tx.commit();
  return true;
}

UploadState CentreService::upload_state(const std::string& packet_id) {
  UploadState s;
  if (auto p = store_.stored_packet(packet_id)) {
    s.committed = PacketAck{p->packet_id, p->status, p->reason, p->ack, true};
    return s;
  }
  if (auto u = store_.upload(packet_id)) {
    s.received = static_cast<int64_t>(u->data.size());
    s.total = u->total;
  }
  return s;
}

Result<UploadState> CentreService::upload_chunk(const std::string& packet_id, int64_t total, int64_t offset,
                                                const std::string& chunk) {
  if (total <= 0 || total > kMaxPacketBytes)
    return make_error("ENROLMENT_INVALID", "total", {"total", "packet size must be 1.." + std::to_string(kMaxPacketBytes)});
  if (offset < 0 || offset + static_cast<int64_t>(chunk.size()) > total)
    return make_error("ENROLMENT_INVALID", "offset", {"offset", "chunk lies outside the packet"});
  StoreTransaction tx(store_);
  if (auto p = store_.stored_packet(packet_id)) {
    UploadState s;
    s.committed = PacketAck{p->packet_id, p->status, p->reason, p->ack, true};
    return s;
  }
  const std::string station = packet_id.substr(0, packet_id.rfind('-'));
  UploadState s;
  s.received = store_.append_upload(packet_id, station, total, offset, chunk);
  s.total = total;
  tx.commit();
  return s;
}

Result<std::string> CentreService::complete_upload(const std::string& packet_id, const std::string& sha256) {
  auto u = store_.upload(packet_id);
  if (!u) return make_error("UPLOAD_INCOMPLETE", "packet_id", {packet_id, "0", "?"});
  if (static_cast<int64_t>(u->data.size()) != u->total)
    return make_error("UPLOAD_INCOMPLETE", "packet_id", {packet_id, std::to_string(u->data.size()), std::to_string(u->total)});
  if (sha256_hex(u->data) != sha256) {
    store_.delete_upload(packet_id);  // start again from byte 0
    return make_error("UPLOAD_CORRUPTED", "sha256", {packet_id});
  }
  auto header = read_packet_header(u->data);
  if (header && header->packet_id != packet_id)
    return make_error("PACKET_DAMAGED", "packet_id", {"uploaded under " + packet_id + " but the packet is " + header->packet_id});
  return std::move(u->data);
}

Result<PacketAck> CentreService::commit_upload(const std::string& packet_id, const std::string& sha256, const std::string& now) {
  return std::move(commit_uploads({{packet_id, sha256}}, now).front());
}

std::vector<Result<PacketAck>> CentreService::commit_uploads(const std::vector<std::pair<std::string, std::string>>& items,
                                                             const std::string& now) {
  keys();
  std::vector<Result<PacketAck>> out;
  StoreTransaction tx(store_);
  for (const auto& [id, sha] : items) {
    if (auto p = store_.stored_packet(id)) {
      out.push_back(PacketAck{p->packet_id, p->status, p->reason, p->ack, true});
      continue;
    }
    auto envelope = complete_upload(id, sha);
    if (!envelope) {
      out.push_back(envelope.error());
      continue;
    }
    out.push_back(accept_in_transaction(*envelope, now));
  }
  tx.commit();  // one fsync for the group; no ack leaves before it
  return out;
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
  store_.put_packet({h.packet_id, h.station_id, h.sequence, "", "rejected", ack.reason, now, ack.json});
  store_.delete_upload(h.packet_id);
  return ack;
}

Result<PacketAck> CentreService::accept_envelope(const std::string& envelope, const std::string& now) {
  return std::move(accept_envelopes({envelope}, now).front());
}

std::vector<Result<PacketAck>> CentreService::accept_envelopes(const std::vector<std::string>& envelopes,
                                                               const std::string& now) {
  keys();
  std::vector<Result<PacketAck>> out;
  StoreTransaction tx(store_);
  for (const auto& e : envelopes) out.push_back(accept_in_transaction(e, now));
  tx.commit();
  return out;
}

Result<PacketAck> CentreService::accept_in_transaction(const std::string& envelope, const std::string& now) {
  auto header = read_packet_header(envelope);
  if (!header) return header.error();  // no readable id: nothing to acknowledge
  const CentreKeys k = keys();
  if (auto p = store_.stored_packet(header->packet_id)) return PacketAck{p->packet_id, p->status, p->reason, p->ack, true};
  auto finish = [](PacketAck ack) -> Result<PacketAck> { return ack; };
  auto station = store_.station(header->station_id);
  if (!station) return finish(reject(*header, make_error("STATION_UNKNOWN", "station_id", {header->station_id}), now));
  if (station->status == "revoked")
    return finish(reject(*header, make_error("STATION_REVOKED", "station_id", {header->station_id}), now));
  if (header->packet_id != header->station_id + "-" + std::to_string(header->sequence))
    return finish(reject(*header, make_error("PACKET_DAMAGED", "packet_id", {"packet id does not match station and sequence"}), now));
  auto opened = open_packet(envelope, {k.box_public, k.box_secret});
  if (!opened) return finish(reject(*header, opened.error(), now));
  bool verified = false;
  for (const auto& key : store_.station_keys(header->station_id))
    verified |= verify_packet_signature(*opened, from_hex(key.public_key_hex));
  if (!verified) return finish(reject(*header, make_error("PACKET_SIGNATURE", "signature", {header->station_id}), now));
  auto enrolment = decode_enrolment(opened->body);
  if (!enrolment) return finish(reject(*header, enrolment.error(), now));
  if (enrolment->station_id != header->station_id)
    return finish(reject(*header,
                         make_error("PACKET_STATION_MISMATCH", "station_id",
                                    {header->packet_id, header->station_id, enrolment->station_id}),
                         now));
  auto problems = validate_enrolment(*enrolment);
  if (!store_.find_resident(enrolment->nik)) problems.push_back(make_error("RESIDENT_NOT_FOUND", "nik", {enrolment->nik}));
  if (!problems.empty()) {
    Error all = problems.front();
    for (size_t i = 1; i < problems.size(); ++i) all.message_en += "; " + problems[i].message_en;
    return finish(reject(*header, all, now));
  }
  // BC at the station's capture time, then SFE now; a repeat recording of a NIK is a re-record.
  // Checked before anything is written: a refused packet leaves no enrolment behind.
  const auto current = store_.ektp_record(enrolment->nik);
  const EktpEvent first = current ? EktpEvent::Rerecord : EktpEvent::Capture;
  if (auto allowed = next_status(current ? std::optional(current->status) : std::nullopt, first, ""); !allowed)
    return finish(reject(*header, allowed.error(), now));  // e.g. DUPLICATE_RECORD blocks re-recording
  std::vector<std::string> hashes;
  for (const auto& f : enrolment->fingers) hashes.push_back(sha256_hex(f.iso_template));
  store_.put_enrolment(header->packet_id, *enrolment, hashes, now);
  const EktpActor at_station{enrolment->operator_id, enrolment->station_id, enrolment->captured_at};
  if (!apply_ektp_event(store_, enrolment->nik, first, at_station, "paket " + header->packet_id) ||
      !apply_ektp_event(store_, enrolment->nik, EktpEvent::Receive, {"centre", enrolment->station_id, now}, ""))
    throw std::logic_error("e-KTP transitions checked above were refused");  // rolls the group back
  PacketAck ack = make_ack(header->packet_id, "accepted", "", now);
  store_.put_packet({header->packet_id, header->station_id, header->sequence, enrolment->nik, "accepted", "", now, ack.json});
  store_.delete_upload(header->packet_id);
  return ack;
}

bool verify_ack(const std::string& ack_json, const std::string& centre_sign_public) {
  auto doc = nlohmann::json::parse(ack_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("signature") || !doc["signature"].is_string()) return false;
  const std::string signature = from_hex(doc["signature"].get<std::string>());
  doc.erase("signature");
  return verify_detached(doc.dump(), signature, centre_sign_public);
}

}  // namespace ktpel

// The centre's side of recording: station registration (one-time codes), key rotation and
// revocation, resumable packet uploads, and the exactly-once commit of a packet:
//   verify station + signature, decrypt, validate, store enrolment, BC -> SFE, sign the ack.
// A packet id is committed once; a retry or replay gets the stored ack back unchanged.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "crypto/envelope.h"
#include "store/store_view.h"

namespace ktpel {

class WilayahCatalog;

struct Registration {
  std::string station_id, kecamatan;
  std::string centre_box_public_hex, centre_sign_public_hex;
  std::string upload_token;  // shown once; the centre keeps only its hash
};

struct PacketAck {
  std::string packet_id;
  std::string status;  // accepted | rejected (final, in the ledger) | refused (failed authentication: not in it)
  std::string reason;  // for rejected and refused: "CODE: message"
  std::string json;    // the signed acknowledgement document
  bool replayed = false;
};

struct UploadState {
  int64_t received = 0, total = 0;
  std::optional<PacketAck> committed;
};

class CentreService {
 public:
  using Stores = StoreView<StationStore, EktpStore>;
  CentreService(Stores store, const WilayahCatalog& wilayah) : store_(store), wilayah_(wilayah) {}

  CentreKeys keys();  // created on first use
  // A one-time registration code for a kecamatan (returned once; only its hash is kept).
  Result<std::string> issue_station_code(const std::string& kecamatan, int valid_days, const std::string& now);
  Result<Registration> register_station(const std::string& code, const std::string& name,
                                        const std::string& sign_public_hex, const std::string& now);
  // Adds a new key signed by a current one ("rotate:<station>:<new key hex>:<from_sequence>");
  // old keys retire and from then on verify only packets numbered below from_sequence (the
  // station's next number: packets recorded offline before the rotation still arrive).
  // Returns the station's new upload token (the old one stops working).
  Result<std::string> rotate_station_key(const std::string& station_id, const std::string& new_public_hex,
                                         const std::string& signature_hex, int64_t from_sequence, const std::string& now);
  Result<bool> revoke_station(const std::string& station_id);

  // The station presenting this upload token, if it is registered, active and the token is its
  // current one (STATION_UNKNOWN / STATION_REVOKED / STATION_TOKEN otherwise).
  Result<Station> authenticate_station(const std::string& station_id, const std::string& token);

  // Uploads belong to the authenticated station: a packet id of another station is refused
  // (PACKET_STATION), and its open uploads are held to `quota` (UPLOAD_QUOTA).
  Result<UploadState> upload_state(const std::string& station_id, const std::string& packet_id);
  Result<UploadState> upload_chunk(const std::string& station_id, const std::string& packet_id, int64_t total,
                                   int64_t offset, const std::string& chunk, const std::string& now,
                                   const UploadQuota& quota);
  // Commits a fully uploaded packet whose SHA-256 the station states.
  Result<PacketAck> commit_upload(const std::string& packet_id, const std::string& sha256_hex, const std::string& now);
  // Commits a whole envelope (the path commit_upload ends in; also used by benchmarks).
  Result<PacketAck> accept_envelope(const std::string& envelope, const std::string& now);
  // Group commit: many packets in one transaction (one fsync), each with its own ack or error.
  // Acks are returned only after the shared commit, so each is still durable.
  std::vector<Result<PacketAck>> accept_envelopes(const std::vector<std::string>& envelopes, const std::string& now);
  std::vector<Result<PacketAck>> commit_uploads(const std::vector<std::pair<std::string, std::string>>& id_and_sha256,
                                                const std::string& now);

 private:
  PacketAck make_ack(const std::string& packet_id, const std::string& status, const std::string& reason,
                     const std::string& now);
  PacketAck reject(const PacketHeader& h, const Error& why, const std::string& now);
  // A packet that failed authentication: kept as evidence outside the ledger, its id left free.
  // Answered with a signed "refused" ack that names the envelope's SHA-256.
  PacketAck refuse(const PacketHeader& h, const std::string& envelope, const Error& why, const std::string& now);
  // The body of a (group) commit, inside the caller's transaction.
  std::vector<Result<PacketAck>> accept_group(const std::vector<std::string>& envelopes, const std::string& now);
  Result<std::string> complete_upload(const std::string& packet_id, const std::string& sha256);

  Stores store_;  // stations, packets, enrolments and e-KTP records only
  const WilayahCatalog& wilayah_;
  std::optional<CentreKeys> keys_;
};

// Whether a packet id ("<station>-<sequence>") belongs to the station.
bool packet_of_station(const std::string& packet_id, const std::string& station_id);

// Checks an acknowledgement's signature with the centre's public signing key.
bool verify_ack(const std::string& ack_json, const std::string& centre_sign_public);

inline constexpr int64_t kMaxPacketBytes = 4 * 1024 * 1024;

}  // namespace ktpel

// Persistence of the centre's side of recording stations: keys, registration codes, stations,
// resumable uploads and committed packets (the exactly-once ledger, keyed by packet id).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ktpel {

struct CentreKeys {  // raw bytes
  std::string box_public, box_secret, sign_public, sign_secret;
};

struct Station {
  std::string id, kecamatan, name;
  std::string status = "active";  // active | revoked
  std::string created_at;
  std::string upload_token_hash;  // SHA-256 of the station's upload token; empty: none issued yet
};

struct StationKey {
  std::string station_id, public_key_hex;
  std::string status = "active";  // active | retired (rotated out; still verifies older packets)
  std::string created_at;
  int64_t valid_before_seq = 0;  // retired: verifies packets numbered below this only (0 = no bound)
};

struct Upload {
  std::string packet_id, station_id;
  int64_t total = 0;
  std::string data;
};

// What a station may hold open at once: an upload it never finishes expires.
struct UploadQuota {
  int64_t max_open = 256;                  // packets
  int64_t max_bytes = 256LL * 1024 * 1024;  // their declared totals together
  std::string expire_before;               // uploads last touched before this instant are dropped
};

// A packet that failed authentication, kept as evidence outside the ledger.
struct RefusedPacket {
  std::string packet_id, sha256, station_id;
  int64_t sequence = 0;
  std::string reason, first_at, last_at;
  int64_t attempts = 1;
};

struct StoredPacket {
  std::string packet_id, station_id;
  int64_t sequence = 0;
  std::string nik;
  std::string status;  // accepted | rejected
  std::string reason;  // why rejected (code: message), for the officer
  std::string received_at;
  std::string ack;     // the signed acknowledgement returned (replayed to retries)
};

class StationStore {
 public:
  virtual ~StationStore() = default;
  virtual std::optional<CentreKeys> centre_keys() = 0;
  virtual void put_centre_keys(const CentreKeys& k) = 0;

  virtual void add_station_code(std::string_view code_hash, std::string_view kecamatan, std::string_view expires_at) = 0;
  // Marks the code used by station_id; returns its kecamatan, or nullopt if unknown/used/expired.
  virtual std::optional<std::string> take_station_code(std::string_view code_hash, std::string_view station_id,
                                                       std::string_view now) = 0;
  virtual void add_station(const Station& s) = 0;
  virtual std::optional<Station> station(std::string_view id) = 0;
  virtual std::vector<Station> stations() = 0;
  virtual void set_station_status(std::string_view id, std::string_view status) = 0;
  virtual int64_t count_stations(std::string_view kecamatan) = 0;
  virtual void add_station_key(const StationKey& k) = 0;
  // Retires the station's active keys but `except_key_hex`; they then verify only packets
  // numbered below `from_sequence` (the first the new key signs).
  virtual void retire_station_keys(std::string_view station_id, std::string_view except_key_hex, int64_t from_sequence) = 0;
  virtual std::vector<StationKey> station_keys(std::string_view station_id) = 0;

  virtual void set_station_upload_token(std::string_view id, std::string_view token_hash) = 0;

  virtual std::optional<Upload> upload(std::string_view packet_id) = 0;
  // Opens (or finds) the station's upload of a packet, first dropping every upload last touched
  // before quota.expire_before. Under a lock on the station's row, so two uploads at once cannot
  // both pass the quota. False: opening it would exceed the quota (nothing written).
  virtual bool open_upload(std::string_view packet_id, std::string_view station_id, int64_t total,
                           std::string_view now, const UploadQuota& quota) = 0;
  // Appends when offset equals the bytes held; returns the bytes held afterwards either way.
  // The upload must be open (open_upload). `now` marks it alive.
  virtual int64_t append_upload(std::string_view packet_id, int64_t offset, std::string_view chunk,
                                std::string_view now) = 0;
  // Drops uploads last touched before `before`; returns how many.
  virtual int64_t expire_uploads(std::string_view before) = 0;
  virtual void delete_upload(std::string_view packet_id) = 0;

  virtual std::optional<StoredPacket> stored_packet(std::string_view packet_id) = 0;
  // The ledger rows of any of these packets, in one query per 128 (a group commit's first read).
  virtual std::vector<StoredPacket> stored_packets(std::span<const std::string> packet_ids) = 0;
  virtual void put_packet(const StoredPacket& p) = 0;
  virtual std::vector<StoredPacket> packets(std::string_view status, int64_t limit) = 0;
  virtual int64_t count_packets(std::string_view status) = 0;

  // Records (or counts again) a refused packet.
  virtual void put_refused_packet(const RefusedPacket& p) = 0;
  virtual std::vector<RefusedPacket> refused_packets(int64_t limit) = 0;
  virtual int64_t count_refused_packets() = 0;
};

}  // namespace ktpel

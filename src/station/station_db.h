// The recording station's local SQLite file: configuration (keys, centre), offline operator
// accounts, and the outbox of sealed packets. The outbox index (id, sequence, size, state) is
// the only readable part: envelopes are encrypted to the centre, and the station's signing key
// is locked with the station passphrase.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/connection.h"

namespace ktpel {

struct OutboxEntry {
  std::string packet_id;
  int64_t sequence = 0;
  std::string created_at;
  int64_t size = 0;
  std::string sha256;
  std::string status;  // pending | sent | rejected
  int attempts = 0;
  std::string next_attempt_at, last_error, ack, sent_at;
};

struct OutboxCounts {
  int64_t pending = 0, sent = 0, rejected = 0;
};

class StationDb {
 public:
  explicit StationDb(const std::string& path);

  std::optional<std::string> config(const std::string& key);
  void set_config(const std::string& key, const std::string& value);

  void add_operator(const std::string& user, const std::string& password_hash, const std::string& now);
  std::optional<std::string> operator_hash(const std::string& user);

  // Takes the next sequence number and stores the envelope, in one transaction.
  void begin() { db_->begin(); }
  void commit() { db_->commit(); }
  void rollback() { db_->rollback(); }
  int64_t next_sequence();
  void add_packet(const OutboxEntry& e, const std::string& envelope);

  std::vector<OutboxEntry> due(const std::string& now, int limit);  // pending, next_attempt_at <= now
  std::optional<std::string> envelope(const std::string& packet_id);
  void mark_final(const std::string& packet_id, const std::string& status, const std::string& ack, const std::string& now);
  void mark_retry(const std::string& packet_id, int attempts, const std::string& next_attempt_at, const std::string& error);
  OutboxCounts counts();
  std::vector<OutboxEntry> entries(const std::string& status, int limit);
  std::optional<std::string> earliest_due();

 private:
  std::unique_ptr<sql::Connection> db_;
};

}  // namespace ktpel

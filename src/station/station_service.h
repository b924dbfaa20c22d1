// The recording station (offline-first): init/registration, offline operator accounts,
// recording into the outbox with no network at all, and sync: resumable chunked upload with
// retries, exponential backoff and jitter; a packet is final only after the centre's signed,
// durable acknowledgement (accepted, or rejected with a reason kept for the officer).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/biometrics/enrolment.h"
#include "core/common/error.h"
#include "core/station/backoff.h"
#include "station/station_db.h"

namespace ktpel {

struct SyncOptions {
  BackoffPolicy backoff;
  size_t chunk_bytes = 64 * 1024;
  int connect_timeout_ms = 2000, read_timeout_ms = 5000;
};

struct SyncReport {
  int sent = 0, rejected = 0, failed_attempts = 0;
  int64_t pending_left = 0;
  std::string last_error;
};

class RecordingStation {
 public:
  explicit RecordingStation(const std::string& dir);  // opens (creates) DIR/station.db

  // Creates the key pair, registers with the centre using a one-time code, stores the
  // centre's keys if their fingerprint is `centre_fingerprint` (as the centre's officer gave it;
  // nothing is stored otherwise). The signing key is locked with `passphrase`.
  Result<std::string> init(const std::string& centre_url, const std::string& code, const std::string& centre_fingerprint,
                           const std::string& name, const std::string& passphrase);
  bool initialised();
  std::string station_id();

  Result<bool> add_operator(const std::string& user, const std::string& password);
  Result<bool> login(const std::string& user, const std::string& password);

  // Validates, seals and stores one enrolment. Works with no network.
  Result<std::string> record(Enrolment e, const std::string& passphrase);
  // Many at once with one unlock of the key (simulation and bulk catch-up).
  Result<int> record_all(std::vector<Enrolment> es, const std::string& passphrase,
                         std::vector<std::string>* packet_ids = nullptr);

  // One pass over the due packets; stops at the first network failure (the rest wait for backoff).
  SyncReport sync_once(const SyncOptions& options);
  // Repeats sync_once until the outbox is empty, `stop` is set, or timeout_s passes (<0: forever).
  SyncReport sync_until(const SyncOptions& options, double timeout_s, const std::atomic<bool>* stop = nullptr);

  Result<bool> rotate_key(const std::string& passphrase);
  OutboxCounts counts() { return db_.counts(); }
  StationDb& db() { return db_; }

 private:
  Result<std::string> unlock(const std::string& passphrase);
  std::string dir_;
  StationDb db_;
};

}  // namespace ktpel

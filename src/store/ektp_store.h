// Persistence of e-KTP records, their transition history and enrolment data.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/biometrics/enrolment.h"
#include "core/ektp/ektp_status.h"
#include "core/wilayah/region.h"

namespace ktpel {

struct EktpRecord {
  std::string nik;
  EktpStatus status = EktpStatus::BC;
  std::string since;         // ISO timestamp of the last transition
  std::string village_code;  // the resident's current address (joined from residents)
  bool ikd_activated = false;
};

struct QueueCell {  // records per region and status
  std::string code;
  EktpStatus status = EktpStatus::BC;
  int64_t count = 0;
};

struct TransitionMonthCell {  // transitions per month ("2026-06"), new status and first-or-not
  std::string month;
  EktpStatus to = EktpStatus::BC;
  bool first = false;  // from no record: a first recording (not a re-recording)
  int64_t count = 0;
};

struct TemplateHit {
  std::string nik, hash;
};

class EktpStore {
 public:
  virtual ~EktpStore() = default;
  virtual std::optional<EktpRecord> ektp_record(std::string_view nik) = 0;
  // Whether the resident exists and their record (if any), in one query (a packet commit).
  struct RecordingState {
    bool resident = false;
    bool alive = false;  // a deceased resident is not recorded again (their record stays closed)
    std::optional<EktpRecord> record;
  };
  virtual RecordingState recording_state(std::string_view nik) = 0;
  virtual void put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd_activated) = 0;
  // A conditional write: moves the record only if its status still is `expected` (nullopt = no
  // record yet). False when someone else moved it first; nothing is written then.
  virtual bool move_ektp_record(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                                std::string_view since, bool ikd_activated) = 0;
  // The same conditional move, its outcome checked when the transaction commits: if the record
  // was no longer `expected`, the commit fails with StoreError{Busy} and nothing of the
  // transaction is written. Lets a group of packets go out without a round trip per record.
  virtual void move_ektp_record_at_commit(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                                          std::string_view since, bool ikd_activated) = 0;
  virtual void add_ektp_transitions(std::span<const EktpTransition> transitions) = 0;
  virtual std::vector<EktpTransition> ektp_history(std::string_view nik) = 0;
  virtual std::vector<std::string> niks_in_status(EktpStatus status, int64_t limit) = 0;
  virtual std::vector<QueueCell> ektp_queue_cells(Level level, std::string_view region_prefix) = 0;
  // Non-final records whose last transition is at or before `cutoff` (ISO), oldest first.
  virtual std::vector<EktpRecord> ektp_stuck(std::string_view region_prefix, std::string_view cutoff, int64_t limit) = 0;
  // The stuck records counted per status (code = the prefix): how many, not who.
  virtual std::vector<QueueCell> ektp_stuck_cells(std::string_view region_prefix, std::string_view cutoff) = 0;
  // The dated history of the residents under the prefix, counted per month since `from` (ISO):
  // the dashboard's trend without daily snapshots.
  virtual std::vector<TransitionMonthCell> ektp_transition_months(std::string_view region_prefix, std::string_view from) = 0;
  virtual void put_enrolment(std::string_view packet_id, const Enrolment& e, std::span<const std::string> template_hashes,
                             std::string_view received_at) = 0;
  // Other NIKs enrolled with any of these exact template hashes.
  virtual std::vector<std::string> template_hashes_of(std::string_view nik) = 0;
  virtual std::vector<TemplateHit> template_hash_hits(std::span<const std::string> hashes, std::string_view exclude_nik) = 0;
};

}  // namespace ktpel

// e-KTP record use cases: apply a transition (checked by the core state machine, logged with
// operator, station and time), the "where is my KTP?" view, queue sizes and stuck lists.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/ektp/ektp_status.h"
#include "core/ektp/stuck.h"
#include "store/store_view.h"

namespace ktpel {

class WilayahCatalog;

struct EktpActor {
  std::string operator_id = "system", station_id = "centre";
  std::string at;  // ISO timestamp of the event
};

struct EktpQueueRow {
  std::string code, name;
  std::map<EktpStatus, int64_t> counts;
};

// One month of a region's e-KTP history (the dated transitions): records that reached each status
// in it, and first recordings apart from re-recordings.
struct EktpMonth {
  std::string month;  // "2026-06"
  int64_t recorded = 0;  // first recordings (a record began)
  std::map<EktpStatus, int64_t> reached;
};

// Applies one event inside the caller's transaction (used by the packet commit and the pipeline).
Result<EktpStatus> apply_ektp_event(EktpStore& store, const std::string& nik, EktpEvent event, const EktpActor& actor,
                                    const std::string& reason);

class EktpService {
 public:
  EktpService(StoreView<EktpStore> store, const WilayahCatalog& wilayah) : store_(store), wilayah_(wilayah) {}
  // An officer's action (print, deliver, issue_suket, request_reprint, ...), its own transaction.
  Result<EktpRecord> transition(const std::string& nik, EktpEvent event, const EktpActor& actor, const std::string& reason);
  Result<std::vector<EktpQueueRow>> queues(Level level, const std::string& code);
  Result<std::vector<StuckRecord>> stuck(const std::string& code, Date today, int days, int64_t limit);
  // How many are stuck (as stuck() counts them) per status: for those who may not see who.
  Result<std::map<EktpStatus, int64_t>> stuck_counts(const std::string& code, Date today, int days);
  // The last `months` calendar months up to today's, oldest first, empty months included (0: none,
  // and the history is not read).
  Result<std::vector<EktpMonth>> monthly(const std::string& code, Date today, int months);

 private:
  StoreView<EktpStore> store_;  // records and their history only: no ledger, no registry writes
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel

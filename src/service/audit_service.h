// The audit log's checks: walking the chain (and its signed checkpoints) for the first entry that
// was edited, deleted, inserted or moved, and signing a checkpoint of the head with the centre's
// key. Checkpoints are also signed every kAuditCheckpointEvery entries as they are written.
#pragma once
#include <optional>
#include <string>

#include "crypto/audit_chain.h"
#include "store/store.h"

namespace ktpel {

struct AuditReport {
  bool ok = true;
  int64_t entries = 0, checkpoints = 0, head_seq = 0;
  std::optional<ChainBreak> broken;
};

// trusted_public_hex: the centre's signing key to trust ("" = the one in the database).
AuditReport verify_audit_log(Store& store, const std::string& trusted_public_hex = "");
// Signs the head now; false when there is no centre key yet or nothing to sign.
bool sign_audit_checkpoint(Store& store, const std::string& now);

}  // namespace ktpel

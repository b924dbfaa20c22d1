// The audit log's hash chain and signed checkpoints.
//   hash(n) = SHA-256(seq | at | actor | role | action | target | detail | hash(n-1))
// with each field length-prefixed, so no two different entries serialise alike. A checkpoint
// signs (seq, hash) with the centre's Ed25519 key: rewriting the whole chain after an edit is
// caught at the last checkpoint.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/identity/audit_entry.h"

namespace ktpel {

inline const std::string kAuditGenesis(64, '0');

std::string audit_hash(const AuditEntry& e);  // over every field but `hash`

struct AuditCheckpoint {
  int64_t seq = 0;
  std::string hash, signature_hex, public_key_hex;
};
std::string checkpoint_message(int64_t seq, const std::string& hash);
AuditCheckpoint sign_checkpoint(int64_t seq, const std::string& hash, const std::string& sign_secret,
                                const std::string& sign_public);
bool checkpoint_valid(const AuditCheckpoint& c);

// Walks entries in seq order; the first problem found, or nullopt when the chain holds.
struct ChainBreak {
  int64_t seq = 0;     // the first entry that does not fit (or the checkpoint's seq)
  std::string reason;  // "hash mismatch (edited)", "sequence gap (deleted)", ...
};
class AuditChainVerifier {
 public:
  // Checkpoints are checked as the walk passes their seq: a bad signature, or a hash that differs
  // from the chain's, is a break there; a checkpoint beyond the last entry means a cut tail.
  AuditChainVerifier(std::vector<AuditCheckpoint> checkpoints, std::string trusted_public_hex);
  // Feed entries in seq order; returns false at the first break (then break_at() says where).
  bool add(const AuditEntry& e);
  // After the last entry; false when the log ends before a signed checkpoint.
  bool finish();
  const std::optional<ChainBreak>& break_at() const { return break_; }
  int64_t entries() const { return last_seq_; }
  int64_t checkpoints_checked() const { return checked_; }

 private:
  bool fail(int64_t seq, std::string reason);
  std::vector<AuditCheckpoint> checkpoints_;  // sorted by seq
  size_t next_checkpoint_ = 0;
  std::string trusted_public_hex_;
  int64_t last_seq_ = 0, checked_ = 0;
  std::string last_hash_ = kAuditGenesis;
  std::optional<ChainBreak> break_;
};

}  // namespace ktpel

#include "service/audit_service.h"

#include "crypto/envelope.h"

namespace ktpel {

AuditReport verify_audit_log(Store& store, const std::string& trusted_public_hex) {
  std::string trusted = trusted_public_hex;
  if (trusted.empty())
    if (auto keys = store.centre_keys()) trusted = to_hex(keys->sign_public);
  AuditChainVerifier verifier(store.audit_checkpoints(), trusted);
  store.scan_audit([&](const AuditEntry& e) { verifier.add(e); });
  AuditReport report;
  verifier.finish();
  // The head row says how far the log went: a cut tail after the last checkpoint shows here.
  const auto [head_seq, head_hash] = store.audit_head();
  report.head_seq = head_seq;
  report.broken = verifier.break_at();
  if (!report.broken && head_seq != verifier.entries())
    report.broken = ChainBreak{verifier.entries() + 1, "the log ends at entry " + std::to_string(verifier.entries()) +
                                                           " but its head says " + std::to_string(head_seq)};
  report.ok = !report.broken;
  report.entries = verifier.entries();
  report.checkpoints = verifier.checkpoints_checked();
  return report;
}

bool sign_audit_checkpoint(Store& store, const std::string& now) {
  auto keys = store.centre_keys();
  const auto [seq, hash] = store.audit_head();
  if (!keys || seq == 0) return false;
  store.insert_audit_checkpoint(sign_checkpoint(seq, hash, keys->sign_secret, keys->sign_public), now);
  return true;
}

}  // namespace ktpel

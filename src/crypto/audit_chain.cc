#include "crypto/audit_chain.h"

#include <sodium.h>

#include <algorithm>

#include "crypto/envelope.h"

namespace ktpel {
namespace {

void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '|';
}

}  // namespace

std::string audit_hash(const AuditEntry& e) {
  std::string msg;
  put(msg, std::to_string(e.seq));
  put(msg, e.at);
  put(msg, e.actor);
  put(msg, e.role);
  put(msg, e.action);
  put(msg, e.target);
  put(msg, e.detail);
  put(msg, e.prev_hash);
  return sha256_hex(msg);
}

std::string checkpoint_message(int64_t seq, const std::string& hash) {
  return "ktpel-audit-checkpoint:" + std::to_string(seq) + ":" + hash;
}

AuditCheckpoint sign_checkpoint(int64_t seq, const std::string& hash, const std::string& sign_secret,
                                const std::string& sign_public) {
  const std::string msg = checkpoint_message(seq, hash);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                       reinterpret_cast<const unsigned char*>(sign_secret.data()));
  return {seq, hash, to_hex(std::string(reinterpret_cast<char*>(sig), sizeof sig)), to_hex(sign_public)};
}

bool checkpoint_valid(const AuditCheckpoint& c) {
  const std::string sig = from_hex(c.signature_hex), pub = from_hex(c.public_key_hex);
  if (sig.size() != crypto_sign_BYTES || pub.size() != crypto_sign_PUBLICKEYBYTES) return false;
  const std::string msg = checkpoint_message(c.seq, c.hash);
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                                     reinterpret_cast<const unsigned char*>(pub.data())) == 0;
}

AuditChainVerifier::AuditChainVerifier(std::vector<AuditCheckpoint> checkpoints, std::string trusted_public_hex)
    : checkpoints_(std::move(checkpoints)), trusted_public_hex_(std::move(trusted_public_hex)) {
  std::sort(checkpoints_.begin(), checkpoints_.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
}

bool AuditChainVerifier::fail(int64_t seq, std::string reason) {
  break_ = ChainBreak{seq, std::move(reason)};
  return false;
}

bool AuditChainVerifier::add(const AuditEntry& e) {
  if (break_) return false;
  const int64_t expected = last_seq_ + 1;
  if (e.seq != expected) {
    if (e.seq > expected)
      return fail(expected, "entry " + std::to_string(expected) + " is missing (deleted), the log jumps to " + std::to_string(e.seq));
    return fail(e.seq, "entry " + std::to_string(e.seq) + " is out of order after " + std::to_string(last_seq_));
  }
  if (e.prev_hash != last_hash_)
    return fail(e.seq, "entry " + std::to_string(e.seq) + " does not follow entry " + std::to_string(last_seq_) +
                           " (previous hash differs: an entry was edited, inserted or moved)");
  if (audit_hash(e) != e.hash)
    return fail(e.seq, "entry " + std::to_string(e.seq) + " was changed after it was written (its hash differs)");
  last_seq_ = e.seq;
  last_hash_ = e.hash;
  while (next_checkpoint_ < checkpoints_.size() && checkpoints_[next_checkpoint_].seq == e.seq) {
    const auto& c = checkpoints_[next_checkpoint_++];
    if (c.public_key_hex != trusted_public_hex_ || !checkpoint_valid(c))
      return fail(c.seq, "the checkpoint at entry " + std::to_string(c.seq) + " is not signed by the centre's key");
    if (c.hash != e.hash)
      return fail(c.seq, "entry " + std::to_string(c.seq) + " differs from the signed checkpoint (the log was rewritten)");
    ++checked_;
  }
  return true;
}

bool AuditChainVerifier::finish() {
  if (break_) return false;
  if (next_checkpoint_ < checkpoints_.size())
    return fail(last_seq_ + 1, "the log ends at entry " + std::to_string(last_seq_) + " but a signed checkpoint covers entry " +
                                   std::to_string(checkpoints_[next_checkpoint_].seq) + " (entries were removed from the end)");
  return true;
}

}  // namespace ktpel

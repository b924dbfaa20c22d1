// One entry of the append-only audit log: who did what to whom, when. Each entry carries the
// hash of the previous one (crypto/audit_chain.h), so an edit, deletion, insertion or reordering
// done directly in the database breaks the chain at that entry.
#pragma once
#include <cstdint>
#include <string>

namespace ktpel {

struct AuditEntry {
  int64_t seq = 0;         // 1, 2, 3 ... without gaps
  std::string at;          // ISO UTC time
  std::string actor;       // username, "station:<id>", or "public"
  std::string role;        // the actor's role when acting
  std::string action;      // "POST /api/v1/residents", "cli resident add", "read resident"
  std::string target;      // the NIK or wilayah code acted on ("" when none)
  std::string detail;      // short JSON or text: what changed, what was exported
  std::string prev_hash;   // hex; 64 zeros for the first entry
  std::string hash;        // hex SHA-256 over the fields above
};

// What a request or command is about to do: the store turns it into an entry in the
// transaction that does it.
struct AuditIntent {
  std::string at, actor, role, action, target, detail;
};

}  // namespace ktpel

// Persistence of who may act: officers' accounts and sessions, the append-only audit log with its
// head and signed checkpoints, four-eyes proposals, and NIKs retired by a duplicate deletion.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/identity/audit_entry.h"
#include "crypto/audit_chain.h"

namespace ktpel {

// Every this many audit entries, the commit that writes one signs a checkpoint (store/store.cc).
inline constexpr int64_t kAuditCheckpointEvery = 1000;

struct UserAccount {
  std::string username, role, wilayah, password_hash;
  std::string totp_secret;  // raw bytes, "" = no second factor
  int64_t totp_last_step = 0;
  bool disabled = false;
  int64_t failed_logins = 0;
  std::string locked_until;  // ISO UTC, "" = not locked
  std::string created_at, created_by, password_changed_at;
};

struct SessionRow {
  std::string token_hash, username, csrf, created_at, expires_at;
};

// A session with what a request needs of its account, read in one query (no TOTP secret opened).
struct SessionUser {
  SessionRow session;
  std::string role, wilayah;
  bool disabled = false;
};

struct AuditQuery {
  std::string actor, target, from, to;  // "" = any; from/to ISO times, inclusive
  int64_t after_seq = 0, limit = 500;
};

// A four-eyes proposal: a correction of name / birth date / sex, or a duplicate deletion.
struct Proposal {
  int64_t id = 0;
  std::string kind;     // correction | duplicate_deletion
  std::string nik;      // the record it changes (deletions: the NIK to delete)
  std::string region;   // the record's village code, for scope
  std::string payload;  // JSON: {changes, reason} or {keep_nik, adjudication_id, score, evidence}
  std::string status;   // pending | approved | rejected | executed
  std::string proposed_by, proposed_at, decided_by, decided_at, decision_note;
};

struct RetiredNik {
  std::string nik, kept_nik, record, retired_at, retired_by;  // record: the deleted resident, JSON
  int64_t proposal_id = 0;
};

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;
  // Accounts. insert_user: false when the username exists.
  virtual bool insert_user(const UserAccount& u) = 0;
  virtual std::optional<UserAccount> user(std::string_view username) = 0;
  virtual std::vector<UserAccount> users() = 0;
  virtual int64_t count_users() = 0;
  // Role, wilayah, disabled, password hash, TOTP: written as given.
  virtual void update_user(const UserAccount& u) = 0;
  // One more failed login (atomic); returns the new count.
  virtual int64_t add_failed_login(std::string_view username, std::string_view locked_until_if_over,
                                   int64_t threshold) = 0;
  virtual void clear_failed_logins(std::string_view username) = 0;
  // Moves totp_last_step forward only (a code is used once); false when already at or past it.
  virtual bool use_totp_step(std::string_view username, int64_t step) = 0;
  // Sessions, by the hash of their token (the token itself is never stored).
  virtual void insert_session(const SessionRow& s) = 0;
  // The session and its account's role, scope and state: one round trip per request.
  virtual std::optional<SessionUser> session_user(std::string_view token_hash) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
  virtual void delete_sessions_of(std::string_view username) = 0;
  virtual void expire_sessions_of(std::string_view username, std::string_view at) = 0;
  // Audit: append locks the head (serialising appenders) and links the entry to it.
  virtual AuditEntry append_audit(const AuditIntent& intent) = 0;
  virtual std::vector<AuditEntry> audit_entries(const AuditQuery& q) = 0;
  virtual void scan_audit(const std::function<void(const AuditEntry&)>& f) = 0;
  virtual std::pair<int64_t, std::string> audit_head() = 0;
  virtual void insert_audit_checkpoint(const AuditCheckpoint& c, std::string_view at) = 0;
  virtual std::vector<AuditCheckpoint> audit_checkpoints() = 0;
  // Four-eyes proposals. decide_proposal: only from `expected` status (a conditional write).
  virtual int64_t insert_proposal(const Proposal& p) = 0;
  virtual std::optional<Proposal> proposal(int64_t id) = 0;
  virtual std::vector<Proposal> proposals(std::string_view kind, std::string_view status, std::string_view region_prefix,
                                          int64_t limit) = 0;
  virtual bool decide_proposal(int64_t id, std::string_view expected, std::string_view status, std::string_view by,
                               std::string_view at, std::string_view note) = 0;
  // NIKs deleted as duplicates: never issued again.
  virtual void insert_retired_nik(const RetiredNik& r) = 0;
  virtual std::optional<RetiredNik> retired_nik(std::string_view nik) = 0;
};

}  // namespace ktpel

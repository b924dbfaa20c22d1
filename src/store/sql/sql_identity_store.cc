// SqlStore: accounts, sessions, the audit log and its checkpoints, four-eyes proposals and
// retired NIKs (IdentityStore).
#include "crypto/envelope.h"
#include "store/sql/sql_store.h"

namespace ktpel {
namespace {

constexpr const char* kUserColumns =
    "username, role, wilayah, password_hash, totp_secret, totp_last_step, disabled, failed_logins, locked_until,"
    " created_at, created_by, password_changed_at, data_key IS NOT NULL";
std::string totp_place(std::string_view username) { return "users.totp_secret:" + std::string(username); }
constexpr const char* kAuditColumns = "seq, at, actor, role, action, target, detail, prev_hash, hash";
constexpr const char* kAuditColumnsOfL = "l.seq, l.at, l.actor, l.role, l.action, l.target, l.detail, l.prev_hash, l.hash";
AuditEntry read_audit(const sql::Statement& s) {
  return {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)};
}
constexpr const char* kProposalColumns =
    "id, kind, nik, region, payload, status, proposed_by, proposed_at, decided_by, decided_at, decision_note";
Proposal read_proposal(const sql::Statement& s) {
  return {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5),
          s.text(6),    s.text(7), s.text(8), s.text(9), s.text(10)};
}

}  // namespace

UserAccount SqlStore::read_user(const sql::Statement& s) {
  return {s.text(0),    s.text(1),          s.text(2),  s.text(3),
          from_hex(unseal_text(totp_place(s.text(0)), s.text(4), s.integer(12) != 0)),
          s.integer(5), s.integer(6) != 0, s.integer(7), s.text(8), s.text(9), s.text(10), s.text(11)};
}

bool SqlStore::insert_user(const UserAccount& u) {
  const int64_t key = active_data_key();
  auto s = db_->cached(
      "INSERT INTO users (username, role, wilayah, password_hash, totp_secret, totp_last_step, disabled, failed_logins,"
      " locked_until, created_at, created_by, password_changed_at, data_key)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (username) DO NOTHING");
  s.bind(1, u.username).bind(2, u.role).bind(3, u.wilayah).bind(4, u.password_hash);
  s.bind(5, seal_text(key, totp_place(u.username), to_hex(u.totp_secret))).bind(13, key);
  s.bind(6, u.totp_last_step).bind_bool(7, u.disabled).bind(8, u.failed_logins).bind(9, u.locked_until);
  s.bind(10, u.created_at).bind(11, u.created_by).bind(12, u.password_changed_at);
  return s.run() == 1;
}

std::optional<UserAccount> SqlStore::user(std::string_view username) {
  auto s = db_->cached(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?1");
  s.bind(1, username);
  return sql::first(s, [this](const sql::Statement& r) { return read_user(r); });
}

std::vector<UserAccount> SqlStore::users() {
  auto s = db_->cached(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username");
  return sql::collect(s, [this](const sql::Statement& r) { return read_user(r); });
}

int64_t SqlStore::count_users() {
  auto s = db_->cached("SELECT COUNT(*) FROM users");
  s.step();
  return s.integer(0);
}

void SqlStore::update_user(const UserAccount& u) {
  const int64_t key = active_data_key();
  auto s = db_->cached(
      "UPDATE users SET role = ?2, wilayah = ?3, password_hash = ?4, totp_secret = ?5, disabled = ?6,"
      " password_changed_at = ?7, failed_logins = ?8, locked_until = ?9, data_key = ?10 WHERE username = ?1");
  s.bind(1, u.username).bind(2, u.role).bind(3, u.wilayah).bind(4, u.password_hash);
  s.bind(5, seal_text(key, totp_place(u.username), to_hex(u.totp_secret))).bind(10, key);
  s.bind_bool(6, u.disabled).bind(7, u.password_changed_at).bind(8, u.failed_logins).bind(9, u.locked_until);
  s.run();
}

int64_t SqlStore::add_failed_login(std::string_view username, std::string_view locked_until_if_over, int64_t threshold) {
  auto s = db_->cached(
      "UPDATE users SET failed_logins = failed_logins + 1,"
      " locked_until = CASE WHEN failed_logins + 1 >= ?3 THEN ?2 ELSE locked_until END"
      " WHERE username = ?1 RETURNING failed_logins");
  s.bind(1, username).bind(2, locked_until_if_over).bind(3, threshold);
  return s.step() ? s.integer(0) : 0;
}

void SqlStore::clear_failed_logins(std::string_view username) {
  auto s = db_->cached("UPDATE users SET failed_logins = 0, locked_until = '' WHERE username = ?1 AND failed_logins <> 0");
  s.bind(1, username);
  s.run();
}

bool SqlStore::use_totp_step(std::string_view username, int64_t step) {
  auto s = db_->cached("UPDATE users SET totp_last_step = ?2 WHERE username = ?1 AND totp_last_step < ?2");
  s.bind(1, username).bind(2, step);
  return s.run() == 1;
}

void SqlStore::insert_session(const SessionRow& r) {
  auto s = db_->cached(
      "INSERT INTO sessions (token_hash, username, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  s.bind(1, r.token_hash).bind(2, r.username).bind(3, r.csrf).bind(4, r.created_at).bind(5, r.expires_at);
  s.run();
}

std::optional<SessionUser> SqlStore::session_user(std::string_view token_hash) {
  auto s = db_->cached(
      "SELECT s.token_hash, s.username, s.csrf, s.created_at, s.expires_at, u.role, u.wilayah, u.disabled"
      " FROM sessions s JOIN users u ON u.username = s.username WHERE s.token_hash = ?1");
  s.bind(1, token_hash);
  return sql::first(s, [](const sql::Statement& r) {
    return SessionUser{{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)}, r.text(5), r.text(6), r.integer(7) != 0};
  });
}

void SqlStore::delete_session(std::string_view token_hash) {
  auto s = db_->cached("DELETE FROM sessions WHERE token_hash = ?1");
  s.bind(1, token_hash);
  s.run();
}

void SqlStore::delete_sessions_of(std::string_view username) {
  auto s = db_->cached("DELETE FROM sessions WHERE username = ?1");
  s.bind(1, username);
  s.run();
}

void SqlStore::expire_sessions_of(std::string_view username, std::string_view at) {
  auto s = db_->cached("UPDATE sessions SET expires_at = ?2 WHERE username = ?1");
  s.bind(1, username).bind(2, at);
  s.run();
}

AuditEntry SqlStore::append_audit(const AuditIntent& intent) {
  // The head row is the lock: appenders queue on it, and each reads the hash the last one wrote.
  auto head = db_->cached("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
  if (!head.step()) throw StoreError("the audit log has no head row");
  AuditEntry e;
  e.seq = head.integer(0);
  e.prev_hash = head.text(1);
  head.reset();
  e.at = intent.at;
  e.actor = intent.actor;
  e.role = intent.role;
  e.action = intent.action;
  e.target = intent.target;
  e.detail = intent.detail;
  e.hash = audit_hash(e);
  auto set = db_->cached("UPDATE audit_head SET hash = ?1 WHERE id = 1");
  set.bind(1, e.hash);
  set.queue();
  auto s = db_->cached(std::string("INSERT INTO audit_log (") + kAuditColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  s.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.role).bind(5, e.action).bind(6, e.target).bind(7, e.detail);
  s.bind(8, e.prev_hash).bind(9, e.hash);
  s.queue();
  return e;
}

void SqlStore::catch_up_audit_lookup() {
  // Idempotent and bounded by the committed head, so two searches at once, or an append during
  // one, neither miss nor double an entry.
  StoreTransaction tx(*this);
  auto head = db_->cached("SELECT seq FROM audit_head WHERE id = 1");
  const int64_t to = head.step() ? head.integer(0) : 0;
  head.reset();
  auto done = db_->cached("SELECT COALESCE(MAX(seq), 0) FROM audit_lookup WHERE term = '~'");
  done.step();
  const int64_t from = done.integer(0);
  done.reset();
  if (to > from) {
    for (const char* term : {"'a:' || actor", "'t:' || target", "'d:' || substr(at, 1, 10)"}) {
      auto s = db_->cached(std::string("INSERT INTO audit_lookup (term, seq) SELECT ") + term +
                           ", seq FROM audit_log WHERE seq > ?1 AND seq <= ?2" +
                           (std::string_view(term).find("target") != std::string_view::npos ? " AND target <> ''" : "") +
                           " ON CONFLICT DO NOTHING");
      s.bind(1, from).bind(2, to);
      s.run();
    }
    auto mark = db_->cached("INSERT INTO audit_lookup (term, seq) VALUES ('~', ?1) ON CONFLICT DO NOTHING");
    mark.bind(1, to);
    mark.run();
  }
  tx.commit();
}

std::vector<AuditEntry> SqlStore::audit_entries(const AuditQuery& q) {
  catch_up_audit_lookup();
  // Driven by the most selective lookup: the record, else the user, else the days; the other
  // filters are compared on the entry itself. Days bound the sequence numbers (entries are
  // appended in time order), then `at` filters exactly.
  const std::string filters =
      " AND (?2 = '' OR l.actor = ?2) AND (?3 = '' OR l.target = ?3) AND (?4 = '' OR l.at >= ?4) AND (?5 = '' OR l.at <= ?5)";
  std::string sql;
  std::string term;
  if (!q.target.empty() || !q.actor.empty()) {
    term = q.target.empty() ? "a:" + q.actor : "t:" + q.target;
    sql = std::string("SELECT ") + kAuditColumnsOfL + " FROM audit_lookup k JOIN audit_log l ON l.seq = k.seq WHERE k.term = ?7"
          " AND k.seq > ?1" + filters + " ORDER BY k.seq LIMIT ?6";
  } else if (!q.from.empty() || !q.to.empty()) {
    sql = std::string("SELECT ") + kAuditColumnsOfL + " FROM audit_log l WHERE l.seq > ?1" + filters +
          " AND l.seq >= (SELECT seq FROM audit_lookup WHERE term >= ?7 AND term < 'd;' ORDER BY term, seq LIMIT 1)"
          " AND l.seq <= (SELECT seq FROM audit_lookup WHERE term <= ?8 AND term >= 'd:' ORDER BY term DESC, seq DESC LIMIT 1)"
          " ORDER BY l.seq LIMIT ?6";
  } else {
    sql = std::string("SELECT ") + kAuditColumnsOfL + " FROM audit_log l WHERE l.seq > ?1" + filters + " ORDER BY l.seq LIMIT ?6";
  }
  auto s = db_->cached(sql);
  s.bind(1, q.after_seq).bind(2, q.actor).bind(3, q.target).bind(4, q.from).bind(5, q.to).bind(6, q.limit);
  if (!term.empty()) s.bind(7, term);
  if (term.empty() && (!q.from.empty() || !q.to.empty())) {
    s.bind(7, "d:" + (q.from.empty() ? std::string() : q.from.substr(0, 10)));
    s.bind(8, "d:" + (q.to.empty() ? std::string("9999-12-31") : q.to.substr(0, 10)));
  }
  return sql::collect(s, read_audit);
}

void SqlStore::scan_audit(const std::function<void(const AuditEntry&)>& f) {
  auto s = db_->cached(std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq");
  while (s.step()) f(read_audit(*s));
}

std::pair<int64_t, std::string> SqlStore::audit_head() {
  auto s = db_->cached("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!s.step()) return {0, kAuditGenesis};
  return {s.integer(0), s.text(1)};
}

void SqlStore::insert_audit_checkpoint(const AuditCheckpoint& c, std::string_view at) {
  auto s = db_->cached(
      "INSERT INTO audit_checkpoints (seq, hash, signature, public_key, at) VALUES (?1, ?2, ?3, ?4, ?5)"
      " ON CONFLICT (seq) DO NOTHING");
  s.bind(1, c.seq).bind(2, c.hash).bind(3, c.signature_hex).bind(4, c.public_key_hex).bind(5, at);
  s.run();
}

std::vector<AuditCheckpoint> SqlStore::audit_checkpoints() {
  auto s = db_->cached("SELECT seq, hash, signature, public_key FROM audit_checkpoints ORDER BY seq");
  return sql::collect(s, [](const sql::Statement& r) { return AuditCheckpoint{r.integer(0), r.text(1), r.text(2), r.text(3)}; });
}

int64_t SqlStore::insert_proposal(const Proposal& p) {
  auto s = db_->cached(
      "INSERT INTO proposals (kind, nik, region, payload, status, proposed_by, proposed_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  s.bind(1, p.kind).bind(2, p.nik).bind(3, p.region).bind(4, p.payload).bind(5, p.status).bind(6, p.proposed_by);
  s.bind(7, p.proposed_at);
  s.step();
  return s.integer(0);
}

std::optional<Proposal> SqlStore::proposal(int64_t id) {
  auto s = db_->cached(std::string("SELECT ") + kProposalColumns + " FROM proposals WHERE id = ?1");
  s.bind(1, id);
  return sql::first(s, read_proposal);
}

std::vector<Proposal> SqlStore::proposals(std::string_view kind, std::string_view status, std::string_view region_prefix,
                                         int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kProposalColumns +
                       " FROM proposals WHERE (?1 = '' OR kind = ?1) AND (?2 = '' OR status = ?2)"
                       " AND (?3 = '' OR region = ?3 OR substr(region, 1, length(?3) + 1) = ?3 || '.')"
                       " ORDER BY id LIMIT ?4");
  s.bind(1, kind).bind(2, status).bind(3, region_prefix).bind(4, limit);
  return sql::collect(s, read_proposal);
}

bool SqlStore::decide_proposal(int64_t id, std::string_view expected, std::string_view status, std::string_view by,
                               std::string_view at, std::string_view note) {
  auto s = db_->cached(
      "UPDATE proposals SET status = ?3, decided_by = ?4, decided_at = ?5, decision_note = ?6"
      " WHERE id = ?1 AND status = ?2");
  s.bind(1, id).bind(2, expected).bind(3, status).bind(4, by).bind(5, at).bind(6, note);
  return s.run() == 1;
}

void SqlStore::insert_retired_nik(const RetiredNik& r) {
  auto s = db_->cached(
      "INSERT INTO retired_niks (nik, kept_nik, record, retired_at, retired_by, proposal_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, r.nik).bind(2, r.kept_nik).bind(3, r.record).bind(4, r.retired_at).bind(5, r.retired_by).bind(6, r.proposal_id);
  s.run();
}

bool SqlStore::nik_retired(std::string_view nik) {
  auto s = db_->cached("SELECT 1 FROM retired_niks WHERE nik = ?1");
  s.bind(1, nik);
  return s.step();
}

std::optional<RetiredNik> SqlStore::retired_nik(std::string_view nik) {
  auto s = db_->cached("SELECT nik, kept_nik, record, retired_at, retired_by, proposal_id FROM retired_niks WHERE nik = ?1");
  s.bind(1, nik);
  return sql::first(s, [](const sql::Statement& r) {
    return RetiredNik{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5)};
  });
}

}  // namespace ktpel

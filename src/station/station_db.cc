#include "station/station_db.h"

namespace ktpel {

namespace {
OutboxEntry read_entry(const sql::Statement& s) {
  return {s.text(0), s.integer(1), s.text(2), s.integer(3), s.text(4), s.text(5), static_cast<int>(s.integer(6)),
          s.text(7), s.text(8), s.text(9), s.text(10)};
}
constexpr const char* kColumns =
    "packet_id, sequence, created_at, size, sha256, status, attempts, next_attempt_at, last_error, COALESCE(ack, ''),"
    " COALESCE(sent_at, '')";
}  // namespace

StationDb::StationDb(const std::string& path) : db_(sql::connect(path)) {
  db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  db_->exec(R"sql(
CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS operators (
  user TEXT PRIMARY KEY, password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
  packet_id       TEXT PRIMARY KEY,
  sequence        INTEGER NOT NULL UNIQUE,
  created_at      TEXT NOT NULL,
  size            INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  status          TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  ack             TEXT,
  sent_at         TEXT,
  envelope        BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at, sequence);
)sql");
}

std::optional<std::string> StationDb::config(const std::string& key) {
  auto s = db_->cached("SELECT value FROM config WHERE key = ?1");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return s.blob(0);
}

void StationDb::set_config(const std::string& key, const std::string& value) {
  auto s = db_->cached("INSERT INTO config (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  s.bind(1, key).bind_blob(2, value);
  s.step();
}

void StationDb::add_operator(const std::string& user, const std::string& hash, const std::string& now) {
  auto s = db_->cached(
      "INSERT INTO operators (user, password_hash, created_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (user) DO UPDATE SET password_hash = excluded.password_hash, active = 1");
  s.bind(1, user).bind(2, hash).bind(3, now);
  s.step();
}

std::optional<std::string> StationDb::operator_hash(const std::string& user) {
  auto s = db_->cached("SELECT password_hash FROM operators WHERE user = ?1 AND active = 1");
  s.bind(1, user);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

int64_t StationDb::next_sequence() {
  auto s = db_->cached("SELECT COALESCE(MAX(sequence), 0) + 1 FROM outbox");
  s.step();
  return s.integer(0);
}

void StationDb::add_packet(const OutboxEntry& e, const std::string& envelope) {
  auto s = db_->cached(
      "INSERT INTO outbox (packet_id, sequence, created_at, size, sha256, status, attempts, next_attempt_at, envelope)"
      " VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, ?3, ?6)");
  s.bind(1, e.packet_id).bind(2, e.sequence).bind(3, e.created_at).bind(4, e.size).bind(5, e.sha256).bind_blob(6, envelope);
  s.step();
}

std::vector<OutboxEntry> StationDb::due(const std::string& now, int limit) {
  auto s = db_->cached(std::string("SELECT ") + kColumns +
                       " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY sequence LIMIT ?2");
  s.bind(1, now).bind(2, int64_t{limit});
  std::vector<OutboxEntry> out;
  while (s.step()) out.push_back(read_entry(*s));
  return out;
}

std::optional<std::string> StationDb::envelope(const std::string& packet_id) {
  auto s = db_->cached("SELECT envelope FROM outbox WHERE packet_id = ?1");
  s.bind(1, packet_id);
  if (!s.step()) return std::nullopt;
  return s.blob(0);
}

void StationDb::mark_final(const std::string& packet_id, const std::string& status, const std::string& ack,
                           const std::string& now) {
  auto s = db_->cached("UPDATE outbox SET status = ?2, ack = ?3, sent_at = ?4, last_error = '' WHERE packet_id = ?1");
  s.bind(1, packet_id).bind(2, status).bind(3, ack).bind(4, now);
  s.step();
}

void StationDb::mark_retry(const std::string& packet_id, int attempts, const std::string& next, const std::string& error) {
  auto s = db_->cached("UPDATE outbox SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 WHERE packet_id = ?1");
  s.bind(1, packet_id).bind(2, int64_t{attempts}).bind(3, next).bind(4, error);
  s.step();
}

OutboxCounts StationDb::counts() {
  auto s = db_->cached("SELECT status, COUNT(*) FROM outbox GROUP BY status");
  OutboxCounts c;
  while (s.step()) {
    const std::string st = s.text(0);
    (st == "pending" ? c.pending : st == "sent" ? c.sent : c.rejected) += s.integer(1);
  }
  return c;
}

std::vector<OutboxEntry> StationDb::entries(const std::string& status, int limit) {
  auto s = db_->cached(std::string("SELECT ") + kColumns + " FROM outbox WHERE status = ?1 ORDER BY sequence LIMIT ?2");
  s.bind(1, status).bind(2, int64_t{limit});
  std::vector<OutboxEntry> out;
  while (s.step()) out.push_back(read_entry(*s));
  return out;
}

std::optional<std::string> StationDb::earliest_due() {
  auto s = db_->cached("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'");
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return s.text(0);
}

}  // namespace ktpel

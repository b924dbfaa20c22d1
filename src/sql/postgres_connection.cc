// The PostgreSQL side of the seam, straight on libpq:
// - reads stream in single-row mode (a million-row scan holds one row), and a statement started
//   while another still streams first buffers the rest of it, so callers may nest as on SQLite;
// - writes queued inside a transaction go out in libpq's pipeline mode and are answered at the
//   next read or commit: a packet's ~20 writes and its COMMIT cost one round trip, not twenty;
// - a lost server (restart, network) fails the request in flight with StoreError{Unavailable} and
//   the connection is re-established, with backoff, by the next request; a transaction that was
//   open when the connection went keeps failing until it is rolled back, so none of its later
//   statements can autocommit on the new connection.
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <chrono>
#include <cstring>
#include <deque>
#include <utility>

#include "sql/connection.h"

namespace ktpel::sql {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxPipelineDepth = 256;  // answers read before the server's send buffer could fill

// The officer's first words for a full disk; PostgreSQL's own message follows.
std::string full_prefix(StoreErrorCode code) {
  return code == StoreErrorCode::Full ? "the disk holding the database is full; nothing of this write was saved. Free "
                                        "space on the database server, then try again: "
                                      : "";
}

StoreErrorCode code_of_state(const char* sqlstate) {
  const std::string_view s = sqlstate ? sqlstate : "";
  if (s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03") return StoreErrorCode::Unavailable;
  if (s == "40001" || s == "40P01" || s == "55P03" || s == "53300") return StoreErrorCode::Busy;
  if (s.starts_with("23")) return StoreErrorCode::Conflict;
  if (s == "53100") return StoreErrorCode::Full;  // disk_full: the server could not extend a file
  return StoreErrorCode::Internal;
}

// PostgreSQL must know every parameter's type, so one the SQL leaves out (a statement that uses
// ?1, ?2 and ?5) cannot be sent. Parameters are renumbered densely; slots[N] is where ?N goes
// (0 = unused, its binding ignored).
std::string renumber_parameters(const std::string& sql, std::vector<int>& slots) {
  std::vector<int> used;
  for (size_t i = 0; i + 1 < sql.size(); ++i)
    if (sql[i] == '$' && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) used.push_back(std::atoi(sql.c_str() + i + 1));
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  slots.assign(used.empty() ? 1 : used.back() + 1, 0);
  for (size_t k = 0; k < used.size(); ++k) slots[used[k]] = static_cast<int>(k + 1);
  std::string out;
  for (size_t i = 0; i < sql.size(); ++i) {
    out += sql[i];
    if (sql[i] == '$' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      size_t j = i + 1;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      out += std::to_string(slots[std::atoi(sql.c_str() + i + 1)]);
      i = j - 1;
    }
  }
  return out;
}

// What the process knows of one server's reachability, shared by all its connections: while it
// is down one attempt per backoff window is made (0.1 s doubling to 1 s), and as soon as any
// connection gets through every other one tries at once.
struct ServerHealth {
  std::mutex m;
  Clock::time_point next_try{};
  std::chrono::milliseconds backoff{100};
};
ServerHealth& health_of(const std::string& url) {
  static std::mutex m;
  static std::map<std::string, std::unique_ptr<ServerHealth>> all;
  std::lock_guard lock(m);
  auto& h = all[url];
  if (!h) h = std::make_unique<ServerHealth>();
  return *h;
}

class PgConnection;

class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection& c, const std::string& sql, std::string name)
      : conn_(c), sql_(renumber_parameters(sql, slots_)), name_(std::move(name)),
        values_(static_cast<size_t>(*std::max_element(slots_.begin(), slots_.end()))), nulls_(values_.size(), 1),
        formats_(values_.size(), 0) {}
  ~PgStatement() override { clear(); }

  void bind_text(int i, std::string_view v) override {
    // A text parameter ends at its first NUL on the wire: what was stored would differ from what
    // was given (an audit entry's actor so cut broke the hash chain). Refused, never cut.
    if (v.find('\0') != std::string_view::npos)
      throw StoreError("postgresql: text with a NUL byte cannot be stored (it would be cut there)");
    set(i, v, 0);
  }
  void bind_int(int i, int64_t v) override { set(i, std::to_string(v), 0); }
  void bind_null(int i) override {
    if (const int k = slot(i)) nulls_[k - 1] = 1;
  }
  void bind_blob(int i, std::string_view v) override { set(i, v, 1); }
  bool step() override;
  int64_t run() override;
  size_t queue() override;
  void reset() override;
  std::string text(int col) const override {
    return row_ && !PQgetisnull(row_, 0, col) ? std::string(PQgetvalue(row_, 0, col), PQgetlength(row_, 0, col)) : std::string();
  }
  int64_t integer(int col) const override {
    if (!row_ || PQgetisnull(row_, 0, col)) return 0;
    const char* v = PQgetvalue(row_, 0, col);
    if (v[0] == 't' && v[1] == 0) return 1;  // boolean columns
    if (v[0] == 'f' && v[1] == 0) return 0;
    return std::strtoll(v, nullptr, 10);
  }
  std::string blob(int col) const override;
  bool is_null(int col) const override { return !row_ || PQgetisnull(row_, 0, col); }

  // Reads the rest of a streaming result into memory (another statement needs the connection).
  void buffer_rest();
  void forget() {  // the connection was lost or reset: nothing to drain
    clear();
    started_ = finished_ = false;
  }
  void prepare_on(PGconn* pg, bool pipelined);
  int send(PGconn* pg);
  int generation = -1;  // the connection generation the statement is prepared on

 private:
  int slot(int i) const { return i >= 1 && static_cast<size_t>(i) < slots_.size() ? slots_[i] : 0; }
  void set(int i, std::string_view v, int format) {
    const int k = slot(i);
    if (!k) return;  // the SQL does not use it
    values_[k - 1].assign(v);
    nulls_[k - 1] = 0;
    formats_[k - 1] = format;
  }
  bool fetch();
  void clear() {
    if (row_) PQclear(row_);
    row_ = nullptr;
    for (auto* r : buffer_) PQclear(r);
    buffer_.clear();
  }
  PgConnection& conn_;
  std::vector<int> slots_;
  std::string sql_, name_;
  std::vector<std::string> values_;
  std::vector<char> nulls_;
  std::vector<int> formats_;
  PGresult* row_ = nullptr;
  std::deque<PGresult*> buffer_;
  bool started_ = false, finished_ = false;
  int run_generation_ = -1;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : url_(url) {
    pg_ = PQconnectdb(url.c_str());
    if (PQstatus(pg_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(pg_);
      PQfinish(pg_);
      pg_ = nullptr;
      throw StoreError("cannot connect to PostgreSQL: " + trim(msg), StoreErrorCode::Unavailable);
    }
    setup_session();
  }
  ~PgConnection() override {
    if (pg_) PQfinish(pg_);
  }
  Dialect dialect() const override { return Dialect::Postgres; }

  void exec(std::string_view sql) override {
    ready();
    quiesce();  // PQexec is refused while pipelined writes wait
    const std::string native = render(sql, Dialect::Postgres);
    PGresult* r = PQexec(pg_, native.c_str());
    check(r, "");
    PQclear(r);
  }
  void begin() override {
    ready();
    queued_.clear();
    send_control("BEGIN");
    in_tx_ = true;
  }
  void commit() override {
    ready();
    send_control("COMMIT");
    in_tx_ = false;  // whatever the answer, the transaction is over
    try {
      sync_pipeline();
    } catch (const StoreError&) {
      // A statement before the COMMIT failed: the server skipped the COMMIT and keeps the
      // transaction block open, aborted. Left so, every later statement on this pooled
      // connection failed ("current transaction is aborted") until a restart (api_fuzz).
      end_aborted_block();
      queued_.clear();
      throw;
    }
    queued_.clear();
  }
  void rollback() override {
    const bool was = in_tx_ || tx_lost_;
    in_tx_ = tx_lost_ = false;
    queued_.clear();
    if (!was) end_aborted_block();
    if (!was || !pg_ || PQstatus(pg_) != CONNECTION_OK) return;
    try {
      quiesce();
    } catch (...) {
    }
    if (PQstatus(pg_) != CONNECTION_OK) return;
    if (PGresult* r = PQexec(pg_, "ROLLBACK")) PQclear(r);
  }
  bool in_transaction() const override { return in_tx_; }
  std::vector<int64_t> flush() override {
    if (pipeline_) sync_pipeline();
    return std::exchange(queued_, {});
  }
  void set_durable_commits(bool) override {}  // synchronous_commit=on is PostgreSQL's default

  // Used by statements.
  PGconn* ready() {
    if (tx_lost_)
      throw StoreError("postgresql: the connection was lost during this transaction; it was rolled back",
                       StoreErrorCode::Unavailable);
    // Between statements, read what the server may have sent without being asked: after a
    // restart that is the end of the session, and the next request reconnects first instead of
    // failing on the dead socket (PQconsumeInput never blocks).
    // (Twice: a farewell message and the end of the socket may come in separate reads.)
    const bool ended = !in_tx_ && !pipeline_ && !active_ && PQstatus(pg_) == CONNECTION_OK &&
                       (PQconsumeInput(pg_) == 0 || PQconsumeInput(pg_) == 0);
    if (ended || PQstatus(pg_) != CONNECTION_OK) reconnect();
    return pg_;
  }
  // Before a statement runs on its own: no other result streaming, no pipelined writes waiting.
  void quiesce(PgStatement* except = nullptr) {
    if (active_ && active_ != except) {
      PgStatement* a = active_;
      active_ = nullptr;
      a->buffer_rest();
    }
    if (pipeline_) sync_pipeline();
  }
  void set_active(PgStatement* s) { active_ = s; }
  void release_active(PgStatement* s) {
    if (active_ == s) active_ = nullptr;
  }
  // Sends a write in the pipeline; where its count will be in flush()'s answer.
  size_t pipeline_exec(PgStatement& s) {
    ready();
    quiesce_stream();
    enter_pipeline();
    s.prepare_on(pg_, true);
    if (s.send(pg_) != 1) lost("sending a pipelined statement");
    const size_t ticket = queued_.size() + static_cast<size_t>(std::count(pending_.begin(), pending_.end(), Pending::Counted));
    pending_.push_back(Pending::Counted);
    if (pending_.size() >= kMaxPipelineDepth) sync_pipeline();
    return ticket;
  }
  int generation() const { return generation_; }
  std::string next_name() { return "k" + std::to_string(++names_); }
  void add_pending_prepare() { pending_.push_back(Pending::Plain); }
  // Throws the error in r (if any), mapped to a StoreError code.
  void check(PGresult* r, std::string_view what) {
    const auto st = PQresultStatus(r);
    if (r && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_SINGLE_TUPLE || st == PGRES_EMPTY_QUERY)) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(pg_);
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    StoreErrorCode code = code_of_state(state);
    if (PQstatus(pg_) != CONNECTION_OK) code = StoreErrorCode::Unavailable;
    if (r) PQclear(r);
    if (code == StoreErrorCode::Unavailable) mark_lost();
    throw StoreError("postgresql: " + full_prefix(code) + trim(msg) + (what.empty() ? "" : " (" + std::string(what) + ")"), code);
  }
  [[noreturn]] void lost(std::string_view what) {
    std::string msg = PQerrorMessage(pg_);
    mark_lost();
    throw StoreError("postgresql connection lost " + std::string(what) + " (" + trim(msg) +
                         "); this request may not have been saved: check, then try again",
                     StoreErrorCode::Unavailable);
  }

 protected:
  std::unique_ptr<Statement> prepare(const std::string& native_sql) override {
    auto s = std::make_unique<PgStatement>(*this, native_sql, next_name());
    statements_.push_back(s.get());
    return s;
  }

 private:
  enum class Pending { Counted, Plain };
  static std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  }
  // A transaction block the server still holds although ours is over: rolled back.
  void end_aborted_block() {
    if (!pg_ || pipeline_ || PQstatus(pg_) != CONNECTION_OK) return;
    const auto ts = PQtransactionStatus(pg_);
    if (ts != PQTRANS_INERROR && ts != PQTRANS_INTRANS) return;
    if (PGresult* r = PQexec(pg_, "ROLLBACK")) PQclear(r);
  }
  void setup_session() {
    PQsetNoticeProcessor(pg_, [](void*, const char*) {}, nullptr);  // "already exists, skipping" and such
    PGresult* r = PQexec(pg_, "SET DateStyle = ISO; SET TimeZone = 'UTC'");
    check(r, "session setup");
    PQclear(r);
  }
  void mark_lost() {
    if (in_tx_) tx_lost_ = true;
    in_tx_ = false;
    pipeline_ = false;
    pending_.clear();
    active_ = nullptr;
    for (auto* s : statements_) s->forget();
  }
  void reconnect() {
    ServerHealth& health = health_of(url_);
    const auto now = Clock::now();
    {
      std::lock_guard lock(health.m);
      if (now < health.next_try)
        throw StoreError("postgresql: the database server is unreachable; reconnecting, try again in a moment",
                         StoreErrorCode::Unavailable);
    }
    mark_lost();
    tx_lost_ = false;
    PQreset(pg_);
    std::lock_guard lock(health.m);
    if (PQstatus(pg_) != CONNECTION_OK) {
      health.next_try = Clock::now() + health.backoff;
      health.backoff = std::min(health.backoff * 2, std::chrono::milliseconds(1000));
      throw StoreError("postgresql: the database server is unreachable (" + trim(PQerrorMessage(pg_)) +
                           "); try again in a moment",
                       StoreErrorCode::Unavailable);
    }
    health.next_try = {};
    health.backoff = std::chrono::milliseconds(100);
    ++generation_;  // prepared statements are gone with the old session
    setup_session();
  }
  void quiesce_stream() {
    if (active_) {
      PgStatement* a = active_;
      active_ = nullptr;
      a->buffer_rest();
    }
  }
  void enter_pipeline() {
    if (pipeline_) return;
    if (PQenterPipelineMode(pg_) != 1) lost("entering pipeline mode");
    pipeline_ = true;
  }
  void send_control(const char* sql) {
    quiesce_stream();
    enter_pipeline();
    if (PQsendQueryParams(pg_, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) lost(sql);
    pending_.push_back(Pending::Plain);
  }
  // Sends a sync point and reads every pending answer; throws the first error among them.
  void sync_pipeline() {
    if (!pipeline_) return;
    if (PQpipelineSync(pg_) != 1) lost("syncing the pipeline");
    std::string error;
    StoreErrorCode code = StoreErrorCode::Internal;
    for (Pending p : std::exchange(pending_, {})) {
      PGresult* r = PQgetResult(pg_);
      if (!r) lost("reading pipelined answers");
      const auto st = PQresultStatus(r);
      if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        if (p == Pending::Counted) queued_.push_back(std::atoll(PQcmdTuples(r)));
      } else if (st == PGRES_FATAL_ERROR && error.empty()) {
        error = trim(PQresultErrorMessage(r));
        code = code_of_state(PQresultErrorField(r, PG_DIAG_SQLSTATE));
      }
      PQclear(r);
      while (PGresult* extra = PQgetResult(pg_)) PQclear(extra);  // the NULL that ends each answer
    }
    PGresult* sync = PQgetResult(pg_);
    if (!sync || PQresultStatus(sync) != PGRES_PIPELINE_SYNC) {
      if (sync) PQclear(sync);
      lost("reading the pipeline's sync");
    }
    PQclear(sync);
    PQexitPipelineMode(pg_);
    pipeline_ = false;
    if (PQstatus(pg_) != CONNECTION_OK) lost("during a pipeline");
    if (!error.empty()) throw StoreError("postgresql: " + full_prefix(code) + error, code);
  }

  std::string url_;
  PGconn* pg_ = nullptr;
  int generation_ = 0, names_ = 0;
  bool in_tx_ = false, tx_lost_ = false, pipeline_ = false;
  std::vector<Pending> pending_;
  std::vector<int64_t> queued_;
  PgStatement* active_ = nullptr;
  std::vector<PgStatement*> statements_;  // owned by the base class's cache
};

void PgStatement::prepare_on(PGconn* pg, bool pipelined) {
  if (generation == conn_.generation()) return;
  if (pipelined) {
    if (PQsendPrepare(pg, name_.c_str(), sql_.c_str(), 0, nullptr) != 1) conn_.lost("preparing");
    conn_.add_pending_prepare();
  } else {
    conn_.check(PQprepare(pg, name_.c_str(), sql_.c_str(), 0, nullptr), sql_);
  }
  generation = conn_.generation();
}

int PgStatement::send(PGconn* pg) {
  std::vector<const char*> v(values_.size());
  std::vector<int> len(values_.size());
  for (size_t i = 0; i < values_.size(); ++i) {
    v[i] = nulls_[i] ? nullptr : values_[i].data();
    len[i] = static_cast<int>(values_[i].size());
  }
  return PQsendQueryPrepared(pg, name_.c_str(), static_cast<int>(values_.size()), v.data(), len.data(), formats_.data(), 0);
}

bool PgStatement::step() {
  if (!started_) {
    PGconn* pg = conn_.ready();
    conn_.quiesce(this);
    prepare_on(pg, false);
    if (send(pg) != 1) conn_.lost("sending a query");
    if (PQsetSingleRowMode(pg) != 1) conn_.lost("streaming a result");
    started_ = true;
    finished_ = false;
    run_generation_ = conn_.generation();
    conn_.set_active(this);
  }
  if (row_) {
    PQclear(row_);
    row_ = nullptr;
  }
  if (!buffer_.empty()) {
    row_ = buffer_.front();
    buffer_.pop_front();
    return true;
  }
  if (finished_) return false;
  return fetch();
}

bool PgStatement::fetch() {
  PGconn* pg = conn_.ready();
  PGresult* r = PQgetResult(pg);
  if (r && PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
    row_ = r;
    return true;
  }
  finished_ = true;
  conn_.release_active(this);
  if (!r) {
    if (PQstatus(pg) != CONNECTION_OK) conn_.lost("reading a result");
    return false;
  }
  const auto st = PQresultStatus(r);
  while (PGresult* extra = PQgetResult(pg)) PQclear(extra);
  if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
    PQclear(r);
    return false;
  }
  conn_.check(r, sql_);
  return false;
}

void PgStatement::buffer_rest() {
  if (!started_ || finished_) return;
  PGresult* keep = row_;
  row_ = nullptr;
  std::deque<PGresult*> rows;
  try {
    while (fetch()) {
      rows.push_back(row_);
      row_ = nullptr;
    }
  } catch (...) {
    row_ = keep;
    for (auto* r : rows) buffer_.push_back(r);
    throw;
  }
  row_ = keep;
  for (auto* r : rows) buffer_.push_back(r);
}

int64_t PgStatement::run() {
  PGconn* pg = conn_.ready();
  conn_.quiesce(this);
  prepare_on(pg, false);
  std::vector<const char*> v(values_.size());
  std::vector<int> len(values_.size());
  for (size_t i = 0; i < values_.size(); ++i) {
    v[i] = nulls_[i] ? nullptr : values_[i].data();
    len[i] = static_cast<int>(values_[i].size());
  }
  PGresult* r = PQexecPrepared(pg, name_.c_str(), static_cast<int>(values_.size()), v.data(), len.data(), formats_.data(), 0);
  conn_.check(r, sql_);
  const int64_t n = std::atoll(PQcmdTuples(r));
  PQclear(r);
  return n;
}

size_t PgStatement::queue() {
  if (!conn_.in_transaction()) {  // autocommit: runs now; its count is kept only within a transaction
    run();
    return kNoCount;
  }
  return conn_.pipeline_exec(*this);
}

void PgStatement::reset() {
  if (started_ && !finished_ && run_generation_ == conn_.generation()) {
    conn_.release_active(this);
    try {
      buffer_rest();  // an abandoned stream must still be read to its end
    } catch (...) {
    }
  }
  clear();
  started_ = finished_ = false;
}

std::string PgStatement::blob(int col) const {
  if (!row_ || PQgetisnull(row_, 0, col)) return {};
  const char* v = PQgetvalue(row_, 0, col);
  const size_t n = static_cast<size_t>(PQgetlength(row_, 0, col));
  if (n < 2 || v[0] != '\\' || v[1] != 'x') return std::string(v, n);
  auto nibble = [](char c) -> int { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out((n - 2) / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(nibble(v[2 + 2 * i]) << 4 | nibble(v[3 + 2 * i]));
  return out;
}

}  // namespace

std::unique_ptr<Connection> connect_postgres(const std::string& url);
std::unique_ptr<Connection> connect_postgres(const std::string& url) { return std::make_unique<PgConnection>(url); }

}  // namespace ktpel::sql

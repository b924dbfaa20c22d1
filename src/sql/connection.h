// The connection seam: the only place where SQLite and PostgreSQL differ (as LevelDB's Env is for
// operating systems). The store's SQL is written once in a shared dialect (dialect.h): positional
// parameters ?1..?N and a few {tokens}; a Connection renders and prepares it once, binds typed
// values, reads typed columns, runs transactions and pipelines writes.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql/dialect.h"
#include "sql/store_error.h"

namespace ktpel::sql {

// A prepared statement. Parameters are 1-based, columns 0-based; a blob is bytes, a boolean
// column reads as integer 0/1 on both backends.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_int(int i, int64_t v) = 0;
  virtual void bind_null(int i) = 0;
  virtual void bind_blob(int i, std::string_view bytes) = 0;
  // Runs the statement on the first call; true while a row is available.
  virtual bool step() = 0;
  // Runs a write now; the number of rows it changed.
  virtual int64_t run() = 0;
  // A write whose outcome is needed only at the next Connection::flush() or commit: PostgreSQL
  // sends it in a pipeline without waiting for the answer; SQLite runs it at once. Returns where
  // its row count will be in flush()'s answer (inside a transaction; kNoCount outside one).
  static constexpr size_t kNoCount = static_cast<size_t>(-1);
  virtual size_t queue() = 0;
  // Results dropped, bindings kept: ready to run again.
  virtual void reset() = 0;
  virtual std::string text(int col) const = 0;
  virtual int64_t integer(int col) const = 0;
  virtual std::string blob(int col) const = 0;
  virtual bool is_null(int col) const = 0;
};

// A statement borrowed from a connection's cache for one use; reset when the lease ends, so no
// half-read statement keeps a snapshot (SQLite) or a result stream (PostgreSQL) open.
class Lease {
 public:
  explicit Lease(Statement& s) : s_(&s) {}
  Lease(Lease&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() {
    if (s_) {
      try {
        s_->reset();
      } catch (...) {
      }
    }
  }
  Statement& operator*() { return *s_; }
  const Statement& operator*() const { return *s_; }
  Statement* operator->() { return s_; }

  Lease& bind(int i, std::string_view v) { s_->bind_text(i, v); return *this; }
  Lease& bind(int i, const std::string& v) { s_->bind_text(i, v); return *this; }
  Lease& bind(int i, const char* v) { s_->bind_text(i, v); return *this; }
  Lease& bind(int i, int64_t v) { s_->bind_int(i, v); return *this; }
  Lease& bind(int i, int v) { s_->bind_int(i, v); return *this; }
  Lease& bind_bool(int i, bool v) { s_->bind_int(i, v ? 1 : 0); return *this; }
  Lease& bind_null(int i) { s_->bind_null(i); return *this; }
  Lease& bind_blob(int i, std::string_view v) { s_->bind_blob(i, v); return *this; }
  // Text, or NULL when empty (optional columns).
  Lease& bind_or_null(int i, std::string_view v) {
    if (v.empty()) s_->bind_null(i); else s_->bind_text(i, v);
    return *this;
  }
  bool step() { return s_->step(); }
  int64_t run() { return s_->run(); }
  size_t queue() { return s_->queue(); }
  void reset() { s_->reset(); }
  std::string text(int c) const { return s_->text(c); }
  int64_t integer(int c) const { return s_->integer(c); }
  std::string blob(int c) const { return s_->blob(c); }
  bool is_null(int c) const { return s_->is_null(c); }

 private:
  Statement* s_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // The statement for this shared-dialect SQL, prepared on first use and kept for the
  // connection's life (the hot paths run the same SQL thousands of times).
  Lease cached(std::string_view shared_sql);
  // Runs SQL without parameters; may hold several statements (migrations).
  virtual void exec(std::string_view shared_sql) = 0;
  // A write transaction: SQLite takes the write lock at once, PostgreSQL pipelines BEGIN.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;  // never throws
  virtual bool in_transaction() const = 0;
  // Waits for every queued write; their changed-row counts since the last flush (or the start of
  // the transaction), in order. Outside a transaction writes run at once and keep no count.
  virtual std::vector<int64_t> flush() = 0;
  // SQLite: commits survive power loss (synchronous=FULL); PostgreSQL: already so.
  virtual void set_durable_commits(bool on) = 0;
  // After bulk work: SQLite copies its write-ahead log into the database and truncates the log
  // file to nothing (it would otherwise keep its largest size for good); false when a reader or
  // writer held it up (try again later). PostgreSQL manages its own WAL: nothing to do.
  virtual bool truncate_log() { return true; }

 protected:
  virtual std::unique_ptr<Statement> prepare(const std::string& native_sql) = 0;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, Hash, std::equal_to<>> cache_;
};

// Every row of a statement, each read by `read` (const Statement& -> a value).
template <class Read>
auto collect(Lease& s, Read&& read) {
  std::vector<decltype(read(*s))> out;
  while (s.step()) out.push_back(read(*s));
  return out;
}

// The first row, if there is one, read by `read`.
template <class Read>
auto first(Lease& s, Read&& read) -> std::optional<decltype(read(*s))> {
  if (!s.step()) return std::nullopt;
  return read(*s);
}

// Opens a connection: "postgresql://..." / "postgres://..." / "host=... dbname=..." selects
// PostgreSQL, anything else is an SQLite file (created when absent).
std::unique_ptr<Connection> connect(const std::string& location);
bool is_postgres_location(std::string_view location);

}  // namespace ktpel::sql

// Thin RAII wrappers over the SQLite C API: a connection and prepared statements.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <memory>
#include <string_view>
#include <unordered_map>

namespace ktpel::sqlite {

class Statement;

class Database {
 public:
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const char* sql);  // throws StoreError with the SQLite message
  Statement prepare(std::string_view sql);
  // A prepared statement kept for the connection's life: the hot paths run the same SQL
  // thousands of times, and preparing is a large share of a small statement. The lease resets
  // it when it goes out of scope, so no half-read statement keeps a read snapshot open.
  class Lease;
  Lease cached(const std::string& sql);
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement(const Statement&) = delete;

  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, int64_t v);
  Statement& bind_null(int i);
  Statement& bind_blob(int i, std::string_view bytes);
  bool step();   // true when a row is available
  void reset();  // ready to run again (bindings kept until rebound)
  void clear_bindings();
  std::string text(int col) const;
  int64_t integer(int col) const;
  std::string blob(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database::Lease {
 public:
  explicit Lease(Statement& s) : s_(&s) {}
  Lease(Lease&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Lease(const Lease&) = delete;
  ~Lease() {
    if (s_) s_->reset();
  }
  Statement& operator*() { return *s_; }
  Statement* operator->() { return s_; }
  Lease& bind(int i, std::string_view v) { s_->bind(i, v); return *this; }
  Lease& bind(int i, int64_t v) { s_->bind(i, v); return *this; }
  Lease& bind_null(int i) { s_->bind_null(i); return *this; }
  Lease& bind_blob(int i, std::string_view v) { s_->bind_blob(i, v); return *this; }
  bool step() { return s_->step(); }
  void reset() { s_->reset(); }
  std::string text(int c) const { return s_->text(c); }
  int64_t integer(int c) const { return s_->integer(c); }
  std::string blob(int c) const { return s_->blob(c); }
  bool is_null(int c) const { return s_->is_null(c); }

 private:
  Statement* s_;
};

}  // namespace ktpel::sqlite

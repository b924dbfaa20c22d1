// Transactions: what a use case needs to group its writes, and StoreTransaction, its RAII form
// (rolls back unless committed).
#pragma once

namespace ktpel {

class Transactions {
 public:
  virtual ~Transactions() = default;
  virtual void begin() = 0;  // a write transaction (SQLite takes the write lock at once)
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

class StoreTransaction {
 public:
  explicit StoreTransaction(Transactions& t) : t_(t) { t_.begin(); }
  ~StoreTransaction() {
    if (!done_) {
      try {
        t_.rollback();
      } catch (...) {
      }
    }
  }
  void commit() {
    t_.commit();
    done_ = true;
  }
  StoreTransaction(const StoreTransaction&) = delete;
  StoreTransaction& operator=(const StoreTransaction&) = delete;

 private:
  Transactions& t_;
  bool done_ = false;
};

}  // namespace ktpel

// StorePool: the server's few Stores over their own connections to one database, lent one per
// request, so readers never wait behind a writer or a long job (SQLite: WAL readers beside the
// one writer; PostgreSQL: one server session each). Connections open on first need, up to the size.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace ktpel {

class StorePool {
 public:
  // durable: every connection's commits survive power loss (set_durable_commits).
  StorePool(std::string location, size_t size, bool durable = false);
  // A pool over one store opened elsewhere (tests, the CLI): requests take turns on it.
  explicit StorePool(Store& only);

  class Lease {
   public:
    Lease(StorePool& pool, Store* store) : pool_(&pool), store_(store) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), store_(o.store_) { o.store_ = nullptr; }
    Lease(const Lease&) = delete;
    ~Lease() {
      if (store_) pool_->give_back(store_);
    }
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_; }

   private:
    StorePool* pool_;
    Store* store_;
  };
  Lease acquire();
  bool durable() const { return durable_; }
  std::string_view backend();

 private:
  void give_back(Store* s);
  std::unique_ptr<Store> open();
  std::string location_;
  size_t size_;
  bool durable_ = false;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Store>> owned_;
  std::vector<Store*> idle_;
  size_t opened_ = 0;
};

}  // namespace ktpel

#include "http/store_pool.h"

namespace ktpel {

StorePool::StorePool(std::string location, size_t size, bool durable)
    : location_(std::move(location)), size_(std::max<size_t>(size, 1)), durable_(durable) {
  idle_.push_back(owned_.emplace_back(open()).get());  // the first opens (and migrates) now
  opened_ = 1;
}

StorePool::StorePool(Store& only) : size_(1), opened_(1) { idle_.push_back(&only); }

StorePool::Lease StorePool::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      Store* s = idle_.back();
      idle_.pop_back();
      return Lease(*this, s);
    }
    if (opened_ < size_) {
      ++opened_;
      lock.unlock();
      try {
        auto store = open();
        Store* s = store.get();
        lock.lock();
        owned_.push_back(std::move(store));
        return Lease(*this, s);
      } catch (...) {
        lock.lock();
        --opened_;
        throw;
      }
    }
    freed_.wait(lock);
  }
}

std::unique_ptr<Store> StorePool::open() {
  auto store = open_store(location_);
  if (durable_) store->set_durable_commits(true);
  return store;
}

void StorePool::give_back(Store* s) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(s);
  }
  freed_.notify_one();
}

std::string_view StorePool::backend() { return acquire()->backend(); }

}  // namespace ktpel

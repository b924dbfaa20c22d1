// A token bucket per client address for the public routes (login, suket verification, "where is
// my KTP?"): a burst of `per_minute`, refilled evenly over the minute.
#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace ktpel {

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  void set_rate(int per_minute) {
    std::lock_guard lock(mutex_);
    per_minute_ = per_minute;
    buckets_.clear();
  }
  // True when `who` may make one more request now.
  bool allow(const std::string& who) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 100000) buckets_.clear();  // a flood of addresses: forget, don't grow
    auto [it, fresh] = buckets_.try_emplace(who, Bucket{static_cast<double>(per_minute_), now});
    Bucket& b = it->second;
    if (!fresh) {
      const double secs = std::chrono::duration<double>(now - b.at).count();
      b.tokens = std::min(static_cast<double>(per_minute_), b.tokens + secs * per_minute_ / 60.0);
      b.at = now;
    }
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
  }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mutex_;
  int per_minute_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace ktpel

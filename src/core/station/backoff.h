// Retry timing for uploads over bad networks: exponential backoff with "full jitter"
// (a uniform delay in [0, min(cap, base * 2^attempt)]), so stations that lost the network at
// the same moment do not all come back at once.
#pragma once
#include <algorithm>
#include <cstdint>

namespace ktpel {

struct BackoffPolicy {
  int64_t base_ms = 500;
  int64_t cap_ms = 60'000;
};

// random01 in [0, 1) comes from the caller (the core has no randomness of its own).
inline int64_t backoff_delay_ms(const BackoffPolicy& p, int attempt, double random01) {
  const int shift = std::clamp(attempt, 0, 30);
  const int64_t ceiling = std::min<int64_t>(p.cap_ms, p.base_ms << std::min(shift, 20));
  return static_cast<int64_t>(random01 * static_cast<double>(ceiling));
}

}  // namespace ktpel

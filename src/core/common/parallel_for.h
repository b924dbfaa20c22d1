// Runs body(i) for i in [0, n) on `threads` worker threads (0 = every core), handing out
// indices in small chunks so uneven work still balances. body must be thread-safe.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ktpel {

inline unsigned worker_count(unsigned requested) {
  return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

template <class Body>
void parallel_for(size_t n, unsigned threads, Body body, size_t chunk = 16) {
  threads = std::min<unsigned>(worker_count(threads), static_cast<unsigned>(std::max<size_t>(1, n / chunk)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (;;) {
      const size_t begin = next.fetch_add(chunk);
      if (begin >= n) return;
      for (size_t i = begin; i < std::min(n, begin + chunk); ++i) body(i);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

}  // namespace ktpel

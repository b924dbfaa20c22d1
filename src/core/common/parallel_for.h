// Runs body(i) for i in [0, n) on `threads` worker threads (0 = every core), handing out
// indices in small chunks so uneven work still balances. body must be thread-safe.
// An exception thrown by body on any thread stops the handing out, every worker is joined, and
// the first exception is rethrown on the calling thread (an escaping exception in a worker would
// end the process).
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
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
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto worker = [&] {
    try {
      while (!failed.load(std::memory_order_relaxed)) {
        const size_t begin = next.fetch_add(chunk);
        if (begin >= n) return;
        for (size_t i = begin; i < std::min(n, begin + chunk); ++i) body(i);
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // no thread to be had: the ones started (and this one) do the rest
    }
  }
  worker();
  for (auto& t : pool) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace ktpel

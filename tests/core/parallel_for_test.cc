// parallel_for: every index once, and an exception from any thread comes back to the caller
// after all workers are joined (an exception escaping a worker thread would end the process).
#include "core/common/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ktpel {
namespace {

TEST(ParallelFor, RunsEveryIndexOnce) {
  std::vector<std::atomic<int>> seen(10000);
  parallel_for(seen.size(), 4, [&](size_t i) { seen[i]++; }, 7);
  for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
}

TEST(ParallelFor, AWorkerThreadsExceptionIsRethrownOnTheCaller) {
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> thrown{false};
  std::atomic<size_t> ran{0};
  EXPECT_THROW(parallel_for(1000, 4, [&](size_t) {
    ++ran;
    if (std::this_thread::get_id() != caller) {
      thrown = true;
      throw std::runtime_error("bad record");
    }
    // The calling thread waits for a worker to fail, so the failure is surely on another thread;
    // then each of its items takes a moment, so the worker has time to record the failure (on a
    // loaded machine the caller ran the other 999 in the microseconds before that: a flaky run).
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!thrown && std::chrono::steady_clock::now() < until) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }, 1), std::runtime_error);
  EXPECT_TRUE(thrown.load());
  EXPECT_LT(ran.load(), 1000u);  // the failure stopped the handing out
}

TEST(ParallelFor, TheCallersOwnExceptionWaitsForTheWorkers) {
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> caller_ran{false};
  try {
    parallel_for(64, 4, [&](size_t) {
      if (std::this_thread::get_id() == caller) {
        caller_ran = true;
        throw std::invalid_argument("row 3");
      }
      // Workers hold their index until the caller has one, so the caller surely throws.
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!caller_ran && std::chrono::steady_clock::now() < until) std::this_thread::yield();
    }, 1);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "row 3");
  }
}

}  // namespace
}  // namespace ktpel

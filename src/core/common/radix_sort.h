// Sorting (key, index) pairs by key, as std::sort on the pairs would order them when the input's
// indexes rise (ties keep their input order): a stable LSD radix sort, 11 bits a pass, passes in
// which every key has the same digit skipped. The dedup engine sorts a million hashed keys a dozen
// times per run (term frequencies, blocking rules, EM samples); this is several times faster
// than comparison sorting there.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ktpel {

inline void radix_sort_by_key(std::vector<std::pair<uint64_t, uint32_t>>& v) {
  constexpr int kBits = 11, kPasses = (64 + kBits - 1) / kBits;
  constexpr size_t kBuckets = size_t{1} << kBits;
  if (v.size() < 256) {  // small: insertion sort, stable
    for (size_t i = 1; i < v.size(); ++i)
      for (size_t j = i; j > 0 && v[j - 1].first > v[j].first; --j) std::swap(v[j - 1], v[j]);
    return;
  }
  std::vector<std::array<uint32_t, kBuckets>> count(kPasses);
  for (auto& c : count) c.fill(0);
  for (const auto& e : v)
    for (int p = 0; p < kPasses; ++p) ++count[p][(e.first >> (p * kBits)) & (kBuckets - 1)];
  std::vector<std::pair<uint64_t, uint32_t>> buffer(v.size());
  for (int p = 0; p < kPasses; ++p) {
    auto& c = count[p];
    const uint64_t digit0 = (v[0].first >> (p * kBits)) & (kBuckets - 1);
    if (c[digit0] == v.size()) continue;  // one digit for all: nothing moves
    uint32_t sum = 0;
    for (auto& x : c) {
      const uint32_t here = x;
      x = sum;
      sum += here;
    }
    for (const auto& e : v) buffer[c[(e.first >> (p * kBits)) & (kBuckets - 1)]++] = e;
    v.swap(buffer);
  }
}

}  // namespace ktpel

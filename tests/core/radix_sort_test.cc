#include "core/common/radix_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace ktpel {
namespace {

// The engine relies on radix_sort_by_key ordering exactly as std::sort on (key, index) pairs
// built in rising index order: blocks, samples and term counts must not change with the sort.
std::vector<std::pair<uint64_t, uint32_t>> made(size_t n, uint64_t distinct, int shift, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<uint64_t, uint32_t>> v;
  for (size_t i = 0; i < n; ++i) v.emplace_back((rng() % distinct) << shift, static_cast<uint32_t>(i));
  return v;
}

TEST(RadixSort, OrdersAsStdSortOnPairs) {
  struct Case {
    size_t n;
    uint64_t distinct;
    int shift;
  };
  // Small (insertion sort), hashed keys, many ties, keys in the low bits only (passes skipped),
  // keys in the high bits only, a single key.
  for (const Case c : {Case{0, 1, 0}, Case{1, 1, 0}, Case{200, 50, 0}, Case{100000, ~0ull, 0}, Case{100000, 37, 0},
                       Case{50000, 1000, 0}, Case{50000, 1000, 50}, Case{3000, 1, 7}}) {
    auto v = made(c.n, c.distinct, c.shift, static_cast<uint32_t>(c.n + c.distinct));
    auto expected = v;
    std::sort(expected.begin(), expected.end());
    radix_sort_by_key(v);
    EXPECT_EQ(v, expected) << "n " << c.n << " distinct " << c.distinct << " shift " << c.shift;
  }
}

TEST(RadixSort, FullWidthKeys) {
  std::vector<std::pair<uint64_t, uint32_t>> v = {{~0ull, 0}, {0, 1}, {1ull << 63, 2}, {~0ull, 3}, {12345, 4}};
  for (uint32_t i = 5; i < 400; ++i) v.emplace_back((static_cast<uint64_t>(i) * 0x9e3779b97f4a7c15ull), i);
  auto expected = v;
  std::sort(expected.begin(), expected.end());
  radix_sort_by_key(v);
  EXPECT_EQ(v, expected);
}

}  // namespace
}  // namespace ktpel

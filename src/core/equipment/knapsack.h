// Exact 0/1 knapsack for the procurement planner (issue [10]): which candidates to buy so the
// total value is greatest within a budget. Costs are rupiah (up to ~1e12 each), so a table over
// cost is out of the question; values are people (up to ~50,000 each), but a table over value is
// n × Σvalue — billions of cells for a province. Instead the expanding core (after Pisinger's
// minknap): start from the greedy break solution and widen the set of items allowed to differ
// from it, one at a time on each side of the break, keeping the Pareto list of partial solutions
// (cost, value) and dropping each one whose LP bound is below the best value reached. Exact on
// any data; province-size instances take well under a millisecond, the adversarial "value tied
// to cost" ones a few hundred (bench/equipment_bench.cc, docs/benchmarks.md).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace ktpel {

struct KnapsackItem {
  int64_t cost = 0;   // >= 0
  int64_t value = 0;  // >= 0
};

// The chosen indices, ascending. Among the subsets of greatest value, the cheapest; among those,
// the one whose ascending index list is lexicographically least (the caller orders the items by
// preference, e.g. by code). Items of value 0 are never chosen. Costs and values must be >= 0,
// and their totals must fit in int64.
std::vector<size_t> solve_knapsack(std::span<const KnapsackItem> items, int64_t capacity);

}  // namespace ktpel

#include "core/equipment/knapsack.h"

#include <algorithm>
#include <cstdint>

namespace ktpel {
namespace {

// A partial solution: its totals and the node of the chain of items it took (-1: none).
struct State {
  int64_t cost, value;
  int32_t node;
};
struct Node {
  int32_t parent;
  int32_t item;
};

// v_a / c_a > v_b / c_b without division (exact in 128 bits; cost 0 counts as infinite ratio).
bool better_ratio(const KnapsackItem& a, const KnapsackItem& b) {
  return static_cast<__int128>(a.value) * b.cost > static_cast<__int128>(b.value) * a.cost;
}

// The LP bound of a set of items sorted by ratio, as prefix sums: the whole items that fit, then
// the fitting fraction of the next (rounded down: values are whole, so the bound stays valid).
struct LpBound {
  std::vector<int64_t> cost{0}, value{0};
  std::vector<KnapsackItem> items;
  void add(const KnapsackItem& it) {
    items.push_back(it);
    cost.push_back(cost.back() + it.cost);
    value.push_back(value.back() + it.value);
  }
  int64_t operator()(int64_t room) const {
    const size_t b = static_cast<size_t>(std::upper_bound(cost.begin(), cost.end(), room) - cost.begin()) - 1;
    if (b == items.size()) return value[b];
    const __int128 part = static_cast<__int128>(items[b].value) * (room - cost[b]) / items[b].cost;
    return value[b] + static_cast<int64_t>(part);
  }
};

}  // namespace

std::vector<size_t> solve_knapsack(std::span<const KnapsackItem> items, int64_t capacity) {
  // Only items that can be part of an answer; processed from the last index to the first so
  // that, at equal cost and value, the partial solution holding the current (smallest so far)
  // index is the lexicographically least one — the tie rule of the header, decided locally.
  std::vector<size_t> order;
  for (size_t i = items.size(); i-- > 0;)
    if (items[i].value > 0 && items[i].cost <= capacity) order.push_back(i);
  if (order.empty()) return {};

  std::vector<size_t> by_ratio = order;
  std::stable_sort(by_ratio.begin(), by_ratio.end(), [&](size_t a, size_t b) { return better_ratio(items[a], items[b]); });
  // A first lower bound: greedy by ratio, skipping what no longer fits.
  int64_t best = 0;
  {
    int64_t room = capacity;
    for (size_t i : by_ratio)
      if (items[i].cost <= room) room -= items[i].cost, best += items[i].value;
  }
  // step_of[i]: the step at which item i is taken up; the bound after step s covers later ones.
  std::vector<size_t> step_of(items.size());
  for (size_t s = 0; s < order.size(); ++s) step_of[order[s]] = s;

  std::vector<Node> nodes;
  std::vector<State> states{{0, 0, -1}}, next, shifted;
  for (size_t s = 0; s < order.size(); ++s) {
    const size_t k = order[s];
    const KnapsackItem& it = items[k];
    shifted.clear();
    for (const State& st : states)
      if (st.cost <= capacity - it.cost) shifted.push_back({st.cost + it.cost, st.value + it.value, st.node});
    // Merge by cost, keeping only states that beat every cheaper one; at equal cost and value
    // the one with item k wins (see above).
    next.clear();
    size_t a = 0, b = 0;
    auto accept = [&](const State& st, bool with_k) {
      if (!next.empty() && st.value <= next.back().value) return;
      State kept = st;
      if (with_k) {
        nodes.push_back({st.node, static_cast<int32_t>(k)});
        kept.node = static_cast<int32_t>(nodes.size() - 1);
      }
      next.push_back(kept);
    };
    while (a < states.size() || b < shifted.size()) {
      const bool take_shifted =
          a == states.size() ||
          (b < shifted.size() && (shifted[b].cost < states[a].cost ||
                                  (shifted[b].cost == states[a].cost && shifted[b].value >= states[a].value)));
      if (take_shifted) {
        if (a < states.size() && shifted[b].cost == states[a].cost) ++a;  // same cost, not better
        accept(shifted[b++], true);
      } else {
        if (b < shifted.size() && shifted[b].cost == states[a].cost) ++b;
        accept(states[a++], false);
      }
    }
    // Bound: drop what cannot reach the best value even with fractions of the items to come.
    LpBound bound;
    for (size_t i : by_ratio)
      if (step_of[i] > s) bound.add(items[i]);
    for (const State& st : next) best = std::max(best, st.value);
    states.clear();
    for (const State& st : next)
      if (st.value + bound(capacity - st.cost) >= best) states.push_back(st);
  }
  // The last state has the greatest value and, by the merge, the least cost for it.
  std::vector<size_t> chosen;
  for (int32_t n = states.back().node; n >= 0; n = nodes[static_cast<size_t>(n)].parent)
    chosen.push_back(static_cast<size_t>(nodes[static_cast<size_t>(n)].item));
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace ktpel

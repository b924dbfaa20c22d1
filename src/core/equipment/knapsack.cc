#include "core/equipment/knapsack.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace ktpel {
namespace {

// A partial solution: its totals and the last of the changes it made to the break solution.
struct State {
  int64_t cost, value;
  int32_t node;          // -1: the break solution itself
  bool pending = false;  // this step's change is still to be put on top of node
};
struct Change {
  int32_t parent;
  int32_t item;
  bool added;  // false: removed from the break solution
};

// v_a / c_a > v_b / c_b without division (exact in 128 bits; cost 0 counts as infinite ratio).
bool better_ratio(const KnapsackItem& a, const KnapsackItem& b) {
  return static_cast<__int128>(a.value) * b.cost > static_cast<__int128>(b.value) * a.cost;
}

std::vector<Change> chain(const std::vector<Change>& changes, int32_t n) {
  std::vector<Change> out;
  for (; n >= 0; n = changes[static_cast<size_t>(n)].parent) out.push_back(changes[static_cast<size_t>(n)]);
  std::sort(out.begin(), out.end(), [](const Change& x, const Change& y) { return x.item < y.item; });
  return out;
}

}  // namespace

// The expanding core (Pisinger's minknap, simplified): sorted by value per rupiah, the items
// before the break item fill the budget greedily; the optimum differs from that break solution
// only in a few items near the break. So the search starts there and widens one item at a time
// on each side — remove the next item above, add the next one below — keeping the Pareto list
// of (cost, value) and dropping every state whose LP bound falls below the best value reached.
// Items far from the break are usually decided by the bound alone; the answer is exact either way.
std::vector<size_t> solve_knapsack(std::span<const KnapsackItem> items, int64_t capacity) {
  std::vector<size_t> order;
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].value > 0 && items[i].cost <= capacity) order.push_back(i);
  if (order.empty()) return {};
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return better_ratio(items[a], items[b]); });
  const size_t m = order.size();
  std::vector<int64_t> pc(m + 1, 0), pv(m + 1, 0);
  for (size_t s = 0; s < m; ++s) pc[s + 1] = pc[s] + items[order[s]].cost, pv[s + 1] = pv[s] + items[order[s]].value;
  size_t brk = 0;  // order[0..brk) fit together, order[brk] does not
  while (brk < m && pc[brk + 1] <= capacity) ++brk;

  // LP bound of a state while order[0..low) may still be removed and order[high..m) added:
  // fractional greedy over those free items (ratio order: the low ones first) on top of the
  // state's fixed part. Values are whole, so the bound is rounded down.
  constexpr int64_t kHopeless = std::numeric_limits<int64_t>::min();
  auto fraction = [&](size_t at, int64_t room) {
    const KnapsackItem& it = items[order[at]];
    return static_cast<int64_t>(static_cast<__int128>(it.value) * room / it.cost);
  };
  auto bound = [&](const State& st, size_t low, size_t high) {
    int64_t room = capacity - (st.cost - pc[low]);
    if (room < 0) return kHopeless;  // even without every removable item it does not fit
    if (room < pc[low]) {
      const size_t b = static_cast<size_t>(std::upper_bound(pc.begin(), pc.begin() + static_cast<ptrdiff_t>(low) + 1, room) - pc.begin()) - 1;
      return st.value - pv[low] + pv[b] + fraction(b, room - pc[b]);
    }
    room -= pc[low];
    const size_t b = static_cast<size_t>(std::upper_bound(pc.begin() + static_cast<ptrdiff_t>(high), pc.end(), pc[high] + room) - pc.begin()) - 1;
    return st.value + pv[b] - pv[high] + (b < m ? fraction(b, room - (pc[b] - pc[high])) : 0);
  };

  std::vector<Change> changes;
  // Equal cost and value: the set holding the least index where the two differ wins (the
  // ascending index lists compared; neither is a prefix of the other, all values being > 0).
  // The same later changes to both keep that order, so deciding it here is exact.
  Change current{};
  auto changes_of = [&](const State& st) {
    auto c = chain(changes, st.node);
    if (st.pending) c.insert(std::upper_bound(c.begin(), c.end(), current, [](const Change& a, const Change& b) { return a.item < b.item; }), current);
    return c;
  };
  auto preferred = [&](const State& x, const State& y) {
    const auto cx = changes_of(x), cy = changes_of(y);
    size_t i = 0, j = 0;
    while (i < cx.size() && j < cy.size() && cx[i].item == cy[j].item) ++i, ++j;  // the same change
    if (i == cx.size() && j == cy.size()) return false;
    const bool in_x = j == cy.size() || (i < cx.size() && cx[i].item < cy[j].item);
    return in_x ? cx[i].added : !cy[j].added;  // x holds it iff x added it / y removed it
  };
  int64_t best = pv[brk];
  std::vector<State> states{{pc[brk], pv[brk], -1}}, moved, next;
  size_t low = brk, high = brk;  // order[low-1] is the next to remove, order[high] the next to add
  auto step = [&](size_t at, bool add) {
    const KnapsackItem& it = items[order[at]];
    current = {-1, static_cast<int32_t>(order[at]), add};
    moved.clear();
    for (const State& st : states)
      moved.push_back({add ? st.cost + it.cost : st.cost - it.cost, add ? st.value + it.value : st.value - it.value, st.node, true});
    // Merge by cost, keeping only states that beat every cheaper one.
    next.clear();
    auto accept = [&](const State& st) {
      if (next.empty() || st.value > next.back().value) next.push_back(st);
    };
    size_t a = 0, b = 0;
    while (a < states.size() || b < moved.size()) {
      if (a < states.size() && b < moved.size() && states[a].cost == moved[b].cost) {
        const State& x = states[a++];
        const State& y = moved[b++];
        accept(x.value != y.value ? (x.value > y.value ? x : y) : (preferred(y, x) ? y : x));
      } else if (b == moved.size() || (a < states.size() && states[a].cost < moved[b].cost)) {
        accept(states[a++]);
      } else {
        accept(moved[b++]);
      }
    }
    if (add) ++high; else --low;
    for (const State& st : next)
      if (st.cost <= capacity) best = std::max(best, st.value);
    states.clear();
    // Only the survivors' changes are kept (the list of changes is the memory that grows).
    for (State st : next)
      if (bound(st, low, high) >= best) {
        if (st.pending) {
          changes.push_back({st.node, current.item, current.added});
          st.node = static_cast<int32_t>(changes.size() - 1);
          st.pending = false;
        }
        states.push_back(st);
      }
  };
  while (low > 0 || high < m) {
    if (high < m) step(high, true);
    if (low > 0) step(low - 1, false);
  }
  // All decided; what is left fits. The last state has the greatest value and the least cost.
  std::vector<bool> in(items.size(), false);
  for (size_t s = 0; s < brk; ++s) in[order[s]] = true;
  for (const Change& c : chain(changes, states.back().node)) in[static_cast<size_t>(c.item)] = c.added;
  std::vector<size_t> chosen;
  for (size_t i = 0; i < items.size(); ++i)
    if (in[i]) chosen.push_back(i);
  return chosen;
}

}  // namespace ktpel

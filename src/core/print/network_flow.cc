#include "core/print/network_flow.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace ktpel {

constexpr double kEps = 1e-9;

void MaxFlow::add_edge(size_t from, size_t to, double capacity) {
  adj_[from].push_back(edges_.size());
  edges_.push_back({to, capacity});
  adj_[to].push_back(edges_.size());
  edges_.push_back({from, 0});
}

bool MaxFlow::levels(size_t s, size_t t) {
  level_.assign(adj_.size(), -1);
  level_[s] = 0;
  std::queue<size_t> q;
  q.push(s);
  while (!q.empty()) {
    const size_t v = q.front();
    q.pop();
    for (size_t e : adj_[v])
      if (edges_[e].cap > kEps && level_[edges_[e].to] < 0) {
        level_[edges_[e].to] = level_[v] + 1;
        q.push(edges_[e].to);
      }
  }
  return level_[t] >= 0;
}

double MaxFlow::push(size_t v, size_t t, double f) {
  if (v == t) return f;
  for (size_t& i = next_[v]; i < adj_[v].size(); ++i) {
    const size_t e = adj_[v][i];
    Edge& edge = edges_[e];
    if (edge.cap <= kEps || level_[edge.to] != level_[v] + 1) continue;
    const double d = push(edge.to, t, std::min(f, edge.cap));
    if (d > kEps) {
      edge.cap -= d;
      edges_[e ^ 1].cap += d;
      return d;
    }
  }
  return 0;
}

double MaxFlow::run(size_t s, size_t t) {
  double total = 0;
  while (levels(s, t)) {
    next_.assign(adj_.size(), 0);
    while (double f = push(s, t, std::numeric_limits<double>::infinity())) total += f;
  }
  return total;
}

void MinCostFlow::add_edge(size_t from, size_t to, int64_t capacity, double cost) {
  adj_[from].push_back(edges_.size());
  edges_.push_back({from, to, capacity, capacity, cost});
  adj_[to].push_back(edges_.size());
  edges_.push_back({to, from, 0, 0, -cost});
}

void MinCostFlow::add_preassigned_edge(size_t from, size_t to, int64_t capacity, double cost, int64_t flow) {
  adj_[from].push_back(edges_.size());
  edges_.push_back({from, to, capacity - flow, capacity, cost});
  adj_[to].push_back(edges_.size());
  edges_.push_back({to, from, flow, 0, -cost});
  cost_ += static_cast<double>(flow) * cost;
}

// Successive shortest paths: Dijkstra on reduced costs, augment by the bottleneck, repeat.
// Potentials persist, so a caller may add edges and run again to send more.
int64_t MinCostFlow::run(size_t s, size_t t) {
  const size_t n = adj_.size();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  potential_.resize(n, 0);
  std::vector<double> dist(n);
  std::vector<size_t> via(n);
  int64_t sent = 0;
  for (;;) {
    dist.assign(n, kInf);
    dist[s] = 0;
    using Item = std::pair<double, size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    heap.push({0, s});
    while (!heap.empty()) {
      auto [d, v] = heap.top();
      heap.pop();
      if (d > dist[v]) continue;
      for (size_t e : adj_[v]) {
        const Edge& edge = edges_[e];
        if (edge.cap <= 0) continue;
        // Rounding (or an edge added after a run) can leave a reduced cost below zero: count it
        // as zero; the path found is then still an augmenting path, if not the cheapest.
        const double nd = d + std::max(0.0, edge.cost + potential_[v] - potential_[edge.to]);
        if (nd < dist[edge.to] - 1e-12) {
          dist[edge.to] = nd;
          via[edge.to] = e;
          heap.push({nd, edge.to});
        }
      }
    }
    if (dist[t] == kInf) break;
    for (size_t v = 0; v < n; ++v)
      if (dist[v] < kInf) potential_[v] += dist[v];
    int64_t f = std::numeric_limits<int64_t>::max();
    for (size_t v = t; v != s; v = edges_[via[v]].from) f = std::min(f, edges_[via[v]].cap);
    for (size_t v = t; v != s; v = edges_[via[v]].from) {
      edges_[via[v]].cap -= f;
      edges_[via[v] ^ 1].cap += f;
      cost_ += static_cast<double>(f) * edges_[via[v]].cost;
    }
    sent += f;
  }
  return sent;
}

std::vector<MinCostFlow::Arc> MinCostFlow::flows() const {
  std::vector<Arc> out;
  for (size_t e = 0; e < edges_.size(); e += 2)
    if (edges_[e].original - edges_[e].cap > 0) out.push_back({edges_[e].from, edges_[e].to, edges_[e].original - edges_[e].cap});
  return out;
}

}  // namespace ktpel

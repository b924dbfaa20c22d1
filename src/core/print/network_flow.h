// Two textbook network-flow solvers the capacity planner needs (no Debian package offers them
// as a C++ library): Dinic's maximum flow over real capacities, and the minimum-cost flow by
// successive shortest paths (Dijkstra with potentials) over integral capacities.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ktpel {

class MaxFlow {
 public:
  explicit MaxFlow(size_t nodes) : adj_(nodes) {}
  void add_edge(size_t from, size_t to, double capacity);
  double run(size_t source, size_t sink);

 private:
  struct Edge {
    size_t to;
    double cap;
  };
  bool levels(size_t s, size_t t);
  double push(size_t v, size_t t, double f);
  std::vector<Edge> edges_;
  std::vector<std::vector<size_t>> adj_;
  std::vector<int> level_;
  std::vector<size_t> next_;
};

class MinCostFlow {
 public:
  struct Arc {
    size_t from, to;
    int64_t flow;
  };
  explicit MinCostFlow(size_t nodes) : adj_(nodes) {}
  void add_edge(size_t from, size_t to, int64_t capacity, double cost);
  // An edge already carrying `flow` (the caller keeps the flow a minimum-cost one).
  void add_preassigned_edge(size_t from, size_t to, int64_t capacity, double cost, int64_t flow);
  // Sends as much as possible from source to sink, cheapest first; returns the amount sent.
  // Edges added after a run keep the flow feasible but not necessarily of least cost.
  int64_t run(size_t source, size_t sink);
  std::vector<Arc> flows() const;  // positive flows on the added edges
  double cost() const { return cost_; }

 private:
  struct Edge {
    size_t from, to;
    int64_t cap, original;
    double cost;
  };
  std::vector<Edge> edges_;
  std::vector<std::vector<size_t>> adj_;
  std::vector<double> potential_;
  double cost_ = 0;
};

}  // namespace ktpel

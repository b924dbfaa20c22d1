// Clusters of records that are one person: connected components of the matched pairs, built by
// adding the strongest pairs first (single linkage) with a guard against chaining: two clusters are
// joined only when every record of one is compatible with every record of the other (the caller
// compares them directly), so A~B and B~C do not put A with C when A and C plainly differ.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace ktpel {

struct ClusterEdge {
  uint32_t a = 0, b = 0;
  double probability = 0;
  bool refused = false;  // set when the guard kept the two clusters apart
};

struct Clustering {
  std::vector<std::vector<uint32_t>> clusters;  // two or more records each, members ascending
  uint64_t refused = 0;
};

// `edges` are sorted here by probability (strongest first); `compatible(x, y)` is asked for the
// cross pairs of two clusters about to be joined; clusters never grow past max_size.
Clustering guarded_clusters(std::vector<ClusterEdge>& edges, const std::function<bool(uint32_t, uint32_t)>& compatible,
                            size_t max_size = 12);

}  // namespace ktpel

#include "core/dedup/clustering.h"

#include <algorithm>
#include <unordered_map>

namespace ktpel {

Clustering guarded_clusters(std::vector<ClusterEdge>& edges, const std::function<bool(uint32_t, uint32_t)>& compatible,
                            size_t max_size) {
  std::sort(edges.begin(), edges.end(), [](const ClusterEdge& x, const ClusterEdge& y) {
    if (x.probability != y.probability) return x.probability > y.probability;
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  // cluster id of a record (absent = alone) and the members of each cluster
  std::unordered_map<uint32_t, uint32_t> cluster_of;
  std::vector<std::vector<uint32_t>> members;
  auto members_of = [&](uint32_t r, std::vector<uint32_t>& single) -> std::vector<uint32_t>& {
    auto it = cluster_of.find(r);
    if (it != cluster_of.end()) return members[it->second];
    single.assign(1, r);
    return single;
  };
  Clustering out;
  for (auto& e : edges) {
    auto ia = cluster_of.find(e.a), ib = cluster_of.find(e.b);
    if (ia != cluster_of.end() && ib != cluster_of.end() && ia->second == ib->second) continue;
    std::vector<uint32_t> sa, sb;
    auto& ma = members_of(e.a, sa);
    auto& mb = members_of(e.b, sb);
    bool ok = ma.size() + mb.size() <= max_size;
    for (size_t x = 0; ok && x < ma.size(); ++x)
      for (size_t y = 0; ok && y < mb.size(); ++y) {
        if ((ma[x] == e.a && mb[y] == e.b) || (ma[x] == e.b && mb[y] == e.a)) continue;
        ok = compatible(ma[x], mb[y]);
      }
    if (!ok) {
      e.refused = true;
      ++out.refused;
      continue;
    }
    // Join into a's cluster (or a new one). Copy b's members first: push_back may move them.
    const std::vector<uint32_t> moving = mb;
    uint32_t id;
    if (ia != cluster_of.end()) {
      id = ia->second;
    } else {
      id = static_cast<uint32_t>(members.size());
      members.push_back({e.a});
      cluster_of[e.a] = id;
    }
    if (ib != cluster_of.end()) members[ib->second].clear();
    for (uint32_t r : moving) {
      cluster_of[r] = id;
      members[id].push_back(r);
    }
  }
  for (auto& m : members)
    if (m.size() >= 2) {
      std::sort(m.begin(), m.end());
      out.clusters.push_back(std::move(m));
    }
  std::sort(out.clusters.begin(), out.clusters.end());
  return out;
}

}  // namespace ktpel

#include "core/biometrics/fvc_protocol.h"

#include <map>

namespace ktpel {

EvaluationPairs evaluation_pairs(const std::vector<LabelledTemplate>& t) {
  EvaluationPairs out;
  // The lowest impression number of each finger counts as its "first".
  std::map<std::pair<std::string, std::string>, int> first;
  for (const auto& x : t) {
    auto [it, fresh] = first.try_emplace({x.folder, x.finger}, x.impression);
    if (!fresh && x.impression < it->second) it->second = x.impression;
  }
  for (size_t i = 0; i < t.size(); ++i)
    for (size_t j = i + 1; j < t.size(); ++j) {
      if (t[i].folder != t[j].folder) continue;
      if (t[i].finger == t[j].finger) {
        out.genuine.emplace_back(i, j);
        continue;
      }
      out.impostor_all.emplace_back(i, j);
      if (t[i].impression == first[{t[i].folder, t[i].finger}] && t[j].impression == first[{t[j].folder, t[j].finger}])
        out.impostor_fvc.emplace_back(i, j);
    }
  return out;
}

}  // namespace ktpel

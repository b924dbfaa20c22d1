// Which comparisons an evaluation makes, per FVC's protocol (Maio et al. 2002): genuine = every
// two impressions of one finger; impostor = the first impression of every finger against the
// first of every other finger. "All pairs" impostors take every impression. Only templates of one
// database (folder) are compared with each other.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace ktpel {

struct LabelledTemplate {
  std::string folder, finger;
  int impression = 0;
};

struct EvaluationPairs {
  std::vector<std::pair<size_t, size_t>> genuine, impostor_fvc, impostor_all;
};

EvaluationPairs evaluation_pairs(const std::vector<LabelledTemplate>& templates);

}  // namespace ktpel

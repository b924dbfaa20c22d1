#include "core/dedup/model_check.h"

#include <cstdio>
#include <string>

#include "core/common/messages.h"
#include "core/dedup/pair_comparison.h"

namespace ktpel {
namespace {

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

}  // namespace

std::optional<Error> model_problem(const FsModel& model, uint64_t records, const std::vector<EmSession>& sessions) {
  for (const auto& s : sessions)
    if (s.learnt && !s.converged) return make_error("DEDUP_MODEL_EM", "model", {s.rule, std::to_string(s.iterations)});
  if (model.m.size() != kDedupFieldCount || model.u.size() != kDedupFieldCount)
    return make_error("DEDUP_MODEL_WEIGHT", "model", {"?", "?", "?", "?"});
  for (int f = 0; f < kDedupFieldCount; ++f) {
    if (!kWeighed[f]) continue;
    const auto top = static_cast<size_t>(kExactLevel[f]);
    if (model.m[f].size() <= top || model.u[f].size() <= top)
      return make_error("DEDUP_MODEL_WEIGHT", "model", {std::string(field_name(static_cast<DedupField>(f))), "?", "?", "?"});
    const double m = model.m[f][top], u = model.u[f][top];
    if (!(m > u))  // also refuses NaN
      return make_error("DEDUP_MODEL_WEIGHT", "model",
                        {std::string(field_name(static_cast<DedupField>(f))),
                         std::string(level_name(static_cast<DedupField>(f), static_cast<int>(top))), short_number(m), short_number(u)});
  }
  const double n = static_cast<double>(records);
  const double pairs = n * (n - 1) / 2;
  if (!(model.lambda <= 0.5) || !(model.lambda * pairs >= 1.0))
    return make_error("DEDUP_MODEL_PRIOR", "model", {short_number(model.lambda), short_number(model.lambda * pairs), std::to_string(records)});
  return std::nullopt;
}

}  // namespace ktpel

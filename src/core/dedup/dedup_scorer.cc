#include "core/dedup/dedup_scorer.h"

#include <cmath>
#include <cstdio>

namespace ktpel {
namespace {

int tf_slot(DedupField f) {
  for (size_t i = 0; i < kTermFrequencyFields.size(); ++i)
    if (kTermFrequencyFields[i] == f) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::string_view to_string(PairDecision d) {
  switch (d) {
    case PairDecision::None: return "none";
    case PairDecision::Review: return "review";
    case PairDecision::Match: return "match";
  }
  return "?";
}

FsModel initial_dedup_model(const std::vector<LevelPattern>& random_pairs) {
  FsModel m = model_with_u(random_pairs, std::vector<int>(kDedupLevels.begin(), kDedupLevels.end()));
  // m before (or without) EM: rounded blend of what EM found on two 1M-record provinces with 2 %
  // duplicates from two different corruption models (docs/dedup.md). EM starts here, and a field
  // keeps these when its training sample holds too few matches to learn from.
  static const std::array<std::vector<double>, kDedupFieldCount> kDefaultM = {{
      {0, 0.01, 0.02, 0.24, 0.55, 0.18},  // name: different, weak, close, very close, exact
      {0, 0.01, 0.01, 0.06, 0.50, 0.42},  // birth date: different, same year, placeholder, swap/digit/near, exact
      {0, 0.01, 0.99},                    // sex
      {0, 0.01, 0.03, 0.15, 0.81},        // mother: different, weak, close, exact
      {0, 0.01, 0.02, 0.10, 0.87},        // father
      {0, 0.01, 0.04, 0.95},              // birth place: different, close, exact
      {0, 0.25, 0.25, 0.25, 0.25},        // region (not weighed)
  }};
  for (int f = 0; f < kDedupFieldCount; ++f) m.m[f] = kDefaultM[f];
  m.lambda = 1e-8;
  return m;
}

FsModel default_dedup_model() {
  FsModel m = initial_dedup_model({});
  m.u = {{0, 0.98, 0.014, 0.003, 7.5e-05, 0.0002},
         {0, 0.99, 0.013, 0.00017, 0.0012, 5e-05},
         {0, 0.5, 0.5},
         {0, 0.99, 0.0057, 0.0037, 0.00047},
         {0, 0.98, 0.016, 0.0025, 0.00036},
         {0, 0.97, 0.00027, 0.029},
         {0, 0.25, 0.25, 0.25, 0.25}};
  return m;
}

DedupScorer::DedupScorer(FsModel model, uint64_t population, DedupThresholds thresholds)
    : model_(std::move(model)), population_(population), thresholds_(thresholds) {
  for (int f = 0; f < kDedupFieldCount && f < static_cast<int>(model_.m.size()); ++f)
    for (int l = 1; l < kDedupLevels[f]; ++l) weight_[f][l] = std::log2(model_.m[f][l] / model_.u[f][l]);
}

double DedupScorer::field_weight(DedupField f, int level, uint32_t holders) const {
  if (level == 0 || !kWeighed[f] || f >= static_cast<int>(model_.m.size())) return 0;
  if (tf_slot(f) >= 0 && level == kExactLevel[f] && holders > 0 && population_ > 0) {
    // u = the share of records holding the value (never below one record's share).
    const double u = std::max(static_cast<double>(holders), 1.0) / static_cast<double>(population_);
    return std::log2(model_.m[f][level] / u);
  }
  return weight_[f][level];
}

std::array<double, kDedupFieldCount> DedupScorer::contributions(const PairLevels& p, const TermCounts& tf) const {
  std::array<double, kDedupFieldCount> w{};
  for (int f = 0; f < kDedupFieldCount; ++f) {
    const int slot = tf_slot(static_cast<DedupField>(f));
    w[f] = field_weight(static_cast<DedupField>(f), p.level[f], slot >= 0 ? tf.count[slot] : 0);
  }
  return w;
}

double DedupScorer::prior_weight() const { return std::log2(model_.lambda / (1 - model_.lambda)); }

PairScore DedupScorer::score(const PreparedRecord& a, const PreparedRecord& b, const PairLevels& p, const TermCounts& tf) const {
  return score(family_verdict(a, b, p), p, tf);
}

PairScore DedupScorer::score(FamilyVerdict family, const PairLevels& p, const TermCounts& tf) const {
  PairScore s;
  s.weight = prior_weight();
  for (double c : contributions(p, tf)) s.weight += c;
  s.probability = match_probability(s.weight);
  s.family = family;
  if (s.family != FamilyVerdict::None) return s;
  if (s.probability >= thresholds_.match)
    s.decision = PairDecision::Match;
  else if (s.probability >= thresholds_.review)
    s.decision = PairDecision::Review;
  // A match needs the name to agree at least as a variant: parents, place and birthday alone
  // describe a family, not a person.
  if (s.decision == PairDecision::Match && p.level[kName] < 3) s.decision = PairDecision::Review;
  // Two records of one name and birth on one KK are twins named alike or an entry made twice:
  // nothing on paper tells which, an officer does (a second registration is nearly always on
  // another card).
  if (s.decision == PairDecision::Match && p.same_kk) s.decision = PairDecision::Review;
  return s;
}

std::string DedupScorer::explain(const PairLevels& p, const TermCounts& tf, const PairScore& s) const {
  const auto w = contributions(p, tf);
  std::string out;
  char buf[96];
  for (int f = 0; f < kDedupFieldCount; ++f) {
    const auto field = static_cast<DedupField>(f);
    if (!out.empty()) out += "; ";
    out += field_name(field);
    out += ' ';
    out += level_name(field, p.level[f]);
    if (p.level[f] == 0) continue;
    if (!kWeighed[f]) {
      if (p.distance_km >= 0) {
        std::snprintf(buf, sizeof buf, " (%.0f km; not weighed)", p.distance_km);
        out += buf;
      }
      continue;
    }
    std::snprintf(buf, sizeof buf, " %+.1f", w[f]);
    out += buf;
    const int slot = tf_slot(field);
    if (slot >= 0 && p.level[f] == kExactLevel[f] && tf.count[slot] > 0) {
      std::snprintf(buf, sizeof buf, " (held by %u)", tf.count[slot]);
      out += buf;
    }
    if (field == kName && p.level[f] < 5) {
      std::snprintf(buf, sizeof buf, " (jw %.2f)", p.name_similarity);
      out += buf;
    }
  }
  std::snprintf(buf, sizeof buf, "; prior %+.1f; total %+.1f", prior_weight(), s.weight);
  out += buf;
  if (p.same_kk && s.family == FamilyVerdict::None) out += "; one KK: for review";
  if (s.family != FamilyVerdict::None) {
    out += "; family rule: ";
    out += to_string(s.family);
  }
  return out;
}

}  // namespace ktpel

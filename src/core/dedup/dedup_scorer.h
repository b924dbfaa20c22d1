// Scores a compared pair: Fellegi-Sunter weight with term-frequency adjustment, the family rules,
// the decision, and the explanation an officer reads. Shared by the batch engine and the
// incremental path so that both give a pair the same score.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "core/dedup/family_rules.h"
#include "core/dedup/fellegi_sunter.h"
#include "core/dedup/pair_comparison.h"

namespace ktpel {

// Fields whose exact agreement is weighed by how common the shared value is: a shared rare name
// is strong evidence, "Siti Aminah" or a 01-01 birth date is not.
inline constexpr std::array<DedupField, 4> kTermFrequencyFields = {kName, kBirthDate, kMother, kFather};

struct TermCounts {  // how many records hold the pair's shared value, per kTermFrequencyFields (0 = unknown)
  std::array<uint32_t, kTermFrequencyFields.size()> count{};
};

struct DedupThresholds {
  double match = 0.97;   // probability at or above: decision "match"
  double review = 0.80;  // at or above (below match): "review" by an officer; below: not reported
};

enum class PairDecision : uint8_t { None, Review, Match };
std::string_view to_string(PairDecision d);

struct PairScore {
  double weight = 0, probability = 0;
  FamilyVerdict family = FamilyVerdict::None;
  PairDecision decision = PairDecision::None;
};

class DedupScorer {
 public:
  DedupScorer() = default;
  DedupScorer(FsModel model, uint64_t population, DedupThresholds thresholds);

  const FsModel& model() const { return model_; }
  uint64_t population() const { return population_; }
  const DedupThresholds& thresholds() const { return thresholds_; }

  // Field contributions log2(m/u) (u replaced by the value's share at an exact level), 0 if missing.
  std::array<double, kDedupFieldCount> contributions(const PairLevels& p, const TermCounts& tf) const;
  // One field's contribution at one level; `holders` (records holding the shared value, 0 =
  // unknown) applies at the exact level of a term-frequency field.
  double field_weight(DedupField f, int level, uint32_t holders) const;
  double prior_weight() const;
  PairScore score(const PreparedRecord& a, const PreparedRecord& b, const PairLevels& p, const TermCounts& tf) const;
  // The same with the family verdict already known.
  PairScore score(FamilyVerdict family, const PairLevels& p, const TermCounts& tf) const;
  // "name exact +12.1 (tf 2); birth_date swap-or-digit +6.0; ...; prior -9.8" (no commas).
  std::string explain(const PairLevels& p, const TermCounts& tf, const PairScore& s) const;

 private:
  FsModel model_;
  std::array<std::array<double, 8>, kDedupFieldCount> weight_{};  // log2(m/u) per field and level
  uint64_t population_ = 0;
  DedupThresholds thresholds_;
};

// The starting model before EM (and the model of the incremental path before any batch run):
// u from random pairs, m from the levels' order.
FsModel initial_dedup_model(const std::vector<LevelPattern>& random_pairs);
// The default m and a default u (from a 1M-record synthetic province) for the incremental path
// before any batch run has trained a model on the registry.
FsModel default_dedup_model();

}  // namespace ktpel

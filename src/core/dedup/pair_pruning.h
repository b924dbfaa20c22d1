// Most candidate pairs are plainly different people: a shared mother and birth year, but another
// birthday; a shared name sound, but other parents. Before the string measures run, a pair's
// weight is bounded from what is cheap to know (the birth dates, sex, and which texts are equal)
// with every undecided field at its best level; when even that bound cannot reach the reporting
// threshold, the pair is not compared further.
//
// The bound is taken with the largest prior the run can end with (every candidate pair a match),
// so a pair skipped here could never have been reported, whatever the prior turns out to be.
#pragma once
#include <array>
#include <cstdint>

#include "core/dedup/dedup_scorer.h"
#include "core/dedup/pair_comparison.h"

namespace ktpel {

class PairPruner {
 public:
  // `scorer`: the trained model with its population; `largest_prior`: the largest lambda the run
  // can end with. Pairs are kept when they could reach min(match, review) of the thresholds.
  PairPruner(const DedupScorer& scorer, double largest_prior);

  // True when the pair cannot reach the threshold. `holders`: how many records hold a's name,
  // birth date, mother and father (kTermFrequencyFields order; 0 = unknown).
  // `known`: levels already compared, with `fields` saying which (bit f for DedupField f): their
  // own weights bound the pair there, not the best those fields can do.
  bool hopeless(const PreparedRecord& a, const PreparedRecord& b, const TermCounts& holders,
                const PairLevels* known = nullptr, uint32_t fields = 0) const;

  // For a pair whose names are both present and not yet compared: the least name level (1 to 5)
  // with which it could still reach the threshold, 6 when none. (Any level below it leaves the
  // pair hopeless; those above it need not all keep it.)
  int least_name_level(const PreparedRecord& a, const PreparedRecord& b, const TermCounts& holders,
                       const PairLevels* known = nullptr, uint32_t fields = 0) const;

 private:
  // The bound without the name's weight.
  double bound_but_name(const PreparedRecord& a, const PreparedRecord& b, const TermCounts& holders,
                        const PairLevels* known, uint32_t fields) const;
  const DedupScorer* scorer_;
  double needed_ = 0;  // the weight (without prior) a pair must be able to reach
  std::array<std::array<double, 8>, kDedupFieldCount> best_below_{};  // best weight over levels 1..l
};

}  // namespace ktpel

#include "core/dedup/pair_pruning.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ktpel {
namespace {

// Text fields whose equality is cheap to see: equal, or undecided below the exact level.
bool both(const std::string& a, const std::string& b) { return !a.empty() && !b.empty(); }

}  // namespace

PairPruner::PairPruner(const DedupScorer& scorer, double largest_prior) : scorer_(&scorer) {
  const double lambda = std::clamp(largest_prior, 1e-300, 0.5);
  const double threshold = std::min(scorer.thresholds().match, scorer.thresholds().review);
  if (threshold <= 0) {
    needed_ = -std::numeric_limits<double>::infinity();  // everything is reported: skip nothing
  } else if (threshold >= 1) {
    needed_ = std::numeric_limits<double>::infinity();
  } else {
    needed_ = std::log2(threshold / (1 - threshold)) - std::log2(lambda / (1 - lambda)) - 1e-9;
  }
  for (int f = 0; f < kDedupFieldCount; ++f) {
    double best = -std::numeric_limits<double>::infinity();
    for (int l = 1; l < kDedupLevels[f]; ++l) {
      best = std::max(best, scorer.field_weight(static_cast<DedupField>(f), l, 0));
      best_below_[f][l] = best;
    }
  }
}

bool PairPruner::hopeless(const PreparedRecord& a, const PreparedRecord& b, const TermCounts& holders,
                          const PairLevels* known, uint32_t fields) const {
  auto is_known = [&](DedupField f) { return known && (fields >> f & 1); };
  if (std::isinf(needed_)) return needed_ > 0;
  const DedupScorer& s = *scorer_;
  // Decided exactly: birth date and sex.
  const int date = birth_date_level(a.dob, b.dob);
  double bound = s.field_weight(kBirthDate, date, holders.count[1]);
  if (a.sex != 0 && b.sex != 0) bound += s.field_weight(kSex, a.sex == b.sex ? 2 : 1, 0);
  // Texts: equal is the exact level; otherwise at best the level below it (the phonetic key of a
  // parent decides that parent's "close" level exactly).
  if (is_known(kName))
    bound += s.field_weight(kName, known->level[kName], holders.count[0]);
  else if (both(a.name_key, b.name_key))
    bound += a.name_key == b.name_key ? s.field_weight(kName, kExactLevel[kName], holders.count[0])
                                      : best_below_[kName][kExactLevel[kName] - 1];
  auto parent = [&](DedupField f, const std::string& ak, const std::string& ap, const std::string& bk,
                    const std::string& bp, uint32_t held) {
    if (!both(ak, bk)) return 0.0;
    if (ak == bk) return s.field_weight(f, kExactLevel[f], held);
    if (ap == bp) return s.field_weight(f, kExactLevel[f] - 1, 0);
    return best_below_[f][kExactLevel[f] - 1];
  };
  bound += is_known(kMother) ? s.field_weight(kMother, known->level[kMother], holders.count[2])
                             : parent(kMother, a.mother_key, a.mother_phonetic, b.mother_key, b.mother_phonetic, holders.count[2]);
  bound += is_known(kFather) ? s.field_weight(kFather, known->level[kFather], holders.count[3])
                             : parent(kFather, a.father_key, a.father_phonetic, b.father_key, b.father_phonetic, holders.count[3]);
  if (both(a.place, b.place))
    bound += a.place == b.place ? s.field_weight(kBirthPlace, kExactLevel[kBirthPlace], 0)
                                : best_below_[kBirthPlace][kExactLevel[kBirthPlace] - 1];
  return bound < needed_;
}

}  // namespace ktpel

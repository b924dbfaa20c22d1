#include "core/dedup/pair_pruning.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ktpel {
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

double PairPruner::bound_but_name(const PreparedRecord& a, const PreparedRecord& b, const TermCounts& holders,
                                  const PairLevels* known, uint32_t fields) const {
  auto is_known = [&](DedupField f) { return known && (fields >> f & 1); };
  const DedupScorer& s = *scorer_;
  // Decided exactly: birth date and sex.
  const int date = is_known(kBirthDate) ? known->level[kBirthDate] : birth_date_level(a.dob, b.dob);
  double bound = s.field_weight(kBirthDate, date, holders.count[1]);
  if (a.sex != 0 && b.sex != 0) bound += s.field_weight(kSex, a.sex == b.sex ? 2 : 1, 0);
  // Texts: equal is the exact level; otherwise at best the level below it (the phonetic key of a
  // parent decides that parent's "close" level exactly).
  auto parent = [&](DedupField f, uint32_t held) {
    const bool mother = f == kMother;
    if ((mother ? a.mother_id : a.father_id) == 0 || (mother ? b.mother_id : b.father_id) == 0) return 0.0;
    const std::string_view ak = mother ? a.mother_key() : a.father_key(), bk = mother ? b.mother_key() : b.father_key();
    if (same_text(ak, mother ? a.mother_id : a.father_id, bk, mother ? b.mother_id : b.father_id))
      return s.field_weight(f, kExactLevel[f], held);
    const std::string_view ap = mother ? a.mother_phonetic() : a.father_phonetic(),
                           bp = mother ? b.mother_phonetic() : b.father_phonetic();
    if (same_text(ap, mother ? a.mother_sound_id : a.father_sound_id, bp, mother ? b.mother_sound_id : b.father_sound_id) ||
        (ap.empty() && bp.empty()))
      return s.field_weight(f, kExactLevel[f] - 1, 0);
    return best_below_[f][kExactLevel[f] - 1];
  };
  bound += is_known(kMother) ? s.field_weight(kMother, known->level[kMother], holders.count[2]) : parent(kMother, holders.count[2]);
  bound += is_known(kFather) ? s.field_weight(kFather, known->level[kFather], holders.count[3]) : parent(kFather, holders.count[3]);
  if (a.place_id != 0 && b.place_id != 0)
    bound += same_text(a.place(), a.place_id, b.place(), b.place_id) ? s.field_weight(kBirthPlace, kExactLevel[kBirthPlace], 0)
                                                                      : best_below_[kBirthPlace][kExactLevel[kBirthPlace] - 1];
  return bound;
}

bool PairPruner::hopeless(const PreparedRecord& a, const PreparedRecord& b, const TermCounts& holders,
                          const PairLevels* known, uint32_t fields) const {
  if (std::isinf(needed_)) return needed_ > 0;
  const DedupScorer& s = *scorer_;
  double bound = bound_but_name(a, b, holders, known, fields);
  if (known && (fields >> kName & 1))
    bound += s.field_weight(kName, known->level[kName], holders.count[0]);
  else if (a.name_id != 0 && b.name_id != 0)
    bound += same_text(a.name_key(), a.name_id, b.name_key(), b.name_id) ? s.field_weight(kName, kExactLevel[kName], holders.count[0])
                                                                          : best_below_[kName][kExactLevel[kName] - 1];
  return bound < needed_;
}

int PairPruner::least_name_level(const PreparedRecord& a, const PreparedRecord& b, const TermCounts& holders,
                                 const PairLevels* known, uint32_t fields) const {
  if (std::isinf(needed_)) return needed_ > 0 ? kExactLevel[kName] + 1 : 0;
  const DedupScorer& s = *scorer_;
  const double rest = bound_but_name(a, b, holders, known, fields);
  for (int l = 1; l <= kExactLevel[kName]; ++l)
    if (rest + s.field_weight(kName, l, l == kExactLevel[kName] ? holders.count[0] : 0) >= needed_) return l;
  return kExactLevel[kName] + 1;
}

}  // namespace ktpel

#include "core/biometrics/finger_gallery.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

#include "core/common/parallel_for.h"

namespace ktpel {
namespace {

constexpr uint32_t kRemoved = std::numeric_limits<uint32_t>::max();

bool positions_meet(int a, int b) { return a == 0 || b == 0 || a == b; }

struct ByScore {
  bool operator()(const FirstStageHit& x, const FirstStageHit& y) const {
    return x.score != y.score ? x.score > y.score : x.entry < y.entry;
  }
};

}  // namespace

float fuse_finger_scores(std::vector<float> scores) {
  if (scores.empty()) return 0;
  std::sort(scores.begin(), scores.end(), std::greater<float>());
  const size_t n = (scores.size() + 1) / 2;
  float sum = 0;
  for (size_t i = 0; i < n; ++i) sum += scores[i];
  return sum / static_cast<float>(n);
}

void FingerGallery::reserve(size_t n) {
  codes_.reserve(n * kCompactCodes);
  code_count_.reserve(n), position_.reserve(n), minutia_count_.reserve(n), person_.reserve(n);
  minutiae_.reserve(n * kCompactMinutiae * 3);
}

void FingerGallery::add(uint32_t person, int position, const CompactFinger& f) {
  if (person >= entries_of_person_.size()) entries_of_person_.resize(person + 1);
  if (position != 0)
    for (uint32_t e : entries_of_person_[person])
      if (position_[e] == position && person_[e] != kRemoved) {  // re-enrolled finger: replace in place
        std::memcpy(&codes_[e * kCompactCodes], f.codes.data(), sizeof f.codes);
        code_count_[e] = f.code_count, minutia_count_[e] = f.minutia_count;
        std::memcpy(&minutiae_[e * kCompactMinutiae * 3], f.minutiae.data(), f.minutiae.size());
        return;
      }
  const auto entry = static_cast<uint32_t>(person_.size());
  codes_.insert(codes_.end(), f.codes.begin(), f.codes.end());
  code_count_.push_back(f.code_count);
  position_.push_back(static_cast<uint8_t>(position));
  minutia_count_.push_back(f.minutia_count);
  minutiae_.insert(minutiae_.end(), f.minutiae.begin(), f.minutiae.end());
  person_.push_back(person);
  entries_of_person_[person].push_back(entry);
  ++live_;
}

void FingerGallery::remove_person(uint32_t person) {
  if (person >= entries_of_person_.size()) return;
  for (uint32_t e : entries_of_person_[person]) {
    person_[e] = kRemoved;
    code_count_[e] = 0;  // scores 0 in the first stage
    --live_;
  }
  entries_of_person_[person].clear();
}

CompactFinger FingerGallery::finger(uint32_t e) const {
  CompactFinger f;
  std::memcpy(f.codes.data(), &codes_[e * kCompactCodes], sizeof f.codes);
  f.code_count = code_count_[e], f.minutia_count = minutia_count_[e];
  std::memcpy(f.minutiae.data(), &minutiae_[e * kCompactMinutiae * 3], f.minutiae.size());
  return f;
}

std::vector<FirstStageHit> FingerGallery::first_stage(const ProbeCodes& probe, int position, size_t keep,
                                                      unsigned threads, size_t* compared) const {
  const size_t n = person_.size();
  const unsigned workers = std::max(1u, std::min<unsigned>(worker_count(threads), static_cast<unsigned>(n / 4096 + 1)));
  std::vector<std::vector<FirstStageHit>> best(workers);
  std::vector<size_t> scanned(workers, 0);
  auto scan = [&](unsigned w) {
    auto& heap = best[w];  // a min-heap of the best `keep` (front = weakest kept)
    const size_t begin = n * w / workers, end = n * (w + 1) / workers;
    size_t count = 0;
    for (size_t e = begin; e < end; ++e) {
      if (!positions_meet(position, position_[e]) || person_[e] == kRemoved) continue;
      ++count;
      const int s = first_stage_score(probe, &codes_[e * kCompactCodes], code_count_[e]);
      const FirstStageHit hit{static_cast<uint32_t>(e), s};
      if (heap.size() < keep) {
        heap.push_back(hit);
        std::push_heap(heap.begin(), heap.end(), ByScore());
      } else if (keep > 0 && ByScore()(hit, heap.front())) {
        std::pop_heap(heap.begin(), heap.end(), ByScore());
        heap.back() = hit;
        std::push_heap(heap.begin(), heap.end(), ByScore());
      }
    }
    scanned[w] = count;
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(scan, w);
  scan(0);
  for (auto& t : pool) t.join();
  std::vector<FirstStageHit> all;
  for (auto& b : best) all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end(), ByScore());
  if (all.size() > keep) all.resize(keep);
  if (compared) {
    *compared = 0;
    for (size_t c : scanned) *compared += c;
  }
  return all;
}

std::vector<PersonCandidate> FingerGallery::identify(const std::vector<ProbeFinger>& probe, const IdentifyOptions& o,
                                                     size_t* compared) const {
  return identify_shortlisted(probe, shortlists(probe, o, compared), o);
}

std::vector<std::vector<FirstStageHit>> FingerGallery::shortlists(const std::vector<ProbeFinger>& probe,
                                                                  const IdentifyOptions& o, size_t* compared) const {
  if (compared) *compared = 0;
  std::vector<std::vector<FirstStageHit>> out;
  for (const auto& pf : probe) {
    size_t c = 0;
    out.push_back(first_stage(probe_codes(pf.features), pf.position, o.shortlist, o.threads, &c));
    if (compared) *compared += c;
  }
  return out;
}

std::vector<PersonCandidate> FingerGallery::identify_shortlisted(const std::vector<ProbeFinger>& probe,
                                                                 const std::vector<std::vector<FirstStageHit>>& lists,
                                                                 const IdentifyOptions& o) const {
  // People named by the shortlists, ranked by their summed first-stage scores (first-stage
  // fusion); only the best few go on to the costly second stage.
  std::map<uint32_t, int> votes;
  for (const auto& list : lists)
    for (const auto& hit : list) votes[person_[hit.entry]] += hit.score;
  std::vector<std::pair<int, uint32_t>> ranked;
  for (const auto& [person, v] : votes) ranked.emplace_back(-v, person);
  std::sort(ranked.begin(), ranked.end());
  // The second stage rebuilds cylinders for each candidate finger: spend about `shortlist` of
  // those per probe, so a one-finger probe checks its whole shortlist and a ten-finger probe the
  // best few people (never fewer than twice top_k).
  const size_t fingers = std::max<size_t>(probe.size(), 1);
  const size_t second = std::min(o.shortlist, std::max(2 * o.top_k, o.shortlist / fingers));
  if (ranked.size() > second) ranked.resize(second);
  std::vector<uint32_t> people;
  for (const auto& r : ranked) people.push_back(r.second);

  std::vector<PersonCandidate> out(people.size());
  parallel_for(people.size(), o.threads, [&](size_t i) {
    PersonCandidate& cand = out[i];
    cand.person = people[i];
    std::vector<float> scores;
    for (const auto& pf : probe) {
      float best = -1;
      for (uint32_t e : entries_of_person_[cand.person]) {
        if (!positions_meet(pf.position, position_[e])) continue;
        const auto g = extract_features(expand_minutiae(finger(e)));
        best = std::max(best, match_fingers(pf.features, g));
      }
      if (best < 0) continue;  // the person has no such finger enrolled
      cand.fingers.push_back({pf.position, best});
      scores.push_back(best);
    }
    cand.score = fuse_finger_scores(scores);
  }, 1);
  std::erase_if(out, [&](const PersonCandidate& c) { return c.fingers.empty() || c.score < o.min_score; });
  std::sort(out.begin(), out.end(), [](const PersonCandidate& a, const PersonCandidate& b) {
    return a.score != b.score ? a.score > b.score : a.person < b.person;
  });
  if (out.size() > o.top_k) out.resize(o.top_k);
  return out;
}

}  // namespace ktpel

// The in-memory 1:N gallery: every enrolled finger as a 255-byte entry in structure-of-arrays
// form (first-stage codes contiguous, so a scan streams 128 bytes per finger), searched on all
// cores. identify() takes a probe of up to ten fingers and returns people, not fingers:
//  1. first stage: each probe finger against every gallery finger of the same position (or of
//     unknown position), keeping the best `shortlist` fingers per probe finger;
//  2. second stage: every person named by a shortlist is compared finger by finger with the full
//     MCC matcher (cylinders rebuilt from the stored minutiae);
//  3. fusion: the person's score is the mean of the better half of the per-finger scores, so one
//     poorly captured finger neither makes nor breaks a match.
#pragma once
#include <cstdint>
#include <vector>

#include "core/biometrics/compact_finger.h"

namespace ktpel {

struct ProbeFinger {
  int position = 0;  // ISO finger code, 0 unknown
  FingerFeatures features;
};

struct FingerScore {
  int position = 0;
  float score = 0;
};

struct PersonCandidate {
  uint32_t person = 0;
  float score = 0;  // fused
  std::vector<FingerScore> fingers;
};

struct IdentifyOptions {
  size_t shortlist = 40;   // per probe finger, from the first stage
  size_t top_k = 10;       // people returned
  float min_score = 0;     // people below are dropped
  unsigned threads = 0;    // 0 = every core
};

struct FirstStageHit {
  uint32_t entry = 0;
  int score = 0;
};

class FingerGallery {
 public:
  // One finger of a person; a second finger at the same known position replaces the first.
  void add(uint32_t person, int position, const CompactFinger& finger);
  void remove_person(uint32_t person);
  size_t size() const { return live_; }
  size_t entries() const { return person_.size(); }
  void reserve(size_t n);
  // Bytes held per finger entry by the arrays below.
  static constexpr size_t bytes_per_finger() { return 8 * kCompactCodes + 1 + 1 + 1 + kCompactMinutiae * 3 + 4; }

  uint32_t person_of(uint32_t entry) const { return person_[entry]; }
  int position_of(uint32_t entry) const { return position_[entry]; }
  CompactFinger finger(uint32_t entry) const;

  // The `keep` best gallery fingers for one probe finger; `compared` gets how many were scanned.
  std::vector<FirstStageHit> first_stage(const ProbeCodes& probe, int position, size_t keep, unsigned threads,
                                         size_t* compared = nullptr) const;
  std::vector<PersonCandidate> identify(const std::vector<ProbeFinger>& probe, const IdentifyOptions& options,
                                        size_t* compared = nullptr) const;
  // identify() in its two halves, so that an evaluation can scan each probe finger once and
  // fuse several subsets of the fingers (1, 2, 10) from the same shortlists:
  // the first-stage shortlist of every probe finger, then the second stage and fusion on them.
  std::vector<std::vector<FirstStageHit>> shortlists(const std::vector<ProbeFinger>& probe, const IdentifyOptions& options,
                                                     size_t* compared = nullptr) const;
  std::vector<PersonCandidate> identify_shortlisted(const std::vector<ProbeFinger>& probe,
                                                    const std::vector<std::vector<FirstStageHit>>& shortlists,
                                                    const IdentifyOptions& options) const;

 private:
  std::vector<uint64_t> codes_;  // kCompactCodes per entry
  std::vector<uint8_t> code_count_, position_, minutia_count_;
  std::vector<uint8_t> minutiae_;  // kCompactMinutiae * 3 per entry
  std::vector<uint32_t> person_;   // UINT32_MAX = removed
  std::vector<std::vector<uint32_t>> entries_of_person_;
  size_t live_ = 0;
};

// Person-level fusion of per-finger scores (exposed for tests): mean of the better half.
float fuse_finger_scores(std::vector<float> scores);

}  // namespace ktpel

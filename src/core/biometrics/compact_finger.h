// A finger as the 1:N gallery keeps it in memory: 250 bytes, of which the first 128 are what
// the first stage scans.
//  - 16 compact cylinder codes (8 bytes each) of the minutiae nearest the print's centre: each
//    MCC cylinder pooled to 4 x 4 spatial blocks x 3 direction groups (48 bits; a pooled cell is
//    on when 3 of its 32 cells are), plus the minutia's direction in 256 steps and the code's
//    popcount. Comparing two codes is an XOR and a popcount.
//  - up to 40 minutiae at 2-pixel / 1.4-degree resolution (3 bytes each) from which the second
//    stage rebuilds full cylinders for the few candidates the first stage keeps.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/biometrics/finger_matcher.h"

namespace ktpel {

inline constexpr int kCompactCodes = 16;
inline constexpr int kCompactMinutiae = 40;

struct CompactFinger {
  std::array<uint64_t, kCompactCodes> codes{};  // bits 0-47 code, 48-55 direction, 56-63 popcount
  uint8_t code_count = 0, minutia_count = 0;
  std::array<uint8_t, kCompactMinutiae * 3> minutiae{};  // x/2 (9 bits), y/2 (9 bits), angle/4 (6 bits)
};
static_assert(sizeof(CompactFinger) <= 256);

CompactFinger compact_finger(const FingerFeatures& f);
// The stored minutiae back in the matcher's frame (positions quantised, so not bit-identical).
std::vector<MinutiaPoint> expand_minutiae(const CompactFinger& c);
// Bytes for storage and back (fixed 250-byte layout, little-endian codes).
std::string serialise(const CompactFinger& c);
bool deserialise(std::string_view bytes, CompactFinger& out);

// The probe side of the first stage: the compact codes of up to 24 central minutiae.
struct ProbeCodes {
  std::array<uint64_t, 24> codes{};
  int count = 0;
};
ProbeCodes probe_codes(const FingerFeatures& f);

// First-stage similarity, 0..5 x 255: for each gallery code the best-agreeing probe code with a
// direction within 45 degrees, the five best such agreements summed.
int first_stage_score(const ProbeCodes& probe, const uint64_t* gallery_codes, int gallery_count);

}  // namespace ktpel

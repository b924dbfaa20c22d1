// Coverage indicators of a wilayah (issue [4]): population and its age pyramid, wajib KTP, the
// e-KTP pipeline (recorded, PRR, suket, printed, delivered, duplicate, stuck), IKD activation and
// birth-certificate (akta kelahiran) coverage of children. Every resident contributes a fixed
// vector of counters as of a day; a region's counters are the sum over its residents, so they
// can be kept incrementally (add the new contribution, subtract the old) instead of counted per
// request.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/ektp/ektp_status.h"
#include "core/registry/sex.h"
#include "core/stats/population_stats.h"

namespace ktpel {

enum CoverageIndex : int {
  kPopulation, kMale, kFemale, kWajibKtp, kRecorded, kRecordedWajib, kPrr, kSuket, kPrinted, kDelivered, kDuplicate,
  kStuck, kIkdActivated, kIkdEligible, kChildren, kChildrenWithAkta,
  kBandsStart,  // then kAgeBandCount × {L, P}
  kCoverageSize = kBandsStart + 2 * kAgeBandCount
};
std::string_view coverage_name(int index);  // "population", "wajib_ktp", ..., "band_0_L"

using CoverageCounters = std::array<int64_t, kCoverageSize>;

inline constexpr int kChildAgeLimit = 18;    // children: age 0-17 complete years ("anak 0-18 tahun")
inline constexpr int kStuckAfterDays = 14;   // the stuck list's default

// What the counters need to know of one resident and their e-KTP record.
struct CoverageFacts {
  std::string nik, village_code;
  Date birth_date;
  Sex sex = Sex::L;
  bool ever_married = false, alive = true, has_akta = false;
  std::optional<EktpStatus> status;  // no e-KTP record
  Date status_since;                 // day of the last transition
  bool ikd_activated = false;
};

// The counters one resident adds to every region above them, as of `as_of`.
CoverageCounters coverage_contribution(const CoverageFacts& f, Date as_of);
void add_into(CoverageCounters& into, const CoverageCounters& c, int64_t sign = 1);

// Birth dates and transition days whose contribution changes between `day - 1` and `day`:
// birthdays that cross an age threshold, and records that become stuck. Rolling the counters
// forward one day touches only these residents.
std::vector<Date> birthdays_crossing(Date day);
Date stuck_since_crossing(Date day);  // records whose last transition was this day become stuck on `day`

std::string encode_counters(const CoverageCounters& c);  // "1,0,3,..." (storage)
std::optional<CoverageCounters> decode_counters(std::string_view text);

}  // namespace ktpel

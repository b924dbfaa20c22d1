// One resident as the demographic dedup engine sees it: the raw fields as read (from a CSV or the
// registry), and the prepared form with every name normalised once, so that comparing a pair is
// only string measures on short canonical keys.
#pragma once
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"

namespace ktpel {

struct DedupInput {
  std::string nik, kk, name, sex, birth_place, birth_date, mother_name, father_name, village_code;
  std::string rt, rw, address;  // the dwelling: twins and siblings share it, a second registration rarely does
  double lat = NAN, lon = NAN;  // centroid of the record's kecamatan (or village), when known
  uint64_t row = 0;             // source row or line, for messages
};

struct PreparedRecord {
  std::string nik, kk, village_code;
  std::string name_key, name_sorted, name_phonetic;  // phonetic: token keys sorted and joined
  std::vector<std::string> name_tokens;
  std::string name_compact;  // name_key without spaces: "bambangsugeng" for "Bambang Sugeng" and "BambangSugeng"
  bool name_initials = false;
  std::string mother_key, mother_phonetic, father_key, father_phonetic;  // father falls back to bin/binti
  std::string place;
  std::optional<Date> dob;
  uint8_t sex = 0;  // 0 unknown, 1 male (L), 2 female (P)
  // The dwelling (village, RT/RW and the address folded to letters and digits), 0 when unknown:
  // household evidence for family rules, next to the KK.
  uint64_t household = 0;
  float lat = NAN, lon = NAN;
  uint64_t row = 0;
};

// Birth dates as registers write them: YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY; nullopt when none.
std::optional<Date> parse_dedup_date(std::string_view text);
// L / LAKI-LAKI / M / 1 -> 1; P / PEREMPUAN / F / W / 2 -> 2; else 0.
uint8_t parse_dedup_sex(std::string_view text);

PreparedRecord prepare_record(const DedupInput& in);
// Do two records share a KK or a dwelling?
bool same_household(const PreparedRecord& a, const PreparedRecord& b);

}  // namespace ktpel

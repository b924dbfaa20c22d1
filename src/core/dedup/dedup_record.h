// One resident as the demographic dedup engine sees it: the raw fields as read (from a CSV or the
// registry), and the prepared form with every name normalised once, so that comparing a pair is
// only string measures on short canonical keys.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/dedup/record_texts.h"
#include "core/dedup/token_list.h"

namespace ktpel {

struct DedupInput {
  std::string nik, kk, name, sex, birth_place, birth_date, mother_name, father_name, village_code;
  std::string rt, rw, address;  // the dwelling: twins and siblings share it, a second registration rarely does
  double lat = NAN, lon = NAN;  // centroid of the record's kecamatan (or village), when known
  uint64_t row = 0;             // source row or line, for messages
};

struct PreparedRecord {
  // First, what the candidate loop reads of every pair before any text (birth date, sex, the
  // household and the texts' ids): kPreparedRecordHotBytes at the front, one or two cache lines,
  // so a block's records are fetched a line or two each, not whole.
  std::optional<Date> dob;
  uint8_t sex = 0;  // 0 unknown, 1 male (L), 2 female (P)
  bool name_initials = false;
  uint16_t name_token_count = 0;  // tokens of name_key (as stored: a key cut at 4,096 bytes counts its own)
  float lat = NAN, lon = NAN;
  // The dwelling (village, RT/RW and the address folded to letters and digits), 0 when unknown:
  // household evidence for family rules, next to the KK.
  uint64_t household = 0;
  // A hash of the KK (0 when none or not computed): most pairs differ here, and a number says so
  // without comparing two 16-digit strings on every candidate pair.
  uint64_t kk_id = 0;
  // text_id of name_key, mother_key, mother_phonetic, father_key, father_phonetic and place: the
  // candidate loop asks "equal?" of these on every pair, and most answers are "no" without
  // reading the texts (which live elsewhere in memory).
  uint64_t name_id = 0, mother_id = 0, mother_sound_id = 0, father_id = 0, father_sound_id = 0, place_id = 0;

  // The texts (core/dedup/record_texts.h), with the hot fields: the first text a pair compares
  // needs to know where they are. Set by prepare_record.
  RecordTexts texts;

  // Views into `texts`:
  std::string_view nik() const { return texts[kNikText]; }
  std::string_view kk() const { return texts[kKkText]; }
  std::string_view village_code() const { return texts[kVillageText]; }
  std::string_view name_key() const { return texts[kNameKeyText]; }          // tokens joined by one space
  std::string_view name_sorted() const { return texts[kNameSortedText]; }
  std::string_view name_phonetic() const { return texts[kNamePhoneticText]; }  // token keys sorted and joined
  // name_key without spaces: "bambangsugeng" for "Bambang Sugeng" and "BambangSugeng"
  std::string_view name_compact() const { return texts[kNameCompactText]; }
  std::string_view mother_key() const { return texts[kMotherKeyText]; }
  std::string_view mother_phonetic() const { return texts[kMotherPhoneticText]; }
  std::string_view father_key() const { return texts[kFatherKeyText]; }  // falls back to bin/binti
  std::string_view father_phonetic() const { return texts[kFatherPhoneticText]; }
  std::string_view place() const { return texts[kPlaceText]; }
  TokenList name_tokens() const { return TokenList(name_key()); }

  // The blocking rules' sound keys, worked out once here where the phonetic forms are at hand
  // (sound_hash of: the first and last name token's phonetic form, the mother's first name's, the
  // compact name's; 0 when absent).
  uint64_t first_sound = 0, last_sound = 0, mother_first_sound = 0, compact_sound = 0;
  uint64_t row = 0;
};
// The front of a record that the candidate loop reads (see above).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"  // g++ lays out this class as declared
inline constexpr size_t kPreparedRecordHotBytes = offsetof(PreparedRecord, first_sound);
#pragma GCC diagnostic pop

// The hash the blocking keys take of a text (FNV-1a, salted per rule).
inline uint64_t sound_hash(std::string_view s, uint64_t salt) {
  uint64_t h = 1469598103934665603ull ^ salt;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// A text's identity for same_text: 0 for the empty text, else a hash that is never 0.
inline uint64_t text_id(std::string_view s) {
  if (s.empty()) return 0;
  const uint64_t h = sound_hash(s, 0x5bd1e995);
  return h ? h : 1;
}
// Both present and equal: different ids say "no" at once; equal ids are confirmed on the texts.
// (Ids of 0 on both sides, as on a record not made by prepare_record, fall back to the texts.)
inline bool same_text(std::string_view a, uint64_t a_id, std::string_view b, uint64_t b_id) {
  if (a_id != b_id) return false;
  return !a.empty() && a == b;
}

// Birth dates as registers write them: YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY; nullopt when none.
std::optional<Date> parse_dedup_date(std::string_view text);
// L / LAKI-LAKI / M / 1 -> 1; P / PEREMPUAN / F / W / 2 -> 2; else 0.
uint8_t parse_dedup_sex(std::string_view text);

PreparedRecord prepare_record(const DedupInput& in);
// Do two records hold one KK number?
inline bool same_kk(const PreparedRecord& a, const PreparedRecord& b) {
  if (a.kk().empty() || (a.kk_id != 0 && b.kk_id != 0 && a.kk_id != b.kk_id)) return false;
  return a.kk() == b.kk();
}
// Do two records share a KK or a dwelling?
bool same_household(const PreparedRecord& a, const PreparedRecord& b);

}  // namespace ktpel

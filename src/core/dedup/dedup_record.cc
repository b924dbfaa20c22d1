#include "core/dedup/dedup_record.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/dedup/name_normaliser.h"
#include "core/text/text_map.h"

namespace ktpel {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// A parent's name: canonical key, phonetic key and the first name's sound_hash (salt 16, the
// mother's first-name blocking rule) ("" and 0 when absent). Not remembered per full name: a
// province holds hundreds of thousands of distinct parents' names, and a table that large costs
// more to look up than normalising again (whose tokens are remembered).
void parent(std::string_view raw, std::string& key, std::string& phonetic, uint64_t* first_sound = nullptr) {
  thread_local NormalisedName n;
  normalise_person_name(raw, n);
  key = n.key;
  join_sorted(n.phonetic, phonetic);
  if (first_sound) *first_sound = n.phonetic.empty() || key.empty() ? 0 : sound_hash(n.phonetic.front(), 16);
}

// The dwelling's hash: village code, RT, RW (leading zeros dropped) and the address's letters and
// digits in upper case ("Jl. Poros Desa RT 010" = "JL POROS DESA RT 10"); 0 without a village and
// an address.
uint64_t household_hash(const DedupInput& in) {
  const std::string_view village = trim(in.village_code), address = trim(in.address);
  if (village.empty() || address.empty()) return 0;
  uint64_t h = 1469598103934665603ull;
  auto add = [&h](unsigned char c) { h = (h ^ c) * 1099511628211ull; };
  for (char c : village) add(static_cast<unsigned char>(c));
  for (std::string_view part : {trim(in.rt), trim(in.rw)}) {
    add('|');
    while (part.size() > 1 && part.front() == '0') part.remove_prefix(1);
    for (char c : part) add(static_cast<unsigned char>(c));
  }
  add('|');
  bool zeros = true;  // leading zeros of a number inside the address ("RT 010")
  for (char c : address) {
    const unsigned char u = static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(c)));
    if (std::isdigit(u)) {
      if (zeros && u == '0') continue;
      zeros = false;
      add(u);
    } else {
      zeros = true;
      if (std::isalpha(u)) add(u);
    }
  }
  return h ? h : 1;
}

}  // namespace

bool same_household(const PreparedRecord& a, const PreparedRecord& b) {
  return (a.household != 0 && a.household == b.household) || same_kk(a, b);
}

std::optional<Date> parse_dedup_date(std::string_view text) {
  text = trim(text);
  if (text.size() != 10) return std::nullopt;
  if (text[4] == '-' && text[7] == '-') return Date::parse_iso(text);
  const char sep = text[2];
  if ((sep != '-' && sep != '/' && sep != '.') || text[5] != sep) return std::nullopt;
  const auto d = text.substr(0, 2), m = text.substr(3, 2), y = text.substr(6, 4);
  if (!digits(d) || !digits(m) || !digits(y)) return std::nullopt;
  if (!Date::is_valid(number(y), number(m), number(d))) return std::nullopt;
  return Date{number(y), number(m), number(d)};
}

uint8_t parse_dedup_sex(std::string_view text) {
  std::string s(trim(text));
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (s == "L" || s == "LAKI-LAKI" || s == "LAKI LAKI" || s == "M" || s == "MALE" || s == "1" || s == "PRIA") return 1;
  if (s == "P" || s == "PEREMPUAN" || s == "F" || s == "FEMALE" || s == "W" || s == "WANITA" || s == "2") return 2;
  return 0;
}

PreparedRecord prepare_record(const DedupInput& in) {
  PreparedRecord r;
  std::array<std::string_view, kRecordTextCount> t;
  t[kNikText] = trim(in.nik);
  t[kKkText] = trim(in.kk);
  t[kVillageText] = trim(in.village_code);
  // Scratch reused per thread (no allocation per record once warm); the texts are copied below.
  thread_local NormalisedName n;
  thread_local std::string name_phonetic, compact, mother_key, mother_phonetic, father_key, father_phonetic, patronym;
  normalise_person_name(in.name, n);
  t[kNameKeyText] = n.key;
  t[kNameSortedText] = n.sorted_key;
  join_sorted(n.phonetic, name_phonetic);
  t[kNamePhoneticText] = name_phonetic;
  r.name_initials = n.has_initials;

  if (!n.phonetic.empty()) {
    r.first_sound = sound_hash(n.phonetic.front(), 1);
    r.last_sound = sound_hash(n.phonetic.back(), 2);
  }
  compact.clear();
  for (char c : n.key)
    if (c != ' ') compact += c;
  t[kNameCompactText] = compact;
  if (compact.size() >= 4) r.compact_sound = sound_hash(indonesian_phonetic(compact), 17);
  parent(in.mother_name, mother_key, mother_phonetic, &r.mother_first_sound);
  parent(in.father_name, father_key, father_phonetic);
  if (father_key.empty() && !n.patronym.empty()) {  // "bin Abdullah": the father's name on the person's own
    patronym.clear();
    for (const auto& p : n.patronym) patronym += (patronym.empty() ? "" : " ") + p;
    parent(patronym, father_key, father_phonetic);
  }
  t[kMotherKeyText] = mother_key;
  t[kMotherPhoneticText] = mother_phonetic;
  t[kFatherKeyText] = father_key;
  t[kFatherPhoneticText] = father_phonetic;
  {
    thread_local TextMap<std::string> places;  // a few hundred distinct ones
    auto it = places.find(std::string_view(in.birth_place));
    if (it == places.end()) {
      if (places.size() > 100000) places.clear();
      it = places.emplace(in.birth_place, normalise_birth_place(in.birth_place)).first;
    }
    t[kPlaceText] = it->second;
  }
  r.texts = RecordTexts(t);
  // The key as stored decides the token count (the same as the normaliser's unless it was cut).
  r.name_token_count = static_cast<uint16_t>(n.key.size() <= RecordTexts::kMax ? n.tokens.size() : TokenList(r.name_key()).size());
  r.kk_id = text_id(r.kk());
  r.dob = parse_dedup_date(in.birth_date);
  r.sex = parse_dedup_sex(in.sex);
  r.household = household_hash(in);
  r.name_id = text_id(r.name_key());
  r.mother_id = text_id(r.mother_key());
  r.mother_sound_id = text_id(r.mother_phonetic());
  r.father_id = text_id(r.father_key());
  r.father_sound_id = text_id(r.father_phonetic());
  r.place_id = text_id(r.place());
  r.lat = static_cast<float>(in.lat);
  r.lon = static_cast<float>(in.lon);
  r.row = in.row;
  return r;
}

}  // namespace ktpel

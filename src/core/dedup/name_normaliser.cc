#include "core/dedup/name_normaliser.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text/fold.h"
#include "core/text/text_map.h"

namespace ktpel {
namespace {

// Titles written before a name (religious, academic, professional), dots removed.
constexpr std::array<std::string_view, 17> kPrefixTitles = {
    "h", "hj", "kh", "haji", "hajjah", "dr", "drs", "dra", "ir", "prof", "ust", "ustad", "ustadz", "ustadzah",
    "habib", "drg", "dokter"};

// Degrees written after a name (gelar akademik), dots removed.
constexpr std::array<std::string_view, 51> kSuffixDegrees = {
    "spd", "spdi", "spdsd", "sh", "shi", "se", "sei", "skom", "st", "ssos", "sag", "sip", "skm", "sked", "ssi",
    "sthi", "spsi", "sfarm", "sp", "spt", "ssn", "sikom", "skep", "ners", "sgz", "stp", "mpd", "mpdi", "mm", "msi",
    "mh", "mt", "mkom", "mag", "mkes", "msc", "mba", "ma", "amd", "amdkeb", "amdkep", "amk", "lc", "ba", "bsc",
    "phd", "spog", "spa", "sppd", "mhum", "mars"};

// Degrees that are also plausible name parts: removed only when dotted or after a comma.
constexpr std::array<std::string_view, 8> kAmbiguousDegrees = {"ma", "ba", "se", "st", "sp", "mh", "mt", "lc"};

// The Muhammad family and other Arabic-origin variants, after old spelling is modernised.
constexpr std::array<std::pair<std::string_view, std::string_view>, 36> kVariants = {{
    {"muhamad", "muhammad"}, {"mohammad", "muhammad"}, {"mohamad", "muhammad"}, {"mokhammad", "muhammad"},
    {"mokhamad", "muhammad"}, {"mukhammad", "muhammad"}, {"mukhamad", "muhammad"}, {"mohammed", "muhammad"},
    {"muhammed", "muhammad"}, {"mohamed", "muhammad"}, {"muhamed", "muhammad"}, {"moh", "muhammad"},
    {"mokh", "muhammad"}, {"muh", "muhammad"}, {"mhd", "muhammad"}, {"mhmd", "muhammad"}, {"muhd", "muhammad"},
    {"akhmad", "ahmad"}, {"ahmat", "ahmad"}, {"akhmat", "ahmad"}, {"achmad", "ahmad"},
    {"abd", "abdul"}, {"abdoel", "abdul"},
    {"rakhman", "rahman"}, {"rakhmat", "rahmat"}, {"rakhmawati", "rahmawati"},
    {"jusuf", "yusuf"}, {"yusup", "yusuf"}, {"yusuff", "yusuf"},
    {"hassan", "hasan"}, {"husein", "husain"}, {"hussein", "husain"}, {"husin", "husain"},
    {"sitti", "siti"}, {"zaenal", "zainal"}, {"zaenab", "zainab"}}};

constexpr std::array<std::string_view, 6> kPatronymMarkers = {"bin", "binti", "bt", "bte", "bint", "bn"};

bool in(std::string_view word, auto const& table) {
  return std::find(table.begin(), table.end(), word) != table.end();
}

// `s` without any `c`, into `out`.
void without(std::string_view s, char c, std::string& out) {
  out.clear();
  for (char x : s)
    if (x != c) out.push_back(x);
}

// Splits on whitespace and commas, remembering where a comma ended a word (degrees follow commas).
struct RawToken {
  std::string_view text;  // in the folded name
  bool after_comma = false;
};
void raw_tokens(std::string_view folded, std::vector<RawToken>& out) {
  out.clear();
  bool comma = false;
  size_t start = std::string_view::npos;
  for (size_t i = 0; i <= folded.size(); ++i) {
    const char c = i < folded.size() ? folded[i] : ' ';
    if (c == ' ' || c == '\t' || c == ',' || c == ';') {
      if (start != std::string_view::npos) out.push_back({folded.substr(start, i - start), comma});
      start = std::string_view::npos;
      if (c == ',' || c == ';') comma = true;
    } else if (start == std::string_view::npos) {
      start = i;
    }
  }
}

// Letters and digits only; dots, hyphens, slashes split; apostrophes and backquotes vanish. Calls
// piece(view) for each piece (the view lives in `cur` until the next call).
template <class Piece>
void for_each_piece(std::string_view s, std::string& cur, Piece piece) {
  cur.clear();
  for (char c : s) {
    if (c == '\'' || c == '`') continue;
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      piece(std::string_view(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) piece(std::string_view(cur));
}

std::vector<std::string> split_punctuation(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for_each_piece(s, cur, [&](std::string_view p) { out.emplace_back(p); });
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// Old spelling is recognised by its marks (oe, dj, tj, sj, or a leading nj: "Njoman"); only then is
// every other j the old y ("Tjahjono" = Cahyono, "Soerabaja" = Surabaya). Modern words keep their
// n+j ("Tanjung", "Anjani"), which a blind nj -> ny would break.
std::string modern_spelling(std::string t) {
  const bool old = t.find("oe") != std::string::npos || t.find("dj") != std::string::npos ||
                   t.find("tj") != std::string::npos || t.find("sj") != std::string::npos || t.rfind("nj", 0) == 0;
  replace_all(t, "oe", "u");
  if (old) {
    std::string out;
    for (size_t i = 0; i < t.size(); ++i) {
      const char prev = i ? t[i - 1] : '\0';
      if (t[i] != 'j') {
        out.push_back(t[i]);
      } else if (prev == 'd') {
        out.back() = 'j';  // dj -> j
      } else if (prev == 't') {
        out.back() = 'c';  // tj -> c
      } else {
        out.push_back('y');  // nj -> ny, sj -> sy, j -> y
      }
    }
    t = out;
  }
  replace_all(t, "ch", "kh");
  return t;
}

std::string canonical_token(const std::string& t) {
  const std::string modern = modern_spelling(t);
  for (const auto& [from, to] : kVariants)
    if (modern == from) return std::string(to);
  return modern;
}

// A token's canonical spelling and its phonetic key. Given names and surnames repeat through any
// population, so each thread remembers the tokens it has seen (bounded) instead of rewriting the
// same "siti" or "wahyudi" millions of times.
struct TokenForms {
  std::string canonical, phonetic;
};
const TokenForms& token_forms(std::string_view piece) {
  thread_local TextMap<TokenForms> seen;
  if (auto it = seen.find(piece); it != seen.end()) return it->second;
  if (seen.size() > 200000) seen.clear();
  std::string canonical = canonical_token(std::string(piece));
  std::string phonetic = indonesian_phonetic(canonical);
  return seen.emplace(piece, TokenForms{std::move(canonical), std::move(phonetic)}).first->second;
}

}  // namespace

std::string indonesian_phonetic(std::string_view token) {
  std::string t(token);
  // Digraphs of Arabic and Dutch origin, then letters Indonesians interchange.
  replace_all(t, "kh", "h");
  replace_all(t, "sy", "s");
  replace_all(t, "sh", "s");
  replace_all(t, "ts", "s");
  replace_all(t, "dz", "j");
  replace_all(t, "dh", "d");
  replace_all(t, "th", "t");
  replace_all(t, "ph", "p");
  replace_all(t, "ae", "ai");  // Zaenal = Zainal (but the a-i of Aisyah stays)
  for (auto& c : t) {
    if (c == 'f' || c == 'v') c = 'p';
    else if (c == 'z') c = 'j';
    else if (c == 'q') c = 'k';
  }
  // Doubled letters are one sound; a final h is silent (Fatimah = Fatima).
  std::string out;
  for (char c : t)
    if (out.empty() || out.back() != c) out.push_back(c);
  if (out.size() > 2 && out.back() == 'h') out.pop_back();
  return out;
}

NormalisedName normalise_person_name(std::string_view raw) {
  NormalisedName n;
  normalise_person_name(raw, n);
  return n;
}

void normalise_person_name(std::string_view raw, NormalisedName& n) {
  n.tokens.clear();
  n.patronym.clear();
  n.titles.clear();
  n.phonetic.clear();
  n.key.clear();
  n.sorted_key.clear();
  n.has_initials = false;
  // Scratch kept per thread: a province's names are normalised millions of times.
  thread_local std::string folded, bare, piece_buffer;
  thread_local std::vector<RawToken> raw_words;
  thread_local std::vector<char> is_title;
  fold_for_search(raw, folded);
  raw_tokens(folded, raw_words);
  // Which raw words are titles: leading prefixes while a name follows; degrees after a comma or at
  // the end (after the last word that is not a degree).
  is_title.assign(raw_words.size(), 0);
  size_t first_name = 0;
  while (first_name + 1 < raw_words.size() && (without(raw_words[first_name].text, '.', bare), in(bare, kPrefixTitles))) {
    // "H." and "M." differ: a single "m" is the Muhammad initial, never a title.
    is_title[first_name] = 1;
    ++first_name;
  }
  for (size_t i = raw_words.size(); i-- > first_name + 1;) {
    without(raw_words[i].text, '.', bare);
    const bool dotted = raw_words[i].text.find('.') != std::string_view::npos;
    // A degree: in the table and either dotted, after a comma, or at the end of a longer name.
    const bool marked = dotted || raw_words[i].after_comma;
    const bool at_end = i + 1 == raw_words.size() || is_title[i + 1];
    if (in(bare, kSuffixDegrees) && (marked || (at_end && !in(bare, kAmbiguousDegrees))))
      is_title[i] = 1;
    else
      break;
  }
  bool patronym = false;
  for (size_t i = 0; i < raw_words.size(); ++i) {
    if (is_title[i]) {
      without(raw_words[i].text, '.', bare);
      n.titles.push_back(bare);
      continue;
    }
    for_each_piece(raw_words[i].text, piece_buffer, [&](std::string_view piece) {
      if (!patronym && in(piece, kPatronymMarkers) && !n.tokens.empty()) {
        patronym = true;
        return;
      }
      // "M. Rizki": a leading single m is Muhammad.
      const bool muhammad = piece == "m" && n.tokens.empty() && !patronym && i + 1 < raw_words.size();
      const TokenForms& forms = token_forms(muhammad ? std::string_view("muhammad") : piece);
      if (patronym) {
        n.patronym.push_back(forms.canonical);
      } else {
        n.tokens.push_back(forms.canonical);
        n.phonetic.push_back(forms.phonetic);
      }
    });
  }
  for (const auto& t : n.tokens) {
    n.has_initials = n.has_initials || t.size() == 1;
    if (!n.key.empty()) n.key += ' ';
    n.key += t;
  }
  join_sorted(n.tokens, n.sorted_key);
}

void join_sorted(const std::vector<std::string>& tokens, std::string& out) {
  thread_local std::vector<std::string_view> sorted;
  sorted.assign(tokens.begin(), tokens.end());
  std::sort(sorted.begin(), sorted.end());
  out.clear();
  for (std::string_view t : sorted) {
    if (!out.empty()) out += ' ';
    out += t;
  }
}

std::string normalise_birth_place(std::string_view raw) {
  std::vector<std::string> words;
  for (const auto& w : split_punctuation(fold_for_search(raw))) words.push_back(modern_spelling(w));
  // Administrative prefixes: "kab", "kabupaten", "kota", "kota adm(inistrasi)", "kodya", "kotamadya".
  size_t start = 0;
  while (start < words.size() && (words[start] == "kab" || words[start] == "kabupaten" || words[start] == "kota" ||
                                  words[start] == "adm" || words[start] == "administrasi" || words[start] == "kodya" ||
                                  words[start] == "kotamadya" || words[start] == "kotif"))
    ++start;
  std::string out;
  for (size_t i = start; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kRenamed = {{
      {"ujung pandang", "makassar"}, {"ujungpandang", "makassar"}, {"jogja", "yogyakarta"},
      {"jogjakarta", "yogyakarta"}, {"yogya", "yogyakarta"}, {"jogyakarta", "yogyakarta"},
      {"solo", "surakarta"}, {"batavia", "jakarta"}}};
  for (const auto& [from, to] : kRenamed)
    if (out == from) return std::string(to);
  return out;
}

}  // namespace ktpel

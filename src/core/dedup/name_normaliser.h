// Normalisation of Indonesian personal names and birth places for demographic deduplication
// (NIK ganda / data doble). One documented module (docs/dedup.md, tables in name_normaliser.cc):
//  1. Unicode NFKC + case fold + diacritics stripped (utf8proc, core/text/fold.h);
//  2. titles and degrees removed and kept aside: prefixes (H., Hj., KH., Dr., Drs., Ir., Prof., ...)
//     and suffixes (S.Pd., S.H., M.M., A.Md., ...), with or without dots and commas;
//  3. punctuation to spaces (apostrophes vanish: Ma'ruf = Maruf);
//  4. bin / binti / bt / bte: what follows is the father's name (patronym), not the person's;
//  5. old spelling (Ejaan Soewandi) modernised: oe→u, ch→kh, and in words that show old marks
//     (oe, dj, tj, sj, a leading nj) dj→j, tj→c, nj→ny, sj→sy, other j→y ("Tanjung" stays);
//  6. the Muhammad family (Muhammad, Muhamad, Mohammad, Mochammad, Moch., Moh., Muh., M. ...) and
//     other Arabic-origin variants (Achmad/Ahmad, Abdoel/Abdul, ...) to one spelling;
//  7. single letters are initials; tokens sorted give a key that ignores their order;
//  8. an Indonesian-aware phonetic key per token (kh/h, sy/s, dz/z, f/p/v, final h, doubled letters...).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ktpel {

struct NormalisedName {
  std::vector<std::string> tokens;     // the person's own name, canonical tokens, original order
  std::vector<std::string> patronym;   // after bin/binti: the father's name
  std::vector<std::string> titles;     // removed titles and degrees, canonical ("h", "spd", ...)
  std::vector<std::string> phonetic;   // indonesian_phonetic() of each token
  std::string key;                     // tokens joined by one space
  std::string sorted_key;              // tokens sorted, joined: "aminah siti" for "Siti Aminah" and "Aminah Siti"
  bool has_initials = false;           // a token of one letter ("S. Aminah")
};

NormalisedName normalise_person_name(std::string_view raw);
// The same into `out`, whose strings and vectors keep their capacity (no allocation per name once
// warm: a province's names are normalised millions of times). `out` is cleared first: `raw` must
// not be a view into it.
void normalise_person_name(std::string_view raw, NormalisedName& out);

// Tokens sorted and joined by one space, into `out` (the sorted key of a name, of its phonetic forms).
void join_sorted(const std::vector<std::string>& tokens, std::string& out);

// Phonetic key of one already-normalised token: spellings that sound alike in Indonesian give the
// same key ("fadhil" and "fadil", "zainal", "zaenal" and "jaenal", "fitri" and "pitri", "aisyah"
// and "aisya").
std::string indonesian_phonetic(std::string_view token);

// A birth place without "Kab."/"Kabupaten"/"Kota"/"Kota Adm." and in modern spelling, with a few
// renamed cities mapped to today's names ("Ujung Pandang" -> "makassar").
std::string normalise_birth_place(std::string_view raw);

}  // namespace ktpel

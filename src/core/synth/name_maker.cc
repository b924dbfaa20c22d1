#include "core/synth/name_maker.h"

#include <array>

namespace ktpel {
namespace {

// Names common in the registry but absent from the faker vocabulary.
constexpr std::array<const char*, 24> kMuslimMale = {
    "ABDUL RAHMAN", "AHMAD", "ALI", "HASAN", "HUSAIN", "IBRAHIM", "ISMAIL", "YUSUF", "UMAR", "USMAN",
    "SYAHRUL", "RIZKI", "FIKRI", "HAMZAH", "ZAINAL", "ARIFIN", "SAIFUL", "ANWAR", "HERMAN", "SUPRIADI",
    "JUMADI", "SAMSUDIN", "RUSLAN", "ILHAM"};
constexpr std::array<const char*, 18> kMuslimFemale = {
    "FATIMAH", "AISYAH", "KHADIJAH", "ZAINAB", "AMINAH", "NURHAYATI", "HALIMAH", "MARYAM", "SALMA", "RAHMAWATI",
    "NURJANAH", "HASNAH", "JUMIATI", "SUHARTINI", "HADIJAH", "MULYANI", "SAMSIAH", "ROSMIATI"};
constexpr std::array<const char*, 14> kChristianMale = {"YOHANES", "PETRUS", "PAULUS", "MARKUS", "YAKOBUS", "STEFANUS",
                                                        "ANDREAS", "SAMUEL", "DANIEL", "MATIUS", "YOSEF", "LUKAS",
                                                        "FRANSISKUS", "IGNASIUS"};
constexpr std::array<const char*, 12> kChristianFemale = {"MARIA", "MAGDALENA", "ELISABETH", "KRISTINA", "YOHANA",
                                                          "RUTH", "DEBORA", "MARTHA", "LIDIA", "SUSANA", "THERESIA",
                                                          "AGNES"};
constexpr std::array<const char*, 16> kBatakMarga = {"SIREGAR", "NASUTION", "SIMANJUNTAK", "NAINGGOLAN", "SITORUS",
                                                     "HUTAGALUNG", "MANURUNG", "PARDEDE", "SILALAHI", "SINAGA",
                                                     "TAMPUBOLON", "LUBIS", "HARAHAP", "SIMATUPANG", "PANJAITAN",
                                                     "SIHOMBING"};
constexpr std::array<const char*, 12> kMinahasaFam = {"LUMENTA", "RUMENGAN", "WENAS", "PANGEMANAN", "SONDAKH",
                                                      "TUMBELAKA", "MANDAGI", "RONDONUWU", "KALALO", "LENGKONG",
                                                      "WOROTIKAN", "SUMAMPOUW"};
// The Muhammad family as written in real registries, most frequent first.
constexpr std::array<std::pair<const char*, double>, 7> kMuhammad = {{{"MUHAMMAD", 0.45},
                                                                      {"MUHAMAD", 0.15},
                                                                      {"MOHAMMAD", 0.10},
                                                                      {"MOCHAMMAD", 0.05},
                                                                      {"MOCH.", 0.05},
                                                                      {"MOH.", 0.08},
                                                                      {"M.", 0.12}}};

template <size_t N>
std::string pick(const std::array<const char*, N>& a, Rng& rng) {
  return a[rng.below(N)];
}

}  // namespace

std::string upper_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

NameMaker::NameMaker(NameVocabulary v) : v_(std::move(v)) {
  for (auto* list : {&v_.male_first, &v_.female_first, &v_.generic_first, &v_.male_last, &v_.female_last,
                     &v_.generic_last, &v_.male_titles, &v_.female_titles, &v_.suffixes})
    for (auto& s : *list) s = upper_ascii(s);
  if (v_.male_first.empty()) v_.male_first = {"BUDI"};
  if (v_.female_first.empty()) v_.female_first = {"SRI"};
}

NameStyle NameMaker::style_for_religion(const std::string& religion, Rng& rng) const {
  if (religion == "Islam") return NameStyle::Muslim;
  if (religion == "Kristen" || religion == "Katolik") {
    const double x = rng.uniform();
    return x < 0.12 ? NameStyle::Batak : x < 0.22 ? NameStyle::Minahasa : NameStyle::Christian;
  }
  return NameStyle::Other;
}

std::string NameMaker::family_name(NameStyle style, Rng& rng) const {
  if (style == NameStyle::Batak) return pick(kBatakMarga, rng);
  if (style == NameStyle::Minahasa) return pick(kMinahasaFam, rng);
  return {};
}

std::string NameMaker::given(Sex sex, NameStyle style, Rng& rng) const {
  const bool male = sex == Sex::L;
  std::string first;
  const double x = rng.uniform();
  if (style == NameStyle::Muslim && x < 0.35)
    first = male ? pick(kMuslimMale, rng) : pick(kMuslimFemale, rng);
  else if ((style == NameStyle::Christian || style == NameStyle::Batak || style == NameStyle::Minahasa) && x < 0.3)
    first = male ? pick(kChristianMale, rng) : pick(kChristianFemale, rng);
  else if (x > 0.97 && !v_.generic_first.empty())
    first = rng.pick(v_.generic_first) + " " + rng.pick(male ? v_.male_first : v_.female_first);
  else
    first = rng.pick(male ? v_.male_first : v_.female_first);
  if (style == NameStyle::Muslim && male && rng.chance(0.18)) {
    double y = rng.uniform();
    for (auto& [form, p] : kMuhammad) {
      if ((y -= p) < 0) return std::string(form) + " " + first;
    }
  }
  if (style == NameStyle::Muslim && !male && rng.chance(0.2))
    return std::string(rng.chance(0.6) ? "SITI " : rng.chance(0.5) ? "NUR " : "NURUL ") + first;
  return first;
}

std::string NameMaker::full(Sex sex, NameStyle style, const std::string& family, const std::string& father_given,
                            int age, Rng& rng) const {
  const bool male = sex == Sex::L;
  std::string name = given(sex, style, rng);
  if (!family.empty()) {
    name += " " + family;
  } else if (style == NameStyle::Muslim && !father_given.empty() && rng.chance(0.04)) {
    // bin/binti + the father's first given token
    name += (male ? " BIN " : " BINTI ") + father_given.substr(0, father_given.find(' '));
  } else if (rng.chance(0.7)) {  // else a single name, common in Java and Kalimantan
    const auto& last = male ? v_.male_last : v_.female_last;
    if (!last.empty()) name += " " + rng.pick(last);
  }
  if (age >= 45 && style == NameStyle::Muslim && rng.chance(0.04)) name = (male ? "H. " : "HJ. ") + name;
  else if (age >= 30 && rng.chance(0.008)) name = (rng.chance(0.5) ? "DRS. " : "IR. ") + name;
  if (age >= 23 && rng.chance(0.05) && !v_.suffixes.empty()) name += ", " + rng.pick(v_.suffixes);
  return name;
}

}  // namespace ktpel

// Indonesian personal names for synthetic residents, in SIAK style (upper case): single names,
// Muslim names with the Muhammad family of spellings, Siti/Nur prefixes, bin/binti patronymics,
// Batak marga and Minahasa fam passed from father to children, titles and degrees.
#pragma once
#include <string>
#include <vector>

#include "core/registry/sex.h"
#include "core/synth/random.h"

namespace ktpel {

struct NameVocabulary {  // from data/names/id_ID_person.json
  std::vector<std::string> male_first, female_first, generic_first;
  std::vector<std::string> male_last, female_last, generic_last;
  std::vector<std::string> male_titles, female_titles, suffixes;
};

enum class NameStyle { Muslim, Christian, Batak, Minahasa, Other };

class NameMaker {
 public:
  explicit NameMaker(NameVocabulary v);

  NameStyle style_for_religion(const std::string& religion, Rng& rng) const;
  // A family name carried by the household (Batak marga / Minahasa fam), "" for other styles.
  std::string family_name(NameStyle style, Rng& rng) const;
  // A given name (one or two tokens), upper case.
  std::string given(Sex sex, NameStyle style, Rng& rng) const;
  // The full registry name. father_given is used for bin/binti; age for titles.
  std::string full(Sex sex, NameStyle style, const std::string& family, const std::string& father_given, int age,
                   Rng& rng) const;

 private:
  NameVocabulary v_;
};

std::string upper_ascii(std::string s);

}  // namespace ktpel

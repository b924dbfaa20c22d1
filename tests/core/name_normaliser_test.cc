// The Indonesian name normaliser, driven by tables in tests/data/dedup (one case per line).
#include "core/dedup/name_normaliser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/test_env.h"

namespace ktpel {
namespace {

std::vector<std::vector<std::string>> table(const std::string& name) {
  std::ifstream in(std::string(KTPEL_TEST_SOURCE_DIR) + "/data/dedup/" + name);
  EXPECT_TRUE(in) << name;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

std::string joined(const std::vector<std::string>& v, char sep) {
  if (v.empty()) return "-";
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : std::string(1, sep)) + x;
  return out;
}

TEST(NameNormaliser, NamesTable) {
  const auto rows = table("names.tsv");
  ASSERT_GE(rows.size(), 40u);
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 4u) << r[0];
    const auto n = normalise_person_name(r[0]);
    EXPECT_EQ(n.key, r[1]) << "name: " << r[0];
    EXPECT_EQ(joined(n.patronym, ' '), r[2]) << "patronym of: " << r[0];
    EXPECT_EQ(joined(n.titles, '+'), r[3]) << "titles of: " << r[0];
  }
}

TEST(NameNormaliser, PhoneticTable) {
  for (const auto& r : table("phonetic.tsv")) {
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(indonesian_phonetic(r[0]), r[1]) << r[0];
  }
}

TEST(NameNormaliser, BirthPlaceTable) {
  for (const auto& r : table("birth_places.tsv")) {
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(normalise_birth_place(r[0]), r[1]) << r[0];
  }
}

TEST(NameNormaliser, ReorderedTokensShareTheSortedKeyAndInitialsAreFlagged) {
  EXPECT_EQ(normalise_person_name("Aminah Siti").sorted_key, normalise_person_name("SITI AMINAH").sorted_key);
  EXPECT_NE(normalise_person_name("Aminah Siti").key, normalise_person_name("SITI AMINAH").key);
  EXPECT_TRUE(normalise_person_name("S. Aminah").has_initials);
  EXPECT_FALSE(normalise_person_name("Siti Aminah").has_initials);
  const auto n = normalise_person_name("Hj. Fatimah");
  ASSERT_EQ(n.phonetic.size(), 1u);
  EXPECT_EQ(n.phonetic[0], "patima");
  // Nothing left but titles, or nothing at all: an empty name, not a crash.
  EXPECT_EQ(normalise_person_name("").key, "");
  EXPECT_EQ(normalise_person_name(" , . ").key, "");
  EXPECT_EQ(normalise_person_name("H.").key, "h");  // a lone "H." is a name (initial), not a title
}

// The engine normalises millions of names into one reused NormalisedName: nothing of one name may
// stay behind for the next (titles, patronym, initials, keys), in either order.
TEST(NameNormaliser, AReusedResultHoldsOnlyTheLastName) {
  const std::vector<std::string> names = {"Prof. Dr. H. Muhammad Rizki bin Abdullah, S.Pd., M.M.", "Siti", "",
                                          "S. Aminah binti Hasan", "Nur'aini Soewandi", "Ir. Bambang Sugeng Wibowo MT",
                                          "Yohana Tambunan", "M.", "Tjahjono Djojohadikoesoemo"};
  NormalisedName reused;
  for (int round = 0; round < 2; ++round)
    for (size_t k = 0; k < names.size(); ++k) {
      const std::string& name = names[round == 0 ? k : names.size() - 1 - k];
      normalise_person_name(name, reused);
      const NormalisedName fresh = normalise_person_name(name);
      EXPECT_EQ(reused.tokens, fresh.tokens) << name;
      EXPECT_EQ(reused.patronym, fresh.patronym) << name;
      EXPECT_EQ(reused.titles, fresh.titles) << name;
      EXPECT_EQ(reused.phonetic, fresh.phonetic) << name;
      EXPECT_EQ(reused.key, fresh.key) << name;
      EXPECT_EQ(reused.sorted_key, fresh.sorted_key) << name;
      EXPECT_EQ(reused.has_initials, fresh.has_initials) << name;
    }
  normalise_person_name("Prof. Dr. H. Muhammad Rizki bin Abdullah, S.Pd., M.M.", reused);
  EXPECT_EQ(reused.key, "muhammad rizki");
  EXPECT_EQ(reused.patronym, (std::vector<std::string>{"abdullah"}));
  EXPECT_EQ(reused.titles, (std::vector<std::string>{"prof", "dr", "h", "spd", "mm"}));
}

}  // namespace
}  // namespace ktpel

// The demographic dedup engine's parts: blocking (union, each pair once, capped mega-blocks),
// comparison levels, family rules, term frequencies, guarded clusters, and a run end to end.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/dedup/blocking.h"
#include "core/dedup/clustering.h"
#include "core/dedup/dedup_engine.h"
#include "core/dedup/family_rules.h"
#include "core/dedup/model_check.h"
#include "core/dedup/pair_comparison.h"
#include "core/dedup/pair_pruning.h"

namespace ktpel {
namespace {

PreparedRecord person(std::string nik, std::string name, std::string dob, std::string mother = "", std::string father = "",
                      std::string kk = "", std::string sex = "P", std::string place = "Malang") {
  DedupInput in;
  in.nik = std::move(nik);
  in.name = std::move(name);
  in.birth_date = std::move(dob);
  in.mother_name = std::move(mother);
  in.father_name = std::move(father);
  in.kk = std::move(kk);
  in.sex = std::move(sex);
  in.birth_place = std::move(place);
  return prepare_record(in);
}

TEST(DedupRecord, DatesAndSexAsRegistersWriteThem) {
  EXPECT_EQ(parse_dedup_date("1980-02-29"), (Date{1980, 2, 29}));
  EXPECT_EQ(parse_dedup_date("29-02-1980"), (Date{1980, 2, 29}));
  EXPECT_EQ(parse_dedup_date("29/02/1980"), (Date{1980, 2, 29}));
  EXPECT_FALSE(parse_dedup_date("1981-02-29"));
  EXPECT_FALSE(parse_dedup_date(""));
  EXPECT_EQ(parse_dedup_sex("Laki-laki"), 1);
  EXPECT_EQ(parse_dedup_sex(" p "), 2);
  EXPECT_EQ(parse_dedup_sex("?"), 0);
  // bin/binti gives the father when the father's field is empty.
  const auto r = person("1", "Siti Aisyah binti Abdullah", "1990-01-01");
  EXPECT_EQ(r.name_key(), "siti aisyah");
  EXPECT_EQ(r.father_key(), "abdullah");
}

TEST(Blocking, EveryPairOnceAndTaggedWithTheFirstRule) {
  std::vector<PreparedRecord> rs = {person("1", "Siti Aminah", "1980-05-01", "Halimah", "Ahmad"),
                                    person("2", "Siti Aminah", "1980-05-01", "Halimah", "Ahmad"),
                                    person("3", "Budi Santoso", "1975-01-01", "Wati", "Joko", "", "L")};
  std::vector<BlockingRuleStats> stats;
  const auto pairs = candidate_pairs(rs, default_blocking_rules(), {}, &stats);
  ASSERT_EQ(pairs.size(), 1u);  // records 1 and 2 share every key; record 3 none
  EXPECT_EQ(pair_first(pairs[0]), 0u);
  EXPECT_EQ(pair_second(pairs[0]), 1u);
  EXPECT_EQ(pair_rule(pairs[0]), 0u);
  EXPECT_EQ(stats[0].pairs, 1u);
  for (size_t r = 1; r < stats.size(); ++r) EXPECT_EQ(stats[r].pairs, 0u) << stats[r].name;
}

TEST(Blocking, MegaBlocksAreCappedBySortedNeighbourhood) {
  // 3,000 women called Siti Aminah born the same day, different parents: one block per rule of
  // 3,000 records would be 4.5 million pairs; capped, each record meets its next `window`.
  std::vector<PreparedRecord> rs;
  for (int i = 0; i < 3000; ++i)
    rs.push_back(person(std::to_string(i), "Siti Aminah", "1980-05-01", "Ibu " + std::to_string(i), "Bapak " + std::to_string(i)));
  BlockingOptions opt;
  opt.max_block = 200;
  opt.window = 10;
  std::vector<BlockingRuleStats> stats;
  const auto pairs = candidate_pairs(rs, default_blocking_rules(), opt, &stats);
  EXPECT_LE(pairs.size(), 3000u * 10 * default_blocking_rules().size());
  EXPECT_GE(stats[0].capped_blocks, 1u);
  EXPECT_EQ(stats[0].largest_block, 3000u);
  std::set<uint64_t> unique;
  for (uint64_t p : pairs) {
    EXPECT_LT(pair_first(p), pair_second(p));
    unique.insert(p >> 4);
  }
  EXPECT_EQ(unique.size(), pairs.size());
}

TEST(Blocking, SameCandidatesAsExpandingEveryRuleAndTakingTheUnion) {
  // A small crowd with few names, parents and dates, so that blocks are capped under several rules
  // and overlap: the candidates must be exactly the union of every rule's pairs (all pairs of an
  // uncapped block, window neighbours in a capped one), each tagged with the first rule having it.
  std::vector<PreparedRecord> rs;
  const char* names[] = {"Siti Aminah", "Siti Aminah", "Sri Wahyuni", "Nur Hidayah", "Siti Amina"};
  const char* mothers[] = {"Halimah", "Fatimah", "Halimah"};
  uint64_t x = 7;
  auto next = [&] { x = x * 6364136223846793005ull + 1442695040888963407ull; return x >> 33; };
  for (int i = 0; i < 300; ++i) {
    char dob[16];
    std::snprintf(dob, sizeof dob, "19%02d-0%d-0%d", 80 + static_cast<int>(next() % 3), 1 + static_cast<int>(next() % 2),
                  1 + static_cast<int>(next() % 3));
    rs.push_back(person(std::to_string(i), names[next() % 5], dob, mothers[next() % 3], next() % 2 ? "Ahmad" : "Umar",
                        "", next() % 2 ? "L" : "P"));
  }
  BlockingOptions opt;
  opt.max_block = 8;
  opt.window = 3;
  const auto& rules = default_blocking_rules();
  std::map<uint64_t, uint32_t> expected;  // (i << 32 | j) -> first rule
  for (size_t r = 0; r < rules.size(); ++r) {
    std::map<uint64_t, std::vector<uint32_t>> blocks;
    for (uint32_t i = 0; i < rs.size(); ++i)
      if (const uint64_t k = rules[r].key(rs[i])) blocks[k].push_back(i);
    for (auto& [k, members] : blocks) {
      std::vector<std::pair<uint64_t, uint32_t>> sorted;
      for (uint32_t i : members) sorted.emplace_back(members.size() > opt.max_block ? rules[r].order(rs[i]) : 0, i);
      std::sort(sorted.begin(), sorted.end());
      const size_t reach = members.size() > opt.max_block ? opt.window : members.size();
      for (size_t a = 0; a < sorted.size(); ++a)
        for (size_t b = a + 1; b < std::min(sorted.size(), a + 1 + reach); ++b) {
          const uint32_t i = std::min(sorted[a].second, sorted[b].second), j = std::max(sorted[a].second, sorted[b].second);
          expected.emplace(static_cast<uint64_t>(i) << 32 | j, static_cast<uint32_t>(r));  // keeps the first rule
        }
    }
  }
  std::vector<BlockingRuleStats> stats;
  const auto pairs = candidate_pairs(rs, rules, opt, &stats);
  uint64_t capped = 0;
  for (const auto& s : stats) capped += s.capped_blocks;
  ASSERT_GT(capped, 5u) << "the crowd must cap blocks under several rules";
  std::map<uint64_t, uint32_t> got;
  for (uint64_t p : pairs) EXPECT_TRUE(got.emplace(static_cast<uint64_t>(pair_first(p)) << 32 | pair_second(p), pair_rule(p)).second);
  EXPECT_EQ(got, expected);
}

// The family rule's verdict on two records, compared as the engine compares them.
FamilyVerdict verdict(const PreparedRecord& a, const PreparedRecord& b) { return family_verdict(a, b, compare_records(a, b)); }

TEST(PairComparison, LevelsFollowTheDesign) {
  const auto a = person("1", "Muhammad Rizki", "1990-03-04", "Siti Halimah", "Ahmad Yani");
  EXPECT_EQ(compare_records(a, person("2", "M. Rizki", "1990-03-04", "Siti Halimah", "Ahmad Yani")).level[kName], 5);
  EXPECT_EQ(compare_records(a, person("2", "Rizki Muhammad", "1990-03-04")).level[kName], 4);
  EXPECT_EQ(compare_records(a, person("2", "Muhammad Rizky", "1990-03-04")).level[kName], 4);
  EXPECT_EQ(compare_records(a, person("2", "Rizki", "1990-03-04")).level[kName], 3);
  EXPECT_LE(compare_records(a, person("2", "Budi Santoso", "1990-03-04")).level[kName], 2);
  EXPECT_EQ(compare_records(a, person("2", "Muhammad Rizki", "1990-04-03")).level[kBirthDate], 4);  // swapped
  EXPECT_EQ(compare_records(a, person("2", "Muhammad Rizki", "1990-03-05")).level[kBirthDate], 4);  // a day off
  EXPECT_EQ(compare_records(a, person("2", "Muhammad Rizki", "1990-01-01")).level[kBirthDate], 3);  // placeholder
  EXPECT_EQ(compare_records(a, person("2", "Muhammad Rizki", "1990-08-20")).level[kBirthDate], 2);
  EXPECT_EQ(compare_records(a, person("2", "Muhammad Rizki", "1960-08-20")).level[kBirthDate], 1);
  const auto mother_first_only = compare_records(a, person("2", "Muhammad Rizki", "1990-03-04", "Siti"));
  EXPECT_EQ(mother_first_only.level[kMother], 3);
  EXPECT_EQ(mother_first_only.level[kFather], 0);  // missing says nothing
}

TEST(PairComparison, NamesAsClerksSpaceThemAndFamilyNamesThatDoNotMakeAPerson) {
  const auto a = person("1", "Bambang Sugeng", "1970-02-02");
  EXPECT_EQ(compare_records(a, person("2", "BAMBANGSUGENG", "1970-02-02")).level[kName], 4);
  EXPECT_EQ(compare_records(person("3", "Sulistyowati", "1970-02-02"), person("4", "Sulistyo Wati", "1970-02-02")).level[kName], 4);
  const auto run = compare_records(person("5", "Idris Jamal Udin", "1970-02-02"), person("6", "Jamaludin", "1970-02-02"));
  EXPECT_EQ(run.level[kName], 3);
  EXPECT_TRUE(run.name_contained);
  // Two siblings of one marga: the given names differ, however alike the sorted strings start.
  EXPECT_LE(compare_records(person("7", "Ricky Manurung", "1990-01-01"), person("8", "Widya Manurung", "1990-01-01")).level[kName], 2);
  // A reordered name with a typo is still very close.
  EXPECT_GE(compare_records(person("9", "Titi Puspita", "1990-01-01"), person("10", "Puspita Titu", "1990-01-01")).level[kName], 3);
}

// names_very_close is the engine's shortcut for pairs that only a "very close" name could keep:
// it must say yes exactly when compare_names gives level 4 or 5, on names as clerks vary them.
TEST(PairComparison, VeryCloseAgreesWithTheNameLevel) {
  const std::vector<std::string> base = {"Siti Aminah", "Muhammad Fajar Ramadhan", "Nurhayati Simanjuntak", "Budi Santoso",
                                         "I Gusti Ngurah Rai", "Sri Wahyuningsih", "Yohana Tambunan", "Dewi Lestari",
                                         "Ahmad Dahlan", "Bambang Sugeng Wibowo", "Fitri", "Zainal Arifin", "Putri Ayu",
                                         "Abdullah Fikri", "Titi Puspita", "Sarjono", "Halimah Nurhayati Suyitno", "Ani",
                                         // past 64 letters, where Jaro-Winkler takes the textbook path
                                         "Raden Mas Bambang Sugeng Wibowo Hadikusumo Prawironegoro Suryaningrat",
                                         "Gusti Kanjeng Ratu Hemas Kusumawardhani Suryaningsih Prabuningrat"};
  std::vector<std::string> names;
  for (const std::string& n : base) {
    names.push_back(n);
    std::vector<std::string> t;
    for (size_t at = 0; at <= n.size();) {
      const size_t sp = std::min(n.find(' ', at), n.size());
      t.push_back(n.substr(at, sp - at));
      at = sp + 1;
    }
    auto join = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& x : v) out += (out.empty() ? "" : " ") + x;
      return out;
    };
    if (t.size() > 1) {
      names.push_back(join({t.begin() + 1, t.end()}));                  // first token dropped
      names.push_back(join({t.begin(), t.end() - 1}));                  // last token dropped
      std::vector<std::string> r(t.rbegin(), t.rend());
      names.push_back(join(r));                                         // reordered
      names.push_back(t[0].substr(0, 1) + ". " + join({t.begin() + 1, t.end()}));  // an initial
      names.push_back(t[0] + t[1] + (t.size() > 2 ? " " + join({t.begin() + 2, t.end()}) : ""));  // a space left out
    }
    names.push_back(n.substr(0, n.size() / 2) + "x" + n.substr(n.size() / 2 + 1));  // one letter wrong
    names.push_back(n.substr(0, n.size() / 2) + n.substr(n.size() / 2 + 1));        // one letter dropped
    names.push_back(n + "h");                                                        // one letter added
    names.push_back(n + " Saputra");                                                 // a token added
  }
  std::vector<PreparedRecord> rs;
  for (size_t i = 0; i < names.size(); ++i) rs.push_back(person(std::to_string(i), names[i], "1990-01-01"));
  int very_close = 0, compared = 0;
  for (size_t i = 0; i < rs.size(); ++i)
    for (size_t j = 0; j < rs.size(); ++j) {
      const int level = compare_names(rs[i], rs[j]).level[kName];
      EXPECT_EQ(names_very_close(rs[i], rs[j]), level >= 4) << names[i] << " / " << names[j] << ": level " << level;
      very_close += level >= 4;
      ++compared;
    }
  EXPECT_GT(very_close, static_cast<int>(rs.size()));  // more than the pairs of a name with itself
  EXPECT_LT(very_close, compared / 4);
}

TEST(Blocking, ASpaceLeftOutAndADateErrorStillMeet) {
  const std::vector<PreparedRecord> rs = {person("1", "Bambang Sugeng", "1970-02-02", "Sumiati", "Karto"),
                                          person("2", "Bambangsugeng", "1970-08-12", "Sumiyati", "")};
  const auto pairs = candidate_pairs(rs, default_blocking_rules(), BlockingOptions{});
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(default_blocking_rules()[pair_rule(pairs[0])].name, "compact_name_sound+birth_year");
}

TEST(FamilyRules, RelativesAreNotDuplicates) {
  // Siblings in one KK.
  const auto s1 = person("1", "Dwi Lestari", "2001-02-03", "Sri Wahyuni", "Bambang", "3507010101010001");
  const auto s2 = person("2", "Tri Lestari", "2003-05-06", "Sri Wahyuni", "Bambang", "3507010101010001");
  EXPECT_EQ(verdict(s1, s2), FamilyVerdict::SameKk);
  // Twins who now head their own KKs: same birth date and parents, different names.
  const auto t1 = person("3", "Hasan Basri", "1990-07-07", "Aminah", "Abdul Karim", "111", "L");
  const auto t2 = person("4", "Husni Basri", "1990-07-07", "Aminah", "Abdul Karim", "222", "L");
  EXPECT_EQ(verdict(t1, t2), FamilyVerdict::Twins);
  // ... but one name with a slip of the pen is the same person.
  const auto d = person("5", "Hasan Basry", "1990-07-07", "Aminah", "Abdul Karim", "333", "L");
  EXPECT_EQ(verdict(t1, d), FamilyVerdict::None);
  // A son named after his father.
  const auto father = person("6", "Ahmad Yani", "1960-01-10", "Fatimah", "Soekarjo", "444", "L");
  const auto son = person("7", "Ahmad Yani", "1988-09-10", "Siti Khodijah", "Ahmad Yani", "555", "L");
  EXPECT_EQ(verdict(father, son), FamilyVerdict::ParentChild);
  // Namesakes a generation apart.
  const auto old = person("8", "Joko Susilo", "1950-01-10", "", "", "", "L");
  const auto young = person("9", "Joko Susilo", "1985-01-10", "", "", "", "L");
  EXPECT_EQ(verdict(old, young), FamilyVerdict::Generations);
}

PreparedRecord at_home(std::string nik, std::string name, std::string dob, std::string kk, std::string address,
                       std::string rt = "010", std::string sex = "L") {
  DedupInput in;
  in.nik = std::move(nik);
  in.name = std::move(name);
  in.birth_date = std::move(dob);
  in.mother_name = "Lisbet Simanjuntak";
  in.father_name = "Tigor Siregar";
  in.kk = std::move(kk);
  in.sex = std::move(sex);
  in.birth_place = "Tapanuli Utara";
  in.village_code = "12.02.01.2001";
  in.rt = std::move(rt);
  in.rw = "002";
  in.address = std::move(address);
  return prepare_record(in);
}

TEST(FamilyRules, SiblingsOfOneNameAreTwoPeople) {
  // A child named after a sibling: one KK, one name, born years apart.
  const auto older = at_home("1", "Jonathan Siregar", "1990-03-01", "1202010101010001", "Jl. Balige No. 5");
  const auto younger = at_home("2", "Jonathan Siregar", "1996-11-20", "1202010101010001", "Jl. Balige No. 5");
  EXPECT_EQ(verdict(older, younger), FamilyVerdict::Siblings);
  // The same dwelling under two KKs (address written otherwise, RT with its zeros dropped).
  const auto split = at_home("3", "Jonathan Siregar", "1996-11-20", "1202010101010099", "JL BALIGE NO 5", "10");
  EXPECT_TRUE(same_household(older, split));
  EXPECT_EQ(verdict(older, split), FamilyVerdict::Siblings);
  // Living apart: same parents, born two years or more apart.
  const auto apart = at_home("4", "Jonathan Siregar", "1993-05-02", "1271010101010001", "Jl. Sisingamangaraja 1");
  EXPECT_FALSE(same_household(older, apart));
  EXPECT_EQ(verdict(older, apart), FamilyVerdict::Siblings);
  // But one person registered again elsewhere with a clerk's date slip is no sibling.
  const auto again = at_home("5", "Jonatan Siregar", "1990-01-03", "1271010101010001", "Jl. Sisingamangaraja 1");
  EXPECT_EQ(verdict(older, again), FamilyVerdict::None);
}

TEST(FamilyRules, ASecondRegistrationWithANearNameIsNoTwin) {
  // Same date and parents, another KK elsewhere, a name misspelt twice: one person.
  const auto a = person("1", "Sarjono", "1975-04-12", "Painem", "Karto", "3301", "L");
  const auto b = person("2", "Saryoo", "1975-04-12", "Painem", "Karto", "3302", "L");
  EXPECT_EQ(verdict(a, b), FamilyVerdict::None);
  const auto c = person("3", "Muhammad Hasan", "1975-04-12", "Painem", "Karto", "3303", "L");
  const auto d = person("4", "Mokhamnad Hasan", "1975-04-12", "Painem", "Karto", "3304", "L");
  EXPECT_EQ(verdict(c, d), FamilyVerdict::None);
  // Twins of two sexes named as a pair, each on their own KK now.
  const auto boy = person("5", "Putra Wijaya", "1999-09-09", "Painem", "Karto", "3305", "L");
  const auto girl = person("6", "Putri Wijaya", "1999-09-09", "Painem", "Karto", "3306", "P");
  EXPECT_EQ(verdict(boy, girl), FamilyVerdict::Twins);
  // ... while a sex slip on one record of one name is not twins.
  const auto slip = person("7", "Putra Wijaya", "1999-09-09", "Painem", "Karto", "3307", "P");
  EXPECT_EQ(verdict(boy, slip), FamilyVerdict::None);
}

TEST(DedupScorer, TermFrequencyWeighsASharedRareNameMore) {
  FsModel m;
  for (int f = 0; f < kDedupFieldCount; ++f) {
    m.m.emplace_back(kDedupLevels[f], 0.1);
    m.u.emplace_back(kDedupLevels[f], 0.1);
  }
  m.m[kName][5] = 0.8;
  m.u[kName][5] = 0.001;
  m.lambda = 1e-6;
  const DedupScorer scorer(m, 1'000'000, {});
  PairLevels p;
  p.level[kName] = 5;
  TermCounts rare, common, unknown;
  rare.count[0] = 2;
  common.count[0] = 2000;
  const double w_rare = scorer.contributions(p, rare)[kName];
  const double w_common = scorer.contributions(p, common)[kName];
  EXPECT_NEAR(w_rare - w_common, std::log2(1000.0), 1e-9);
  EXPECT_NEAR(scorer.contributions(p, unknown)[kName], std::log2(0.8 / 0.001), 1e-9);  // no count: average u
  const std::string why = scorer.explain(p, rare, scorer.score(FamilyVerdict::None, p, rare));
  EXPECT_NE(why.find("name exact"), std::string::npos) << why;
  EXPECT_NE(why.find("held by 2"), std::string::npos) << why;
  EXPECT_EQ(why.find(','), std::string::npos) << "explanations carry no commas: " << why;
}

TEST(Clustering, AWeakLinkDoesNotChainUnlikeRecords) {
  // 0~1 and 1~2 are matches, but 0 and 2 are incompatible: 2 stays out of 0's cluster.
  std::vector<ClusterEdge> edges = {{0, 1, 0.999}, {1, 2, 0.98}, {3, 4, 0.99}};
  auto compatible = [](uint32_t x, uint32_t y) { return !((x == 0 && y == 2) || (x == 2 && y == 0)); };
  const Clustering c = guarded_clusters(edges, compatible);
  ASSERT_EQ(c.clusters.size(), 2u);
  EXPECT_EQ(c.clusters[0], (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(c.clusters[1], (std::vector<uint32_t>{3, 4}));
  EXPECT_EQ(c.refused, 1u);
  // Without the conflict the three join.
  std::vector<ClusterEdge> again = {{0, 1, 0.999}, {1, 2, 0.98}};
  EXPECT_EQ(guarded_clusters(again, [](uint32_t, uint32_t) { return true; }).clusters[0], (std::vector<uint32_t>{0, 1, 2}));
}

// 4,000 strangers with varied names (shared given names, surnames, parents and birth years).
std::vector<PreparedRecord> strangers() {
  std::vector<PreparedRecord> rs;
  const char* first[] = {"Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lina",
                         "Made", "Nur", "Oki", "Putri", "Rudi", "Sri", "Tono", "Wati"};
  const char* last[] = {"Santoso", "Wibowo", "Lestari", "Hidayat", "Saputra", "Kusuma", "Siregar", "Nasution", "Pratama",
                        "Wijaya", "Harahap", "Simanjuntak", "Purnomo", "Setiawan", "Rahayu", "Susanti", "Utami", "Gunawan"};
  uint64_t x = 12345;
  auto next = [&] { x = x * 6364136223846793005ull + 1442695040888963407ull; return x >> 33; };
  for (int i = 0; i < 4000; ++i) {
    const std::string name = std::string(first[next() % 20]) + " " + last[next() % 18] + " " + first[next() % 20];
    char dob[16];
    std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", 1950 + static_cast<int>(next() % 50), 1 + static_cast<int>(next() % 12),
                  1 + static_cast<int>(next() % 28));
    rs.push_back(person("S" + std::to_string(i), name, dob, std::string(first[next() % 20]) + " " + last[next() % 18],
                        std::string(first[next() % 20]) + " " + last[next() % 18], "KK" + std::to_string(i),
                        next() % 2 ? "L" : "P"));
  }
  return rs;
}

TEST(DedupEngine, FindsTheDuplicateAmongStrangersAndExplainsIt) {
  // One re-recorded person among strangers, with a typo and a swapped date.
  std::vector<PreparedRecord> rs = strangers();
  rs.push_back(person("A", "Nurhayati Simanjuntak", "1971-03-08", "Rosmawati Siregar", "Tumpal Simanjuntak", "K1"));
  rs.push_back(person("B", "Nurhayati Simanjuntak, S.Pd.", "1971-08-03", "Rosmawati Siregar", "Tumpal Simanjuntak", "K2"));
  rs.push_back(person("C", "Nurhajati Simandjuntak", "1971-03-08", "", "Tumpal Simanjuntak", "K3"));
  DedupOptions opt;
  opt.threads = 2;
  opt.random_pairs = 200000;
  const DedupResult r = deduplicate(rs, opt);
  std::set<std::pair<std::string, std::string>> matches;
  for (const auto& p : r.pairs)
    if (p.score.decision == PairDecision::Match) matches.insert({std::string(rs[p.a].nik()), std::string(rs[p.b].nik())});
  EXPECT_TRUE(matches.count({"A", "B"}) || matches.count({"B", "A"}));
  EXPECT_TRUE(matches.count({"A", "C"}) || matches.count({"C", "A"}));
  ASSERT_FALSE(r.clusters.empty());
  bool three = false;
  for (const auto& c : r.clusters) three = three || c.size() == 3;
  EXPECT_TRUE(three) << "A, B and C are one person";
  for (const auto& p : r.pairs) EXPECT_FALSE(p.explanation.empty());
  EXPECT_LE(r.stats.matches, 6u) << "strangers matched";
  EXPECT_EQ(r.stats.sessions.size(), 2u);
}

// Strangers plus re-recorded people, each a different corruption (typo, swapped or shifted date,
// title, old spelling, parent by first name, missing fields): the pairs pruning must not lose.
std::vector<PreparedRecord> strangers_and_duplicates() {
  std::vector<PreparedRecord> rs = strangers();
  rs.push_back(person("A1", "Nurhayati Simanjuntak", "1971-03-08", "Rosmawati Siregar", "Tumpal Simanjuntak", "K1"));
  rs.push_back(person("A2", "Nurhayati Simanjuntak, S.Pd.", "1971-08-03", "Rosmawati Siregar", "Tumpal Simanjuntak", "K2"));
  rs.push_back(person("A3", "Nurhajati Simandjuntak", "1971-03-08", "", "Tumpal Simanjuntak", "K3"));
  rs.push_back(person("B1", "Muhammad Fajar Ramadhan", "1995-02-14", "Siti Khodijah", "Ahmad Dahlan", "K4", "L", "Surabaya"));
  rs.push_back(person("B2", "M. Fajar Ramadan", "1995-02-15", "Siti", "Ahmad Dahlan", "K5", "L", "Kota Surabaya"));
  rs.push_back(person("C1", "Yohana Tambunan", "1983-11-30", "Marta Sitorus", "", "K6", "P", "Medan"));
  rs.push_back(person("C2", "Yohana Tambunan", "1983-01-01", "Marta Sitorus", "", "K7", "P", "Medan"));
  rs.push_back(person("D1", "Hj. Sri Wahyuningsih", "1966-06-21", "Sumarni", "Soedarmo", "K8", "P", "Klaten"));
  rs.push_back(person("D2", "Sri Wahyuningsih", "1967-06-21", "Sumarni", "Sudarmo", "K9", "P", "Klaten"));
  return rs;
}

TEST(PairPruner, NeverSkipsAPairThatCouldBeReported) {
  // Soundness: a pair called hopeless scores below the thresholds even with the largest prior,
  // over every pair of 600 strangers and the duplicates, with real term frequencies.
  std::vector<PreparedRecord> rs = strangers_and_duplicates();
  std::vector<PreparedRecord> sample(rs.begin(), rs.begin() + 600);
  sample.insert(sample.end(), rs.end() - 9, rs.end());
  std::array<std::map<uint64_t, uint32_t>, kTermFrequencyFields.size()> held;
  for (const auto& r : sample)
    for (size_t s = 0; s < kTermFrequencyFields.size(); ++s) ++held[s][term_hash(r, kTermFrequencyFields[s])];
  for (double prior : {1e-9, 1e-6, 1e-3}) {
    FsModel model = default_dedup_model();
    model.lambda = prior;
    const DedupScorer scorer(model, sample.size(), {});
    const PairPruner pruner(scorer, prior);
    uint64_t pruned = 0, kept = 0, pruned_later = 0, below_least = 0;
    for (size_t i = 0; i < sample.size(); ++i)
      for (size_t j = i + 1; j < sample.size(); ++j) {
        TermCounts holders;
        for (size_t s = 0; s < kTermFrequencyFields.size(); ++s)
          holders.count[s] = held[s][term_hash(sample[i], kTermFrequencyFields[s])];
        const PairLevels p = compare_records(sample[i], sample[j]);
        TermCounts exact;
        for (size_t s = 0; s < kTermFrequencyFields.size(); ++s)
          if (p.level[kTermFrequencyFields[s]] == kExactLevel[kTermFrequencyFields[s]]) exact.count[s] = holders.count[s];
        const double probability = scorer.score(FamilyVerdict::None, p, exact).probability;
        if (pruner.hopeless(sample[i], sample[j], holders)) {
          ++pruned;
          EXPECT_LT(probability, scorer.thresholds().review) << sample[i].nik() << " " << sample[j].nik();
        } else {
          ++kept;
        }
        // A name below the least level the parents and date leave is hopeless, and scores below.
        if (sample[i].name_id != 0 && sample[j].name_id != 0) {
          const uint32_t date_parents = 1u << kBirthDate | 1u << kMother | 1u << kFather;
          const int need = pruner.least_name_level(sample[i], sample[j], holders, &p, date_parents);
          if (p.level[kName] < need) {
            ++below_least;
            EXPECT_TRUE(pruner.hopeless(sample[i], sample[j], holders, &p, date_parents | 1u << kName));
            EXPECT_LT(probability, scorer.thresholds().review) << "least: " << sample[i].nik() << " " << sample[j].nik();
          } else {
            EXPECT_FALSE(pruner.hopeless(sample[i], sample[j], holders, &p, date_parents | 1u << kName) && p.level[kName] == need)
                << "the least level itself keeps the pair in reach";
          }
        }
        // The later steps, with the name and then the parents known, are as safe.
        if (pruner.hopeless(sample[i], sample[j], holders, &p, 1u << kName) ||
            pruner.hopeless(sample[i], sample[j], holders, &p, 1u << kName | 1u << kMother | 1u << kFather)) {
          ++pruned_later;
          EXPECT_LT(probability, scorer.thresholds().review) << "staged: " << sample[i].nik() << " " << sample[j].nik();
        }
      }
    // With a prior as small as a province's, the bound leaves few stranger pairs to compare.
    if (prior == 1e-9) {
      EXPECT_GT(pruned, 10 * kept);
    }
    EXPECT_GT(pruned, 0u) << prior;
    EXPECT_GT(pruned_later, pruned) << prior;  // knowing the name prunes more
    EXPECT_GT(below_least, 0u) << prior;
  }
  // Nothing is hopeless when every pair is to be reported.
  FsModel model = default_dedup_model();
  const DedupScorer everything(model, sample.size(), {0.0, 0.0});
  EXPECT_FALSE(PairPruner(everything, 1e-9).hopeless(sample[0], sample[1], {}));
}

// Issue [9]: a registry without duplicates trains a model not fit to keep for the incremental
// path (its prior falls to the floor). A registry with duplicates keeps its model: see
// service/dedup_jobs_test.cc (these strangers all share one birth place, which no real model
// would weigh against a match).
TEST(DedupEngine, ARunWithoutDuplicatesLearnsAModelNotFitToKeep) {
  DedupOptions opt;
  opt.threads = 2;
  opt.random_pairs = 200000;
  const std::vector<PreparedRecord> clean = strangers();
  const DedupResult r = deduplicate(clean, opt);
  EXPECT_EQ(r.stats.matches, 0u);
  const auto problem = model_problem(r.scorer.model(), clean.size(), r.stats.sessions);
  ASSERT_TRUE(problem) << "prior " << r.scorer.model().lambda;
  EXPECT_EQ(problem->code.rfind("DEDUP_MODEL_", 0), 0u);
}

TEST(DedupEngine, PruningChangesNoDecision) {
  const std::vector<PreparedRecord> rs = strangers_and_duplicates();
  DedupOptions opt;
  opt.threads = 2;
  opt.random_pairs = 200000;
  opt.thresholds.review = 0.5;  // more pairs reported: more the bound must keep
  auto decided = [&](bool prune) {
    opt.prune = prune;
    const DedupResult r = deduplicate(rs, opt);
    std::map<std::pair<std::string, std::string>, std::string> out;
    for (const auto& p : r.pairs) out[{std::string(rs[p.a].nik()), std::string(rs[p.b].nik())}] = std::string(to_string(p.score.decision));
    return std::pair(out, r.stats.pruned);
  };
  const auto [with, pruned] = decided(true);
  const auto [without, none] = decided(false);
  EXPECT_EQ(with, without);
  EXPECT_GT(pruned, 0u);
  EXPECT_EQ(none, 0u);
  for (const auto& pair : {std::pair<std::string, std::string>{"B1", "B2"}, {"C1", "C2"}, {"D1", "D2"}, {"A1", "A2"}}) {
    const bool found = with.count(pair) || with.count({pair.second, pair.first});
    EXPECT_TRUE(found) << pair.first << " " << pair.second;
  }
}

}  // namespace
}  // namespace ktpel

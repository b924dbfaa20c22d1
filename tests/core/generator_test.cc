#include "core/synth/population_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/nik/nik.h"
#include "core/registry/family.h"
#include "core/registry/resident_validation.h"
#include "core/registry/wajib_ktp.h"
#include "core/synth/corruption.h"
#include "io/synth_sources.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

struct Collect : GeneratorSink {
  struct Ektp {
    std::string nik;
    EktpStatus status;
    Date recorded, since;
    bool ikd;
  };
  std::vector<Ektp> ektp_records;
  void ektp(const std::string& nik, EktpStatus status, Date recorded, Date since, bool ikd) override {
    ektp_records.push_back({nik, status, recorded, since, ikd});
  }
  std::vector<Resident> residents;
  std::vector<std::string> person_ids;
  std::vector<FamilyMember> members;
  void resident(const Resident& r, const std::string& id) override {
    residents.push_back(r);
    person_ids.push_back(id);
  }
  void family_member(const FamilyMember& m) override { members.push_back(m); }
};

Collect generate(GeneratorOptions opt) {
  static const NameMaker names(load_name_vocabulary(test::data_dir()));
  static const Demography demo = load_demography(test::data_dir(), "65");
  Collect c;
  generate_population(test::wilayah(), names, demo, opt, c);
  return c;
}

GeneratorOptions kaltara(double scale, uint64_t seed = 42, double dups = 0) {
  GeneratorOptions o;
  o.province = "65";
  o.scale = scale;
  o.seed = seed;
  o.duplicate_rate = dups;
  return o;
}

}  // namespace

TEST(Generator, DeterministicForASeed) {
  auto a = generate(kaltara(0.005, 7)), b = generate(kaltara(0.005, 7)), c = generate(kaltara(0.005, 8));
  ASSERT_EQ(a.residents.size(), b.residents.size());
  EXPECT_EQ(a.residents, b.residents);
  EXPECT_EQ(a.members, b.members);
  EXPECT_NE(a.residents, c.residents);
}

TEST(Generator, RegencySizesFollowPopulationTimesScale) {
  auto c = generate(kaltara(0.02));
  std::map<std::string, int64_t> per_regency;
  for (const auto& r : c.residents) per_regency[r.regency_code()]++;
  for (const Region* reg : test::wilayah().children("65"))
    EXPECT_EQ(per_regency[reg->code], std::llround(*reg->population * 0.02)) << reg->code;
  auto one = generate([] { auto o = kaltara(0.02); o.regency = "65.04"; return o; }());
  for (const auto& r : one.residents) EXPECT_EQ(r.regency_code(), "65.04");
  EXPECT_EQ(static_cast<int64_t>(one.residents.size()), std::llround(30036 * 0.02));
}

TEST(Generator, EveryRecordIsValidAndUnique) {
  auto c = generate(kaltara(0.02));
  std::set<std::string> niks;
  const Date as_of{2024, 12, 31};
  for (const auto& r : c.residents) {
    auto errors = validate_resident(r, test::wilayah(), as_of);
    ASSERT_TRUE(errors.empty()) << r.nik << " " << errors.front().code << " " << errors.front().field;
    EXPECT_TRUE(niks.insert(r.nik).second) << "duplicate NIK " << r.nik;
  }
}

TEST(Generator, FamiliesHaveOneHeadAndMatchTheResidentsKk) {
  auto c = generate(kaltara(0.02));
  std::map<std::string, std::string> kk_of;
  for (const auto& r : c.residents) kk_of[r.nik] = r.kk;
  std::map<std::string, std::vector<FamilyMember>> families;
  for (const auto& m : c.members) {
    EXPECT_EQ(kk_of.at(m.nik), m.kk);
    families[m.kk].push_back(m);
  }
  std::map<size_t, int> sizes;
  for (auto& [kk, ms] : families) {
    EXPECT_TRUE(validate_family(kk, ms).empty()) << kk;
    EXPECT_GE(ms.size(), 1u);
    EXPECT_LE(ms.size(), 8u);
    sizes[ms.size()]++;
  }
  EXPECT_GT(sizes[1], 0);
  EXPECT_GT(sizes[5], 0);
  const double mean = static_cast<double>(c.members.size()) / static_cast<double>(families.size());
  EXPECT_GT(mean, 2.8);
  EXPECT_LT(mean, 4.5);
}

TEST(Generator, AgeStructureFollowsThePublishedPyramid) {
  auto c = generate(kaltara(0.05));
  const Date as_of{2024, 12, 31};
  std::map<int, double> share;
  int64_t wajib = 0;
  for (const auto& r : c.residents) {
    share[std::min(r.birth_date.age_on(as_of) / 5, 15)] += 1.0 / static_cast<double>(c.residents.size());
    wajib += is_wajib_ktp(r.birth_date, r.marital_status, as_of);
  }
  // SP2020 long form: each 5-year band from 5 to 44 is 7.5-8.3 % of the population.
  for (int band = 1; band <= 8; ++band) {
    EXPECT_GT(share[band], 0.060) << "band " << band;
    EXPECT_LT(share[band], 0.100) << "band " << band;
  }
  EXPECT_LT(share[15], 0.04);  // 75+
  // Indonesia: wajib KTP ~ 198 of 280 million (71 %).
  const double wajib_share = static_cast<double>(wajib) / static_cast<double>(c.residents.size());
  EXPECT_GT(wajib_share, 0.65);
  EXPECT_LT(wajib_share, 0.78);
}

TEST(Generator, IndonesianNamingPatternsAndMovers) {
  auto c = generate(kaltara(0.05));
  int muhammad = 0, bin = 0, single = 0, moved = 0, titled = 0;
  for (const auto& r : c.residents) {
    for (const char* form : {"MUHAMMAD ", "MUHAMAD ", "MOH. ", "M. ", "MOCH. "})
      if (r.name.rfind(form, 0) == 0) ++muhammad;
    if (r.name.find(" BIN ") != std::string::npos || r.name.find(" BINTI ") != std::string::npos) ++bin;
    if (r.name.find(' ') == std::string::npos) ++single;
    if (r.name.find(", ") != std::string::npos || r.name.rfind("H. ", 0) == 0 || r.name.rfind("HJ. ", 0) == 0) ++titled;
    if (undotted(r.kecamatan_code()) != r.nik.substr(0, 6)) ++moved;
  }
  EXPECT_GT(muhammad, 50);
  EXPECT_GT(bin, 10);
  EXPECT_GT(single, 500);
  EXPECT_GT(titled, 50);
  // Some residents carry a NIK from another region, but most were registered where they live.
  EXPECT_GT(moved, 50);
  EXPECT_LT(moved, static_cast<int>(c.residents.size() / 10));
}

TEST(Generator, InjectedDuplicatesShareAPersonWithASecondNik) {
  auto c = generate(kaltara(0.02, 42, 0.05));
  std::map<std::string, std::vector<size_t>> by_person;
  for (size_t i = 0; i < c.person_ids.size(); ++i) by_person[c.person_ids[i]].push_back(i);
  int pairs = 0;
  for (auto& [id, rows] : by_person) {
    if (rows.size() < 2) continue;
    ASSERT_EQ(rows.size(), 2u);
    const Resident& a = c.residents[rows[0]];
    const Resident& b = c.residents[rows[1]];
    EXPECT_NE(a.nik, b.nik);
    EXPECT_EQ(a.sex, b.sex);
    EXPECT_TRUE(a.name != b.name || a.birth_date != b.birth_date || a.mother_name != b.mother_name ||
                a.father_name != b.father_name);
    ++pairs;
  }
  // ~5 % of adults (about 70 % of residents).
  const double adults = 0.7 * static_cast<double>(c.residents.size() - pairs);
  EXPECT_GT(pairs, adults * 0.03);
  EXPECT_LT(pairs, adults * 0.07);
}

TEST(Generator, EktpStatesForARealisticBacklog) {
  auto c = generate(kaltara(0.05));
  std::map<std::string, const Resident*> by_nik;
  for (const auto& r : c.residents) by_nik[r.nik] = &r;
  std::map<std::string, std::pair<int, int>> per_regency;  // wajib, recorded
  const Date as_of{2024, 12, 31};
  for (const auto& r : c.residents)
    if (is_wajib_ktp(r.birth_date, r.marital_status, as_of)) per_regency[r.regency_code()].first++;
  std::map<EktpStatus, int> statuses;
  int ikd = 0;
  for (const auto& e : c.ektp_records) {
    const Resident* r = by_nik.at(e.nik);
    EXPECT_TRUE(is_wajib_ktp(r->birth_date, r->marital_status, as_of)) << e.nik;
    EXPECT_LE(e.recorded, e.since);
    EXPECT_LE(e.since, as_of);
    per_regency[r->regency_code()].second++;
    statuses[e.status]++;
    ikd += e.ikd;
  }
  for (auto& [code, counts] : per_regency) {
    const double coverage = static_cast<double>(counts.second) / counts.first;
    EXPECT_GT(coverage, 0.83) << code;
    EXPECT_LT(coverage, 0.999) << code;
  }
  const double n = static_cast<double>(c.ektp_records.size());
  EXPECT_GT(statuses[EktpStatus::DELIVERED] / n, 0.85);
  EXPECT_GT(statuses[EktpStatus::PRR] / n, 0.02);
  EXPECT_GT(statuses[EktpStatus::SUKET], 0);
  EXPECT_GT(statuses[EktpStatus::DUPLICATE_RECORD], 0);
  EXPECT_GT(statuses[EktpStatus::SFE] + statuses[EktpStatus::BC], 0);
  EXPECT_GT(ikd / n, 0.02);
  EXPECT_LT(ikd / n, 0.10);
}

TEST(Corruption, FebrlStyleEdits) {
  Rng rng(1);
  EXPECT_EQ(old_spelling("SURYADI JUNAEDI"), "SOERJADI DJOENAEDI");
  EXPECT_EQ(old_spelling("CAHYONO"), "TJAHJONO");
  EXPECT_EQ(old_spelling("NYOMAN SYARIF KHAIRUL"), "NJOMAN SJARIF CHAIROEL");
  for (int i = 0; i < 50; ++i) {
    const std::string t = typo("SUPRIADI", rng);
    EXPECT_NE(t, "SUPRIADI");
    EXPECT_LE(std::abs(static_cast<int>(t.size()) - 8), 1);
    const Date d = corrupt_date({1985, 3, 7}, rng);
    EXPECT_NE(d, (Date{1985, 3, 7}));
    EXPECT_TRUE(Date::is_valid(d.year, d.month, d.day));
  }
  const std::string shorter = drop_or_abbreviate_token("MUHAMMAD RIZKI PRATAMA", rng);
  EXPECT_NE(shorter, "MUHAMMAD RIZKI PRATAMA");
}

}  // namespace ktpel

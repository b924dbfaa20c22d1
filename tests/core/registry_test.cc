#include <gtest/gtest.h>

#include <set>

#include "core/registry/family.h"
#include "core/registry/marital_age.h"
#include "core/registry/vocabulary.h"
#include "core/registry/resident_csv.h"
#include "core/registry/resident_event.h"
#include "core/registry/resident_validation.h"
#include "core/registry/wajib_ktp.h"
#include "core/text/csv.h"
#include "support/test_env.h"

namespace ktpel {

using test::sample_resident;

static std::set<std::string> fields(const std::vector<Error>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.field);
  return out;
}

const Date kToday{2025, 6, 1};

TEST(ResidentValidation, AcceptsAGoodRecord) {
  EXPECT_TRUE(validate_resident(sample_resident(), test::wilayah(), kToday).empty());
}

TEST(ResidentValidation, NamesEveryBadField) {
  Resident r = sample_resident();
  r.name = "";
  r.religion = "Jedi";
  r.marital_status = "MENIKAH";
  r.village_code = "65.71.01.9999";
  r.rt = "1a";
  r.rw = "0001";
  r.blood_type = "C";
  r.citizenship = "XX";
  r.address = std::string(300, 'A');
  EXPECT_EQ(fields(validate_resident(r, test::wilayah(), kToday)),
            (std::set<std::string>{"name", "religion", "marital_status", "village_code", "rt", "rw", "blood_type",
                                   "citizenship", "address"}));
}

TEST(ResidentValidation, NikMustMatchBirthDateAndSex) {
  Resident r = sample_resident();
  r.sex = Sex::L;
  r.birth_date = {1990, 1, 6};
  EXPECT_EQ(fields(validate_resident(r, test::wilayah(), kToday)), (std::set<std::string>{"sex", "birth_date"}));
}

TEST(ResidentValidation, FutureBirthAndBadUtf8) {
  Resident r = sample_resident();
  r.nik = "6571014501300001";
  r.birth_date = {2030, 1, 5};
  r.mother_name = "\xff\xfe";
  auto f = fields(validate_resident(r, test::wilayah(), kToday));
  EXPECT_TRUE(f.count("birth_date"));
  EXPECT_TRUE(f.count("mother_name"));
}

TEST(WajibKtp, SeventeenOrEverMarried) {
  const Date on{2025, 6, 1};
  EXPECT_FALSE(is_wajib_ktp({2008, 6, 2}, "BELUM KAWIN", on));  // 16 until tomorrow
  EXPECT_TRUE(is_wajib_ktp({2008, 6, 1}, "BELUM KAWIN", on));   // 17 today
  EXPECT_TRUE(is_wajib_ktp({2010, 1, 1}, "KAWIN", on));
  EXPECT_TRUE(is_wajib_ktp({2010, 1, 1}, "CERAI HIDUP", on));
  EXPECT_TRUE(is_wajib_ktp({2010, 1, 1}, "CERAI MATI", on));
  EXPECT_EQ(wajib_ktp_birth_cutoff(on), (Date{2008, 6, 1}));
  // Derived, never stored: the same record becomes wajib KTP with time.
  EXPECT_FALSE(is_wajib_ktp({2010, 3, 3}, "BELUM KAWIN", on));
  EXPECT_TRUE(is_wajib_ktp({2010, 3, 3}, "BELUM KAWIN", {2027, 3, 3}));
}

TEST(ResidentEvents, DeathMoveMaritalCorrection) {
  const Resident r = sample_resident();
  auto dead = apply_death(r, {{2025, 1, 1}});
  ASSERT_TRUE(dead);
  EXPECT_FALSE(dead->alive);
  EXPECT_EQ(apply_death(*dead, {{2025, 1, 2}}).error().code, "RESIDENT_DEAD");
  EXPECT_EQ(apply_death(r, {{1980, 1, 1}}).error().code, "DEATH_BEFORE_BIRTH");

  auto moved = apply_move(r, {"65.01.01.2001", "003", "001", "DUSUN 2", std::nullopt, "", "", false});
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->nik, r.nik);  // a move never changes the NIK
  EXPECT_EQ(moved->village_code, "65.01.01.2001");
  EXPECT_EQ(apply_move(r, {r.village_code, r.rt, r.rw, r.address, std::nullopt, "", "", false}).error().code, "MOVE_SAME_ADDRESS");

  EXPECT_TRUE(apply_marital_change(r, {"CERAI HIDUP"}));
  EXPECT_EQ(apply_marital_change(r, {"BELUM KAWIN"}).error().code, "MARITAL_TRANSITION");
  Resident single = r;
  single.marital_status = "BELUM KAWIN";
  EXPECT_EQ(apply_marital_change(single, {"CERAI MATI"}).error().code, "MARITAL_TRANSITION");
  EXPECT_TRUE(apply_marital_change(single, {"KAWIN"}));
  EXPECT_EQ(apply_marital_change(single, {"NIKAH SIRI"}).error().code, "ENUM_VALUE");

  Resident fixed = r;
  fixed.name = "SITI AMINAH BINTI AHMAD";
  EXPECT_EQ(apply_correction(r, fixed)->name, "SITI AMINAH BINTI AHMAD");
  fixed.nik = "6571014501900002";
  EXPECT_EQ(apply_correction(r, fixed).error().code, "NIK_IMMUTABLE");
}

TEST(Family, ExactlyOneHeadAndKnownRelationships) {
  EXPECT_TRUE(validate_family("k", {{"k", "1", "KEPALA KELUARGA"}, {"k", "2", "ISTRI"}, {"k", "3", "ANAK"}}).empty());
  EXPECT_EQ(validate_family("k", {{"k", "1", "ISTRI"}}).front().code, "FAMILY_HEAD_COUNT");
  EXPECT_EQ(validate_family("k", {{"k", "1", "KEPALA KELUARGA"}, {"k", "2", "KEPALA KELUARGA"}}).front().code,
            "FAMILY_HEAD_COUNT");
  EXPECT_EQ(validate_family("k", {{"k", "1", "KEPALA KELUARGA"}, {"k", "2", "SEPUPU"}}).front().code, "RELATIONSHIP_VALUE");
}

TEST(ResidentCsv, RoundTripsThroughTheFixedFormat) {
  Resident r = sample_resident();
  r.address = "JL. MERDEKA, GG. \"MAWAR\" NO. 1";
  std::string text = resident_csv_header() + "\n";
  append_resident_csv(text, r);
  CsvReader reader(text);
  CsvRecord rec;
  ASSERT_TRUE(reader.next(rec));
  EXPECT_EQ(rec.fields.size(), kResidentCsvColumns.size());
  ASSERT_TRUE(reader.next(rec));
  Resident back;
  std::vector<Error> errors;
  parse_resident_fields(rec.fields, back, errors);
  EXPECT_TRUE(errors.empty());
  back.created_at = r.created_at;
  EXPECT_EQ(back, r);
}

// [11] The legal marriage age: 19 since UU 16/2019 (2019-10-15); before it a woman at 16.
TEST(MaritalAge, FollowsTheLawInForceWhenTheMarriageCouldHaveHappened) {
  EXPECT_FALSE(could_have_married({2025, 5, 20}, Sex::P, {2025, 5, 24}));  // 4 days old
  EXPECT_TRUE(could_have_married({2000, 1, 1}, Sex::L, {2019, 1, 1}));     // 19
  EXPECT_FALSE(could_have_married({2001, 1, 1}, Sex::L, {2019, 1, 1}));    // a man at 18
  EXPECT_TRUE(could_have_married({2002, 1, 1}, Sex::P, {2019, 1, 1}));     // a woman at 17 under the old law
  EXPECT_TRUE(could_have_married({2003, 1, 1}, Sex::P, {2020, 6, 1}));     // turned 16 before 2019-10-15
  EXPECT_FALSE(could_have_married({2004, 1, 1}, Sex::P, {2020, 6, 1}));    // turned 16 after it: needs 19
  EXPECT_FALSE(could_have_married({2003, 1, 1}, Sex::P, {2018, 6, 1}));    // 15: never
  Resident r = sample_resident();
  r.birth_date = {2010, 1, 1};
  r.marital_status = "CERAI HIDUP";
  auto e = marital_age_problem(r, {2025, 6, 1});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "MARITAL_UNDER_AGE");
  EXPECT_EQ(e->field, "marital_status");
  r.marital_status = "BELUM KAWIN";
  EXPECT_FALSE(marital_age_problem(r, {2025, 6, 1}));
}

// [11] Vocabularies in any case (CLI, API, CSV import), stored in their canonical spelling.
TEST(Vocabulary, AnyCaseIsReadCanonically) {
  EXPECT_EQ(vocabulary::canonical(vocabulary::kReligions, "ISLAM"), "Islam");
  EXPECT_EQ(vocabulary::canonical(vocabulary::kReligions, " katolik "), "Katolik");
  EXPECT_EQ(vocabulary::canonical(vocabulary::kMaritalStatuses, "Cerai Hidup"), "CERAI HIDUP");
  EXPECT_EQ(vocabulary::canonical(vocabulary::kReligions, "Jedi"), "Jedi");  // left for the validation to name
  Resident r = sample_resident();
  std::string text = resident_csv_header() + "\n";
  r.religion = "ISLAM";
  r.blood_type = "ab+";
  r.marital_status = "kawin";
  append_resident_csv(text, r);
  CsvReader reader(text);
  CsvRecord rec;
  ASSERT_TRUE(reader.next(rec));
  ASSERT_TRUE(reader.next(rec));
  rec.fields[3] = "p";
  Resident back;
  std::vector<Error> errors;
  parse_resident_fields(rec.fields, back, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(back.religion, "Islam");
  EXPECT_EQ(back.blood_type, "AB+");
  EXPECT_EQ(back.marital_status, "KAWIN");
  EXPECT_EQ(back.sex, Sex::P);
}

}  // namespace ktpel

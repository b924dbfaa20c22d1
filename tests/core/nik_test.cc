#include "core/nik/nik.h"

#include <gtest/gtest.h>

#include <set>

#include "core/common/messages.h"
#include "support/test_env.h"

namespace ktpel {

namespace {
NikContext ctx(std::optional<Date> birth = {}, std::optional<Sex> sex = {}, bool dup = false) {
  return NikContext{&test::wilayah(), Date{2025, 6, 1}, birth, sex, dup};
}
std::set<std::string> codes(const std::vector<Error>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.code);
  return out;
}
}  // namespace

TEST(Nik, DecodesRegionBirthDateSexAndSerial) {
  auto d = decode_nik("6571014501900001", ctx());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->kecamatan_code, "65.71.01");
  EXPECT_EQ(d->kecamatan_name, "Tarakan Barat");
  EXPECT_EQ(d->regency_name, "Kota Tarakan");
  EXPECT_EQ(d->province_name, "Kalimantan Utara");
  EXPECT_EQ(d->birth_date, (Date{1990, 1, 5}));
  EXPECT_EQ(d->sex, Sex::P);
  EXPECT_EQ(d->serial, 1);
  auto man = decode_nik("6571013112990042", ctx());
  ASSERT_TRUE(man);
  EXPECT_EQ(man->sex, Sex::L);
  EXPECT_EQ(man->birth_date, (Date{1999, 12, 31}));
}

TEST(Nik, TwoDigitYearNeverInTheFuture) {
  EXPECT_EQ(decode_nik("6571010101250001", ctx())->birth_date.year, 2025);
  EXPECT_EQ(decode_nik("6571010101260001", ctx())->birth_date.year, 1926);
  // The day counts too (as_of is 1 June 2025): today is this century, tomorrow the last one.
  EXPECT_EQ(decode_nik("6571010106250001", ctx())->birth_date, (Date{2025, 6, 1}));
  EXPECT_EQ(decode_nik("6571010206250001", ctx())->birth_date, (Date{1925, 6, 2}));
  EXPECT_EQ(decode_nik("6571014107250001", ctx())->birth_date, (Date{1925, 7, 1}));
  EXPECT_EQ(decode_kk("6571010207250001", ctx())->issue_date, (Date{1925, 7, 2}));
}

TEST(Nik, ValidNikHasNoProblems) { EXPECT_TRUE(validate_nik("6571014501900001", ctx()).empty()); }

TEST(Nik, EveryProblemIsReported) {
  EXPECT_EQ(codes(validate_nik("65710145019000", ctx())), std::set<std::string>{"NIK_LENGTH"});
  EXPECT_EQ(codes(validate_nik("65710145019000A1", ctx())), std::set<std::string>{"NIK_NON_DIGIT"});
  EXPECT_EQ(codes(validate_nik("65710145019A", ctx())), (std::set<std::string>{"NIK_LENGTH", "NIK_NON_DIGIT"}));
  // 31 Feb: invalid calendar date; serial 0000 in the same NIK: both reported.
  EXPECT_EQ(codes(validate_nik("6571013102900000", ctx())), (std::set<std::string>{"NIK_DATE_INVALID", "NIK_SERIAL_ZERO"}));
  for (const char* day : {"00", "32", "40", "72", "99"})
    EXPECT_EQ(codes(validate_nik(std::string("657101") + day + "01900001", ctx())), std::set<std::string>{"NIK_DAY_OUT_OF_RANGE"}) << day;
  EXPECT_EQ(codes(validate_nik("6571017102900001", ctx())), std::set<std::string>{"NIK_DATE_INVALID"});  // 31 Feb (women)
  EXPECT_TRUE(validate_nik("6571016902000001", ctx()).empty());  // 29 Feb 2000 (women: day+40)
}

TEST(Nik, UnknownRegionIsOnlyAWarning) {
  auto problems = validate_nik("9999990101900001", ctx());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "NIK_REGION_UNKNOWN");
  EXPECT_EQ(problems[0].severity, Severity::Warning);
  EXPECT_NE(problems[0].message_en.find("before a region split"), std::string::npos);
  EXPECT_FALSE(has_errors(problems));
  EXPECT_TRUE(decode_nik("9999990101900001", ctx()));
}

TEST(Nik, MismatchWithRecordAndDuplicate) {
  EXPECT_EQ(codes(validate_nik("6571014501900001", ctx(Date{1990, 1, 6}, Sex::P))),
            std::set<std::string>{"NIK_BIRTH_DATE_MISMATCH"});
  EXPECT_EQ(codes(validate_nik("6571014501900001", ctx(Date{1990, 1, 5}, Sex::L))), std::set<std::string>{"NIK_SEX_MISMATCH"});
  EXPECT_EQ(codes(validate_nik("6571014501900001", ctx(Date{1890, 1, 5}, Sex::P))), std::set<std::string>{});  // yy matches
  EXPECT_EQ(codes(validate_nik("6571014501900001", ctx({}, {}, true))), std::set<std::string>{"NIK_DUPLICATE"});
}

TEST(Nik, MessagesInBothLanguagesNameTheField) {
  for (const auto& e : validate_nik("6571013102900000", ctx(Date{1990, 1, 1}, Sex::P, true))) {
    EXPECT_FALSE(e.message_id.empty());
    EXPECT_FALSE(e.message_en.empty());
    EXPECT_NE(e.message_id, e.message_en);
    EXPECT_FALSE(e.field.empty());
  }
}

TEST(Nik, PrefixAndFormat) {
  EXPECT_EQ(nik_prefix("65.71.01", Date{1990, 1, 5}, Sex::P), "657101450190");
  EXPECT_EQ(nik_prefix("65.71.01", Date{2001, 11, 30}, Sex::L), "657101301101");
  EXPECT_EQ(format_nik("657101450190", 7), "6571014501900007");
  const std::string issued = format_nik(nik_prefix("65.01.01", Date{2024, 2, 29}, Sex::P), 9999);
  EXPECT_TRUE(validate_nik(issued, ctx(Date{2024, 2, 29}, Sex::P)).empty());
}

TEST(Kk, ValidatesAndDecodes) {
  EXPECT_TRUE(validate_kk("6571010405130001", ctx()).empty());
  auto d = decode_kk("6571010405130001", ctx());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->region_code, "65.71.01");
  EXPECT_EQ(d->issue_date, (Date{2013, 5, 4}));
  EXPECT_EQ(codes(validate_kk("6571013202130000", ctx())), (std::set<std::string>{"KK_DATE_INVALID", "KK_SERIAL_ZERO"}));
  EXPECT_EQ(codes(validate_kk("65710104051300", ctx())), std::set<std::string>{"KK_LENGTH"});
}

TEST(Messages, EveryCatalogueCodeResolves) {
  for (const char* code : {"NIK_LENGTH", "NIK_NON_DIGIT", "NIK_REGION_UNKNOWN", "NIK_DATE_INVALID", "NIK_DAY_OUT_OF_RANGE",
                           "NIK_SERIAL_ZERO", "NIK_BIRTH_DATE_MISMATCH", "NIK_SEX_MISMATCH", "NIK_DUPLICATE", "CSV_HEADER",
                           "CSV_EMPTY", "CSV_QUOTE", "CSV_BINARY", "VILLAGE_UNKNOWN"})
    EXPECT_TRUE(has_message(code)) << code;
  EXPECT_THROW(make_error("NO_SUCH_CODE"), std::logic_error);
  EXPECT_EQ(make_error("NIK_LENGTH", "nik", {"5"}).message_en, "NIK must have 16 digits, got 5 characters");
}

}  // namespace ktpel

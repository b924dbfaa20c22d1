#include <gtest/gtest.h>

#include <cmath>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/biometrics/enrolment.h"
#include "core/biometrics/enrolment_codec.h"
#include "core/biometrics/iso19794.h"
#include "core/synth/synthetic_enrolment.h"
#include "io/files.h"
#include "support/test_env.h"

namespace ktpel {

const std::string kFingerprints = test::fingerprints_dir();

TEST(Iso19794, ParsesEveryFvcTemplate) {
  int parsed = 0;
  for (const auto& db : std::filesystem::directory_iterator(kFingerprints + "/fvc2002")) {
    for (const auto& f : std::filesystem::directory_iterator(db.path())) {
      const std::string bytes = read_file(f.path().string());
      auto rec = parse_iso19794_2(bytes);
      ASSERT_TRUE(rec) << f.path() << ": " << rec.error().message_en;
      ASSERT_EQ(rec->views.size(), 1u);
      EXPECT_GT(rec->views[0].minutiae.size(), 5u);
      EXPECT_EQ(write_iso19794_2(*rec), bytes) << f.path();  // the writer reproduces the record
      ++parsed;
    }
  }
  EXPECT_EQ(parsed, 320);
}

TEST(Iso19794, RejectsTruncatedTemplatesWithAReason) {
  int rejected = 0;
  for (const auto& f : std::filesystem::directory_iterator(kFingerprints + "/invalid")) {
    auto rec = parse_iso19794_2(read_file(f.path().string()));
    ASSERT_FALSE(rec) << f.path();
    EXPECT_EQ(rec.error().code, "ISO_TEMPLATE");
    EXPECT_NE(rec.error().message_en.find("truncated"), std::string::npos) << rec.error().message_en;
    ++rejected;
  }
  EXPECT_EQ(rejected, 3);
}

TEST(Iso19794, RejectsGarbledFields) {
  const std::string good = read_file(kFingerprints + "/fvc2002/DB1_B/101_1.iso");
  auto corrupt = [&](size_t at, char v) {
    std::string b = good;
    b[at] = v;
    return parse_iso19794_2(b);
  };
  EXPECT_NE(corrupt(0, 'X').error().message_en.find("FMR"), std::string::npos);
  EXPECT_NE(corrupt(19, 0).error().message_en.find("resolution"), std::string::npos);  // x resolution 0x00c5 -> 0
  EXPECT_NE(corrupt(14, 0).error().message_en.find("outside"), std::string::npos);     // width 300 -> 44: minutiae outside
  EXPECT_NE(corrupt(27, static_cast<char>(200)).error().message_en.find("overrun"), std::string::npos);  // minutiae count
  // An ANSI INCITS 378 record has the same magic and version: the ISO reader says what it is.
  const std::string ansi = write_ansi378(*parse_iso19794_2(good));
  EXPECT_NE(parse_iso19794_2(ansi).error().message_en.find("ANSI"), std::string::npos);
  EXPECT_FALSE(parse_iso19794_2(""));
  EXPECT_FALSE(parse_iso19794_2(good + "x"));
  // Every single-byte truncation and every byte flipped to 0xFF: never a crash.
  for (size_t n = 0; n < good.size(); ++n) EXPECT_FALSE(parse_iso19794_2(good.substr(0, n)));
  for (size_t i = 0; i < good.size(); ++i) (void)corrupt(i, static_cast<char>(0xFF));
}

// ANSI INCITS 378-2004: every FVC template converted to ANSI reads back with the same minutiae
// (angles within the 2-degree quantisation), told apart from ISO by its header.
TEST(Ansi378, RoundTripsTheFvcTemplatesAndIsToldApartFromIso) {
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(kFingerprints + "/fvc2002/DB1_B")) {
    const std::string iso = read_file(f.path().string());
    auto rec = parse_iso19794_2(iso);
    ASSERT_TRUE(rec) << f.path();
    const std::string ansi = write_ansi378(*rec);
    EXPECT_EQ(detect_minutiae_format(iso), MinutiaeFormat::Iso19794_2);
    EXPECT_EQ(detect_minutiae_format(ansi), MinutiaeFormat::Ansi378);
    auto back = parse_finger_minutiae(ansi);
    ASSERT_TRUE(back) << f.path() << ": " << back.error().message_en;
    ASSERT_EQ(back->views.size(), rec->views.size());
    EXPECT_EQ(back->width, rec->width);
    EXPECT_EQ(back->x_resolution, rec->x_resolution);
    for (size_t v = 0; v < rec->views.size(); ++v) {
      ASSERT_EQ(back->views[v].minutiae.size(), rec->views[v].minutiae.size());
      for (size_t m = 0; m < rec->views[v].minutiae.size(); ++m) {
        const auto& a = rec->views[v].minutiae[m];
        const auto& b = back->views[v].minutiae[m];
        EXPECT_EQ(a.x, b.x);
        EXPECT_EQ(a.y, b.y);
        EXPECT_EQ(a.type, b.type);
        const int diff = std::abs(static_cast<int>(a.angle) - static_cast<int>(b.angle));
        EXPECT_LE(std::min(diff, 256 - diff), 1) << "angle " << int(a.angle) << " came back as " << int(b.angle);
      }
    }
    ++files;
  }
  EXPECT_EQ(files, 80);
  EXPECT_FALSE(detect_minutiae_format("not a template"));
}

TEST(Ansi378, RejectsGarbledRecordsWithAReason) {
  const std::string ansi = write_ansi378(*parse_iso19794_2(read_file(kFingerprints + "/fvc2002/DB1_B/101_1.iso")));
  for (size_t n = 0; n < ansi.size(); ++n) EXPECT_FALSE(parse_ansi378(ansi.substr(0, n))) << n;  // every truncation
  EXPECT_NE(parse_ansi378(ansi.substr(0, 20)).error().message_en.find("26-byte"), std::string::npos);
  std::string bad_angle = ansi;
  bad_angle[26 + 4 + 4] = static_cast<char>(200);  // first minutia's angle: over 179 two-degree steps
  EXPECT_NE(parse_ansi378(bad_angle).error().message_en.find("over 179"), std::string::npos);
  std::string zero_res = ansi;
  zero_res[20] = zero_res[21] = 0;  // x resolution
  EXPECT_NE(parse_ansi378(zero_res).error().message_en.find("resolution"), std::string::npos);
  for (size_t i = 0; i < ansi.size(); ++i) {  // every byte flipped: never a crash
    std::string b = ansi;
    b[i] = static_cast<char>(0xFF);
    (void)parse_finger_minutiae(b);
  }
}

TEST(Enrolment, SyntheticEnrolmentIsValidAndRoundTrips) {
  Rng rng(3);
  Enrolment e = synthetic_enrolment(rng, "6571014501900001", "ST657101001", "op1", "2025-06-01T08:00:00Z");
  EXPECT_TRUE(validate_enrolment(e).empty());
  auto back = decode_enrolment(encode_enrolment(e));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->nik, e.nik);
  EXPECT_EQ(back->photo_jpeg, e.photo_jpeg);
  EXPECT_EQ(back->fingers.size() + back->finger_exceptions.size(), 10u);
  EXPECT_EQ(back->fingers[0].iso_template, e.fingers[0].iso_template);
  EXPECT_FALSE(decode_enrolment("not cbor"));
}

// Numbers the station never writes (found by fuzz/enrolment_fuzz.cc): a float past INT_MAX was
// cast with undefined behaviour, and a large integer was cut to its low bits.
TEST(Enrolment, DecodeRefusesNumbersOutsideInt) {
  Rng rng(5);
  Enrolment e = synthetic_enrolment(rng, "6571014501900001", "ST1", "op1", "2025-06-01T08:00:00Z");
  const auto cbor = encode_enrolment(e);
  auto with = [&](const char* key, const nlohmann::json& value) {
    auto j = nlohmann::json::from_cbor(cbor);
    j[key] = value;
    const auto bytes = nlohmann::json::to_cbor(j);
    return decode_enrolment(std::string(bytes.begin(), bytes.end()));
  };
  EXPECT_TRUE(with("photo_q", 80));
  EXPECT_FALSE(with("v", 1e300));
  EXPECT_FALSE(with("photo_q", 80.5));
  EXPECT_FALSE(with("photo_q", 4294967297LL));
  EXPECT_FALSE(with("photo_q", 18446744073709551615ULL));
  auto j = nlohmann::json::from_cbor(cbor);
  j["fingers"][0]["p"] = 4294967297LL;  // would have been read as finger 1
  const auto bytes = nlohmann::json::to_cbor(j);
  EXPECT_EQ(decode_enrolment(std::string(bytes.begin(), bytes.end())).error().code, "ENROLMENT_INVALID");
}

TEST(Enrolment, EveryProblemNamesItsField) {
  Rng rng(4);
  Enrolment e = synthetic_enrolment(rng, "6571014501900001", "ST1", "op1", "2025-06-01T08:00:00Z");
  e.photo_jpeg = "GIF89a...";
  e.signature_png = std::string(200 * 1024, 'x');
  e.fingers[1].iso_template = e.fingers[1].iso_template.substr(0, 30);
  e.fingers.pop_back();  // one finger neither captured nor excused
  std::set<std::string> fields;
  for (const auto& p : validate_enrolment(e)) fields.insert(p.field);
  EXPECT_TRUE(fields.count("photo_jpeg"));
  EXPECT_TRUE(fields.count("signature_png"));
  EXPECT_TRUE(fields.count("fingers[1].iso_template"));
  EXPECT_TRUE(fields.count("fingers"));
}

TEST(Enrolment, FingerExceptionsInsteadOfTemplates) {
  Rng rng(5);
  Enrolment e = synthetic_enrolment(rng, "6571014501900001", "ST1", "op1", "2025-06-01T08:00:00Z");
  e.fingers.resize(1);
  e.finger_exceptions.clear();
  for (int p = 2; p <= 10; ++p) e.finger_exceptions.push_back({p, "AMPUTASI"});
  EXPECT_TRUE(validate_enrolment(e).empty());  // nine amputations recorded: one print is enough
  e.finger_exceptions.back().reason = "MALAS";
  EXPECT_FALSE(validate_enrolment(e).empty());
}

}  // namespace ktpel

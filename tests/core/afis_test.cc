// The fingerprint matcher, its error rates on FVC2002, the compact gallery and person fusion.
#include <gtest/gtest.h>

#include <cmath>

#include "core/biometrics/compact_finger.h"
#include "core/biometrics/finger_gallery.h"
#include "core/biometrics/finger_matcher.h"
#include "core/biometrics/fvc_protocol.h"
#include "core/biometrics/score_statistics.h"
#include "core/synth/synthetic_fingers.h"
#include "io/fingerprint_files.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

std::vector<MinutiaPoint> load(const std::string& db, const std::string& name) {
  auto r = read_template_file(test::fingerprints_dir() + "/fvc2002/" + db + "/" + name);
  EXPECT_TRUE(r) << name;
  return to_matcher_frame(r->views.front(), r->x_resolution, r->y_resolution);
}

std::vector<MinutiaPoint> moved(const std::vector<MinutiaPoint>& ms, float angle, float tx, float ty) {
  std::vector<MinutiaPoint> out;
  for (const auto& m : ms)
    out.push_back({m.x * std::cos(angle) - m.y * std::sin(angle) + tx, m.x * std::sin(angle) + m.y * std::cos(angle) + ty,
                   wrap_angle(m.theta + angle), m.type});
  return out;
}

TEST(Matcher, ScoresAreSymmetricToTheLastBit) {
  const auto a = extract_features(load("DB1_B", "101_1.iso")), b = extract_features(load("DB1_B", "101_2.iso"));
  const auto c = extract_features(load("DB3_B", "105_4.iso"));
  EXPECT_EQ(match_fingers(a, b), match_fingers(b, a));
  EXPECT_EQ(match_fingers(a, c), match_fingers(c, a));
  EXPECT_EQ(match_fingers(b, c), match_fingers(c, b));
}

TEST(Matcher, RotationAndTranslationDoNotChangeTheVerdict) {
  const auto base = load("DB2_B", "103_1.iso");
  const auto mate = extract_features(load("DB2_B", "103_5.iso"));
  const auto other = extract_features(load("DB2_B", "104_1.iso"));
  const float straight = match_fingers(extract_features(base), mate);
  for (float angle : {-0.6f, -0.2f, 0.3f, 0.7f}) {
    const auto turned = extract_features(moved(base, angle, 57, -31));
    EXPECT_NEAR(match_fingers(turned, mate), straight, 0.08f) << angle;
    EXPECT_GT(match_fingers(turned, extract_features(base)), 0.9f) << "a moved copy matches itself";
    EXPECT_LT(match_fingers(turned, other), 0.1f);
  }
}

TEST(Matcher, FvcErrorRatesBeatTheOpenSourceReference) {
  // FVC protocol on all four FVC2002 B sets; OpenAFIS measured here: 6.33 / 5.75 / 14.46 / 6.15 % EER.
  const double openafis[] = {0.0633, 0.0575, 0.1446, 0.0615};
  const auto files = list_template_files(test::fingerprints_dir() + "/fvc2002");
  ASSERT_EQ(files.size(), 320u);
  std::vector<LabelledTemplate> labels;
  std::vector<FingerFeatures> f;
  for (const auto& x : files) {
    labels.push_back({x.folder, x.finger, x.impression});
    f.push_back(features_of_record(*read_template_file(x.path)));
  }
  const auto pairs = evaluation_pairs(labels);
  EXPECT_EQ(pairs.genuine.size(), 4u * 280);
  EXPECT_EQ(pairs.impostor_fvc.size(), 4u * 45);
  double sum = 0;
  int db = 0;
  for (const std::string folder : {"DB1_B", "DB2_B", "DB3_B", "DB4_B"}) {
    std::vector<double> g, i;
    for (auto [a, b] : pairs.genuine)
      if (labels[a].folder == folder) g.push_back(match_fingers(f[a], f[b]));
    for (auto [a, b] : pairs.impostor_fvc)
      if (labels[a].folder == folder) i.push_back(match_fingers(f[a], f[b]));
    const auto r = error_rates(g, i);
    EXPECT_LT(r.eer, openafis[db++]) << folder;
    sum += r.eer;
    double mg = 0, mi = 0;
    for (double x : g) mg += x / g.size();
    for (double x : i) mi += x / i.size();
    EXPECT_GT(mg, 5 * mi) << folder << ": genuine scores well above impostors";
  }
  EXPECT_LE(sum / 4, 0.03);
}

TEST(ScoreStatistics, ErrorRatesOnKnownDistributions) {
  EXPECT_EQ(error_rates({0.9, 0.8, 0.7}, {0.1, 0.2, 0.3}).eer, 0);
  const auto same = error_rates({0.5, 0.5}, {0.5, 0.5});
  EXPECT_NEAR(same.eer, 0.5, 1e-9);
  // One impostor of ten above one genuine of ten: EER 10 %.
  const auto r = error_rates({0.2, 0.6, 0.7, 0.7, 0.8, 0.8, 0.9, 0.9, 0.9, 0.95}, {0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3, 0.65});
  EXPECT_NEAR(r.eer, 0.1, 1e-9);
  EXPECT_NEAR(r.zero_fmr, 0.2, 1e-9);
  const double t = threshold_for_fmr({0.1, 0.2, 0.3, 0.4}, 0.25);
  EXPECT_GT(t, 0.3);
  EXPECT_LE(t, 0.4);
  EXPECT_NEAR(fmr_for_fpir(0.01, 1), 0.01, 1e-12);
  EXPECT_LT(fmr_for_fpir(0.01, 1e6), 1.1e-8);
}

TEST(ScoreStatistics, CalibratedThresholdsOnlyWhereTheDataResolves) {
  std::vector<double> impostor;
  for (int i = 0; i < 1000; ++i) impostor.push_back(i / 1000.0);  // 0.000 .. 0.999
  const auto t = calibrate_thresholds(impostor, {1e-4, 1e-2, 1e-3});
  ASSERT_EQ(t.fmr_threshold.size(), 2u);  // 1e-4 needs 10,000 impostors
  EXPECT_EQ(t.fmr_threshold[0].first, 1e-2);
  EXPECT_GT(t.fmr_threshold[0].second, 0.989);  // 10 of 1000 may pass: above 0.989
  EXPECT_LE(t.fmr_threshold[0].second, 0.990);
  EXPECT_EQ(threshold_at(t, 5e-3).threshold, t.fmr_threshold[1].second);  // conservative between rows
  EXPECT_FALSE(threshold_at(t, 1e-2).clamped);
  const auto low = threshold_at(t, 1e-5);
  EXPECT_TRUE(low.clamped);
  EXPECT_GT(low.threshold, 0.999);
}

TEST(CompactFinger, FitsTheBudgetAndRoundTrips) {
  const auto f = extract_features(load("DB1_B", "102_3.iso"));
  const CompactFinger c = compact_finger(f);
  EXPECT_LE(FingerGallery::bytes_per_finger(), 256u);
  const std::string bytes = serialise(c);
  CompactFinger back;
  ASSERT_TRUE(deserialise(bytes, back));
  EXPECT_EQ(serialise(back), bytes);
  EXPECT_FALSE(deserialise(bytes.substr(1), back));
  // The quantised minutiae still match the original well.
  EXPECT_GT(match_fingers(f, extract_features(expand_minutiae(c))), 0.5f);
}

TEST(Fusion, MeanOfTheBetterHalf) {
  EXPECT_FLOAT_EQ(fuse_finger_scores({}), 0);
  EXPECT_FLOAT_EQ(fuse_finger_scores({0.4f}), 0.4f);
  EXPECT_FLOAT_EQ(fuse_finger_scores({0.1f, 0.5f, 0.3f, 0.0f}), 0.4f);  // one bad capture does not sink a mate
}

TEST(Gallery, IdentifiesPeopleFromNewImpressionsOfTheirFingers) {
  // 300 synthetic people with two fingers each; probes are fresh impressions of person 123.
  FingerGallery gallery;
  std::vector<std::vector<MinutiaPoint>> masters;
  for (uint32_t p = 0; p < 300; ++p)
    for (int finger : {2, 7}) {
      Rng rng(1000 + p * 10 + static_cast<uint64_t>(finger));
      masters.push_back(synthetic_master_finger(rng));
      gallery.add(p, finger, compact_finger(extract_features(synthetic_impression(masters.back(), rng))));
    }
  EXPECT_EQ(gallery.size(), 600u);
  Rng rng(77);
  std::vector<ProbeFinger> probe = {{2, extract_features(synthetic_impression(masters[123 * 2], rng))},
                                    {7, extract_features(synthetic_impression(masters[123 * 2 + 1], rng))}};
  IdentifyOptions o;
  o.top_k = 3;
  size_t compared = 0;
  auto found = gallery.identify(probe, o, &compared);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].person, 123u);
  EXPECT_EQ(found[0].fingers.size(), 2u);
  EXPECT_EQ(compared, 600u);  // each probe finger against the 300 fingers of its position
  if (found.size() > 1) {
    EXPECT_GT(found[0].score, 3 * found[1].score);
  }
  // identify() in its two halves gives the same people and scores, and a subset of the probe's
  // fingers fused from the same shortlists is identify() of that subset (what afis fpir relies on).
  const auto lists = gallery.shortlists(probe, o);
  ASSERT_EQ(lists.size(), 2u);
  const auto halves = gallery.identify_shortlisted(probe, lists, o);
  ASSERT_EQ(halves.size(), found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(halves[i].person, found[i].person);
    EXPECT_EQ(halves[i].score, found[i].score);
  }
  const std::vector<ProbeFinger> one(probe.begin(), probe.begin() + 1);
  const auto alone = gallery.identify(one, o), from_lists = gallery.identify_shortlisted(one, {lists[0]}, o);
  ASSERT_EQ(alone.size(), from_lists.size());
  for (size_t i = 0; i < alone.size(); ++i) {
    EXPECT_EQ(alone[i].person, from_lists[i].person);
    EXPECT_EQ(alone[i].score, from_lists[i].score);
  }
  // A finger of the wrong position is not compared: the right-thumb probe against index fingers finds nobody.
  gallery.remove_person(123);
  found = gallery.identify(probe, o);
  EXPECT_TRUE(found.empty() || found[0].person != 123u);
}

TEST(SyntheticFingers, ImpressionsMatchTheirMasterAndNotOthers) {
  Rng rng(5);
  const auto m1 = synthetic_master_finger(rng), m2 = synthetic_master_finger(rng);
  const auto a = extract_features(synthetic_impression(m1, rng)), b = extract_features(synthetic_impression(m1, rng));
  const auto c = extract_features(synthetic_impression(m2, rng));
  EXPECT_GT(match_fingers(a, b), 3 * match_fingers(a, c));
  // Written as ISO 19794-2 and read back.
  const auto rec = record_of(synthetic_impression(m1, rng), 3);
  auto parsed = parse_iso19794_2(write_iso19794_2(rec));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->views[0].position, 3);
}

}  // namespace
}  // namespace ktpel

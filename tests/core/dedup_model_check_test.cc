// The sanity checks a trained dedup model passes before it replaces the one the incremental path
// uses (issue [9]: a run over a registry without duplicates saved a degenerate model).
#include "core/dedup/model_check.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ktpel {
namespace {

FsModel sound(uint64_t records) {
  FsModel m = default_dedup_model();
  m.lambda = 0.01 / static_cast<double>(records);  // about 1 % re-recorded
  return m;
}

TEST(DedupModelCheck, ASoundModelPasses) {
  EXPECT_FALSE(model_problem(sound(40'000), 40'000, {}));
  EXPECT_FALSE(model_problem(sound(10'000'000), 10'000'000, {}));
  // A session that did not converge but whose m was not kept (too few matches) does not matter.
  EXPECT_FALSE(model_problem(sound(40'000), 40'000, {{"same birth date", 1000, 0.001, 200, 1, false, false}}));
}

TEST(DedupModelCheck, EmThatDidNotConvergeIsRefused) {
  auto e = model_problem(sound(40'000), 40'000, {{"same name+mother", 1000, 0.2, 200, 1, false, true}});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "DEDUP_MODEL_EM");
  EXPECT_NE(e->message_en.find("same name+mother"), std::string::npos) << e->message_en;
}

TEST(DedupModelCheck, AgreementNoMoreLikelyAmongMatchesIsRefused) {
  // What the no-duplicate province learnt: EM took the sampled pairs (all sharing a name and
  // mother, none one person) for matches, and found they seldom share a birth date.
  FsModel m = sound(40'000);
  m.m[kBirthDate][kExactLevel[kBirthDate]] = 1e-6;
  auto e = model_problem(m, 40'000, {});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "DEDUP_MODEL_WEIGHT");
  EXPECT_NE(e->message_en.find(std::string(field_name(kBirthDate))), std::string::npos) << e->message_en;
  m = sound(40'000);
  m.m[kSex][kExactLevel[kSex]] = m.u[kSex][kExactLevel[kSex]];  // m = u: no evidence either
  EXPECT_EQ(model_problem(m, 40'000, {})->code, "DEDUP_MODEL_WEIGHT");
  m = sound(40'000);
  m.m[kName][kExactLevel[kName]] = std::nan("");
  EXPECT_EQ(model_problem(m, 40'000, {})->code, "DEDUP_MODEL_WEIGHT");
  // The region is not weighed: whatever EM learns of it does not matter.
  m = sound(40'000);
  m.m[kRegion][kExactLevel[kRegion]] = 0;
  EXPECT_FALSE(model_problem(m, 40'000, {}));
  m.m.pop_back();
  EXPECT_EQ(model_problem(m, 40'000, {})->code, "DEDUP_MODEL_WEIGHT");  // malformed
}

TEST(DedupModelCheck, APriorOutsidePlausibleBoundsIsRefused) {
  FsModel m = sound(770'000);
  m.lambda = 1e-15;  // the clamp's floor: 3e-4 matching pairs expected among 770,000 records
  auto e = model_problem(m, 770'000, {});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "DEDUP_MODEL_PRIOR");
  m.lambda = 0.6;
  EXPECT_EQ(model_problem(m, 770'000, {})->code, "DEDUP_MODEL_PRIOR");
  m.lambda = std::nan("");
  EXPECT_EQ(model_problem(m, 770'000, {})->code, "DEDUP_MODEL_PRIOR");
  // The bound scales with the registry: 0.01 % duplicates among 10M records is a prior of 2e-11.
  m.lambda = 2e-11;
  EXPECT_FALSE(model_problem(m, 10'000'000, {}));
  EXPECT_EQ(model_problem(m, 1'000, {})->code, "DEDUP_MODEL_PRIOR");
}

}  // namespace
}  // namespace ktpel

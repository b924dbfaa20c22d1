// The per-user limits of [9]: requests in flight and person records per minute.
#include "http/user_limits.h"

#include <gtest/gtest.h>

#include <thread>

namespace ktpel::http {
namespace {

TEST(UserLimits, InFlightPlacesArePerUserAndComeBack) {
  UserLimits limits({2, 1000});
  {
    InFlight a(limits, "siti"), b(limits, "siti");
    EXPECT_TRUE(a.held());
    EXPECT_TRUE(b.held());
    InFlight c(limits, "siti");
    EXPECT_FALSE(c.held());             // a third at once
    EXPECT_TRUE(InFlight(limits, "rina").held());  // another officer is not held up
  }
  InFlight again(limits, "siti");       // the two answered: room again
  EXPECT_TRUE(again.held());
  limits.leave("nobody");               // unknown: nothing
}

TEST(UserLimits, PersonReadsAreABudgetPerMinute) {
  UserLimits limits({4, 120});          // 2 records a second
  EXPECT_EQ(limits.person_read_wait("siti"), 0);
  limits.charge_person_reads("siti", 100);
  EXPECT_EQ(limits.person_read_wait("siti"), 0);   // 20 left
  limits.charge_person_reads("siti", 50);          // a page larger than what was left: -30
  const int wait = limits.person_read_wait("siti");
  EXPECT_GE(wait, 15);                             // (1 + 30) / 2 per second
  EXPECT_LE(wait, 16);
  EXPECT_EQ(limits.person_read_wait("rina"), 0);   // per user
  limits.set({4, 120});                            // new settings start everyone afresh
  EXPECT_EQ(limits.person_read_wait("siti"), 0);
}

TEST(UserLimits, TheBudgetRefillsOverTime) {
  UserLimits limits({4, 6000});         // 100 a second
  limits.charge_person_reads("siti", 6000);
  EXPECT_EQ(limits.person_read_wait("siti"), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // about 5 records back
  EXPECT_EQ(limits.person_read_wait("siti"), 0);
}

}  // namespace
}  // namespace ktpel::http

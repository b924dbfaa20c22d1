// SessionCache: a validated session is trusted for ttl seconds, never past its own expiry, and a
// dropped or re-configured cache forgets at once.
#include "http/session_cache.h"

#include <gtest/gtest.h>

namespace ktpel {
namespace {

Caller officer(const std::string& name) { return {name, Role::Operator, "65.71.01", "csrf", "", false}; }

TEST(SessionCache, TrustsAnEntryForItsTtlOnly) {
  SessionCache cache(5);
  cache.put("h1", officer("a"), 1000, 99999);
  ASSERT_TRUE(cache.find("h1", 1000));
  EXPECT_EQ(cache.find("h1", 1004)->username, "a");
  EXPECT_FALSE(cache.find("h1", 1005));  // read again from the store after 5 s
  EXPECT_FALSE(cache.find("h1", 1004));  // and the stale entry is gone
  EXPECT_FALSE(cache.find("other", 1000));
}

TEST(SessionCache, NeverOutlivesTheSession) {
  SessionCache cache(60);
  cache.put("h", officer("a"), 1000, 1002);
  EXPECT_TRUE(cache.find("h", 1001));
  EXPECT_FALSE(cache.find("h", 1002));  // the store then answers SESSION_EXPIRED
}

TEST(SessionCache, DropAndTtlChangeForgetAtOnce) {
  SessionCache cache(60);
  cache.put("h", officer("a"), 1000, 99999);
  cache.put("g", officer("b"), 1000, 99999);
  cache.drop("h");
  EXPECT_FALSE(cache.find("h", 1000));
  EXPECT_TRUE(cache.find("g", 1000));
  cache.set_ttl(0);
  EXPECT_FALSE(cache.find("g", 1000));
  cache.put("g", officer("b"), 1000, 99999);  // off: nothing is kept
  EXPECT_EQ(cache.size(), 0u);
}

TEST(SessionCache, AFloodOfSessionsDoesNotGrowWithoutBound) {
  SessionCache cache(60);
  for (int i = 0; i < 100001; ++i) cache.put("h" + std::to_string(i), officer("a"), 1000, 99999);
  EXPECT_LE(cache.size(), 100000u);
  EXPECT_TRUE(cache.find("h100000", 1000));  // the newest is kept
}

}  // namespace
}  // namespace ktpel

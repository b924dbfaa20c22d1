#include "core/common/messages.h"

#include <gtest/gtest.h>

namespace ktpel {
namespace {

// A hostile caller's 2 MB value was echoed whole into both messages of its refusal (4 MB back).
TEST(Messages, AValueIsNamedNotEchoedWhole) {
  const std::string huge(2'000'000, 'A');
  const Error e = make_error("ENUM_VALUE", "marital_status", {"marital_status", huge, "BELUM KAWIN, KAWIN"});
  EXPECT_LT(e.message_en.size(), 1000u);
  EXPECT_LT(e.message_id.size(), 1000u);
  EXPECT_NE(e.message_en.find("AAAA\u2026"), std::string::npos) << e.message_en;
  EXPECT_NE(e.message_en.find("BELUM KAWIN, KAWIN"), std::string::npos);  // what to send instead stays whole
  // Cut on a character boundary: a value of two-byte characters stays valid UTF-8.
  std::string accents;
  for (int i = 0; i < 400; ++i) accents += "\xC3\xA9";  // é
  const Error u = make_error("ENUM_VALUE", "religion", {"religion", accents, "Islam"});
  const size_t at = u.message_en.find("\u2026");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(static_cast<unsigned char>(u.message_en[at - 1]), 0xA9u);  // the last é is whole
  // Short values are untouched.
  EXPECT_NE(make_error("ENUM_VALUE", "sex", {"sex", "X", "L, P"}).message_en.find("'X'"), std::string::npos);
}

}  // namespace
}  // namespace ktpel

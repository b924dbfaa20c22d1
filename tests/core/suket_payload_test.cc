// The suket token's text form: every field comes back as written, whatever it holds, so a '|'
// in a name (recorded before the name rules) cannot make a genuine suket unreadable.
#include <gtest/gtest.h>

#include "core/print/suket.h"

namespace ktpel {
namespace {

TEST(SuketPayload, FieldsWithSeparatorsAndPercentRoundTrip) {
  const SuketPayload p{"SKT-657101-20250101-000001", "65.71", "6571014501900001", "Budi|Santoso 100% %7C",
                       *Date::parse_iso("2025-01-01"), *Date::parse_iso("2025-07-01")};
  const std::string text = encode_suket_payload(p);
  EXPECT_EQ(text, "KTPEL-SKT1|SKT-657101-20250101-000001|65.71|6571014501900001|Budi%7CSantoso 100%25 %257C|2025-01-01|2025-07-01");
  auto back = decode_suket_payload(text);
  ASSERT_TRUE(back) << back.error().message_en;
  EXPECT_EQ(back->name, p.name);
  EXPECT_EQ(back->nik, p.nik);
  EXPECT_EQ(back->expires, p.expires);
}

TEST(SuketPayload, TokensWrittenBeforeEscapingStillRead) {
  auto old = decode_suket_payload("KTPEL-SKT1|SKT-1|65.71|6571014501900001|Siti 50% Aminah|2025-01-01|2025-07-01");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->name, "Siti 50% Aminah");
  EXPECT_FALSE(decode_suket_payload("KTPEL-SKT1|SKT-1|65.71|6571014501900001|Budi|Santoso|2025-01-01|2025-07-01"));
}

}  // namespace
}  // namespace ktpel

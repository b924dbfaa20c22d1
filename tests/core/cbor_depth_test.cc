// The CBOR nesting pre-scan before an enrolment is decoded (libFuzzer found a stack overflow in
// the decoder on nested one-element arrays at 2.16 million inputs).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "core/biometrics/enrolment_codec.h"
#include "core/text/cbor_depth.h"

namespace ktpel {
namespace {

std::string cbor_of(const nlohmann::json& j) {
  const auto b = nlohmann::json::to_cbor(j);
  return std::string(b.begin(), b.end());
}

// n one-element arrays around a zero: 0x81 × n, 0x00.
std::string nested_arrays(size_t n) { return std::string(n, '\x81') + std::string(1, '\0'); }

TEST(CborDepth, MeasuresArraysMapsAndTagsAgainstTheDecodersOwnDepth) {
  EXPECT_FALSE(cbor_nests_deeper_than(cbor_of(42), 0));
  const nlohmann::json three = {{"a", {1, {{"b", {2}}}}}};  // map > array > map > array
  EXPECT_FALSE(cbor_nests_deeper_than(cbor_of(three), 4));
  EXPECT_TRUE(cbor_nests_deeper_than(cbor_of(three), 3));
  EXPECT_FALSE(cbor_nests_deeper_than(nested_arrays(32), 32));
  EXPECT_TRUE(cbor_nests_deeper_than(nested_arrays(33), 32));
  // Siblings do not add up: 1,000 one-level arrays in one array are two levels.
  nlohmann::json wide = nlohmann::json::array();
  for (int i = 0; i < 1000; ++i) wide.push_back(nlohmann::json::array({i, "x"}));
  EXPECT_FALSE(cbor_nests_deeper_than(cbor_of(wide), 2));
  // Indefinite-length arrays (0x9f ... 0xff) and tags (0xc6) nest too.
  EXPECT_TRUE(cbor_nests_deeper_than(std::string(40, '\x9f'), 32));
  EXPECT_TRUE(cbor_nests_deeper_than(std::string(40, '\xc6') + std::string(1, '\0'), 32));
  EXPECT_FALSE(cbor_nests_deeper_than(std::string("\x9f\x01\x02\xff", 4), 1));
  // Byte strings are skipped whole: brackets inside them are data.
  EXPECT_FALSE(cbor_nests_deeper_than(cbor_of(nlohmann::json::binary({0x81, 0x81, 0x81, 0x81})), 0));
  // Truncated or malformed: measured as far as it goes, never read past the end.
  EXPECT_FALSE(cbor_nests_deeper_than(std::string("\x5a\xff\xff\xff\xff", 5), 8));
  EXPECT_FALSE(cbor_nests_deeper_than(std::string("\x1b\x01", 2), 8));
}

TEST(CborDepth, TheFuzzersNestedEnrolmentIsRefusedNotACrash) {
  std::ifstream in(std::string(KTPEL_TEST_SOURCE_DIR) + "/../fuzz/corpus/enrolment/regression-nested-cbor-arrays.cbor", std::ios::binary);
  ASSERT_TRUE(in) << "fuzz/corpus/enrolment/regression-nested-cbor-arrays.cbor";
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto r = decode_enrolment(bytes.str());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "ENROLMENT_INVALID");
  // Deeper still (100,000 levels: far past any thread's stack in the recursive decoder).
  EXPECT_EQ(decode_enrolment(nested_arrays(100000)).error().code, "ENROLMENT_INVALID");
  EXPECT_EQ(decode_fingers(nested_arrays(100000)).error().code, "ENROLMENT_INVALID");
}

}  // namespace
}  // namespace ktpel

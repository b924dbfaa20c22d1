// The bracket scan that guards every JSON request body before it is parsed.
#include "core/text/json_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace ktpel {
namespace {

std::string nested(size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(JsonDepth, CountsArraysAndObjects) {
  EXPECT_FALSE(json_nests_deeper_than("42", 0));
  EXPECT_FALSE(json_nests_deeper_than(R"({"a":[1,{"b":2}]})", 3));
  EXPECT_TRUE(json_nests_deeper_than(R"({"a":[1,{"b":2}]})", 2));
  EXPECT_FALSE(json_nests_deeper_than("[[],[],[[]]]", 3));  // siblings do not add up
  EXPECT_FALSE(json_nests_deeper_than(nested(kMaxJsonDepth), kMaxJsonDepth));
  EXPECT_TRUE(json_nests_deeper_than(nested(kMaxJsonDepth + 1), kMaxJsonDepth));
}

TEST(JsonDepth, BracketsInStringsDoNotCount) {
  EXPECT_FALSE(json_nests_deeper_than(R"({"name":"[[[[{{{{"})", 1));
  EXPECT_FALSE(json_nests_deeper_than(R"(["say \"[[[\" twice", "\\"])", 1));  // escaped quote, then a backslash
  EXPECT_TRUE(json_nests_deeper_than(R"(["\\", [[]]])", 2));  // the string ends after the escaped backslash
}

TEST(JsonDepth, AHostileBodyIsRefusedInOnePass) {
  // ~300,000 levels: what overflowed the server's stack.
  EXPECT_TRUE(json_nests_deeper_than(R"({"changes":)" + nested(300000) + "}", kMaxJsonDepth));
  EXPECT_TRUE(json_nests_deeper_than(std::string(300000, '['), kMaxJsonDepth));  // unclosed: still refused
}

}  // namespace
}  // namespace ktpel

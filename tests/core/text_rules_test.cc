// Text rules, data-driven: tests/data/text/text_rules.tsv lists values and the verdict each must
// get (names an Indonesian register holds must pass; slips and attacks must be refused by name).
#include "core/text/text_rules.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_env.h"

namespace ktpel {
namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c == 'n') out += '\n';
    else if (c == 't') out += '\t';
    else if (c == '0') out += '\0';
    else if (c == '\\') out += '\\';
    else if (c == 'u') append_utf8(out, static_cast<uint32_t>(std::stoul(s.substr(i + 1, 4), nullptr, 16))), i += 4;
    else if (c == 'x') out += static_cast<char>(std::stoul(s.substr(i + 1, 2), nullptr, 16)), i += 2;
    else out += c;
  }
  return out;
}

TEST(TextRules, EveryCaseOfTheTable) {
  std::ifstream in(std::string(KTPEL_TEST_SOURCE_DIR) + "/data/text/text_rules.tsv");
  ASSERT_TRUE(in) << "tests/data/text/text_rules.tsv";
  std::string line;
  int cases = 0, line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const size_t a = line.find('\t'), b = line.rfind('\t');
    ASSERT_TRUE(a != std::string::npos && b > a) << "line " << line_no;
    const std::string kind = line.substr(0, a), value = unescape(line.substr(a + 1, b - a - 1)), expected = line.substr(b + 1);
    auto problem = text_problem("name", value, kind == "name" ? TextKind::PersonName : TextKind::FreeText);
    EXPECT_EQ(problem ? problem->code : "OK", expected) << "line " << line_no << ": " << line;
    if (problem) {
      EXPECT_EQ(problem->field, "name");
      EXPECT_NE(problem->message_en.find("name"), std::string::npos) << problem->message_en;
    }
    ++cases;
  }
  EXPECT_GE(cases, 40);
}

TEST(TextRules, TheMessageNamesTheCharacter) {
  auto p = text_problem("mother_name", "Siti|Aminah", TextKind::PersonName);
  ASSERT_TRUE(p);
  EXPECT_NE(p->message_en.find("| (U+007C)"), std::string::npos) << p->message_en;
  p = text_problem("address", "Jl. Merdeka\xe2\x80\xae", TextKind::FreeText);  // U+202E
  ASSERT_TRUE(p);
  EXPECT_NE(p->message_en.find("U+202E"), std::string::npos) << p->message_en;
  EXPECT_FALSE(text_problem("name", "", TextKind::PersonName));  // required or not: the caller's question
}

}  // namespace
}  // namespace ktpel

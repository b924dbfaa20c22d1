// A dedup record's texts packed in one block, and a name's tokens split from its key: the same
// texts and tokens the engine had as separate strings.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/dedup/dedup_record.h"
#include "core/dedup/name_normaliser.h"
#include "core/dedup/record_texts.h"
#include "core/dedup/token_list.h"

namespace ktpel {
namespace {

std::array<std::string_view, kRecordTextCount> twelve(const std::vector<std::string>& v) {
  std::array<std::string_view, kRecordTextCount> out;
  for (size_t i = 0; i < kRecordTextCount; ++i) out[i] = v[i];
  return out;
}

TEST(RecordTexts, EachTextComesBackAsGivenAndCopiesOwnTheirBlock) {
  std::vector<std::string> v;
  for (size_t i = 0; i < kRecordTextCount; ++i) v.push_back(i % 3 == 1 ? "" : "text " + std::to_string(i * 7919));
  auto original = std::make_unique<RecordTexts>(twelve(v));
  RecordTexts copy = *original;
  RecordTexts assigned;
  assigned = copy;
  original.reset();  // the copies must not point into its block
  for (size_t i = 0; i < kRecordTextCount; ++i) {
    EXPECT_EQ(copy[static_cast<RecordText>(i)], v[i]) << i;
    EXPECT_EQ(assigned[static_cast<RecordText>(i)], v[i]) << i;
  }
  const RecordTexts none;
  for (size_t i = 0; i < kRecordTextCount; ++i) EXPECT_TRUE(none[static_cast<RecordText>(i)].empty());
  // Moved from: twelve empty texts, as a moved-from string is empty; the new owner has them all.
  RecordTexts taken = std::move(copy);
  RecordTexts assigned_by_move;
  assigned_by_move = std::move(assigned);
  for (size_t i = 0; i < kRecordTextCount; ++i) {
    EXPECT_TRUE(copy[static_cast<RecordText>(i)].empty()) << i;
    EXPECT_TRUE(assigned[static_cast<RecordText>(i)].empty()) << i;
    EXPECT_EQ(taken[static_cast<RecordText>(i)], v[i]) << i;
    EXPECT_EQ(assigned_by_move[static_cast<RecordText>(i)], v[i]) << i;
  }
}

TEST(RecordTexts, AnOverlongTextIsCutOnACharacterBoundary) {
  std::vector<std::string> v(kRecordTextCount, "x");
  v[kNameKeyText] = std::string(RecordTexts::kMax - 1, 'a') + "\xC3\xA9" + std::string(5000, 'b');  // é across the cut
  v[kNikText] = std::string(70000, '9');
  const RecordTexts t(twelve(v));
  EXPECT_EQ(t[kNameKeyText], std::string(RecordTexts::kMax - 1, 'a'));
  EXPECT_EQ(t[kNikText].size(), RecordTexts::kMax);
  EXPECT_EQ(t[kPlaceText], "x");  // the texts after them are intact
}

TEST(TokenList, SplitsAKeyAsTheNormaliserTokenisedIt) {
  for (const char* name : {"Siti Aminah", "M. Rizki bin Abdullah", "I Gusti Ngurah Rai", "Hj. Nur'aini S.Pd.", "", "  ",
                           "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z"}) {
    const NormalisedName n = normalise_person_name(name);
    const TokenList tokens(n.key);
    ASSERT_EQ(tokens.size(), n.tokens.size()) << name;
    for (size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i], n.tokens[i]) << name;
    DedupInput in;
    in.nik = "1";
    in.name = name;
    const PreparedRecord r = prepare_record(in);
    EXPECT_EQ(r.name_token_count, n.tokens.size()) << name;
    EXPECT_EQ(r.name_tokens().size(), n.tokens.size()) << name;
  }
  TokenList copied = TokenList{"a", "b"};
  const TokenList many(std::string_view("t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11 t12 t13 t14 t15 t16 t17 t18"));
  copied = many;  // past the 16 kept in place
  ASSERT_EQ(copied.size(), 18u);
  EXPECT_EQ(copied.front(), "t1");
  EXPECT_EQ(copied[16], "t17");
  EXPECT_EQ(copied.back(), "t18");
}

// A name longer than a text may be: the key is cut, and the token count is the cut key's, so the
// comparisons never see a count that disagrees with the tokens they split.
TEST(PreparedRecordTexts, AnOverlongNameCountsTheTokensItKeeps) {
  std::string name;
  for (int i = 0; i < 1500; ++i) name += "nama" + std::to_string(i % 10) + " ";  // ~9,000 bytes, 1,500 tokens
  DedupInput in;
  in.nik = "1";
  in.name = name;
  const PreparedRecord r = prepare_record(in);
  EXPECT_LE(r.name_key().size(), RecordTexts::kMax);
  EXPECT_EQ(r.name_token_count, r.name_tokens().size());
  EXPECT_LT(r.name_token_count, 1500);
}

TEST(PreparedRecordTexts, ACopiedRecordComparesAsTheOriginal) {
  DedupInput in;
  in.nik = " 3201010101900001 ";
  in.kk = "3201010101900009";
  in.name = "Siti Aminah binti Abdullah";
  in.mother_name = "Halimah";
  in.birth_place = "Kab. Bogor";
  auto original = std::make_unique<PreparedRecord>(prepare_record(in));
  const PreparedRecord copy = *original;
  const std::string nik(original->nik()), father(original->father_key()), place(original->place());
  original.reset();
  EXPECT_EQ(copy.nik(), "3201010101900001");
  EXPECT_EQ(nik, "3201010101900001");
  EXPECT_EQ(copy.kk(), "3201010101900009");
  EXPECT_EQ(copy.name_key(), "siti aminah");
  EXPECT_EQ(copy.name_compact(), "sitiaminah");
  EXPECT_EQ(copy.father_key(), father);
  EXPECT_EQ(copy.father_key(), "abdullah");
  EXPECT_EQ(copy.place(), place);
  EXPECT_EQ(copy.name_id, text_id("siti aminah"));
}

}  // namespace
}  // namespace ktpel

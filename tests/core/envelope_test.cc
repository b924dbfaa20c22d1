#include "crypto/envelope.h"
#include "crypto/password.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace ktpel {

class EnvelopeTest : public ::testing::Test {
 protected:
  SignKeyPair station = make_sign_key_pair();
  BoxKeyPair centre = make_box_key_pair();
  PacketHeader header{"ST657101001-7", "ST657101001", 7, "2025-06-01T08:00:00.000Z", ""};
  std::string body = std::string(150000, 'b') + "end";  // three secretstream chunks
};

TEST_F(EnvelopeTest, SealsAndOpens) {
  const std::string env = seal_packet(header, body, station, centre.public_key);
  EXPECT_EQ(env.find("bbbbbbbb"), std::string::npos);  // nothing readable at rest
  auto opened = open_packet(env, centre);
  ASSERT_TRUE(opened) << opened.error().message_en;
  EXPECT_EQ(opened->body, body);
  EXPECT_EQ(opened->header.packet_id, header.packet_id);
  EXPECT_TRUE(verify_packet_signature(*opened, station.public_key));
  EXPECT_EQ(read_packet_header(env)->sequence, 7);
}

// A header sequence that is not a whole int64 (found by fuzz/envelope_fuzz.cc: a float past the
// range was cast with undefined behaviour; 2^64-1 wrapped to -1).
TEST(Envelope, HeaderSequenceMustBeAWholeInt64) {
  auto header_with = [](const std::string& sequence) {
    const std::string json = R"({"created_at":"x","key_id":"","packet_id":"S-1","sequence":)" + sequence + R"(,"station_id":"S"})";
    std::string env = "KTPP1";
    for (int s = 24; s >= 0; s -= 8) env.push_back(static_cast<char>((json.size() >> s) & 0xff));
    return read_packet_header(env + json);
  };
  EXPECT_EQ(header_with("9223372036854775807")->sequence, INT64_MAX);
  EXPECT_EQ(header_with("1e300").error().code, "PACKET_DAMAGED");
  EXPECT_EQ(header_with("7.5").error().code, "PACKET_DAMAGED");
  EXPECT_EQ(header_with("18446744073709551615").error().code, "PACKET_DAMAGED");
}

TEST_F(EnvelopeTest, AnyBitFlipIsDetected) {
  const std::string env = seal_packet(header, body, station, centre.public_key);
  for (size_t at : {size_t{10}, env.size() / 3, env.size() / 2, env.size() - 1}) {
    std::string t = env;
    t[at] ^= 0x01;
    auto opened = open_packet(t, centre);
    const bool detected = !opened || !verify_packet_signature(*opened, station.public_key);
    EXPECT_TRUE(detected) << "flip at byte " << at;
  }
}

TEST_F(EnvelopeTest, WrongKeysAndSwappedHeadersFail) {
  const std::string env = seal_packet(header, body, station, centre.public_key);
  EXPECT_FALSE(open_packet(env, make_box_key_pair()));  // sealed for another centre
  auto opened = open_packet(env, centre);
  ASSERT_TRUE(opened);
  EXPECT_FALSE(verify_packet_signature(*opened, make_sign_key_pair().public_key));  // another station's key
  // Replaying the body under another packet id: the header is bound to the ciphertext.
  PacketHeader other = header;
  other.packet_id = "ST657101001-8";
  other.sequence = 8;
  const std::string env8 = seal_packet(other, body, station, centre.public_key);
  const size_t hl = env.find("}") + 1, hl8 = env8.find("}") + 1;
  const std::string spliced = env8.substr(0, hl8) + env.substr(hl);
  auto s = open_packet(spliced, centre);
  EXPECT_TRUE(!s || !verify_packet_signature(*s, station.public_key));
}

TEST(Crypto, AcksPasswordsAndLockedSecrets) {
  auto k = make_sign_key_pair();
  const std::string sig = sign_detached("ack", k.secret_key);
  EXPECT_TRUE(verify_detached("ack", sig, k.public_key));
  EXPECT_FALSE(verify_detached("ack!", sig, k.public_key));
  const std::string h = hash_password("operator-123");
  EXPECT_TRUE(check_password(h, "operator-123"));
  EXPECT_FALSE(check_password(h, "operator-124"));
  const std::string locked = lock_secret(k.secret_key, "rahasia-stasiun");
  EXPECT_EQ(locked.find(k.secret_key), std::string::npos);
  EXPECT_EQ(*unlock_secret(locked, "rahasia-stasiun"), k.secret_key);
  EXPECT_EQ(unlock_secret(locked, "salah").error().code, "STATION_PASSPHRASE");
  EXPECT_EQ(from_hex(to_hex("\x01\xff")), "\x01\xff");
  EXPECT_EQ(from_hex("zz"), "");
}

}  // namespace ktpel

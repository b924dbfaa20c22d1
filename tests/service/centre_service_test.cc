// The centre's packet handling on both backends: exactly once, and every bad packet refused
// with its reason kept (tampered, wrong key, revoked station, replay, unknown resident).
#include "service/centre_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/biometrics/enrolment_codec.h"
#include "core/synth/synthetic_enrolment.h"
#include "service/dedup_stage.h"
#include "service/ektp_service.h"
#include "service/import_residents.h"
#include "service/registry_service.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

const std::string kNow = "2025-06-01T08:00:00Z";

class CentreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    store_ = open_store(test::fresh_database(GetParam()));
    ImportOptions opt;
    opt.as_of = {2025, 6, 1};
    opt.now = kNow;
    const std::string csv = "nik,kk,name,sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,"
                            "father_name,village_code,rt,rw,address,blood_type,citizenship\n"
                            "6571014501900001,6571010405130001,SITI,P,TARAKAN,1990-01-05,Islam,KAWIN,GURU,A,B,65.71.01.1001,001,001,JL. A,O,WNI\n"
                            "6571011203850001,6571010405130001,AHMAD,L,TARAKAN,1985-03-12,Islam,KAWIN,GURU,C,D,65.71.01.1001,001,001,JL. A,O,WNI\n";
    ASSERT_TRUE(import_residents(*store_, test::wilayah(), csv, "", opt).committed);
    centre_ = std::make_unique<CentreService>(*store_, test::wilayah());
    auto code = centre_->issue_station_code("65.71.01", 7, kNow);
    ASSERT_TRUE(code);
    key_ = make_sign_key_pair();
    auto reg = centre_->register_station(*code, "Disdukcapil Tarakan 1", to_hex(key_.public_key), kNow);
    ASSERT_TRUE(reg) << reg.error().message_en;
    station_ = reg->station_id;
    token_ = reg->upload_token;
    EXPECT_EQ(token_.size(), 64u);
    EXPECT_EQ(station_, "ST657101001");
    EXPECT_EQ(from_hex(reg->centre_box_public_hex), centre_->keys().box_public);
    // A code works once.
    EXPECT_EQ(centre_->register_station(*code, "again", to_hex(key_.public_key), kNow).error().code, "STATION_CODE");
  }
  std::string packet(int64_t seq, const std::string& nik = "6571014501900001", uint64_t seed = 1,
                     const SignKeyPair* key = nullptr) {
    Rng rng(seed);
    Enrolment e = synthetic_enrolment(rng, nik, station_, "op1", "2025-06-01T07:00:00Z");
    PacketHeader h{station_ + "-" + std::to_string(seq), station_, seq, kNow, ""};
    return seal_packet(h, encode_enrolment(e), key ? *key : key_, centre_->keys().box_public);
  }
  std::unique_ptr<Store> store_;
  std::unique_ptr<CentreService> centre_;
  SignKeyPair key_;
  std::string station_, token_;
};

TEST_P(CentreTest, AcceptsOnceAndReplaysTheSameAck) {
  const std::string env = packet(1);
  auto first = centre_->accept_envelope(env, kNow);
  ASSERT_TRUE(first) << first.error().message_en;
  EXPECT_EQ(first->status, "accepted");
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(verify_ack(first->json, centre_->keys().sign_public));
  // An "ack" nested 300,000 deep (from whoever answers the station) is refused, not a stack overflow.
  EXPECT_FALSE(verify_ack(R"({"signature":"00","x":)" + std::string(300000, '[') + std::string(300000, ']') + "}",
                          centre_->keys().sign_public));
  auto again = centre_->accept_envelope(env, "2025-06-02T00:00:00Z");  // a retry or a replay
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->json, first->json);
  EXPECT_EQ(store_->count_packets("accepted"), 1);
  auto record = store_->ektp_record("6571014501900001");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, EktpStatus::SFE);
  auto history = store_->ektp_history("6571014501900001");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].to, EktpStatus::BC);
  EXPECT_EQ(history[0].at, "2025-06-01T07:00:00Z");  // the station's capture time
  EXPECT_EQ(history[0].station_id, station_);
  EXPECT_EQ(history[0].operator_id, "op1");
  EXPECT_EQ(history[1].to, EktpStatus::SFE);
}

// [9] A packet that fails authentication is kept as evidence but does not take its number: the
// station's genuine packet with that number is accepted afterwards.
TEST_P(CentreTest, TamperedPacketIsRefusedKeptAndLeavesItsNumberFree) {
  const std::string genuine = packet(2);
  std::string env = genuine;
  env[env.size() / 2] ^= 0x20;  // one bit
  auto refused = centre_->accept_envelope(env, kNow);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, "refused");
  EXPECT_NE(refused->reason.find("PACKET_DAMAGED"), std::string::npos) << refused->reason;
  EXPECT_NE(refused->reason.find("tampered"), std::string::npos);
  // Signed, and bound to the refused bytes (the station checks both before it gives up on them).
  EXPECT_TRUE(verify_ack(refused->json, centre_->keys().sign_public));
  EXPECT_EQ(nlohmann::json::parse(refused->json)["sha256"], sha256_hex(env));
  EXPECT_EQ(centre_->accept_envelope(env, "2025-06-01T09:00:00Z")->status, "refused");  // sent again: counted
  EXPECT_TRUE(store_->packets("rejected", 10).empty());
  auto kept = store_->refused_packets(10);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(std::tuple(kept[0].packet_id, kept[0].sha256, kept[0].attempts), std::tuple(station_ + "-2", sha256_hex(env), int64_t{2}));
  EXPECT_FALSE(store_->ektp_record("6571014501900001"));
  EXPECT_EQ(centre_->accept_envelope(genuine, kNow)->status, "accepted");
}

TEST_P(CentreTest, ForgedPacketsDoNotTakeTheStationsNextNumber) {
  const SignKeyPair stranger = make_sign_key_pair();
  auto forged = centre_->accept_envelope(packet(3, "6571014501900001", 1, &stranger), kNow);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, "refused");
  EXPECT_NE(forged->reason.find("PACKET_SIGNATURE"), std::string::npos) << forged->reason;
  EXPECT_FALSE(store_->stored_packet(station_ + "-3"));
  EXPECT_EQ(centre_->accept_envelope(packet(3), kNow)->status, "accepted");
  // A packet of a station the centre does not know is refused the same way.
  PacketHeader h{"ST657101999-1", "ST657101999", 1, kNow, ""};
  Rng rng(1);
  const std::string unknown = seal_packet(h, encode_enrolment(synthetic_enrolment(rng, "6571014501900001", "ST657101999", "op1", kNow)),
                                          stranger, centre_->keys().box_public);
  EXPECT_EQ(centre_->accept_envelope(unknown, kNow)->status, "refused");
  EXPECT_FALSE(store_->stored_packet("ST657101999-1"));
  EXPECT_EQ(store_->count_refused_packets(), 2);
}

TEST_P(CentreTest, RevokedStationIsRefused) {
  ASSERT_TRUE(centre_->revoke_station(station_));
  auto ack = centre_->accept_envelope(packet(4), kNow);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->status, "rejected");
  EXPECT_NE(ack->reason.find("STATION_REVOKED"), std::string::npos) << ack->reason;
}

TEST_P(CentreTest, UnknownResidentAndInvalidEnrolmentAreRefusedWithReasons) {
  auto ack = centre_->accept_envelope(packet(5, "6571019999999999"), kNow);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->status, "rejected");
  EXPECT_NE(ack->reason.find("6571019999999999"), std::string::npos) << ack->reason;
}

// Issue [11]: a packet for a deceased resident re-recorded the record the death had closed, and
// queued a card for the dead again. It is rejected, and the record stays CANCELLED.
TEST_P(CentreTest, PacketForADeceasedResidentIsRejected) {
  ASSERT_EQ(centre_->accept_envelope(packet(1), kNow)->status, "accepted");
  RegistryService registry(*store_, test::wilayah());
  ASSERT_TRUE(registry.record_death("6571014501900001", DeathEvent{{2025, 6, 1}}, {"op2", kNow, {2025, 6, 1}}, ""));
  EXPECT_EQ(store_->ektp_record("6571014501900001")->status, EktpStatus::CANCELLED);
  auto ack = centre_->accept_envelope(packet(2), kNow);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->status, "rejected");
  EXPECT_NE(ack->reason.find("6571014501900001"), std::string::npos) << ack->reason;
  EXPECT_EQ(store_->ektp_record("6571014501900001")->status, EktpStatus::CANCELLED);
}

TEST_P(CentreTest, KeyRotationNeedsTheOldKeyAndOldPacketsStillVerify) {
  const std::string old_packet = packet(6);
  const SignKeyPair fresh = make_sign_key_pair();
  auto rotation = [&](const SignKeyPair& signer, int64_t from) {
    return to_hex(sign_detached("rotate:" + station_ + ":" + to_hex(fresh.public_key) + ":" + std::to_string(from), signer.secret_key));
  };
  EXPECT_EQ(centre_->rotate_station_key(station_, to_hex(fresh.public_key), rotation(fresh, 7), 7, kNow).error().code,
            "PACKET_SIGNATURE");
  // The bound is part of what the old key signs: it cannot be changed on the way.
  EXPECT_EQ(centre_->rotate_station_key(station_, to_hex(fresh.public_key), rotation(key_, 7), 99, kNow).error().code,
            "PACKET_SIGNATURE");
  EXPECT_EQ(centre_->rotate_station_key(station_, to_hex(fresh.public_key), rotation(key_, 0), 0, kNow).error().field,
            "from_sequence");
  ASSERT_TRUE(centre_->rotate_station_key(station_, to_hex(fresh.public_key), rotation(key_, 7), 7, kNow));
  // The rotation hands out a new upload token; the registration's stops working.
  EXPECT_EQ(centre_->authenticate_station(station_, token_).error().code, "STATION_TOKEN");
  EXPECT_EQ(centre_->accept_envelope(old_packet, kNow)->status, "accepted");  // recorded before the rotation
  EXPECT_EQ(centre_->accept_envelope(packet(7, "6571011203850001", 2, &fresh), kNow)->status, "accepted");
  // [9] The retired key (leaked, say) cannot sign a packet numbered from the rotation on, and the
  // forgery leaves the number to the genuine packet.
  auto forged = centre_->accept_envelope(packet(8, "6571011203850001", 3), kNow);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, "refused");
  EXPECT_NE(forged->reason.find("PACKET_SIGNATURE"), std::string::npos) << forged->reason;
  EXPECT_EQ(centre_->accept_envelope(packet(8, "6571011203850001", 3, &fresh), kNow)->status, "accepted");
}

TEST_P(CentreTest, ChunkedUploadResumesAndChecksTheHash) {
  const std::string env = packet(8);
  const std::string id = station_ + "-8";
  const int64_t total = static_cast<int64_t>(env.size());
  const UploadQuota q;
  auto chunk = [&](int64_t offset, const std::string& bytes) { return centre_->upload_chunk(station_, id, total, offset, bytes, kNow, q); };
  EXPECT_EQ(chunk(0, env.substr(0, 1000))->received, 1000);
  EXPECT_EQ(chunk(5000, env.substr(5000, 10))->received, 1000);  // out of order: resume at 1000
  EXPECT_EQ(centre_->upload_state(station_, id)->received, 1000);
  EXPECT_EQ(centre_->commit_upload(id, sha256_hex(env), kNow).error().code, "UPLOAD_INCOMPLETE");
  EXPECT_EQ(chunk(1000, env.substr(1000))->received, total);
  EXPECT_EQ(centre_->commit_upload(id, sha256_hex("other"), kNow).error().code, "UPLOAD_CORRUPTED");
  EXPECT_EQ(centre_->upload_state(station_, id)->received, 0);  // start again
  chunk(0, env);
  auto ack = centre_->commit_upload(id, sha256_hex(env), kNow);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->status, "accepted");
  EXPECT_TRUE(centre_->upload_state(station_, id)->committed.has_value());
  EXPECT_TRUE(chunk(0, env)->committed.has_value());  // a late retry learns the ack
}

// [9] Only a registered, active station with its current token uploads, only its own packet ids,
// within its quota; another station's envelope uploaded under one's own id goes nowhere.
TEST_P(CentreTest, UploadsBelongToAnAuthenticatedStationWithinItsQuota) {
  EXPECT_TRUE(centre_->authenticate_station(station_, token_));
  EXPECT_EQ(centre_->authenticate_station(station_, token_ + "0").error().code, "STATION_TOKEN");
  EXPECT_EQ(centre_->authenticate_station(station_, "").error().code, "STATION_TOKEN");
  EXPECT_EQ(centre_->authenticate_station("ST657101999", token_).error().code, "STATION_UNKNOWN");

  const UploadQuota q{2, 1 << 20, "2025-05-31T08:00:00Z"};
  for (const std::string bad : {"ST657101002-1", "ST657101001", "ST657101001-", "ST657101001-1x", "ST65710100-1", "x-ST657101001-1"})
    EXPECT_EQ(centre_->upload_chunk(station_, bad, 10, 0, "abc", kNow, q).error().code, "PACKET_STATION") << bad;
  EXPECT_EQ(centre_->upload_state(station_, "ST657101002-1").error().code, "PACKET_STATION");
  ASSERT_TRUE(centre_->upload_chunk(station_, station_ + "-20", 10, 0, "abc", kNow, q));
  ASSERT_TRUE(centre_->upload_chunk(station_, station_ + "-21", 10, 0, "abc", kNow, q));
  ASSERT_TRUE(centre_->upload_chunk(station_, station_ + "-21", 10, 3, "def", kNow, q));  // an open one goes on
  EXPECT_EQ(centre_->upload_chunk(station_, station_ + "-22", 10, 0, "abc", kNow, q).error().code, "UPLOAD_QUOTA");
  // A day later the two abandoned uploads have expired and make room.
  const UploadQuota later{2, 1 << 20, "2025-06-02T07:00:00Z"};
  ASSERT_TRUE(centre_->upload_chunk(station_, station_ + "-22", 10, 0, "abc", "2025-06-02T08:00:00Z", later));
  EXPECT_EQ(centre_->upload_state(station_, station_ + "-21")->received, 0);

  // Another station's genuine packet, uploaded under this station's next id: dropped, the id stays free.
  auto code = centre_->issue_station_code("65.71.01", 7, kNow);
  const SignKeyPair other_key = make_sign_key_pair();
  auto other = centre_->register_station(*code, "Desk 2", to_hex(other_key.public_key), kNow);
  ASSERT_TRUE(other);
  EXPECT_NE(other->upload_token, token_);
  Rng rng(4);
  PacketHeader h{other->station_id + "-1", other->station_id, 1, kNow, ""};
  const std::string theirs = seal_packet(h, encode_enrolment(synthetic_enrolment(rng, "6571014501900001", other->station_id, "op2", kNow)),
                                         other_key, centre_->keys().box_public);
  const std::string mine = station_ + "-1";
  ASSERT_TRUE(centre_->upload_chunk(station_, mine, static_cast<int64_t>(theirs.size()), 0, theirs, kNow, UploadQuota{}));
  EXPECT_EQ(centre_->commit_upload(mine, sha256_hex(theirs), kNow).error().code, "PACKET_STATION");
  EXPECT_FALSE(store_->stored_packet(mine));
  EXPECT_FALSE(store_->stored_packet(other->station_id + "-1"));
  EXPECT_EQ(centre_->upload_state(station_, mine)->received, 0);
}

TEST_P(CentreTest, DedupStageClearsOrFlagsDuplicates) {
  ASSERT_EQ(centre_->accept_envelope(packet(9, "6571014501900001", 11), kNow)->status, "accepted");
  ASSERT_EQ(centre_->accept_envelope(packet(10, "6571011203850001", 11), kNow)->status, "accepted");  // same prints!
  ExactTemplateMatcher matcher;
  auto s = run_dedup_stage(*store_, matcher, kNow, 100);
  EXPECT_EQ(s.checked, 2);
  EXPECT_EQ(s.cleared, 0);  // each sees the other
  EXPECT_EQ(s.duplicates, 2);
  auto r = store_->ektp_record("6571011203850001");
  EXPECT_EQ(r->status, EktpStatus::DUPLICATE_RECORD);
  auto h = store_->ektp_history("6571011203850001");
  EXPECT_NE(h.back().reason.find("6571014501900001"), std::string::npos);
  // [11] The link names the NIK it duplicates; certain (identical templates): no case.
  auto link = store_->duplicate_link("6571011203850001");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->other_nik, "6571014501900001");
  EXPECT_EQ(link->case_id, 0);
  EXPECT_EQ(link->source, matcher.name());
  EktpService ektp(*store_, test::wilayah());
  EXPECT_EQ(ektp.transition("6571011203850001", EktpEvent::Print, {"op", "centre", kNow}, "").error().code, "EKTP_BLOCKED_DUPLICATE");
  ASSERT_TRUE(ektp.transition("6571011203850001", EktpEvent::ResolveNotDuplicate, {"pusat", "centre", kNow}, "kembar identik"));
  ASSERT_TRUE(ektp.transition("6571011203850001", EktpEvent::Print, {"op", "centre", kNow}, ""));
  EXPECT_EQ(ektp.transition("6571011203850001", EktpEvent::RequestReprint, {"op", "centre", kNow}, "HILANG").error().code,
            "EKTP_TRANSITION");  // not delivered yet
}

TEST_P(CentreTest, StuckListQueuesAndHistory) {
  ASSERT_EQ(centre_->accept_envelope(packet(11), kNow)->status, "accepted");
  ExactTemplateMatcher matcher;
  run_dedup_stage(*store_, matcher, kNow, 100);
  EktpService ektp(*store_, test::wilayah());
  auto rows = ektp.queues(Level::Kabupaten, "65");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).code, "65.71");
  EXPECT_EQ(rows->at(0).counts.at(EktpStatus::PRR), 1);
  EXPECT_TRUE(ektp.stuck("65", {2025, 6, 10}, 14, 100)->empty());
  auto stuck = ektp.stuck("65", {2025, 6, 30}, 14, 100);
  ASSERT_EQ(stuck->size(), 1u);
  EXPECT_EQ(stuck->at(0).record.status, EktpStatus::PRR);
  EXPECT_EQ(stuck->at(0).days, 29);
  EXPECT_EQ(store_->ektp_history("6571014501900001").size(), 4u);  // BC, SFE, DEDUP, PRR
}

INSTANTIATE_TEST_SUITE_P(Backends, CentreTest, ::testing::ValuesIn(test::backends()), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

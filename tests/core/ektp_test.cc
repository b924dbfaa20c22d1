#include <gtest/gtest.h>

#include "core/ektp/ektp_status.h"
#include "core/ektp/stuck.h"
#include "core/station/backoff.h"

namespace ktpel {

using S = EktpStatus;
using E = EktpEvent;

// [11] Every status has words for an officer, in both languages, naming the status code.
TEST(EktpStatus, EveryStatusInWords) {
  for (S s : all_ektp_statuses()) {
    const Message m = status_in_words(s);
    const std::string code = "(" + std::string(to_string(s)) + ")";
    EXPECT_NE(m.id.find(code), std::string::npos) << m.id;
    EXPECT_NE(m.en.find(code), std::string::npos) << m.en;
    EXPECT_NE(m.id, m.en);
  }
  EXPECT_EQ(status_in_words(S::PRR).id, "Siap cetak, menunggu antrean cetak (PRR)");
}

TEST(EktpStatus, TheHappyPathFromCaptureToDelivery) {
  std::optional<S> s;
  for (auto [event, expect] : std::vector<std::pair<E, S>>{{E::Capture, S::BC}, {E::Receive, S::SFE}, {E::StartDedup, S::DEDUP},
                                                           {E::Clear, S::PRR}, {E::IssueSuket, S::SUKET}, {E::Print, S::PRINTED},
                                                           {E::Deliver, S::DELIVERED}, {E::RequestReprint, S::REPRINT}}) {
    auto next = next_status(s, event, event == E::RequestReprint ? "HILANG" : "");
    ASSERT_TRUE(next) << to_string(event) << ": " << next.error().message_en;
    EXPECT_EQ(*next, expect);
    s = *next;
  }
  EXPECT_EQ(*next_status(S::REPRINT, E::QueueReprint, ""), S::PRR);
}

TEST(EktpStatus, IllegalTransitionsAreRejectedWithAReason) {
  auto r = next_status(S::PRR, E::Deliver, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "EKTP_TRANSITION");
  EXPECT_NE(r.error().message_en.find("deliver"), std::string::npos);
  EXPECT_NE(r.error().message_en.find("PRR"), std::string::npos);
  EXPECT_FALSE(next_status(std::nullopt, E::Print, ""));
  EXPECT_FALSE(next_status(S::BC, E::Capture, ""));       // a second capture is a re-record
  EXPECT_FALSE(next_status(S::DEDUP, E::Rerecord, ""));
  EXPECT_FALSE(next_status(S::CANCELLED, E::Print, ""));
  // Every (status, event) pair not in the table is refused, never silently accepted.
  int legal = 0;
  for (auto from : all_ektp_statuses())
    for (int e = 0; e <= static_cast<int>(E::Refer); ++e)
      legal += next_status(from, static_cast<E>(e), "HILANG").ok();
  EXPECT_EQ(legal, 22);
}

TEST(EktpStatus, PossibleDuplicatesWaitForAnOfficer) {
  EXPECT_EQ(*next_status(S::DEDUP, E::Refer, ""), S::DEDUP_REVIEW);
  EXPECT_EQ(*next_status(S::DEDUP_REVIEW, E::Clear, ""), S::PRR);
  EXPECT_EQ(*next_status(S::DEDUP_REVIEW, E::FlagDuplicate, "sama dengan 6571..."), S::DUPLICATE_RECORD);
  EXPECT_FALSE(next_status(S::DEDUP_REVIEW, E::Print, ""));
  EXPECT_EQ(parse_ektp_status("DEDUP_REVIEW"), S::DEDUP_REVIEW);
}

TEST(EktpStatus, DuplicateRecordBlocksTheCardUntilResolved) {
  EXPECT_EQ(next_status(S::DEDUP, E::FlagDuplicate, "").error().field, "reason");
  EXPECT_EQ(*next_status(S::DEDUP, E::FlagDuplicate, "NIK ganda: 6571..."), S::DUPLICATE_RECORD);
  for (E e : {E::Print, E::IssueSuket, E::Deliver, E::Rerecord})
    EXPECT_EQ(next_status(S::DUPLICATE_RECORD, e, "").error().code, "EKTP_BLOCKED_DUPLICATE");
  EXPECT_EQ(*next_status(S::DUPLICATE_RECORD, E::ResolveNotDuplicate, ""), S::PRR);
  EXPECT_EQ(*next_status(S::DUPLICATE_RECORD, E::Cancel, "dihapus pusat"), S::CANCELLED);
}

// Issue [11]: a death closes the record wherever it stands, except a card already handed over.
TEST(EktpStatus, DeathCancelsEveryOpenRecord) {
  for (auto s : all_ektp_statuses()) {
    auto next = next_status(s, E::Decease, "meninggal dunia 2026-11-20");
    if (is_terminal(s)) {
      EXPECT_FALSE(next) << to_string(s);
    } else {
      ASSERT_TRUE(next) << to_string(s) << ": " << next.error().message_en;
      EXPECT_EQ(*next, S::CANCELLED);
    }
  }
  EXPECT_EQ(next_status(S::PRR, E::Decease, "").error().field, "reason");
  EXPECT_FALSE(next_status(std::nullopt, E::Decease, "meninggal dunia 2026-11-20"));
  EXPECT_EQ(parse_ektp_event("decease"), E::Decease);
}

TEST(EktpStatus, ReprintNeedsAKnownReason) {
  EXPECT_EQ(next_status(S::DELIVERED, E::RequestReprint, "").error().code, "EKTP_REPRINT_REASON");
  EXPECT_EQ(next_status(S::DELIVERED, E::RequestReprint, "BOSAN").error().code, "EKTP_REPRINT_REASON");
  for (auto reason : kReprintReasons) EXPECT_TRUE(next_status(S::DELIVERED, E::RequestReprint, reason));
  for (auto s : all_ektp_statuses()) EXPECT_EQ(parse_ektp_status(to_string(s)), s);
}

TEST(Stuck, ListsNonFinalRecordsOlderThanTheLimitLongestFirst) {
  const Date today{2025, 6, 30};
  std::vector<EktpRecordState> records = {
      {"a", "v", S::PRR, {2025, 6, 16}},        // 14 days: not yet stuck
      {"b", "v", S::PRR, {2025, 6, 15}},        // 15 days: stuck
      {"c", "v", S::SFE, {2025, 1, 1}},         // 180 days
      {"d", "v", S::DELIVERED, {2020, 1, 1}},   // final: never stuck
      {"e", "v", S::CANCELLED, {2020, 1, 1}},
      {"f", "v", S::DUPLICATE_RECORD, {2025, 5, 1}}};
  auto stuck = find_stuck(records, today, kDefaultStuckDays);
  ASSERT_EQ(stuck.size(), 3u);
  EXPECT_EQ(stuck[0].record.nik, "c");
  EXPECT_EQ(stuck[0].days, 180);
  EXPECT_EQ(stuck[1].record.nik, "f");
  EXPECT_EQ(stuck[2].record.nik, "b");
  EXPECT_EQ(stuck_cutoff(today, 14), (Date{2025, 6, 15}));
}

TEST(Backoff, FullJitterUnderAnExponentialCeiling) {
  BackoffPolicy p{500, 60000};
  EXPECT_EQ(backoff_delay_ms(p, 0, 0.0), 0);
  EXPECT_EQ(backoff_delay_ms(p, 1, 0.999999), 999);
  EXPECT_EQ(backoff_delay_ms(p, 3, 0.5), 2000);
  EXPECT_LE(backoff_delay_ms(p, 10, 0.999999), 60000);
  EXPECT_LE(backoff_delay_ms(p, 1000, 0.999999), 60000);  // no overflow on long outages
  EXPECT_GE(backoff_delay_ms(p, 1000, 0.0), 0);
}

}  // namespace ktpel

#include "core/ektp/legacy_history.h"

namespace ktpel {

TEST(LegacyHistory, EveryStatusGetsAValidDatedPath) {
  for (auto status : all_ektp_statuses()) {
    auto h = legacy_history("6571014501900001", status, {2020, 1, 1}, {2020, 3, 1});
    ASSERT_TRUE(h) << to_string(status) << ": " << h.error().message_en;
    EXPECT_EQ(h->front().event, "capture");
    EXPECT_EQ(h->front().at.substr(0, 10), "2020-01-01");
    EXPECT_EQ(h->back().to, status);
    if (status != EktpStatus::BC) {
      EXPECT_EQ(h->back().at.substr(0, 10), "2020-03-01");
    }
    for (size_t i = 1; i < h->size(); ++i) {
      EXPECT_LE((*h)[i - 1].at, (*h)[i].at);
      EXPECT_EQ((*h)[i].from, (*h)[i - 1].to);
    }
  }
  EXPECT_EQ(legacy_history("x", EktpStatus::PRR, {2020, 3, 1}, {2020, 1, 1}).error().code, "EKTP_DATES");
}

}  // namespace ktpel

#include "core/print/stock_ledger.h"

#include <gtest/gtest.h>

#include <set>

#include "core/synth/random.h"

namespace ktpel {

const Date kDay{2025, 6, 1};

TEST(StockLedger, TrancheTransferPrintSpoilReturnAndStockTake) {
  StockLedger l;
  ASSERT_TRUE(l.receive_tranche("65.71", StockItem::BlankCard, 65000, kDay, "BAST-1"));
  ASSERT_TRUE(l.send_transfer("65.71", "TR-1", StockItem::BlankCard, 5000, kDay));
  EXPECT_EQ(l.on_hand("65.71", StockItem::BlankCard), 60000);
  EXPECT_EQ(l.balance("transit:TR-1", StockItem::BlankCard), 5000);  // in transit, on nobody's shelf
  ASSERT_TRUE(l.receive_transfer("65.02", "TR-1", kDay.plus_days(3)));
  EXPECT_EQ(l.on_hand("65.02", StockItem::BlankCard), 5000);
  EXPECT_EQ(l.receive_transfer("65.02", "TR-1", kDay).error().code, "STOCK_LEDGER");  // only once
  ASSERT_TRUE(l.use_for_card("65.02", "KTP-000001", false, "", kDay));
  ASSERT_TRUE(l.use_for_card("65.02", "KTP-000002", true, "ribbon macet (jam)", kDay));
  EXPECT_FALSE(l.use_for_card("65.02", "KTP-000001", false, "", kDay));  // a blank is used once
  EXPECT_FALSE(l.use_for_card("65.02", "KTP-000003", true, "", kDay));   // spoiled needs a reason
  ASSERT_TRUE(l.return_to_centre("65.71", StockItem::BlankCard, 1000, kDay, "retur-1"));
  ASSERT_TRUE(l.stock_take("65.71", StockItem::BlankCard, 58990, kDay, "hitung fisik Juni"));
  EXPECT_EQ(l.on_hand("65.71", StockItem::BlankCard), 58990);
  EXPECT_EQ(l.balance("adjustment", StockItem::BlankCard), 10);
  EXPECT_FALSE(l.stock_take("65.71", StockItem::BlankCard, 1, kDay, ""));
  EXPECT_EQ(l.balance("printed", StockItem::BlankCard), 1);
  EXPECT_EQ(l.balance("spoiled", StockItem::BlankCard), 1);
  EXPECT_TRUE(audit(l.movements(), kDay).empty());
}

TEST(StockLedger, BalancesNeverGoNegative) {
  StockLedger l;
  ASSERT_TRUE(l.receive_tranche("65.04", StockItem::Ribbon, 2, kDay, "BAST-9"));
  auto r = l.consume("65.04", StockItem::Ribbon, 3, kDay, "job");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_en.find("holds 2"), std::string::npos);
  EXPECT_FALSE(l.use_for_card("65.04", "KTP-1", false, "", kDay));  // no blanks at all
  EXPECT_FALSE(l.send_transfer("65.04", "TR-9", StockItem::Ribbon, 5, kDay));
  EXPECT_EQ(l.movements().size(), 1u);  // refused movements leave nothing behind
  EXPECT_EQ(days_to_stockout(1000, 180.0), 5);
  EXPECT_EQ(days_to_stockout(1000, 0.0), std::nullopt);
}

// Property: under thousands of random operation sequences, every balance equals the sum of its
// movements, stock never goes negative, and the independent audit finds nothing.
TEST(StockLedger, RandomSequencesKeepEveryInvariant) {
  const std::string offices[] = {"65.01", "65.02", "65.03", "65.71"};
  for (uint64_t seed = 1; seed <= 2000; ++seed) {
    Rng rng(seed);
    StockLedger l;
    std::vector<std::string> in_transit;
    int serial = 0;
    for (int op = 0; op < 60; ++op) {
      const std::string& o = offices[rng.below(4)];
      const auto item = static_cast<StockItem>(rng.below(3));
      const int64_t qty = rng.between(1, 300);
      switch (rng.below(7)) {
        case 0: (void)l.receive_tranche(o, item, qty, kDay, "B" + std::to_string(op)); break;
        case 1: {
          const std::string id = "T" + std::to_string(seed) + "-" + std::to_string(op);
          if (l.send_transfer(o, id, item, qty, kDay)) in_transit.push_back(id);
          break;
        }
        case 2:
          if (!in_transit.empty()) {
            const size_t k = rng.below(in_transit.size());
            ASSERT_TRUE(l.receive_transfer(offices[rng.below(4)], in_transit[k], kDay));
            in_transit.erase(in_transit.begin() + static_cast<long>(k));
          }
          break;
        case 3: (void)l.use_for_card(o, "S" + std::to_string(serial++), rng.chance(0.1), "jam", kDay); break;
        case 4: (void)l.consume(o, item, qty % 5 + 1, kDay, "job"); break;
        case 5: (void)l.return_to_centre(o, item, qty, kDay, "R"); break;
        default: (void)l.stock_take(o, item, rng.between(0, 500), kDay, "hitung"); break;
      }
    }
    std::map<std::pair<std::string, StockItem>, int64_t> recomputed;
    for (const auto& m : l.movements()) {
      recomputed[{m.debit, m.item}] += m.quantity;
      recomputed[{m.credit, m.item}] -= m.quantity;
    }
    int64_t sum = 0;
    for (const auto& [key, v] : recomputed) {
      ASSERT_EQ(l.balance(key.first, key.second), v) << "seed " << seed;
      if (key.first.rfind("office:", 0) == 0 || key.first.rfind("transit:", 0) == 0) {
        ASSERT_GE(v, 0) << "seed " << seed;
      }
      sum += v;
    }
    ASSERT_EQ(sum, 0);
    ASSERT_TRUE(audit(l.movements(), kDay).empty()) << "seed " << seed << ": " << audit(l.movements(), kDay)[0].code;
  }
}

TEST(StockLedger, AuditFindsTamperedHistories) {
  StockLedger l;
  ASSERT_TRUE(l.receive_tranche("65.71", StockItem::BlankCard, 10, kDay, "B"));
  ASSERT_TRUE(l.use_for_card("65.71", "S1", false, "", kDay));
  ASSERT_TRUE(l.send_transfer("65.71", "T1", StockItem::BlankCard, 5, kDay));
  auto moves = l.movements();
  auto codes = [&](std::vector<StockMovement> m, Date today = kDay) {
    std::set<std::string> out;
    for (const auto& d : audit(m, today)) out.insert(d.code);
    return out;
  };
  EXPECT_TRUE(codes(moves).empty());
  EXPECT_TRUE(codes(moves, kDay.plus_days(30)).count("TRANSFER_IN_TRANSIT"));  // lost on the way
  auto twice = moves;
  twice.push_back(moves[1]);  // the same blank booked again
  EXPECT_TRUE(codes(twice).count("BLANK_SERIAL"));
  auto overdraw = moves;
  overdraw.push_back({9, MovementKind::TransferOut, StockItem::BlankCard, "transit:T2", "office:65.71", 100, kDay, "T2", ""});
  EXPECT_TRUE(codes(overdraw).count("NEGATIVE_BALANCE"));
  auto mismatch = moves;
  mismatch.push_back({10, MovementKind::TransferIn, StockItem::BlankCard, "office:65.02", "transit:T1", 4, kDay, "T1", ""});
  EXPECT_TRUE(codes(mismatch).count("TRANSFER_QUANTITY"));
  auto rebuilt = StockLedger::from_movements(moves);
  EXPECT_EQ(rebuilt.on_hand("65.71", StockItem::BlankCard), 4);
  EXPECT_FALSE(rebuilt.use_for_card("65.71", "S1", false, "", kDay));  // serials survive a reload
}

// Two receipts of 2^63-1 wrapped the balances (the audit then failed): a movement moves 1 to
// kMaxMovementQuantity, a balance that would pass int64 either way is refused, and an old table
// holding such a quantity is reported by the audit, never summed into a wrapped number.
TEST(StockLedger, QuantitiesAreBoundedAndBalancesNeverWrap) {
  constexpr int64_t kHuge = INT64_MAX;
  StockLedger l;
  for (int64_t bad : {kHuge, kMaxMovementQuantity + 1, int64_t{0}, int64_t{-5}, INT64_MIN}) {
    auto r = l.receive_tranche("65.71", StockItem::BlankCard, bad, kDay, "BAST-X");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "STOCK_QUANTITY");
    EXPECT_EQ(r.error().field, "quantity");
  }
  ASSERT_TRUE(l.receive_tranche("65.71", StockItem::BlankCard, kMaxMovementQuantity, kDay, "BAST-1"));
  ASSERT_TRUE(l.receive_tranche("65.71", StockItem::BlankCard, kMaxMovementQuantity, kDay, "BAST-2"));
  EXPECT_EQ(l.on_hand("65.71", StockItem::BlankCard), 2 * kMaxMovementQuantity);
  EXPECT_EQ(l.send_transfer("65.71", "T1", StockItem::BlankCard, kHuge, kDay).error().code, "STOCK_QUANTITY");
  EXPECT_EQ(l.return_to_centre("65.71", StockItem::BlankCard, kHuge, kDay, "R").error().code, "STOCK_QUANTITY");
  EXPECT_EQ(l.consume("65.71", StockItem::Ribbon, kHuge, kDay, "job").error().code, "STOCK_QUANTITY");
  EXPECT_FALSE(l.stock_take("65.71", StockItem::BlankCard, kHuge, kDay, "hitung"));  // the difference is a movement too
  EXPECT_TRUE(audit(l.movements(), kDay).empty());

  // The rules check the sums themselves (checked arithmetic), whatever the balances already are.
  struct NearlyFull : StockView {
    int64_t balance(const std::string& account, StockItem) const override { return account == "external" ? INT64_MIN + 1 : INT64_MAX - 1; }
    std::optional<std::pair<StockItem, int64_t>> in_transit(const std::string&) const override { return std::nullopt; }
    bool transfer_known(const std::string&) const override { return false; }
    bool serial_used(const std::string&) const override { return false; }
  } full;
  auto r = stock_rules::receive_tranche(full, "65.71", StockItem::BlankCard, 2, kDay, "BAST-3");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "STOCK_LEDGER");
  EXPECT_NE(r.error().message_en.find("overflow"), std::string::npos);

  // A table written before the bound: both receipts reported, balances not wrapped.
  std::vector<StockMovement> old = l.movements();
  old.push_back({3, MovementKind::TrancheReceived, StockItem::Ribbon, "office:65.04", "external", kHuge, kDay, "B-9", ""});
  old.push_back({4, MovementKind::TrancheReceived, StockItem::Ribbon, "office:65.04", "external", kHuge, kDay, "B-10", ""});
  std::set<std::string> codes;
  for (const auto& d : audit(old, kDay)) codes.insert(d.code);
  EXPECT_EQ(codes, std::set<std::string>{"BAD_QUANTITY"});
  const auto reloaded = StockLedger::from_movements(old);
  EXPECT_EQ(reloaded.on_hand("65.71", StockItem::BlankCard), 2 * kMaxMovementQuantity);
  EXPECT_GE(reloaded.on_hand("65.04", StockItem::Ribbon), 0);
}

}  // namespace ktpel

// Issue [11] in the store, on both backends: the hand-over records, the shipments of cards
// printed for another office (ship once, receive once, in order), the duplicate links, and
// migration 19 carrying decided SAME_PERSON cases over as links.
#include "store_methods_fixture.h"

namespace ktpel {
namespace {

using namespace store_methods;

class DeliveryStoreMethodsTest : public StoreMethodsTest {};

TEST_P(DeliveryStoreMethodsTest, DeliveriesPrintedCardsAndShipments) {
  const std::string a = "6571010101900001", b = "6504010101900002";
  EXPECT_FALSE(store_->last_delivery(a));
  EXPECT_FALSE(store_->printed_card(a));
  {
    StoreTransaction tx(*store_);
    store_->insert_print_job({0, "65.71", a, "C-1", "P1", "spoiled", "jam", Date{2026, 11, 1}, "t", "op"});
    store_->insert_print_job({0, "65.71", a, "C-2", "P1", "printed", "", Date{2026, 11, 2}, "t", "op"});
    store_->insert_print_job({0, "65.02", b, "M-1", "M1", "printed", "", Date{2026, 11, 3}, "t", "op"});
    store_->insert_shipment({"M-1", b, "65.02", "65.04", Date{2026, 11, 3}, {}, {}, "", ""});
    tx.commit();
  }
  auto card = store_->printed_card(a);
  ASSERT_TRUE(card);
  EXPECT_EQ(card->card_serial, "C-2");  // the printed one, not the spoiled blank
  EXPECT_EQ(card->on, (Date{2026, 11, 2}));
  EXPECT_FALSE(store_->shipment_of(a));
  auto s = store_->shipment_of(b);
  ASSERT_TRUE(s);
  EXPECT_EQ(std::tuple(s->card_serial, s->printed_by, s->home_office, s->printed_on.iso()), std::tuple("M-1", "65.02", "65.04", "2026-11-03"));
  EXPECT_FALSE(s->shipped_on);
  // Not received before it is shipped; not shipped before it is printed; each once.
  EXPECT_EQ(store_->receive_cards("65.02", "65.04", Date{2026, 11, 5}, "tt"), 0);
  EXPECT_EQ(store_->ship_cards("65.02", "65.04", Date{2026, 11, 2}, "mm"), 0);
  EXPECT_EQ(store_->ship_cards("65.02", "65.01", Date{2026, 11, 4}, "mm"), 0);  // another destination
  EXPECT_EQ(store_->ship_cards("65.02", "65.04", Date{2026, 11, 4}, "mm"), 1);
  EXPECT_EQ(store_->ship_cards("65.02", "65.04", Date{2026, 11, 4}, "mm"), 0);
  EXPECT_EQ(store_->receive_cards("65.02", "65.04", Date{2026, 11, 3}, "tt"), 0);  // before it left
  EXPECT_EQ(store_->receive_cards("65.02", "65.04", Date{2026, 11, 5}, "tt"), 1);
  EXPECT_EQ(store_->receive_cards("65.02", "65.04", Date{2026, 11, 5}, "tt"), 0);
  s = store_->shipment_of(b);
  EXPECT_EQ(s->shipped_on, (Date{2026, 11, 4}));
  EXPECT_EQ(s->received_on, (Date{2026, 11, 5}));
  EXPECT_EQ(std::tuple(s->shipped_by, s->received_by), std::tuple("mm", "tt"));
  EXPECT_EQ(store_->shipments("65.04", 10).size(), 1u);  // by home office
  EXPECT_EQ(store_->shipments("65.02", 10).size(), 1u);  // by printing office
  EXPECT_TRUE(store_->shipments("65.71", 10).empty());
  // Hand-overs: the latest is returned; a representative needs a name and a NIK (CHECK).
  const int64_t first = store_->insert_delivery({0, a, "C-2", "65.71", "op1", "SELF", "", "", Date{2026, 11, 6}, "t1"});
  const int64_t second =
      store_->insert_delivery({0, a, "C-2", "65.71", "op2", "REPRESENTATIVE", "SITI", "6571014101900003", Date{2026, 11, 7}, "t2"});
  EXPECT_GT(second, first);
  auto d = store_->last_delivery(a);
  ASSERT_TRUE(d);
  EXPECT_EQ(std::tuple(d->id, d->officer, d->collector, d->representative_name, d->representative_nik, d->on.iso()),
            std::tuple(second, "op2", "REPRESENTATIVE", "SITI", "6571014101900003", "2026-11-07"));
  EXPECT_THROW(store_->insert_delivery({0, a, "C-2", "65.71", "op2", "REPRESENTATIVE", "", "", Date{2026, 11, 7}, "t3"}), StoreError);
}

TEST_P(DeliveryStoreMethodsTest, DuplicateLinksKeepTheLatestDecision) {
  const std::string dup = "6571010101900001";
  EXPECT_FALSE(store_->duplicate_link(dup));
  {
    StoreTransaction tx(*store_);
    store_->put_duplicate_link({dup, "6571010101900009", 0, "exact-templates", "dedup:exact", "2026-11-01T00:00:00Z"});
    tx.commit();
  }
  EXPECT_EQ(store_->duplicate_link(dup)->case_id, 0);
  {
    StoreTransaction tx(*store_);
    store_->put_duplicate_link({dup, "6571010101900008", 12, "afis", "sup1", "2026-11-02T00:00:00Z"});
    tx.commit();
  }
  auto l = store_->duplicate_link(dup);
  ASSERT_TRUE(l);
  EXPECT_EQ(std::tuple(l->other_nik, l->case_id, l->source, l->decided_by, l->decided_at),
            std::tuple("6571010101900008", int64_t{12}, "afis", "sup1", "2026-11-02T00:00:00Z"));
}

TEST_P(DeliveryStoreMethodsTest, Migration19LinksDecidedSamePersonCases) {
  const std::string location = test::fresh_database(GetParam());
  migrate_below(location, 19, [](sql::Connection& db) {
    db.exec(
        "INSERT INTO adjudications (nik, other_nik, score_ppm, fingers, source, created_at, status, decided_by, decided_at, note) VALUES"
        " ('6571010101900001', '6571010101900002', 900000, '[]', 'afis', 't0', 'SAME_PERSON', 'sup1', 't1', ''),"
        " ('6571010101900001', '6571010101900003', 910000, '[]', 'afis', 't0', 'SAME_PERSON', 'sup2', 't2', ''),"
        " ('6571010101900004', '6571010101900005', 500000, '[]', 'afis', 't0', 'DIFFERENT_PEOPLE', 'sup1', 't1', ''),"
        " ('6571010101900006', '6571010101900007', 500000, '[]', 'afis', 't0', 'OPEN', '', '', '')");
  });
  auto store = open_store(location);
  EXPECT_EQ(store->schema_version(), migrations().back().version);
  auto l = store->duplicate_link("6571010101900001");
  ASSERT_TRUE(l);
  EXPECT_EQ(std::tuple(l->other_nik, l->case_id, l->source, l->decided_by, l->decided_at),
            std::tuple("6571010101900003", int64_t{2}, "afis", "sup2", "t2"));  // the latest decision
  EXPECT_FALSE(store->duplicate_link("6571010101900004"));
  EXPECT_FALSE(store->duplicate_link("6571010101900006"));
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, DeliveryStoreMethodsTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace ktpel

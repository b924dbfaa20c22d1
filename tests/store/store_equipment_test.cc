// The equipment side of the store (issue [10]), method by method, on both backends: items and
// their history, repair tickets (one open ticket per item, kept by the partial unique index), the
// print desk's printers read off the CARD_PRINTER items, and migration 17 turning the printers
// of a version-16 database into items.
#include "sql/connection.h"
#include "support/schema_by_hand.h"
#include "store_methods_fixture.h"

namespace ktpel {
namespace {

using namespace store_methods;
using store_methods::row;

const std::string kAt = "2026-11-20T08:00:00Z";

EquipmentItem make_item(const std::string& serial, const std::string& office, ItemType type, ItemStatus status = ItemStatus::Active) {
  EquipmentItem i;
  i.serial = serial;
  i.office = office;
  i.type = type;
  i.status = status;
  i.vendor = "Dell";
  i.model = "OptiPlex 390";
  if (type == ItemType::CardPrinter) i.cards_per_day = 300;
  return i;
}

auto row(const EquipmentItem& i) {
  return std::tuple(i.serial, i.office, std::string(to_string(i.type)), i.vendor, i.model, i.installed_on ? i.installed_on->iso() : "",
                    i.os, i.os_end_of_support ? i.os_end_of_support->iso() : "", i.warranty_end ? i.warranty_end->iso() : "",
                    std::string(to_string(i.status)), i.cards_per_day, i.lent_to, i.lent_until ? i.lent_until->iso() : "", i.note);
}
auto row(const ItemEvent& e) { return std::tuple(e.serial, e.on.iso(), std::string(to_string(e.status)), e.note, e.actor, e.at); }
auto row(const RepairTicket& t) {
  return std::tuple(t.id, t.serial, t.office, std::string(to_string(t.item_type)), t.model, t.reported_on.iso(), t.symptom,
                    std::string(to_string(t.cause)), t.reporter, t.closed_on ? t.closed_on->iso() : "",
                    t.site ? std::string(to_string(*t.site)) : "", t.cost_rupiah, t.parts, t.closer);
}
template <class T>
auto equipment_rows(const std::vector<T>& v) {
  std::vector<decltype(row(v.front()))> out;
  for (const auto& x : v) out.push_back(row(x));
  return out;
}

RepairTicket fault(const EquipmentItem& item, Date on, const std::string& symptom = "mati total") {
  RepairTicket t;
  t.serial = item.serial;
  t.office = item.office;
  t.item_type = item.type;
  t.model = item.model;
  t.reported_on = on;
  t.symptom = symptom;
  t.cause = FaultCause::Power;
  t.reporter = "op1";
  return t;
}

class EquipmentStoreMethodsTest : public StoreMethodsTest {};

TEST_P(EquipmentStoreMethodsTest, ItemsAndHistory) {
  EquipmentItem pc = make_item("PC-2", "65.71.01", ItemType::Pc);
  pc.installed_on = Date{2012, 3, 1}, pc.os = "Windows 10", pc.os_end_of_support = Date{2025, 10, 14};
  pc.warranty_end = Date{2015, 3, 1}, pc.note = "meja 1";
  const EquipmentItem cam = make_item("CAM-1", "65.71.02", ItemType::Camera, ItemStatus::Broken);
  const EquipmentItem ups = make_item("UPS-1", "65.71.01", ItemType::Ups, ItemStatus::InRepair);
  EquipmentItem cp = make_item("CP-1", "65.71", ItemType::CardPrinter);
  cp.lent_to = "65.01", cp.lent_until = Date{2026, 12, 31};
  const EquipmentItem malinau = make_item("PC-1", "65.02.01", ItemType::Pc, ItemStatus::Retired);
  for (const auto& i : {pc, cam, ups, cp, malinau}) EXPECT_TRUE(store_->insert_item(i, kAt)) << i.serial;
  // The serial is the key: a second insert writes nothing.
  EXPECT_FALSE(store_->insert_item(make_item("PC-2", "65.04.01", ItemType::IrisScanner), kAt));
  EXPECT_EQ(row(*store_->item("PC-2", false)), row(pc));
  EXPECT_EQ(row(*store_->item("CP-1", true)), row(cp));
  EXPECT_FALSE(store_->item("PC-9", false));

  pc.status = ItemStatus::Broken, pc.note = "hard disk", pc.os = "Windows 7", pc.os_end_of_support = Date{2020, 1, 14};
  pc.installed_on.reset();
  {
    StoreTransaction tx(*store_);
    store_->update_item(pc, "2026-11-21T00:00:00Z");
    tx.commit();
  }
  EXPECT_EQ(row(*store_->item("PC-2", false)), row(pc));
  store_->update_item(make_item("PC-404", "65.71.01", ItemType::Pc), kAt);  // no such item: nothing written
  EXPECT_FALSE(store_->item("PC-404", false));

  // By office, then serial; the prefix is a code prefix ("" = all).
  EXPECT_EQ(pluck(store_->items(""), &EquipmentItem::serial), (Strings{"PC-1", "CP-1", "PC-2", "UPS-1", "CAM-1"}));
  EXPECT_EQ(pluck(store_->items("65.71"), &EquipmentItem::serial), (Strings{"CP-1", "PC-2", "UPS-1", "CAM-1"}));
  EXPECT_EQ(pluck(store_->items("65.71.01"), &EquipmentItem::serial), (Strings{"PC-2", "UPS-1"}));
  EXPECT_EQ(equipment_rows(store_->items("65.71.02")), equipment_rows(std::vector<EquipmentItem>{cam}));
  EXPECT_TRUE(store_->items("65.04").empty());

  // History: by serial, then date, then the order written.
  const std::vector<ItemEvent> events = {
      {"UPS-1", {2024, 5, 1}, ItemStatus::InRepair, "dikirim", "op1", "2024-05-01T01:00:00Z"},
      {"PC-2", {2024, 1, 3}, ItemStatus::Broken, "second on the 3rd", "op2", "2024-01-03T02:00:00Z"},
      {"PC-2", {2012, 3, 1}, ItemStatus::Active, "imported", "op1", "2024-01-01T00:00:00Z"},
      {"PC-2", {2024, 1, 3}, ItemStatus::Active, "third on the 3rd", "op2", "2024-01-03T03:00:00Z"},
      {"CAM-1", {2023, 1, 1}, ItemStatus::Broken, "", "op1", "2023-01-01T00:00:00Z"},
      {"PC-1", {2020, 1, 1}, ItemStatus::Retired, "", "op1", "2020-01-01T00:00:00Z"},
  };
  {
    StoreTransaction tx(*store_);
    for (const auto& e : events) store_->append_item_event(e);
    tx.commit();
  }
  EXPECT_EQ(equipment_rows(store_->item_events("65.71.01")), equipment_rows(std::vector<ItemEvent>{events[2], events[1], events[3], events[0]}));
  EXPECT_EQ(pluck(store_->item_events(""), &ItemEvent::serial), (Strings{"CAM-1", "PC-1", "PC-2", "PC-2", "PC-2", "UPS-1"}));
  EXPECT_EQ(pluck(store_->item_events("65.02"), &ItemEvent::note), Strings{""});
  EXPECT_TRUE(store_->item_events("65.04").empty());
}

TEST_P(EquipmentStoreMethodsTest, OneOpenTicketPerItem) {
  const EquipmentItem pc = make_item("PC-1", "65.71.01", ItemType::Pc), ups = make_item("UPS-1", "65.71.02", ItemType::Ups),
                      far = make_item("PC-9", "65.02.01", ItemType::Pc);
  for (const auto& i : {pc, ups, far}) ASSERT_TRUE(store_->insert_item(i, kAt));
  auto open = [&](RepairTicket t) {
    StoreTransaction tx(*store_);
    t.id = store_->insert_ticket(t);
    tx.commit();
    return t;
  };
  const RepairTicket first = open(fault(pc, {2026, 10, 1}));
  EXPECT_GT(first.id, 0);
  // The same item again while its ticket is open: the partial unique index refuses, 0 comes back.
  EXPECT_EQ(open(fault(pc, {2026, 10, 2}, "lagi")).id, 0);
  const RepairTicket other = open(fault(ups, {2026, 9, 1}));
  EXPECT_GT(other.id, first.id);
  EXPECT_EQ(row(*store_->ticket(first.id, false)), row(first));
  EXPECT_EQ(row(*store_->ticket(other.id, true)), row(other));
  EXPECT_FALSE(store_->ticket(other.id + 100, false));

  RepairTicket closed = first;
  closed.closed_on = Date{2026, 10, 5}, closed.site = RepairSite::ProvinceHub, closed.cost_rupiah = 1'250'000;
  closed.parts = "hard disk 500 GB", closed.closer = "teknisi", closed.cause = FaultCause::Age;
  {
    StoreTransaction tx(*store_);
    store_->update_ticket(closed);
    tx.commit();
  }
  EXPECT_EQ(row(*store_->ticket(first.id, false)), row(closed));
  // Closed: the item may have an open ticket again.
  const RepairTicket again = open(fault(pc, {2026, 11, 1}, "kipas"));
  EXPECT_GT(again.id, other.id);
  EXPECT_EQ(open(fault(pc, {2026, 11, 2})).id, 0);
  const RepairTicket malinau = open(fault(far, {2025, 1, 1}));

  // Newest first (by id), open only on request, up to the limit, by the ticket's office.
  EXPECT_EQ(pluck(store_->tickets("", false, 100), &RepairTicket::id), (Ids{malinau.id, again.id, other.id, first.id}));
  EXPECT_EQ(pluck(store_->tickets("65.71", false, 100), &RepairTicket::id), (Ids{again.id, other.id, first.id}));
  EXPECT_EQ(pluck(store_->tickets("65.71", true, 100), &RepairTicket::id), (Ids{again.id, other.id}));
  EXPECT_EQ(pluck(store_->tickets("65.71", false, 2), &RepairTicket::id), (Ids{again.id, other.id}));
  EXPECT_EQ(pluck(store_->tickets("65.71.01", false, 100), &RepairTicket::id), (Ids{again.id, first.id}));
  EXPECT_EQ(pluck(store_->tickets("65.71.01", true, 100), &RepairTicket::id), Ids{again.id});
  EXPECT_EQ(equipment_rows(store_->tickets("65.02", true, 1)), equipment_rows(std::vector<RepairTicket>{malinau}));
  EXPECT_TRUE(store_->tickets("65.04", false, 100).empty());
}

TEST_P(EquipmentStoreMethodsTest, PrintersAreCardPrinterItems) {
  const Printer lent{"CP-L", "65.71", "Fargo HDP5000", 300, PrinterStatus::Lent, "65.01", Date{2026, 12, 31}, "BA-7"};
  const Printer retired{"CP-R", "65.71", "Evolis", 150, PrinterStatus::Retired, "", std::nullopt, "rusak berat"};
  const Printer home{"CP-H", "65.02", "Datacard", 500, PrinterStatus::InRepair, "", std::nullopt, ""};
  for (const auto& p : {lent, retired, home}) EXPECT_TRUE(store_->insert_printer(p, kAt)) << p.serial;
  EXPECT_FALSE(store_->insert_printer(home, kAt));
  EXPECT_EQ(row(*store_->printer("CP-L")), row(lent));
  EXPECT_EQ(row(*store_->printer("CP-R")), row(retired));
  EXPECT_EQ(row(*store_->printer("CP-H")), row(home));
  // The same rows as inventory items: lent is an active item with the loan.
  const auto item = store_->item("CP-L", false);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->type, ItemType::CardPrinter);
  EXPECT_EQ(item->status, ItemStatus::Active);
  EXPECT_EQ(item->lent_to, "65.01");
  EXPECT_EQ(item->lent_until, (Date{2026, 12, 31}));
  EXPECT_EQ(item->cards_per_day, 300);
  EXPECT_EQ(store_->item("CP-R", false)->status, ItemStatus::Retired);
  EXPECT_EQ(store_->item("CP-H", false)->status, ItemStatus::InRepair);

  // A printer registered through the inventory prints at the desk; a PC is no printer.
  ASSERT_TRUE(store_->insert_item(make_item("CP-I", "65.71", ItemType::CardPrinter), kAt));
  ASSERT_TRUE(store_->insert_item(make_item("PC-1", "65.71.01", ItemType::Pc), kAt));
  ASSERT_TRUE(store_->printer("CP-I"));
  EXPECT_EQ(store_->printer("CP-I")->status, PrinterStatus::Active);
  EXPECT_EQ(store_->printer("CP-I")->cards_per_day, 300);
  EXPECT_FALSE(store_->printer("PC-1"));
  EXPECT_EQ(pluck(store_->printers("65.71"), &Printer::serial), (Strings{"CP-I", "CP-L", "CP-R"}));
  EXPECT_EQ(pluck(store_->printers("65.01"), &Printer::serial), Strings{"CP-L"});  // lent there
  EXPECT_EQ(pluck(store_->printers(""), &Printer::serial), (Strings{"CP-H", "CP-I", "CP-L", "CP-R"}));

  // Back from the loan: the loan fields go; an item broken in the inventory is a broken printer.
  Printer back = lent;
  back.status = PrinterStatus::Active;
  store_->update_printer(back, kAt);
  const auto after = store_->item("CP-L", false);
  EXPECT_EQ(after->status, ItemStatus::Active);
  EXPECT_EQ(after->lent_to, "");
  EXPECT_FALSE(after->lent_until);
  EXPECT_EQ(store_->printer("CP-L")->status, PrinterStatus::Active);
  EquipmentItem broken = *store_->item("CP-I", false);
  broken.status = ItemStatus::Broken;
  store_->update_item(broken, kAt);
  EXPECT_EQ(store_->printer("CP-I")->status, PrinterStatus::Broken);
  // update_printer touches only printers.
  store_->update_printer({"PC-1", "65.71", "X", 1, PrinterStatus::Broken, "", std::nullopt, ""}, kAt);
  EXPECT_EQ(store_->item("PC-1", false)->status, ItemStatus::Active);
}

// A database built to schema version 16 by hand (the migrations 1..16 as the store applies
// them), with printers in the old table, then opened by the store: migration 17 moves them.
TEST_P(EquipmentStoreMethodsTest, Migration17TurnsPrintersIntoItems) {
  const std::string location = test::fresh_database(GetParam());
  migrate_below(location, 17, [](sql::Connection& db) {
    db.exec(
        "INSERT INTO printers (serial, office, model, cards_per_day, status, lent_to, lent_until, note, updated_at) VALUES"
        " ('CP-LENT', '65.71', 'Fargo HDP5000', 300, 'lent', '65.01', '2026-12-31', 'BA-7', '2026-01-02T03:04:05Z'),"
        " ('CP-BROKEN', '65.71', 'Evolis Primacy', 150, 'broken', '', '', 'head', '2026-02-03T00:00:00Z'),"
        " ('CP-OK', '65.02', 'Datacard SD360', 500, 'active', '', '', '', '2025-12-01T00:00:00Z'),"
        " ('CP-REP', '65.02', 'Datacard SD360', 500, 'in_repair', '', '', '', '2025-12-01T00:00:00Z')");
  });
  auto store = open_store(location);
  EXPECT_EQ(store->schema_version(), migrations().back().version);
  auto items = store->items("");
  ASSERT_EQ(items.size(), 4u);
  std::map<std::string, EquipmentItem> by;
  for (const auto& i : items) by[i.serial] = i;
  for (const auto& [serial, i] : by) {
    EXPECT_EQ(i.type, ItemType::CardPrinter) << serial;
    EXPECT_TRUE(check_equipment_item(i)) << serial;
  }
  const auto& lent = by.at("CP-LENT");
  EXPECT_EQ(lent.status, ItemStatus::Active);
  EXPECT_EQ(lent.office, "65.71");
  EXPECT_EQ(lent.model, "Fargo HDP5000");
  EXPECT_EQ(lent.cards_per_day, 300);
  EXPECT_EQ(lent.lent_to, "65.01");
  EXPECT_EQ(lent.lent_until, (Date{2026, 12, 31}));
  EXPECT_EQ(lent.note, "BA-7");
  const auto& broken = by.at("CP-BROKEN");
  EXPECT_EQ(broken.status, ItemStatus::Broken);
  EXPECT_EQ(broken.lent_to, "");
  EXPECT_EQ(broken.note, "head");
  EXPECT_EQ(by.at("CP-OK").status, ItemStatus::Active);
  EXPECT_EQ(by.at("CP-REP").status, ItemStatus::InRepair);
  // The print desk reads them as before.
  EXPECT_EQ(store->printer("CP-LENT")->status, PrinterStatus::Lent);
  EXPECT_EQ(store->printer("CP-LENT")->lent_to, "65.01");
  EXPECT_EQ(store->printer("CP-BROKEN")->status, PrinterStatus::Broken);
  EXPECT_EQ(pluck(store->printers("65.01"), &Printer::serial), Strings{"CP-LENT"});
  // One history entry each, dated by the old row's last change.
  const auto events = store->item_events("");
  ASSERT_EQ(events.size(), 4u);
  for (const auto& e : events) EXPECT_EQ(e.actor, "migration");
  EXPECT_EQ(pluck(events, &ItemEvent::serial), (Strings{"CP-BROKEN", "CP-LENT", "CP-OK", "CP-REP"}));
  EXPECT_EQ(events[0].on, (Date{2026, 2, 3}));
  EXPECT_EQ(events[1].status, ItemStatus::Active);
  // The new tables work on the migrated database.
  EXPECT_TRUE(store->tickets("", false, 10).empty());
  EXPECT_GT(store->insert_ticket(fault(by.at("CP-BROKEN"), {2026, 2, 3})), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EquipmentStoreMethodsTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

// The equipment desk (issue [10]) on both backends: the all-or-nothing inventory import, fault
// reports and repair tickets with the item's status and history, which kecamatan of Kalimantan
// Utara can record and where the others go, and procurement under a budget.
#include "service/equipment_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/wilayah/catalog.h"
#include "service/equipment_plans.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

const Date kToday{2026, 11, 20};
const std::string kAt = "2026-11-20T08:00:00Z";
const std::string kHeader = "office,item_type,serial,vendor,model,installed_on,status\n";

// A full standard set at a kecamatan as inventory rows, serials prefix-TYPE.
std::string set_rows(const std::string& kecamatan, const std::string& prefix, const std::string& installed = "2012-03-01") {
  std::string out;
  for (ItemType t : SetComposition::standard().types)
    out += kecamatan + "," + std::string(to_string(t)) + "," + prefix + std::string(to_string(t)) + ",Vendor,Model," + installed + ",active\n";
  return out;
}

std::vector<std::string> kecamatan_of(const std::string& province) {
  std::vector<std::string> out;
  for (const Region* r : test::wilayah().children(province))
    for (const Region* k : test::wilayah().children(r->code)) out.push_back(k->code);
  std::sort(out.begin(), out.end());
  return out;
}

class EquipmentServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
    svc_ = std::make_unique<EquipmentService>(*store_, test::wilayah());
  }
  void import_ok(const std::string& rows) {
    const auto r = svc_->import_inventory(kHeader + rows, kToday, "admin", kAt);
    ASSERT_TRUE(r.problems.empty()) << r.problems.front().line << " " << r.problems.front().error.message_en;
  }
  std::vector<std::tuple<uint64_t, std::string, std::string>> problems(const InventoryImport& r) {
    std::vector<std::tuple<uint64_t, std::string, std::string>> out;
    for (const auto& p : r.problems) out.emplace_back(p.line, p.error.code, p.error.field);
    return out;
  }
  EquipmentItem item(const std::string& serial) {
    auto i = svc_->item(serial);
    EXPECT_TRUE(i) << serial;
    return i ? *i : EquipmentItem{};
  }
  std::string location_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<EquipmentService> svc_;
};

using Problems = std::vector<std::tuple<uint64_t, std::string, std::string>>;

TEST_P(EquipmentServiceTest, ImportIsAllOrNothing) {
  // Line 5 names a type that does not exist, line 7 an office that does not: nothing is written.
  const std::string bad = kHeader +
                          "65.71.01,PC,A-PC,Dell,OptiPlex,2012-03-01,active\n"       // 2
                          "65.71.01,CAMERA,A-CAM,Canon,1100D,2012-03-01,active\n"    // 3
                          "65.71.01,UPS,A-UPS,APC,1100,,broken\n"                    // 4
                          "65.71.01,SCANNER,A-SC,Cross Match,L SCAN,,active\n"       // 5
                          "65.71,CARD_PRINTER,A-CP,Fargo,HDP5000,2014-01-01,active\n"  // 6
                          "65.99.01,PC,A-PC2,Dell,OptiPlex,2012-03-01,active\n";     // 7
  auto r = svc_->import_inventory(bad, kToday, "admin", kAt);
  EXPECT_EQ(problems(r), (Problems{{5, "EQUIPMENT_FIELD", "item_type"}, {7, "EQUIPMENT_FIELD", "office"}}));
  EXPECT_EQ(r.rows, 6);
  EXPECT_EQ(r.imported, 0);
  EXPECT_TRUE(store_->items("").empty());
  EXPECT_TRUE(store_->item_events("").empty());

  // A row with three faults is still one row.
  r = svc_->import_inventory(kHeader + "65.99.01,SCANNER,A-PC,,,,rusak\n\n65.71.01,PC,A-PC,Dell,OptiPlex,,active\n", kToday, "admin", kAt);
  EXPECT_EQ(problems(r), (Problems{{2, "EQUIPMENT_FIELD", "office"}, {2, "EQUIPMENT_FIELD", "item_type"}, {2, "EQUIPMENT_FIELD", "status"}}));
  EXPECT_EQ(r.rows, 2);
  EXPECT_EQ(r.imported, 0);

  // A serial already registered: ITEM_EXISTS on its line, and again nothing is written.
  EquipmentItem pc;
  pc.serial = "A-CAM", pc.office = "65.71.02", pc.type = ItemType::Camera;
  ASSERT_TRUE(svc_->add_item(pc, kToday, "admin", kAt));
  const std::string clash = kHeader + "65.71.01,PC,A-PC,Dell,OptiPlex,2012-03-01,active\n"
                                      "65.71.01,CAMERA,A-CAM,Canon,1100D,2012-03-01,active\n"
                                      "65.71,CARD_PRINTER,A-CP,Fargo,HDP5000,2014-01-01,active\n";
  r = svc_->import_inventory(clash, kToday, "admin", kAt);
  EXPECT_EQ(problems(r), (Problems{{3, "ITEM_EXISTS", "serial"}}));
  EXPECT_NE(r.problems[0].error.message_en.find("A-CAM"), std::string::npos);
  EXPECT_EQ(r.imported, 0);
  EXPECT_EQ(store_->items("").size(), 1u);
  EXPECT_FALSE(svc_->item("A-PC"));

  // A good file goes in whole, each item with its history entry; the same file again is
  // refused entirely, every row named.
  const std::string good = kHeader + set_rows("65.71.01", "B-") + "65.71,CARD_PRINTER,B-CP,Fargo,HDP5000,2014-01-01,in_repair\n";
  r = svc_->import_inventory(good, kToday, "admin", kAt);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.imported, 7);
  EXPECT_EQ(store_->items("").size(), 8u);
  EXPECT_EQ(item("B-CP").cards_per_day, kDefaultImportedCardsPerDay);
  EXPECT_EQ(item("B-CP").status, ItemStatus::InRepair);
  ASSERT_TRUE(store_->printer("B-CP"));  // the print desk sees the imported printer
  EXPECT_EQ(store_->printer("B-CP")->status, PrinterStatus::InRepair);
  const auto history = svc_->history("B-PC");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].on, (Date{2012, 3, 1}));
  EXPECT_EQ(history[0].status, ItemStatus::Active);
  EXPECT_EQ(history[0].actor, "admin");
  r = svc_->import_inventory(good, kToday, "admin", kAt);
  Problems all;
  for (uint64_t line = 2; line <= 8; ++line) all.emplace_back(line, "ITEM_EXISTS", "serial");
  EXPECT_EQ(problems(r), all);
  EXPECT_EQ(r.imported, 0);
  EXPECT_EQ(store_->items("").size(), 8u);
  EXPECT_EQ(svc_->history("B-PC").size(), 1u);
  // Mixed: new rows with one registered serial; none of the new ones is written.
  r = svc_->import_inventory(kHeader + set_rows("65.71.02", "C-") + "65.71.01,PC,B-PC,Dell,X,,active\n", kToday, "admin", kAt);
  EXPECT_EQ(problems(r), (Problems{{8, "ITEM_EXISTS", "serial"}}));
  EXPECT_EQ(store_->items("").size(), 8u);
}

TEST_P(EquipmentServiceTest, FaultReportsAndRepairTickets) {
  import_ok(set_rows("65.71.01", "A-"));
  const Date reported{2026, 11, 1};
  auto t = svc_->report_fault("A-PC", "mati total", FaultCause::Power, reported, kToday, "op1", kAt);
  ASSERT_TRUE(t) << t.error().message_en;
  EXPECT_GT(t->id, 0);
  EXPECT_TRUE(t->open());
  EXPECT_EQ(t->office, "65.71.01");
  EXPECT_EQ(t->item_type, ItemType::Pc);
  EXPECT_EQ(item("A-PC").status, ItemStatus::Broken);
  auto history = svc_->history("A-PC");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].on, reported);
  EXPECT_EQ(history[1].status, ItemStatus::Broken);
  EXPECT_NE(history[1].note.find(std::to_string(t->id)), std::string::npos);
  EXPECT_FALSE(svc_->kecamatan_status("65.71.01")->at(0).sets.can_record());

  // The same item again: TICKET_OPEN naming the open ticket; nothing new.
  auto again = svc_->report_fault("A-PC", "masih mati", FaultCause::Unknown, kToday, kToday, "op2", kAt);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "TICKET_OPEN");
  EXPECT_NE(again.error().message_en.find(std::to_string(t->id)), std::string::npos);
  EXPECT_EQ(svc_->tickets("65.71", false, 100)->size(), 1u);
  // Bad reports: nothing opened.
  EXPECT_EQ(svc_->report_fault("A-UPS", "", FaultCause::Power, kToday, kToday, "op1", kAt).error().field, "symptom");
  EXPECT_EQ(svc_->report_fault("A-UPS", "x", FaultCause::Power, kToday.plus_days(1), kToday, "op1", kAt).error().field, "reported_on");
  EXPECT_EQ(svc_->report_fault("NOPE", "x", FaultCause::Power, kToday, kToday, "op1", kAt).error().code, "ITEM_NOT_FOUND");
  EXPECT_EQ(item("A-UPS").status, ItemStatus::Active);

  // Active only by closing the ticket; other statuses may change meanwhile.
  auto active = svc_->set_status("A-PC", ItemStatus::Active, kToday, "", "op1", kAt);
  ASSERT_FALSE(active);
  EXPECT_EQ(active.error().code, "ITEM_STATUS_TICKET");
  ASSERT_TRUE(svc_->set_status("A-PC", ItemStatus::InRepair, {2026, 11, 3}, "dikirim ke kabupaten", "op1", kAt));
  EXPECT_EQ(item("A-PC").status, ItemStatus::InRepair);

  // Closing before the report or in the future is refused and changes nothing.
  auto early = svc_->close_ticket(t->id, reported.plus_days(-1), RepairSite::Regency, 0, "", std::nullopt, "", kToday, "tech", kAt);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "TICKET_FIELD");
  EXPECT_EQ(early.error().field, "closed_on");
  auto future = svc_->close_ticket(t->id, kToday.plus_days(1), RepairSite::Regency, 0, "", std::nullopt, "", kToday, "tech", kAt);
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "closed_on");
  EXPECT_EQ(svc_->close_ticket(t->id, kToday, RepairSite::Regency, 0, "", std::nullopt, "A-PC-2", kToday, "tech", kAt).error().field,
            "new_serial");  // a new serial only with a replacement
  EXPECT_EQ(svc_->close_ticket(t->id + 1000, kToday, RepairSite::Regency, 0, "", std::nullopt, "", kToday, "tech", kAt).error().code,
            "TICKET_NOT_FOUND");
  EXPECT_EQ(item("A-PC").status, ItemStatus::InRepair);
  EXPECT_TRUE(svc_->tickets("65.71.01", true, 10)->front().open());

  // Closed: active again, the ticket has its repair.
  const Date fixed{2026, 11, 10};
  auto closed = svc_->close_ticket(t->id, fixed, RepairSite::Regency, 850'000, "hard disk", FaultCause::Age, "", kToday, "tech", kAt);
  ASSERT_TRUE(closed) << closed.error().message_en;
  EXPECT_EQ(closed->closed_on, fixed);
  const auto stored = store_->ticket(t->id, false);
  EXPECT_EQ(stored->closed_on, fixed);
  EXPECT_EQ(stored->site, RepairSite::Regency);
  EXPECT_EQ(stored->cost_rupiah, 850'000);
  EXPECT_EQ(stored->cause, FaultCause::Age);
  EXPECT_EQ(stored->closer, "tech");
  EXPECT_EQ(item("A-PC").status, ItemStatus::Active);
  EXPECT_EQ(svc_->history("A-PC").back().on, fixed);
  EXPECT_EQ(svc_->history("A-PC").back().status, ItemStatus::Active);
  EXPECT_TRUE(svc_->kecamatan_status("65.71.01")->at(0).sets.can_record());
  auto twice = svc_->close_ticket(t->id, kToday, RepairSite::OnSite, 0, "", std::nullopt, "", kToday, "tech", kAt);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "TICKET_CLOSED");
  // The downtime of the kecamatan: reported Nov 1, repaired Nov 10 → down Nov 1..9.
  const auto down = svc_->downtime("65.71.01", {2026, 10, 1}, kToday);
  ASSERT_TRUE(down);
  EXPECT_EQ(*down, (std::vector<std::pair<std::string, int64_t>>{{"65.71.01", 9}}));

  // Replaced: the old one retired, the new one active from the closing day, same type and office.
  auto second = svc_->report_fault("A-PC", "hard disk lagi", FaultCause::Age, {2026, 11, 12}, kToday, "op1", kAt);
  ASSERT_TRUE(second);
  EXPECT_GT(second->id, t->id);
  // A new serial that is taken: refused, nothing changes.
  auto taken = svc_->close_ticket(second->id, {2026, 11, 15}, RepairSite::Replaced, 0, "", std::nullopt, "A-UPS", kToday, "tech", kAt);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "ITEM_EXISTS");
  EXPECT_EQ(item("A-PC").status, ItemStatus::Broken);
  EXPECT_TRUE(store_->ticket(second->id, false)->open());
  const Date swapped{2026, 11, 15};
  auto replaced = svc_->close_ticket(second->id, swapped, RepairSite::Replaced, 9'500'000, "", std::nullopt, "A-PC-NEW", kToday, "tech", kAt);
  ASSERT_TRUE(replaced) << replaced.error().message_en;
  EXPECT_EQ(item("A-PC").status, ItemStatus::Retired);
  const auto fresh = item("A-PC-NEW");
  EXPECT_EQ(fresh.status, ItemStatus::Active);
  EXPECT_EQ(fresh.installed_on, swapped);
  EXPECT_EQ(fresh.type, ItemType::Pc);
  EXPECT_EQ(fresh.office, "65.71.01");
  EXPECT_EQ(fresh.model, "Model");
  ASSERT_EQ(svc_->history("A-PC-NEW").size(), 1u);
  EXPECT_EQ(svc_->history("A-PC-NEW")[0].on, swapped);
  EXPECT_TRUE(svc_->kecamatan_status("65.71.01")->at(0).sets.can_record());
  // Down Nov 1..9 and again Nov 12..14 (until the new PC came).
  EXPECT_EQ(*svc_->downtime("65.71.01", {2026, 10, 1}, kToday), (std::vector<std::pair<std::string, int64_t>>{{"65.71.01", 9 + 3}}));
  EXPECT_EQ(svc_->close_ticket(second->id, kToday, RepairSite::Replaced, 0, "", std::nullopt, "A-PC-NEWER", kToday, "tech", kAt).error().code,
            "TICKET_CLOSED");
  EXPECT_FALSE(svc_->item("A-PC-NEWER"));
  // Retired for good.
  EXPECT_EQ(svc_->set_status("A-PC", ItemStatus::Active, kToday, "", "op1", kAt).error().code, "ITEM_RETIRED");
  EXPECT_EQ(svc_->report_fault("A-PC", "x", FaultCause::Other, kToday, kToday, "op1", kAt).error().code, "ITEM_RETIRED");
  EXPECT_TRUE(svc_->tickets("65.71.01", true, 10)->empty());
}

TEST_P(EquipmentServiceTest, ClosingTheTicketOfARetiredItemKeepsItRetired) {
  // Written off while its ticket was open (beyond repair): the repair's closing must not bring
  // it back, since a retired item stays retired.
  import_ok(set_rows("65.71.01", "A-"));
  auto t = svc_->report_fault("A-CAMERA", "lensa pecah", FaultCause::Water, {2026, 11, 1}, kToday, "op1", kAt);
  ASSERT_TRUE(t);
  ASSERT_TRUE(svc_->set_status("A-CAMERA", ItemStatus::Retired, {2026, 11, 5}, "tidak bisa diperbaiki", "op1", kAt));
  auto closed = svc_->close_ticket(t->id, {2026, 11, 6}, RepairSite::Centre, 0, "", std::nullopt, "", kToday, "tech", kAt);
  ASSERT_TRUE(closed) << closed.error().message_en;
  EXPECT_FALSE(store_->ticket(t->id, false)->open());
  EXPECT_EQ(item("A-CAMERA").status, ItemStatus::Retired);
  EXPECT_FALSE(svc_->kecamatan_status("65.71.01")->at(0).sets.can_record());
}

TEST_P(EquipmentServiceTest, AddItemAndSettings) {
  EquipmentItem pc;
  pc.serial = "PC-1", pc.office = "65.71.01", pc.type = ItemType::Pc, pc.os = "Windows 10", pc.installed_on = kToday;
  auto added = svc_->add_item(pc, kToday, "admin", kAt);
  ASSERT_TRUE(added) << added.error().message_en;
  EXPECT_EQ(item("PC-1").os_end_of_support, Date::parse_iso("2025-10-14"));
  EXPECT_EQ(svc_->add_item(pc, kToday, "admin", kAt).error().code, "ITEM_EXISTS");
  pc.serial = "PC-2";
  pc.installed_on = kToday.plus_days(1);
  EXPECT_EQ(svc_->add_item(pc, kToday, "admin", kAt).error().field, "installed_on");
  pc.installed_on.reset();
  pc.office = "65.71.99";
  EXPECT_EQ(svc_->add_item(pc, kToday, "admin", kAt).error().code, "WILAYAH_NOT_FOUND");
  pc.office = "65.71";
  EXPECT_EQ(svc_->add_item(pc, kToday, "admin", kAt).error().field, "office");
  EXPECT_FALSE(svc_->item("PC-2"));
  ASSERT_EQ(svc_->history("PC-1").size(), 1u);
  EXPECT_EQ(svc_->history("PC-1")[0].on, kToday);
  EXPECT_EQ(svc_->items("65.99").error().code, "WILAYAH_NOT_FOUND");

  EXPECT_EQ(svc_->recordings_per_set_per_day(), 60);
  EXPECT_EQ(*svc_->set_setting("equipment.recordings_per_set_per_day", "80"), "80");
  EXPECT_EQ(svc_->recordings_per_set_per_day(), 80);
  for (const char* bad : {"0", "1001", "8x", "", "-5"})
    EXPECT_EQ(svc_->set_setting("equipment.recordings_per_set_per_day", bad).error().code, "SETTING_VALUE") << bad;
  EXPECT_EQ(svc_->recordings_per_set_per_day(), 80);
  EXPECT_EQ(svc_->set_setting("equipment.nope", "1").error().code, "SETTING_VALUE");
  EXPECT_EQ(svc_->composition().types, SetComposition::standard().types);
  EXPECT_EQ(*svc_->set_setting("equipment.set_composition", "UPS,PC"), "UPS,PC");
  EXPECT_EQ(svc_->composition().text(), "UPS,PC");
}

// The nearest working kecamatan, measured here with the haversine formula, ties to the smaller code.
std::string nearest_working(const Region& k, const std::vector<const Region*>& working, double& km) {
  std::string best;
  for (const Region* w : working) {
    if (!w->lat || !w->lon) continue;
    const double r = std::acos(-1.0) / 180.0;
    const double h = std::pow(std::sin((*w->lat - *k.lat) * r / 2), 2) +
                     std::cos(*k.lat * r) * std::cos(*w->lat * r) * std::pow(std::sin((*w->lon - *k.lon) * r / 2), 2);
    const double d = 2 * 6371.0088 * std::asin(std::sqrt(h));
    if (best.empty() || d < km - 1e-9 || (std::abs(d - km) <= 1e-9 && w->code < best)) best = w->code, km = d;
  }
  return best;
}

TEST_P(EquipmentServiceTest, KecamatanStatusAndContinuityInKalimantanUtara) {
  const auto kec = kecamatan_of("65");
  ASSERT_EQ(kec.size(), 55u);
  // Two sets at Tanjung Selor, one at Malinau Kota, Tarakan Barat and Nunukan's first
  // kecamatan, which loses its camera; Tana Tidung's first gets a set without a UPS.
  auto first_of = [&](const std::string& regency) {
    return *std::find_if(kec.begin(), kec.end(), [&](const std::string& c) { return c.rfind(regency + ".", 0) == 0; });
  };
  const std::string nunukan = first_of("65.03"), partial = first_of("65.04");
  std::string rows = set_rows("65.01.05", "TS1-") + set_rows("65.01.05", "TS2-") + set_rows("65.02.02", "MK-") +
                     set_rows("65.71.01", "TB-") + set_rows(nunukan, "NU-");
  for (ItemType t : SetComposition::standard().types)
    if (t != ItemType::Ups) rows += partial + "," + std::string(to_string(t)) + ",P-" + std::string(to_string(t)) + ",V,M,,active\n";
  rows += "65.01,SERVER,SRV-1,HP,DL380,2012-01-01,active\n";
  import_ok(rows);
  ASSERT_TRUE(svc_->report_fault("NU-CAMERA", "rusak", FaultCause::Age, {2026, 11, 1}, kToday, "op1", kAt));
  ASSERT_TRUE(svc_->report_fault("TS1-PC", "rusak", FaultCause::Age, {2026, 11, 1}, kToday, "op1", kAt));  // one of two sets

  const std::set<std::string> working = {"65.01.05", "65.02.02", "65.71.01"};
  auto status = svc_->kecamatan_status("65");
  ASSERT_TRUE(status);
  ASSERT_EQ(status->size(), kec.size());
  for (size_t i = 0; i < kec.size(); ++i) {
    const auto& k = (*status)[i];
    EXPECT_EQ(k.code, kec[i]);
    EXPECT_EQ(k.name, test::wilayah().find(k.code)->name);
    EXPECT_EQ(k.sets.can_record(), working.count(k.code) > 0) << k.code;
  }
  auto at = [&](const std::string& code) {
    for (const auto& k : *status)
      if (k.code == code) return k;
    ADD_FAILURE() << code;
    return KecamatanEquipment{};
  };
  EXPECT_EQ(at("65.01.05").sets.sets, 1);  // one PC broken of two
  EXPECT_EQ(at("65.01.05").items, 12);
  EXPECT_EQ(at("65.01.05").broken, 1);
  EXPECT_EQ(at("65.01.05").open_tickets, 1);
  EXPECT_EQ(at(nunukan).sets.missing, std::vector<ItemType>{ItemType::Camera});
  EXPECT_EQ(at(nunukan).open_tickets, 1);
  EXPECT_EQ(at(partial).sets.missing, std::vector<ItemType>{ItemType::Ups});
  EXPECT_EQ(at("65.01.01").sets.missing, SetComposition::standard().types);
  EXPECT_EQ(at("65.01.01").items, 0);
  // One kecamatan, one regency.
  EXPECT_EQ(svc_->kecamatan_status("65.71.01")->size(), 1u);
  EXPECT_EQ(svc_->kecamatan_status("65.02")->size(), test::wilayah().children("65.02").size());
  EXPECT_EQ(svc_->kecamatan_status("65.99").error().code, "WILAYAH_NOT_FOUND");

  // Continuity: each kecamatan that cannot record goes to the nearest that can, computed here.
  std::vector<const Region*> working_regions;
  for (const auto& c : working) working_regions.push_back(test::wilayah().find(c));
  auto plan = svc_->continuity("65");
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->size(), kec.size());
  for (const auto& a : *plan) {
    const Region* k = test::wilayah().find(a.row.kecamatan);
    ASSERT_TRUE(k);
    if (working.count(k->code)) {
      EXPECT_EQ(a.row.serve_at, k->code);
      EXPECT_EQ(a.row.distance_km, 0);
      continue;
    }
    ASSERT_TRUE(k->lat && k->lon) << k->code;
    double km = 0;
    const std::string want = nearest_working(*k, working_regions, km);
    EXPECT_EQ(a.row.serve_at, want) << k->code;
    EXPECT_NEAR(a.row.distance_km, km, 1e-6) << k->code;
    EXPECT_EQ(a.serve_at_name, test::wilayah().find(want)->name);
  }
  // A regency's rows only, served from anywhere in the province.
  auto nunukan_plan = svc_->continuity("65.03");
  ASSERT_TRUE(nunukan_plan);
  EXPECT_EQ(nunukan_plan->size(), test::wilayah().children("65.03").size());
  for (const auto& a : *nunukan_plan) EXPECT_EQ(a.row.kecamatan.substr(0, 6), "65.03.");

  // A composition without the UPS: the partial set records now.
  ASSERT_TRUE(svc_->set_setting("equipment.set_composition", "PC,FINGERPRINT_SCANNER,IRIS_SCANNER,CAMERA,SIGNATURE_PAD"));
  status = svc_->kecamatan_status(partial);
  EXPECT_TRUE(status->at(0).sets.can_record());
  EXPECT_FALSE(svc_->set_setting("equipment.set_composition", "PC,PC"));
  EXPECT_EQ(svc_->composition().types.size(), 5u);
}

TEST_P(EquipmentServiceTest, ProcurementBuysWholeSetsWithinTheBudget) {
  // Ten kecamatan of Kalimantan Utara with nothing at all and people waiting; every other one
  // records with one set.
  const auto kec = kecamatan_of("65");
  std::vector<std::string> empty;
  for (size_t i = 0; i < kec.size(); i += 5) empty.push_back(kec[i]);
  empty.resize(10);
  std::string rows;
  for (const auto& k : kec)
    if (std::find(empty.begin(), empty.end(), k) == empty.end()) rows += set_rows(k, k + "-", "2016-03-01");
  import_ok(rows);
  std::map<std::string, int64_t> demand;
  for (size_t i = 0; i < empty.size(); ++i) demand[empty[i]] = 1000 + 137 * static_cast<int64_t>((i * 7) % 10);
  std::vector<int64_t> people;
  for (const auto& [k, n] : demand) people.push_back(n);
  std::sort(people.rbegin(), people.rend());

  EquipmentPlans plans(*store_, test::wilayah());
  auto buy = [&](const PriceCatalogue& prices, int64_t budget) {
    auto r = plans.procurement("65", budget, prices, demand, kToday);
    EXPECT_TRUE(r) << (r ? "" : r.error().message_en);
    return r ? r->plan : ProcurementPlan{};
  };
  auto check = [&](const PriceCatalogue& prices, int64_t set_price, int64_t budget) {
    const int64_t sets = std::min<int64_t>(10, budget / set_price);
    const auto plan = buy(prices, budget);
    int64_t equipped = 0;
    std::set<std::string> where;
    for (const auto& p : plan.purchases) {
      if (p.reason != PurchaseReason::Equip) continue;
      ++equipped;
      where.insert(p.kecamatan);
      EXPECT_TRUE(demand.count(p.kecamatan)) << p.kecamatan;
      EXPECT_EQ(p.cost(), set_price);
      EXPECT_EQ(p.items.size(), 6u);
    }
    EXPECT_EQ(equipped, sets) << "budget " << budget << " at " << set_price;
    EXPECT_EQ(plan.value, std::accumulate(people.begin(), people.begin() + sets, int64_t{0}));  // the most people
    int64_t spent = 0;
    for (const auto& p : plan.purchases) spent += p.cost();
    EXPECT_EQ(plan.spent, spent);
    EXPECT_LE(plan.spent, budget);
    return equipped;
  };
  const PriceCatalogue at107 = {{ItemType::Pc, 20'000'000},     {ItemType::FingerprintScanner, 25'000'000},
                                {ItemType::IrisScanner, 30'000'000}, {ItemType::Camera, 15'000'000},
                                {ItemType::SignaturePad, 5'000'000}, {ItemType::Ups, 12'000'000}};
  int64_t sum = 0;
  for (const auto& [t, p] : at107) sum += p;
  ASSERT_EQ(sum, 107'000'000);
  EXPECT_EQ(check(at107, 107'000'000, 750'000'000), 7);
  EXPECT_EQ(check(at107, 107'000'000, 749'000'000), 7);
  EXPECT_EQ(check(at107, 107'000'000, 748'999'999), 6);
  PriceCatalogue at125 = at107;
  at125[ItemType::Pc] += 18'000'000;
  EXPECT_EQ(check(at125, 125'000'000, 750'000'000), 6);
  // Too little for a set: nothing bought.
  EXPECT_EQ(check(at107, 107'000'000, 100'000'000), 0);
  EXPECT_EQ(plans.procurement("65.01", 1, at107, demand, kToday).error().code, "PROCUREMENT_INPUT");
}

INSTANTIATE_TEST_SUITE_P(Backends, EquipmentServiceTest, ::testing::ValuesIn(test::backends()));

}  // namespace
}  // namespace ktpel

// The recording equipment of issue [10], the pure core: an item's checks, the recording-set rule,
// the inventory and planner files, the nearest working kecamatan (against a brute force), the
// reliability and downtime figures on hand-computed cases, and the synthetic inventory's targets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/equipment/continuity_plan.h"
#include "core/equipment/equipment_item.h"
#include "core/equipment/inventory_csv.h"
#include "core/equipment/planner_csv.h"
#include "core/equipment/recording_sets.h"
#include "core/equipment/reliability.h"
#include "core/equipment/repair_ticket.h"
#include "core/synth/inventory_generator.h"
#include "core/synth/random.h"
#include "core/wilayah/geo.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

const std::string kKec = "61.01.01", kRegency = "61.01";

EquipmentItem gear(std::string serial, ItemType type, std::string office = kKec, ItemStatus status = ItemStatus::Active) {
  EquipmentItem i;
  i.serial = std::move(serial);
  i.office = std::move(office);
  i.type = type;
  i.status = status;
  return i;
}

EquipmentItem printer(std::string serial, int64_t cards = 200) {
  EquipmentItem i = gear(std::move(serial), ItemType::CardPrinter, kRegency);
  i.cards_per_day = cards;
  return i;
}

// The field an item check names, or "" when the item passes.
std::string fault_of(const EquipmentItem& item) {
  auto r = check_equipment_item(item);
  if (r) return "";
  EXPECT_EQ(r.error().code, "EQUIPMENT_FIELD");
  return r.error().field;
}

TEST(EquipmentItem, EachBadFieldIsNamed) {
  EXPECT_EQ(fault_of(gear("PC-1", ItemType::Pc)), "");
  EXPECT_EQ(fault_of(gear("", ItemType::Pc)), "serial");
  EXPECT_EQ(fault_of(gear(std::string(kMaxSerialLength, 'A'), ItemType::Pc)), "");
  EXPECT_EQ(fault_of(gear(std::string(kMaxSerialLength + 1, 'A'), ItemType::Pc)), "serial");
  for (const char* s : {"PC 1", "PC,1", "PC\"1", "PC\t1", "PC\x7f", "PC\xc3\xa9"}) EXPECT_EQ(fault_of(gear(s, ItemType::Pc)), "serial") << s;
  EXPECT_EQ(fault_of(gear("PC-1_2b.c", ItemType::Pc)), "");
  // A path segment of the API and a CSV cell: no slash, no leading sign or formula character.
  for (const char* s : {"SN/2024/77", "PC#1", "PC?1", "PC%1", "+UPS-1", "=A1", "'PC", "-PC", ".PC"})
    EXPECT_EQ(fault_of(gear(s, ItemType::Pc)), "serial") << s;

  auto with = [](auto change) {
    EquipmentItem i = gear("PC-1", ItemType::Pc);
    change(i);
    return fault_of(i);
  };
  EXPECT_EQ(with([](EquipmentItem& i) { i.vendor = std::string(101, 'v'); }), "vendor");
  EXPECT_EQ(with([](EquipmentItem& i) { i.vendor = std::string(100, 'v'); }), "");
  EXPECT_EQ(with([](EquipmentItem& i) { i.model = std::string(101, 'm'); }), "model");
  EXPECT_EQ(with([](EquipmentItem& i) { i.os = std::string(61, 'o'); }), "os");
  EXPECT_EQ(with([](EquipmentItem& i) { i.installed_on = Date{2013, 5, 2}, i.warranty_end = Date{2013, 5, 1}; }), "warranty_end");
  EXPECT_EQ(with([](EquipmentItem& i) { i.installed_on = Date{2013, 5, 2}, i.warranty_end = Date{2013, 5, 2}; }), "");
  EXPECT_EQ(with([](EquipmentItem& i) { i.warranty_end = Date{2000, 1, 1}; }), "");  // no installation date to compare
}

TEST(EquipmentItem, OfficeLevelFollowsTheType) {
  // Recording gear at a kecamatan; card printers and servers at a regency or province.
  for (ItemType t : kAllItemTypes) {
    const bool desk = t != ItemType::CardPrinter && t != ItemType::Server;
    EXPECT_EQ(is_kecamatan_gear(t), desk) << to_string(t);
    EquipmentItem i = gear("X-1", t);
    if (t == ItemType::CardPrinter) i.cards_per_day = 100;
    for (const std::string& office : {std::string("61"), kRegency, kKec, std::string("61.01.01.2001")}) {
      i.office = office;
      const bool fits = desk ? office == kKec : (office == "61" || office == kRegency);
      EXPECT_EQ(fault_of(i), fits ? "" : "office") << to_string(t) << " at " << office;
    }
  }
  EXPECT_EQ(fault_of(gear("PC-1", ItemType::Pc, "61.1")), "office");
  EXPECT_EQ(fault_of(gear("PC-1", ItemType::Pc, "")), "office");
}

TEST(EquipmentItem, PrinterFieldsOnlyForCardPrinters) {
  EXPECT_EQ(fault_of(printer("CP-1", 0)), "cards_per_day");
  EXPECT_EQ(fault_of(printer("CP-1", -1)), "cards_per_day");
  EXPECT_EQ(fault_of(printer("CP-1", 1)), "");
  EXPECT_EQ(fault_of(printer("CP-1", 5000)), "");
  EXPECT_EQ(fault_of(printer("CP-1", 5001)), "cards_per_day");
  EquipmentItem lent = printer("CP-1");
  lent.lent_to = kRegency;  // to itself
  lent.lent_until = Date{2026, 1, 1};
  EXPECT_EQ(fault_of(lent), "lent_to");
  lent.lent_to = "61.02";
  EXPECT_EQ(fault_of(lent), "");
  lent.lent_until.reset();
  EXPECT_EQ(fault_of(lent), "lent_until");
  // Not lent: a stray end date is dropped.
  EquipmentItem home = printer("CP-2");
  home.lent_until = Date{2026, 1, 1};
  auto r = check_equipment_item(home);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->lent_until);

  EquipmentItem pc = gear("PC-1", ItemType::Pc);
  pc.cards_per_day = 100;
  EXPECT_EQ(fault_of(pc), "cards_per_day");
  pc.cards_per_day = 0;
  pc.lent_to = "61.01.02";
  EXPECT_EQ(fault_of(pc), "lent_to");
  pc.lent_to.clear();
  pc.lent_until = Date{2026, 1, 1};
  auto p = check_equipment_item(pc);
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->lent_until);
  EquipmentItem server = gear("SRV-1", ItemType::Server, kRegency);
  server.cards_per_day = 1;
  EXPECT_EQ(fault_of(server), "cards_per_day");
}

TEST(EquipmentItem, KnownOsEndOfSupportIsFilled) {
  EquipmentItem pc = gear("PC-1", ItemType::Pc);
  pc.os = "Windows 10";
  auto r = check_equipment_item(pc);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->os_end_of_support, Date::parse_iso("2025-10-14"));
  pc.os_end_of_support = Date{2030, 1, 1};  // given: kept
  EXPECT_EQ(check_equipment_item(pc)->os_end_of_support, (Date{2030, 1, 1}));
  pc.os = "Ubuntu 22.04";
  pc.os_end_of_support.reset();
  EXPECT_FALSE(check_equipment_item(pc)->os_end_of_support);
  pc.os.clear();
  EXPECT_FALSE(check_equipment_item(pc)->os_end_of_support);
  EXPECT_EQ(known_os_end_of_support("Windows 7"), Date::parse_iso("2020-01-14"));
}

TEST(EquipmentItem, TypeAndStatusNamesRoundTrip) {
  std::set<std::string> names;
  for (ItemType t : kAllItemTypes) {
    names.insert(std::string(to_string(t)));
    EXPECT_EQ(parse_item_type(to_string(t)), t);
  }
  EXPECT_EQ(names.size(), std::size(kAllItemTypes));
  EXPECT_FALSE(parse_item_type("pc"));
  for (ItemStatus s : {ItemStatus::Active, ItemStatus::Broken, ItemStatus::InRepair, ItemStatus::Retired})
    EXPECT_EQ(parse_item_status(to_string(s)), s);
  EXPECT_FALSE(parse_item_status("lent"));
}

TEST(SetComposition, ParseAndText) {
  const auto standard = SetComposition::standard();
  auto back = SetComposition::parse(standard.text());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->types, standard.types);
  EXPECT_EQ(standard.text(), "PC,FINGERPRINT_SCANNER,IRIS_SCANNER,CAMERA,SIGNATURE_PAD,UPS");
  auto custom = SetComposition::parse("UPS,PC,GENERATOR");
  ASSERT_TRUE(custom);
  EXPECT_EQ(custom->types, (std::vector<ItemType>{ItemType::Ups, ItemType::Pc, ItemType::Generator}));
  EXPECT_EQ(custom->text(), "UPS,PC,GENERATOR");
  for (const char* bad : {"PC,SCANNER", "PC,PC", "PC,UPS,PC", "", "PC,", ",PC", "pc", "PC,CARD_PRINTER", "SERVER", "PC, UPS"}) {
    auto r = SetComposition::parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "SET_COMPOSITION") << bad;
  }
}

TEST(RecordingSets, LeastCountOverTheTypes) {
  const auto comp = SetComposition::standard();
  std::vector<EquipmentItem> items;
  int n = 0;
  auto put = [&](ItemType t, int count, ItemStatus s = ItemStatus::Active) {
    for (int k = 0; k < count; ++k) items.push_back(gear("S-" + std::to_string(++n), t, kKec, s));
  };
  EXPECT_EQ(working_sets(items, comp).sets, 0);
  EXPECT_EQ(working_sets(items, comp).missing, comp.types);  // all missing, composition order
  put(ItemType::Pc, 3);
  put(ItemType::FingerprintScanner, 2);
  put(ItemType::IrisScanner, 2);
  put(ItemType::Camera, 4);
  put(ItemType::SignaturePad, 2);
  put(ItemType::Ups, 2);
  put(ItemType::Generator, 1);  // not in the set: no effect
  auto r = working_sets(items, comp);
  EXPECT_EQ(r.sets, 2);
  EXPECT_TRUE(r.can_record());
  EXPECT_TRUE(r.missing.empty());
  // Broken, in repair and retired items do not count.
  put(ItemType::Ups, 3, ItemStatus::Broken);
  put(ItemType::FingerprintScanner, 1, ItemStatus::InRepair);
  put(ItemType::IrisScanner, 5, ItemStatus::Retired);
  EXPECT_EQ(working_sets(items, comp).sets, 2);
  for (auto& i : items)
    if (i.type == ItemType::SignaturePad && i.serial == "S-12") i.status = ItemStatus::Broken;
  EXPECT_EQ(working_sets(items, comp).sets, 1);
  for (auto& i : items)
    if (i.type == ItemType::Ups || i.type == ItemType::IrisScanner) i.status = ItemStatus::InRepair;
  r = working_sets(items, comp);
  EXPECT_EQ(r.sets, 0);
  EXPECT_FALSE(r.can_record());
  EXPECT_EQ(r.missing, (std::vector<ItemType>{ItemType::IrisScanner, ItemType::Ups}));  // composition order

  // A custom composition: a camera and a generator make a set.
  SetComposition small{{ItemType::Generator, ItemType::Camera}};
  r = working_sets(items, small);
  EXPECT_EQ(r.sets, 1);  // one generator, four cameras
  for (auto& i : items)
    if (i.type == ItemType::Generator) i.status = ItemStatus::Retired;
  r = working_sets(items, small);
  EXPECT_EQ(r.sets, 0);
  EXPECT_EQ(r.missing, std::vector<ItemType>{ItemType::Generator});
}

TEST(RecordingSets, MatchesACountOnRandomInventories) {
  Rng rng(17);
  const auto comp = SetComposition::standard();
  const ItemStatus statuses[] = {ItemStatus::Active, ItemStatus::Broken, ItemStatus::InRepair, ItemStatus::Retired};
  for (int round = 0; round < 300; ++round) {
    std::vector<EquipmentItem> items;
    std::map<ItemType, int64_t> active;
    const int n = static_cast<int>(rng.below(30));
    for (int k = 0; k < n; ++k) {
      const ItemType t = kAllItemTypes[rng.below(8)];
      const ItemStatus s = statuses[rng.below(4)];
      items.push_back(gear("R-" + std::to_string(k), t, kKec, s));
      if (s == ItemStatus::Active) ++active[t];
    }
    int64_t least = -1;
    std::vector<ItemType> missing;
    for (ItemType t : comp.types) {
      least = least < 0 ? active[t] : std::min(least, active[t]);
      if (active[t] == 0) missing.push_back(t);
    }
    const auto r = working_sets(items, comp);
    EXPECT_EQ(r.sets, least);
    EXPECT_EQ(r.missing, missing);
  }
}

// --- the inventory file -------------------------------------------------------------------

const Date kToday{2026, 11, 20};

bool known_office(std::string_view code) {
  static const std::set<std::string, std::less<>> known{"61", "61.01", "61.02", "61.01.01", "61.01.02"};
  return known.count(code) > 0;
}

std::vector<std::tuple<uint64_t, std::string, std::string>> problems_of(const std::vector<InventoryProblem>& ps) {
  std::vector<std::tuple<uint64_t, std::string, std::string>> out;
  for (const auto& p : ps) out.emplace_back(p.line, p.error.code, p.error.field);
  return out;
}

TEST(InventoryCsv, ExactHeaderRequired) {
  for (const char* header : {"office,item_type,serial,vendor,model,installed_on", "office,item_type,serial,vendor,model,installed_on,status,note",
                             "Office,item_type,serial,vendor,model,installed_on,status", "office, item_type,serial,vendor,model,installed_on,status",
                             "serial,office,item_type,vendor,model,installed_on,status"}) {
    const auto f = parse_inventory_csv(std::string(header) + "\n61.01.01,PC,PC-1,Dell,X,2013-01-01,active\n", kToday, known_office);
    EXPECT_TRUE(f.items.empty()) << header;
    EXPECT_EQ(problems_of(f.problems), (std::vector<std::tuple<uint64_t, std::string, std::string>>{{1, "CSV_HEADER", "header"}})) << header;
  }
  const auto empty = parse_inventory_csv("", kToday, known_office);
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_EQ(empty.problems[0].error.code, "CSV_EMPTY");
  const auto only = parse_inventory_csv(std::string(kInventoryHeader) + "\n", kToday, known_office);
  EXPECT_TRUE(only.items.empty());
  EXPECT_TRUE(only.problems.empty());
}

TEST(InventoryCsv, EveryBadRowListedWithLineAndField) {
  const std::string tomorrow = kToday.plus_days(1).iso();
  const std::string text = std::string(kInventoryHeader) + "\n" +            // 1
                           "61.01.01,PC,PC-1,Dell,OptiPlex 390,2012-03-01,active\n"  // 2 good
                           "99.99.99,PC,PC-2,Dell,OptiPlex 390,2012-03-01,active\n"  // 3 office unknown
                           "\n"                                                      // 4 blank: skipped
                           "61.01.01,PRINTER,PC-3,,,2012-03-01,active\n"             // 5 type
                           "61.01.01,CAMERA,CAM-1,Canon,1100D,2012-13-01,active\n"   // 6 date malformed
                           "61.01.01,CAMERA,CAM-2,Canon,1100D," + tomorrow + ",active\n"  // 7 future
                           "61.01.01,UPS,UPS-1,APC,1100,,rusak\n"                    // 8 status
                           "61.01.02,IRIS_SCANNER,PC-1,Cross Match,I SCAN 2,,broken\n"  // 9 serial of line 2
                           "61.01,CARD_PRINTER,CP-1,Fargo,HDP5000,2014-01-01,in_repair\n"  // 10 good
                           "61.01.01,PC,PC-4,Dell\n"                                 // 11 columns
                           "61.01,PC,PC-5,Dell,X,2012-01-01,active\n"                // 12 PC at a regency
                           "99.99,PRINTER,PC-6,,,,gone\n"                            // 13 three faults
                           "61.01.02,UPS,UPS-2,ICA,CE 1200," + kToday.iso() + ",retired\n"  // 14 good: today is fine
                           "61.01.01,PC,PC 7,Dell,X,,active\n";                      // 15 serial has a space
  const auto f = parse_inventory_csv(text, kToday, known_office);
  using P = std::vector<std::tuple<uint64_t, std::string, std::string>>;
  EXPECT_EQ(problems_of(f.problems), (P{{3, "EQUIPMENT_FIELD", "office"},
                                        {5, "EQUIPMENT_FIELD", "item_type"},
                                        {6, "EQUIPMENT_FIELD", "installed_on"},
                                        {7, "EQUIPMENT_FIELD", "installed_on"},
                                        {8, "EQUIPMENT_FIELD", "status"},
                                        {9, "EQUIPMENT_FIELD", "serial"},
                                        {11, "CSV_COLUMNS", ""},
                                        {12, "EQUIPMENT_FIELD", "office"},
                                        {13, "EQUIPMENT_FIELD", "office"},
                                        {13, "EQUIPMENT_FIELD", "item_type"},
                                        {13, "EQUIPMENT_FIELD", "status"},
                                        {15, "EQUIPMENT_FIELD", "serial"}}));
  // The repeated serial names the line that has it first.
  for (const auto& p : f.problems)
    if (p.line == 9) {
      EXPECT_NE(p.error.message_en.find("line 2"), std::string::npos) << p.error.message_en;
    }
  ASSERT_EQ(f.items.size(), 3u);
  EXPECT_EQ(f.lines, (std::vector<uint64_t>{2, 10, 14}));
  EXPECT_EQ(f.items[0].serial, "PC-1");
  EXPECT_EQ(f.items[0].vendor, "Dell");
  EXPECT_EQ(f.items[0].model, "OptiPlex 390");
  EXPECT_EQ(f.items[0].installed_on, (Date{2012, 3, 1}));
  EXPECT_EQ(f.items[0].cards_per_day, 0);
  EXPECT_EQ(f.items[1].type, ItemType::CardPrinter);
  EXPECT_EQ(f.items[1].status, ItemStatus::InRepair);
  EXPECT_EQ(f.items[1].cards_per_day, kDefaultImportedCardsPerDay);
  EXPECT_TRUE(check_equipment_item(f.items[1]));
  EXPECT_EQ(f.items[2].status, ItemStatus::Retired);
  EXPECT_EQ(f.items[2].installed_on, kToday);
  EXPECT_FALSE(f.items[2].installed_on && *f.items[2].installed_on > kToday);
}

TEST(InventoryCsv, QuotedFieldsAndCrLf) {
  const std::string text = std::string(kInventoryHeader) + "\r\n61.01.01,PC,PC-1,\"Hewlett, Packard\",\"Compaq \"\"6200\"\"\",,active\r\n\r\n";
  const auto f = parse_inventory_csv(text, kToday, known_office);
  EXPECT_TRUE(f.problems.empty()) << (f.problems.empty() ? "" : f.problems[0].error.message_en);
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].vendor, "Hewlett, Packard");
  EXPECT_EQ(f.items[0].model, "Compaq \"6200\"");
  EXPECT_FALSE(f.items[0].installed_on);
}

// --- planner files ---------------------------------------------------------------------------

TEST(PlannerCsv, PriceCatalogue) {
  const auto ok = parse_price_catalogue("item_type,unit_price\nPC,12000000\nUPS,2500000\n\n");
  EXPECT_TRUE(ok.problems.empty());
  EXPECT_EQ(ok.prices, (PriceCatalogue{{ItemType::Pc, 12'000'000}, {ItemType::Ups, 2'500'000}}));
  const auto bad = parse_price_catalogue(
      "item_type,unit_price\n"
      "PC,12000000\n"      // 2
      "LAPTOP,5\n"         // 3
      "CAMERA,0\n"         // 4
      "UPS,-1\n"           // 5
      "IRIS_SCANNER,1.5\n"  // 6
      "PC,1\n"             // 7 repeated
      "UPS\n"              // 8
      "SERVER,100000000001\n"  // 9
      "SERVER,100000000000\n"  // 10 good
      "CAMERA,\n");        // 11
  using P = std::vector<std::tuple<uint64_t, std::string, std::string>>;
  EXPECT_EQ(problems_of(bad.problems), (P{{3, "EQUIPMENT_FIELD", "item_type"},
                                          {4, "EQUIPMENT_FIELD", "unit_price"},
                                          {5, "EQUIPMENT_FIELD", "unit_price"},
                                          {6, "EQUIPMENT_FIELD", "unit_price"},
                                          {7, "EQUIPMENT_FIELD", "item_type"},
                                          {8, "CSV_COLUMNS", ""},
                                          {9, "EQUIPMENT_FIELD", "unit_price"},
                                          {11, "EQUIPMENT_FIELD", "unit_price"}}));
  EXPECT_EQ(bad.prices.at(ItemType::Pc), 12'000'000);  // the first line's price stays
  EXPECT_EQ(bad.prices.at(ItemType::Server), 100'000'000'000);
  const auto header = parse_price_catalogue("type,price\nPC,1\n");
  EXPECT_EQ(problems_of(header.problems), (P{{1, "CSV_HEADER", "header"}}));
  EXPECT_TRUE(header.prices.empty());
  EXPECT_EQ(problems_of(parse_price_catalogue("").problems), (P{{1, "CSV_EMPTY", "header"}}));
}

TEST(PlannerCsv, Demand) {
  auto known = [](std::string_view c) { return c == "61.01.01" || c == "61.01.02" || c == "61.01.03"; };
  const auto ok = parse_demand("kecamatan,people\n61.01.01,1200\n61.01.02,0\n", known);
  EXPECT_TRUE(ok.problems.empty());
  EXPECT_EQ(ok.people, (std::map<std::string, int64_t>{{"61.01.01", 1200}, {"61.01.02", 0}}));
  const auto bad = parse_demand(
      "kecamatan,people\n"
      "61.01.01,10\n"        // 2
      "61.02.01,10\n"        // 3 not of the region
      "61.01.02,-1\n"        // 4
      "61.01.02,ten\n"       // 5
      "61.01.01,5\n"         // 6 repeated
      "61.01.03,100000001\n"  // 7
      "61.01.03,7,8\n"       // 8
      "61.01.03, 7\n"        // 9 (a space is not a number)
      "61.01.03,100000000\n",  // 10 good
      known);
  using P = std::vector<std::tuple<uint64_t, std::string, std::string>>;
  EXPECT_EQ(problems_of(bad.problems), (P{{3, "EQUIPMENT_FIELD", "kecamatan"},
                                          {4, "EQUIPMENT_FIELD", "people"},
                                          {5, "EQUIPMENT_FIELD", "people"},
                                          {6, "EQUIPMENT_FIELD", "kecamatan"},
                                          {7, "EQUIPMENT_FIELD", "people"},
                                          {8, "CSV_COLUMNS", ""},
                                          {9, "EQUIPMENT_FIELD", "people"}}));
  EXPECT_EQ(bad.people, (std::map<std::string, int64_t>{{"61.01.01", 10}, {"61.01.03", 100'000'000}}));
  EXPECT_EQ(problems_of(parse_demand("kecamatan;people\n", known).problems), (P{{1, "CSV_HEADER", "header"}}));
}

// --- the nearest working kecamatan ------------------------------------------------------------

// Central angle from unit vectors (atan2 of |a×b| and a·b): not the haversine of the product.
double independent_km(double lat1, double lon1, double lat2, double lon2) {
  const double r = std::acos(-1.0) / 180.0;
  const double a[3] = {std::cos(lat1 * r) * std::cos(lon1 * r), std::cos(lat1 * r) * std::sin(lon1 * r), std::sin(lat1 * r)};
  const double b[3] = {std::cos(lat2 * r) * std::cos(lon2 * r), std::cos(lat2 * r) * std::sin(lon2 * r), std::sin(lat2 * r)};
  const double cx = a[1] * b[2] - a[2] * b[1], cy = a[2] * b[0] - a[0] * b[2], cz = a[0] * b[1] - a[1] * b[0];
  const double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  return kEarthRadiusKm * std::atan2(std::sqrt(cx * cx + cy * cy + cz * cz), dot);
}

TEST(Continuity, NearestByHand) {
  // On the equator one degree of longitude is 111.2 km: B (broken, at 0.0) is 1° from A and 2°
  // from C; D is broken with no working kecamatan nearer than A; E has no centroid.
  std::vector<KecamatanPoint> k = {{"61.01.03", 0.0, 2.0, true},  {"61.01.01", 0.0, -1.0, true}, {"61.01.02", 0.0, 0.0, false},
                                   {"61.01.04", 0.0, -5.0, false}, {"61.01.05", std::nullopt, std::nullopt, false},
                                   {"61.01.06", std::nullopt, std::nullopt, true}};
  const auto rows = nearest_working_kecamatan(k);
  ASSERT_EQ(rows.size(), k.size());
  for (size_t i = 0; i < k.size(); ++i) EXPECT_EQ(rows[i].kecamatan, k[i].code);  // in the order given
  const double one_degree = kEarthRadiusKm * std::acos(-1.0) / 180.0;
  EXPECT_EQ(rows[0].serve_at, "61.01.03");
  EXPECT_EQ(rows[0].distance_km, 0);
  EXPECT_TRUE(rows[0].can_record);
  EXPECT_EQ(rows[2].serve_at, "61.01.01");
  EXPECT_NEAR(rows[2].distance_km, one_degree, 1e-6);
  EXPECT_FALSE(rows[2].can_record);
  EXPECT_EQ(rows[3].serve_at, "61.01.01");
  EXPECT_NEAR(rows[3].distance_km, 4 * one_degree, 1e-6);
  EXPECT_EQ(rows[4].serve_at, "");  // no centroid: nowhere to measure from
  EXPECT_EQ(rows[5].serve_at, "61.01.06");  // records: serves itself, centroid or not
  EXPECT_EQ(rows[5].distance_km, 0);

  // A tie (two working kecamatan at the same distance) goes to the smaller code, whatever the order.
  std::vector<KecamatanPoint> tie = {{"61.01.09", 0.0, 1.0, true}, {"61.01.02", 0.0, 0.0, false}, {"61.01.07", 0.0, -1.0, true}};
  EXPECT_EQ(nearest_working_kecamatan(tie)[1].serve_at, "61.01.07");
  std::swap(tie[0].code, tie[2].code);
  EXPECT_EQ(nearest_working_kecamatan(tie)[1].serve_at, "61.01.07");
  // None working: every row has serve_at "".
  std::vector<KecamatanPoint> none = {{"61.01.01", 0.0, 0.0, false}, {"61.01.02", 1.0, 1.0, false}};
  for (const auto& r : nearest_working_kecamatan(none)) EXPECT_EQ(r.serve_at, "") << r.kecamatan;
  EXPECT_TRUE(nearest_working_kecamatan({}).empty());
}

TEST(Continuity, MatchesABruteForceOnRandomPoints) {
  Rng rng(4242);
  for (int round = 0; round < 200; ++round) {
    const int n = 1 + static_cast<int>(rng.below(40));
    std::vector<KecamatanPoint> k;
    std::vector<std::string> codes;
    for (int i = 0; i < n; ++i) {
      char code[16];
      std::snprintf(code, sizeof code, "61.%02d.%02d", 1 + static_cast<int>(rng.below(14)), 1 + i);
      KecamatanPoint p{code, -3.0 + 5.0 * rng.uniform(), 108.5 + 5.5 * rng.uniform(), rng.chance(0.6)};
      if (i > 0 && rng.chance(0.2)) {  // the same point as an earlier one: exact ties
        const auto& q = k[rng.below(k.size())];
        p.lat = q.lat, p.lon = q.lon;
      }
      if (rng.chance(0.05)) p.lat.reset(), p.lon.reset();
      if (round % 10 == 0) p.can_record = false;  // rounds where nobody records
      k.push_back(std::move(p));
    }
    const auto rows = nearest_working_kecamatan(k);
    ASSERT_EQ(rows.size(), k.size());
    for (size_t i = 0; i < k.size(); ++i) {
      std::string best;
      double best_km = 0;
      if (k[i].can_record) {
        best = k[i].code;
      } else if (k[i].lat) {
        for (const auto& w : k) {
          if (!w.can_record || !w.lat) continue;
          const double km = independent_km(*k[i].lat, *k[i].lon, *w.lat, *w.lon);
          if (best.empty() || km < best_km - 1e-9 || (std::abs(km - best_km) <= 1e-9 && w.code < best)) best = w.code, best_km = km;
        }
      }
      EXPECT_EQ(rows[i].kecamatan, k[i].code);
      EXPECT_EQ(rows[i].can_record, k[i].can_record);
      EXPECT_EQ(rows[i].serve_at, best) << "round " << round << " row " << i;
      EXPECT_NEAR(rows[i].distance_km, best_km, 1e-6) << "round " << round << " row " << i;
    }
  }
}

// --- reliability and downtime --------------------------------------------------------------

RepairTicket ticket(const std::string& serial, Date reported, std::optional<Date> closed = std::nullopt,
                    RepairSite site = RepairSite::OnSite, int64_t cost = 0) {
  RepairTicket t;
  t.serial = serial;
  t.office = kKec;
  t.reported_on = reported;
  t.symptom = "mati";
  t.closed_on = closed;
  if (closed) t.site = site;
  t.cost_rupiah = cost;
  return t;
}

const ReliabilityRow* group(const std::vector<ReliabilityRow>& rows, const std::string& name) {
  for (const auto& r : rows)
    if (r.group == name) return &r;
  return nullptr;
}

TEST(Reliability, HandComputedMtbfAndMttr) {
  const Date from{2024, 1, 1}, to{2024, 1, 31};  // 31 days
  EquipmentItem a = gear("PC-A", ItemType::Pc), b = gear("PC-B", ItemType::Pc), c = gear("UPS-C", ItemType::Ups);
  a.model = "OptiPlex 390", a.installed_on = Date{2020, 1, 1};
  b.model = "ProDesk 400", b.installed_on = Date{2024, 1, 11};  // 21 days in the window
  c.model = "";                                                  // no installation date: from `from`
  const std::vector<EquipmentItem> items = {a, b, c};
  const std::vector<RepairTicket> tickets = {
      ticket("PC-A", {2024, 1, 5}, Date{2024, 1, 8}, RepairSite::OnSite, 100),  // down 5, 6, 7
      ticket("PC-A", {2024, 1, 20}),                                             // open: down 20..31
      ticket("UPS-C", {2023, 12, 28}, Date{2024, 1, 2}, RepairSite::Centre, 500),  // down Jan 1 (5 days repair)
  };
  const auto r = reliability_of(items, tickets, from, to);
  const auto* pc = group(r.by_type, "PC");
  ASSERT_TRUE(pc);
  EXPECT_EQ(pc->items, 2);
  EXPECT_EQ(pc->failures, 2);
  EXPECT_EQ(pc->repaired, 1);
  EXPECT_DOUBLE_EQ(pc->operating_days, (31 - 3 - 12) + 21);
  EXPECT_DOUBLE_EQ(pc->mtbf_days, 37.0 / 2);
  EXPECT_DOUBLE_EQ(pc->mttr_days, 3);
  EXPECT_EQ(pc->cost_rupiah, 100);
  const auto* ups = group(r.by_type, "UPS");
  ASSERT_TRUE(ups);
  EXPECT_DOUBLE_EQ(ups->operating_days, 30);
  EXPECT_DOUBLE_EQ(ups->mtbf_days, 30);
  EXPECT_DOUBLE_EQ(ups->mttr_days, 5);
  const auto* optiplex = group(r.by_model, "PC / OptiPlex 390");
  ASSERT_TRUE(optiplex);
  EXPECT_DOUBLE_EQ(optiplex->operating_days, 16);
  EXPECT_DOUBLE_EQ(optiplex->mtbf_days, 8);
  const auto* prodesk = group(r.by_model, "PC / ProDesk 400");
  ASSERT_TRUE(prodesk);
  EXPECT_DOUBLE_EQ(prodesk->operating_days, 21);
  EXPECT_EQ(prodesk->failures, 0);
  EXPECT_DOUBLE_EQ(prodesk->mtbf_days, 0);
  EXPECT_TRUE(group(r.by_model, "UPS / ?"));
  const auto* on_site = group(r.by_site, "on_site");
  ASSERT_TRUE(on_site);
  EXPECT_EQ(on_site->repaired, 1);
  EXPECT_DOUBLE_EQ(on_site->mttr_days, 3);
  EXPECT_EQ(on_site->cost_rupiah, 100);
  const auto* centre = group(r.by_site, "centre");
  ASSERT_TRUE(centre);
  EXPECT_DOUBLE_EQ(centre->mttr_days, 5);
  EXPECT_EQ(centre->cost_rupiah, 500);
  EXPECT_EQ(r.by_site.size(), 2u);  // the open ticket has no site
}

// A replaced item stops operating when its ticket closes: the old and the new PC do not both
// count the days after the replacement (that inflated MTBF).
TEST(Reliability, AReplacedItemStopsCountingWhenItsTicketCloses) {
  const Date from{2024, 1, 1}, to{2024, 1, 31};
  EquipmentItem old_pc = gear("PC-OLD", ItemType::Pc), new_pc = gear("PC-NEW", ItemType::Pc), shelved = gear("PC-SHELF", ItemType::Pc);
  old_pc.installed_on = Date{2020, 1, 1}, old_pc.status = ItemStatus::Retired;
  new_pc.installed_on = Date{2024, 1, 15};
  shelved.installed_on = Date{2020, 1, 1}, shelved.status = ItemStatus::Retired;  // retired by hand, no ticket
  const std::vector<EquipmentItem> items = {old_pc, new_pc, shelved};
  const std::vector<RepairTicket> tickets = {ticket("PC-OLD", {2024, 1, 10}, Date{2024, 1, 15}, RepairSite::Replaced, 0)};
  const auto r = reliability_of(items, tickets, from, to);
  const auto* pc = group(r.by_type, "PC");
  ASSERT_TRUE(pc);
  // Old: Jan 1-9 up (9 days), 10-14 in repair, gone from the 15th; new: 15..31 (17 days); shelved: none.
  EXPECT_DOUBLE_EQ(pc->operating_days, 9 + 17);
  EXPECT_EQ(pc->failures, 1);
  EXPECT_DOUBLE_EQ(pc->mtbf_days, 26);
}

// A full standard set of kecamatan `office`, serials prefix-TYPE, installed on `installed`.
std::vector<EquipmentItem> full_set(const std::string& prefix, std::optional<Date> installed = Date{2020, 1, 1}) {
  std::vector<EquipmentItem> out;
  for (ItemType t : SetComposition::standard().types) {
    out.push_back(gear(prefix + std::string(to_string(t)), t));
    out.back().installed_on = installed;
  }
  return out;
}

void set_status(std::vector<EquipmentItem>& items, const std::string& serial, ItemStatus s) {
  for (auto& i : items)
    if (i.serial == serial) return void(i.status = s);
  ADD_FAILURE() << "no item " << serial;
}

TEST(Downtime, HandComputedCases) {
  const auto comp = SetComposition::standard();
  const Date from{2024, 1, 1}, to{2024, 1, 31};
  auto days = [&](const std::vector<EquipmentItem>& items, const std::vector<RepairTicket>& tickets) {
    return recording_downtime_days(items, tickets, comp, from, to);
  };
  auto one = full_set("A-");
  EXPECT_EQ(days(one, {}), 0);
  // Down from the report through the day before the repair: 5, 6, 7.
  EXPECT_EQ(days(one, {ticket("A-PC", {2024, 1, 5}, Date{2024, 1, 8})}), 3);
  // An open ticket: down through `to` (20..31); the item is broken meanwhile.
  auto broken = one;
  set_status(broken, "A-CAMERA", ItemStatus::Broken);
  EXPECT_EQ(days(broken, {ticket("A-CAMERA", {2024, 1, 20})}), 12);
  EXPECT_EQ(days(broken, {ticket("A-PC", {2024, 1, 5}, Date{2024, 1, 8}), ticket("A-CAMERA", {2024, 1, 20})}), 15);
  // Two items down at overlapping times: the union (5..9).
  EXPECT_EQ(days(one, {ticket("A-PC", {2024, 1, 5}, Date{2024, 1, 8}), ticket("A-UPS", {2024, 1, 6}, Date{2024, 1, 10})}), 5);
  // Tickets reaching outside the window count only inside it: Dec 20 - Jan 3 → Jan 1, 2.
  EXPECT_EQ(days(one, {ticket("A-PC", {2023, 12, 20}, Date{2024, 1, 3})}), 2);
  EXPECT_EQ(days(one, {ticket("A-PC", {2023, 6, 1}, Date{2023, 7, 1})}), 0);
  EXPECT_EQ(days(broken, {ticket("A-CAMERA", {2024, 2, 1})}), 0);  // reported after `to`
  // Broken without any ticket: down throughout.
  EXPECT_EQ(days(broken, {}), 31);
  // Installed during the window: down before (1..10).
  EXPECT_EQ(days(full_set("N-", Date{2024, 1, 11}), {}), 10);
  EXPECT_EQ(days(full_set("U-", std::nullopt), {}), 0);  // unknown installation: counted as there

  // Two sets: one set's PC broken all month leaves the other recording.
  auto two = full_set("A-");
  for (auto& i : full_set("B-")) two.push_back(i);
  set_status(two, "A-PC", ItemStatus::Broken);
  EXPECT_EQ(days(two, {ticket("A-PC", {2023, 12, 1})}), 0);
  // Both PCs down at once only 8..10.
  EXPECT_EQ(days(two, {ticket("A-PC", {2024, 1, 5}, Date{2024, 1, 11}), ticket("B-PC", {2024, 1, 8}, Date{2024, 1, 15})}), 3);

  // Replaced: the old PC retired when its ticket closed, a new one installed that day.
  auto replaced = full_set("A-");
  set_status(replaced, "A-PC", ItemStatus::Retired);
  EquipmentItem fresh = gear("A-PC-NEW", ItemType::Pc);
  fresh.installed_on = Date{2024, 1, 15};
  replaced.push_back(fresh);
  EXPECT_EQ(days(replaced, {ticket("A-PC", {2024, 1, 10}, Date{2024, 1, 15}, RepairSite::Replaced)}), 5);  // 10..14
  // Retired without a replacement: down from the closing day on (15..31) besides the repair (10..14).
  replaced.pop_back();
  EXPECT_EQ(days(replaced, {ticket("A-PC", {2024, 1, 10}, Date{2024, 1, 15}, RepairSite::Replaced)}), 22);
  EXPECT_EQ(days(replaced, {}), 31);  // retired, no ticket: down throughout
  EXPECT_EQ(recording_downtime_days(one, {}, comp, to, from), 0);  // empty window
}

// Day by day: an independent count of the downtime rule.
int64_t downtime_day_by_day(const std::vector<EquipmentItem>& items, const std::vector<RepairTicket>& tickets,
                            const SetComposition& comp, Date from, Date to) {
  int64_t down = 0;
  for (long d = from.to_days(); d <= to.to_days(); ++d) {
    std::map<ItemType, int64_t> working;
    for (const auto& i : items) {
      bool up = !i.installed_on || i.installed_on->to_days() <= d;
      bool has_ticket = false;
      long retired_from = from.to_days();
      for (const auto& t : tickets) {
        if (t.serial != i.serial) continue;
        has_ticket = true;
        const long end = t.closed_on ? t.closed_on->to_days() : to.to_days() + 1;
        if (t.reported_on.to_days() <= d && d < end) up = false;
        retired_from = std::max(retired_from, end);
      }
      if (i.status == ItemStatus::Retired && d >= retired_from) up = false;
      if (!has_ticket && (i.status == ItemStatus::Broken || i.status == ItemStatus::InRepair)) up = false;
      if (up) ++working[i.type];
    }
    bool can = !comp.types.empty();
    for (ItemType t : comp.types) can = can && working[t] > 0;
    down += can ? 0 : 1;
  }
  return down;
}

TEST(Downtime, MatchesADayByDayCount) {
  Rng rng(99);
  const auto comp = SetComposition::standard();
  const Date from{2024, 1, 1}, to{2024, 3, 31};
  const ItemStatus statuses[] = {ItemStatus::Active, ItemStatus::Active, ItemStatus::Broken, ItemStatus::InRepair, ItemStatus::Retired};
  for (int round = 0; round < 200; ++round) {
    std::vector<EquipmentItem> items;
    const int sets = 1 + static_cast<int>(rng.below(2));
    for (int s = 0; s < sets; ++s) {
      const Date installed = Date{2023, 11, 1}.plus_days(static_cast<long>(rng.below(150)));
      for (auto& i : full_set("S" + std::to_string(s) + "-", rng.chance(0.1) ? std::nullopt : std::optional<Date>(installed))) {
        if (rng.chance(0.15)) i.status = statuses[rng.below(5)];
        items.push_back(i);
      }
    }
    std::vector<RepairTicket> tickets;
    const int n = static_cast<int>(rng.below(8));
    for (int k = 0; k < n; ++k) {
      const auto& i = items[rng.below(items.size())];
      const Date reported = Date{2023, 12, 1}.plus_days(static_cast<long>(rng.below(140)));
      std::optional<Date> closed;
      if (rng.chance(0.7)) closed = reported.plus_days(static_cast<long>(rng.below(30)));
      tickets.push_back(ticket(i.serial, reported, closed));
    }
    EXPECT_EQ(recording_downtime_days(items, tickets, comp, from, to), downtime_day_by_day(items, tickets, comp, from, to))
        << "round " << round;
  }
}

// --- repair tickets ------------------------------------------------------------------------

TEST(RepairTicket, ReportAndCloseChecks) {
  RepairTicket t = ticket("PC-A", kToday);
  EXPECT_TRUE(check_fault_report(t, kToday));
  t.reported_on = kToday.plus_days(1);
  EXPECT_EQ(check_fault_report(t, kToday).error().field, "reported_on");
  t.reported_on = kToday;
  t.symptom = "";
  EXPECT_EQ(check_fault_report(t, kToday).error().field, "symptom");
  t.symptom = std::string(501, 's');
  EXPECT_EQ(check_fault_report(t, kToday).error().field, "symptom");
  t = ticket("PC-A", {2026, 11, 10});
  t.id = 7;
  EXPECT_EQ(check_ticket_close(t, {2026, 11, 9}, RepairSite::OnSite, 0, "", kToday).error().field, "closed_on");
  EXPECT_EQ(check_ticket_close(t, kToday.plus_days(1), RepairSite::OnSite, 0, "", kToday).error().field, "closed_on");
  EXPECT_EQ(check_ticket_close(t, kToday, RepairSite::OnSite, -1, "", kToday).error().field, "cost_rupiah");
  EXPECT_EQ(check_ticket_close(t, kToday, RepairSite::OnSite, 0, std::string(501, 'p'), kToday).error().field, "parts");
  auto closed = check_ticket_close(t, {2026, 11, 10}, RepairSite::Regency, 750'000, "hard disk", kToday);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->closed_on, (Date{2026, 11, 10}));
  EXPECT_EQ(closed->site, RepairSite::Regency);
  EXPECT_FALSE(closed->open());
  auto again = check_ticket_close(*closed, kToday, RepairSite::OnSite, 0, "", kToday);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "TICKET_CLOSED");
  for (auto c : {FaultCause::Unknown, FaultCause::Power, FaultCause::Lightning, FaultCause::Age, FaultCause::Water, FaultCause::Rodents,
                 FaultCause::Other})
    EXPECT_EQ(parse_fault_cause(to_string(c)), c);
  for (auto s : {RepairSite::OnSite, RepairSite::Regency, RepairSite::ProvinceHub, RepairSite::Centre, RepairSite::Replaced})
    EXPECT_EQ(parse_repair_site(to_string(s)), s);
}

// --- the synthetic inventory --------------------------------------------------------------

// The kecamatan codes of a province, read from the Kemendagri list in data/wilayah.
std::vector<std::string> kecamatan_of_province(const std::string& province) {
  std::ifstream in(test::data_dir() + "/wilayah/districts.csv");
  EXPECT_TRUE(in) << test::data_dir();
  std::vector<std::string> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line))
    if (line.rfind(province + ".", 0) == 0) out.push_back(line.substr(0, line.find(',')));
  return out;
}

TEST(SynthInventory, KalimantanBaratTargetsHoldForEverySeed) {
  const auto kec = kecamatan_of_province("61");
  ASSERT_EQ(kec.size(), 174u);
  std::set<std::string> regencies;
  for (const auto& k : kec) regencies.insert(k.substr(0, 5));
  ASSERT_EQ(regencies.size(), 14u);
  const auto comp = SetComposition::standard();
  InventoryTargets targets;
  targets.broken_items = 173, targets.affected_regencies = 10, targets.able_kecamatan = 105;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto r = synth_inventory(kec, targets, kToday, seed);
    ASSERT_TRUE(r) << r.error().message_en;
    const auto& items = r->items;
    std::set<std::string> serials, broken_serials, broken_regencies;
    std::map<std::string, std::vector<EquipmentItem>> by_office;
    for (const auto& i : items) {
      EXPECT_TRUE(serials.insert(i.serial).second) << i.serial;
      EXPECT_TRUE(check_equipment_item(i)) << i.serial;
      EXPECT_TRUE(i.office.rfind("61.", 0) == 0) << i.office;
      if (i.status == ItemStatus::Broken || i.status == ItemStatus::InRepair) {
        broken_serials.insert(i.serial);
        broken_regencies.insert(i.office.substr(0, 5));
      }
      EXPECT_NE(i.status, ItemStatus::Retired);
      by_office[i.office].push_back(i);
    }
    EXPECT_EQ(broken_serials.size(), 173u);
    EXPECT_EQ(broken_regencies.size(), 10u);
    int able = 0;
    for (const auto& k : kec) able += working_sets(by_office[k], comp).sets >= 1;
    EXPECT_EQ(able, 105);
    // One open ticket per broken item, none for the others; one item's tickets never overlap.
    std::map<std::string, std::vector<const RepairTicket*>> of;
    std::set<std::string> open;
    for (const auto& t : r->tickets) {
      EXPECT_TRUE(serials.count(t.serial)) << t.serial;
      EXPECT_LE(t.reported_on, kToday);
      if (t.closed_on) {
        EXPECT_LE(*t.closed_on, kToday);
        EXPECT_LE(t.reported_on, *t.closed_on);
        EXPECT_TRUE(t.site);
      } else {
        EXPECT_TRUE(open.insert(t.serial).second) << "two open tickets for " << t.serial;
      }
      of[t.serial].push_back(&t);
    }
    EXPECT_EQ(open, broken_serials);
    for (auto& [serial, ts] : of) {
      std::sort(ts.begin(), ts.end(), [](auto* a, auto* b) { return a->reported_on < b->reported_on; });
      for (size_t k = 1; k < ts.size(); ++k) {
        ASSERT_TRUE(ts[k - 1]->closed_on) << serial << ": an open ticket before another";
        EXPECT_LE(*ts[k - 1]->closed_on, ts[k]->reported_on) << serial;
      }
    }
  }
  // The same seed, the same inventory.
  auto a = synth_inventory(kec, targets, kToday, 7), b = synth_inventory(kec, targets, kToday, 7);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->items.size(), b->items.size());
  for (size_t i = 0; i < a->items.size(); ++i) EXPECT_EQ(a->items[i].serial, b->items[i].serial);
}

TEST(SynthInventory, InfeasibleTargetsAreRefused) {
  const auto kec = kecamatan_of_province("61");
  auto refused = [&](std::optional<int64_t> broken, std::optional<int64_t> regencies, std::optional<int64_t> able) {
    InventoryTargets t;
    t.broken_items = broken, t.affected_regencies = regencies, t.able_kecamatan = able;
    auto r = synth_inventory(kec, t, kToday, 1);
    if (r) return std::string();
    EXPECT_EQ(r.error().code, "EQUIPMENT_FIELD");
    return r.error().field;
  };
  EXPECT_EQ(refused(173, 10, 105), "");
  EXPECT_EQ(refused(173, 10, 175), "targets");   // more able than there are
  EXPECT_EQ(refused(173, 10, -1), "targets");
  EXPECT_EQ(refused(173, 15, 105), "targets");   // 14 regencies
  EXPECT_EQ(refused(173, 0, 105), "targets");    // unable kecamatan need a regency
  EXPECT_EQ(refused(173, 10, 170), "targets");   // 4 unable cannot cover 10 regencies
  EXPECT_EQ(refused(50, 10, 105), "targets");    // 69 unable kecamatan need at least 69 broken items
  EXPECT_EQ(refused(1'000'000, 10, 105), "targets");  // more than the affected regencies hold
  EXPECT_EQ(refused(173, 1, 105), "targets");    // 69 unable in one regency: none has that many
  EXPECT_EQ(refused(std::nullopt, std::nullopt, std::nullopt), "");
  EXPECT_EQ(refused(0, 0, 174), "");             // nothing broken anywhere
}

}  // namespace
}  // namespace ktpel

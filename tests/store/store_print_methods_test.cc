// The printing side of the store, method by method, on both backends: printers, the stock ledger,
// print jobs and the print queue, suket, office keys, expected tranches and settings (the methods
// each test calls are listed in store_methods_test.cc).
#include "sql/connection.h"
#include "store_methods_fixture.h"

namespace ktpel {
namespace {

using namespace store_methods;

class PrintStoreMethodsTest : public StoreMethodsTest {};

TEST_P(PrintStoreMethodsTest, PrintersAndStockLedger) {
  const std::string at = "2025-01-02T00:00:00Z";
  Printer evolis{"SN-2", "65.71", "Evolis", 500, PrinterStatus::Active, "", std::nullopt, ""};
  const Printer fargo{"SN-1", "65.71", "Fargo", 300, PrinterStatus::Lent, "65.01", Date{2025, 2, 1}, "BA-7"};
  const Printer datacard{"SN-3", "65.01", "Datacard", 800, PrinterStatus::Broken, "", std::nullopt, "head"};
  for (const auto& p : {evolis, fargo, datacard}) EXPECT_TRUE(store_->insert_printer(p, at));
  EXPECT_FALSE(store_->insert_printer({"SN-1", "65.04", "Other", 1, PrinterStatus::Active, "", std::nullopt, ""}, at));
  EXPECT_EQ(row(*store_->printer("SN-1")), row(fargo));
  EXPECT_FALSE(store_->printer("SN-9"));
  evolis.status = PrinterStatus::InRepair, evolis.note = "roller";
  store_->update_printer(evolis, "2025-01-03T00:00:00Z");
  EXPECT_EQ(row(*store_->printer("SN-2")), row(evolis));
  // Owned by, or lent to, an office under the prefix; by office then serial.
  EXPECT_EQ(pluck(store_->printers("65.01"), &Printer::serial), (Strings{"SN-3", "SN-1"}));
  EXPECT_EQ(pluck(store_->printers("65.71"), &Printer::serial), (Strings{"SN-1", "SN-2"}));
  EXPECT_EQ(pluck(store_->printers(""), &Printer::serial), (Strings{"SN-3", "SN-1", "SN-2"}));
  EXPECT_TRUE(store_->printers("65.04").empty());

  const std::string tarakan = office_account("65.71"), malinau = office_account("65.01");
  auto book = [&](MovementKind kind, StockItem item, const std::string& debit, const std::string& credit, int64_t qty,
                  const std::string& ref) {
    StoreTransaction tx(*store_);
    const int64_t id = store_->append_stock_movement({0, kind, item, debit, credit, qty, Date{2025, 1, 2}, ref, ""}, "op1", at);
    tx.commit();
    return id;
  };
  const int64_t tranche = book(MovementKind::TrancheReceived, StockItem::BlankCard, tarakan, "external", 100, "BAST-1");
  book(MovementKind::TrancheReceived, StockItem::Ribbon, tarakan, "external", 5, "BAST-2");
  EXPECT_FALSE(store_->stock_transfer_known("TR-1"));
  const int64_t sent = book(MovementKind::TransferOut, StockItem::BlankCard, "transit:TR-1", tarakan, 30, "TR-1");
  EXPECT_LT(tranche, sent);
  EXPECT_EQ(store_->stock_in_transit("TR-1"), (std::pair{StockItem::BlankCard, int64_t{30}}));
  EXPECT_TRUE(store_->stock_transfer_known("TR-1"));
  EXPECT_FALSE(store_->stock_in_transit("TR-2"));
  const int64_t received = book(MovementKind::TransferIn, StockItem::BlankCard, malinau, "transit:TR-1", 30, "TR-1");
  EXPECT_FALSE(store_->stock_in_transit("TR-1"));
  EXPECT_TRUE(store_->stock_transfer_known("TR-1"));  // received, still known (an id is never reused)
  EXPECT_FALSE(store_->blank_serial_used("CARD-1"));
  book(MovementKind::Printed, StockItem::BlankCard, "printed", tarakan, 1, "CARD-1");
  book(MovementKind::Spoiled, StockItem::BlankCard, "spoiled", tarakan, 1, "CARD-2");
  book(MovementKind::Printed, StockItem::Ribbon, "printed", tarakan, 1, "CARD-3");  // a ribbon, not a blank
  EXPECT_TRUE(store_->blank_serial_used("CARD-1"));
  EXPECT_TRUE(store_->blank_serial_used("CARD-2"));
  EXPECT_FALSE(store_->blank_serial_used("CARD-3"));

  EXPECT_EQ(store_->stock_balance(tarakan, StockItem::BlankCard, false), 100 - 30 - 1 - 1);
  EXPECT_EQ(store_->stock_balance(tarakan, StockItem::Ribbon, false), 5 - 1);
  EXPECT_EQ(store_->stock_balance("external", StockItem::BlankCard, false), -100);
  EXPECT_EQ(store_->stock_balance("transit:TR-1", StockItem::BlankCard, false), 0);
  EXPECT_EQ(store_->stock_balance(malinau, StockItem::CleaningKit, false), 0);  // never moved
  {
    StoreTransaction tx(*store_);
    EXPECT_EQ(store_->stock_balance(malinau, StockItem::BlankCard, true), 30);
    tx.commit();
  }
  using Balances = std::vector<std::tuple<std::string, std::string, int64_t>>;
  Balances balances;
  for (const auto& b : store_->stock_balances("office:")) balances.emplace_back(b.account, to_string(b.item), b.balance);
  EXPECT_EQ(balances, (Balances{{malinau, "blangko", 30}, {tarakan, "blangko", 68}, {tarakan, "ribbon", 4}}));

  // Movements touching an account under the prefix (either side), by id, up to the limit.
  const auto of_malinau = store_->stock_movements(malinau, 10);
  ASSERT_EQ(of_malinau.size(), 1u);
  EXPECT_EQ(of_malinau[0].movement.id, received);
  const StockMovement transfer_in{0, MovementKind::TransferIn, StockItem::BlankCard, malinau, "transit:TR-1", 30,
                                  Date{2025, 1, 2}, "TR-1", ""};
  EXPECT_EQ(row(of_malinau[0]), row(StoredMovement{transfer_in, "op1", at}));
  const Strings refs = pluck(store_->stock_movements("", 10), [](const StoredMovement& m) { return m.movement.reference; });
  EXPECT_EQ(refs, (Strings{"BAST-1", "BAST-2", "TR-1", "TR-1", "CARD-1", "CARD-2", "CARD-3"}));
  EXPECT_EQ(pluck(store_->stock_movements("", 2), [](const StoredMovement& m) { return m.movement.id; }).front(), tranche);
  EXPECT_EQ(store_->stock_movements("", 2).size(), 2u);
  EXPECT_EQ(store_->stock_movements("transit:", 10).size(), 2u);
}

TEST_P(PrintStoreMethodsTest, PrintJobsAndPrintQueue) {
  auto job = [](const std::string& office, const std::string& serial, const std::string& outcome, Date on) {
    const std::string reason = outcome == "spoiled" ? "jam" : "";
    return PrintJob{0, office, nik(1), serial, "SN-1", outcome, reason, on, on.iso() + "T08:00:00Z", "op1"};
  };
  const std::vector<PrintJob> jobs = {job("65.71", "C-1", "printed", {2025, 1, 1}), job("65.71", "C-2", "spoiled", {2025, 1, 2}),
                                      job("65.71", "C-3", "printed", {2025, 1, 3}), job("65.01", "C-4", "printed", {2025, 1, 3})};
  Ids ids;
  for (const auto& j : jobs) ids.push_back(store_->insert_print_job(j));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()) && std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  // Newest first, under the prefix, up to the limit.
  EXPECT_EQ(pluck(store_->print_jobs("65.71", 2), &PrintJob::card_serial), (Strings{"C-3", "C-2"}));
  EXPECT_EQ(pluck(store_->print_jobs("", 10), &PrintJob::id), (Ids{ids[3], ids[2], ids[1], ids[0]}));
  EXPECT_EQ(rows(store_->print_jobs("65.01", 10)), rows(std::vector{jobs[3]}));
  EXPECT_TRUE(store_->print_jobs("65.04", 10).empty());
  using Used = std::map<std::string, int64_t>;
  EXPECT_EQ(store_->blanks_used_since("65", {2025, 1, 2}), (Used{{"65.01", 1}, {"65.71", 2}}));
  EXPECT_EQ(store_->blanks_used_since("65.71", {2025, 1, 1}), (Used{{"65.71", 3}}));
  EXPECT_EQ(store_->blanks_used_since("65", {2025, 1, 4}), Used{});
  using Totals = std::map<std::string, std::pair<int64_t, int64_t>>;
  EXPECT_EQ(store_->print_job_totals(), (Totals{{"65.01", {1, 0}}, {"65.71", {2, 1}}}));

  // The queue: PRR and SUKET records, with what classifies them (history written before the record).
  const std::string first = nik(1), first_older = nik(2), replacement = nik(3), data_change = nik(4), suket = nik(5),
                    elsewhere = nik(6), recording = nik(7);
  add({person(first, kTarakanBarat), person(first_older, kTarakanBarat), person(replacement, kTarakanBarat),
       person(data_change, kTarakanTimur), person(suket, kTarakanBarat), person(elsewhere, kMalinau),
       person(recording, kTarakanBarat)});
  auto reprint = [](const std::string& n, const std::string& at, const std::string& reason) {
    return EktpTransition{n, EktpStatus::DELIVERED, EktpStatus::REPRINT, "request_reprint", at, "op1", "desk", reason};
  };
  store_->add_ektp_transitions(std::vector<EktpTransition>{
      {replacement, EktpStatus::PRR, EktpStatus::PRINTED, "print", "2024-06-01T00:00:00Z", "op1", "desk", ""},
      reprint(data_change, "2024-12-01T00:00:00Z", "HILANG"),
      reprint(data_change, "2024-12-02T00:00:00Z", "PERUBAHAN DATA")});  // the latest reason counts
  put_records({{first, EktpStatus::PRR, "2025-01-03T00:00:00Z"},
               {first_older, EktpStatus::PRR, "2025-01-02T00:00:00Z"},
               {replacement, EktpStatus::PRR, "2025-01-02T00:00:00Z"},
               {data_change, EktpStatus::PRR, "2025-01-01T00:00:00Z"},
               {suket, EktpStatus::SUKET, "2025-01-04T00:00:00Z"},
               {elsewhere, EktpStatus::PRR, "2025-01-01T00:00:00Z"},
               {recording, EktpStatus::SFE, "2025-01-01T00:00:00Z"}});
  using Candidates = std::vector<decltype(row(QueueCandidate{}))>;
  EXPECT_EQ(sorted(rows(store_->print_candidates("65.71"))),
            (Candidates{{first, kTarakanBarat, "PRR", "2025-01-03T00:00:00Z", "", false},
                        {first_older, kTarakanBarat, "PRR", "2025-01-02T00:00:00Z", "", false},
                        {replacement, kTarakanBarat, "PRR", "2025-01-02T00:00:00Z", "", true},
                        {data_change, kTarakanTimur, "PRR", "2025-01-01T00:00:00Z", "PERUBAHAN DATA", false},
                        {suket, kTarakanBarat, "SUKET", "2025-01-04T00:00:00Z", "", false}}));
  auto head = [&](const std::string& regency, PrintClass cls, int64_t limit) {
    return pluck(store_->print_queue_head(regency, cls, limit), &QueueCandidate::nik);
  };
  EXPECT_EQ(head("65.71", PrintClass::FirstCard, 10), (Strings{first_older, first}));  // oldest first
  EXPECT_EQ(head("65.71", PrintClass::FirstCard, 1), Strings{first_older});
  EXPECT_EQ(head("65.71", PrintClass::Replacement, 10), Strings{replacement});
  EXPECT_EQ(head("65.71", PrintClass::DataChange, 10), Strings{data_change});
  EXPECT_EQ(head("65.71", PrintClass::SuketConversion, 10), Strings{suket});
  EXPECT_EQ(head("65.01", PrintClass::FirstCard, 10), Strings{elsewhere});
  // The queue follows the record (printed: gone) and the address (moved: another regency's queue).
  store_->put_ektp_record(first_older, EktpStatus::PRINTED, "2025-01-05T00:00:00Z", false);
  Resident moved = *store_->find_resident(first);
  moved.village_code = kMalinau;
  store_->update_resident(moved);
  EXPECT_TRUE(head("65.71", PrintClass::FirstCard, 10).empty());
  EXPECT_EQ(head("65.01", PrintClass::FirstCard, 10), (Strings{elsewhere, first}));
  EXPECT_EQ(sorted(pluck(store_->print_candidates("65.01"), &QueueCandidate::village_code)), (Strings{kMalinau, kMalinau}));

  // Records in one status under a prefix, oldest transition first.
  EXPECT_EQ(rows(store_->ektp_records_in_status("65.71", EktpStatus::PRR, 10)),
            rows(std::vector<EktpRecord>{{data_change, EktpStatus::PRR, "2025-01-01T00:00:00Z", kTarakanTimur, false},
                                         {replacement, EktpStatus::PRR, "2025-01-02T00:00:00Z", kTarakanBarat, false}}));
  EXPECT_EQ(pluck(store_->ektp_records_in_status("", EktpStatus::PRR, 2), &EktpRecord::nik), (Strings{data_change, elsewhere}));
  EXPECT_EQ(pluck(store_->ektp_records_in_status("65.71.01", EktpStatus::SFE, 10), &EktpRecord::nik), Strings{recording});
  EXPECT_TRUE(store_->ektp_records_in_status("65.71", EktpStatus::CANCELLED, 10).empty());
}

TEST_P(PrintStoreMethodsTest, SuketsOfficeKeysTranchesAndSettings) {
  auto suket = [](const std::string& number, const std::string& n, const std::string& office, Date issued) {
    return SuketRecord{number, n, office, issued, issued.plus_days(180), "tok-" + number, "open", "", "", "op1", ""};
  };
  const std::vector<SuketRecord> issued = {suket("SKT-1", nik(1), "65.71", {2025, 1, 1}),
                                           suket("SKT-2", nik(1), "65.71", {2025, 2, 1}),
                                           suket("SKT-3", nik(2), "65.01", {2025, 1, 15})};
  for (const auto& s : issued) store_->insert_suket(s);
  EXPECT_EQ(row(*store_->suket("SKT-3")), row(issued[2]));
  EXPECT_FALSE(store_->suket("SKT-9"));
  EXPECT_EQ(store_->open_suket_of(nik(1))->number, "SKT-2");  // the newest open one
  EXPECT_FALSE(store_->open_suket_of(nik(3)));
  store_->close_suket("SKT-2", "2025-02-10T00:00:00Z", "CARD-7");
  SuketRecord closed = issued[1];
  closed.status = "closed", closed.closed_at = "2025-02-10T00:00:00Z", closed.card_serial = "CARD-7";
  EXPECT_EQ(row(*store_->suket("SKT-2")), row(closed));
  EXPECT_EQ(store_->open_suket_of(nik(1))->number, "SKT-1");
  // Under the prefix, open or all, by issue day, up to the limit.
  EXPECT_EQ(pluck(store_->sukets("65", false, 10), &SuketRecord::number), (Strings{"SKT-1", "SKT-3", "SKT-2"}));
  EXPECT_EQ(pluck(store_->sukets("65", true, 10), &SuketRecord::number), (Strings{"SKT-1", "SKT-3"}));
  EXPECT_EQ(pluck(store_->sukets("65.71", false, 10), &SuketRecord::number), (Strings{"SKT-1", "SKT-2"}));
  EXPECT_EQ(pluck(store_->sukets("65", false, 1), &SuketRecord::number), Strings{"SKT-1"});
  EXPECT_TRUE(store_->sukets("65.04", false, 10).empty());

  EXPECT_FALSE(store_->office_key("65.71"));
  EXPECT_TRUE(store_->insert_office_key({"65.71", "pub-1", "sec-1"}));
  EXPECT_FALSE(store_->insert_office_key({"65.71", "pub-2", "sec-2"}));  // an office keeps its first key
  const auto key = store_->office_key("65.71");
  ASSERT_TRUE(key);
  EXPECT_EQ(std::tuple(key->office, key->sign_public, key->sign_secret), std::tuple("65.71", "pub-1", "sec-1"));
  EXPECT_FALSE(store_->office_key("65.01"));

  store_->insert_expected_tranche({"65.71", {2025, 3, 1}, 500, "T-2"});
  store_->insert_expected_tranche({"65.71", {2025, 2, 1}, 100, "T-1"});
  store_->insert_expected_tranche({"65.01", {2025, 2, 15}, 50, "T-3"});
  store_->insert_expected_tranche({"65.71", {2025, 4, 1}, 600, "T-2"});  // the same reference again: replaced
  EXPECT_EQ(rows(store_->expected_tranches("65.71")),
            rows(std::vector<ExpectedTranche>{{"65.71", {2025, 2, 1}, 100, "T-1"}, {"65.71", {2025, 4, 1}, 600, "T-2"}}));
  EXPECT_EQ(pluck(store_->expected_tranches(""), &ExpectedTranche::reference), (Strings{"T-1", "T-3", "T-2"}));
  EXPECT_TRUE(store_->expected_tranches("65.04").empty());

  EXPECT_FALSE(store_->setting("print.priority"));
  store_->put_setting("print.priority", "FIRST_CARD,SUKET_CONVERSION");
  store_->put_setting("print.priority", "SUKET_CONVERSION,FIRST_CARD");
  store_->put_setting("other", "x");
  EXPECT_EQ(store_->setting("print.priority"), "SUKET_CONVERSION,FIRST_CARD");
  EXPECT_EQ(store_->setting("other"), "x");
}

// [11] Residents who died before a death closed the e-KTP record kept an open one: first in the
// print queue, a suket verifying VALID. Migration 18 closes them as the decease event would; a
// living resident's record, and a dead one's delivered card, stay as they are.
TEST_P(PrintStoreMethodsTest, Migration18ClosesTheRecordsOfTheDead) {
  Resident dead = person(nik(1), kTarakanBarat, "ZAINAL");
  Resident delivered = person(nik(2), kTarakanBarat, "AMIR");
  Resident living = person(nik(3), kTarakanBarat, "BUDI");
  add({dead, delivered, living});
  store_->put_ektp_record(dead.nik, EktpStatus::SUKET, "2025-01-02T00:00:00Z", false);
  store_->put_ektp_record(delivered.nik, EktpStatus::DELIVERED, "2025-01-02T00:00:00Z", false);
  store_->put_ektp_record(living.nik, EktpStatus::PRR, "2025-01-02T00:00:00Z", false);
  store_->insert_suket({"SKT-D", dead.nik, "65.71", {2025, 1, 2}, {2025, 7, 1}, "tok-d", "open", "", "", "op1", ""});
  store_->insert_suket({"SKT-L", living.nik, "65.71", {2025, 1, 2}, {2025, 7, 1}, "tok-l", "open", "", "", "op1", ""});
  for (Resident* r : {&dead, &delivered}) {  // died before this release: the record was left open
    r->alive = false;
    r->death_date = Date{2025, 3, 4};
    store_->update_resident(*r);
  }
  ASSERT_EQ(store_->ektp_record(dead.nik)->status, EktpStatus::SUKET);
  {  // the database as it was before version 18
    auto db = sql::connect(location_);
    db->exec("DELETE FROM schema_migrations WHERE version = 18");
  }
  store_ = open_store(location_);
  {  // version 18 ran again (later versions, already there, did not)
    auto db = sql::connect(location_);
    auto q = db->cached("SELECT count(*) FROM schema_migrations WHERE version = 18");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), 1);
  }
  EXPECT_EQ(store_->ektp_record(dead.nik)->status, EktpStatus::CANCELLED);
  EXPECT_EQ(store_->ektp_record(dead.nik)->since, "2025-03-04T00:00:00Z");
  const auto history = store_->ektp_history(dead.nik);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().event, "decease");
  EXPECT_EQ(history.back().from, EktpStatus::SUKET);
  EXPECT_EQ(history.back().reason, "meninggal dunia 2025-03-04");
  EXPECT_EQ(store_->suket("SKT-D")->status, "closed");
  EXPECT_EQ(store_->suket("SKT-D")->closed_at, "2025-03-04T00:00:00Z");
  EXPECT_TRUE(pluck(store_->print_queue_head("65.71", PrintClass::SuketConversion, 10), &QueueCandidate::nik).empty());
  EXPECT_EQ(store_->ektp_record(delivered.nik)->status, EktpStatus::DELIVERED);
  EXPECT_EQ(store_->ektp_record(living.nik)->status, EktpStatus::PRR);
  EXPECT_EQ(store_->suket("SKT-L")->status, "open");
  EXPECT_EQ(pluck(store_->print_queue_head("65.71", PrintClass::FirstCard, 10), &QueueCandidate::nik), Strings{living.nik});
}

INSTANTIATE_TEST_SUITE_P(Backends, PrintStoreMethodsTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

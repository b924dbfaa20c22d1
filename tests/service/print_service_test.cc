// The printing desk on both backends: printers, the stock ledger on the store, the queue order,
// print jobs (every blank accounted for, none used twice even by racing processes), delivery,
// suket tokens, the audit and the plan.
#include "service/print_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <pqxx/pqxx>

#include <atomic>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "core/synth/random.h"
#include "crypto/envelope.h"
#include "crypto/suket_token.h"
#include "service/adjudication_service.h"
#include "service/coverage_service.h"
#include "service/duplicate_link.h"
#include "service/ktp_answer.h"
#include "service/import_residents.h"
#include "service/registry_service.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

const Date kToday{2026, 11, 20};
const std::string kNow = "2026-11-20T08:00:00Z";
const std::string kOffice = "65.71";  // Kota Tarakan

// Writes behind the service's back, as a careless admin with a SQL console would.
void raw_sql(const std::string& location, const std::string& sql) {
  if (is_postgres_location(location)) {
    pqxx::connection c(location);
    pqxx::work w(c);
    w.exec(sql);
    w.commit();
  } else {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(location.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
}

class PrintTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
    ImportOptions opt;
    opt.as_of = {2026, 11, 20};
    opt.now = kNow;
    std::string csv = "nik,kk,name,sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,"
                      "father_name,village_code,rt,rw,address,blood_type,citizenship\n";
    std::string ektp = "nik,status,recorded_on,status_since,ikd_activated\n";
    // 40 residents of Tarakan in PRR (oldest first by number), one in SUKET, one PRINTED, one
    // in Tanjung Selor (65.02, another office).
    for (int i = 0; i < 43; ++i) {
      char nik[17];
      std::snprintf(nik, sizeof nik, "6571010101%02d%04d", 80 + i % 10, 1 + i);
      std::string n = nik;
      const std::string village = i == 42 ? "65.02.01.2002" : "65.71.01.1001";
      if (i == 42) n = "650201010180" + std::string(nik).substr(12);
      csv += n + ",6571010405130001,WARGA " + std::string(1, static_cast<char>('A' + i / 26)) + static_cast<char>('A' + i % 26) + ",L,TARAKAN,19" + n.substr(10, 2) + "-01-01,Islam,KAWIN,GURU,A,B," +
             village + ",001,001,JL. A,O,WNI\n";
      const std::string status = i == 40 ? "SUKET" : i == 41 ? "PRINTED" : "PRR";
      char since[32];
      std::snprintf(since, sizeof since, "2026-10-%02d", 1 + i % 28);
      ektp += n + "," + status + ",2026-09-01," + since + ",0\n";
      niks_.push_back(n);
    }
    auto report = import_residents(*store_, test::wilayah(), csv, "", opt, ektp);
    ASSERT_TRUE(report.committed) << report.problem_count << " " << (report.problems.empty() ? "" : report.problems[0].file + ":" + std::to_string(report.problems[0].line) + " " + report.problems[0].message_en);
    svc_ = std::make_unique<PrintService>(*store_, test::wilayah());
    Printer p;
    p.serial = "PR-TRK-1";
    p.office = kOffice;
    p.model = "Datacard CD800";
    p.cards_per_day = 200;
    ASSERT_TRUE(svc_->add_printer(p, kNow));
  }
  EktpActor actor() const { return {"op1", "desk", kNow}; }
  std::string location_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PrintService> svc_;
  std::vector<std::string> niks_;
};

TEST_P(PrintTest, PrintersAreCheckedAndLentOnesPrintElsewhereUntilTheLoanEnds) {
  Printer bad;
  bad.serial = "X";
  bad.office = "65.71";
  EXPECT_EQ(svc_->add_printer(bad, kNow).error().field, "cards_per_day");
  bad.cards_per_day = 100;
  bad.office = "99.99";
  EXPECT_EQ(svc_->add_printer(bad, kNow).error().code, "OFFICE_UNKNOWN");
  Printer dup;
  dup.serial = "PR-TRK-1", dup.office = kOffice, dup.cards_per_day = 10;
  EXPECT_EQ(svc_->add_printer(dup, kNow).error().code, "PRINTER_EXISTS");
  EXPECT_EQ(svc_->set_printer_status("PR-TRK-1", PrinterStatus::Lent, "65.02", std::nullopt, "", kNow).error().field, "lent_until");
  auto lent = svc_->set_printer_status("PR-TRK-1", PrinterStatus::Lent, "65.02", Date{2026, 11, 30}, "surat 12/2026", kNow);
  ASSERT_TRUE(lent);
  EXPECT_EQ(printing_office(*lent, kToday), "65.02");
  EXPECT_EQ(printing_office(*lent, Date{2026, 12, 1}), "65.71");
  EXPECT_EQ(svc_->printers("65.02")->size(), 1u);  // listed where it prints too
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 10, kToday, "BAST-1", "op1"));
  // A lent printer does not print for its home office.
  EXPECT_EQ(svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "", kToday, actor()).error().code, "PRINTER_NOT_HERE");
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::Broken, "", std::nullopt, "head rusak", kNow));
  EXPECT_EQ(svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "", kToday, actor()).error().code, "PRINTER_NOT_HERE");
}

TEST_P(PrintTest, QueueOrderFollowsTheConfiguredPriorityThenAge) {
  ASSERT_TRUE(svc_->set_setting("print.suket_first", "false"));  // the configured order alone
  // A reprint for a data change and one for a lost card.
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 10, kToday, "BAST-1", "op1"));
  EktpService ektp(*store_, test::wilayah());
  EXPECT_EQ(ektp.transition(niks_[41], EktpEvent::Deliver, actor(), "").error().code, "EKTP_TRANSITION");  // the desk's, with details
  ASSERT_TRUE(svc_->deliver(niks_[41], {}, actor()));
  ASSERT_TRUE(ektp.transition(niks_[41], EktpEvent::RequestReprint, actor(), "PERUBAHAN DATA"));
  ASSERT_TRUE(ektp.transition(niks_[41], EktpEvent::QueueReprint, actor(), ""));
  auto q = svc_->queue(kOffice, 100);
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 42u);  // 40 PRR + SUKET + the reprint; not the other office's resident
  EXPECT_EQ((*q)[0].cls, PrintClass::FirstCard);
  for (size_t i = 1; i < 40; ++i) EXPECT_LE((*q)[i - 1].since, (*q)[i].since);  // oldest first within a class
  EXPECT_EQ((*q)[40].cls, PrintClass::DataChange);
  EXPECT_EQ((*q)[41].cls, PrintClass::SuketConversion);
  ASSERT_TRUE(svc_->set_priority("SUKET_CONVERSION,DATA_CHANGE,REPLACEMENT,FIRST_CARD"));
  q = svc_->queue(kOffice, 2);
  ASSERT_EQ(q->size(), 2u);
  EXPECT_EQ((*q)[0].nik, niks_[40]);
  EXPECT_EQ((*q)[1].nik, niks_[41]);
  EXPECT_EQ(svc_->set_priority("FIRST_CARD,FIRST_CARD").error().code, "PRINT_PRIORITY");
  // The class the store keeps (SQL) is the one the core gives the same facts.
  for (const auto& c : store_->print_candidates(kOffice))
    for (PrintClass cls : default_print_priority())
      for (const auto& h : store_->print_queue_head(kOffice, cls, 1000))
        if (h.nik == c.nik) {
          EXPECT_EQ(cls, classify(c)) << c.nik;
        }
}

TEST_P(PrintTest, EveryBlankIsAccountedForAndTheSuketClosesOnPrinting) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 3, kToday, "BAST-1", "op1"));
  auto spoiled = svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "jam", kToday, actor());
  ASSERT_TRUE(spoiled) << spoiled.error().message_en;
  EXPECT_EQ(spoiled->status, EktpStatus::PRR);  // still waiting for a card
  auto printed = svc_->print_card(kOffice, niks_[0], "B-2", "PR-TRK-1", "", kToday, actor());
  ASSERT_TRUE(printed);
  EXPECT_EQ(printed->status, EktpStatus::PRINTED);
  EXPECT_EQ(printed->blanks_left, 1);
  EXPECT_EQ(svc_->print_card(kOffice, niks_[1], "B-2", "PR-TRK-1", "", kToday, actor()).error().field, "reference");  // used
  EXPECT_EQ(svc_->print_card(kOffice, niks_[0], "B-3", "PR-TRK-1", "", kToday, actor()).error().code, "PRINT_NOT_READY");
  EXPECT_EQ(svc_->print_card(kOffice, niks_[42], "B-3", "PR-TRK-1", "", kToday, actor()).error().code, "PRINT_WRONG_OFFICE");
  // The suket holder gets the last blank; the suket closes with the card's serial.
  auto sk = svc_->print_card(kOffice, niks_[40], "B-3", "PR-TRK-1", "", kToday, actor());
  ASSERT_TRUE(sk);
  EXPECT_EQ(sk->blanks_left, 0);
  EXPECT_EQ(svc_->print_card(kOffice, niks_[2], "B-4", "PR-TRK-1", "", kToday, actor()).error().code, "NO_BLANKS");  // none left: what to do next
  auto audit = svc_->audit(kToday);
  EXPECT_EQ(audit.movements, 4);
  EXPECT_TRUE(audit.discrepancies.empty()) << audit.discrepancies[0].code << " " << audit.discrepancies[0].detail;
  // Delivery, and the undelivered list by age.
  auto undelivered = svc_->undelivered(kOffice, kToday, 10);
  ASSERT_TRUE(undelivered);
  EXPECT_EQ(undelivered->size(), 3u);  // the imported PRINTED one, and the two printed today
  EXPECT_GT((*undelivered)[0].days, 0);
  ASSERT_TRUE(svc_->deliver(niks_[0], {}, actor()));
  EXPECT_EQ(svc_->undelivered(kOffice, kToday, 10)->size(), 2u);
  EXPECT_EQ(svc_->deliver(niks_[0], {}, actor()).error().code, "EKTP_TRANSITION");
}

TEST_P(PrintTest, TransfersStockTakesAndTheAuditFindsTamperedBalances) {
  ASSERT_TRUE(svc_->receive_tranche("65", StockItem::BlankCard, 1000, kToday, "TRANCHE-65000", "prov"));
  ASSERT_TRUE(svc_->send_transfer("65", kOffice, "TR-1", StockItem::BlankCard, 400, kToday, "prov"));
  EXPECT_EQ(svc_->send_transfer("65", kOffice, "TR-1", StockItem::BlankCard, 1, kToday, "prov").error().field, "reference");
  EXPECT_EQ(svc_->send_transfer("65", kOffice, "TR-2", StockItem::BlankCard, 601, kToday, "prov").error().field, "quantity");
  auto b = svc_->balances("");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ((*b)[0].blanks, 600);  // 400 in transit are on nobody's shelf
  ASSERT_TRUE(svc_->receive_transfer(kOffice, "TR-1", kToday.plus_days(2), "op1"));
  EXPECT_FALSE(svc_->receive_transfer(kOffice, "TR-1", kToday.plus_days(2), "op1"));
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::Ribbon, 4, kToday, "BAST-R", "op1"));
  ASSERT_TRUE(svc_->consume(kOffice, StockItem::Ribbon, 1, kToday, "ganti ribbon", "op1"));
  EXPECT_EQ(svc_->consume(kOffice, StockItem::BlankCard, 1, kToday, "x", "op1").error().field, "item");
  EXPECT_EQ(svc_->stock_take(kOffice, StockItem::BlankCard, 398, kToday, "", "op1").error().field, "reason");
  ASSERT_TRUE(svc_->stock_take(kOffice, StockItem::BlankCard, 398, kToday, "hitung fisik", "op1"));
  ASSERT_TRUE(svc_->return_stock(kOffice, StockItem::BlankCard, 8, kToday, "retur rusak pabrik", "op1"));
  b = svc_->balances(kOffice);
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ((*b)[0].blanks, 390);
  EXPECT_EQ((*b)[0].ribbons, 3);
  EXPECT_TRUE(svc_->audit(kToday).discrepancies.empty());
  // Somebody edits a balance behind the ledger's back (plain SQL): the audit names it.
  raw_sql(location_, "UPDATE stock_balances SET balance = balance + 50 WHERE account = 'office:65.71' AND item = 'blangko'");
  auto audit = svc_->audit(kToday);
  ASSERT_EQ(audit.discrepancies.size(), 1u);
  EXPECT_EQ(audit.discrepancies[0].code, "BALANCE_CACHE");
  EXPECT_EQ(audit.discrepancies[0].account, "office:65.71");
  raw_sql(location_, "UPDATE stock_balances SET balance = balance - 51 WHERE account = 'office:65.71' AND item = 'blangko'");
  raw_sql(location_, "UPDATE stock_balances SET balance = balance + 1 WHERE account = 'adjustment' AND item = 'blangko'");
  // ... and a blank booked without its print job.
  raw_sql(location_, "INSERT INTO stock_movements (kind, item, debit, credit, quantity, on_date, reference, reason, actor, at)"
                     " VALUES ('printed', 'blangko', 'printed', 'office:65.71', 1, '2026-11-20', 'B-X', '', 'db', 'x')");
  raw_sql(location_, "UPDATE stock_balances SET balance = balance + 1 WHERE account = 'printed' AND item = 'blangko'");
  raw_sql(location_, "UPDATE stock_balances SET balance = balance + 1 WHERE account = 'adjustment' AND item = 'blangko'");
  raw_sql(location_, "UPDATE stock_balances SET balance = balance - 1 WHERE account = 'adjustment' AND item = 'blangko'");
  audit = svc_->audit(kToday);
  ASSERT_FALSE(audit.discrepancies.empty());
  std::set<std::string> codes;
  for (const auto& d : audit.discrepancies) codes.insert(d.code);
  EXPECT_TRUE(codes.count("PRINT_JOBS_VS_BLANKS")) << audit.discrepancies[0].code;
  auto f = svc_->forecast(kOffice, kToday);
  ASSERT_TRUE(f);
  ASSERT_EQ(f->size(), 1u);
  EXPECT_EQ((*f)[0].backlog, 41);
  EXPECT_EQ((*f)[0].blanks, 389);
  EXPECT_EQ((*f)[0].ribbon_cards, 3 * 250);
  EXPECT_FALSE((*f)[0].blank_days_left);  // nothing printed in the window
}

TEST_P(PrintTest, SuketOnlyWithoutBlanksSignedVerifiableAndForgeryFails) {
  // Blanks for the queue and a working printer: print, don't hand out paper.
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 50, kToday, "BAST-1", "op1"));
  EXPECT_EQ(svc_->issue_suket(niks_[3], kOffice, kToday, false, actor()).error().code, "SUKET_NOT_NEEDED");
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::InRepair, "", std::nullopt, "", kNow));
  auto issued = svc_->issue_suket(niks_[3], kOffice, kToday, false, actor());
  ASSERT_TRUE(issued) << issued.error().message_en;
  EXPECT_EQ(issued->suket.expires, (Date{2027, 5, 20}));  // 6 months by default
  EXPECT_EQ(store_->ektp_record(niks_[3])->status, EktpStatus::SUKET);
  // Offline: the office's public key alone checks the token.
  auto offline = verify_suket_token(issued->suket.token, from_hex(issued->public_key_hex));
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->nik, niks_[3]);
  auto check = svc_->verify_suket(issued->suket.token, kToday);
  EXPECT_TRUE(check.valid) << check.verdict;
  EXPECT_EQ(svc_->verify_suket(issued->suket.token, Date{2027, 5, 21}).verdict, "EXPIRED");
  // A forged token: the same payload with another NIK, signed by another key, or altered.
  SuketPayload forged = *offline;
  forged.nik = niks_[4];
  const SignKeyPair other = make_sign_key_pair();
  EXPECT_EQ(svc_->verify_suket(sign_suket_token(forged, other.secret_key), kToday).verdict, "FORGED");
  std::string altered = issued->suket.token;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(svc_->verify_suket(altered, kToday).valid);
  EXPECT_EQ(svc_->verify_suket("garbage", kToday).verdict, "UNREADABLE");
  // Numbers count up per office and day; a second suket for a SUKET record is refused.
  auto second = svc_->issue_suket(niks_[5], kOffice, kToday, false, actor());
  ASSERT_TRUE(second);
  EXPECT_NE(second->suket.number, issued->suket.number);
  EXPECT_EQ(svc_->issue_suket(niks_[3], kOffice, kToday, true, actor()).error().code, "EKTP_TRANSITION");
  // Printing the card closes it; the token then says CLOSED.
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::Active, "", std::nullopt, "", kNow));
  auto card = svc_->print_card(kOffice, niks_[3], "B-77", "PR-TRK-1", "", kToday, actor());
  ASSERT_TRUE(card);
  EXPECT_EQ(card->closed_suket, issued->suket.number);
  EXPECT_EQ(svc_->verify_suket(issued->suket.token, kToday).verdict, "CLOSED");
  EXPECT_EQ(svc_->sukets(kOffice, true, 10)->size(), 1u);   // #2 is open (the imported SUKET had no paper)
  EXPECT_EQ(svc_->sukets(kOffice, false, 10)->size(), 2u);
}

// Issue [11]: a deceased resident stayed first in the print queue, got a card, and a suket that
// verified VALID. The death closes the e-KTP record (CANCELLED, with the reason in its history)
// and the open suket, in the death's transaction; the counters stay equal to a rebuild.
TEST_P(PrintTest, DeathClosesTheRecordTheQueueAndTheSuket) {
  CoverageService coverage(*store_, test::wilayah());
  coverage.rebuild(kToday);
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 5, kToday, "BAST-1", "op1"));
  const std::string first = (*svc_->queue(kOffice, 1))[0].nik;  // a PRR resident first in the queue
  const std::string holder = first == niks_[3] ? niks_[4] : niks_[3];
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::InRepair, "", std::nullopt, "", kNow));
  auto issued = svc_->issue_suket(holder, kOffice, kToday, false, actor());  // a suket before the death
  ASSERT_TRUE(issued) << issued.error().message_en;
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::Active, "", std::nullopt, "", kNow));
  EXPECT_EQ(svc_->queue(kOffice, 100)->size(), 41u);

  RegistryService registry(*store_, test::wilayah());
  const Actor clerk{"op2", kNow, kToday};
  for (const auto& nik : {first, holder}) {
    auto dead = registry.record_death(nik, DeathEvent{kToday}, clerk, "akta kematian");
    ASSERT_TRUE(dead) << dead.error().message_en;
    EXPECT_EQ(store_->ektp_record(nik)->status, EktpStatus::CANCELLED);
    const auto last = store_->ektp_history(nik).back();
    EXPECT_EQ(last.event, "decease");
    EXPECT_EQ(last.reason, "meninggal dunia " + kToday.iso());
    EXPECT_EQ(last.operator_id, "op2");
  }
  auto q = svc_->queue(kOffice, 100);
  ASSERT_EQ(q->size(), 39u);
  for (const auto& e : *q) EXPECT_TRUE(e.nik != first && e.nik != holder) << e.nik;

  auto card = svc_->print_card(kOffice, first, "B-1", "PR-TRK-1", "", kToday, actor());
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, "RESIDENT_DECEASED");
  EXPECT_NE(card.error().message_en.find(first), std::string::npos);
  EXPECT_EQ(svc_->print_card(kOffice, holder, "B-1", "PR-TRK-1", "", kToday, actor()).error().code, "RESIDENT_DECEASED");
  EXPECT_EQ(svc_->issue_suket(first, kOffice, kToday, true, actor()).error().code, "RESIDENT_DECEASED");
  auto check = svc_->verify_suket(issued->suket.token, kToday);
  EXPECT_FALSE(check.valid);
  EXPECT_EQ(check.verdict, "DECEASED");
  EXPECT_EQ(store_->suket(issued->suket.number)->status, "closed");
  EXPECT_EQ(svc_->sukets(kOffice, true, 10)->size(), 0u);
  EXPECT_EQ(svc_->balances(kOffice)->at(0).blanks, 5);  // no blank went to the dead
  // An officer cannot fire the death's event; a second death is refused and changes nothing.
  EktpService ektp(*store_, test::wilayah());
  EXPECT_EQ(ektp.transition(niks_[5], EktpEvent::Decease, actor(), "x").error().code, "EKTP_TRANSITION");
  EXPECT_EQ(registry.record_death(first, DeathEvent{kToday}, clerk, "").error().code, "RESIDENT_DEAD");

  // The counters kept by the writes equal a rebuild from the records.
  const auto kept = store_->coverage_rows("", 0);
  coverage.rebuild(kToday);
  const auto rebuilt = store_->coverage_rows("", 0);
  ASSERT_EQ(kept.size(), rebuilt.size());
  for (const auto& [code, c] : rebuilt) EXPECT_EQ(kept.at(code), c) << code;

  // Even a record put back to PRR behind the service's back prints no card for the dead.
  raw_sql(location_, "UPDATE ektp_records SET status = 'PRR' WHERE nik = '" + first + "'");
  EXPECT_EQ(svc_->print_card(kOffice, first, "B-1", "PR-TRK-1", "", kToday, actor()).error().code, "RESIDENT_DECEASED");
}

// Issue [11]: suket holders were printed last by default. They come first unless the office
// turns print.suket_first off; the configured priority orders the rest.
TEST_P(PrintTest, SuketHoldersArePrintedFirstByDefault) {
  auto q = svc_->queue(kOffice, 100);
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 41u);
  EXPECT_EQ((*q)[0].nik, niks_[40]);
  EXPECT_EQ((*q)[0].cls, PrintClass::SuketConversion);
  EXPECT_EQ((*q)[1].cls, PrintClass::FirstCard);
  EXPECT_EQ(store_->print_queue_place(kOffice, niks_[40], svc_->serving_order()), 1);
  EXPECT_EQ(svc_->set_setting("print.suket_first", "maybe").error().code, "SETTING_VALUE");
  ASSERT_TRUE(svc_->set_setting("print.suket_first", "false"));
  q = svc_->queue(kOffice, 100);
  EXPECT_EQ(q->back().nik, niks_[40]);
  EXPECT_EQ(store_->print_queue_place(kOffice, niks_[40], svc_->serving_order()), 41);
  // The place the store counts is the index in the queue the service lists.
  for (size_t i = 0; i < q->size(); i += 7) EXPECT_EQ(store_->print_queue_place(kOffice, (*q)[i].nik, svc_->serving_order()), int64_t(i + 1));
  EXPECT_FALSE(store_->print_queue_place(kOffice, niks_[41], svc_->serving_order()));  // PRINTED: not queued
}

// Issue [11]: a suket was refused while the office "still had blanks" although 22 days of queue
// were ahead. The rule reads the expected print date: place / printers' cards a day, within the
// stock on hand; more than suket.min_wait_days (14) away, or no date at all, and a suket is issued.
TEST_P(PrintTest, SuketRuleUsesTheExpectedWaitNotTheBareStock) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 100, kToday, "BAST-1", "op1"));
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::Broken, "", std::nullopt, "", kNow));
  Printer slow;
  slow.serial = "PR-TRK-2", slow.office = kOffice, slow.model = "Fargo", slow.cards_per_day = 2;
  ASSERT_TRUE(svc_->add_printer(slow, kNow));
  // niks_[0] is second (after the suket holder): printed today.
  auto soon = svc_->expected_print(niks_[0], kOffice, kToday);
  ASSERT_TRUE(soon);
  EXPECT_EQ(soon->place, 2);
  EXPECT_EQ(soon->days, 0);
  auto refused = svc_->issue_suket(niks_[0], kOffice, kToday, false, actor());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "SUKET_NOT_NEEDED");
  EXPECT_NE(refused.error().message_id.find("2026-11-20"), std::string::npos) << refused.error().message_id;
  EXPECT_NE(refused.error().message_id.find("nomor antrean 2"), std::string::npos) << refused.error().message_id;
  // niks_[27] waits longest in its class: place 41, 20 days at 2 cards a day, blanks enough.
  auto late = svc_->expected_print(niks_[27], kOffice, kToday);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->place, 41);
  EXPECT_EQ(late->days, 20);
  EXPECT_EQ(late->date, (Date{2026, 12, 10}));
  auto issued = svc_->issue_suket(niks_[27], kOffice, kToday, false, actor());
  ASSERT_TRUE(issued) << issued.error().message_en;
  EXPECT_EQ(store_->ektp_history(niks_[27]).back().reason, "perkiraan cetak 2026-12-10, antrean 41");
  // niks_[27] now holds a suket and is served first: niks_[26] is last (41), 20 days ahead. A
  // longer limit refuses it, and says the date.
  ASSERT_TRUE(svc_->set_setting("suket.min_wait_days", "30"));
  auto within = svc_->issue_suket(niks_[26], kOffice, kToday, false, actor());
  ASSERT_FALSE(within);
  EXPECT_NE(within.error().message_en.find("2026-12-10"), std::string::npos) << within.error().message_en;
  EXPECT_TRUE(svc_->issue_suket(niks_[26], kOffice, kToday, true, actor()));  // force stays possible
  // Stock short of the resident's place: no date, a suket.
  ASSERT_TRUE(svc_->stock_take(kOffice, StockItem::BlankCard, 10, kToday, "hitung ulang", "op1"));
  auto short_stock = svc_->expected_print(niks_[25], kOffice, kToday);
  EXPECT_FALSE(short_stock->days);
  EXPECT_EQ(short_stock->why_unknown, "stock");
  EXPECT_TRUE(svc_->issue_suket(niks_[25], kOffice, kToday, false, actor()));
  EXPECT_EQ(svc_->set_setting("suket.min_wait_days", "-1").error().code, "SETTING_VALUE");
}

// Issue [11]: 4,110 of 10,550 sukets had passed their six months and nothing showed it. Expiry is
// counted per office, an expired (or soon expiring) suket is renewed under a new number, the old
// one marked RENEWED; verification of an expired one says EXPIRED.
TEST_P(PrintTest, SuketExpiryIsCountedAndRenewalReplacesTheNumber) {
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::InRepair, "", std::nullopt, "", kNow));
  auto a = svc_->issue_suket(niks_[3], kOffice, kToday, false, actor());
  auto b = svc_->issue_suket(niks_[4], kOffice, Date{2026, 12, 20}, false, actor());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->suket.expires, (Date{2027, 5, 20}));
  const Date later{2027, 6, 1};
  auto rows = svc_->suket_expiry(kOffice, later);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].office, kOffice);
  EXPECT_EQ((*rows)[0].open, 2);
  EXPECT_EQ((*rows)[0].expired, 1);   // a ended on 20 May
  EXPECT_EQ((*rows)[0].expiring, 1);  // b ends on 20 June, within 30 days
  EXPECT_EQ(svc_->suket_expiry("65", later)->at(0).expired, 1);  // the province sees its offices
  ASSERT_EQ(svc_->expired_sukets(kOffice, later, 10)->size(), 1u);
  EXPECT_EQ(svc_->verify_suket(a->suket.token, later).verdict, "EXPIRED");

  EXPECT_EQ(svc_->renew_suket(a->suket.number, kToday, actor()).error().code, "SUKET_RENEW_TOO_EARLY");
  auto renewed = svc_->renew_suket(a->suket.number, later, actor());
  ASSERT_TRUE(renewed) << renewed.error().message_en;
  EXPECT_NE(renewed->suket.number, a->suket.number);
  EXPECT_EQ(renewed->suket.nik, niks_[3]);
  EXPECT_EQ(renewed->suket.issued, later);
  EXPECT_EQ(renewed->suket.expires, (Date{2027, 12, 1}));
  const auto old = store_->suket(a->suket.number);
  EXPECT_EQ(old->status, "renewed");
  EXPECT_EQ(old->renewed_to, renewed->suket.number);
  EXPECT_EQ(svc_->verify_suket(a->suket.token, later).verdict, "RENEWED");
  EXPECT_TRUE(svc_->verify_suket(renewed->suket.token, later).valid);
  EXPECT_EQ(svc_->renew_suket(a->suket.number, later, actor()).error().code, "SUKET_NOT_RENEWABLE");
  EXPECT_EQ(store_->open_suket_of(niks_[3])->number, renewed->suket.number);
  EXPECT_EQ(store_->ektp_record(niks_[3])->status, EktpStatus::SUKET);  // still waiting for the card
  rows = svc_->suket_expiry(kOffice, later);
  EXPECT_EQ((*rows)[0].open, 2);
  EXPECT_EQ((*rows)[0].expired, 0);
  // Printing the card closes the renewed suket.
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::Active, "", std::nullopt, "", kNow));
  // (dated today: a print job is never dated in the future, whatever day the renewal was tried on)
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 1, kToday, "BAST-2", "op1"));
  auto printed = svc_->print_card(kOffice, niks_[3], "B-9", "PR-TRK-1", "", kToday, actor());
  ASSERT_TRUE(printed) << printed.error().message_en;
  EXPECT_EQ(printed->closed_suket, renewed->suket.number);
}

// Issue [11]: the QR held a bare token and the footer asked for a CLI command. It now holds the
// office's public address /v/<token>; the public view shows the status, the number, the name
// masked and the office, never the NIK; the same token still verifies offline with the key.
TEST_P(PrintTest, SuketQrOpensThePublicPageAndStillVerifiesOffline) {
  EXPECT_EQ(svc_->set_setting("office.public_url", "javascript:alert(1)").error().code, "SETTING_VALUE");
  ASSERT_TRUE(svc_->set_setting("office.public_url", "https://dukcapil.example/"));
  ASSERT_TRUE(svc_->set_setting("office.public_url.65.71", "https://disdukcapil.tarakankota.example"));
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::InRepair, "", std::nullopt, "", kNow));
  auto s = svc_->issue_suket(niks_[3], kOffice, kToday, false, actor());
  ASSERT_TRUE(s);
  auto doc = svc_->suket_document(s->suket.number, "http://127.0.0.1:8080");
  ASSERT_TRUE(doc);
  const std::string url = "https://disdukcapil.tarakankota.example/v/" + s->suket.token;
  EXPECT_EQ(doc->verify_url, url);
  auto offline = verify_suket_token(suket_token_of(url), from_hex(s->public_key_hex));
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->number, s->suket.number);
  auto v = svc_->public_suket(url, kToday);
  EXPECT_EQ(v.status, "VALID");
  EXPECT_EQ(v.number, s->suket.number);
  EXPECT_EQ(v.masked_name, "W**** A*");  // WARGA AD
  EXPECT_EQ(v.office_name, test::wilayah().find(kOffice)->name);
  EXPECT_EQ(v.valid_until, (Date{2027, 5, 20}));
  EXPECT_EQ(svc_->public_suket(s->suket.token, Date{2027, 5, 21}).status, "EXPIRED");
  std::string altered = s->suket.token;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  const auto forged = svc_->public_suket(altered, kToday);
  EXPECT_EQ(forged.status, "INVALID");
  EXPECT_TRUE(forged.number.empty());
  // Another office falls back to the province-wide address; none set: the server's own.
  EXPECT_EQ(svc_->public_url("65.02"), "https://dukcapil.example");
  EXPECT_EQ(mask_name("SITI  WAHYUNI"), "S***  W******");
  EXPECT_EQ(mask_name("ÉLISE"), "É****");
}

// Issue [11]: migrated records in SUKET had no suket number. Migration 20, run on a database
// holding them, numbers each in its office's series (the day it entered SUKET), valid six months
// (clamped to the month's end), and the series continues after them; the first PDF signs it.
TEST_P(PrintTest, MigrationNumbersSuketsThatHadNone) {
  raw_sql(location_, "UPDATE ektp_records SET since = '2026-08-31T09:00:00Z' WHERE nik IN ('" + niks_[40] + "')");
  raw_sql(location_, "UPDATE ektp_records SET status = 'SUKET', since = '2026-08-31T10:00:00Z' WHERE nik = '" + niks_[39] + "'");
  raw_sql(location_, "UPDATE ektp_records SET status = 'SUKET', since = '2026-09-02T10:00:00Z' WHERE nik = '" + niks_[38] + "'");
  // Back to the schema before the migration, as a database of an older release.
  raw_sql(location_, "DROP INDEX sukets_expiry");
  raw_sql(location_, "ALTER TABLE sukets DROP COLUMN renewed_to");
  for (const char* column : {"office", "officer", "issued_at"})
    raw_sql(location_, std::string("ALTER TABLE birth_certificates DROP COLUMN ") + column);
  raw_sql(location_, "DELETE FROM schema_migrations WHERE name = 'suket_renewal'");
  svc_.reset();
  store_ = open_store(location_);
  svc_ = std::make_unique<PrintService>(*store_, test::wilayah());
  auto all = svc_->sukets(kOffice, true, 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  std::map<std::string, SuketRecord> by;
  for (const auto& s : *all) by[s.nik] = s;
  EXPECT_EQ(by.at(niks_[40]).number, "SKT-6571-20260831-000001");  // the smaller NIK first
  EXPECT_EQ(by.at(niks_[39]).number, "SKT-6571-20260831-000002");
  EXPECT_EQ(by.at(niks_[38]).number, "SKT-6571-20260902-000001");
  EXPECT_EQ(by.at(niks_[40]).expires, (Date{2027, 2, 28}));  // 31 Aug + 6 months
  EXPECT_EQ(by.at(niks_[38]).expires, (Date{2027, 3, 2}));
  EXPECT_EQ(by.at(niks_[40]).operator_id, "migration");
  EXPECT_TRUE(by.at(niks_[40]).token.empty());
  // The series goes on: the next suket of that day takes 000003.
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::InRepair, "", std::nullopt, "", kNow));
  auto next = svc_->issue_suket(niks_[0], kOffice, Date{2026, 8, 31}, false, actor());
  ASSERT_TRUE(next) << next.error().message_en;
  EXPECT_EQ(next->suket.number, "SKT-6571-20260831-000003");
  // Its first PDF signs it; the token verifies, and on the server's date it has expired.
  auto doc = svc_->suket_document(by.at(niks_[40]).number, "");
  ASSERT_TRUE(doc);
  ASSERT_FALSE(doc->suket.token.empty());
  EXPECT_EQ(store_->suket(by.at(niks_[40]).number)->token, doc->suket.token);
  EXPECT_EQ(svc_->verify_suket(doc->suket.token, kToday).verdict, "VALID");
  EXPECT_EQ(svc_->verify_suket(doc->suket.token, Date{2027, 3, 1}).verdict, "EXPIRED");
  EXPECT_EQ(svc_->suket_expiry(kOffice, Date{2027, 3, 1})->at(0).expired, 3);  // all but niks_[38]'s
  // Reopening migrates nothing twice.
  store_ = open_store(location_);
  EXPECT_EQ(store_->sukets(kOffice, false, 10).size(), 4u);
}

// Issue [11]: "where is my KTP?" answered with a bare status code. It speaks plain Indonesian:
// the status in words, where to collect, the place in the queue with a date, the suket and its
// expiry, and what to do when the record is stuck.
TEST_P(PrintTest, WhereIsMyKtpSpeaksPlainIndonesian) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 100, kToday, "BAST-1", "op1"));
  ASSERT_TRUE(svc_->set_setting("office.address.65.71", "Jl. Jenderal Sudirman No. 76, Tarakan"));
  const std::string office = "Disdukcapil " + test::wilayah().find(kOffice)->name;
  auto prr = answer_where_is_my_ktp(*store_, test::wilayah(), niks_[0], kToday);
  EXPECT_EQ(prr.status, "PRR");
  EXPECT_EQ(prr.office, kOffice);
  EXPECT_EQ(prr.office_address, "Jl. Jenderal Sudirman No. 76, Tarakan");
  ASSERT_TRUE(prr.wait);
  EXPECT_EQ(prr.wait->place, 2);
  EXPECT_NE(prr.words_id.find("menunggu giliran cetak di " + office + ", Jl. Jenderal Sudirman"), std::string::npos) << prr.words_id;
  EXPECT_NE(prr.words_id.find("Nomor antrean cetak Anda 2; perkiraan dicetak 20 November 2026"), std::string::npos) << prr.words_id;
  EXPECT_TRUE(prr.advice_id.empty());

  auto printed = answer_where_is_my_ktp(*store_, test::wilayah(), niks_[41], kToday);
  EXPECT_EQ(printed.status, "PRINTED");
  EXPECT_NE(printed.words_id.find("sudah dicetak dan dapat diambil di " + office), std::string::npos) << printed.words_id;
  EXPECT_NE(printed.advice_id.find("surat kuasa"), std::string::npos);

  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::InRepair, "", std::nullopt, "", kNow));
  auto s = svc_->issue_suket(niks_[5], kOffice, kToday, false, actor());
  ASSERT_TRUE(s);
  auto holder = answer_where_is_my_ktp(*store_, test::wilayah(), niks_[5], kToday);
  EXPECT_EQ(holder.status, "SUKET");
  ASSERT_TRUE(holder.suket);
  EXPECT_NE(holder.words_id.find("suket) nomor " + s->suket.number + " yang berlaku sampai 20 Mei 2027"), std::string::npos) << holder.words_id;
  EXPECT_NE(holder.words_id.find("belum dapat diperkirakan"), std::string::npos) << holder.words_id;  // no printer today
  auto expired = answer_where_is_my_ktp(*store_, test::wilayah(), niks_[5], Date{2027, 6, 1});
  EXPECT_TRUE(expired.suket_expired);
  EXPECT_NE(expired.advice_id.find("memperpanjangnya"), std::string::npos) << expired.advice_id;

  // A record stuck in SFE for more than 30 days: come in, with what to bring.
  raw_sql(location_, "UPDATE ektp_records SET status = 'SFE', since = '2026-09-15T08:00:00Z' WHERE nik = '" + niks_[6] + "'");
  auto stuck = answer_where_is_my_ktp(*store_, test::wilayah(), niks_[6], kToday);
  EXPECT_TRUE(stuck.stuck);
  EXPECT_EQ(stuck.days_in_status, 66);
  EXPECT_NE(stuck.advice_id.find("Data Anda sudah 66 hari pada tahap ini. Datang ke " + office), std::string::npos) << stuck.advice_id;
  EXPECT_NE(stuck.advice_id.find("Kartu Keluarga (KK) asli"), std::string::npos);
  EXPECT_FALSE(stuck.advice_en.empty());
}

// Processes that print at once never take one blank twice, nor more blanks than there are.
TEST_P(PrintTest, ConcurrentPrintJobsNeverUseOneBlankTwice) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 30, kToday, "BAST-1", "op1"));
  constexpr int kWorkers = 4;
  std::atomic<int> ok{0}, refused{0}, failed{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w)
    workers.emplace_back([&, w] {
      auto store = open_store(location_);  // its own connection, as another process would have
      PrintService svc(*store, test::wilayah());
      // Every worker tries every record with serials from one shared pool of 45 blanks.
      for (int i = 0; i < 40; ++i) {
        const std::string serial = "B-" + std::to_string((i * 7 + w * 3) % 45);
        try {
          auto r = svc.print_card(kOffice, niks_[static_cast<size_t>(i)], serial, "PR-TRK-1", (i + w) % 9 == 0 ? "overheating" : "", kToday,
                                  {"op" + std::to_string(w), "desk", kNow});
          (r ? ok : refused)++;
        } catch (const StoreError&) {
          failed++;  // a serialisation conflict the store reports; nothing is written
        }
      }
    });
  for (auto& t : workers) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), 30);  // exactly the blanks there were
  std::set<std::string> serials;
  int64_t jobs = 0;
  for (const auto& j : store_->print_jobs(kOffice, 1000)) {
    EXPECT_TRUE(serials.insert(j.card_serial).second) << j.card_serial << " used twice";
    ++jobs;
  }
  EXPECT_EQ(jobs, 30);
  EXPECT_EQ(store_->stock_balance("office:65.71", StockItem::BlankCard, false), 0);
  EXPECT_TRUE(svc_->audit(kToday).discrepancies.empty());
}

TEST_P(PrintTest, PlanComesFromTheStore) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 20, kToday, "BAST-1", "op1"));
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::Ribbon, 1, kToday, "BAST-R", "op1"));
  ASSERT_TRUE(svc_->expect_tranche("65", kToday.plus_days(5), 100, "TRANCHE-2"));
  Printer p;
  p.serial = "PR-TJS-1", p.office = "65.02", p.cards_per_day = 10;
  ASSERT_TRUE(svc_->add_printer(p, kNow));
  auto plan = svc_->plan("65", PlannerPolicy{}, kToday);
  ASSERT_TRUE(plan) << plan.error().message_en;
  EXPECT_EQ(plan->backlog, 42);  // 41 in Tarakan + 1 in Tanjung Selor
  EXPECT_EQ(plan->capacity_per_day, 210);
  EXPECT_EQ(plan->blanks, 20);
  EXPECT_EQ(plan->tranche_blanks, 100);
  EXPECT_NEAR(plan->pooled_days, 42.0 / 210.0, 1e-9);
  ASSERT_TRUE(plan->plan_days);
  EXPECT_GE(*plan->plan_days, 5.0);  // 22 cards wait for the tranche on day 5
  EXPECT_EQ(svc_->plan("65.71", PlannerPolicy{}, kToday).error().field, "province");
}

// Property on the real store: random office operations through the service and the same
// operations on the in-memory ledger agree on every accept/refuse and on every balance, and the
// audit of the stored movements stays clean.
TEST_P(PrintTest, StoredLedgerAgreesWithTheInMemoryLedgerUnderRandomOperations) {
  const std::string offices[] = {"65", "65.01", "65.02", "65.71"};
  Rng rng(20261122);
  StockLedger mem;
  std::vector<std::pair<std::string, std::string>> transit;  // id, destination
  for (int op = 0; op < 250; ++op) {
    const std::string o = offices[rng.below(4)];
    const auto item = static_cast<StockItem>(rng.below(3));
    const int64_t qty = rng.between(1, 400);
    const std::string ref = "R" + std::to_string(op);
    bool stored = false, memory = false;
    switch (rng.below(6)) {
      case 0:
        stored = svc_->receive_tranche(o, item, qty, kToday, ref, "t").ok();
        memory = mem.receive_tranche(o, item, qty, kToday, ref).ok();
        break;
      case 1: {
        const std::string to = offices[rng.below(4)];
        stored = svc_->send_transfer(o, to, ref, item, qty, kToday, "t").ok();
        memory = mem.send_transfer(o, ref, item, qty, kToday).ok();
        if (stored) transit.emplace_back(ref, to);
        break;
      }
      case 2:
        if (transit.empty()) continue;
        stored = svc_->receive_transfer(transit.back().second, transit.back().first, kToday, "t").ok();
        memory = mem.receive_transfer(transit.back().second, transit.back().first, kToday).ok();
        transit.pop_back();
        break;
      case 3:
        stored = svc_->consume(o, item, qty % 7 + 1, kToday, ref, "t").ok();
        memory = mem.consume(o, item, qty % 7 + 1, kToday, ref).ok();
        break;
      case 4:
        stored = svc_->return_stock(o, item, qty, kToday, ref, "t").ok();
        memory = mem.return_to_centre(o, item, qty, kToday, ref).ok();
        break;
      default: {
        const int64_t counted = rng.between(0, 600);
        stored = svc_->stock_take(o, item, counted, kToday, "hitung", "t").ok();
        memory = mem.stock_take(o, item, counted, kToday, "hitung").ok();
      }
    }
    ASSERT_EQ(stored, memory) << "operation " << op << " accepted by one ledger and refused by the other";
  }
  for (const auto& b : store_->stock_balances("")) EXPECT_EQ(b.balance, mem.balance(b.account, b.item)) << b.account;
  for (const auto& o : offices)
    for (auto item : {StockItem::BlankCard, StockItem::Ribbon, StockItem::CleaningKit})
      EXPECT_EQ(store_->stock_balance(office_account(o), item, false), mem.on_hand(o, item));
  EXPECT_TRUE(svc_->audit(kToday).discrepancies.empty());
}

// [11] A print is dated on or after the day the record became PRR, and not in the future.
TEST_P(PrintTest, APrintDatedBeforeTheRecordBecamePrrIsRefused) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 5, kToday, "BAST-1", "op1"));
  // niks_[0] became PRR on 2026-10-01 (imported history).
  auto early = svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "", Date{2026, 9, 30}, actor());
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "PRINT_BEFORE_PRR");
  EXPECT_EQ(early.error().field, "date");
  EXPECT_NE(early.error().message_en.find("2026-10-01"), std::string::npos) << early.error().message_en;
  auto future = svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "", kToday.plus_days(1), actor());
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().code, "DATE_IN_FUTURE");
  EXPECT_EQ(svc_->balances(kOffice)->at(0).blanks, 5);  // nothing booked by the refusals
  ASSERT_TRUE(svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "", Date{2026, 10, 1}, actor()));
}

// [11] The hand-over names the office, the officer and who collected the card.
TEST_P(PrintTest, DeliveryRecordsTheOfficeTheOfficerAndTheCollector) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 5, kToday, "BAST-1", "op1"));
  ASSERT_TRUE(svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "", Date{2026, 11, 10}, actor()));
  ASSERT_TRUE(svc_->print_card(kOffice, niks_[1], "B-2", "PR-TRK-1", "", Date{2026, 11, 10}, actor()));
  // Every problem of the request at once.
  auto bad = svc_->deliver(niks_[0], {"", "REPRESENTATIVE", "", "", Date{2026, 11, 9}}, actor());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "representative_name");
  EXPECT_NE(bad.error().message_en.find("representative_nik"), std::string::npos) << bad.error().message_en;
  EXPECT_NE(bad.error().message_en.find("2026-11-10"), std::string::npos) << bad.error().message_en;  // the print day
  EXPECT_EQ(svc_->deliver(niks_[0], {"", "REPRESENTATIVE", "SITI", "1234", kToday}, actor()).error().field, "representative_nik");
  EXPECT_EQ(svc_->deliver(niks_[0], {"65.02", "SELF", "", "", kToday}, actor()).error().code, "DELIVERY_WRONG_OFFICE");
  EXPECT_EQ(svc_->deliver(niks_[0], {"", "SELF", "", "", kToday.plus_days(1)}, actor()).error().code, "DATE_IN_FUTURE");
  EXPECT_EQ(store_->ektp_record(niks_[0])->status, EktpStatus::PRINTED);  // refusals change nothing
  EXPECT_FALSE(svc_->delivery_of(niks_[0]));
  // A representative with a valid NIK (here a registered neighbour).
  auto done = svc_->deliver(niks_[0], {"", "representative", "SITI AMINAH", niks_[5], Date{2026, 11, 12}}, actor());
  ASSERT_TRUE(done) << done.error().message_en;
  EXPECT_EQ(done->record.status, EktpStatus::DELIVERED);
  auto d = svc_->delivery_of(niks_[0]);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->office, kOffice);
  EXPECT_EQ(d->officer, "op1");
  EXPECT_EQ(d->collector, "REPRESENTATIVE");
  EXPECT_EQ(d->representative_name, "SITI AMINAH");
  EXPECT_EQ(d->representative_nik, niks_[5]);
  EXPECT_EQ(d->card_serial, "B-1");
  EXPECT_EQ(d->on, (Date{2026, 11, 12}));
  const auto history = store_->ektp_history(niks_[0]);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().event, "deliver");
  EXPECT_EQ(history.back().operator_id, "op1");
  EXPECT_NE(history.back().reason.find("SITI AMINAH (NIK " + niks_[5] + ")"), std::string::npos) << history.back().reason;
  EXPECT_NE(history.back().reason.find(kOffice), std::string::npos);
  // The resident in person, today at the home office by default.
  ASSERT_TRUE(svc_->deliver(niks_[1], {}, actor()));
  d = svc_->delivery_of(niks_[1]);
  EXPECT_EQ(d->collector, "SELF");
  EXPECT_EQ(d->office, kOffice);
  EXPECT_EQ(d->on, kToday);
  EXPECT_TRUE(d->representative_nik.empty());
}

// [11] The plan's sharing is a real operation: Tarakan prints the card of the resident in 65.02, ships it, and
// it is handed over at home.
TEST_P(PrintTest, ThePlansSharingPairIsExecutedEndToEnd) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 50, kToday, "BAST-1", "op1"));
  auto plan = svc_->plan("65", PlannerPolicy{}, kToday);
  ASSERT_TRUE(plan) << plan.error().message_en;
  const PrintShare* share = nullptr;
  for (const auto& s : plan->shares)
    if (s.for_office == "65.02") share = &s;
  ASSERT_NE(share, nullptr) << "the plan has 65.02's record printed elsewhere";
  EXPECT_EQ(share->printer_office, kOffice);
  ASSERT_EQ(share->cards, 1);
  const std::string a = share->printer_office, b = share->for_office, nik = niks_[42];
  // The printing office's view of the owning office's queue.
  auto q = svc_->queue(a, 10, b);
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].nik, nik);
  // Without naming the owning office the job is still refused; a wrong owner too.
  EXPECT_EQ(svc_->print_card(a, nik, "B-S1", "PR-TRK-1", "", kToday, actor()).error().code, "PRINT_WRONG_OFFICE");
  EXPECT_EQ(svc_->print_card(a, nik, "B-S1", "PR-TRK-1", "", kToday, actor(), "65.03").error().code, "PRINT_FOR_OFFICE_MISMATCH");
  auto printed = svc_->print_card(a, nik, "B-S1", "PR-TRK-1", "", kToday, actor(), b);
  ASSERT_TRUE(printed) << printed.error().message_en;
  EXPECT_EQ(printed->status, EktpStatus::PRINTED);
  EXPECT_EQ(printed->blanks_left, 49);  // the printing office's blank
  EXPECT_EQ(store_->print_jobs(a, 1).at(0).nik, nik);
  EXPECT_TRUE(svc_->audit(kToday).discrepancies.empty());
  // Not handed over before it arrives, and only at home.
  EXPECT_EQ(svc_->deliver(nik, {}, actor()).error().code, "CARD_NOT_ARRIVED");
  EXPECT_EQ(svc_->deliver(nik, {a, "SELF", "", "", kToday}, actor()).error().code, "DELIVERY_WRONG_OFFICE");
  EXPECT_EQ(*svc_->receive_cards(b, a, kToday, actor()), 0);  // nothing shipped yet
  EXPECT_EQ(*svc_->ship_cards(a, b, kToday, actor()), 1);
  EXPECT_EQ(*svc_->ship_cards(a, b, kToday, actor()), 0);  // once
  auto shipped = svc_->shipments(b, 10);
  ASSERT_EQ(shipped->size(), 1u);
  EXPECT_EQ((*shipped)[0].card_serial, "B-S1");
  EXPECT_EQ((*shipped)[0].shipped_on, kToday);
  EXPECT_FALSE((*shipped)[0].received_on);
  EXPECT_EQ(svc_->deliver(nik, {}, actor()).error().code, "CARD_NOT_ARRIVED");
  EXPECT_EQ(*svc_->receive_cards(b, a, kToday, actor()), 1);
  auto done = svc_->deliver(nik, {}, actor());
  ASSERT_TRUE(done) << done.error().message_en;
  EXPECT_EQ(done->record.status, EktpStatus::DELIVERED);
  EXPECT_EQ(svc_->delivery_of(nik)->office, b);
  EXPECT_EQ(svc_->shipments(a, 10)->at(0).received_on, kToday);
}

// [11] With thin history the forecast uses the printers' capacity and the backlog, and says so.
TEST_P(PrintTest, StockOutForecastUsesCapacityWhenHistoryIsThin) {
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 14, kToday, "BAST-1", "op1"));  // a third of 41
  auto row = [&] {
    const auto rows = svc_->forecast(kOffice, kToday);
    for (const auto& f : rows.value())
      if (f.office == kOffice) return f;
    return StockForecast{};
  };
  auto f = row();
  EXPECT_EQ(f.backlog, 41);
  EXPECT_EQ(f.basis, "capacity");
  EXPECT_EQ(f.capacity_per_day, 200);
  ASSERT_TRUE(f.blank_days_left);  // no job in the last 14 days: still a figure
  EXPECT_EQ(*f.blank_days_left, 0);  // 14 blanks at 200 a day
  // Two prints, then the big printer is lent out and a slow one (4 a day) prints here: the
  // recent rate (2 in 14 days) would say 84 days for the 12 blanks left; the printer uses them in 3.
  ASSERT_TRUE(svc_->print_card(kOffice, niks_[0], "B-1", "PR-TRK-1", "", kToday, actor()));
  ASSERT_TRUE(svc_->print_card(kOffice, niks_[1], "B-2", "PR-TRK-1", "", kToday, actor()));
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-1", PrinterStatus::Lent, "65.02", kToday.plus_days(30), "surat 1", kNow));
  Printer slow;
  slow.serial = "PR-TRK-2", slow.office = kOffice, slow.cards_per_day = 4;
  ASSERT_TRUE(svc_->add_printer(slow, kNow));
  f = row();
  EXPECT_EQ(f.basis, "capacity");
  EXPECT_EQ(f.used_in_window, 2);
  EXPECT_EQ(f.capacity_per_day, 4);
  EXPECT_DOUBLE_EQ(f.cards_per_day, 4);
  EXPECT_EQ(f.blank_days_left, std::optional<int64_t>(3));
  EXPECT_FALSE(f.blanks_cover_backlog);
  // No working printer: nothing is consumed, no figure.
  ASSERT_TRUE(svc_->set_printer_status("PR-TRK-2", PrinterStatus::Broken, "", std::nullopt, "head", kNow));
  f = row();
  EXPECT_EQ(f.capacity_per_day, 0);
  EXPECT_FALSE(f.blank_days_left);
}

// [11] A DUPLICATE_RECORD names the NIK it duplicates and the case that decided it, wherever it
// shows: the resident's JSON (resident get, API), the print desk's refusal, the e-KTP views.
TEST_P(PrintTest, ADuplicateRecordNamesTheNikItDuplicatesAndTheCase) {
  const std::string dup = niks_[3], original = niks_[4];
  {  // The record under review (a possible fingerprint match), as the dedup stage leaves it.
    StoreTransaction tx(*store_);
    store_->put_ektp_record(dup, EktpStatus::DEDUP_REVIEW, kNow, false);
    tx.commit();
  }
  AdjudicationCase c;
  c.nik = dup, c.other_nik = original, c.score = 0.93, c.source = "afis", c.created_at = kNow, c.fingers_json = "[]";
  const int64_t case_id = store_->insert_adjudication(c);
  ASSERT_TRUE(decide_adjudication(*store_, nullptr, {case_id, "SAME_PERSON", "sup1", "sidik jari sama", kNow}));
  const auto record = store_->ektp_record(dup);
  ASSERT_EQ(record->status, EktpStatus::DUPLICATE_RECORD);
  auto link = duplicate_of(*store_, *record);
  ASSERT_TRUE(link);
  EXPECT_EQ(link->other_nik, original);
  EXPECT_EQ(link->case_id, case_id);
  EXPECT_EQ(link->decided_by, "sup1");
  nlohmann::json j = nlohmann::json::object();
  add_ektp_summary(j, *store_, dup);
  EXPECT_EQ(j["ektp_status"], "DUPLICATE_RECORD");
  EXPECT_EQ(j["duplicate_of"]["nik"], original);
  EXPECT_EQ(j["duplicate_of"]["case_id"], case_id);
  add_ektp_summary(j, *store_, original);
  EXPECT_TRUE(j["duplicate_of"].is_null());
  // The print desk says which NIK and which case block the card.
  ASSERT_TRUE(svc_->receive_tranche(kOffice, StockItem::BlankCard, 1, kToday, "BAST-1", "op1"));
  auto refused = svc_->print_card(kOffice, dup, "B-1", "PR-TRK-1", "", kToday, actor());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "PRINT_BLOCKED_DUPLICATE");
  EXPECT_NE(refused.error().message_id.find(original), std::string::npos) << refused.error().message_id;
  EXPECT_NE(refused.error().message_id.find("#" + std::to_string(case_id)), std::string::npos) << refused.error().message_id;
  // The centre decides it is not a duplicate after all: no link shown any more.
  EktpService ektp(*store_, test::wilayah());
  ASSERT_TRUE(ektp.transition(dup, EktpEvent::ResolveNotDuplicate, actor(), ""));
  EXPECT_FALSE(duplicate_of(*store_, *store_->ektp_record(dup)));
}

INSTANTIATE_TEST_SUITE_P(Backends, PrintTest, ::testing::ValuesIn(test::backends()));

}  // namespace
}  // namespace ktpel

namespace ktpel {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The suket PDF embeds the resident's JPEG photo as it is; pdftoppm renders the page.
TEST(SuketPdf, EmbedsTheJpegPhotoAndRenders) {
  const std::string dir = test::temp_dir();
  SuketDocument d;
  d.suket = {"SKT-6571-20261120-000001", "6571014501900001", "65.71", {2026, 11, 20}, {2027, 5, 20}, "token.sig", "open", "", "", "op1", ""};
  d.resident = test::sample_resident();
  d.office_name = "KOTA TARAKAN";
  const std::string without = render_suket_pdf(d);
  ASSERT_EQ(without.substr(0, 5), "%PDF-");
  std::ofstream(dir + "/a.pdf", std::ios::binary) << without;
  // A real JPEG to use as the photo: the first page itself, rendered by pdftoppm.
  ASSERT_EQ(std::system(("pdftoppm -r 10 -jpeg -singlefile " + dir + "/a.pdf " + dir + "/photo").c_str()), 0);
  d.photo_jpeg = slurp(dir + "/photo.jpg");
  int w = 0, h = 0;
  ASSERT_TRUE(jpeg_size(d.photo_jpeg, w, h));
  EXPECT_GT(w, 50);
  EXPECT_GT(h, w);  // A4 is portrait
  const std::string with = render_suket_pdf(d);
  EXPECT_NE(with.find("/DCTDecode"), std::string::npos);  // the JPEG went in untouched
  std::ofstream(dir + "/b.pdf", std::ios::binary) << with;
  ASSERT_EQ(std::system(("pdftoppm -r 30 -png -singlefile " + dir + "/b.pdf " + dir + "/b").c_str()), 0);
  EXPECT_GT(slurp(dir + "/b.png").size(), 1000u);
  // Not a JPEG (a station's damaged capture): the photo box, no crash.
  d.photo_jpeg = std::string("\xFF\xD8\xFF\xE0garbage", 11);
  EXPECT_FALSE(jpeg_size(d.photo_jpeg, w, h));
  EXPECT_EQ(render_suket_pdf(d).find("/DCTDecode"), std::string::npos);
}

}  // namespace
}  // namespace ktpel

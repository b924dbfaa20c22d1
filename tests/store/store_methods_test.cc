// Every public method of the store, on both backends (SQLite and a real PostgreSQL server started by
// scripts/with_services.sh; no mocks), checked for round trips, filters, ordering, limits and
// "not found". store_test.cc covers the basics of the registry; this suite goes method by method.
//
// The methods, and the test that calls each (see store/store.h and the aggregate interfaces):
//  Store (registry) -> RegistryResidentsFamiliesAndChangeLog
//    backend, schema_version, set_durable_commits, insert_residents, update_resident, find_resident,
//    resident_exists, search_residents, for_each_resident, count_residents, upsert_family_members,
//    family, record_change, changes, next_serial, population_cells, residents_born_on; open_store,
//    is_postgres_location
//  Store (coverage, transactions) -> CoverageCountersFactsAndSnapshots
//    begin, commit, rollback (and StoreTransaction), put_birth_certificate, birth_certificate,
//    coverage_as_of, set_coverage_as_of, coverage_as_of_locked, coverage_rebuilding, set_coverage_rebuilding,
//    coverage_day_for_writes, coverage_rows, add_coverage,
//    replace_coverage, lock_coverage_rows, put_coverage_snapshot, coverage_series, coverage_facts, scan_coverage_facts,
//    coverage_facts_born, coverage_facts_since; scan_coverage_history and scan_suket_spans: service_test
//    MonthlyReportTest (both backends), against transitions, deaths, akta and sukets of known dates
//  EktpStore -> EktpRecordsHistoryAndQueues, EnrolmentsPhotosFingersAndTemplateHashes
//    ektp_record, recording_state, put_ektp_record, move_ektp_record, move_ektp_record_at_commit,
//    add_ektp_transitions, ektp_history, niks_in_status,
//    ektp_queue_cells, ektp_stuck | put_enrolment, template_hashes_of, template_hash_hits
//    (ektp_stuck_cells, ektp_transition_months: service/ektp_activity_test.cc, both backends)
//  StationStore -> StationKeysCodesAndStations, UploadsAndPacketLedger
//    centre_keys, put_centre_keys, add_station_code, take_station_code, add_station, station, stations,
//    set_station_status, count_stations, add_station_key, retire_station_keys, station_keys | upload,
//    append_upload, delete_upload, stored_packet, stored_packets, put_packet, packets, count_packets
//  PrintStore -> PrintersAndStockLedger, PrintJobsAndPrintQueue, SuketsOfficeKeysTranchesAndSettings,
//                EnrolmentsPhotosFingersAndTemplateHashes (enrolment_photo, enrolment_signature)
//    insert_printer, update_printer, printer, printers, stock_balance, stock_in_transit,
//    stock_transfer_known, blank_serial_used, append_stock_movement, stock_movements, stock_balances |
//    insert_print_job, print_jobs, blanks_used_since, print_job_totals, print_candidates,
//    print_queue_head, ektp_records_in_status | insert_suket, suket, open_suket_of, close_suket, sukets,
//    office_key, insert_office_key, insert_expected_tranche, expected_tranches, setting, put_setting |
//    enrolment_photo, enrolment_signature
//    expired_sukets, suket_expiry, mark_suket_renewed, set_suket_token, print_queue_place: in
//    service/print_service_test.cc (PrintTest.SuketExpiry*, MigrationNumbers*, SuketHoldersArePrintedFirst*)
//  set_birth_certificate_issuer: service/akta_service_test.cc
//  EquipmentStore -> store_equipment_test.cc: ItemsAndHistory, OneOpenTicketPerItem,
//                    PrintersAreCardPrinterItems (with PrintStore's printer methods), Migration17TurnsPrintersIntoItems
//    insert_item, update_item, item, items, append_item_event, item_events | insert_ticket, update_ticket,
//    ticket, tickets
//  AbisStore -> AbisGalleryAndAdjudicationQueue, EnrolmentsPhotosFingersAndTemplateHashes (enrolled_fingers)
//    put_gallery_finger, remove_gallery_person, count_gallery_fingers, scan_gallery, insert_adjudication,
//    adjudications, adjudication, open_adjudications_of, decide_adjudication | enrolled_fingers
//  DedupStore -> DedupKeysStateChangesAndCases
//    put_dedup_keys, dedup_key_holders, dedup_key_count, dedup_state, put_dedup_state, swap_dedup_state,
//    residents_changed_after, adjudications_between, adjudications_in_region
#include "store_methods_fixture.h"

namespace ktpel {
namespace {

using namespace store_methods;

TEST_P(StoreMethodsTest, RegistryResidentsFamiliesAndChangeLog) {
  EXPECT_EQ(store_->backend(), GetParam());
  EXPECT_EQ(is_postgres_location(location_), GetParam() == "postgresql");
  store_->set_durable_commits(true);  // synchronous=FULL on SQLite: writes still commit as before
  Resident a = person(nik(1), kTarakanTimur, "BUDI");
  Resident b = person(nik(2), kTarakanBarat, "SITI");
  Resident c = person(nik(3), kTarakanBarat, "SITI");
  c.kk = "6571010405120001";  // a smaller KK than b's
  Resident dead = person(nik(4), kTarakanBarat, "ZAINAL");
  dead.alive = false;
  dead.death_date = Date{2024, 12, 1};
  add({a, c, b, dead});

  store_ = open_store(location_);  // reopened: nothing to migrate, everything committed
  EXPECT_EQ(store_->schema_version(), migrations().back().version);
  EXPECT_EQ(store_->find_resident(dead.nik), dead);
  EXPECT_EQ(store_->count_residents(), 4);
  EXPECT_TRUE(store_->resident_exists(b.nik));
  EXPECT_FALSE(store_->resident_exists(nik(9)));
  EXPECT_THROW(store_->update_resident(person(nik(9), kTarakanBarat)), StoreError);
  EXPECT_EQ(store_->count_residents(), 4);

  // Equal names in NIK order; an offset past the end still counts every match.
  EXPECT_EQ(pluck(store_->search_residents({"siti", false, "", 10, 0}).items, &Resident::nik), (Strings{b.nik, c.nik}));
  const ResidentPage past = store_->search_residents({"", false, "65.71", 10, 5});
  EXPECT_EQ(past.total, 4);
  EXPECT_TRUE(past.items.empty());
  // Village, then KK, then NIK; "" = everywhere.
  Strings seen;
  store_->for_each_resident("", [&](const Resident& r) { seen.push_back(r.nik); });
  EXPECT_EQ(seen, (Strings{c.nik, b.nik, dead.nik, a.nik}));
  // The living born on a day, under a region prefix, in NIK order (a likely double's pool).
  EXPECT_EQ(pluck(store_->residents_born_on("65.71", {1990, 1, 5}), &Resident::nik), (Strings{a.nik, b.nik, c.nik}));
  EXPECT_EQ(pluck(store_->residents_born_on(kTarakanBarat, {1990, 1, 5}), &Resident::nik), (Strings{b.nik, c.nik}));
  EXPECT_TRUE(store_->residents_born_on("65.71", {1990, 1, 6}).empty());
  EXPECT_TRUE(store_->residents_born_on("65.04", {1990, 1, 5}).empty());

  // Living residents only, per village.
  std::map<std::string, int64_t> per_village;
  for (const auto& cell : store_->population_cells(Level::Desa, "65.71", {2025, 6, 1})) per_village[cell.code] += cell.count;
  EXPECT_EQ(per_village, (std::map<std::string, int64_t>{{kTarakanBarat, 2}, {kTarakanTimur, 1}}));

  {  // Counters are per kind: a KK serial does not advance the NIK serial of the same prefix.
    StoreTransaction tx(*store_);
    EXPECT_EQ(store_->next_serial("nik", "657101450199"), 1);
    EXPECT_EQ(store_->next_serial("kk", "657101450199"), 1);
    EXPECT_EQ(store_->next_serial("nik", "657101450199"), 2);
    tx.commit();
  }

  // A member written again moves to the new KK (upsert by NIK).
  const std::string kk1 = "6571010405130001", kk2 = "6571010405130002";
  store_->upsert_family_members(std::vector<FamilyMember>{{kk1, a.nik, "KEPALA KELUARGA"}, {kk1, b.nik, "ANAK"}});
  store_->upsert_family_members(std::vector<FamilyMember>{{kk2, b.nik, "KEPALA KELUARGA"}});
  EXPECT_EQ(store_->family(kk1), (std::vector<FamilyMember>{{kk1, a.nik, "KEPALA KELUARGA"}}));
  EXPECT_EQ(store_->family(kk2), (std::vector<FamilyMember>{{kk2, b.nik, "KEPALA KELUARGA"}}));
  EXPECT_TRUE(store_->family("6571019999990001").empty());

  // The change log of one NIK, in the order written; bulk events (no NIK) belong to none.
  store_->record_change({0, a.nik, "create", "op1", "2025-01-02T03:04:05Z", "", R"({"name": "BUDI"})", ""});
  store_->record_change({0, "", "import", "op1", "2025-01-02T03:05:00Z", "", "", "file.csv"});
  store_->record_change(
      {0, a.nik, "update", "op2", "2025-01-01T00:00:00Z", R"({"name": "BUDI"})", R"({"name": "BUDI S"})", "typo"});
  const auto log = store_->changes(a.nik);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_LT(log[0].id, log[1].id);
  EXPECT_EQ(std::tuple(log[0].nik, log[0].event, log[0].before_json, log[0].after_json),
            std::tuple(a.nik, "create", "", R"({"name": "BUDI"})"));
  EXPECT_EQ(std::tuple(log[1].event, log[1].actor, log[1].at, log[1].before_json, log[1].after_json, log[1].reason),
            std::tuple("update", "op2", "2025-01-01T00:00:00Z", R"({"name": "BUDI"})", R"({"name": "BUDI S"})", "typo"));
  EXPECT_TRUE(store_->changes(b.nik).empty());
  EXPECT_TRUE(store_->changes("").empty());
}

TEST_P(StoreMethodsTest, CoverageCountersFactsAndSnapshots) {
  const Date day{2025, 3, 1};
  Resident adult = person(nik(1), kTarakanBarat);
  Resident child = person(nik(2), kTarakanTimur, "ANAK", {2015, 6, 1});
  child.marital_status = "BELUM KAWIN";
  child.sex = Sex::L;
  add({adult, child});
  EXPECT_FALSE(store_->coverage_as_of());
  EXPECT_TRUE(store_->coverage_rows("", 0).empty());  // nothing is maintained before a rebuild sets the day
  {  // a rebuild's order (CoverageService::rebuild): read, replace the rows, set their day
    StoreTransaction tx(*store_);
    store_->replace_coverage("", 0, 13, rebuilt(day));
    store_->set_coverage_as_of(day);
    EXPECT_EQ(store_->coverage_as_of_locked(), day);
    tx.commit();
  }
  EXPECT_EQ(store_->coverage_as_of(), day);

  // From now on each counted write moves the counters in its own transaction.
  EXPECT_FALSE(store_->birth_certificate(child.nik));
  store_->put_birth_certificate(child.nik, "AL-1", {2015, 6, 9});
  store_->put_birth_certificate(child.nik, "AL-2", {2015, 6, 10});  // replaced
  EXPECT_EQ(store_->birth_certificate(child.nik), (std::pair{std::string("AL-2"), Date{2015, 6, 10}}));
  EXPECT_FALSE(store_->birth_certificate(adult.nik));
  store_->put_ektp_record(adult.nik, EktpStatus::PRR, "2025-02-28T08:00:00Z", true);
  add({person(nik(3), kMalinau, "BUDI", {1985, 7, 7})});
  auto counters = store_->coverage_rows("", 0);
  EXPECT_EQ(counters, rebuilt(day));
  EXPECT_EQ(counters["65"][kPopulation], 3);
  EXPECT_EQ(counters[kTarakanTimur][kChildrenWithAkta], 1);

  // Rolled back: neither the record nor its counters.
  store_->begin();
  store_->put_ektp_record(nik(3), EktpStatus::SFE, "2025-02-28T09:00:00Z", false);
  store_->rollback();
  EXPECT_FALSE(store_->ektp_record(nik(3)));
  EXPECT_EQ(store_->coverage_rows("", 0), counters);
  store_->begin();
  store_->put_ektp_record(nik(3), EktpStatus::DELIVERED, "2025-02-28T09:00:00Z", false);
  store_->commit();
  counters = store_->coverage_rows("", 0);
  EXPECT_EQ(counters, rebuilt(day));

  // Rows by prefix and code length.
  auto codes = [](const std::map<std::string, CoverageCounters>& m) {
    Strings out;
    for (const auto& kv : m) out.push_back(kv.first);
    return out;
  };
  EXPECT_EQ(codes(store_->coverage_rows("65.71", 13)), (Strings{kTarakanBarat, kTarakanTimur}));
  EXPECT_EQ(codes(store_->coverage_rows("65", 5)), (Strings{"65.01", "65.71"}));
  EXPECT_TRUE(store_->coverage_rows("11", 0).empty());
  // add_coverage adds into existing rows and creates missing ones.
  CoverageCounters one{}, two{};
  one[kPopulation] = 1, two[kPopulation] = 2;
  store_->add_coverage({{"65.71", one}, {"99", two}});
  auto expected = counters;
  add_into(expected["65.71"], one);
  expected["99"] = two;
  EXPECT_EQ(store_->coverage_rows("", 0), expected);

  // Snapshots: from a day on, in day order; a day written again is replaced.
  store_->put_coverage_snapshot(day.plus_days(-1), {{"65.71", one}});
  store_->put_coverage_snapshot(day, {{"65.71", expected["65.71"]}, {"65.01", one}});
  store_->put_coverage_snapshot(day.plus_days(1), {{"65.71", one}});
  store_->put_coverage_snapshot(day.plus_days(1), {{"65.71", two}});
  using Series = std::vector<std::pair<Date, CoverageCounters>>;
  EXPECT_EQ(store_->coverage_series("65.71", day), (Series{{day, expected["65.71"]}, {day.plus_days(1), two}}));
  EXPECT_EQ(store_->coverage_series("65.01", day.plus_days(1)), Series{});
  EXPECT_EQ(store_->coverage_series("65.71.01", day), Series{});

  // Facts of one resident, of all, of birthdays, of records moved on a day.
  const auto fa = store_->coverage_facts(adult.nik);
  ASSERT_TRUE(fa);
  EXPECT_EQ(std::tuple(fa->village_code, fa->birth_date, fa->sex, fa->ever_married, fa->alive, fa->has_akta),
            std::tuple(kTarakanBarat, adult.birth_date, Sex::P, true, true, false));
  EXPECT_EQ(std::tuple(fa->status, fa->status_since, fa->ikd_activated),
            std::tuple(std::optional(EktpStatus::PRR), Date{2025, 2, 28}, true));
  const auto fc = store_->coverage_facts(child.nik);
  ASSERT_TRUE(fc);
  EXPECT_EQ(std::tuple(fc->sex, fc->ever_married, fc->has_akta, fc->status),
            std::tuple(Sex::L, false, true, std::optional<EktpStatus>()));
  EXPECT_FALSE(store_->coverage_facts(nik(9)));
  Strings scanned;
  store_->scan_coverage_facts("", [&](const CoverageFacts& f) { scanned.push_back(f.nik); });
  EXPECT_EQ(sorted(scanned), (Strings{nik(1), nik(2), nik(3)}));
  scanned.clear();
  store_->scan_coverage_facts("65.71.", [&](const CoverageFacts& f) { scanned.push_back(f.nik); });  // Tarakan only
  EXPECT_EQ(sorted(scanned), (Strings{nik(1), nik(2)}));
  // Replacing part of the rows: only those under the prefix and within the lengths go.
  {
    StoreTransaction tx(*store_);
    const auto before = store_->coverage_rows("", 0);
    store_->replace_coverage("65.71.01", 8, 13, {{"65.71.01", one}});
    auto after = store_->coverage_rows("", 0);
    EXPECT_EQ(after.at("65.71.01"), one);
    EXPECT_FALSE(after.count(kTarakanBarat));              // the desa row under it went
    EXPECT_EQ(after.at("65.71"), before.at("65.71"));      // shorter codes stay
    EXPECT_EQ(after.at(kTarakanTimur), before.at(kTarakanTimur));  // other kecamatan stay
    // Rows of one length, locked until commit.
    const auto regencies = store_->lock_coverage_rows(5);
    EXPECT_EQ(regencies, store_->coverage_rows("", 5));
    EXPECT_EQ(regencies.size(), 2u);  // 65.01 and 65.71
  }  // rolled back
  const Date born_days[] = {child.birth_date, {1980, 1, 1}, adult.birth_date};
  EXPECT_EQ(pluck(store_->coverage_facts_born(born_days), &CoverageFacts::nik), (Strings{child.nik, adult.nik}));
  // DELIVERED is final: it never moves a counter on a later day.
  EXPECT_EQ(pluck(store_->coverage_facts_since({2025, 2, 28}), &CoverageFacts::nik), Strings{adult.nik});
  EXPECT_TRUE(store_->coverage_facts_since(day).empty());

  store_->set_coverage_as_of(std::nullopt);
  EXPECT_FALSE(store_->coverage_as_of());
  EXPECT_FALSE(store_->coverage_as_of_locked());
  // While a rebuild runs, writes keep the counters for its day; readers keep the published day.
  EXPECT_FALSE(store_->coverage_day_for_writes());
  store_->set_coverage_as_of(day);
  EXPECT_EQ(store_->coverage_day_for_writes(), day);
  EXPECT_FALSE(store_->coverage_rebuilding());
  store_->set_coverage_rebuilding(day.plus_days(3));
  EXPECT_EQ(store_->coverage_rebuilding(), day.plus_days(3));
  EXPECT_EQ(store_->coverage_day_for_writes(), day.plus_days(3));
  EXPECT_EQ(store_->coverage_as_of(), day);
  store_->set_coverage_rebuilding(std::nullopt);
  EXPECT_FALSE(store_->coverage_rebuilding());
  EXPECT_EQ(store_->coverage_day_for_writes(), day);
  store_->set_coverage_as_of(std::nullopt);

  // A plain exec after queued writes in one transaction (on PostgreSQL PQexec is refused while a
  // pipeline is open: the seam syncs it first; found by this test).
  {
    const std::map<std::string, CoverageCounters> replacement = {{"65", one}};
    StoreTransaction tx(*store_);
    store_->set_coverage_as_of(day);  // any queued write
    EXPECT_NO_THROW(store_->replace_coverage("", 0, 13, replacement));
    EXPECT_EQ(store_->coverage_rows("", 0), replacement);
  }  // rolled back
  EXPECT_EQ(store_->coverage_rows("", 0), expected);
}

TEST_P(StoreMethodsTest, EktpRecordsHistoryAndQueues) {
  const std::string p1 = nik(1), p2 = nik(2), p3 = nik(3), p4 = nik(4), orphan = nik(9);
  add({person(p1, kTarakanBarat), person(p2, kTarakanBarat), person(p3, kTarakanTimur), person(p4, kMalinau)});
  EXPECT_FALSE(store_->ektp_record(p1));
  put_records({{p1, EktpStatus::SFE, "2025-01-03T00:00:00Z"},
               {p2, EktpStatus::SFE, "2025-01-01T00:00:00Z"},
               {p3, EktpStatus::SFE, "2025-01-02T00:00:00Z"},
               {orphan, EktpStatus::SFE, "2024-01-01T00:00:00Z"}});  // no resident behind it
  store_->put_ektp_record(p4, EktpStatus::DELIVERED, "2024-12-01T00:00:00Z", true);
  EXPECT_EQ(row(*store_->ektp_record(p4)), row(EktpRecord{p4, EktpStatus::DELIVERED, "2024-12-01T00:00:00Z", kMalinau, true}));
  EXPECT_EQ(store_->ektp_record(orphan)->village_code, "");

  // Conditional moves: only from the expected status (nullopt = no record yet).
  EXPECT_FALSE(store_->move_ektp_record(p1, std::nullopt, EktpStatus::BC, "2025-01-04T00:00:00Z", false));
  EXPECT_FALSE(store_->move_ektp_record(p1, EktpStatus::DEDUP, EktpStatus::PRR, "2025-01-04T00:00:00Z", false));
  EXPECT_EQ(store_->ektp_record(p1)->status, EktpStatus::SFE);
  EXPECT_TRUE(store_->move_ektp_record(p1, EktpStatus::SFE, EktpStatus::DEDUP, "2025-01-04T00:00:00Z", true));
  EXPECT_EQ(row(*store_->ektp_record(p1)), row(EktpRecord{p1, EktpStatus::DEDUP, "2025-01-04T00:00:00Z", kTarakanBarat, true}));
  EXPECT_TRUE(store_->move_ektp_record(nik(8), std::nullopt, EktpStatus::BC, "2025-01-04T00:00:00Z", false));
  EXPECT_EQ(store_->ektp_record(nik(8))->status, EktpStatus::BC);

  // Checked at commit: a move from the wrong status fails the whole transaction (Busy), nothing
  // of it written; from the right one it commits.
  {
    StoreTransaction tx(*store_);
    store_->move_ektp_record_at_commit(p2, EktpStatus::SFE, EktpStatus::DEDUP, "2025-01-05T00:00:00Z", false);
    store_->move_ektp_record_at_commit(p3, EktpStatus::PRR, EktpStatus::PRINTED, "2025-01-05T00:00:00Z", false);
    try {
      tx.commit();
      ADD_FAILURE() << "a move from a status the record no longer has committed";
    } catch (const StoreError& e) {
      EXPECT_EQ(e.code, StoreErrorCode::Busy) << e.what();
    }
  }
  EXPECT_EQ(store_->ektp_record(p2)->status, EktpStatus::SFE);
  EXPECT_EQ(store_->ektp_record(p3)->status, EktpStatus::SFE);
  {
    StoreTransaction tx(*store_);
    store_->move_ektp_record_at_commit(nik(8), EktpStatus::BC, EktpStatus::SFE, "2025-01-05T00:00:00Z", false);
    tx.commit();
  }
  EXPECT_EQ(store_->ektp_record(nik(8))->status, EktpStatus::SFE);
  EXPECT_THROW(store_->move_ektp_record_at_commit(nik(8), EktpStatus::SFE, EktpStatus::DEDUP, "x", false), std::logic_error);
  EXPECT_TRUE(store_->move_ektp_record(nik(8), EktpStatus::SFE, EktpStatus::BC, "2025-01-04T00:00:00Z", false));  // as before

  // Resident and record in one read: a resident without a record, one with, and nobody.
  EXPECT_EQ(store_->recording_state(p4).resident, true);
  EXPECT_EQ(row(*store_->recording_state(p4).record), row(*store_->ektp_record(p4)));
  add({person(nik(7), kTarakanBarat)});
  EXPECT_TRUE(store_->recording_state(nik(7)).resident);
  EXPECT_FALSE(store_->recording_state(nik(7)).record);
  EXPECT_TRUE(store_->recording_state(nik(7)).alive);
  Resident dead = person(nik(6), kTarakanBarat);  // a deceased resident is not recorded again
  dead.alive = false;
  dead.death_date = Date{2025, 1, 3};
  add({dead});
  EXPECT_FALSE(store_->recording_state(nik(6)).alive);
  EXPECT_FALSE(store_->recording_state(orphan).resident);  // a record, but no resident
  EXPECT_FALSE(store_->recording_state(nik(99)).resident);

  const EktpTransition capture{p1, std::nullopt, EktpStatus::BC, "capture", "2025-01-01T00:00:00Z", "op1", "st-1", ""},
      receive{p1, EktpStatus::BC, EktpStatus::SFE, "receive", "2025-01-01T01:00:00Z", "centre", "st-1", "ok"},
      other{p2, std::nullopt, EktpStatus::BC, "capture", "2025-01-01T00:00:00Z", "op2", "st-2", ""},
      dedup{p1, EktpStatus::SFE, EktpStatus::DEDUP, "start_dedup", "2025-01-04T00:00:00Z", "dedup", "", ""};
  store_->add_ektp_transitions(std::vector{capture, receive});
  store_->add_ektp_transitions(std::vector{other, dedup});  // interleaved with another NIK's
  EXPECT_EQ(rows(store_->ektp_history(p1)), rows(std::vector{capture, receive, dedup}));
  EXPECT_TRUE(store_->ektp_history(p3).empty());

  // Oldest transition first, whatever the region (the orphan too), up to the limit.
  EXPECT_EQ(store_->niks_in_status(EktpStatus::SFE, 10), (Strings{orphan, p2, p3}));
  EXPECT_EQ(store_->niks_in_status(EktpStatus::SFE, 2), (Strings{orphan, p2}));
  EXPECT_TRUE(store_->niks_in_status(EktpStatus::PRR, 10).empty());

  // Records per region (of the resident's address) and status.
  auto cells = [&](Level level, const std::string& prefix) {
    std::vector<std::tuple<std::string, std::string, int64_t>> out;
    for (const auto& c : store_->ektp_queue_cells(level, prefix)) out.emplace_back(c.code, to_string(c.status), c.count);
    return sorted(out);
  };
  using Cells = std::vector<std::tuple<std::string, std::string, int64_t>>;
  EXPECT_EQ(cells(Level::Kecamatan, "65.71"), (Cells{{"65.71.01", "DEDUP", 1}, {"65.71.01", "SFE", 1}, {"65.71.02", "SFE", 1}}));
  EXPECT_EQ(cells(Level::Kabupaten, ""), (Cells{{"65.01", "DELIVERED", 1}, {"65.71", "DEDUP", 1}, {"65.71", "SFE", 2}}));

  // Stuck: not final, last moved at or before the cutoff, under the prefix, oldest first.
  EXPECT_EQ(pluck(store_->ektp_stuck("65.71", "2025-01-02T00:00:00Z", 10), &EktpRecord::nik), (Strings{p2, p3}));
  EXPECT_EQ(pluck(store_->ektp_stuck("", "2025-12-31T00:00:00Z", 10), &EktpRecord::nik), (Strings{p2, p3, p1}));
  EXPECT_EQ(pluck(store_->ektp_stuck("", "2025-12-31T00:00:00Z", 1), &EktpRecord::nik), Strings{p2});
  EXPECT_EQ(rows(store_->ektp_stuck("65.71.02", "2025-12-31T00:00:00Z", 10)),
            rows(std::vector<EktpRecord>{{p3, EktpStatus::SFE, "2025-01-02T00:00:00Z", kTarakanTimur, false}}));
  EXPECT_TRUE(store_->ektp_stuck("65.71", "2024-12-31T00:00:00Z", 10).empty());
}

TEST_P(StoreMethodsTest, EnrolmentsPhotosFingersAndTemplateHashes) {
  const std::string p1 = nik(1), p2 = nik(2), p3 = nik(3);
  auto enrolment = [](const std::string& n, const std::string& captured_at, std::string photo,
                      std::vector<FingerCapture> fingers) {
    Enrolment e;
    e.nik = n, e.station_id = "st-1", e.operator_id = "op1", e.captured_at = captured_at;
    e.photo_jpeg = std::move(photo), e.signature_png = "png", e.iris_right = "ir", e.iris_left = "il";
    e.fingers = std::move(fingers);
    e.photo_quality = 80;
    return e;
  };
  const std::string old_photo = bytes({0xff, 0xd8, 0, 1}), new_photo = bytes({0xff, 0xd8, 0, 2, 0x80});
  const std::string t1 = bytes({0x46, 0x4d, 0x52, 0, 0xfe});
  // The later capture arrives first: "latest" is by capture time, not by arrival.
  store_->put_enrolment("pkt-2", enrolment(p1, "2025-01-05T08:00:00Z", new_photo, {{1, 90, t1}}), Strings{"h1"},
                        "2025-01-05T09:00:00Z");
  store_->put_enrolment("pkt-1", enrolment(p1, "2025-01-02T08:00:00Z", old_photo, {{2, 80, "T2"}, {7, 60, "T7"}}),
                        Strings{"h2", "h7"}, "2025-01-06T09:00:00Z");
  store_->put_enrolment("pkt-3", enrolment(p2, "2025-01-03T08:00:00Z", "jpg", {{3, 70, "T7"}}), Strings{"h7"},
                        "2025-01-03T09:00:00Z");

  EXPECT_EQ(store_->enrolment_photo(p1), new_photo);
  EXPECT_FALSE(store_->enrolment_photo(p3));
  EXPECT_EQ(store_->enrolment_signature(p1), "png");  // [11] the adjudication screen's signature
  EXPECT_FALSE(store_->enrolment_signature(p3));
  const auto fingers = store_->enrolled_fingers(p1);
  ASSERT_EQ(fingers.size(), 1u);
  EXPECT_EQ(std::tuple(fingers[0].position, fingers[0].quality, fingers[0].iso_template), std::tuple(1, 90, t1));
  EXPECT_EQ(pluck(store_->enrolled_fingers(p2), &FingerCapture::position), std::vector<int>{3});
  EXPECT_TRUE(store_->enrolled_fingers(p3).empty());

  // Hashes of every enrolment of a NIK, sorted; hits are other NIKs with the same hash.
  EXPECT_EQ(store_->template_hashes_of(p1), (Strings{"h1", "h2", "h7"}));
  EXPECT_TRUE(store_->template_hashes_of(p3).empty());
  auto hits = [&](Strings hashes, const std::string& exclude) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& h : store_->template_hash_hits(hashes, exclude)) out.emplace_back(h.nik, h.hash);
    return sorted(out);
  };
  using Hits = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(hits({"h7", "h9"}, p1), (Hits{{p2, "h7"}}));
  EXPECT_EQ(hits({"h7", "h1"}, ""), (Hits{{p1, "h1"}, {p1, "h7"}, {p2, "h7"}}));
  EXPECT_TRUE(hits({"h1", "h2"}, p1).empty());
}

TEST_P(StoreMethodsTest, StationKeysCodesAndStations) {
  EXPECT_FALSE(store_->centre_keys());
  const CentreKeys keys{bytes({1, 0, 0xff}), bytes({2, 0x80}), bytes({0, 3}), bytes({4})};
  store_->put_centre_keys(keys);
  store_->put_centre_keys({"x", "y", "z", "w"});  // a second generator lost the race: the first keys stay
  const auto k = store_->centre_keys();
  ASSERT_TRUE(k);
  EXPECT_EQ(std::tuple(k->box_public, k->box_secret, k->sign_public, k->sign_secret),
            std::tuple(keys.box_public, keys.box_secret, keys.sign_public, keys.sign_secret));

  const std::string now = "2025-01-05T00:00:00Z";
  store_->add_station_code("hash-a", "65.71.01", "2025-01-10T00:00:00Z");
  store_->add_station_code("hash-b", "65.71.02", now);  // expires at this very moment
  EXPECT_EQ(store_->take_station_code("hash-b", "st-1", now), std::nullopt);
  EXPECT_EQ(store_->take_station_code("hash-x", "st-1", now), std::nullopt);
  EXPECT_EQ(store_->take_station_code("hash-a", "st-1", now), "65.71.01");
  EXPECT_EQ(store_->take_station_code("hash-a", "st-2", now), std::nullopt);  // used once

  const std::vector<Station> added = {{"st-2", "65.71.01", "Desk 2", "active", "2025-01-05T00:00:00Z", "t2"},
                                      {"st-1", "65.71.01", "Desk 1", "active", "2025-01-05T00:00:01Z", "t1"},
                                      {"st-3", "65.71.02", "Mobile", "active", "2025-01-06T00:00:00Z", ""}};
  for (const auto& s : added) store_->add_station(s);
  store_->set_station_status("st-1", "revoked");
  store_->set_station_status("st-9", "revoked");  // unknown: nothing
  store_->set_station_upload_token("st-1", "t1b");
  store_->set_station_upload_token("st-9", "t9");  // unknown: nothing
  EXPECT_EQ(row(*store_->station("st-1")), row(Station{"st-1", "65.71.01", "Desk 1", "revoked", "2025-01-05T00:00:01Z", "t1b"}));
  EXPECT_EQ(row(*store_->station("st-3")), row(added[2]));
  EXPECT_FALSE(store_->station("st-9"));
  EXPECT_EQ(pluck(store_->stations(), &Station::id), (Strings{"st-1", "st-2", "st-3"}));
  EXPECT_EQ(store_->count_stations("65.71.01"), 2);
  EXPECT_EQ(store_->count_stations("65.71.03"), 0);

  // Keys in creation order; a key added again is ignored; rotation retires all but one, bounded
  // to the packets numbered before it; a key retired earlier keeps its own bound.
  store_->add_station_key({"st-1", "bb", "active", "2025-01-06T00:00:00Z"});
  store_->add_station_key({"st-1", "aa", "active", "2025-01-05T00:00:00Z"});
  store_->add_station_key({"st-1", "aa", "active", "2025-02-01T00:00:00Z"});
  store_->add_station_key({"st-2", "cc", "active", "2025-01-05T00:00:00Z"});
  store_->retire_station_keys("st-1", "bb", 12);
  EXPECT_EQ(rows(store_->station_keys("st-1")), rows(std::vector<StationKey>{{"st-1", "aa", "retired", "2025-01-05T00:00:00Z", 12},
                                                                              {"st-1", "bb", "active", "2025-01-06T00:00:00Z", 0}}));
  store_->add_station_key({"st-1", "dd", "active", "2025-03-01T00:00:00Z"});
  store_->retire_station_keys("st-1", "dd", 40);
  EXPECT_EQ(rows(store_->station_keys("st-1")), rows(std::vector<StationKey>{{"st-1", "aa", "retired", "2025-01-05T00:00:00Z", 12},
                                                                              {"st-1", "bb", "retired", "2025-01-06T00:00:00Z", 40},
                                                                              {"st-1", "dd", "active", "2025-03-01T00:00:00Z", 0}}));
  EXPECT_EQ(rows(store_->station_keys("st-2")), rows(std::vector<StationKey>{{"st-2", "cc", "active", "2025-01-05T00:00:00Z"}}));
  EXPECT_TRUE(store_->station_keys("st-9").empty());
}

TEST_P(StoreMethodsTest, UploadsAndPacketLedger) {
  for (const char* id : {"st-1", "st-2"}) store_->add_station({id, "65.71.01", id, "active", "2025-01-01T00:00:00Z", ""});
  EXPECT_FALSE(store_->upload("pkt-1"));
  const UploadQuota roomy{10, 1000, "2025-01-01T00:00:00Z"};
  const std::string t0 = "2025-01-02T00:00:00Z";
  const std::string head = bytes({0, 1, 0xfe}), tail = "tail";
  ASSERT_TRUE(store_->open_upload("pkt-1", "st-1", 7, t0, roomy));
  ASSERT_TRUE(store_->open_upload("pkt-1", "st-1", 7, t0, roomy));  // already open: found, not counted twice
  EXPECT_EQ(store_->append_upload("pkt-1", 0, head, t0), 3);
  EXPECT_EQ(store_->append_upload("pkt-1", 0, head, t0), 3);  // resent: not appended twice
  EXPECT_EQ(store_->append_upload("pkt-1", 5, tail, t0), 3);  // a gap: the client resumes from 3
  EXPECT_EQ(store_->append_upload("pkt-1", 3, "", t0), 3);
  EXPECT_EQ(store_->append_upload("pkt-1", 3, tail, t0), 7);
  EXPECT_EQ(store_->append_upload("pkt-9", 0, tail, t0), 0);  // never opened: nothing kept
  EXPECT_FALSE(store_->upload("pkt-9"));
  ASSERT_TRUE(store_->open_upload("pkt-2", "st-2", 4, t0, roomy));
  EXPECT_EQ(store_->append_upload("pkt-2", 0, "abcd", t0), 4);
  const auto u = store_->upload("pkt-1");
  ASSERT_TRUE(u);
  EXPECT_EQ(std::tuple(u->packet_id, u->station_id, u->total, u->data), std::tuple("pkt-1", "st-1", int64_t{7}, head + tail));
  store_->delete_upload("pkt-1");
  EXPECT_FALSE(store_->upload("pkt-1"));
  EXPECT_EQ(store_->upload("pkt-2")->data, "abcd");
  ASSERT_TRUE(store_->open_upload("pkt-1", "st-1", 7, t0, roomy));
  EXPECT_EQ(store_->append_upload("pkt-1", 0, head, t0), 3);  // deleted with its chunks: starts afresh

  // [9] The quota counts a station's open uploads and their declared sizes; others' don't count.
  const UploadQuota two{2, 20, "2025-01-01T00:00:00Z"};
  EXPECT_TRUE(store_->open_upload("pkt-3", "st-1", 10, t0, two));   // 2 open, 17 bytes
  EXPECT_FALSE(store_->open_upload("pkt-4", "st-1", 1, t0, two));   // a third
  EXPECT_FALSE(store_->upload("pkt-4"));
  EXPECT_TRUE(store_->open_upload("pkt-4", "st-2", 16, t0, two));   // st-2: 2 open, 20 bytes
  EXPECT_FALSE(store_->open_upload("pkt-5", "st-2", 1, t0, UploadQuota{5, 20, ""}));  // a 21st byte
  // Abandoned uploads expire: pkt-2 and pkt-4 were last touched at t0; pkt-1 gets a chunk later.
  const std::string t1 = "2025-01-03T00:00:00Z";
  EXPECT_EQ(store_->append_upload("pkt-1", 3, tail, t1), 7);
  EXPECT_EQ(store_->expire_uploads("2025-01-02T12:00:00Z"), 3);  // pkt-2, pkt-3, pkt-4
  EXPECT_TRUE(store_->upload("pkt-1"));
  EXPECT_FALSE(store_->upload("pkt-2"));
  EXPECT_FALSE(store_->upload("pkt-3"));
  EXPECT_EQ(store_->append_upload("pkt-3", 0, "x", t1), 0);  // its chunks went with it
  // Opening a new one drops expired uploads first, so they no longer count against the quota.
  EXPECT_TRUE(store_->open_upload("pkt-6", "st-1", 5, t1, UploadQuota{1, 100, "2025-01-04T00:00:00Z"}));
  EXPECT_FALSE(store_->upload("pkt-1"));
  EXPECT_TRUE(store_->upload("pkt-6"));

  // Refused packets: one row per distinct content, counted again when it comes back.
  store_->put_refused_packet({"st-1-4", "aa", "st-1", 4, "PACKET_SIGNATURE: x", "2025-01-05T00:00:00Z", "2025-01-05T00:00:00Z", 1});
  store_->put_refused_packet({"st-1-4", "aa", "st-1", 4, "PACKET_SIGNATURE: x", "2025-01-06T00:00:00Z", "2025-01-06T00:00:00Z", 1});
  store_->put_refused_packet({"st-1-4", "bb", "st-1", 4, "PACKET_DAMAGED: y", "2025-01-05T12:00:00Z", "2025-01-05T12:00:00Z", 1});
  EXPECT_EQ(store_->count_refused_packets(), 2);
  const auto refused = store_->refused_packets(10);
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(std::tuple(refused[0].sha256, refused[0].first_at, refused[0].last_at, refused[0].attempts),
            std::tuple("aa", "2025-01-05T00:00:00Z", "2025-01-06T00:00:00Z", int64_t{2}));
  EXPECT_EQ(std::tuple(refused[1].sha256, refused[1].reason, refused[1].attempts), std::tuple("bb", "PACKET_DAMAGED: y", int64_t{1}));
  EXPECT_EQ(store_->refused_packets(1).size(), 1u);
  EXPECT_FALSE(store_->stored_packet("st-1-4"));  // not in the ledger

  auto packet = [](const std::string& id, int64_t seq, const std::string& status, const std::string& received_at) {
    return StoredPacket{id, "st-1", seq, nik(seq), status, status == "rejected" ? "NIK_UNKNOWN: no such NIK" : "", received_at,
                        "ack-" + id};
  };
  const std::vector<StoredPacket> ledger = {packet("p-a", 1, "accepted", "2025-01-02T00:00:00Z"),
                                            packet("p-c", 2, "accepted", "2025-01-03T00:00:00Z"),
                                            packet("p-b", 3, "accepted", "2025-01-03T00:00:00Z"),
                                            packet("p-d", 4, "rejected", "2025-01-04T00:00:00Z")};
  for (const auto& p : ledger) store_->put_packet(p);
  EXPECT_EQ(row(*store_->stored_packet("p-d")), row(ledger[3]));
  EXPECT_FALSE(store_->stored_packet("p-z"));
  // Many at once (a group commit), beyond one query's 128 places; unknown ids are left out.
  std::vector<std::string> wanted{"p-z", "p-c", "p-a"};
  for (int i = 0; i < 130; ++i) wanted.push_back("missing-" + std::to_string(i));
  wanted.push_back("p-d");
  EXPECT_EQ(sorted(pluck(store_->stored_packets(wanted), &StoredPacket::packet_id)), (Strings{"p-a", "p-c", "p-d"}));
  EXPECT_TRUE(store_->stored_packets({}).empty());
  // Newest first, then by packet id.
  EXPECT_EQ(pluck(store_->packets("accepted", 10), &StoredPacket::packet_id), (Strings{"p-b", "p-c", "p-a"}));
  EXPECT_EQ(pluck(store_->packets("accepted", 1), &StoredPacket::packet_id), Strings{"p-b"});
  EXPECT_EQ(rows(store_->packets("rejected", 10)), rows(std::vector{ledger[3]}));
  EXPECT_EQ(store_->count_packets("accepted"), 3);
  EXPECT_EQ(store_->count_packets("rejected"), 1);
  EXPECT_EQ(store_->count_packets("pending"), 0);
}

TEST_P(StoreMethodsTest, AbisGalleryAndAdjudicationQueue) {
  const std::string compact = bytes({0, 0x7f, 0x80, 0xff});
  store_->put_gallery_finger(nik(2), 1, "A");
  store_->put_gallery_finger(nik(1), 7, "B");
  store_->put_gallery_finger(nik(1), 2, compact);
  store_->put_gallery_finger(nik(1), 7, "B2");  // the same finger again: replaced
  using Gallery = std::vector<std::tuple<std::string, int, std::string>>;
  auto gallery = [&] {
    Gallery out;
    store_->scan_gallery([&](const std::string& n, int finger, const std::string& c) { out.emplace_back(n, finger, c); });
    return out;
  };
  EXPECT_EQ(store_->count_gallery_fingers(), 3);
  EXPECT_EQ(gallery(), (Gallery{{nik(1), 2, compact}, {nik(1), 7, "B2"}, {nik(2), 1, "A"}}));
  store_->remove_gallery_person(nik(1));
  store_->remove_gallery_person(nik(9));  // unknown: nothing
  EXPECT_EQ(store_->count_gallery_fingers(), 1);
  EXPECT_EQ(gallery(), (Gallery{{nik(2), 1, "A"}}));

  const std::vector<AdjudicationCase> cases = {
      kase(nik(1), nik(2), 0.412345, "afis", "2025-01-01T00:00:00Z"),
      kase(nik(1), nik(3), 0.3, "afis", "2025-01-02T00:00:00Z"),
      kase(nik(4), nik(1), 0.9, "demographic", "2025-01-03T00:00:00Z", "same name, same birth day")};
  Ids ids;
  for (const auto& c : cases) ids.push_back(store_->insert_adjudication(c));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()) && std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  EXPECT_EQ(row(*store_->adjudication(ids[0])), row(cases[0]));  // the score survives to the millionth
  EXPECT_EQ(store_->adjudication(ids[2])->evidence, "same name, same birth day");
  EXPECT_FALSE(store_->adjudication(ids[2] + 100));
  EXPECT_EQ(pluck(store_->open_adjudications_of(nik(1)), &AdjudicationCase::id), (Ids{ids[0], ids[1]}));  // as the new NIK only
  EXPECT_TRUE(store_->open_adjudications_of(nik(2)).empty());

  // Decided once: a second officer is told someone was first.
  EXPECT_TRUE(store_->decide_adjudication(ids[0], "SAME_PERSON", "officer1", "2025-01-05T00:00:00Z", "same scar"));
  EXPECT_FALSE(store_->decide_adjudication(ids[0], "DIFFERENT_PEOPLE", "officer2", "2025-01-05T00:01:00Z", ""));
  EXPECT_FALSE(store_->decide_adjudication(ids[2] + 100, "CLOSED", "officer2", "2025-01-05T00:01:00Z", ""));
  AdjudicationCase decided = cases[0];
  decided.status = "SAME_PERSON", decided.decided_by = "officer1", decided.decided_at = "2025-01-05T00:00:00Z";
  decided.note = "same scar";
  EXPECT_EQ(row(*store_->adjudication(ids[0])), row(decided));
  EXPECT_EQ(pluck(store_->open_adjudications_of(nik(1)), &AdjudicationCase::id), Ids{ids[1]});
  EXPECT_EQ(pluck(store_->adjudications("OPEN", 10), &AdjudicationCase::id), (Ids{ids[1], ids[2]}));
  EXPECT_EQ(pluck(store_->adjudications("SAME_PERSON", 10), &AdjudicationCase::id), Ids{ids[0]});
  EXPECT_EQ(pluck(store_->adjudications("", 10), &AdjudicationCase::id), ids);
  EXPECT_EQ(pluck(store_->adjudications("", 2), &AdjudicationCase::id), (Ids{ids[0], ids[1]}));
}

TEST_P(StoreMethodsTest, DedupKeysStateChangesAndCases) {
  const Resident a = person(nik(1), kTarakanBarat), b = person(nik(2), kTarakanTimur), c = person(nik(3), kMalinau);
  add({a, b, c});
  const uint64_t high = 0xF000000000000001ull, k1 = 1, k2 = 2;  // high: past INT64_MAX
  store_->put_dedup_keys(a.nik, std::vector<uint64_t>{high, k1});
  store_->put_dedup_keys(b.nik, std::vector<uint64_t>{high, k2});
  store_->put_dedup_keys(c.nik, std::vector<uint64_t>{high, k1});
  store_->put_dedup_keys(a.nik, std::vector<uint64_t>{high, k2});  // replaces: a no longer holds k1
  EXPECT_EQ(store_->dedup_key_count(high), 3);
  EXPECT_EQ(store_->dedup_key_count(k1), 1);
  EXPECT_EQ(store_->dedup_key_count(k2), 2);
  EXPECT_EQ(store_->dedup_key_count(3), 0);
  auto holders = [&](std::vector<uint64_t> keys, const std::string& n, int64_t per_key) {
    return sorted(store_->dedup_key_holders(keys, n, per_key));
  };
  EXPECT_EQ(holders({high}, a.nik, 10), (Strings{b.nik, c.nik}));
  EXPECT_EQ(holders({high}, a.nik, 1).size(), 1u);  // at most per_key holders of each key
  EXPECT_EQ(holders({k1, k2}, a.nik, 10), (Strings{b.nik, c.nik}));
  EXPECT_TRUE(holders({k1}, c.nik, 10).empty());

  EXPECT_EQ(store_->dedup_state("watermark"), "");
  EXPECT_FALSE(store_->swap_dedup_state("watermark", "5", "6"));  // unset, not "5"
  EXPECT_TRUE(store_->swap_dedup_state("watermark", "", "5"));
  EXPECT_FALSE(store_->swap_dedup_state("watermark", "", "7"));  // set meanwhile
  EXPECT_FALSE(store_->swap_dedup_state("watermark", "4", "7"));
  EXPECT_TRUE(store_->swap_dedup_state("watermark", "5", "7"));
  EXPECT_EQ(store_->dedup_state("watermark"), "7");
  store_->put_dedup_state("model", "{}");
  store_->put_dedup_state("model", R"({"m":1})");
  EXPECT_EQ(store_->dedup_state("model"), R"({"m":1})");
  EXPECT_EQ(store_->dedup_state("watermark"), "7");

  // Residents in change order, after a sequence number, a page at a time; an update comes last.
  const auto all = store_->residents_changed_after(0, 10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(pluck(all, [](const ChangedResident& r) { return r.resident.nik; }), (Strings{a.nik, b.nik, c.nik}));
  EXPECT_TRUE(all[0].change_seq < all[1].change_seq && all[1].change_seq < all[2].change_seq);
  EXPECT_EQ(all[1].resident, b);
  const auto page = store_->residents_changed_after(all[0].change_seq, 1);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].resident.nik, b.nik);
  Resident renamed = a;
  renamed.name = "SITI AMINAH BINTI AHMAD";
  store_->update_resident(renamed);
  const auto after = store_->residents_changed_after(all[2].change_seq, 10);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].resident, renamed);
  EXPECT_GT(after[0].change_seq, all[2].change_seq);
  EXPECT_TRUE(store_->residents_changed_after(after[0].change_seq, 10).empty());

  // Cases between two people (either order) and by the region of either person.
  const Ids ids = {store_->insert_adjudication(kase(a.nik, b.nik, 0.8, "demographic", "2025-01-01T00:00:00Z")),
                   store_->insert_adjudication(kase(c.nik, a.nik, 0.7, "demographic", "2025-01-02T00:00:00Z")),
                   store_->insert_adjudication(kase(c.nik, nik(9), 0.6, "demographic", "2025-01-03T00:00:00Z")),
                   store_->insert_adjudication(kase(a.nik, c.nik, 0.5, "afis", "2025-01-04T00:00:00Z"))};
  ASSERT_TRUE(store_->decide_adjudication(ids[1], "DIFFERENT_PEOPLE", "officer1", "2025-01-05T00:00:00Z", ""));
  auto ids_of = [](const std::vector<AdjudicationCase>& v) { return pluck(v, &AdjudicationCase::id); };
  EXPECT_EQ(ids_of(store_->adjudications_between(a.nik, c.nik)), (Ids{ids[1], ids[3]}));
  EXPECT_EQ(ids_of(store_->adjudications_between(c.nik, a.nik)), (Ids{ids[1], ids[3]}));
  EXPECT_TRUE(store_->adjudications_between(b.nik, c.nik).empty());
  EXPECT_EQ(ids_of(store_->adjudications_in_region("demographic", "", "", 10)), (Ids{ids[0], ids[1], ids[2]}));
  EXPECT_EQ(ids_of(store_->adjudications_in_region("demographic", "65.71", "", 10)), (Ids{ids[0], ids[1]}));
  EXPECT_EQ(ids_of(store_->adjudications_in_region("demographic", "65.71.02", "", 10)), Ids{ids[0]});
  EXPECT_EQ(ids_of(store_->adjudications_in_region("demographic", "65.01", "OPEN", 10)), Ids{ids[2]});
  EXPECT_EQ(ids_of(store_->adjudications_in_region("demographic", "", "", 2)), (Ids{ids[0], ids[1]}));
  EXPECT_EQ(ids_of(store_->adjudications_in_region("afis", "65.71", "", 10)), Ids{ids[3]});
  EXPECT_TRUE(store_->adjudications_in_region("demographic", "65.04", "", 10).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreMethodsTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

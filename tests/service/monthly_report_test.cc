// [11] The monthly report a Kepala Dinas signs, on both backends: last month's figures come from
// the dated history (a transition, a death, an akta, a suket moves the month it is dated in and
// not the other), this month's equal the coverage counters, and the PDF prints the figures of the
// report's JSON with the letterhead and signature block.
#include "service/monthly_report.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "io/files.h"
#include "io/monthly_report_pdf.h"
#include "service/monthly_report_json.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

const Date kGenerated{2026, 11, 20}, kToday{2026, 12, 7};

struct Collect : GeneratorSink {
  std::vector<Resident> residents;
  std::vector<EktpTransition> records;
  std::vector<std::string> akta;
  void resident(const Resident& r, const std::string&) override { residents.push_back(r); }
  void family_member(const FamilyMember&) override {}
  void ektp(const std::string& nik, EktpStatus s, Date, Date since, bool) override {
    records.push_back({nik, std::nullopt, s, "import", since.iso() + "T09:00:00Z", "op", "st", ""});
  }
  void birth_certificate(const std::string& nik, const std::string&, Date) override { akta.push_back(nik); }
};

class MonthlyReportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    store_ = open_store(test::fresh_database(GetParam()));
    GeneratorOptions o;
    o.seed = 11;
    o.as_of = kGenerated;
    test::generate_tana_tidung(gen_, o);
    for (auto& r : gen_.residents) r.created_at = r.updated_at = "2026-11-20T08:00:00Z";
    StoreTransaction tx(*store_);
    store_->insert_residents(gen_.residents);
    for (const auto& e : gen_.records) store_->put_ektp_record(e.nik, e.to, e.at, false);
    store_->add_ektp_transitions(gen_.records);
    for (const auto& nik : gen_.akta) store_->put_birth_certificate(nik, "AKTA-" + nik, kGenerated);  // issued in November
    tx.commit();
  }

  MonthlyReport report(const std::string& code, const std::string& month) {
    auto r = MonthlyReportService(*store_, test::wilayah()).report(code, month, kToday);
    EXPECT_TRUE(r) << r.error().message_en;
    return r ? *r : MonthlyReport{};
  }

  // Adults of Tana Tidung without an e-KTP record, alive.
  std::vector<const Resident*> unrecorded_adults() {
    std::set<std::string> recorded;
    for (const auto& e : gen_.records) recorded.insert(e.nik);
    std::vector<const Resident*> out;
    for (const auto& r : gen_.residents)
      if (!recorded.count(r.nik) && r.alive && r.birth_date.age_on(Date{2026, 10, 1}) >= 20) out.push_back(&r);
    return out;
  }

  void record(const std::string& nik, EktpStatus s, const std::string& at) {
    StoreTransaction tx(*store_);
    store_->put_ektp_record(nik, s, at, false);
    const std::vector<EktpTransition> t = {{nik, std::nullopt, s, "capture", at, "op", "st", ""}};
    store_->add_ektp_transitions(t);
    tx.commit();
  }

  Collect gen_;
  std::unique_ptr<Store> store_;
};

#define EXPECT_SAME_FIGURES(a, b)                                                                                         \
  do {                                                                                                                    \
    EXPECT_EQ(to_json(a).dump(), to_json(b).dump());                                                                      \
  } while (0)

TEST_P(MonthlyReportTest, LastMonthComesFromTheDatedHistory) {
  const MonthlyReport a = report("65.04", "2026-11");
  EXPECT_EQ(a.as_of, (Date{2026, 11, 30}));
  EXPECT_EQ(a.previous, (Date{2026, 10, 31}));
  ASSERT_GT(a.total.now.population, 1000);
  // Every akta was issued on 20 November: none at the end of October.
  EXPECT_EQ(a.total.before.children_akta, 0);
  EXPECT_GT(a.total.now.children_akta, 0);
  EXPECT_EQ(a.rows.size(), test::wilayah().children("65.04").size());  // every kecamatan, by name
  for (const auto& row : a.rows) EXPECT_EQ(row.name, test::wilayah().find(row.code)->name);

  auto adults = unrecorded_adults();
  ASSERT_GE(adults.size(), 3u);
  record(adults[0]->nik, EktpStatus::PRR, "2026-11-10T03:00:00Z");  // November: this month only
  record(adults[1]->nik, EktpStatus::PRR, "2026-12-02T03:00:00Z");  // December: not in November's report
  Resident dead = *adults[2];  // died 15 November
  dead.alive = false;
  dead.death_date = Date{2026, 11, 15};
  {
    StoreTransaction tx(*store_);
    store_->update_resident(dead);
    auto suket = [&](const std::string& n, Date issued, Date expires, const std::string& closed) {
      SuketRecord s{n, adults[0]->nik, "65.04", issued, expires, "t" + n, closed.empty() ? "open" : "closed", closed, "", "op", ""};
      store_->insert_suket(s);
    };
    suket("S1", {2026, 10, 20}, {2027, 4, 20}, "");                         // held at both ends
    suket("S2", {2026, 5, 1}, {2026, 11, 1}, "");                           // held at both, expired in November
    suket("S3", {2026, 9, 1}, {2027, 3, 1}, "2026-11-05T02:00:00Z");        // replaced by a card in November
    tx.commit();
  }
  const MonthlyReport b = report("65.04", "2026-11");
  EXPECT_EQ(b.total.now.recorded_wajib, a.total.now.recorded_wajib + 1);
  EXPECT_EQ(b.total.now.prr, a.total.now.prr + 1);
  EXPECT_EQ(b.total.now.population, a.total.now.population - 1);
  EXPECT_EQ(b.total.now.still_to_record, a.total.now.still_to_record - 2);  // one recorded, one died
  EXPECT_EQ(b.total.now.suket_held, a.total.now.suket_held + 2);
  EXPECT_EQ(b.total.now.suket_expired, a.total.now.suket_expired + 1);
  EXPECT_EQ(b.total.before.suket_held, a.total.before.suket_held + 3);
  EXPECT_EQ(b.total.before.suket_expired, a.total.before.suket_expired);
  ReportFigures before = b.total.before;  // apart from the sukets, the end of October did not move
  before.suket_held = a.total.before.suket_held;
  EXPECT_SAME_FIGURES(before, a.total.before);
  // December's report has the December capture this month, not the month before.
  const MonthlyReport d = report("65.04", "2026-12");
  EXPECT_EQ(d.as_of, kToday);
  EXPECT_EQ(d.previous, (Date{2026, 11, 30}));
  EXPECT_EQ(d.total.now.prr, b.total.now.prr + 1);
  EXPECT_EQ(d.total.before.prr, b.total.now.prr);
}

// This month's column is what the coverage counters (the dashboard's numbers) say today.
TEST_P(MonthlyReportTest, ThisMonthEqualsTheCoverageCounters) {
  const MonthlyReport r = report("65.04", "2026-12");
  CoverageService cov(*store_, test::wilayah());
  auto c = cov.report(Level::Kecamatan, "65.04", kToday, kToday);
  ASSERT_TRUE(c) << c.error().message_en;
  ASSERT_EQ(c->rows.size(), r.rows.size());
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& k = c->rows[i].counters;
    const auto& f = r.rows[i].now;
    EXPECT_EQ(r.rows[i].code, c->rows[i].code);
    EXPECT_EQ(f.population, k[kPopulation]) << r.rows[i].code;
    EXPECT_EQ(f.wajib_ktp, k[kWajibKtp]);
    EXPECT_EQ(f.recorded_wajib, k[kRecordedWajib]);
    EXPECT_EQ(f.prr, k[kPrr]);
    EXPECT_EQ(f.printed, k[kPrinted]);
    EXPECT_EQ(f.delivered, k[kDelivered]);
    EXPECT_EQ(f.children_akta, k[kChildrenWithAkta]);
    EXPECT_DOUBLE_EQ(f.recording_pct, c->rows[i].recording_pct);
  }
  // A province's rows are its regencies; the regency's figures are the same in both reports.
  const MonthlyReport p = report("65", "2026-12");
  EXPECT_EQ(p.rows.size(), test::wilayah().children("65").size());
  for (const auto& row : p.rows)
    if (row.code == "65.04") EXPECT_SAME_FIGURES(row.now, r.total.now);
}

TEST_P(MonthlyReportTest, OnlyProvincesAndRegenciesAndPastMonths) {
  MonthlyReportService svc(*store_, test::wilayah());
  EXPECT_EQ(svc.report("65.04.01", "2026-11", kToday).error().code, "REPORT_REGION");
  EXPECT_EQ(svc.report("99", "2026-11", kToday).error().code, "REPORT_REGION");
  EXPECT_EQ(svc.report("65", "2027-01", kToday).error().field, "month");
  EXPECT_EQ(svc.report("65", "2026-13", kToday).error().code, "REPORT_MONTH");
  EXPECT_EQ(svc.report("65", "November", kToday).error().code, "REPORT_MONTH");
  EXPECT_EQ(svc.set_letterhead("65.04", "head_nip", "123").error().field, "head_nip");
  EXPECT_EQ(svc.set_letterhead("65.04", "shoe", "x").error().field, "field");
}

// The PDF a Kepala Dinas signs: letterhead, the JSON's figures in Indonesian form, names not
// codes, chart titles and axes, and the signature block with the date in words.
TEST_P(MonthlyReportTest, ThePdfPrintsTheReportsFigures) {
  MonthlyReportService svc(*store_, test::wilayah());
  ASSERT_TRUE(svc.set_letterhead("65.04", "address", "Jl. Jenderal Sudirman No. 1, Tideng Pale 77152"));
  ASSERT_TRUE(svc.set_letterhead("65.04", "head_name", "Drs. BUDI SANTOSO, M.Si."));
  ASSERT_TRUE(svc.set_letterhead("65.04", "head_nip", "196805121994031007"));
  const MonthlyReport r = report("65.04", "2026-11");
  const nlohmann::json j = to_json(r);  // what the API answers
  const std::string dir = test::temp_dir();
  write_file_atomic(dir + "/r.pdf", render_monthly_report_pdf(r));
  ASSERT_EQ(std::system(("pdftotext -layout " + dir + "/r.pdf " + dir + "/r.txt").c_str()), 0);
  const std::string text = read_file(dir + "/r.txt");
  auto has = [&](const std::string& s) { EXPECT_NE(text.find(s), std::string::npos) << "missing: " << s << "\n" << text; };
  has("PEMERINTAH KABUPATEN TANA TIDUNG");
  has("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL");
  has("Jl. Jenderal Sudirman No. 1, Tideng Pale 77152");
  has("LAPORAN BULANAN ADMINISTRASI KEPENDUDUKAN");
  has("Keadaan 30 November 2026, dibandingkan dengan 31 Oktober 2026");
  const auto& now = j["total"]["now"];
  const auto& before = j["total"]["before"];
  has(id_number(now["population"].get<int64_t>()));
  has(id_number(now["still_to_record"].get<int64_t>()));
  has(id_number(before["still_to_record"].get<int64_t>()));
  has(id_percent(now["recording_pct"].get<double>()));
  has(id_percent(now["akta_pct"].get<double>()));
  has(id_point_change(now["akta_pct"].get<double>() - before["akta_pct"].get<double>()));
  has(id_number(now["prr"].get<int64_t>()));
  has(id_number(now["ikd_activated"].get<int64_t>()));
  for (const auto& row : j["rows"]) has(row["name"].get<std::string>());
  has("II. Perekaman KTP-el wajib KTP per Kecamatan");
  has("Wajib KTP sudah rekam (%)");  // the axis
  has("III. Wajib KTP belum rekam per Kecamatan");
  has("Oktober 2026");  // the legend and the columns
  has("Tana Tidung, 7 Desember 2026");
  has("Kepala Dinas Kependudukan dan Pencatatan Sipil");
  has("Drs. BUDI SANTOSO, M.Si.");
  has("NIP. 196805121994031007");
}

// The regency with the most kecamatan (51): the table goes on overleaf, nothing is cut off, the
// signature block still comes last.
TEST_P(MonthlyReportTest, ALongTableGoesOnOverleaf) {
  const MonthlyReport r = report("95.03", "2026-11");
  ASSERT_EQ(r.rows.size(), test::wilayah().children("95.03").size());
  ASSERT_GT(r.rows.size(), 45u);
  const std::string dir = test::temp_dir();
  write_file_atomic(dir + "/r.pdf", render_monthly_report_pdf(r));
  ASSERT_EQ(std::system(("pdftotext " + dir + "/r.pdf " + dir + "/r.txt").c_str()), 0);
  const std::string text = read_file(dir + "/r.txt");
  const size_t table = text.find("IV. Rincian per Kecamatan");
  ASSERT_NE(table, std::string::npos);
  for (const auto& row : r.rows) EXPECT_NE(text.find(row.name.substr(0, 30), table), std::string::npos) << row.name;
  EXPECT_GT(text.find("Kepala Dinas Kependudukan dan Pencatatan Sipil"), text.find(r.rows.back().name.substr(0, 30), table));
}

INSTANTIATE_TEST_SUITE_P(Backends, MonthlyReportTest, ::testing::ValuesIn(test::backends()));

}  // namespace
}  // namespace ktpel

// Import through the service on both backends: good files land whole, bad files land not at all.
#include "service/import_residents.h"

#include <gtest/gtest.h>

#include <map>

#include "core/text/csv.h"
#include "io/dedup_io.h"
#include "io/files.h"
#include "store/store.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

const std::string kBad = std::string(KTPEL_TEST_SOURCE_DIR) + "/data/bad_csv/";

class ImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    store_ = open_store(test::fresh_database(GetParam()));
  }
  ImportReport run(const std::string& residents, const std::string& families = "", bool skip_bad = false) {
    ImportOptions opt;
    opt.skip_bad = skip_bad;
    opt.as_of = {2025, 6, 1};
    opt.now = "2025-06-01T08:00:00Z";
    opt.source_name = "test";
    return import_residents(*store_, test::wilayah(), residents, families, opt);
  }
  std::unique_ptr<Store> store_;
};

TEST_P(ImportTest, GoodFileImportsEveryRow) {
  auto report = run(read_file(kBad + "good.csv"), "kk,nik,relationship\n6571010405130001,6571011203850001,KEPALA KELUARGA\n"
                                                  "6571010405130001,6571014501900001,ISTRI\n");
  EXPECT_TRUE(report.committed);
  EXPECT_EQ(report.imported, 2u);
  EXPECT_EQ(report.family_imported, 2u);
  EXPECT_EQ(store_->count_residents(), 2);
  EXPECT_EQ(store_->find_resident("6571011203850001")->address, "JL. SUDIRMAN NO. 5, GG. MAWAR");
  EXPECT_EQ(store_->family("6571010405130001").size(), 2u);
}

TEST_P(ImportTest, EveryBadFileIsRejectedWholeWithItsLineAndField) {
  const std::string cases = read_file(kBad + "cases.csv");
  CsvReader reader(cases);
  CsvRecord rec;
  reader.next(rec);  // header
  int checked = 0;
  while (reader.next(rec)) {
    const std::string file = rec.fields[0], code = rec.fields[1], line = rec.fields[2], field = rec.fields[3];
    SCOPED_TRACE(file);
    auto report = run(read_file(kBad + file));
    EXPECT_FALSE(report.committed);
    EXPECT_GT(report.problem_count, 0u);
    EXPECT_EQ(store_->count_residents(), 0) << "a rejected import wrote rows";
    bool found = code == "*";
    for (const auto& p : report.problems) {
      EXPECT_FALSE(p.message_en.empty());
      EXPECT_FALSE(p.message_id.empty());
      if (p.code == code && std::to_string(p.line) == line && p.field == field) found = true;
    }
    EXPECT_TRUE(found) << "expected " << code << " at line " << line << " field '" << field << "'; first problem: "
                       << report.problems.front().code << " line " << report.problems.front().line;
    ++checked;
  }
  EXPECT_EQ(checked, 10);
}

TEST_P(ImportTest, SkipBadImportsGoodRowsAndReturnsTheRest) {
  auto report = run(read_file(kBad + "unknown_village.csv"), "", /*skip_bad=*/true);
  EXPECT_TRUE(report.committed);
  EXPECT_EQ(report.imported, 1u);
  EXPECT_EQ(report.rejected, 1u);
  EXPECT_EQ(store_->count_residents(), 1);
  EXPECT_NE(report.rejected_residents_csv.find("65.71.01.9999"), std::string::npos);
  EXPECT_EQ(report.rejected_residents_csv.rfind("nik,kk,name", 0), 0u);  // re-importable after fixing
}

TEST_P(ImportTest, NikAlreadyInTheRegistryIsADuplicate) {
  ASSERT_TRUE(run(read_file(kBad + "good.csv")).committed);
  auto again = run(read_file(kBad + "good.csv"));
  EXPECT_FALSE(again.committed);
  ASSERT_FALSE(again.problems.empty());
  EXPECT_EQ(again.problems[0].code, "NIK_DUPLICATE");
  EXPECT_EQ(store_->count_residents(), 2);
}

TEST_P(ImportTest, FamilyProblemsRejectTheImport) {
  const std::string residents = read_file(kBad + "good.csv");
  auto two_heads = run(residents, "kk,nik,relationship\n6571010405130001,6571011203850001,KEPALA KELUARGA\n"
                                  "6571010405130001,6571014501900001,KEPALA KELUARGA\n");
  EXPECT_FALSE(two_heads.committed);
  EXPECT_EQ(two_heads.problems.at(0).code, "FAMILY_HEAD_COUNT");
  auto wrong_kk = run(residents, "kk,nik,relationship\n6571010405130009,6571011203850001,KEPALA KELUARGA\n");
  EXPECT_EQ(wrong_kk.problems.at(0).code, "KK_MISMATCH");
  auto stranger = run(residents, "kk,nik,relationship\n6571010405130001,6571011203850009,KEPALA KELUARGA\n");
  EXPECT_EQ(stranger.problems.at(0).code, "RESIDENT_NOT_FOUND");
  EXPECT_EQ(store_->count_residents(), 0);
}

TEST_P(ImportTest, EktpStatesImportWithTheirHistory) {
  ImportOptions opt;
  opt.as_of = {2025, 6, 1};
  opt.now = "2025-06-01T08:00:00Z";
  const std::string residents = read_file(kBad + "good.csv");
  const std::string header = "nik,status,recorded_on,status_since,ikd_activated\n";
  auto bad = import_residents(*store_, test::wilayah(), residents, "", opt,
                              header + "6571014501900001,PRR,2025-01-01,2025-02-01,0\n6571019999999999,PRR,2025-01-01,2025-02-01,0\n"
                                       "6571011203850001,LOST,2025-01-01,2025-02-01,0\n");
  EXPECT_FALSE(bad.committed);
  ASSERT_EQ(bad.problems.size(), 2u);
  EXPECT_EQ(bad.problems[0].code, "RESIDENT_NOT_FOUND");
  EXPECT_EQ(bad.problems[0].line, 3u);
  EXPECT_EQ(bad.problems[1].field, "status");
  EXPECT_EQ(store_->count_residents(), 0);
  auto good = import_residents(*store_, test::wilayah(), residents, "", opt,
                               header + "6571014501900001,DELIVERED,2020-01-01,2020-03-01,1\n");
  ASSERT_TRUE(good.committed);
  EXPECT_EQ(good.ektp_imported, 1u);
  auto r = store_->ektp_record("6571014501900001");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, EktpStatus::DELIVERED);
  EXPECT_TRUE(r->ikd_activated);
  EXPECT_EQ(store_->ektp_history("6571014501900001").size(), 6u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

namespace ktpel {
namespace {

// Large inputs (ktpel dedup --in) are mapped, not copied; what cannot be mapped is read.
TEST(MappedFile, MapsFilesAndFailsNamingThePath) {
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/mapped_file_test.csv";
  write_file_atomic(path, "nik,name\n1,A\n");
  {
    const MappedFile f(path);
    EXPECT_EQ(f.text(), "nik,name\n1,A\n");
  }
  write_file_atomic(path, "");
  EXPECT_EQ(MappedFile(path).text(), "");
  try {
    MappedFile missing(dir + "/no_such_file.csv");
    FAIL() << "a missing file must throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_file.csv"), std::string::npos) << e.what();
  }
  EXPECT_THROW(MappedFile folder(dir), std::runtime_error);  // a folder is not a file
}

}  // namespace
}  // namespace ktpel

namespace ktpel {
namespace {

// ktpel dedup --in: records come in birth-date-then-NIK order whether the file is plain (cut at
// commas) or quoted (the CSV reader), with CRLF endings and blank lines.
TEST(DedupCsv, PlainAndQuotedFilesGiveTheSameRecordsInBirthOrder) {
  const std::string dir = ::testing::TempDir();
  const std::string header = "nik,name,birth_date,mother_name\r\n";
  const std::string plain = header +
                            "6571010101900002,SITI AMINAH,1990-01-01,WATI\r\n"
                            "\r\n"
                            "6571010101850001,BUDI,1985-01-01,SRI\r\n"
                            "6571010101900001,ANI,1990-01-01,WATI\r\n";
  std::string quoted = plain;
  quoted.replace(quoted.find("SITI AMINAH"), 11, "\"AMINAH, SITI\"");
  write_file_atomic(dir + "/plain.csv", plain);
  write_file_atomic(dir + "/quoted.csv", quoted);
  for (unsigned threads : {1u, 2u}) {
    const auto a = read_dedup_csv(dir + "/plain.csv", nullptr, {}, threads);
    const auto b = read_dedup_csv(dir + "/quoted.csv", nullptr, {}, threads);
    ASSERT_EQ(a.size(), 3u);
    ASSERT_EQ(b.size(), 3u);
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(a[i].nik(), b[i].nik());
    EXPECT_EQ(a[0].nik(), "6571010101850001");
    EXPECT_EQ(a[1].nik(), "6571010101900001");
    EXPECT_EQ(a[2].nik(), "6571010101900002");
    EXPECT_EQ(a[2].name_key(), "siti aminah");
    EXPECT_EQ(a[1].row, 5u);  // the source line, for messages
  }
  // A NIK that is not 16 digits: still read (ordered by its text), not refused.
  write_file_atomic(dir + "/short.csv", header + "123,X,1990-01-01,Y\r\n6571010101850001,BUDI,1985-01-01,SRI\r\n");
  EXPECT_EQ(read_dedup_csv(dir + "/short.csv", nullptr, {}, 2).size(), 2u);
}

// The reader prepares records straight into their birth-order places, reading each from where the
// first pass found it: a quoted field across lines, commas and quotes inside fields, blank lines
// and CRLF must give the same records, in the same order, with the same source lines, as preparing
// the rows one by one.
TEST(DedupCsv, RecordsReadInBirthOrderAreTheRowsAsWritten) {
  const std::string dir = ::testing::TempDir();
  // The file opens with a BOM (skipped); the KK comes first, and a few KKs begin with the BOM's
  // bytes themselves: inside the file they are text, kept as written.
  std::string csv = "\xEF\xBB\xBFkk,nik,name,sex,birth_date,mother_name,father_name,address\r\n";
  std::vector<DedupInput> rows;
  uint64_t line = 2, x = 7;
  auto next = [&] { return x = x * 6364136223846793005ull + 1442695040888963407ull, x >> 33; };
  const char* names[] = {"SITI AMINAH", "BUDI \"BOB\" SANTOSO", "AMINAH, SITI", "I GUSTI NGURAH RAI", "M. RIZKI"};
  for (int i = 0; i < 3000; ++i) {
    DedupInput in;
    char nik[17], dob[11];
    std::snprintf(nik, sizeof nik, "65710101%08d", i);
    std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", 1950 + static_cast<int>(next() % 3), 1 + static_cast<int>(next() % 2), 1);
    in.nik = nik;
    in.kk = (i % 13 == 0 ? "\xEF\xBB\xBFKK" : "KK") + std::to_string(next() % 100);
    in.name = names[next() % 5];
    in.sex = next() % 2 ? "L" : "P";
    in.birth_date = dob;
    in.mother_name = i % 7 == 0 ? "" : "WATI";
    in.father_name = "JOKO";
    in.address = i % 11 == 0 ? "JL. MAWAR\nRT 01" : "JL. MELATI";  // a line break inside a quoted field
    in.row = line;
    std::string row;
    csv_append_record(row, {in.kk, in.nik, in.name, in.sex, in.birth_date, in.mother_name, in.father_name, in.address});
    csv += row.substr(0, row.size() - 1) + "\r\n";
    line += 1 + (i % 11 == 0);
    if (i % 500 == 0) {
      csv += "\r\n";  // a blank line
      ++line;
    }
    rows.push_back(in);
  }
  write_file_atomic(dir + "/rows.csv", csv);
  const std::vector<PreparedRecord> expected = prepare_all(rows, 2);
  for (unsigned threads : {1u, 2u}) {
    const std::vector<PreparedRecord> read = read_dedup_csv(dir + "/rows.csv", nullptr, {}, threads);
    ASSERT_EQ(read.size(), expected.size());
    for (size_t i = 0; i < read.size(); ++i) {
      ASSERT_EQ(read[i].nik(), expected[i].nik()) << i;
      EXPECT_EQ(read[i].row, expected[i].row) << read[i].nik();
      EXPECT_EQ(read[i].name_key(), expected[i].name_key()) << read[i].nik();
      EXPECT_EQ(read[i].kk(), expected[i].kk()) << read[i].nik();
      EXPECT_EQ(read[i].mother_key(), expected[i].mother_key()) << read[i].nik();
      EXPECT_EQ(read[i].household, expected[i].household) << read[i].nik();
      EXPECT_EQ(read[i].dob, expected[i].dob) << read[i].nik();
    }
  }
}

}  // namespace
}  // namespace ktpel

// Table exports (CSV, XLSX) and the monthly report PDF.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "io/coverage_report_pdf.h"
#include "io/files.h"
#include "io/table_export.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

ExportTable sample() {
  ExportTable t;
  t.title = "Peringkat: perekaman";
  t.columns = {"Kode", "Nama", "Perekaman %"};
  t.rows = {{"65.04", "Kabupaten Tana Tidung", 87.5}, {"65.71", "Kota \"Tarakan\", Kaltara", 98.25}};
  return t;
}

TEST(TableExport, CsvQuotesAndStartsWithABom) {
  const std::string csv = table_to_csv(sample());
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("Kode,Nama,Perekaman %"), std::string::npos);
  EXPECT_NE(csv.find("65.71,\"Kota \"\"Tarakan\"\", Kaltara\",98.25"), std::string::npos);
}

TEST(TableExport, XlsxIsAWorkbookWithTheRows) {
  const std::string dir = test::temp_dir();
  const std::string xlsx = table_to_xlsx(sample());
  EXPECT_EQ(xlsx.substr(0, 2), "PK");  // a zip container
  write_file_atomic(dir + "/t.xlsx", xlsx);
  const std::string cmd = "python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); s=z.read('xl/sharedStrings.xml').decode();"
                          " w=z.read('xl/worksheets/sheet1.xml').decode(); assert 'Kabupaten Tana Tidung' in s and w.count('<row ')==3 and '87.5' in w\" " +
                          dir + "/t.xlsx";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

TEST(TableExport, BadTablesNameTheFieldAndRow) {
  ExportTable t;
  std::string error;
  EXPECT_FALSE(table_from_json(nlohmann::json::parse(R"({"rows": []})"), t, error));
  EXPECT_EQ(error.substr(0, 8), "columns:");
  EXPECT_FALSE(table_from_json(nlohmann::json::parse(R"({"columns": ["a", "b"], "rows": [[1, 2], [3]]})"), t, error));
  EXPECT_EQ(error.substr(0, 8), "rows[2]:");
  ExportTable ok;
  EXPECT_TRUE(table_from_json(nlohmann::json::parse(R"({"title": "x", "columns": ["a"], "rows": [[1], ["b"]]})"), ok, error));
  EXPECT_EQ(ok.rows.size(), 2u);
}

TEST(CoverageReportPdf, RendersTheRegencyReport) {
  CoverageReport rep;
  rep.as_of = {2026, 11, 22};
  for (int i = 0; i < 12; ++i) {
    CoverageRow r;
    r.code = "65.71.0" + std::to_string(i % 10);
    r.name = "Kecamatan " + std::to_string(i);
    r.counters[kWajibKtp] = 1000 + i;
    r.recording_pct = 80 + i;
    r.recording_rank = i + 1;
    rep.rows.push_back(r);
  }
  rep.total.code = "65.71";
  rep.total.name = "Kota Tarakan";
  rep.total.counters[kPopulation] = 255310;
  const std::string pdf = render_coverage_report_pdf(rep);
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  const std::string dir = test::temp_dir();
  write_file_atomic(dir + "/r.pdf", pdf);
  ASSERT_EQ(std::system(("pdftotext " + dir + "/r.pdf " + dir + "/r.txt").c_str()), 0);
  const std::string text = read_file(dir + "/r.txt");
  EXPECT_NE(text.find("Kota Tarakan"), std::string::npos);
  EXPECT_NE(text.find("255.310"), std::string::npos);  // Indonesian thousands
  EXPECT_NE(text.find("Kecamatan 11"), std::string::npos);
}

}  // namespace
}  // namespace ktpel

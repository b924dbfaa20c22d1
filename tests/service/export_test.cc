// Table exports (CSV, XLSX) and the monthly report PDF.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "io/monthly_report_pdf.h"
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

// [11] A CSV opened by Excel with Indonesian settings (list separator ;, decimal comma): the
// standard CSV put every row in one column and read 87.5 as 875. The file is parsed here as
// Excel-ID reads it: BOM, ; between cells, decimals with a comma, codes and NIKs kept as text.
TEST(TableExport, CsvForIndonesianExcel) {
  ExportTable t = sample();
  t.columns.push_back("NIK");
  t.rows[0].push_back("6571010101900001");
  t.rows[1].push_back("=1+2");
  t.rows[1][2] = -1234.75;
  const std::string dir = test::temp_dir();
  write_file_atomic(dir + "/t.csv", table_to_csv(t, CsvDialect::ExcelIndonesia));
  write_file_atomic(dir + "/parse.py", R"py(import csv, sys
b = open(sys.argv[1], 'rb').read()
assert b[:3] == b'\xef\xbb\xbf', b[:3]
r = list(csv.reader(b[3:].decode().splitlines(), delimiter=';'))
assert r[0] == ['Kode', 'Nama', 'Perekaman %', 'NIK'], r[0]
assert r[1] == ['="65.04"', 'Kabupaten Tana Tidung', '87,5', '="6571010101900001"'], r[1]
assert r[2] == ['="65.71"', 'Kota "Tarakan", Kaltara', '-1234,75', "'=1+2"], r[2]
assert len(r) == 3, r
)py");
  const std::string cmd = "python3 " + dir + "/parse.py " + dir + "/t.csv";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << read_file(dir + "/t.csv");
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
  // [9] api_fuzz: a field the export would ignore (a NIK) is named, not silently dropped.
  EXPECT_FALSE(table_from_json(nlohmann::json::parse(R"({"columns": ["a"], "rows": [], "nik": "6502131706700001"})"), t, error));
  EXPECT_EQ(error.substr(0, 4), "nik:");
  ExportTable ok;
  EXPECT_TRUE(table_from_json(nlohmann::json::parse(R"({"title": "x", "columns": ["a"], "rows": [[1], ["b"]]})"), ok, error));
  EXPECT_EQ(ok.rows.size(), 2u);
}

// A title starting with ' made libxlsxwriter answer a NULL worksheet that was then written to
// (SIGSEGV in the server). Every title now gives a sheet name Excel accepts.
TEST(TableExport, SheetNamesFollowExcelsRules) {
  EXPECT_EQ(excel_sheet_name("'Peringkat'"), "Peringkat");
  EXPECT_EQ(excel_sheet_name("''''"), "ktpel");
  EXPECT_EQ(excel_sheet_name(""), "ktpel");
  EXPECT_EQ(excel_sheet_name("History"), "ktpel");
  EXPECT_EQ(excel_sheet_name("a[b]:c*d?e/f\\g"), "a b  c d e f g");
  EXPECT_EQ(excel_sheet_name("tab\there"), "tab here");
  EXPECT_EQ(excel_sheet_name(std::string(40, 'x')), std::string(31, 'x'));
  // 31 characters, not 31 bytes: a multi-byte character is never cut in half.
  std::string accented;
  for (int i = 0; i < 40; ++i) accented += "\xC3\xA9";  // é
  EXPECT_EQ(excel_sheet_name(accented), accented.substr(0, 62));
  EXPECT_EQ(excel_sheet_name("abc\xFF"), "abc ");  // not UTF-8: a space
  EXPECT_EQ(excel_sheet_name(std::string(30, 'x') + "'y"), std::string(30, 'x'));  // cut, then no ' at the end
}

TEST(TableExport, XlsxWithAHostileTitleIsAWorkbook) {
  const std::string dir = test::temp_dir();
  for (const std::string& title : {std::string("'Peringkat"), std::string("Peringkat'"), std::string("'"),
                                  std::string("[]:*?/\\"), std::string(300, '\''), std::string("a\0b", 3)}) {
    ExportTable t = sample();
    t.title = title;
    const std::string xlsx = table_to_xlsx(t);
    ASSERT_EQ(xlsx.substr(0, 2), "PK") << title;
    write_file_atomic(dir + "/t.xlsx", xlsx);
    const std::string cmd = "python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); w=z.read('xl/workbook.xml').decode();"
                            " assert '<sheet name=' in w\" " + dir + "/t.xlsx";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << title;
  }
}

TEST(TableExport, CsvCellsNeverStartAFormula) {
  ExportTable t;
  t.columns = {"=kolom", "Nama", "Selisih", "Teks"};
  t.rows = {{"@SUM(A1)", "=HYPERLINK(\"http://x\")", -5, "-5"}, {"+62", "\tx", 3.5, "SITI"}};
  const std::string csv = table_to_csv(t);
  EXPECT_NE(csv.find("\"'=kolom\",Nama,Selisih,Teks\n"), std::string::npos) << csv;
  // A JSON number is a number (-5 stays); the same text in a string cell is neutralised.
  EXPECT_NE(csv.find("\"'@SUM(A1)\",\"'=HYPERLINK(\"\"http://x\"\")\",-5,\"'-5\"\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'+62\",\"'\tx\",3.5,SITI\n"), std::string::npos) << csv;
}

TEST(TableExport, CellsAreScalarsWithinExcelsLimits) {
  std::string error;
  ExportTable t1, t2, t3, t4;
  EXPECT_FALSE(table_from_json(nlohmann::json::parse(R"({"columns": ["a"], "rows": [[1], [[2]]]})"), t1, error));
  EXPECT_EQ(error.substr(0, 8), "rows[2]:");
  const nlohmann::json long_cell = {{"columns", nlohmann::json::array({"a"})},
                                    {"rows", nlohmann::json::array({nlohmann::json::array({std::string(32768, 'x')})})}};
  EXPECT_FALSE(table_from_json(long_cell, t2, error));
  EXPECT_EQ(error.substr(0, 8), "rows[1]:");
  EXPECT_FALSE(table_from_json(nlohmann::json::parse(R"({"title": 5, "columns": ["a"], "rows": []})"), t3, error));
  EXPECT_EQ(error.substr(0, 6), "title:");
  EXPECT_TRUE(table_from_json(nlohmann::json::parse(R"({"title": null, "columns": ["a"], "rows": [[null], [true]]})"), t4, error));
}

// Numbers and dates as an Indonesian reader writes them (the monthly report).
TEST(MonthlyReportPdf, IndonesianForms) {
  EXPECT_EQ(id_number(255310), "255.310");
  EXPECT_EQ(id_number(-1234567), "-1.234.567");
  EXPECT_EQ(id_number(0), "0");
  EXPECT_EQ(id_percent(98.254), "98,25%");
  EXPECT_EQ(id_change(12), "+12");
  EXPECT_EQ(id_change(-3000), "-3.000");
  EXPECT_EQ(id_point_change(0.25), "+0,25 poin");
  EXPECT_EQ(id_point_change(-0.001), "0,00 poin");
  EXPECT_EQ(id_date({2026, 12, 6}), "6 Desember 2026");
  EXPECT_EQ(id_month(2026, 2), "Februari 2026");
}

}  // namespace
}  // namespace ktpel

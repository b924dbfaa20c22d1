#include "core/text/csv.h"

#include <gtest/gtest.h>

namespace ktpel {

static std::vector<CsvRecord> read_all(std::string_view text, std::vector<std::string>* errors = nullptr) {
  CsvReader r(text);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.next(rec)) {
    if (errors) errors->push_back(r.error());
    out.push_back(rec);
  }
  return out;
}

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto recs = read_all("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(recs[1].line, 2u);
  EXPECT_EQ(recs[2].line, 4u);  // the quoted newline advanced the physical line
  EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"last", "", ""}));
}

TEST(Csv, ReportsQuoteErrorsAndResyncs) {
  std::vector<std::string> errors;
  auto recs = read_all("ok,1\nbad\"quote,2\n\"closed\"junk,3\nfine,4\n", &errors);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_TRUE(errors[0].empty());
  EXPECT_NE(errors[1].find("quote inside an unquoted field"), std::string::npos);
  EXPECT_NE(errors[2].find("after a closing quote"), std::string::npos);
  EXPECT_TRUE(errors[3].empty());
  EXPECT_EQ(recs[3].fields[0], "fine");
  EXPECT_EQ(recs[3].line, 4u);
}

TEST(Csv, UnterminatedQuoteAndNulBytes) {
  std::vector<std::string> errors;
  read_all("a,\"never closed\nmore", &errors);
  EXPECT_NE(errors.back().find("never closed"), std::string::npos);
  CsvReader r(std::string_view("ab\0cd,1\n", 8));
  CsvRecord rec;
  ASSERT_TRUE(r.next(rec));
  EXPECT_TRUE(r.binary());
}

TEST(Csv, WriterRoundTrips) {
  std::string out;
  csv_append_record(out, {"plain", "with,comma", "with \"quote\"", "line\nbreak", ""});
  auto recs = read_all(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"plain", "with,comma", "with \"quote\"", "line\nbreak", ""}));
}

// OWASP "CSV injection": a text cell a spreadsheet would run as a formula gets a leading ' and
// quotes; other cells are written as before.
TEST(Csv, ExportCellsNeverStartAFormula) {
  std::string out;
  csv_append_export_record(out, {"=HYPERLINK(\"http://x\",\"klik\")", "+62 811", "-5", "@SUM(A1)", "\tTAB", "\rCR",
                                 "SITI =1", "6571014501900001", ""});
  EXPECT_EQ(out, "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",\"'+62 811\",\"'-5\",\"'@SUM(A1)\",\"'\tTAB\",\"'\rCR\","
                 "SITI =1,6571014501900001,\n");
  auto recs = read_all(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields[0], "'=HYPERLINK(\"http://x\",\"klik\")");
  EXPECT_EQ(recs[0].fields[2], "'-5");  // a text cell: prefixed even when it looks like a number
  // A writer that knows a value is a number writes it unchanged.
  std::string number;
  csv_append_field(number, "-5");
  EXPECT_EQ(number, "-5");
}

TEST(Csv, SkipsUtf8Bom) {
  auto recs = read_all("\xEF\xBB\xBFnik,kk\n1,2\n");
  EXPECT_EQ(recs[0].fields[0], "nik");
}

}  // namespace ktpel

namespace ktpel {

// The reader reuses one record's strings from row to row: a short row after a long one, a row cut
// by an error and a row whose field was moved out must hold exactly their own fields.
TEST(Csv, ReusedRecordHoldsOnlyItsOwnFields) {
  CsvReader r("a long first field,b,c,d\nx\n\"moved\",y\nbad\"q,1\n,\n");
  CsvRecord rec;
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(rec.fields.size(), 4u);
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"x"}));
  ASSERT_TRUE(r.next(rec));
  const std::string taken = std::move(rec.fields[0]);
  EXPECT_EQ(taken, "moved");
  ASSERT_TRUE(r.next(rec));
  EXPECT_FALSE(r.error().empty());
  EXPECT_EQ(rec.fields, (std::vector<std::string>{}));  // the field in error is not kept
  ASSERT_TRUE(r.next(rec));
  EXPECT_TRUE(r.error().empty());
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"", ""}));
  EXPECT_FALSE(r.next(rec));
  EXPECT_TRUE(rec.fields.empty());
}

}  // namespace ktpel

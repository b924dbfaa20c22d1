// [11] Over HTTP, on both backends: the monthly report's JSON and its errors, the CSV for
// Indonesian Excel, and the adjudication screen's images (the recorded photo and signature of
// either person of a case, 404 when none is stored, nothing for a case the caller cannot see).
#include <gtest/gtest.h>

#include "core/biometrics/enrolment.h"
#include "http/api_fixture.h"

namespace ktpel {
namespace {

using test::ApiTest;
using test::kBirth;
using json = nlohmann::json;

class ReportApiTest : public ApiTest {};

TEST_P(ReportApiTest, MonthlyReportJsonAndItsErrors) {
  send("POST", "/api/v1/residents", kBirth.dump(), 201);  // a resident of 65.71.01
  json r = get("/api/v1/reports/monthly?code=65.71", 200);
  EXPECT_EQ(r["level"], "kabupaten");
  EXPECT_EQ(r["name"], "Kota Tarakan");
  EXPECT_EQ(r["total"]["now"]["population"], 1);
  EXPECT_EQ(r["rows"].size(), test::wilayah().children("65.71").size());
  EXPECT_EQ(r["rows"][0]["name"], "Tarakan Barat");
  EXPECT_EQ(r["letterhead"]["head_title"], "Kepala Dinas Kependudukan dan Pencatatan Sipil");
  json p = get("/api/v1/reports/monthly?code=65&month=" + r["month"].get<std::string>(), 200);
  EXPECT_EQ(p["total"]["now"], r["total"]["now"]);
  EXPECT_EQ(get("/api/v1/reports/monthly?code=65.71.01", 422)["error"]["code"], "REPORT_REGION");
  EXPECT_EQ(get("/api/v1/reports/monthly?code=65&month=2026-13", 422)["error"]["field"], "month");
  EXPECT_EQ(get("/api/v1/reports/monthly?code=65&month=2999-01", 422)["error"]["code"], "REPORT_MONTH");
  auto pdf = client_->Get("/api/v1/export/report.pdf?code=65", as_permitted("GET", "/api/v1/export/report.pdf"));
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200);  // a province: 404 before [11]
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
}

TEST_P(ReportApiTest, CsvForIndonesianExcel) {
  const std::string table = R"({"title":"t","columns":["Kode","Nilai"],"rows":[["65.71",87.5]]})";
  auto csv = client_->Post("/api/v1/export/csv?dialect=excel-id", as_permitted("POST", "/api/v1/export/csv"), table, "application/json");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body, "\xEF\xBB\xBF\"Kode\";\"Nilai\"\r\n\"=\"\"65.71\"\"\";87,5\r\n");
  auto plain = client_->Post("/api/v1/export/csv", as_permitted("POST", "/api/v1/export/csv"), table, "application/json");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->body, "\xEF\xBB\xBF" "Kode,Nilai\n65.71,87.5\n");
  auto bad = client_->Post("/api/v1/export/csv?dialect=excel-us", as_permitted("POST", "/api/v1/export/csv"), table, "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["error"]["field"], "dialect");
}

TEST_P(ReportApiTest, AdjudicationPhotosAndSignaturesOfBothPeople) {
  const std::string a = send("POST", "/api/v1/residents", kBirth.dump(), 201)["nik"];
  json twin = kBirth;
  twin["name"] = "SITI AMINA";
  // The desk's likely-double check stops it; the officer registers it anyway (the case to adjudicate).
  twin["confirm_not_double"] = true;
  twin["not_double_reason"] = "pemohon menyatakan orang lain";
  const std::string b = send("POST", "/api/v1/residents", twin.dump(), 201)["nik"];
  Enrolment e;
  e.nik = b;
  e.station_id = "ST1";
  e.operator_id = "op";
  e.captured_at = "2026-11-02T03:00:00Z";
  e.photo_jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "foto-" + b;
  e.signature_png = "\x89PNG";
  store_->put_enrolment("ST1-1", e, {}, "2026-11-02T03:01:00Z");
  AdjudicationCase c;
  c.nik = b;
  c.other_nik = a;
  c.score = 0.9;
  c.fingers_json = "[]";
  c.source = "afis";
  c.created_at = "2026-11-02T03:02:00Z";
  const int64_t id = store_->insert_adjudication(c);
  const std::string base = "/api/v1/adjudication/" + std::to_string(id) + "/photo/";
  auto photo = client_->Get(base + "new", as_permitted("GET", base + "new"));
  ASSERT_TRUE(photo);
  EXPECT_EQ(photo->status, 200);
  EXPECT_EQ(photo->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(photo->body, e.photo_jpeg);
  get(base + "earlier", 404);  // imported, never recorded: the screen shows a placeholder
  const std::string sig = "/api/v1/adjudication/" + std::to_string(id) + "/signature/";
  auto signature = client_->Get(sig + "new", as_permitted("GET", sig + "new"));
  ASSERT_TRUE(signature);
  EXPECT_EQ(signature->status, 200);
  EXPECT_EQ(signature->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(signature->body, e.signature_png);
  get(sig + "earlier", 404);
  get("/api/v1/adjudication/999/photo/new", 404);
  auto viewer = client_->Get(base + "new", {{"Authorization", "Bearer " + token_of(Role::Viewer)}});
  ASSERT_TRUE(viewer);
  EXPECT_EQ(viewer->status, 403);  // person data
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportApiTest, ::testing::ValuesIn(test::backends()), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

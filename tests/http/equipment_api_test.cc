// [10] Equipment over HTTP: the public "where is my KTP?" tells a resident of a kecamatan whose
// recording set is broken where to go, and the inventory routes answer as the OpenAPI says.
#include <gtest/gtest.h>

#include "core/equipment/recording_sets.h"
#include "core/wilayah/catalog.h"
#include "core/wilayah/geo.h"
#include "http/api_fixture.h"

namespace ktpel {
namespace {

using test::ApiTest;
using test::kBirth;
using json = nlohmann::json;

class EquipmentApiTest : public ApiTest {
 protected:
  // One full recording set (the standard composition) at a kecamatan.
  void give_set(const std::string& kecamatan, const std::string& tag, ItemStatus pc_status = ItemStatus::Active) {
    for (auto t : SetComposition::standard().types) {
      EquipmentItem i;
      i.serial = tag + "-" + std::string(to_string(t));
      i.office = kecamatan;
      i.type = t;
      i.status = t == ItemType::Pc ? pc_status : ItemStatus::Active;
      ASSERT_TRUE(store_->insert_item(i, "2026-01-01T00:00:00Z"));
    }
  }
  json lookup(const std::string& nik, const std::string& birth, int expect) {
    auto res = client_->Get("/api/v1/public/ektp-status?nik=" + nik + "&birth_date=" + birth);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << res->body;
    return json::parse(res->body);
  }
};

TEST_P(EquipmentApiTest, WhereIsMyKtpSendsAResidentOfABrokenKecamatanToTheNearestWorkingOne) {
  const std::string nik = send("POST", "/api/v1/residents", kBirth.dump(), 201)["nik"];  // in 65.71.01, Tarakan Barat
  // Tarakan Barat's only set has a broken PC; two other kecamatan of the province record.
  give_set("65.71.01", "TB", ItemStatus::Broken);
  give_set("65.71.02", "TT");
  give_set("65.01.01", "FAR");
  json d = lookup(nik, "1990-01-05", 200);
  EXPECT_EQ(d["status"], "NOT_RECORDED");
  ASSERT_TRUE(d["recording"].is_object()) << d;
  EXPECT_EQ(d["recording"]["kecamatan"], "65.71.01");
  EXPECT_EQ(d["recording"]["can_record"], false);
  // The nearest of the two, by the centroids, computed here.
  const auto& w = test::wilayah();
  auto km = [&](const std::string& a, const std::string& b) {
    return great_circle_km(*w.find(a)->lat, *w.find(a)->lon, *w.find(b)->lat, *w.find(b)->lon);
  };
  const std::string nearest = km("65.71.01", "65.71.02") <= km("65.71.01", "65.01.01") ? "65.71.02" : "65.01.01";
  EXPECT_EQ(d["recording"]["serve_at"], nearest);
  EXPECT_EQ(d["recording"]["serve_at_name"], w.find(nearest)->name);
  EXPECT_NEAR(d["recording"]["distance_km"].get<double>(), km("65.71.01", nearest), 0.06);
  // The same 404 for a wrong birth date as for an unknown NIK: nothing about the equipment leaks.
  EXPECT_FALSE(lookup(nik, "1990-01-06", 404).contains("recording"));
  // Repaired: the resident records at home.
  ASSERT_TRUE(store_->item("TB-PC", false));
  auto pc = *store_->item("TB-PC", false);
  pc.status = ItemStatus::Active;
  store_->update_item(pc, "2026-01-02T00:00:00Z");
  d = lookup(nik, "1990-01-05", 200);
  EXPECT_EQ(d["recording"]["can_record"], true);
  EXPECT_EQ(d["recording"]["serve_at"], "65.71.01");
}

TEST_P(EquipmentApiTest, InventoryFaultAndRepairThroughTheRoutes) {
  json item = send("POST", "/api/v1/equipment",
                   R"({"office":"65.71.01","item_type":"PC","serial":"PC-1","model":"HP ProDesk","os":"Windows 10","installed_on":"2016-03-01"})", 201);
  EXPECT_EQ(item["os_end_of_support"], "2025-10-14");
  EXPECT_EQ(send("POST", "/api/v1/equipment", R"({"office":"65.71","item_type":"PC","serial":"PC-2"})", 422)["error"]["field"], "office");
  EXPECT_EQ(send("POST", "/api/v1/equipment", R"({"office":"65.71.01","item_type":"PC","serial":"PC-1"})", 409)["error"]["code"], "ITEM_EXISTS");
  EXPECT_EQ(send("POST", "/api/v1/equipment", R"({"office":"65.71.01","item_type":"PC","serial":"PC-3","colour":"red"})", 422)["error"]["code"],
            "FIELD_UNKNOWN");
  json t = send("POST", "/api/v1/equipment/PC-1/faults", R"({"symptom":"tidak menyala","cause":"power","date":"2026-11-02"})", 201);
  EXPECT_EQ(t["status"], "open");
  EXPECT_EQ(get("/api/v1/equipment/PC-1", 200)["status"], "broken");
  EXPECT_EQ(send("POST", "/api/v1/equipment/PC-1/status", R"({"status":"active"})", 409)["error"]["code"], "ITEM_STATUS_TICKET");
  const std::string close = "/api/v1/equipment/tickets/" + std::to_string(t["id"].get<int64_t>()) + "/close";
  EXPECT_EQ(send("POST", close, R"({"site":"centre","date":"2026-11-01"})", 422)["error"]["field"], "date");  // the request's name
  json closed = send("POST", close, R"({"site":"centre","date":"2026-11-30","cost_rupiah":4500000})", 200);
  EXPECT_EQ(closed["site"], "centre");
  EXPECT_EQ(get("/api/v1/equipment/PC-1", 200)["status"], "active");
  json rel = get("/api/v1/equipment/reliability?office=65.71", 200);
  ASSERT_EQ(rel["by_site"].size(), 1u);
  EXPECT_EQ(rel["by_site"][0]["group"], "centre");
  EXPECT_EQ(rel["by_site"][0]["mttr_days"], 28);  // 2026-11-02 to 2026-11-30
  json status = get("/api/v1/equipment/status?region=65.71", 200);
  EXPECT_EQ(status["can_record"], 0);  // one PC is not a set
  EXPECT_EQ(status["items"][0]["missing"].size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, EquipmentApiTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

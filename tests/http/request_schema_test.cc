// [11] Request bodies as JSON Schema: every write route documents its body in the OpenAPI
// document, and for a sample of routes a body valid per that schema is accepted while one breaking
// it is refused with every problem listed at once (422 {error, errors[]}, Indonesian and English).
// The schema is read back from /api/v1/openapi.json and checked here by a validator of its own,
// so the document, the server's check and this test must agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/common/date.h"
#include "http/api_fixture.h"
#include "service/vocabularies.h"

namespace ktpel {
namespace {

using test::ApiTest;
using json = nlohmann::json;

// The fields of body that break schema (the subset of JSON Schema the document uses: type,
// format date, enum, minimum, maximum, required, additionalProperties false).
std::set<std::string> violations(const json& schema, const json& body) {
  std::set<std::string> bad;
  if (!body.is_object()) return {"body"};
  const json& props = schema.value("properties", json::object());
  if (!schema.value("additionalProperties", true))
    for (const auto& [k, v] : body.items())
      if (!props.contains(k)) bad.insert(k);
  for (const auto& k : schema.value("required", json::array()))
    if (!body.contains(k.get<std::string>())) bad.insert(k.get<std::string>());
  for (const auto& [k, p] : props.items()) {
    if (!body.contains(k) || body[k].is_null()) continue;
    const json& v = body[k];
    const std::string type = p.value("type", "");
    const bool typed = (type == "string" && v.is_string()) || (type == "integer" && v.is_number_integer()) ||
                       (type == "number" && v.is_number()) || (type == "boolean" && v.is_boolean()) ||
                       (type == "array" && v.is_array()) || (type == "object" && v.is_object());
    if (!typed) {
      bad.insert(k);
      continue;
    }
    if (p.value("format", "") == "date" && !Date::parse_iso(v.get<std::string>())) bad.insert(k);
    if (p.contains("enum") && std::find(p["enum"].begin(), p["enum"].end(), v) == p["enum"].end()) bad.insert(k);
    if (p.contains("minimum") && v.is_number() && v.get<double>() < p["minimum"].get<double>()) bad.insert(k);
    if (p.contains("maximum") && v.is_number() && v.get<double>() > p["maximum"].get<double>()) bad.insert(k);
  }
  return bad;
}

// A value of the wrong kind for property p (a number for text, text for a number, a made-up
// word for an enum, a non-date for a date).
json breaking(const json& p) {
  if (p.contains("enum")) return "NOT-IN-THE-LIST";
  if (p.value("format", "") == "date") return "kemarin";
  return p.value("type", "") == "string" ? json(5) : json("x");
}

class RequestSchemaTest : public ApiTest {
 protected:
  // The JSON body schema of a route in the document (null when absent).
  static json body_schema(json doc, const std::string& path, const std::string& method = "post") {
    return doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"];
  }
};

TEST_P(RequestSchemaTest, EveryWriteRouteDocumentsItsBody) {
  const json doc = get("/api/v1/openapi.json", 200);
  int writes = 0;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      if (method != "post" && method != "put" && method != "patch") continue;
      ++writes;
      SCOPED_TRACE(method + " " + path);
      ASSERT_TRUE(op.contains("requestBody"));
      const json content_types = op["requestBody"].value("content", json::object());
      ASSERT_FALSE(content_types.empty());
      for (const auto& [media, content] : content_types.items()) {
        ASSERT_TRUE(content.contains("schema")) << media;
        const json& s = content["schema"];
        if (media != "application/json") {
          EXPECT_EQ(s.value("type", ""), "string") << media;  // a file: CSV text or packet bytes
          continue;
        }
        if (s.contains("$ref")) continue;  // a named component (ResidentInput)
        EXPECT_EQ(s.value("type", ""), "object");
        ASSERT_TRUE(s.contains("properties")) << s.dump();
        for (const auto& [name, p] : s["properties"].items()) EXPECT_TRUE(p.contains("type")) << name;
      }
    }
  EXPECT_GE(writes, 35);
  // Enums are the real vocabularies, not copies typed into the document.
  EXPECT_EQ(body_schema(doc, "/api/v1/equipment")["properties"]["item_type"]["enum"], json(vocab::item_types()));
  EXPECT_EQ(body_schema(doc, "/api/v1/ektp/{nik}/events")["properties"]["event"]["enum"], json(vocab::ektp_events()));
  EXPECT_EQ(body_schema(doc, "/api/v1/stock/movements")["properties"]["item"]["enum"], json(vocab::stock_items()));
  EXPECT_EQ(body_schema(doc, "/api/v1/print/jobs")["properties"]["date"]["format"], "date");
  // Errors list every problem: the shape is documented.
  EXPECT_TRUE(doc["components"]["schemas"]["Error"]["properties"].contains("errors"));
}

TEST_P(RequestSchemaTest, ABodyValidPerTheSchemaIsAcceptedAndOneBreakingItIsRefusedWithEveryProblem) {
  const json doc = get("/api/v1/openapi.json", 200);
  struct Sample {
    std::string path, doc_path;
    json valid;
    int expect;
  };
  // In order: each sample's valid body succeeds (the later ones use what the earlier made).
  std::vector<Sample> samples = {
      {"/api/v1/printers", "/api/v1/printers", {{"serial", "P-9"}, {"office", "65.71"}, {"cards_per_day", 100}, {"model", "X"}}, 201},
      {"/api/v1/printers/P-9/status", "/api/v1/printers/{serial}/status", {{"status", "broken"}, {"note", "head"}}, 200},
      {"/api/v1/equipment", "/api/v1/equipment",
       {{"office", "65.71.01"}, {"item_type", "PC"}, {"serial", "PC-9"}, {"installed_on", "2024-01-02"}}, 201},
      {"/api/v1/equipment/PC-9/faults", "/api/v1/equipment/{serial}/faults", {{"symptom", "tidak menyala"}, {"cause", "power"}}, 201},
      {"/api/v1/stock/movements", "/api/v1/stock/movements",
       {{"kind", "tranche"}, {"office", "65.71"}, {"quantity", 100}, {"reference", "SP-1"}}, 201},
  };
  for (const auto& s : samples) {
    SCOPED_TRACE(s.path);
    json schema = body_schema(doc, s.doc_path);
    ASSERT_TRUE(schema.is_object()) << s.doc_path;
    EXPECT_TRUE(violations(schema, s.valid).empty()) << s.valid.dump();
    send("POST", s.path, s.valid.dump(), s.expect);

    // Break it everywhere at once: an unknown field, every given field of the wrong kind, and
    // every required field left out that was not given.
    json broken = {{"zz_unknown", 1}};
    for (const auto& [k, v] : s.valid.items()) broken[k] = breaking(schema["properties"][k]);
    const std::set<std::string> expected = violations(schema, broken);
    ASSERT_GE(expected.size(), 2u);
    const json refused = send("POST", s.path, broken.dump(), 422);
    ASSERT_TRUE(refused["errors"].is_array()) << refused.dump();
    std::set<std::string> named;
    for (const auto& e : refused["errors"]) {
      named.insert(e["field"].get<std::string>());
      EXPECT_FALSE(e.value("message_id", "").empty()) << e.dump();
      EXPECT_FALSE(e.value("message_en", "").empty()) << e.dump();
      EXPECT_NE(e["message_id"], e["message_en"]) << e.dump();
    }
    EXPECT_EQ(named, expected) << refused.dump(1);
    EXPECT_EQ(refused["error"]["code"], refused["errors"][0]["code"]);
    EXPECT_EQ(refused["error"]["field"], refused["errors"][0]["field"]);
  }
}

TEST_P(RequestSchemaTest, AllProblemsOfAnEquipmentAndAPrintJobRequestAtOnce) {
  json r = send("POST", "/api/v1/equipment", R"({"office":5,"item_type":"PRINTER","colour":"red","installed_on":"2024-13-01"})", 422);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : r["errors"]) got.emplace_back(e["code"], e["field"]);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{{"FIELD_UNKNOWN", "colour"},
                                                                    {"FIELD_TYPE", "office"},
                                                                    {"ENUM_VALUE", "item_type"},
                                                                    {"FIELD_REQUIRED", "serial"},
                                                                    {"DATE_FORMAT", "installed_on"}}))
      << r.dump(1);
  EXPECT_NE(r["errors"][2]["message_en"].get<std::string>().find("FINGERPRINT_SCANNER"), std::string::npos);
  r = send("POST", "/api/v1/print/jobs", R"({"nik":6571014501900001,"date":"kemarin","printr":"P1"})", 422);
  got.clear();
  for (const auto& e : r["errors"]) got.emplace_back(e["code"], e["field"]);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{{"FIELD_UNKNOWN", "printr"},
                                                                    {"FIELD_REQUIRED", "office"},
                                                                    {"FIELD_TYPE", "nik"},
                                                                    {"FIELD_REQUIRED", "card_serial"},
                                                                    {"FIELD_REQUIRED", "printer"},
                                                                    {"DATE_FORMAT", "date"}}))
      << r.dump(1);
  // An optional field sent empty means "not given" (today, the default item), as the handlers read it.
  send("POST", "/api/v1/stock/movements", R"({"kind":"tranche","office":"65.71","quantity":5,"reference":"SP-2","date":"","item":""})", 201);
  // A one-problem refusal has the same shape: errors holds it, in both languages.
  send("POST", "/api/v1/equipment", R"({"office":"65.71.01","item_type":"PC","serial":"PC-1"})", 201);
  r = send("POST", "/api/v1/equipment", R"({"office":"65.71.01","item_type":"PC","serial":"PC-1"})", 409);
  ASSERT_EQ(r["errors"].size(), 1u) << r.dump();
  EXPECT_EQ(r["errors"][0]["code"], "ITEM_EXISTS");
  EXPECT_NE(r["errors"][0]["message_id"], r["errors"][0]["message_en"]);
}

// Issue [11]: events too name every problem of a request at once (they named the first only).
TEST_P(RequestSchemaTest, AllProblemsOfAnEventAtOnce) {
  const std::string nik = send("POST", "/api/v1/residents", test::kBirth.dump(), 201)["nik"];
  const std::string events = "/api/v1/residents/" + nik + "/events";
  auto named = [](const json& r) {
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& e : r["errors"]) got.emplace_back(e["code"], e["field"]);
    return got;
  };
  // The body: an unknown key and three required fields missing or of the wrong kind.
  json r = send("POST", events, R"({"type":"move","village_code":"65.04.01.2001","rt":3,"with_family":"ya","kota":"x"})", 422);
  EXPECT_EQ(named(r), (std::vector<std::pair<std::string, std::string>>{{"FIELD_UNKNOWN", "kota"},
                                                                        {"FIELD_REQUIRED", "rt"},
                                                                        {"FIELD_REQUIRED", "rw"},
                                                                        {"FIELD_REQUIRED", "address"},
                                                                        {"FIELD_TYPE", "with_family"}}))
      << r.dump(1);
  // The rules: a KK number with no valid issue date that is nobody's KK, and a relationship
  // outside the vocabulary: all at once.
  r = send("POST", events,
           R"({"type":"move","village_code":"65.04.01.2001","rt":"003","rw":"001","address":"DUSUN 2","kk":"6504019999990009","relationship":"SEPUPU"})",
           422);
  EXPECT_EQ(named(r), (std::vector<std::pair<std::string, std::string>>{
                          {"KK_DATE_INVALID", "kk"}, {"KK_NOT_FOUND", "kk"}, {"RELATIONSHIP_VALUE", "relationship"}}))
      << r.dump(1);
  // A correction: every invalid value of the changes.
  r = send("POST", events, R"({"type":"correction","changes":{"religion":"JEDI","blood_type":"Z"},"reason":"x"})", 422);
  EXPECT_EQ(r["errors"].size(), 2u) << r.dump(1);
  std::set<std::string> fields;
  for (const auto& e : r["errors"]) fields.insert(e["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"religion", "blood_type"})) << r.dump(1);
  // Nothing was written by the refused requests.
  EXPECT_EQ(get("/api/v1/residents/" + nik + "/events", 200)["items"].size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestSchemaTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

// Issue [9] through the API in-process on both backends: hostile names, daily limits, reads that
// must not move shared state, bounded quantities, bad and hostile requests, the access log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "http/api_fixture.h"
#include "io/files.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

using nlohmann::json;
using test::ApiTest;
using test::kBirth;

// [9] Names with hidden characters or separators are refused on every way in, naming the field.
TEST_P(ApiTest, HostileNamesAreRefusedNamingTheField) {
  json r = send("POST", "/api/v1/residents", kBirth.dump(), 201);
  const std::string nik = r["nik"];
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"name", R"(SITI\u0000AMINAH)"}, {"name", "   "}, {"name", R"(SITI\nAMINAH)"}, {"name", R"(SITI\u202eHANIMA)"},
      {"name", "SITI|AMINAH"}, {"mother_name", R"(DEWI\u200b)"}, {"address", R"(JL. A\r\nB)"}};
  for (const auto& [field, value] : bad) {
    json birth = json::parse(kBirth.dump());
    birth[field] = json::parse("\"" + value + "\"");  // value is JSON-escaped text
    birth["birth_date"] = "2021-03-04";
    json refused = send("POST", "/api/v1/residents", birth.dump(), 422);
    EXPECT_EQ(refused["error"]["field"], field) << value;
    // A PATCH of a free-text field goes straight to the record; a name goes to a proposal,
    // which is validated before it is stored: both refuse.
    json patch = {{field, birth[field]}, {"reason", "uji"}};
    EXPECT_EQ(send("PATCH", "/api/v1/residents/" + nik, patch.dump(), 422)["error"]["field"], field) << value;
  }
  EXPECT_EQ(get("/api/v1/residents/" + nik, 200)["name"], "SITI AMINAH");
}

// [9] One account's flood of births stops at the daily limit with 429 and what to do.
TEST_P(ApiTest, BirthsBeyondTheOfficersDailyLimitAre429) {
  setenv("KTPEL_BIRTHS_PER_OFFICER_DAY", "1", 1);
  send("POST", "/api/v1/residents", kBirth.dump(), 201);
  json refused = send("POST", "/api/v1/residents", kBirth.dump(), 429);
  unsetenv("KTPEL_BIRTHS_PER_OFFICER_DAY");
  EXPECT_EQ(refused["error"]["code"], "ISSUANCE_LIMIT");
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("daily limit"), std::string::npos) << refused.dump();
  // Monitoring sees it: counted in /metrics (after the answer is sent, hence the few tries).
  std::string metrics;
  for (int i = 0; i < 50 && metrics.find(R"(ktpel_refusals_total{code="ISSUANCE_LIMIT",status="429"} 1)") == std::string::npos; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto m = client_->Get("/metrics", as_permitted("GET", "/metrics"));
    metrics = m ? m->body : "";
  }
  EXPECT_NE(metrics.find(R"(ktpel_refusals_total{code="ISSUANCE_LIMIT",status="429"} 1)"), std::string::npos) << metrics;
}

// Issue [9]: a PATCH of a resident's KK left the family table at the old KK (the record showed a
// family it was not listed in). The membership moves with the record; a head of family does not
// become a second head.
TEST_P(ApiTest, APatchedKkTakesTheFamilyMembershipAlong) {
  const json head = send("POST", "/api/v1/residents", kBirth.dump(), 201);
  json other = kBirth;
  other["name"] = "RINA WATI";
  other["birth_date"] = "1992-03-04";
  other = send("POST", "/api/v1/residents", other.dump(), 201);
  json child = kBirth;
  child["name"] = "PUTRI AMINAH";
  child["birth_date"] = "2015-02-03";
  child["marital_status"] = "BELUM KAWIN";
  child["occupation"] = "PELAJAR/MAHASISWA";
  child["kk"] = head["kk"];
  child["relationship"] = "ANAK";
  child = send("POST", "/api/v1/residents", child.dump(), 201);
  const std::string path = "/api/v1/residents/" + child["nik"].get<std::string>();
  send("PATCH", path, json{{"kk", other["kk"]}, {"reason", "salah ketik KK"}}.dump(), 200);
  json moved = get(path, 200);
  EXPECT_EQ(moved["kk"], other["kk"]);
  std::set<std::string> listed;
  for (const auto& m : moved["family"]) listed.insert(m["nik"].get<std::string>());
  EXPECT_EQ(listed, (std::set<std::string>{other["nik"], child["nik"]}));
  EXPECT_EQ(get("/api/v1/residents/" + head["nik"].get<std::string>(), 200)["family"].size(), 1u);
  json refused = send("PATCH", "/api/v1/residents/" + head["nik"].get<std::string>(), json{{"kk", other["kk"]}}.dump(), 422);
  EXPECT_EQ(refused["error"]["code"], "KK_HEAD_TAKEN");
  EXPECT_EQ(refused["error"]["field"], "kk");
}

// Issue [9]: a read never moves shared state. A coverage read (or a stock forecast) with
// as_of=2040-01-01 rolled the stored counters to 2040 and every dashboard stayed wrong until a
// rebuild.
TEST_P(ApiTest, ReadsNeverMoveTheCoverageCounters) {
  send("POST", "/api/v1/residents", kBirth.dump(), 201);
  const std::string today = today_iso();
  EXPECT_EQ(get("/api/v1/coverage?level=kecamatan&code=65.71", 200)["as_of"], today);
  EXPECT_EQ(get("/api/v1/coverage?level=kecamatan&code=65.71&as_of=2040-01-01", 422)["error"]["code"], "COVERAGE_DAY_RANGE");
  EXPECT_EQ(get("/api/v1/coverage/series?code=65.71&as_of=2040-01-01", 422)["error"]["field"], "as_of");
  get("/api/v1/stock/forecast?office=65.71&as_of=2040-01-01", 200);
  ASSERT_TRUE(store_->coverage_as_of());
  EXPECT_EQ(store_->coverage_as_of()->iso(), today);
  // A past day is computed for the answer, and the counters stay the clock's.
  const std::string week_ago = Date::parse_iso(today)->plus_days(-7).iso();
  json then = get("/api/v1/coverage?level=kecamatan&code=65.71&as_of=" + week_ago, 200);
  EXPECT_EQ(then["as_of"], week_ago);
  EXPECT_EQ(then["total"]["counts"]["population"], 1);
  EXPECT_EQ(store_->coverage_as_of()->iso(), today);
  EXPECT_EQ(get("/api/v1/coverage?level=kecamatan&code=65.71", 200)["total"]["counts"]["population"], 1);
}

// Issue [9]: the public verification with as_of=2020-01-01 turned an expired suket VALID. It is
// verified against the server's date, and as_of is refused.
TEST_P(ApiTest, SuketsAreVerifiedAgainstTheServersDate) {
  const std::string nik = send("POST", "/api/v1/residents", kBirth.dump(), 201)["nik"];
  store_->put_ektp_record(nik, EktpStatus::PRR, "2019-12-01T00:00:00Z", false);
  const json suket = send("POST", "/api/v1/suket", json{{"nik", nik}, {"office", "65.71"}, {"date", "2020-01-01"}}.dump(), 201);
  const std::string token = suket["token"];
  EXPECT_EQ(get("/api/v1/verify/" + token, 200)["verdict"], "EXPIRED");
  EXPECT_EQ(get("/api/v1/verify/" + token + "?as_of=2020-01-02", 400)["error"]["field"], "as_of");
}

// Issue [9]: two receipts of 2^63-1 wrapped the stock balances and the audit failed. A movement
// moves 1 to 1,000,000 items (STOCK_QUANTITY naming the field); the books stay whole.
TEST_P(ApiTest, StockQuantitiesAreBounded) {
  auto movement = [](const std::string& kind, const std::string& quantity, const std::string& reference) {
    return R"({"kind":")" + kind + R"(","office":"65.71","quantity":)" + quantity + R"(,"reference":")" + reference + R"("})";
  };
  for (const char* q : {"9223372036854775807", "18446744073709551615", "1000001", "0"}) {
    json e = send("POST", "/api/v1/stock/movements", movement("tranche", q, "BAST-X"), 422);
    // 2^64-1 is no integer the API reads at all (FIELD_TYPE); the rest are out of the ledger's bounds.
    EXPECT_EQ(e["error"]["code"], std::string(q) == "18446744073709551615" ? "FIELD_TYPE" : "STOCK_QUANTITY") << q;
    EXPECT_EQ(e["error"]["field"], "quantity") << q;
  }
  send("POST", "/api/v1/stock/movements", movement("tranche", "1000000", "BAST-1"), 201);
  send("POST", "/api/v1/stock/movements", movement("tranche", "1000000", "BAST-2"), 201);
  EXPECT_EQ(send("POST", "/api/v1/stock/movements",
                 R"({"kind":"send","office":"65.71","to":"65.02","quantity":9223372036854775807,"reference":"TR-1"})", 422)["error"]["code"],
            "STOCK_QUANTITY");
  EXPECT_EQ(send("POST", "/api/v1/stock/movements",
                 R"({"kind":"count","office":"65.71","counted":9223372036854775807,"reason":"hitung"})", 422)["error"]["code"],
            "STOCK_QUANTITY");
  EXPECT_EQ(get("/api/v1/stock/balances?office=65.71", 200)["items"][0]["blanks"], 2000000);
  json audit = get("/api/v1/stock/audit", 200);
  EXPECT_EQ(audit["ok"], true) << audit.dump();
  EXPECT_EQ(audit["movements"], 2);
}

TEST_P(ApiTest, BadInputIsNever500) {
  const std::vector<std::pair<std::string, std::string>> posts = {
      {"/api/v1/residents", "{"}, {"/api/v1/residents", "[]"}, {"/api/v1/residents", "null"},
      {"/api/v1/residents", R"({"name":5})"}, {"/api/v1/residents", R"({"nik":"x"})"},
      {"/api/v1/residents", "\xff\xfe\x00"}, {"/api/v1/nik/check", "{}"}, {"/api/v1/nik/check", R"({"items":[1]})"},
      {"/api/v1/nik/issue", "{}"}, {"/api/v1/nik/issue", R"({"kecamatan":"x","birth_date":"2000-01-01","sex":"L"})"},
      {"/api/v1/residents/1/events", R"({"type":"death","date":"2020-01-01"})"},
      {"/api/v1/residents/1/events", R"({"type":"death"})"}, {"/api/v1/residents/1/events", "5"},
      // printing
      {"/api/v1/printers", "{"}, {"/api/v1/printers", "[]"}, {"/api/v1/printers", R"({"serial":5})"},
      {"/api/v1/printers", R"({"serial":"P","office":"65.71","cards_per_day":0})"},
      {"/api/v1/printers", R"({"serial":"P","office":"99.99","cards_per_day":10})"},
      {"/api/v1/printers/NOPE/status", R"({"status":"x"})"}, {"/api/v1/printers/NOPE/status", R"({"status":"active"})"},
      {"/api/v1/printers/NOPE/status", R"({"status":"lent","lent_until":"soon"})"},
      {"/api/v1/print/jobs", "{}"}, {"/api/v1/print/jobs", "null"}, {"/api/v1/print/jobs", R"({"office":"65.71","date":"x"})"},
      {"/api/v1/print/deliver/1", ""}, {"/api/v1/stock/movements", R"({"kind":"x"})"},
      {"/api/v1/stock/movements", R"({"kind":"tranche","office":"65.71","quantity":-1,"reference":"x"})"},
      {"/api/v1/stock/movements", R"({"kind":"count","office":"65.71"})"}, {"/api/v1/stock/movements", R"({"kind":"use","item":"gold"})"},
      {"/api/v1/stock/movements", "[1]"}, {"/api/v1/suket", "{}"}, {"/api/v1/suket", "[]"},
      {"/api/v1/suket", R"({"nik":"1","office":"65.71"})"}, {"/api/v1/abis/identify", "{}"},
      {"/api/v1/abis/identify", R"({"fingers":[{"template":5}]})"}, {"/api/v1/abis/identify", R"({"fingers":[{"template":"@@"}]})"},
      {"/api/v1/abis/insert", R"({"fingers":[]})"}, {"/api/v1/adjudication/x/decision", "{}"},
      // [9] a finger number past int: it was cut to its low bits (4294967297 read as finger 1)
      {"/api/v1/abis/identify", R"({"fingers":[{"position":4294967297,"template":"AAAA"}]})"},
      {"/api/v1/abis/identify", R"({"fingers":[{"position":"2","template":"AAAA"}]})"},
      {"/api/v1/adjudication/1/decision", "[]"}, {"/api/v1/dedup/jobs", "["}, {"/api/v1/dedup/jobs", "[]"},
      {"/api/v1/dedup/jobs", R"({"wilayah":5})"}, {"/api/v1/dedup/jobs", R"({"wilayah":"x;drop"})"},
      {"/api/v1/dedup/jobs", R"({"match_threshold":2})"}};
  for (const auto& [path, body] : posts) {
    auto res = client_->Post(path, as_permitted("POST", path), body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_GE(res->status, 400) << path << " " << body;
    EXPECT_LT(res->status, 500) << path << " " << body << " -> " << res->body;
    EXPECT_TRUE(json::parse(res->body, nullptr, false).contains("error")) << res->body;
    if (body.find("\"position\"") != std::string::npos) {
      EXPECT_EQ(json::parse(res->body, nullptr, false)["error"].value("field", ""), "fingers[0].position") << res->body;
    }
  }
  for (const std::string path : {"/api/v1/residents?page=0", "/api/v1/residents?page_size=100000", "/api/v1/residents?page=x",
                                 "/api/v1/residents?region=77.77", "/api/v1/nosuch", "/api/v1/wilayah/nearest?lat=a&lon=b",
                                 "/api/v1/print/queue", "/api/v1/print/queue?office=65.71&limit=x",
                                 "/api/v1/dedup/jobs/x", "/api/v1/dedup/jobs/999", "/api/v1/dedup/pairs?wilayah=';'",
                                 "/api/v1/dedup/pairs?status=MAYBE", "/api/v1/dedup/clusters?limit=0", "/api/v1/print/plan?province=xx",
                                 "/api/v1/print/plan?province=65&radius_km=-1", "/api/v1/print/undelivered?office=9",
                                 "/api/v1/stock/balances?office=99", "/api/v1/suket/NOPE.pdf", "/api/v1/stock/forecast?as_of=x",
                                 "/api/v1/printers?office=1.2.3"}) {
    auto res = client_->Get(path, as_permitted("GET", path));
    ASSERT_TRUE(res);
    EXPECT_GE(res->status, 400) << path;
    EXPECT_LT(res->status, 500) << path;
    EXPECT_TRUE(json::parse(res->body, nullptr, false).contains("error")) << path << " " << res->body;
  }
}

// Issue [9]: each request below once killed the server (SIGSEGV) or answered 500. Each is now a
// clear 4xx (or a correct export), and the server still answers /healthz afterwards.
TEST_P(ApiTest, HostileRequestsGetAClearAnswerAndTheServerLives) {
  const std::string nik = send("POST", "/api/v1/residents", kBirth.dump(), 201)["nik"];
  auto post = [&](const std::string& path, const std::string& body) {
    auto res = client_->Post(path, as_permitted("POST", path), body, "application/json");
    EXPECT_TRUE(res) << path << ": no answer (the server died?)";
    return res;
  };
  // JSON nested 300,000 levels deep: the stack overflowed when the body was copied.
  const std::string deep = std::string(300000, '[') + std::string(300000, ']');
  for (const std::string& body : {deep, R"({"columns":["a"],"rows":[)" + deep + "]}"}) {
    json e = send("PATCH", "/api/v1/residents/" + nik, body, 400);
    EXPECT_EQ(e["error"]["code"], "BAD_JSON");
    EXPECT_NE(e["error"]["message"].get<std::string>().find("64"), std::string::npos) << e;
    auto csv = post("/api/v1/export/csv", body);
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->status, 400) << csv->body;
  }
  // A type error in a body: 422 naming the field, not a 500.
  json force = send("POST", "/api/v1/suket", R"({"force":"yes"})", 422);
  EXPECT_EQ(force["error"]["code"], "FIELD_TYPE");
  EXPECT_EQ(force["error"]["field"], "force");
  EXPECT_EQ(send("PATCH", "/api/v1/residents/" + nik, R"({"name":"SITI","reason":5})", 422)["error"]["field"], "reason");
  EXPECT_EQ(send("POST", "/api/v1/residents/" + nik + "/events", R"({"type":7})", 422)["error"]["field"], "type");
  EXPECT_EQ(send("POST", "/api/v1/printers", R"({"serial":"P1","office":"65.71","cards_per_day":"many"})", 422)["error"]["field"],
            "cards_per_day");
  EXPECT_EQ(send("POST", "/api/v1/abis/identify", R"({"fingers":[{"template":"AAAA"}],"top_k":"all"})", 422)["error"]["field"],
            "top_k");
  // Unknown fields of a correction: 422 naming every one, and nothing changed.
  json unknown = send("PATCH", "/api/v1/residents/" + nik, R"({"occupation":"DOSEN","shoe_size":42,"hobby":"x"})", 422);
  EXPECT_EQ(unknown["error"]["code"], "FIELD_UNKNOWN");
  EXPECT_EQ(unknown["error"]["field"], "hobby");
  EXPECT_NE(unknown["error"]["message"].get<std::string>().find("hobby, shoe_size"), std::string::npos) << unknown;
  EXPECT_EQ(send("PATCH", "/api/v1/residents/" + nik, R"({"name":"SITI A","nmae":"x"})", 422)["error"]["field"], "nmae");
  EXPECT_EQ(send("POST", "/api/v1/residents/" + nik + "/events", R"({"type":"death","date":"2025-01-01","cause":"x"})", 422)
                ["error"]["field"],
            "cause");
  EXPECT_EQ(get("/api/v1/residents/" + nik, 200)["occupation"], "GURU");
  // An XLSX export titled 'Peringkat: libxlsxwriter refused the sheet name and the NULL sheet was used.
  auto xlsx = post("/api/v1/export/xlsx", R"({"title":"'Peringkat","columns":["a"],"rows":[[1]]})");
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  // CSV exports never start a cell with a formula: the table export and the audit log.
  auto csv = post("/api/v1/export/csv", R"({"columns":["=a"],"rows":[["=1+2"],[-5],["-5"]]})");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->body, "\xEF\xBB\xBF\"'=a\"\n\"'=1+2\"\n-5\n\"'-5\"\n");
  client_->Post("/api/v1/auth/login", R"({"username":"=1+2","password":"x"})", "application/json");
  auto audit = client_->Get("/api/v1/audit?format=csv&limit=100000", as_permitted("GET", "/api/v1/audit"));
  ASSERT_TRUE(audit);
  EXPECT_NE(audit->body.find(",\"'=1+2\","), std::string::npos) << audit->body.substr(0, 2000);
  EXPECT_EQ(audit->body.find(",=1+2,"), std::string::npos);
  EXPECT_EQ(get("/healthz", 200)["status"], "ok");
}

// Issue [9], seeing what happens: one access log line per request, JSON, whose id is the
// X-Request-Id answered, with the caller, the route template, and no NIK or suket token in full;
// a latency histogram per route; and the status really sent (handlers that set content but no
// status were counted as status="-1", and their person reads left no audit entry).
TEST_P(ApiTest, AccessLogAndRouteHistograms) {
  for (Role r : kAllRoles) token_of(r);  // logins now: the log then holds only the requests below
  const std::string nik = send("POST", "/api/v1/residents", kBirth.dump(), 201)["nik"];
  store_->put_ektp_record(nik, EktpStatus::PRR, "2025-01-01T00:00:00Z", false);
  const json suket = send("POST", "/api/v1/suket", json{{"nik", nik}, {"office", "65.71"}}.dump(), 201);
  const std::string token = suket["token"], pdf = "/api/v1/suket/" + suket["number"].get<std::string>() + ".pdf";
  ASSERT_GT(token.size(), 40u);
  const std::string log_path = test::temp_dir() + "/access.log";
  server_->set_access_log(log_path);

  struct Sent {
    std::string id, user, route, method;
    int status;
    size_t body;
  };
  std::vector<Sent> sent;
  auto request = [&](const std::string& path, const httplib::Headers& h, const std::string& user, const std::string& route,
                     int status) {
    auto res = client_->Get(path, h);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, status) << path << " -> " << res->body;
    EXPECT_EQ(res->get_header_value_count("X-Request-Id"), 1u) << path;
    sent.push_back({res->get_header_value("X-Request-Id"), user, route, "GET", res->status, res->body.size()});
  };
  auto user_of = [&](const httplib::Headers& h) {
    for (const auto& [role, t] : tokens_)
      if (!h.empty() && h.begin()->second == "Bearer " + t) return "t-" + std::string(to_string(role));
    return std::string("-");
  };
  const auto officer = as_permitted("GET", "/api/v1/residents/" + nik);
  request("/api/v1/residents/" + nik, officer, user_of(officer), "/api/v1/residents/{nik}", 200);
  request("/api/v1/residents/" + nik, officer, user_of(officer), "/api/v1/residents/{nik}", 200);
  request("/api/v1/residents/" + nik, {}, "-", "/api/v1/residents/{nik}", 401);
  const int64_t before_pdf = probe_->audit_head().first;
  request(pdf, as_permitted("GET", pdf), user_of(as_permitted("GET", pdf)), "/api/v1/suket/{number}.pdf", 200);
  EXPECT_EQ(probe_->audit_head().first, before_pdf + 1) << "a suket PDF is a person read: one audit entry";
  request("/api/v1/verify/" + token, {}, "-", "/api/v1/verify/{token}", 200);
  request("/api/v1/openapi.json", {}, "-", "/api/v1/openapi.json", 200);
  request("/no/such/" + nik, {}, "-", "(unmatched)", 404);

  // A line is written after the answer's last byte: wait for all of them. (The line of a request
  // answered just before the log was set may land in it too: only the ids above are looked for.)
  std::multimap<std::string, json> by_id;
  for (int i = 0; i < 200; ++i) {
    by_id.clear();
    std::istringstream in(read_file(log_path));
    for (std::string line; std::getline(in, line);) {
      const json j = json::parse(line, nullptr, false);
      ASSERT_TRUE(j.is_object() && j.contains("id")) << line;  // every line one JSON object
      by_id.emplace(j["id"].get<std::string>(), j);
      // No NIK, no token: the raw path keeps the region of a NIK only.
      EXPECT_EQ(line.find(nik), std::string::npos) << line;
      EXPECT_EQ(line.find(token.substr(0, 20)), std::string::npos) << line;
    }
    if (std::all_of(sent.begin(), sent.end(), [&](const Sent& x) { return by_id.count(x.id) > 0; })) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::set<std::string> ids;
  for (const Sent& s : sent) {
    EXPECT_EQ(s.id.size(), 32u) << s.route;
    EXPECT_TRUE(ids.insert(s.id).second) << s.route;
    // Each request is logged once, under the id it was answered with.
    ASSERT_EQ(by_id.count(s.id), 1u) << s.route << " " << read_file(log_path);
    const json& j = by_id.find(s.id)->second;
    EXPECT_EQ(j["user"], s.user) << j;
    EXPECT_EQ(j["route"], s.route) << j;
    EXPECT_EQ(j["method"], s.method) << j;
    EXPECT_EQ(j["status"], s.status) << j;
    EXPECT_GE(j["ms"].get<double>(), 0) << j;
    EXPECT_TRUE(std::regex_match(j["time"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"))) << j;
    if (s.route == "/api/v1/suket/{number}.pdf") {
      EXPECT_EQ(j["bytes"], s.body) << j;  // a PDF is not compressed
    }
    if (s.route == "/api/v1/residents/{nik}") {
      EXPECT_EQ(j["path"], "/api/v1/residents/" + nik.substr(0, 6) + "**********");
    }
  }

  auto m = client_->Get("/metrics", as_permitted("GET", "/metrics"));
  ASSERT_TRUE(m);
  const std::string& text = m->body;
  EXPECT_EQ(text.find("status=\"-1\""), std::string::npos) << text;
  EXPECT_NE(text.find("ktpel_http_requests_total{route=\"/api/v1/openapi.json\",status=\"200\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ktpel_http_requests_total{route=\"/api/v1/suket/{number}.pdf\",status=\"200\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ktpel_http_requests_total{route=\"(unmatched)\",status=\"404\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE ktpel_http_request_duration_seconds histogram\n"), std::string::npos);
  // The route's histogram: three requests (two answered, one refused), buckets cumulative.
  const std::string series = "{route=\"/api/v1/residents/{nik}\",method=\"GET\"";
  EXPECT_NE(text.find("ktpel_http_request_duration_seconds_count" + series + "} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ktpel_http_request_duration_seconds_sum" + series + "} "), std::string::npos) << text;
  std::vector<int64_t> cumulative;
  std::istringstream lines_of(text);
  for (std::string line; std::getline(lines_of, line);)
    if (line.rfind("ktpel_http_request_duration_seconds_bucket" + series + ",le=", 0) == 0)
      cumulative.push_back(std::stoll(line.substr(line.rfind(' ') + 1)));
  ASSERT_EQ(cumulative.size(), 14u) << text;  // 13 bounds and +Inf
  EXPECT_TRUE(std::is_sorted(cumulative.begin(), cumulative.end()));
  EXPECT_EQ(cumulative.back(), 3);
  EXPECT_NE(text.find("ktpel_http_request_duration_seconds_count{route=\"/api/v1/verify/{token}\",method=\"GET\"} 1\n"), std::string::npos);
}

}  // namespace
}  // namespace ktpel

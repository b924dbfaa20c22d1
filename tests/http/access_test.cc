// Who may call what, generated from the server's own route table and OpenAPI document (issue
// [8]): every route x every role x (in scope, out of scope, anonymous, expired session) gets the
// status the permission matrix and the scope rule say; every answered write and person read
// leaves exactly one audit entry under the real user, and a refused one leaves none. Then the
// four-eyes flows end to end through the API, on both backends.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "crypto/password.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "service/auth_service.h"
#include "service/print_service.h"
#include "service/registry_service.h"
#include "support/served_api.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

using nlohmann::json;

// A village under `code` (the first one in the catalogue).
std::string village_under(const std::string& code) {
  std::string at = code;
  while (true) {
    auto kids = test::wilayah().children(at);
    if (kids.empty()) return at;
    at = kids.front()->code;
  }
}

struct Officer {
  Role role;
  std::string scope;
  std::string name() const { return "o-" + std::string(to_string(role)); }
};

// Each role at the level it is meant for; pusat only for the centre.
const std::vector<Officer> kOfficers = {{Role::Operator, "65.71.01"}, {Role::Supervisor, "65.71"}, {Role::Province, "65"},
                                        {Role::Centre, ""},           {Role::Auditor, "65"},       {Role::Viewer, "65"}};

class AccessTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
    static const std::string hash = hash_password(kPassword, true);
    for (const auto& o : kOfficers) {
      UserAccount u;
      u.username = o.name();
      u.role = std::string(to_string(o.role));
      u.wilayah = o.scope;
      u.password_hash = hash;
      u.created_at = u.password_changed_at = "2025-01-01T00:00:00Z";
      u.created_by = "test";
      ASSERT_TRUE(store_->insert_user(u));
    }
    // Residents: one in Tarakan Barat (everyone's scope), one in Malinau (outside the Tarakan
    // desk and office), one in Kalimantan Timur (outside every province-level scope).
    RegistryService registry(*store_, test::wilayah());
    Actor actor{"setup", "2025-01-01T00:00:00Z", *Date::parse_iso("2025-01-01")};
    for (const std::string region : {"65.71.01", "65.02", "64"}) {
      Resident r = test::sample_resident();
      r.village_code = village_under(region);
      r.kk = "";
      auto born = registry.register_birth(test::newcomer(r), actor);
      ASSERT_TRUE(born) << born.error().message_en;
      nik_[region] = born->nik;
      store_->put_ektp_record(born->nik, EktpStatus::PRR, "2025-01-01T00:00:00Z", false);
    }
    server_ = std::make_unique<ApiServer>(*store_, test::wilayah());
    server_->set_public_rate(1000000);  // the limiter has its own test below
    // These tests expire and revoke sessions in the store, as another process would; what the
    // server's few seconds of session cache do with that is tested on its own below.
    server_->set_session_cache_seconds(0);
    port_ = test::serve_in_thread(*server_, thread_, client_);
    ASSERT_GT(port_, 0);
  }
  void TearDown() override { test::stop_serving(server_.get(), thread_); }
  static constexpr const char* kPassword = "access-test-password";

  std::string login(const std::string& user, const std::string& password = kPassword) {
    auto res = client_->Post("/api/v1/auth/login", json{{"username", user}, {"password", password}}.dump(), "application/json");
    if (!res || res->status != 200) return "";
    return json::parse(res->body)["token"];
  }
  httplib::Result call(const std::string& method, const std::string& target, const std::string& token,
                       const std::string& body = "{}") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    if (method == "GET") return client_->Get(target, h);
    if (method == "POST") return client_->Post(target, h, body, "application/json");
    if (method == "PATCH") return client_->Patch(target, h, body, "application/json");
    return client_->Put(target, h, body, "application/octet-stream");
  }
  // The route's path with its parameters filled: the NIK of `nik`, sample values for the rest,
  // and the scope query parameter (if the route has one) set to `region`.
  std::string target(const RouteInfo& r, const std::string& nik, const std::string& region) {
    std::string path = r.path;
    auto fill = [&](const std::string& name, const std::string& value) {
      const size_t at = path.find("{" + name + "}");
      if (at != std::string::npos) path.replace(at, name.size() + 2, value);
    };
    fill("nik", nik);
    fill("id", "1");
    fill("serial", "PRN-1");
    fill("number", "SKT-1");
    fill("token", "abc");
    fill("code", "65.71");
    fill("packet_id", "ST1-1");
    if (r.access.by == ScopeBy::Query) path += std::string("?") + r.access.param + "=" + region;
    return path;
  }
  // The test reads through its own connection: the server's store may be busy on another thread
  // (a dedup job started by a route under test holds it for its run).
  Store& probe() {
    if (!probe_) probe_ = open_store(location_);
    return *probe_;
  }
  int64_t audit_head() { return probe().audit_head().first; }

  std::string location_;
  std::unique_ptr<Store> store_, probe_;
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
  std::map<std::string, std::string> nik_;  // by region: 65.71.01, 65.02, 64
};

TEST_P(AccessTest, EveryRouteDeclaresAPermissionShownInOpenApi) {
  auto res = client_->Get("/api/v1/openapi.json");
  ASSERT_TRUE(res && res->status == 200);
  const json doc = json::parse(res->body);
  ASSERT_TRUE(doc["components"]["securitySchemes"].contains("bearer"));
  for (const auto& r : server_->routes()) {
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    const json& op = doc["paths"][r.path][m];
    ASSERT_TRUE(op.contains("x-ktpel-permission")) << r.method << " " << r.path << " declares no permission";
    const auto p = parse_permission(op["x-ktpel-permission"].get<std::string>());
    ASSERT_TRUE(p) << r.path;
    EXPECT_EQ(*p, r.access.permission) << r.path;
    const bool open = *p == Permission::Public || *p == Permission::Station;
    EXPECT_EQ(op["security"].empty(), open) << r.method << " " << r.path;
    EXPECT_EQ(op["x-ktpel-roles"].size(), open ? 0u : roles_with(*p).size()) << r.path;
  }
}

TEST_P(AccessTest, EveryRouteTimesEveryRoleGetsWhatTheMatrixSays) {
  std::map<std::string, std::string> tokens;
  for (const auto& o : kOfficers) {
    tokens[o.name()] = login(o.name());
    ASSERT_FALSE(tokens[o.name()].empty()) << o.name();
  }
  int checked = 0;
  for (const auto& r : server_->routes()) {
    const Permission p = r.access.permission;
    const bool open = p == Permission::Public || p == Permission::Station;
    const std::string home = nik_["65.71.01"];
    // Anonymous: nothing but the public and station routes answers.
    {
      auto res = call(r.method, target(r, home, "65.71.01"), "");
      ASSERT_TRUE(res) << r.path;
      if (open) {
        if (res->status == 401) {
          EXPECT_NE(json::parse(res->body)["error"]["code"], "UNAUTHENTICATED") << r.path;
        }
      } else {
        EXPECT_EQ(res->status, 401) << "anonymous " << r.method << " " << r.path << " -> " << res->body;
        EXPECT_EQ(json::parse(res->body)["error"]["code"], "UNAUTHENTICATED") << r.path;
      }
      ++checked;
    }
    if (open) continue;
    for (const auto& o : kOfficers) {
      std::string token = tokens[o.name()];
      if (r.path == "/api/v1/auth/logout") token = login(o.name());  // keep the others' sessions
      const bool write = r.method != "GET";
      const std::string in_region = o.scope.empty() ? "65" : o.scope;
      const int64_t before = audit_head();
      auto res = call(r.method, target(r, home, in_region), token);
      ASSERT_TRUE(res) << r.path;
      const std::string who = o.name() + " " + r.method + " " + r.path + " -> " + std::to_string(res->status) + " " +
                              res->body.substr(0, 200);
      ++checked;
      if (!role_may(o.role, p)) {
        EXPECT_EQ(res->status, 403) << who;
        EXPECT_EQ(audit_head(), before) << "a refused call left an audit entry: " << who;
        continue;
      }
      EXPECT_NE(res->status, 401) << who;
      EXPECT_NE(res->status, 403) << who;
      if (r.access.by == ScopeBy::NikInPath) {
        EXPECT_NE(res->status, 404) << who;
      }
      // Exactly one audit entry per answered write or person read, under the real user.
      const bool audited = (write || reads_person_data(p)) && res->status >= 200 && res->status < 300;
      EXPECT_EQ(audit_head(), before + (audited ? 1 : 0)) << who;
      if (audited) {
        auto last = probe().audit_entries({"", "", "", "", before, 1});
        ASSERT_EQ(last.size(), 1u) << who;
        EXPECT_EQ(last[0].actor, o.name()) << who;
        EXPECT_EQ(last[0].role, std::string(to_string(o.role))) << who;
      }
      // Out of scope: a person or region outside answers as if it did not exist.
      if (o.scope.empty() || r.access.by == ScopeBy::None) continue;
      const std::string outside_nik = o.scope.size() >= 5 ? nik_["65.02"] : nik_["64"];
      const std::string outside_region = o.scope.size() >= 5 ? "65.02" : "64";
      const int64_t before_out = audit_head();
      auto out = call(r.method, target(r, outside_nik, outside_region), token);
      ASSERT_TRUE(out) << r.path;
      EXPECT_EQ(out->status, 404) << "out of scope: " << o.name() << " " << r.method << " " << target(r, outside_nik, outside_region)
                                  << " -> " << out->status << " " << out->body.substr(0, 200);
      EXPECT_EQ(audit_head(), before_out) << "an out-of-scope call left an audit entry: " << who;
      ++checked;
    }
  }
  // Expired sessions: every signed-in route says so.
  for (const auto& o : kOfficers) probe().expire_sessions_of(o.name(), "2000-01-01T00:00:00Z");
  for (const auto& r : server_->routes()) {
    if (r.access.permission == Permission::Public || r.access.permission == Permission::Station) continue;
    for (const auto& o : kOfficers) {
      auto res = call(r.method, target(r, nik_["65.71.01"], "65"), tokens[o.name()]);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 401) << "expired " << o.name() << " " << r.method << " " << r.path;
      ++checked;
      break;  // the first call deletes the expired session; the next would be UNAUTHENTICATED
    }
  }
  EXPECT_GT(checked, 600);
}

TEST_P(AccessTest, WritesNamingARegionOutsideTheScopeAreRefused) {
  const std::string op = login("o-operator");
  json birth = {{"name", "BAYI LUAR"}, {"sex", "L"}, {"birth_place", "MALINAU"}, {"birth_date", "2025-01-01"},
                {"religion", "Islam"}, {"village_code", village_under("65.02")}, {"rt", "001"}, {"rw", "001"},
                {"address", "DUSUN 1"}, {"parent_reason", "DALAM_PROSES"}};
  const int64_t before = audit_head();
  auto res = call("POST", "/api/v1/residents", op, birth.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
  res = call("POST", "/api/v1/nik/issue", op, R"({"kecamatan":"65.02.01","birth_date":"1990-01-05","sex":"P"})");
  EXPECT_EQ(res->status, 403) << res->body;
  res = call("POST", "/api/v1/suket", op, json{{"nik", nik_["65.02"]}, {"office", "65.02"}}.dump());
  EXPECT_EQ(res->status, 404) << res->body;
  EXPECT_EQ(audit_head(), before);
  // Searching without a region searches the caller's scope, not the country.
  res = call("GET", "/api/v1/residents?page_size=100", op);
  ASSERT_EQ(res->status, 200);
  // The parsed answer held in a variable: a range-for over json::parse(...)["items"] walks a
  // reference into a temporary already destroyed (C++20), and checked nothing.
  const json found = json::parse(res->body);
  ASSERT_FALSE(found["items"].empty());
  for (const auto& r : found["items"]) EXPECT_EQ(r["village_code"].get<std::string>().substr(0, 8), "65.71.01");
  // Aggregates above the scope come as a summary: rows only for the caller's own regions.
  res = call("GET", "/api/v1/coverage?level=kabupaten&code=65", op);
  ASSERT_EQ(res->status, 200) << res->body;
  const json summary = json::parse(res->body);
  ASSERT_FALSE(summary["rows"].empty());
  for (const auto& row : summary["rows"]) EXPECT_EQ(row["code"], "65.71");
  // The national view for a province officer: the national total, its own province's row only.
  res = call("GET", "/api/v1/coverage?level=provinsi", login("o-province"));
  ASSERT_EQ(res->status, 200) << res->body;
  const json national = json::parse(res->body);
  ASSERT_EQ(national["rows"].size(), 1u);
  EXPECT_EQ(national["rows"][0]["code"], "65");
  EXPECT_TRUE(national.contains("total"));
}

// Found by tests/e2e/api_fuzz.py: "office=" (empty) passed the scope check as the region above
// every scope, and office=65 (above an operator's) answered every regency's printers and stock,
// as only rows keyed "code" were cut to the summary.
TEST_P(AccessTest, OfficeListsKeepToTheScopeWhenTheOfficeIsBlankOrAbove) {
  PrintService print(*store_, test::wilayah());
  const Date today = http::server_today();
  for (const std::string office : {"65", "65.71", "65.02"}) {
    Printer p;
    p.serial = "PRN-" + office;
    p.office = office;
    p.model = "Evolis Primacy";
    p.cards_per_day = 100;
    ASSERT_TRUE(print.add_printer(p, "2025-01-01T00:00:00Z"));
    ASSERT_TRUE(print.receive_tranche(office, StockItem::BlankCard, 10, today, "BAST-" + office, "test"));
  }
  const std::string op = login("o-operator");
  for (const std::string route : {"/api/v1/printers", "/api/v1/stock/balances", "/api/v1/stock/movements"})
    for (const std::string office : {"", "65", "65.71"}) {
      auto res = call("GET", route + "?office=" + office, op);
      ASSERT_TRUE(res);
      ASSERT_EQ(res->status, 200) << route << "?office=" << office << ": " << res->body;
      const json answer = json::parse(res->body);
      if (office == "65") {  // the province office and the regency above the desk
        EXPECT_FALSE(answer["items"].empty()) << route << "?office=" << office;
      }
      for (const auto& item : answer["items"]) {
        const std::string seen = item.contains("office") ? item["office"].get<std::string>() : item["debit"].get<std::string>();
        EXPECT_EQ(seen.find("65.02"), std::string::npos) << route << "?office=" << office << " showed " << item.dump();
      }
    }
  auto res = call("GET", "/api/v1/stock/balances?office=65.02", op);
  EXPECT_EQ(res->status, 404) << res->body;
}

TEST_P(AccessTest, LoginLocksAfterFiveFailuresAndDropsSessionsOnPasswordChange) {
  for (int i = 0; i < 4; ++i) {
    auto res = client_->Post("/api/v1/auth/login", R"({"username":"o-viewer","password":"wrong-password"})", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(json::parse(res->body)["error"]["code"], "BAD_CREDENTIALS");
  }
  auto locked = client_->Post("/api/v1/auth/login", R"({"username":"o-viewer","password":"wrong-password"})", "application/json");
  EXPECT_EQ(locked->status, 429);
  EXPECT_NE(json::parse(locked->body)["error"]["message"].get<std::string>().find("until"), std::string::npos);
  EXPECT_TRUE(locked->has_header("Retry-After"));
  EXPECT_EQ(login("o-viewer"), "");  // even the right password, while locked
  // An unknown user reads exactly like a wrong password.
  auto unknown = client_->Post("/api/v1/auth/login", R"({"username":"nobody","password":"x"})", "application/json");
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(json::parse(unknown->body)["error"]["code"], "BAD_CREDENTIALS");

  const std::string token = login("o-auditor");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(call("GET", "/api/v1/auth/me", token)->status, 200);
  Caller centre{"o-centre", Role::Centre, "", "", "", false};
  ASSERT_TRUE(AuthService(*store_).reset_password(centre, "o-auditor", "a-new-password-1", "2025-01-02T00:00:00Z"));
  EXPECT_EQ(call("GET", "/api/v1/auth/me", token)->status, 401);
  EXPECT_FALSE(login("o-auditor", "a-new-password-1").empty());
  // Logged out is logged out.
  const std::string t2 = login("o-centre");
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", t2)->status, 200);
  EXPECT_EQ(call("GET", "/api/v1/auth/me", t2)->status, 401);
}

TEST_P(AccessTest, CachedSessionsEndAtOnceOnLogoutAndWithinTheirSecondsOtherwise) {
  server_->set_session_cache_seconds(60);
  const std::string token = login("o-auditor");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(call("GET", "/api/v1/auth/me", token)->status, 200);
  // A password reset made by another process (the CLI) ends the session in the store at once...
  Caller centre{"o-centre", Role::Centre, "", "", "", false};
  ASSERT_TRUE(AuthService(*store_).reset_password(centre, "o-auditor", "a-new-password-1", "2025-01-02T00:00:00Z"));
  // ...and this server, which validated it a moment ago, trusts it until its cached seconds end:
  // the documented window (docs/security.md). Turning the cache down ends that trust now.
  EXPECT_EQ(call("GET", "/api/v1/auth/me", token)->status, 200);
  server_->set_session_cache_seconds(0);
  EXPECT_EQ(call("GET", "/api/v1/auth/me", token)->status, 401);
  // A logout through this server drops its cached session before answering.
  server_->set_session_cache_seconds(60);
  const std::string t2 = login("o-centre");
  EXPECT_EQ(call("GET", "/api/v1/auth/me", t2)->status, 200);
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", t2)->status, 200);
  EXPECT_EQ(call("GET", "/api/v1/auth/me", t2)->status, 401);
  // The cache keeps what was validated, not what was asked: a wrong token is never served from it.
  EXPECT_EQ(call("GET", "/api/v1/auth/me", t2 + "x")->status, 401);
}

TEST_P(AccessTest, CookieSessionsNeedTheCsrfTokenToWrite) {
  auto res = client_->Post("/api/v1/auth/login", json{{"username", "o-operator"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_EQ(res->status, 200);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  const json body = json::parse(res->body);
  const std::string session = "ktpel_session=" + body["token"].get<std::string>();
  const std::string nik = nik_["65.71.01"];
  auto read = client_->Get("/api/v1/residents/" + nik, {{"Cookie", session}});
  EXPECT_EQ(read->status, 200);
  const std::string event = R"({"type":"marital_change","marital_status":"CERAI HIDUP"})";
  auto forged = client_->Post("/api/v1/residents/" + nik + "/events", {{"Cookie", session}}, event, "application/json");
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(json::parse(forged->body)["error"]["code"], "CSRF");
  auto ok = client_->Post("/api/v1/residents/" + nik + "/events",
                          {{"Cookie", session}, {"X-CSRF-Token", body["csrf_token"].get<std::string>()}}, event, "application/json");
  EXPECT_EQ(ok->status, 201) << ok->body;
}

TEST_P(AccessTest, PublicLookupsAreRateLimited) {
  server_->set_public_rate(3);
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    auto res = client_->Get("/api/v1/public/ektp-status?nik=" + nik_["65.71.01"] + "&birth_date=1990-01-05");
    ASSERT_TRUE(res);
    if (res->status == 429) ++limited;
  }
  EXPECT_EQ(limited, 3);
}

// Four-eyes: an operator proposes, the same operator cannot approve, a supervisor of the scope
// does; only then the record changes, and both steps are in its history.
TEST_P(AccessTest, CorrectionsNeedASecondOfficer) {
  const std::string op = login("o-operator"), sup = login("o-supervisor");
  const std::string nik = nik_["65.71.01"];
  auto p = call("PATCH", "/api/v1/residents/" + nik, op, R"({"name":"SITI AMINAH PUTRI","reason":"akta kelahiran"})");
  ASSERT_EQ(p->status, 202) << p->body;
  const int64_t id = json::parse(p->body)["id"];
  EXPECT_EQ(json::parse(call("GET", "/api/v1/residents/" + nik, op)->body)["name"], "SITI AMINAH");
  // A bad proposal is refused at once, not after approval.
  EXPECT_EQ(call("PATCH", "/api/v1/residents/" + nik, op, R"({"birth_date":"1990-02-30"})")->status, 422);
  // The operator may not decide (role), and a supervisor may not decide their own proposal.
  EXPECT_EQ(call("POST", "/api/v1/corrections/" + std::to_string(id) + "/decision", op, R"({"decision":"approve"})")->status, 403);
  auto own = call("PATCH", "/api/v1/residents/" + nik, sup, R"({"name":"SITI AMINA"})");
  ASSERT_EQ(own->status, 202);
  const int64_t own_id = json::parse(own->body)["id"];
  auto self = call("POST", "/api/v1/corrections/" + std::to_string(own_id) + "/decision", sup, R"({"decision":"approve"})");
  EXPECT_EQ(self->status, 403);
  EXPECT_EQ(json::parse(self->body)["error"]["code"], "FOUR_EYES");
  // A supervisor of another regency does not even see it.
  auto listed = json::parse(call("GET", "/api/v1/proposals?status=pending", sup)->body)["items"];
  EXPECT_EQ(listed.size(), 2u);
  auto ok = call("POST", "/api/v1/corrections/" + std::to_string(id) + "/decision", sup, R"({"decision":"approve","note":"cocok"})");
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["status"], "approved");
  EXPECT_EQ(json::parse(call("GET", "/api/v1/residents/" + nik, op)->body)["name"], "SITI AMINAH PUTRI");
  EXPECT_EQ(call("POST", "/api/v1/corrections/" + std::to_string(id) + "/decision", sup, R"({"decision":"reject"})")->status, 409);
  auto history = json::parse(call("GET", "/api/v1/residents/" + nik + "/events", op)->body)["items"];
  ASSERT_EQ(history.back()["event"], "correction");
  EXPECT_EQ(history.back()["actor"], "o-supervisor");
  EXPECT_NE(history.back()["reason"].get<std::string>().find("o-operator"), std::string::npos);
  // Rejected: nothing changes.
  auto rejected = call("POST", "/api/v1/corrections/" + std::to_string(own_id) + "/decision", login("o-supervisor"),
                       R"({"decision":"reject"})");
  EXPECT_EQ(rejected->status, 403);  // still their own
  EXPECT_EQ(json::parse(call("GET", "/api/v1/residents/" + nik, op)->body)["name"], "SITI AMINAH PUTRI");
}

// A NIK ganda: the regency supervisor requests the deletion with the adjudication case; only the
// centre executes it; the NIK is gone, never issued again, and its history stays for auditors.
TEST_P(AccessTest, DuplicateDeletionIsRequestedByTheRegencyAndExecutedByTheCentre) {
  // A second record of the same person in Tarakan, and the adjudication that found them one.
  RegistryService registry(*store_, test::wilayah());
  Actor actor{"setup", "2025-01-01T00:00:00Z", *Date::parse_iso("2025-01-01")};
  Resident twin = test::sample_resident();
  twin.village_code = village_under("65.71.01");
  twin.kk = "";
  BirthRegistration twice = test::newcomer(twin);  // the desk overrode the likely-double warning
  twice.confirm_not_double = true;
  twice.not_double_reason = "ibu kandung berbeda menurut pemohon";
  auto second = registry.register_birth(twice, actor);
  ASSERT_TRUE(second);
  const std::string keep = nik_["65.71.01"], doomed = second->nik;
  AdjudicationCase c;
  c.nik = doomed;
  c.other_nik = keep;
  c.score = 0.93;
  c.fingers_json = "[]";
  c.source = "afis";
  c.created_at = "2025-01-01T00:00:00Z";
  const int64_t case_id = store_->insert_adjudication(c);
  const std::string sup = login("o-supervisor"), centre = login("o-centre"), op = login("o-operator"), aud = login("o-auditor");
  const json request = {{"nik", doomed}, {"keep_nik", keep}, {"adjudication_id", case_id}, {"reason", "rekam ganda"}};
  // Not before an officer found them the same person.
  auto early = call("POST", "/api/v1/duplicates/deletions", sup, request.dump());
  EXPECT_EQ(early->status, 409) << early->body;
  ASSERT_TRUE(store_->decide_adjudication(case_id, "SAME_PERSON", "o-supervisor", "2025-01-02T00:00:00Z", "sidik jari sama"));
  EXPECT_EQ(call("POST", "/api/v1/duplicates/deletions", op, request.dump())->status, 403);  // operators cannot ask
  auto req = call("POST", "/api/v1/duplicates/deletions", sup, request.dump());
  ASSERT_EQ(req->status, 201) << req->body;
  const json proposal = json::parse(req->body);
  EXPECT_EQ(proposal["payload"]["score"], 0.93);
  EXPECT_EQ(proposal["payload"]["record"]["nik"], doomed);
  const std::string decide = "/api/v1/duplicates/deletions/" + std::to_string(proposal["id"].get<int64_t>()) + "/decision";
  EXPECT_EQ(call("POST", decide, sup, R"({"decision":"execute"})")->status, 403);  // only the centre
  EXPECT_TRUE(store_->find_resident(doomed).has_value());
  auto done = call("POST", decide, centre, R"({"decision":"execute","note":"disetujui pusat"})");
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["status"], "executed");
  EXPECT_FALSE(store_->find_resident(doomed).has_value());
  EXPECT_TRUE(store_->nik_retired(doomed));
  EXPECT_EQ(call("GET", "/api/v1/residents/" + doomed, sup)->status, 404);
  // Auditors still read what happened to it.
  auto history = call("GET", "/api/v1/residents/" + doomed + "/events", aud);
  ASSERT_EQ(history->status, 200) << history->body;
  const json h = json::parse(history->body);
  EXPECT_EQ(h["retired"]["kept_nik"], keep);
  EXPECT_EQ(h["items"].back()["event"], "duplicate_deletion");
  EXPECT_EQ(call("GET", "/api/v1/residents/" + doomed + "/events", op)->status, 404);
  // And the NIK is never issued again: the next issue for the same prefix skips it.
  RegistryService again(*store_, test::wilayah());
  for (int i = 0; i < 3; ++i) {
    auto issued = again.issue_nik(doomed.substr(0, 2) + "." + doomed.substr(2, 2) + "." + doomed.substr(4, 2),
                                  twin.birth_date, twin.sex);
    ASSERT_TRUE(issued);
    EXPECT_NE(*issued, doomed);
  }
  // The audit log holds both steps, each under its officer, and the chain holds.
  auto entries = store_->audit_entries({"", doomed, "", "", 0, 100});
  std::set<std::string> actors;
  for (const auto& e : entries) actors.insert(e.actor);
  EXPECT_TRUE(actors.count("o-supervisor") && actors.count("o-centre"));
  auto verify = call("GET", "/api/v1/audit/verify", aud);
  ASSERT_EQ(verify->status, 200);
  EXPECT_EQ(json::parse(verify->body)["ok"], true) << verify->body;
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel

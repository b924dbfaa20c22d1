// The API served in-process on a real database (both backends) with one officer per role and a
// real HTTP client: the fixture of api_test.cc and api_hostile_test.cc.
#pragma once
#include "http/api_server.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <regex>
#include <thread>

#include "crypto/password.h"
#include "support/served_api.h"
#include "support/test_env.h"

namespace ktpel::test {

using nlohmann::json;

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    setenv("KTPEL_PWHASH", "interactive", 1);
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
    // One officer per role, each scoped to the whole country (made straight in the store: the
    // service keeps operators to a kecamatan, but these tests exercise the routes, not scopes;
    // scopes have their own generated test in access_test.cc).
    for (Role r : kAllRoles) {
      UserAccount u;
      u.username = "t-" + std::string(to_string(r));
      u.role = std::string(to_string(r));
      static const std::string hash = hash_password(kPassword);
      u.password_hash = hash;
      u.created_at = u.password_changed_at = "2025-01-01T00:00:00Z";
      u.created_by = "test";
      store_->insert_user(u);
    }
    server_ = std::make_unique<ApiServer>(*store_, test::wilayah());
    port_ = test::serve_in_thread(*server_, thread_, client_);
    ASSERT_GT(port_, 0);
  }
  void TearDown() override { test::stop_serving(server_.get(), thread_); }
  static constexpr const char* kPassword = "test-password-1";
  // A session token of `role` (logged in once per test).
  std::string token_of(Role role) {
    auto& t = tokens_[role];
    if (t.empty()) {
      auto res = client_->Post("/api/v1/auth/login",
                               json{{"username", "t-" + std::string(to_string(role))}, {"password", kPassword}}.dump(),
                               "application/json");
      EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
      if (res && res->status == 200) t = json::parse(res->body)["token"];
    }
    return t;
  }
  // The officer a request is sent as: one whose role holds the route's permission (supervisor
  // first: the regency desk does most things).
  httplib::Headers as_permitted(const std::string& method, const std::string& target) {
    const std::string path = target.substr(0, target.find('?'));
    for (const auto& r : server_->routes()) {
      if (r.method != method) continue;
      const std::regex pattern("^" + std::regex_replace(r.path, std::regex(R"(\{[^}]+\})"), "[^/]+") + "$");
      if (!std::regex_match(path, pattern)) continue;
      const Permission p = r.access.permission;
      if (p == Permission::Public || p == Permission::Station) return {};
      for (Role role : {Role::Supervisor, Role::Centre, Role::Auditor, Role::Operator, Role::Province, Role::Viewer})
        if (role_may(role, p)) return {{"Authorization", "Bearer " + token_of(role)}};
    }
    return {{"Authorization", "Bearer " + token_of(Role::Supervisor)}};
  }
  json get(const std::string& path, int expect) {
    auto res = client_->Get(path, as_permitted("GET", path));
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << path << " -> " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  json send(const std::string& method, const std::string& path, const std::string& body, int expect) {
    auto h = as_permitted(method, path);
    if (!probe_) probe_ = open_store(location_);  // its own connection: the server's may be busy
    const int64_t before = probe_->audit_head().first;
    auto res = method == "POST" ? client_->Post(path, h, body, "application/json") : client_->Patch(path, h, body, "application/json");
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << method << " " << path << " -> " << res->body;
    // Every answered write leaves exactly one audit entry, under the officer who sent it.
    const bool answered = res->status >= 200 && res->status < 300;
    EXPECT_EQ(probe_->audit_head().first, before + (answered ? 1 : 0)) << method << " " << path;
    if (answered && !h.empty()) {
      auto last = probe_->audit_entries({"", "", "", "", before, 1});
      if (!last.empty()) {
        EXPECT_EQ("Bearer " + tokens_[parse_role(last[0].role).value_or(Role::Viewer)], h.begin()->second) << path;
        // [9] A birth's entry names the NIK it issued (it was empty: the NIK came after the commit).
        const json answer = json::parse(res->body, nullptr, false);
        if (method == "POST" && path == "/api/v1/residents") {
          EXPECT_EQ(last[0].target, answer.value("nik", "?")) << res->body;
        }
      }
    }
    return json::parse(res->body, nullptr, false);
  }
  std::string location_;
  std::unique_ptr<Store> store_, probe_;
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
  std::map<Role, std::string> tokens_;
};

inline const json kBirth = {{"name", "SITI AMINAH"},   {"sex", "P"},       {"birth_place", "TARAKAN"}, {"birth_date", "1990-01-05"},
                     {"religion", "Islam"},     {"marital_status", "KAWIN"}, {"occupation", "GURU"},
                     {"mother_name", "HALIMAH"}, {"father_name", "AHMAD"}, {"village_code", "65.71.01.1001"},
                     {"rt", "001"}, {"rw", "002"}, {"address", "JL. SUDIRMAN NO. 5"},
                     {"parent_reason", "ORANG_TUA_TIDAK_TERDAFTAR"}};  // a newcomer: a KK of her own

}  // namespace ktpel::test

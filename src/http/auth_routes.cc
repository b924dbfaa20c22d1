// Logging in and out (issue [8]): POST /auth/login gives an opaque session token, usable as
// "Authorization: Bearer" by programs and as an HttpOnly, SameSite=Strict cookie by the dashboard
// (whose writes then carry the session's CSRF token). Failed logins are answered ever more
// slowly and lock the account after five; each attempt is in the audit log.
#include <chrono>
#include <ctime>
#include <thread>

#include "core/text/utf8_prefix.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "io/files.h"
#include "service/auth_service.h"
#include "store/audit_scope.h"

namespace ktpel {

using namespace http;

namespace {

nlohmann::json user_json(const Caller& c, const WilayahCatalog& wilayah) {
  const Region* r = c.scope.empty() ? nullptr : wilayah.find(c.scope);
  return {{"username", c.username},
          {"role", to_string(c.role)},
          {"wilayah", c.scope},
          {"wilayah_name", c.scope.empty() ? "Pusat" : r ? r->name : c.scope}};
}

void audit_login(Store& store, const std::string& username, const std::string& role, const std::string& outcome,
                 const std::string& address) {
  AuditScope scope({utc_now_iso(), username, role, "login", username, outcome + " from " + address});
  StoreTransaction tx(store);
  tx.commit();
}

}  // namespace

void ApiServer::add_auth_routes() {
  add("POST", "/api/v1/auth/login", "/api/v1/auth/login", {Permission::Public, ScopeBy::None, "", true},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body) return;
        auto text = [&](const char* k) { return body_string(*body, k); };
        // At most 64 bytes, cut on a character boundary: a cut inside a UTF-8 sequence reached
        // PostgreSQL as invalid text and answered 503 (api_fuzz, 120 KB of U+202E).
        const std::string username(utf8_prefix(text("username"), 64));
        auto store = stores_.acquire();
        AuthService auth(*store);
        int64_t failures = 0;
        auto outcome = auth.login(username, text("password"), text("totp"), std::time(nullptr), &failures);
        if (!outcome) {
          const auto& e = outcome.error();
          audit_login(*store, username.empty() ? "-" : username, "", "refused " + e.code, req.remote_addr);
          // Each failure answers later than the last (a guesser gets a few tries a minute).
          if (failures > 0) std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(failures, 8) * 250));
          if (e.code == "ACCOUNT_LOCKED") res.set_header("Retry-After", std::to_string(kLockMinutes * 60));
          return reply_error(res, e);
        }
        audit_login(*store, username, std::string(to_string(outcome->caller.role)), "ok", req.remote_addr);
        const int64_t max_age = AuthService::default_session_seconds();
        res.set_header("Set-Cookie", "ktpel_session=" + outcome->token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                                         std::to_string(max_age));
        res.set_header("Cache-Control", "no-store");
        reply_json(res, {{"token", outcome->token},
                         {"expires_at", outcome->expires_at},
                         {"csrf_token", outcome->csrf},
                         {"user", user_json(outcome->caller, wilayah_)}});
      });
  add("GET", "/api/v1/auth/me", "/api/v1/auth/me", {Permission::Authenticated},
      [this](const httplib::Request&, httplib::Response& res) {
        const Caller& c = current_caller();
        nlohmann::json perms = nlohmann::json::array();
        for (int p = 0; p <= static_cast<int>(Permission::AuditRead); ++p)
          if (c.may(static_cast<Permission>(p))) perms.push_back(to_string(static_cast<Permission>(p)));
        res.set_header("Cache-Control", "no-store");
        reply_json(res, {{"user", user_json(c, wilayah_)}, {"expires_at", c.expires_at}, {"csrf_token", c.csrf},
                         {"permissions", perms}});
      });
  add("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", {Permission::Authenticated},
      [this](const httplib::Request& req, httplib::Response& res) {
        std::string token;
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) == 0) token = auth.substr(7);
        else {
          const std::string cookie = req.get_header_value("Cookie");
          const size_t at = cookie.find("ktpel_session=");
          if (at != std::string::npos) token = cookie.substr(at + 14, cookie.find(';', at) - at - 14);
        }
        auto store = stores_.acquire();
        StoreTransaction tx(*store);
        AuthService(*store).logout(token);
        tx.commit();
        sessions_.drop(token_hash(token));
        res.set_header("Set-Cookie", "ktpel_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
        reply_json(res, {{"logged_out", true}});
      });
}

}  // namespace ktpel

#include "service/auth_service.h"

#include <cstdlib>
#include <ctime>

#include "core/common/messages.h"
#include "crypto/envelope.h"
#include "crypto/password.h"
#include "crypto/totp.h"

namespace ktpel {
namespace {

// Verifying against this keeps an unknown username as slow as a wrong password (no enumeration).
const std::string& dummy_hash() {
  static const std::string h = hash_password("ktpel-no-such-user-password");
  return h;
}

bool valid_username(const std::string& u) {
  if (u.size() < 3 || u.size() > 32) return false;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

const char* level_for(Role r) {
  switch (r) {
    case Role::Operator: return "a kecamatan (65.02.01)";
    case Role::Supervisor: return "a regency (65.02)";
    case Role::Province: return "a province (65)";
    case Role::Centre: return "pusat";
    default: return "pusat, a province, regency or kecamatan";
  }
}

}  // namespace

std::string iso_from_unix(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int64_t unix_from_iso(const std::string& iso) {
  std::tm tm{};
  if (iso.size() < 19 || !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

std::string token_hash(const std::string& token) { return sha256_hex(token); }

int64_t AuthService::default_session_seconds() {
  if (const char* env = std::getenv("KTPEL_SESSION_SECONDS"); env && *env) {
    const long long v = std::atoll(env);
    if (v > 0) return v;
  }
  return 8 * 3600;
}

Result<LoginOutcome> AuthService::login(const std::string& username, const std::string& password, const std::string& totp,
                                        int64_t now_unix, int64_t* failures_out) {
  auto account = store_.user(username);
  if (!account) {
    password_matches(dummy_hash(), password);
    return make_error("BAD_CREDENTIALS", "password");
  }
  const std::string now = iso_from_unix(now_unix);
  if (!account->locked_until.empty() && account->locked_until > now)
    return make_error("ACCOUNT_LOCKED", "username",
                      {username, std::to_string(account->failed_logins), account->locked_until.substr(0, 16)});
  if (!password_matches(account->password_hash, password)) {
    const std::string until = iso_from_unix(now_unix + kLockMinutes * 60);
    const int64_t n = store_.add_failed_login(username, until, kLockAfterFailures);
    if (failures_out) *failures_out = n;
    if (n >= kLockAfterFailures) return make_error("ACCOUNT_LOCKED", "username", {username, std::to_string(n), until.substr(0, 16)});
    return make_error("BAD_CREDENTIALS", "password");
  }
  if (account->disabled) return make_error("ACCOUNT_DISABLED", "username", {username});
  if (!account->totp_secret.empty()) {
    if (totp.empty()) return make_error("TOTP_REQUIRED", "totp");
    const int64_t step = totp_verify(account->totp_secret, totp, now_unix, account->totp_last_step);
    if (step < 0 || !store_.use_totp_step(username, step)) {
      const int64_t n = store_.add_failed_login(username, iso_from_unix(now_unix + kLockMinutes * 60), kLockAfterFailures);
      if (failures_out) *failures_out = n;
      return make_error("TOTP_INVALID", "totp");
    }
  }
  store_.clear_failed_logins(username);
  const auto role = parse_role(account->role);
  LoginOutcome out;
  out.token = random_token(32);
  out.csrf = random_token(16);
  out.expires_at = iso_from_unix(now_unix + session_seconds_);
  store_.insert_session({token_hash(out.token), username, out.csrf, now, out.expires_at});
  out.caller = {username, role.value_or(Role::Viewer), account->wilayah, out.csrf, out.expires_at, false};
  return out;
}

Result<Caller> AuthService::authenticate(const std::string& token, int64_t now_unix) {
  if (token.empty()) return make_error("UNAUTHENTICATED");
  auto found = store_.session_user(token_hash(token));
  if (!found) return make_error("UNAUTHENTICATED");
  const SessionRow& session = found->session;
  if (session.expires_at <= iso_from_unix(now_unix)) {
    store_.delete_session(session.token_hash);
    return make_error("SESSION_EXPIRED", "", {session.expires_at});
  }
  auto role = parse_role(found->role);
  if (found->disabled || !role) return make_error("UNAUTHENTICATED");
  return Caller{session.username, *role, found->wilayah, session.csrf, session.expires_at, false};
}

void AuthService::logout(const std::string& token) { store_.delete_session(token_hash(token)); }

Result<Caller> AuthService::console_user(const std::string& username) {
  auto account = store_.user(username);
  auto role = account ? parse_role(account->role) : std::nullopt;
  if (!account || account->disabled || !role) return make_error("UNKNOWN_USER", "user", {username});
  return Caller{account->username, *role, account->wilayah, "", "", false};
}

Result<UserAccount> AuthService::add_user(const std::optional<Caller>& by, const NewAccount& a, const std::string& now) {
  // Every problem of the account at once (name, role, scope, password): one round to fix them.
  Errors problems;
  if (!valid_username(a.username)) problems.push_back(make_error("USERNAME_INVALID", "username"));
  auto role = parse_role(a.role);
  if (!role) problems.push_back(make_error("ROLE_UNKNOWN", "role", {a.role}));
  const std::string scope = normalise_scope(a.wilayah);
  if (role && !scope_fits_role(*role, scope)) problems.push_back(make_error("SCOPE_ROLE_MISMATCH", "wilayah", {a.role, level_for(*role), a.wilayah}));
  if (auto problem = password_problem(a.username, a.password); !problem.empty())
    problems.push_back(make_error("WEAK_PASSWORD", "password", {problem}));
  if (!problems.empty()) return problems;
  if (!by) {
    if (store_.count_users() > 0) return make_error("UNAUTHENTICATED");
    if (*role != Role::Centre) return make_error("FIRST_USER_CENTRE", "role");
  } else if (!by->may(Permission::UserManage)) {
    if (!by->may(Permission::OperatorEnrol) || *role != Role::Operator)
      return make_error("FORBIDDEN", "role", {std::string(to_string(by->role)), "user_manage"});
    if (!by->covers(scope)) return make_error("OUT_OF_SCOPE", "wilayah", {a.wilayah, by->scope_label()});
  }
  UserAccount u;
  u.username = a.username;
  u.role = a.role;
  u.wilayah = scope;
  u.password_hash = hash_password(a.password);
  u.created_at = now;
  u.created_by = by ? by->username : "setup";
  u.password_changed_at = now;
  if (!store_.insert_user(u)) return make_error("USER_EXISTS", "username", {a.username});
  return u;
}

Result<UserAccount> AuthService::managed(const Caller& by, const std::string& username) {
  auto u = store_.user(username);
  if (!u) return make_error("UNKNOWN_USER", "username", {username});
  if (by.may(Permission::UserManage)) return *u;
  // A supervisor manages the operators it may enrol: within its scope only.
  if (by.may(Permission::OperatorEnrol) && u->role == "operator" && by.covers(u->wilayah)) return *u;
  return make_error("FORBIDDEN", "username", {std::string(to_string(by.role)), "user_manage"});
}

Result<UserAccount> AuthService::set_role(const Caller& by, const std::string& username, const std::string& role_text,
                                          const std::string& wilayah, const std::string&) {
  if (!by.may(Permission::UserManage)) return make_error("FORBIDDEN", "role", {std::string(to_string(by.role)), "user_manage"});
  auto u = managed(by, username);
  if (!u) return u.error();
  auto role = parse_role(role_text);
  if (!role) return make_error("ROLE_UNKNOWN", "role", {role_text});
  const std::string scope = normalise_scope(wilayah.empty() ? u->wilayah : wilayah);
  if (!scope_fits_role(*role, scope)) return make_error("SCOPE_ROLE_MISMATCH", "wilayah", {role_text, level_for(*role), scope});
  UserAccount changed = *u;
  changed.role = role_text;
  changed.wilayah = scope;
  StoreTransaction tx(store_);
  store_.update_user(changed);
  store_.delete_sessions_of(username);  // the old role's sessions end
  tx.commit();
  return changed;
}

Result<UserAccount> AuthService::set_disabled(const Caller& by, const std::string& username, bool disabled, const std::string&) {
  auto u = managed(by, username);
  if (!u) return u.error();
  UserAccount changed = *u;
  changed.disabled = disabled;
  if (!disabled) {
    changed.failed_logins = 0;
    changed.locked_until = "";
  }
  StoreTransaction tx(store_);
  store_.update_user(changed);
  if (disabled) store_.delete_sessions_of(username);
  tx.commit();
  return changed;
}

Result<UserAccount> AuthService::reset_password(const Caller& by, const std::string& username, const std::string& password,
                                                const std::string& now) {
  auto u = by.username == username ? store_.user(username) : std::optional<UserAccount>{};
  if (!u) {
    auto m = managed(by, username);
    if (!m) return m.error();
    u = *m;
  }
  if (auto problem = password_problem(username, password); !problem.empty()) return make_error("WEAK_PASSWORD", "password", {problem});
  u->password_hash = hash_password(password);
  u->password_changed_at = now;
  u->failed_logins = 0;
  u->locked_until = "";
  StoreTransaction tx(store_);
  store_.update_user(*u);
  store_.delete_sessions_of(username);  // every session ends with the old password
  tx.commit();
  return *u;
}

Result<std::string> AuthService::enable_totp(const Caller& by, const std::string& username, const std::string&) {
  auto u = by.username == username ? store_.user(username) : std::optional<UserAccount>{};
  if (!u) {
    auto m = managed(by, username);
    if (!m) return m.error();
    u = *m;
  }
  u->totp_secret = from_hex(random_token(20));
  StoreTransaction tx(store_);
  store_.update_user(*u);
  store_.delete_sessions_of(username);
  tx.commit();
  return u->totp_secret;
}

}  // namespace ktpel

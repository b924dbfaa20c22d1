// Logging in and out, sessions, and officers' accounts. Passwords are Argon2id; a session is an
// opaque random token of which only a hash is stored; five failed logins lock the account for
// 15 minutes, and each failure is answered more slowly than the last.
#pragma once
#include <optional>
#include <string>

#include "core/common/error.h"
#include "core/identity/caller.h"
#include "store/store.h"

namespace ktpel {

struct LoginOutcome {
  std::string token, csrf, expires_at;
  Caller caller;
};

struct NewAccount {
  std::string username, role, wilayah, password;
};

inline constexpr int64_t kLockAfterFailures = 5;
inline constexpr int64_t kLockMinutes = 15;

class AuthService {
 public:
  // session_seconds: how long a session lasts (KTPEL_SESSION_SECONDS, default 8 hours).
  explicit AuthService(Store& store, int64_t session_seconds = default_session_seconds())
      : store_(store), session_seconds_(session_seconds) {}
  static int64_t default_session_seconds();

  // Errors: BAD_CREDENTIALS (401), ACCOUNT_LOCKED (429, message says until when),
  // TOTP_REQUIRED / TOTP_INVALID (401). failures_out: failed attempts so far (to slow answers).
  Result<LoginOutcome> login(const std::string& username, const std::string& password, const std::string& totp,
                             int64_t now_unix, int64_t* failures_out = nullptr);
  // Errors: UNAUTHENTICATED, SESSION_EXPIRED (401).
  Result<Caller> authenticate(const std::string& token, int64_t now_unix);
  void logout(const std::string& token);

  // A console user of the CLI: the account must exist and be enabled. Errors: UNKNOWN_USER.
  Result<Caller> console_user(const std::string& username);

  // by = nullopt only for the first account of a database (it must be a centre account).
  // Centre may create any account; a supervisor, operators within its regency.
  Result<UserAccount> add_user(const std::optional<Caller>& by, const NewAccount& a, const std::string& now);
  Result<UserAccount> set_role(const Caller& by, const std::string& username, const std::string& role,
                               const std::string& wilayah, const std::string& now);
  Result<UserAccount> set_disabled(const Caller& by, const std::string& username, bool disabled, const std::string& now);
  Result<UserAccount> reset_password(const Caller& by, const std::string& username, const std::string& password,
                                     const std::string& now);
  // Turns the second factor on; returns the secret (raw bytes) for the authenticator app.
  Result<std::string> enable_totp(const Caller& by, const std::string& username, const std::string& now);

 private:
  Result<UserAccount> managed(const Caller& by, const std::string& username);
  Store& store_;
  int64_t session_seconds_;
};

std::string iso_from_unix(int64_t unix_seconds);
int64_t unix_from_iso(const std::string& iso);  // "YYYY-MM-DDTHH:MM:SSZ"; 0 when malformed
std::string token_hash(const std::string& token);

}  // namespace ktpel

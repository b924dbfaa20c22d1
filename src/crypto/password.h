// Officers' passwords: Argon2id (libsodium crypto_pwhash_str), moderate limits (256 MiB, 3
// passes). The limits are written into each hash, so a hash made with other limits still
// verifies. KTPEL_PWHASH=interactive lowers them for test suites that create many users.
#pragma once
#include <string>
#include <string_view>

namespace ktpel {

// interactive: libsodium's interactive limits (64 MiB) for recording stations on old desktops.
std::string hash_password(std::string_view password, bool interactive = false);
bool password_matches(std::string_view hash, std::string_view password);
inline bool check_password(std::string_view hash, std::string_view password) { return password_matches(hash, password); }
// A problem with a new password ("" when acceptable): at least 10 characters, not the username.
std::string password_problem(std::string_view username, std::string_view password);

}  // namespace ktpel

#include "crypto/password.h"

#include <sodium.h>

#include <cstdlib>
#include <stdexcept>

#include "crypto/envelope.h"

namespace ktpel {

std::string hash_password(std::string_view password, bool interactive) {
  crypto_init();
  const char* level = std::getenv("KTPEL_PWHASH");
  interactive = interactive || (level && std::string_view(level) == "interactive");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MODERATE,
                        interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MODERATE) != 0)
    throw std::runtime_error("not enough memory to hash a password (Argon2id needs 256 MiB)");
  return out;
}

bool password_matches(std::string_view hash, std::string_view password) {
  crypto_init();
  const std::string h(hash);  // NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(std::string_view username, std::string_view password) {
  if (password.size() < 10) return "the password needs at least 10 characters";
  if (password == username) return "the password must not be the username";
  return "";
}

}  // namespace ktpel

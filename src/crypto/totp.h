// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): the optional second factor.
// HMAC-SHA1 (what authenticator apps use), SHA-256 and SHA-512 (the RFC's other vectors).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ktpel {

enum class TotpHash { Sha1, Sha256, Sha512 };

// The code for time `unix_seconds` (step 30 s from T0 = 0), `digits` long, zero-padded.
std::string totp_code(std::string_view secret, int64_t unix_seconds, int digits = 6, TotpHash hash = TotpHash::Sha1);
// Accepts the code of the current step or one step either side (clock drift); returns the step
// matched (so a code is never accepted twice) or -1.
int64_t totp_verify(std::string_view secret, std::string_view code, int64_t unix_seconds, int64_t last_used_step);

// RFC 4648 base32 (no padding) for authenticator apps, and back ("" when malformed).
std::string base32_encode(std::string_view bytes);
std::string base32_decode(std::string_view text);
std::string totp_uri(std::string_view issuer, std::string_view username, std::string_view secret);

}  // namespace ktpel

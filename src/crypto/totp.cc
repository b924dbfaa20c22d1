#include "crypto/totp.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace ktpel {

std::string totp_code(std::string_view secret, int64_t unix_seconds, int digits, TotpHash hash) {
  const uint64_t counter = static_cast<uint64_t>(unix_seconds) / 30;
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) msg[7 - i] = static_cast<unsigned char>(counter >> (i * 8));
  const char* digest = hash == TotpHash::Sha1 ? "SHA1" : hash == TotpHash::Sha256 ? "SHA256" : "SHA512";
  unsigned char mac[64];
  size_t mac_len = 0;
  if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, secret.data(), secret.size(), msg, sizeof msg, mac, sizeof mac,
                 &mac_len))
    throw std::runtime_error("HMAC failed");
  const int offset = mac[mac_len - 1] & 0x0f;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) | (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
  uint64_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(binary % mod);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

int64_t totp_verify(std::string_view secret, std::string_view code, int64_t unix_seconds, int64_t last_used_step) {
  const int64_t step = unix_seconds / 30;
  for (int64_t s : {step, step - 1, step + 1}) {
    if (s <= last_used_step) continue;
    if (totp_code(secret, s * 30) == code) return s;
  }
  return -1;
}

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string base32_decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == '=' || ch == ' ') continue;
    const char c = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
    int v = -1;
    for (int i = 0; i < 32; ++i)
      if (kAlphabet[i] == c) v = i;
    if (v < 0) return "";
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string totp_uri(std::string_view issuer, std::string_view username, std::string_view secret) {
  return "otpauth://totp/" + std::string(issuer) + ":" + std::string(username) + "?secret=" + base32_encode(secret) +
         "&issuer=" + std::string(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace ktpel

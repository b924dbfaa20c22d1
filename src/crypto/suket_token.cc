#include "crypto/suket_token.h"

#include <sodium.h>

#include "core/common/messages.h"
#include "crypto/envelope.h"

namespace ktpel {
namespace {

std::string to_base64url(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

struct Parts {
  std::string payload, signature;
};

Result<Parts> split(std::string_view token) {
  const size_t dot = token.find('.');
  if (dot == std::string_view::npos || token.size() > 2048) return make_error("SUKET_TOKEN", "token", {"malformed"});
  auto payload = from_base64url(token.substr(0, dot));
  auto signature = from_base64url(token.substr(dot + 1));
  if (!payload || !signature || signature->size() != crypto_sign_BYTES) return make_error("SUKET_TOKEN", "token", {"malformed"});
  return Parts{*payload, *signature};
}

}  // namespace

std::string sign_suket_token(const SuketPayload& payload, std::string_view secret_key) {
  const std::string text = encode_suket_payload(payload);
  return to_base64url(text) + "." + to_base64url(sign_detached(text, secret_key));
}

Result<SuketPayload> read_suket_token(std::string_view token) {
  auto parts = split(token);
  if (!parts) return parts.error();
  return decode_suket_payload(parts->payload);
}

Result<SuketPayload> verify_suket_token(std::string_view token, std::string_view public_key) {
  auto parts = split(token);
  if (!parts) return parts.error();
  if (!verify_detached(parts->payload, parts->signature, public_key))
    return make_error("SUKET_SIGNATURE", "token", {});
  return decode_suket_payload(parts->payload);
}

}  // namespace ktpel

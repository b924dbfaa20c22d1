// The suket QR token: base64url(payload) "." base64url(Ed25519 signature by the issuing
// office's key). Anyone with the office's public key checks it offline.
#pragma once
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/print/suket.h"

namespace ktpel {

std::string sign_suket_token(const SuketPayload& payload, std::string_view office_sign_secret_key);
// The payload without checking the signature (to find which office's key to check it with).
Result<SuketPayload> read_suket_token(std::string_view token);
// The payload when the signature holds for this public key; an error naming why not otherwise.
Result<SuketPayload> verify_suket_token(std::string_view token, std::string_view office_sign_public_key);

}  // namespace ktpel

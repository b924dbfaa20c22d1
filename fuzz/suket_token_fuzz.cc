// libFuzzer target for suket QR tokens (scanned from paper, typed into the check page) and the
// payload text inside them: reading, verifying, and the encode/decode round trip.
#include <cstddef>
#include <cstdint>

#include "core/print/suket.h"
#include "crypto/envelope.h"
#include "crypto/suket_token.h"
#include "fuzz/fuzz_keys.h"
#include "fuzz/fuzz_support.h"

using namespace ktpel;

namespace {

bool same(const SuketPayload& a, const SuketPayload& b) {
  return a.number == b.number && a.office == b.office && a.nik == b.nik && a.name == b.name && a.issued == b.issued &&
         a.expires == b.expires;
}

// Whatever the reader accepted encodes, signs and verifies back to the same payload.
void round_trip(const SuketPayload& p) {
  auto again = decode_suket_payload(encode_suket_payload(p));
  fuzz::require(again.ok() && same(*again, p), "suket payload does not survive encode/decode");
  const std::string token = sign_suket_token(p, fuzz::office_key().secret_key);
  if (token.size() > 2048) return;  // the reader refuses tokens that long, by design
  auto verified = verify_suket_token(token, fuzz::office_key().public_key);
  fuzz::require(verified.ok() && same(*verified, p), "a freshly signed token does not verify");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  if (auto p = decode_suket_payload(text)) round_trip(*p);
  auto read = read_suket_token(text);
  auto verified = verify_suket_token(text, fuzz::office_key().public_key);
  // A token that verifies is one that reads, to the same payload.
  if (verified) fuzz::require(read.ok() && same(*read, *verified), "verify accepted a token read refuses");
  if (read) round_trip(*read);
  return 0;
}

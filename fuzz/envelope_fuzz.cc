// libFuzzer target for the recording-packet envelope, walked the way the centre takes a packet
// in (service/centre_service.cc): public header, open with the centre key, station signature,
// then the enrolment inside. Inputs not starting with the magic are used as a packet body
// instead: sealed and opened again, they must come back byte for byte with a valid signature.
#include <cstddef>
#include <cstdint>

#include "core/biometrics/enrolment.h"
#include "core/biometrics/enrolment_codec.h"
#include "crypto/envelope.h"
#include "fuzz/fuzz_keys.h"
#include "fuzz/fuzz_support.h"

using namespace ktpel;

namespace {

void take_in(std::string_view envelope) {
  auto header = read_packet_header(envelope);
  auto opened = open_packet(envelope, fuzz::centre_key());
  // open_packet reads the same header first: it never opens what read_packet_header refuses.
  if (opened) fuzz::require(header.ok() && header->packet_id == opened->header.packet_id, "opened a packet whose header does not read");
  if (!opened || !verify_packet_signature(*opened, fuzz::station_key().public_key)) return;
  if (auto e = decode_enrolment(opened->body)) (void)validate_enrolment(*e);
}

void seal_and_open(std::string_view body) {
  const PacketHeader h{"ST01-7", "ST01", 7, "2026-12-01T08:00:00Z", "00"};
  const std::string envelope = seal_packet(h, body, fuzz::station_key(), fuzz::centre_key().public_key);
  auto opened = open_packet(envelope, fuzz::centre_key());
  fuzz::require(opened.ok(), "a freshly sealed packet does not open");
  fuzz::require(opened->body == body, "the body changed between seal and open");
  fuzz::require(opened->header.packet_id == h.packet_id && opened->header.sequence == h.sequence, "the header changed");
  fuzz::require(verify_packet_signature(*opened, fuzz::station_key().public_key), "a fresh packet's signature fails");
  // Any single flipped byte is caught (by the AEAD or the header JSON), never opened as valid.
  std::string damaged = envelope;
  damaged[body.size() % damaged.size()] ^= 0x01;
  fuzz::require(!open_packet(damaged, fuzz::centre_key()).ok(), "a packet with a flipped byte opened");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);
  if (bytes.substr(0, 5) == "KTPP1")
    take_in(bytes);
  else
    seal_and_open(bytes);
  return 0;
}

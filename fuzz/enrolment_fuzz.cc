// libFuzzer target for the enrolment codec: the CBOR plaintext of a recording packet as the
// centre decodes it (after the envelope opened), the rules it is then held to, and the finger
// list stored with an enrolment. Whatever decodes must encode and decode to the same value.
#include <cstddef>
#include <cstdint>

#include "core/biometrics/enrolment.h"
#include "core/biometrics/enrolment_codec.h"
#include "fuzz/fuzz_support.h"

using namespace ktpel;

namespace {

bool same(const FingerCapture& a, const FingerCapture& b) {
  return a.position == b.position && a.quality == b.quality && a.iso_template == b.iso_template;
}
bool same(const std::vector<FingerCapture>& a, const std::vector<FingerCapture>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}
bool same(const Enrolment& a, const Enrolment& b) {
  if (a.finger_exceptions.size() != b.finger_exceptions.size()) return false;
  for (size_t i = 0; i < a.finger_exceptions.size(); ++i)
    if (a.finger_exceptions[i].position != b.finger_exceptions[i].position ||
        a.finger_exceptions[i].reason != b.finger_exceptions[i].reason)
      return false;
  return a.nik == b.nik && a.station_id == b.station_id && a.operator_id == b.operator_id &&
         a.captured_at == b.captured_at && a.photo_jpeg == b.photo_jpeg && a.signature_png == b.signature_png &&
         same(a.fingers, b.fingers) && a.iris_right == b.iris_right && a.iris_left == b.iris_left &&
         a.photo_quality == b.photo_quality;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);
  // Errors come back as values: any exception escaping the codec is a bug (libFuzzer aborts).
  if (auto e = decode_enrolment(bytes)) {
    (void)validate_enrolment(*e);
    auto again = decode_enrolment(encode_enrolment(*e));
    fuzz::require(again.ok() && same(*again, *e), "an enrolment does not survive encode/decode");
  }
  if (auto f = decode_fingers(bytes)) {
    auto again = decode_fingers(encode_fingers(*f));
    fuzz::require(again.ok() && same(*again, *f), "a finger list does not survive encode/decode");
  }
  return 0;
}

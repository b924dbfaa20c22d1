// The plaintext of a recording packet: an Enrolment as CBOR (binary-safe, compact).
#pragma once
#include <string>
#include <string_view>

#include "core/biometrics/enrolment.h"
#include "core/common/error.h"

namespace ktpel {

std::string encode_enrolment(const Enrolment& e);
Result<Enrolment> decode_enrolment(std::string_view cbor);
// Just the fingers, as stored with the enrolment at the centre (one value, not ten rows).
std::string encode_fingers(const std::vector<FingerCapture>& fingers);
Result<std::vector<FingerCapture>> decode_fingers(std::string_view cbor);

}  // namespace ktpel

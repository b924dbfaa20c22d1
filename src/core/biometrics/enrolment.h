// An enrolment (perekaman): what a recording station captures for one resident, and the rules
// it must satisfy before the centre accepts it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace ktpel {

inline constexpr size_t kMaxPhotoBytes = 512 * 1024;      // KTP-el photo JPEG
inline constexpr size_t kMaxSignatureBytes = 128 * 1024;  // signature PNG
inline constexpr size_t kMaxTemplateBytes = 8 * 1024;
inline constexpr size_t kMaxIrisBytes = 64 * 1024;
inline constexpr std::string_view kFingerExceptionReasons[] = {"AMPUTASI", "CACAT", "LUKA/PERBAN", "TIDAK TERBACA"};

struct FingerCapture {
  int position = 0;      // ISO finger code 1..10 (1 right thumb ... 10 left little)
  int quality = 0;       // 0..100 (NFIQ-style)
  std::string iso_template;  // ISO/IEC 19794-2:2005 record
};

struct FingerException {  // a finger that cannot be captured, and why
  int position = 0;
  std::string reason;
};

struct Enrolment {
  std::string nik;
  std::string station_id, operator_id;
  std::string captured_at;  // ISO 8601 UTC, station clock
  std::string photo_jpeg, signature_png;
  std::vector<FingerCapture> fingers;
  std::vector<FingerException> finger_exceptions;
  std::string iris_right, iris_left;  // opaque templates
  int photo_quality = 0;
};

struct EnrolmentRules {
  size_t min_fingers = 2;  // templates needed unless every other finger has an exception
};

// Every problem, each naming its field ("fingers[3].iso_template", "photo_jpeg", ...).
std::vector<Error> validate_enrolment(const Enrolment& e, const EnrolmentRules& rules = {});

bool has_jpeg_magic(std::string_view bytes);
bool has_png_magic(std::string_view bytes);

}  // namespace ktpel

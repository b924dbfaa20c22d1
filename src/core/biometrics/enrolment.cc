#include "core/biometrics/enrolment.h"

#include <set>

#include "core/biometrics/iso19794.h"
#include "core/common/messages.h"

namespace ktpel {

bool has_jpeg_magic(std::string_view b) { return b.size() >= 4 && b.substr(0, 3) == "\xFF\xD8\xFF"; }
bool has_png_magic(std::string_view b) { return b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8); }

std::vector<Error> validate_enrolment(const Enrolment& e, const EnrolmentRules& rules) {
  std::vector<Error> out;
  auto problem = [&](const std::string& field, const std::string& why) {
    out.push_back(make_error("ENROLMENT_INVALID", field, {field, why}));
  };
  if (e.nik.size() != 16) problem("nik", "NIK must have 16 digits");
  if (e.station_id.empty()) problem("station_id", "missing");
  if (e.operator_id.empty()) problem("operator_id", "missing");
  if (e.captured_at.size() < 19) problem("captured_at", "must be an ISO 8601 time");
  if (!has_jpeg_magic(e.photo_jpeg)) problem("photo_jpeg", "not a JPEG image (FF D8 FF)");
  if (e.photo_jpeg.size() > kMaxPhotoBytes) problem("photo_jpeg", "larger than " + std::to_string(kMaxPhotoBytes) + " bytes");
  if (!has_png_magic(e.signature_png)) problem("signature_png", "not a PNG image");
  if (e.signature_png.size() > kMaxSignatureBytes)
    problem("signature_png", "larger than " + std::to_string(kMaxSignatureBytes) + " bytes");
  if (e.iris_right.size() > kMaxIrisBytes || e.iris_left.size() > kMaxIrisBytes) problem("iris", "template too large");
  std::set<int> seen;
  for (size_t i = 0; i < e.fingers.size(); ++i) {
    const auto& f = e.fingers[i];
    const std::string field = "fingers[" + std::to_string(i) + "]";
    if (f.position < 1 || f.position > 10) problem(field + ".position", "must be 1-10");
    else if (!seen.insert(f.position).second) problem(field + ".position", "finger " + std::to_string(f.position) + " given twice");
    if (f.quality < 0 || f.quality > 100) problem(field + ".quality", "must be 0-100");
    if (f.iso_template.size() > kMaxTemplateBytes) problem(field + ".iso_template", "larger than 8 KiB");
    auto parsed = parse_iso19794_2(f.iso_template);
    if (!parsed) {
      problem(field + ".iso_template", parsed.error().message_en);
    } else {
      for (const auto& v : parsed->views)
        if (v.position != 0 && v.position != f.position)
          problem(field + ".iso_template", "the template says finger " + std::to_string(v.position));
    }
  }
  for (size_t i = 0; i < e.finger_exceptions.size(); ++i) {
    const auto& x = e.finger_exceptions[i];
    const std::string field = "finger_exceptions[" + std::to_string(i) + "]";
    bool known = false;
    for (auto r : kFingerExceptionReasons) known |= r == x.reason;
    if (!known) problem(field + ".reason", "must be AMPUTASI, CACAT, LUKA/PERBAN or TIDAK TERBACA");
    if (x.position < 1 || x.position > 10) problem(field + ".position", "must be 1-10");
    else if (!seen.insert(x.position).second) problem(field + ".position", "finger " + std::to_string(x.position) + " has a template or another exception");
  }
  // Every finger is either captured or excused; at least min_fingers captured unless all ten are excused.
  if (seen.size() != 10) problem("fingers", std::to_string(10 - seen.size()) + " finger(s) neither captured nor excused");
  if (e.fingers.size() < rules.min_fingers && e.fingers.size() + e.finger_exceptions.size() != 10)
    problem("fingers", "at least " + std::to_string(rules.min_fingers) + " fingerprints are required");
  return out;
}

}  // namespace ktpel

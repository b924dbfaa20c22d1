#include "core/synth/synthetic_enrolment.h"

#include "core/biometrics/iso19794.h"

namespace ktpel {
namespace {

std::string filler(Rng& rng, size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; i += 8) {
    uint64_t v = rng.next();
    for (size_t k = 0; k < 8 && i + k < n; ++k) s[i + k] = static_cast<char>((v >> (8 * k)) & 0xff);
  }
  return s;
}

}  // namespace

std::string synthetic_template(Rng& rng, int position) {
  FingerMinutiaeRecord rec;
  rec.width = 400;
  rec.height = 500;
  FingerView v;
  v.position = static_cast<uint8_t>(position);
  v.quality = static_cast<uint8_t>(rng.between(40, 95));
  const int count = rng.between(25, 55);
  for (int i = 0; i < count; ++i)
    v.minutiae.push_back({static_cast<uint8_t>(rng.between(1, 2)), static_cast<uint16_t>(rng.between(20, 380)),
                          static_cast<uint16_t>(rng.between(20, 480)), static_cast<uint8_t>(rng.below(256)),
                          static_cast<uint8_t>(rng.between(30, 100))});
  rec.views.push_back(std::move(v));
  return write_iso19794_2(rec);
}

Enrolment synthetic_enrolment(Rng& rng, const std::string& nik, const std::string& station_id,
                              const std::string& operator_id, const std::string& captured_at) {
  Enrolment e;
  e.nik = nik;
  e.station_id = station_id;
  e.operator_id = operator_id;
  e.captured_at = captured_at;
  e.photo_jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + filler(rng, static_cast<size_t>(rng.between(18000, 30000))) + "\xFF\xD9";
  e.signature_png = std::string("\x89PNG\r\n\x1a\n", 8) + filler(rng, static_cast<size_t>(rng.between(3000, 6000)));
  e.photo_quality = rng.between(60, 100);
  for (int p = 1; p <= 10; ++p) {
    if (rng.chance(0.003)) {
      e.finger_exceptions.push_back({p, rng.chance(0.5) ? "AMPUTASI" : "LUKA/PERBAN"});
      continue;
    }
    e.fingers.push_back({p, rng.between(35, 95), synthetic_template(rng, p)});
  }
  e.iris_right = filler(rng, 1200);
  e.iris_left = filler(rng, 1200);
  return e;
}

}  // namespace ktpel

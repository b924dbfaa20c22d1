// Synthetic biometrics for demos, tests and benchmarks: an ISO 19794-2 template of random
// minutiae per finger, and photo/signature placeholders with real JPEG/PNG signatures and
// realistic sizes (KTP-el photo ~20-30 KB, signature ~4-6 KB). Not images of anyone.
#pragma once
#include <string>

#include "core/biometrics/enrolment.h"
#include "core/synth/random.h"

namespace ktpel {

std::string synthetic_template(Rng& rng, int position);
Enrolment synthetic_enrolment(Rng& rng, const std::string& nik, const std::string& station_id,
                              const std::string& operator_id, const std::string& captured_at);

}  // namespace ktpel

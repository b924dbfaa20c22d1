// libFuzzer target for the minutiae record readers (ISO 19794-2 and ANSI 378) and, for records
// they accept, the matcher's feature extraction and the writers. Build and run: `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/biometrics/compact_finger.h"
#include "core/biometrics/finger_matcher.h"
#include "core/biometrics/iso19794.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto record = ktpel::parse_finger_minutiae(bytes);
  if (!record) return 0;
  // An accepted record must write back to something the reader accepts again.
  const std::string again = ktpel::write_iso19794_2(*record);
  if (!ktpel::parse_iso19794_2(again)) __builtin_trap();
  // Feature extraction is slow under the sanitizers: only small records go on to it.
  if (!record->views.empty() && record->views.front().minutiae.size() <= 8) {
    const auto f = ktpel::features_of_record(*record);
    const auto c = ktpel::compact_finger(f);
    (void)ktpel::match_fingers(f, ktpel::extract_features(ktpel::expand_minutiae(c)));
  }
  return 0;
}

#include "core/equipment/recording_sets.h"

#include <algorithm>
#include <limits>

#include "core/common/messages.h"

namespace ktpel {

SetComposition SetComposition::standard() {
  return {{ItemType::Pc, ItemType::FingerprintScanner, ItemType::IrisScanner, ItemType::Camera, ItemType::SignaturePad,
           ItemType::Ups}};
}

Result<SetComposition> SetComposition::parse(std::string_view text) {
  SetComposition c;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    const auto name = text.substr(start, end - start);
    const auto type = parse_item_type(name);
    if (!type || !is_kecamatan_gear(*type))
      return make_error("SET_COMPOSITION", "composition", {std::string(name), "PC, FINGERPRINT_SCANNER, IRIS_SCANNER, CAMERA, SIGNATURE_PAD, UPS, GENERATOR, NETWORK"});
    if (std::find(c.types.begin(), c.types.end(), *type) != c.types.end())
      return make_error("SET_COMPOSITION", "composition", {std::string(name), "each type once"});
    c.types.push_back(*type);
    start = end + 1;
  }
  return c;
}

std::string SetComposition::text() const {
  std::string out;
  for (auto t : types) out += (out.empty() ? "" : ",") + std::string(to_string(t));
  return out;
}

RecordingSets working_sets(std::span<const EquipmentItem> items, const SetComposition& composition) {
  RecordingSets r;
  int64_t least = std::numeric_limits<int64_t>::max();
  for (auto type : composition.types) {
    const auto n = std::count_if(items.begin(), items.end(),
                                 [&](const EquipmentItem& i) { return i.type == type && i.status == ItemStatus::Active; });
    if (n == 0) r.missing.push_back(type);
    least = std::min<int64_t>(least, n);
  }
  r.sets = composition.types.empty() ? 0 : least;
  return r;
}

}  // namespace ktpel

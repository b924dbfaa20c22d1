#include "core/synth/print_setup.h"

#include <algorithm>

#include "core/synth/random.h"

namespace ktpel {

SynthPrintSetup synth_print_setup(const std::string& province, const std::vector<SynthOffice>& regencies, Date today,
                                  uint64_t seed) {
  Rng rng(seed);
  SynthPrintSetup s;
  static constexpr int64_t kCaps[] = {100, 150, 200, 250};
  static const char* kModels[] = {"Datacard CD800", "Evolis Primacy", "Fargo HDP5000", "Matica XID8300"};
  int64_t total_backlog = 0;
  for (const auto& r : regencies) {
    total_backlog += r.backlog;
    // Two machines handed to each regency, one more per ~150,000 residents, at most 8.
    const int count = std::min<int>(8, 2 + static_cast<int>(r.population / 150000));
    std::string digits;
    for (char c : r.code)
      if (c != '.') digits += c;
    for (int i = 0; i < count; ++i) {
      Printer p;
      p.serial = "PRN-" + digits + "-" + std::to_string(i + 1);
      p.office = r.code;
      p.model = kModels[rng.below(4)];
      p.cards_per_day = kCaps[rng.below(4)];
      if (rng.chance(0.12)) {
        p.status = rng.chance(0.5) ? PrinterStatus::Broken : PrinterStatus::InRepair;
        p.note = p.status == PrinterStatus::Broken ? "head printer rusak" : "dikirim ke vendor";
      }
      s.printers.push_back(std::move(p));
    }
    // Some offices have run out (their queue waits or gets suket), most hold part of their need.
    const double cover = rng.chance(0.25) ? 0.0 : 0.2 + 0.8 * rng.uniform();
    const auto blanks = static_cast<int64_t>(static_cast<double>(r.backlog) * cover);
    s.stock.push_back({r.code, blanks, blanks / 250 + rng.between(0, 3), rng.between(0, 3)});  // ~250 cards a ribbon
  }
  s.stock.push_back({province, static_cast<int64_t>(static_cast<double>(total_backlog) * 0.15), total_backlog / 250 / 2, 10});
  s.expected.push_back({province, today.plus_days(14), std::max<int64_t>(1000, total_backlog / 2 / 1000 * 1000), "TRANCHE-" + province + "-" + today.iso()});
  return s;
}

}  // namespace ktpel

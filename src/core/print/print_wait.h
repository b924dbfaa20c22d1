// When a resident's card can be expected: their place in the office's print queue, the cards a
// day the office's printers make today, and the cards the blanks (and ribbons, when the office
// books them) on hand can still make. The suket rule and "where is my KTP?" both read it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/common/date.h"

namespace ktpel {

inline constexpr int kDefaultSuketMinWaitDays = 14;

struct PrintWait {
  int64_t place = 0;           // 1 = next card; 0 = not in the queue
  int64_t cards_per_day = 0;   // printers printing for the office today
  int64_t cards_on_hand = 0;   // what the stock can still print
  std::optional<int64_t> days; // nullopt: no date can be given (no printer, or stock short)
  std::optional<Date> date;    // today + days
  std::string why_unknown;     // "printer" | "stock" when days is nullopt
};

// ribbon_cards < 0: the office does not book ribbons (blanks alone limit it).
PrintWait expected_print(int64_t place, int64_t cards_per_day, int64_t blanks, int64_t ribbon_cards, Date today);

}  // namespace ktpel

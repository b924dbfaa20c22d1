#include "core/print/print_wait.h"

#include <algorithm>

namespace ktpel {

PrintWait expected_print(int64_t place, int64_t cards_per_day, int64_t blanks, int64_t ribbon_cards, Date today) {
  PrintWait w;
  w.place = place;
  w.cards_per_day = cards_per_day;
  w.cards_on_hand = ribbon_cards < 0 ? blanks : std::min(blanks, ribbon_cards);
  if (cards_per_day <= 0) {
    w.why_unknown = "printer";
  } else if (place > w.cards_on_hand) {
    w.why_unknown = "stock";  // the card waits for a tranche nobody can date
  } else {
    // Places 1..cards_per_day print today, the next ones tomorrow, and so on.
    w.days = (std::max<int64_t>(place, 1) - 1) / cards_per_day;
    w.date = today.plus_days(*w.days);
  }
  return w;
}

}  // namespace ktpel

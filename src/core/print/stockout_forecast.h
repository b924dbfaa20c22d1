// When an office's blanks (or ribbons) run out (pure). The recent print rate says it when there
// is enough history; with thin history (fewer than kMinHistoryCards used in the window, e.g. a
// new office or no jobs in the last 14 days) the printers' capacity does. Either way the stock is
// consumed no faster than the backlog can be printed: stock that covers the whole backlog does not
// run out from the backlog (capacity basis), and stock short of it lasts stock / rate days.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace ktpel {

inline constexpr int64_t kMinHistoryCards = 50;

struct StockoutInput {
  int64_t on_hand = 0, backlog = 0;
  int64_t used_in_window = 0;
  int window_days = 14;
  int64_t capacity_per_day = 0;  // cards/day of the printers that print for the office today
};

struct StockoutEstimate {
  std::string basis;              // "history" | "capacity"
  double cards_per_day = 0;       // the rate used
  std::optional<int64_t> days_left;  // nullopt: does not run out with this backlog, or nothing prints
  bool covers_backlog = false;    // the stock on hand prints the whole backlog
};

StockoutEstimate estimate_stockout(const StockoutInput& in);

}  // namespace ktpel

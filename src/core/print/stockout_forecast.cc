#include "core/print/stockout_forecast.h"

#include <algorithm>
#include <cmath>

namespace ktpel {

StockoutEstimate estimate_stockout(const StockoutInput& in) {
  StockoutEstimate e;
  const bool history = in.used_in_window >= kMinHistoryCards && in.window_days > 0;
  e.basis = history ? "history" : "capacity";
  e.cards_per_day = history ? static_cast<double>(in.used_in_window) / in.window_days : static_cast<double>(in.capacity_per_day);
  const int64_t on_hand = std::max<int64_t>(in.on_hand, 0);
  e.covers_backlog = on_hand >= in.backlog;
  // Capacity alone says nothing about records that do not exist yet: stock that covers the
  // backlog does not run out from it.
  if (!(e.cards_per_day > 0) || (!history && e.covers_backlog)) return e;
  e.days_left = static_cast<int64_t>(std::floor(static_cast<double>(on_hand) / e.cards_per_day));
  return e;
}

}  // namespace ktpel

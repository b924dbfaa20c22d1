// The stock ledger of blank cards (blangko), ribbons and cleaning kits: double-entry and
// append-only. Every movement moves a quantity from one account to another, so the sum over all
// accounts is always zero and every balance is the sum of its movements; nothing is edited,
// mistakes are corrected by a later movement with a reason.
//
// Accounts: "office:<code>" (stock on hand), "transit:<transfer id>" (between offices),
// "external" (the centre/province that sends tranches and takes returns), "printed" and
// "spoiled" (blanks consumed by print jobs), "adjustment" (stock-take differences).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel {

enum class StockItem { BlankCard, Ribbon, CleaningKit };
enum class MovementKind { TrancheReceived, TransferOut, TransferIn, Printed, Spoiled, Returned, StockTake };

std::string_view to_string(StockItem i);
std::string_view to_string(MovementKind k);

struct StockMovement {
  int64_t id = 0;  // assigned by the ledger, increasing
  MovementKind kind = MovementKind::TrancheReceived;
  StockItem item = StockItem::BlankCard;
  std::string debit, credit;  // quantity moves from `credit` to `debit`
  int64_t quantity = 0;       // 1..kMaxMovementQuantity
  Date on;
  std::string reference;      // tranche no., transfer id, card serial / print job, stock-take id
  std::string reason;         // required for spoiled and stock-take movements
};

struct StockDiscrepancy {
  std::string code;  // e.g. "NEGATIVE_BALANCE", "TRANSFER_UNMATCHED"
  std::string account, detail;
};

// The most one movement may move: a tranche to a province is a few hundred thousand blanks. The
// bound keeps every balance far from int64 overflow (and the ledger checks its sums anyway).
inline constexpr int64_t kMaxMovementQuantity = 1'000'000;
// STOCK_QUANTITY naming `field` unless 1 <= qty <= kMaxMovementQuantity.
std::optional<Error> quantity_problem(int64_t qty, const std::string& field = "quantity");

// What the ledger's rules need to know of the movements so far. The in-memory StockLedger and
// the store (inside a write transaction) both answer it, so one set of rules guards both.
class StockView {
 public:
  virtual ~StockView() = default;
  virtual int64_t balance(const std::string& account, StockItem item) const = 0;
  // The item and quantity of a transfer sent and not yet received.
  virtual std::optional<std::pair<StockItem, int64_t>> in_transit(const std::string& transfer_id) const = 0;
  virtual bool transfer_known(const std::string& transfer_id) const = 0;  // sent at any time
  virtual bool serial_used(const std::string& card_serial) const = 0;
};

// The rules: each builds the one movement an operation books, or says why it may not.
namespace stock_rules {
Result<StockMovement> receive_tranche(const StockView& v, const std::string& office, StockItem item, int64_t qty, Date on,
                                      const std::string& tranche);
Result<StockMovement> send_transfer(const StockView& v, const std::string& from, const std::string& transfer_id,
                                    StockItem item, int64_t qty, Date on);
Result<StockMovement> receive_transfer(const StockView& v, const std::string& to, const std::string& transfer_id, Date on);
Result<StockMovement> use_for_card(const StockView& v, const std::string& office, const std::string& card_serial,
                                   bool spoiled, const std::string& reason, Date on);
Result<StockMovement> consume(const StockView& v, const std::string& office, StockItem item, int64_t qty, Date on,
                              const std::string& reference);
Result<StockMovement> return_to_centre(const StockView& v, const std::string& office, StockItem item, int64_t qty, Date on,
                                       const std::string& reference);
// nullopt movement (value holds no quantity) when the count already matches.
Result<std::optional<StockMovement>> stock_take(const StockView& v, const std::string& office, StockItem item,
                                                int64_t counted, Date on, const std::string& reason);
}  // namespace stock_rules

std::string office_account(const std::string& office);  // "office:<code>"
std::optional<StockItem> parse_stock_item(std::string_view s);
std::optional<MovementKind> parse_movement_kind(std::string_view s);

class StockLedger : public StockView {
 public:
  // Each operation checks its rules and appends one movement, or returns why not.
  Result<int64_t> receive_tranche(const std::string& office, StockItem item, int64_t qty, Date on, const std::string& tranche);
  Result<int64_t> send_transfer(const std::string& from, const std::string& transfer_id, StockItem item, int64_t qty, Date on);
  Result<int64_t> receive_transfer(const std::string& to, const std::string& transfer_id, Date on);
  Result<int64_t> use_for_card(const std::string& office, const std::string& card_serial, bool spoiled,
                               const std::string& reason, Date on);
  Result<int64_t> consume(const std::string& office, StockItem item, int64_t qty, Date on, const std::string& reference);
  Result<int64_t> return_to_centre(const std::string& office, StockItem item, int64_t qty, Date on, const std::string& reference);
  // Sets the counted quantity; the difference is booked against "adjustment" with the reason.
  Result<int64_t> stock_take(const std::string& office, StockItem item, int64_t counted, Date on, const std::string& reason);

  int64_t balance(const std::string& account, StockItem item) const override;
  std::optional<std::pair<StockItem, int64_t>> in_transit(const std::string& transfer_id) const override;
  bool transfer_known(const std::string& transfer_id) const override;
  bool serial_used(const std::string& card_serial) const override { return used_serials_.count(card_serial) > 0; }
  int64_t on_hand(const std::string& office, StockItem item) const { return balance("office:" + office, item); }
  const std::vector<StockMovement>& movements() const { return movements_; }
  // Rebuilds a ledger from stored movements (no checks: use audit() to find problems).
  static StockLedger from_movements(std::vector<StockMovement> movements);

 private:
  Result<int64_t> append(Result<StockMovement> m);
  void book(StockMovement m);
  std::vector<StockMovement> movements_;
  std::map<std::pair<std::string, StockItem>, int64_t> balances_;
  std::map<std::string, std::pair<StockItem, int64_t>> open_transfers_;  // transfer id -> item, qty
  std::set<std::string> sent_transfers_, used_serials_;
};

// Independent checks over a list of movements: balances recomputed from scratch never negative
// (in movement order), ledger sums to zero, blanks used = printed + spoiled, each card serial used
// once, transfers received match transfers sent (and equal quantities), no transfer left in transit
// longer than `transit_days` on `today`.
std::vector<StockDiscrepancy> audit(const std::vector<StockMovement>& movements, Date today, int transit_days = 14);

// Days until an office runs out at its recent print rate: floor(on_hand / cards per day);
// nullopt when it prints nothing.
std::optional<int64_t> days_to_stockout(int64_t on_hand, double cards_per_day);

}  // namespace ktpel

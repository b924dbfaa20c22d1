#include "core/print/stock_ledger.h"

#include <cmath>
#include <set>

#include "core/common/messages.h"

namespace ktpel {
namespace {

Error ledger_error(const std::string& why, const std::string& field) {
  return make_error("STOCK_LEDGER", field, {why});
}

bool is_stock_account(const std::string& account) {
  return account.rfind("office:", 0) == 0 || account.rfind("transit:", 0) == 0;
}

// Every movement passes here: a bounded quantity, and stock accounts never below zero nor past
// int64 (checked, never wrapped). Only stock accounts are read (the store locks their rows, in the
// order writers already take them); sources and sinks would need 9.2e12 movements of the largest
// quantity to overflow.
Result<StockMovement> checked(const StockView& v, StockMovement m) {
  if (auto e = quantity_problem(m.quantity)) return *e;
  if (is_stock_account(m.credit)) {
    const int64_t held = v.balance(m.credit, m.item);
    if (held < m.quantity)
      return ledger_error(m.credit + " holds " + std::to_string(held) + " " + std::string(to_string(m.item)) + ", cannot give " +
                              std::to_string(m.quantity),
                          "quantity");
  }
  int64_t after = 0;
  if (is_stock_account(m.debit) && __builtin_add_overflow(v.balance(m.debit, m.item), m.quantity, &after))
    return ledger_error("the balance of " + m.debit + " would overflow", "quantity");
  return m;
}

// a += b, false (a unchanged) on int64 overflow.
bool add_checked(int64_t& a, int64_t b) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return false;
  a = sum;
  return true;
}

}  // namespace

std::string office_account(const std::string& office) { return "office:" + office; }

std::optional<Error> quantity_problem(int64_t qty, const std::string& field) {
  if (qty >= 1 && qty <= kMaxMovementQuantity) return std::nullopt;
  return make_error("STOCK_QUANTITY", field, {std::to_string(qty), std::to_string(kMaxMovementQuantity)});
}

std::string_view to_string(StockItem i) {
  switch (i) {
    case StockItem::BlankCard: return "blangko";
    case StockItem::Ribbon: return "ribbon";
    case StockItem::CleaningKit: return "cleaning_kit";
  }
  return "?";
}

std::string_view to_string(MovementKind k) {
  switch (k) {
    case MovementKind::TrancheReceived: return "tranche_received";
    case MovementKind::TransferOut: return "transfer_out";
    case MovementKind::TransferIn: return "transfer_in";
    case MovementKind::Printed: return "printed";
    case MovementKind::Spoiled: return "spoiled";
    case MovementKind::Returned: return "returned";
    case MovementKind::StockTake: return "stock_take";
  }
  return "?";
}

std::optional<StockItem> parse_stock_item(std::string_view s) {
  for (auto i : {StockItem::BlankCard, StockItem::Ribbon, StockItem::CleaningKit})
    if (to_string(i) == s) return i;
  return std::nullopt;
}

std::optional<MovementKind> parse_movement_kind(std::string_view s) {
  for (auto k : {MovementKind::TrancheReceived, MovementKind::TransferOut, MovementKind::TransferIn, MovementKind::Printed,
                 MovementKind::Spoiled, MovementKind::Returned, MovementKind::StockTake})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

namespace stock_rules {

Result<StockMovement> receive_tranche(const StockView& v, const std::string& office, StockItem item, int64_t qty, Date on,
                                      const std::string& tranche) {
  if (tranche.empty()) return ledger_error("a tranche needs its reference (surat/BAST number)", "reference");
  return checked(v, {0, MovementKind::TrancheReceived, item, office_account(office), "external", qty, on, tranche, ""});
}

Result<StockMovement> send_transfer(const StockView& v, const std::string& from, const std::string& transfer_id,
                                    StockItem item, int64_t qty, Date on) {
  if (transfer_id.empty() || v.transfer_known(transfer_id))
    return ledger_error("transfer id must be new and not empty", "reference");
  return checked(v, {0, MovementKind::TransferOut, item, "transit:" + transfer_id, office_account(from), qty, on, transfer_id, ""});
}

Result<StockMovement> receive_transfer(const StockView& v, const std::string& to, const std::string& transfer_id, Date on) {
  auto open = v.in_transit(transfer_id);
  if (!open) return ledger_error("no transfer " + transfer_id + " in transit", "reference");
  return checked(v, {0, MovementKind::TransferIn, open->first, office_account(to), "transit:" + transfer_id, open->second, on,
                     transfer_id, ""});
}

Result<StockMovement> use_for_card(const StockView& v, const std::string& office, const std::string& card_serial,
                                   bool spoiled, const std::string& reason, Date on) {
  if (card_serial.empty()) return ledger_error("every blank is accounted for by its serial", "reference");
  if (v.serial_used(card_serial)) return ledger_error("blank " + card_serial + " was already used", "reference");
  if (spoiled && reason.empty()) return ledger_error("a spoiled blank needs a reason (misprint, jam, overheating)", "reason");
  return checked(v, {0, spoiled ? MovementKind::Spoiled : MovementKind::Printed, StockItem::BlankCard,
                     spoiled ? "spoiled" : "printed", office_account(office), 1, on, card_serial, reason});
}

Result<StockMovement> consume(const StockView& v, const std::string& office, StockItem item, int64_t qty, Date on,
                              const std::string& reference) {
  if (item == StockItem::BlankCard) return ledger_error("blanks are used per card serial (a print job)", "item");
  return checked(v, {0, MovementKind::Printed, item, "printed", office_account(office), qty, on, reference, ""});
}

Result<StockMovement> return_to_centre(const StockView& v, const std::string& office, StockItem item, int64_t qty, Date on,
                                       const std::string& reference) {
  return checked(v, {0, MovementKind::Returned, item, "external", office_account(office), qty, on, reference, ""});
}

Result<std::optional<StockMovement>> stock_take(const StockView& v, const std::string& office, StockItem item,
                                                int64_t counted, Date on, const std::string& reason) {
  if (reason.empty()) return ledger_error("a stock-take correction needs a reason", "reason");
  if (counted < 0) return ledger_error("a count cannot be negative", "quantity");
  int64_t diff = 0;
  if (__builtin_sub_overflow(counted, v.balance(office_account(office), item), &diff))
    return ledger_error("a count of " + std::to_string(counted) + " is beyond any balance", "quantity");
  if (diff == 0) return std::optional<StockMovement>{};
  auto m = diff > 0 ? checked(v, {0, MovementKind::StockTake, item, office_account(office), "adjustment", diff, on, "", reason})
                    : checked(v, {0, MovementKind::StockTake, item, "adjustment", office_account(office), -diff, on, "", reason});
  if (!m) return m.error();
  return std::optional<StockMovement>{*m};
}

}  // namespace stock_rules

int64_t StockLedger::balance(const std::string& account, StockItem item) const {
  auto it = balances_.find({account, item});
  return it == balances_.end() ? 0 : it->second;
}

std::optional<std::pair<StockItem, int64_t>> StockLedger::in_transit(const std::string& id) const {
  auto it = open_transfers_.find(id);
  if (it == open_transfers_.end()) return std::nullopt;
  return it->second;
}

bool StockLedger::transfer_known(const std::string& id) const { return sent_transfers_.count(id) > 0; }

void StockLedger::book(StockMovement m) {
  m.id = static_cast<int64_t>(movements_.size()) + 1;
  // The rules refuse a movement that would overflow; a stored one that would (a table written
  // before the bound, read by from_movements) is left out of the balances, never wrapped, and
  // audit() names it.
  int64_t debit = balance(m.debit, m.item), credit = balance(m.credit, m.item);
  if (add_checked(debit, m.quantity) && add_checked(credit, -m.quantity)) {
    balances_[{m.debit, m.item}] = debit;
    balances_[{m.credit, m.item}] = credit;
  }
  if (m.kind == MovementKind::TransferOut) open_transfers_[m.reference] = {m.item, m.quantity}, sent_transfers_.insert(m.reference);
  if (m.kind == MovementKind::TransferIn) open_transfers_.erase(m.reference);
  if (m.item == StockItem::BlankCard && (m.kind == MovementKind::Printed || m.kind == MovementKind::Spoiled))
    used_serials_.insert(m.reference);
  movements_.push_back(std::move(m));
}

Result<int64_t> StockLedger::append(Result<StockMovement> m) {
  if (!m) return m.error();
  book(std::move(m).value());
  return movements_.back().id;
}

Result<int64_t> StockLedger::receive_tranche(const std::string& office, StockItem item, int64_t qty, Date on,
                                             const std::string& tranche) {
  return append(stock_rules::receive_tranche(*this, office, item, qty, on, tranche));
}

Result<int64_t> StockLedger::send_transfer(const std::string& from, const std::string& transfer_id, StockItem item,
                                           int64_t qty, Date on) {
  return append(stock_rules::send_transfer(*this, from, transfer_id, item, qty, on));
}

Result<int64_t> StockLedger::receive_transfer(const std::string& to, const std::string& transfer_id, Date on) {
  return append(stock_rules::receive_transfer(*this, to, transfer_id, on));
}

Result<int64_t> StockLedger::use_for_card(const std::string& office, const std::string& card_serial, bool spoiled,
                                          const std::string& reason, Date on) {
  return append(stock_rules::use_for_card(*this, office, card_serial, spoiled, reason, on));
}

Result<int64_t> StockLedger::consume(const std::string& office, StockItem item, int64_t qty, Date on,
                                     const std::string& reference) {
  return append(stock_rules::consume(*this, office, item, qty, on, reference));
}

Result<int64_t> StockLedger::return_to_centre(const std::string& office, StockItem item, int64_t qty, Date on,
                                              const std::string& reference) {
  return append(stock_rules::return_to_centre(*this, office, item, qty, on, reference));
}

Result<int64_t> StockLedger::stock_take(const std::string& office, StockItem item, int64_t counted, Date on,
                                        const std::string& reason) {
  auto m = stock_rules::stock_take(*this, office, item, counted, on, reason);
  if (!m) return m.error();
  if (!m->has_value()) return int64_t{0};
  book(**m);
  return movements_.back().id;
}

StockLedger StockLedger::from_movements(std::vector<StockMovement> movements) {
  StockLedger l;
  for (auto& m : movements) {
    const int64_t id = m.id;
    l.book(std::move(m));
    l.movements_.back().id = id;
  }
  return l;
}

std::vector<StockDiscrepancy> audit(const std::vector<StockMovement>& movements, Date today, int transit_days) {
  std::vector<StockDiscrepancy> out;
  std::map<std::pair<std::string, StockItem>, int64_t> bal;
  std::map<std::string, const StockMovement*> sent;
  std::set<std::string> received, serials;
  int64_t used = 0, printed = 0, spoiled = 0;
  std::set<std::pair<std::string, StockItem>> reported;
  for (const auto& m : movements) {
    // A quantity out of bounds is reported and left out of the sums, which then cannot overflow.
    if (quantity_problem(m.quantity)) {
      out.push_back({"BAD_QUANTITY", m.credit, "movement " + std::to_string(m.id) + ": " + std::to_string(m.quantity)});
      continue;
    }
    if (!add_checked(bal[{m.debit, m.item}], m.quantity) || !add_checked(bal[{m.credit, m.item}], -m.quantity)) {
      out.push_back({"BALANCE_OVERFLOW", m.debit, "movement " + std::to_string(m.id)});
      continue;
    }
    const bool stock = m.credit.rfind("office:", 0) == 0 || m.credit.rfind("transit:", 0) == 0;
    if (stock && bal[{m.credit, m.item}] < 0 && reported.insert({m.credit, m.item}).second)
      out.push_back({"NEGATIVE_BALANCE", m.credit, "below zero after movement " + std::to_string(m.id)});
    if (m.item == StockItem::BlankCard && (m.kind == MovementKind::Printed || m.kind == MovementKind::Spoiled)) {
      used += m.quantity;
      (m.kind == MovementKind::Printed ? printed : spoiled) += m.quantity;
      if (m.quantity != 1 || !serials.insert(m.reference).second)
        out.push_back({"BLANK_SERIAL", m.credit, "blank " + m.reference + " used twice or in bulk"});
    }
    if (m.kind == MovementKind::TransferOut) sent[m.reference] = &m;
    if (m.kind == MovementKind::TransferIn) {
      auto it = sent.find(m.reference);
      if (it == sent.end() || !received.insert(m.reference).second)
        out.push_back({"TRANSFER_UNMATCHED", m.debit, "transfer " + m.reference + " received without (one) sending"});
      else if (it->second->quantity != m.quantity || it->second->item != m.item)
        out.push_back({"TRANSFER_QUANTITY", m.debit, "transfer " + m.reference + " sent " + std::to_string(it->second->quantity) +
                                                         ", received " + std::to_string(m.quantity)});
    }
  }
  int64_t sum = 0;
  bool overflow = false;
  for (auto& [key, v] : bal) overflow |= !add_checked(sum, v);
  if (overflow) out.push_back({"BALANCE_OVERFLOW", "", "the accounts do not sum within int64"});
  else if (sum != 0) out.push_back({"NOT_BALANCED", "", "the accounts sum to " + std::to_string(sum)});
  if (used != printed + spoiled) out.push_back({"BLANKS_USED", "", "used " + std::to_string(used) + " != printed + spoiled"});
  for (auto& [id, m] : sent)
    if (!received.count(id) && today.to_days() - m->on.to_days() > transit_days)
      out.push_back({"TRANSFER_IN_TRANSIT", m->credit, "transfer " + id + " in transit since " + m->on.iso()});
  return out;
}

std::optional<int64_t> days_to_stockout(int64_t on_hand, double cards_per_day) {
  if (!(cards_per_day > 0)) return std::nullopt;
  return static_cast<int64_t>(std::floor(static_cast<double>(std::max<int64_t>(on_hand, 0)) / cards_per_day));
}

}  // namespace ktpel

// Persistence of what happens to a printed card until the resident holds it: the hand-over
// (which office, which officer, who collected it) and, for a card printed by another office
// (the capacity plan's sharing), its shipment home (printed at A, shipped on a day, received at B).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "store/print_store.h"

namespace ktpel {

struct CardDelivery {
  int64_t id = 0;
  std::string nik, card_serial, office, officer;
  std::string collector = "SELF";  // SELF | REPRESENTATIVE
  std::string representative_name, representative_nik;
  Date on;
  std::string at;
};

struct CardShipment {
  std::string card_serial, nik, printed_by, home_office;
  Date printed_on;
  std::optional<Date> shipped_on, received_on;
  std::string shipped_by, received_by;
};

class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;
  virtual int64_t insert_delivery(const CardDelivery& d) = 0;
  virtual std::optional<CardDelivery> last_delivery(std::string_view nik) = 0;
  // The resident's latest print job that printed a card (not a spoiled blank).
  virtual std::optional<PrintJob> printed_card(std::string_view nik) = 0;
  virtual void insert_shipment(const CardShipment& s) = 0;
  // The latest card printed elsewhere for this resident (none when printed at home).
  virtual std::optional<CardShipment> shipment_of(std::string_view nik) = 0;
  // Every card printed at `from` for `to` and not yet shipped leaves on `on`; returns how many.
  virtual int64_t ship_cards(std::string_view from, std::string_view to, Date on, std::string_view by) = 0;
  // Every card shipped from `from` to `to` and not yet received arrives on `on`; returns how many.
  virtual int64_t receive_cards(std::string_view from, std::string_view to, Date on, std::string_view by) = 0;
  // Shipments printed by or for offices under the prefix, newest print first.
  virtual std::vector<CardShipment> shipments(std::string_view office_prefix, int64_t limit) = 0;
};

}  // namespace ktpel

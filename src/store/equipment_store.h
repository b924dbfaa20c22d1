// Persistence of the equipment inventory (issue [10]): items (card printers included: the print
// desk reads them through PrintStore's printer methods, over the same table), their dated status
// history, and repair tickets. Ticket and item reads that precede a write take the row lock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/equipment/equipment_item.h"
#include "core/equipment/repair_ticket.h"

namespace ktpel {

struct ItemEvent {
  std::string serial;
  Date on;
  ItemStatus status = ItemStatus::Active;
  std::string note, actor, at;
};

class EquipmentStore {
 public:
  virtual ~EquipmentStore() = default;
  virtual bool insert_item(const EquipmentItem& item, std::string_view at) = 0;  // false: serial taken
  virtual void update_item(const EquipmentItem& item, std::string_view at) = 0;
  virtual std::optional<EquipmentItem> item(std::string_view serial, bool lock) = 0;
  // Items of offices under the prefix ("" = all), by office then serial; CARD_PRINTER included.
  virtual std::vector<EquipmentItem> items(std::string_view office_prefix) = 0;
  virtual void append_item_event(const ItemEvent& e) = 0;
  virtual std::vector<ItemEvent> item_events(std::string_view office_prefix) = 0;  // by serial, then date

  virtual int64_t insert_ticket(const RepairTicket& t) = 0;  // its id
  virtual void update_ticket(const RepairTicket& t) = 0;
  virtual std::optional<RepairTicket> ticket(int64_t id, bool lock) = 0;
  virtual std::optional<RepairTicket> open_ticket_of(std::string_view serial) = 0;
  // Tickets of items of offices under the prefix, newest first; open_only: not yet closed.
  virtual std::vector<RepairTicket> tickets(std::string_view office_prefix, bool open_only, int64_t limit) = 0;
};

}  // namespace ktpel

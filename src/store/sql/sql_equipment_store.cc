// SqlStore: equipment items, their status history and repair tickets (EquipmentStore).
#include "store/sql/sql_store.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

constexpr const char* kItemColumns =
    "serial, office, item_type, vendor, model, installed_on, os, os_end_of_support, warranty_end, status,"
    " cards_per_day, lent_to, lent_until, note";

std::string iso_or_empty(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }

EquipmentItem read_item(const sql::Statement& s) {
  EquipmentItem i;
  i.serial = s.text(0);
  i.office = s.text(1);
  i.type = parse_item_type(s.text(2)).value_or(ItemType::Pc);
  i.vendor = s.text(3);
  i.model = s.text(4);
  i.installed_on = Date::parse_iso(s.text(5));
  i.os = s.text(6);
  i.os_end_of_support = Date::parse_iso(s.text(7));
  i.warranty_end = Date::parse_iso(s.text(8));
  i.status = parse_item_status(s.text(9)).value_or(ItemStatus::Broken);
  i.cards_per_day = s.integer(10);
  i.lent_to = s.text(11);
  i.lent_until = Date::parse_iso(s.text(12));
  i.note = s.text(13);
  return i;
}

template <class S>
void bind_item(S& s, const EquipmentItem& i, std::string_view at) {
  s.bind(1, i.serial).bind(2, i.office).bind(3, to_string(i.type)).bind(4, i.vendor).bind(5, i.model);
  s.bind(6, iso_or_empty(i.installed_on)).bind(7, i.os).bind(8, iso_or_empty(i.os_end_of_support));
  s.bind(9, iso_or_empty(i.warranty_end)).bind(10, to_string(i.status)).bind(11, i.cards_per_day).bind(12, i.lent_to);
  s.bind(13, iso_or_empty(i.lent_until)).bind(14, i.note).bind(15, at);
}

constexpr const char* kTicketColumns =
    "id, serial, office, item_type, model, reported_on, symptom, cause, reporter, closed_on, site, cost_rupiah, parts, closer";

RepairTicket read_ticket(const sql::Statement& s) {
  RepairTicket t;
  t.id = s.integer(0);
  t.serial = s.text(1);
  t.office = s.text(2);
  t.item_type = parse_item_type(s.text(3)).value_or(ItemType::Pc);
  t.model = s.text(4);
  t.reported_on = Date::parse_iso(s.text(5)).value_or(Date{});
  t.symptom = s.text(6);
  t.cause = parse_fault_cause(s.text(7)).value_or(FaultCause::Unknown);
  t.reporter = s.text(8);
  t.closed_on = Date::parse_iso(s.text(9));
  t.site = parse_repair_site(s.text(10));
  t.cost_rupiah = s.integer(11);
  t.parts = s.text(12);
  t.closer = s.text(13);
  return t;
}

}  // namespace

bool SqlStore::insert_item(const EquipmentItem& item, std::string_view at) {
  auto s = db_->cached(std::string("INSERT INTO equipment_items (") + kItemColumns +
                      ", updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
                      " ON CONFLICT (serial) DO NOTHING");
  bind_item(s, item, at);
  return s.run() == 1;
}

void SqlStore::update_item(const EquipmentItem& item, std::string_view at) {
  auto s = db_->cached(
      "UPDATE equipment_items SET office = ?2, item_type = ?3, vendor = ?4, model = ?5, installed_on = ?6, os = ?7,"
      " os_end_of_support = ?8, warranty_end = ?9, status = ?10, cards_per_day = ?11, lent_to = ?12, lent_until = ?13,"
      " note = ?14, updated_at = ?15 WHERE serial = ?1");
  bind_item(s, item, at);
  s.queue();
}

std::optional<EquipmentItem> SqlStore::item(std::string_view serial, bool lock) {
  auto s = db_->cached(std::string("SELECT ") + kItemColumns + " FROM equipment_items WHERE serial = ?1" +
                       (lock ? "{for_update}" : ""));
  s.bind(1, serial);
  return sql::first(s, read_item);
}

std::vector<EquipmentItem> SqlStore::items(std::string_view prefix) {
  auto s = db_->cached(std::string("SELECT ") + kItemColumns +
                       " FROM equipment_items WHERE office >= ?1 AND office < ?2 ORDER BY office, serial");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  return sql::collect(s, read_item);
}

void SqlStore::append_item_event(const ItemEvent& e) {
  auto s = db_->cached("INSERT INTO equipment_events (serial, on_date, status, note, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, e.serial).bind(2, e.on.iso()).bind(3, to_string(e.status)).bind(4, e.note).bind(5, e.actor).bind(6, e.at);
  s.queue();
}

std::vector<ItemEvent> SqlStore::item_events(std::string_view prefix) {
  auto s = db_->cached(
      "SELECT e.serial, e.on_date, e.status, e.note, e.actor, e.at FROM equipment_events e"
      " JOIN equipment_items i ON i.serial = e.serial WHERE i.office >= ?1 AND i.office < ?2"
      " ORDER BY e.serial, e.on_date, e.id");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  return sql::collect(s, [](const sql::Statement& r) {
    return ItemEvent{r.text(0), Date::parse_iso(r.text(1)).value_or(Date{}), parse_item_status(r.text(2)).value_or(ItemStatus::Broken),
                     r.text(3), r.text(4), r.text(5)};
  });
}

int64_t SqlStore::insert_ticket(const RepairTicket& t) {
  // The partial unique index keeps one open ticket per item; a second report of the same fault
  // inserts nothing and answers 0.
  auto s = db_->cached(
      "INSERT INTO repair_tickets (serial, office, item_type, model, reported_on, symptom, cause, reporter)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (serial) WHERE closed_on = '' DO NOTHING RETURNING id");
  s.bind(1, t.serial).bind(2, t.office).bind(3, to_string(t.item_type)).bind(4, t.model).bind(5, t.reported_on.iso());
  s.bind(6, t.symptom).bind(7, to_string(t.cause)).bind(8, t.reporter);
  return s.step() ? s.integer(0) : 0;
}

void SqlStore::update_ticket(const RepairTicket& t) {
  auto s = db_->cached(
      "UPDATE repair_tickets SET closed_on = ?2, site = ?3, cost_rupiah = ?4, parts = ?5, closer = ?6, cause = ?7 WHERE id = ?1");
  s.bind(1, t.id).bind(2, iso_or_empty(t.closed_on)).bind(3, t.site ? to_string(*t.site) : std::string_view());
  s.bind(4, t.cost_rupiah).bind(5, t.parts).bind(6, t.closer).bind(7, to_string(t.cause));
  s.queue();
}

std::optional<RepairTicket> SqlStore::ticket(int64_t id, bool lock) {
  auto s = db_->cached(std::string("SELECT ") + kTicketColumns + " FROM repair_tickets WHERE id = ?1" + (lock ? "{for_update}" : ""));
  s.bind(1, id);
  return sql::first(s, read_ticket);
}

std::optional<RepairTicket> SqlStore::open_ticket_of(std::string_view serial) {
  auto s = db_->cached(std::string("SELECT ") + kTicketColumns + " FROM repair_tickets WHERE serial = ?1 AND closed_on = ''");
  s.bind(1, serial);
  return sql::first(s, read_ticket);
}

std::vector<RepairTicket> SqlStore::tickets(std::string_view prefix, bool open_only, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kTicketColumns +
                       " FROM repair_tickets WHERE office >= ?1 AND office < ?2 AND (?3 = 0 OR closed_on = '')"
                       " ORDER BY id DESC LIMIT ?4");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, open_only ? 1 : 0).bind(4, limit);
  return sql::collect(s, read_ticket);
}

}  // namespace ktpel

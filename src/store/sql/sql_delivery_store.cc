// SqlStore: card deliveries and the shipments of cards printed for another office (DeliveryStore).
#include "store/sql/sql_store.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

constexpr const char* kDeliveryColumns =
    "id, nik, card_serial, office, officer, collector, representative_name, representative_nik, delivered_on, at";

CardDelivery read_delivery(const sql::Statement& s) {
  return {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
          Date::parse_iso(s.text(8)).value_or(Date{}), s.text(9)};
}

constexpr const char* kShipmentColumns =
    "card_serial, nik, printed_by, home_office, printed_on, shipped_on, received_on, shipped_by, received_by";

CardShipment read_shipment(const sql::Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), Date::parse_iso(s.text(4)).value_or(Date{}), Date::parse_iso(s.text(5)),
          Date::parse_iso(s.text(6)), s.text(7), s.text(8)};
}

}  // namespace

int64_t SqlStore::insert_delivery(const CardDelivery& d) {
  auto s = db_->cached(
      "INSERT INTO card_deliveries (nik, card_serial, office, officer, collector, representative_name, representative_nik,"
      " delivered_on, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
  s.bind(1, d.nik).bind(2, d.card_serial).bind(3, d.office).bind(4, d.officer).bind(5, d.collector);
  s.bind(6, d.representative_name).bind(7, d.representative_nik).bind(8, d.on.iso()).bind(9, d.at);
  s.step();
  return s.integer(0);
}

std::optional<CardDelivery> SqlStore::last_delivery(std::string_view nik) {
  auto s = db_->cached(std::string("SELECT ") + kDeliveryColumns + " FROM card_deliveries WHERE nik = ?1 ORDER BY id DESC LIMIT 1");
  s.bind(1, nik);
  return sql::first(s, read_delivery);
}

std::optional<PrintJob> SqlStore::printed_card(std::string_view nik) {
  auto s = db_->cached(
      "SELECT id, office, nik, card_serial, printer_serial, outcome, reason, on_date, at, operator_id FROM print_jobs"
      " WHERE nik = ?1 AND outcome = 'printed' ORDER BY id DESC LIMIT 1");
  s.bind(1, nik);
  return sql::first(s, [](const sql::Statement& r) {
    return PrintJob{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                    Date::parse_iso(r.text(7)).value_or(Date{}), r.text(8), r.text(9)};
  });
}

void SqlStore::insert_shipment(const CardShipment& c) {
  auto s = db_->cached(
      "INSERT INTO card_shipments (card_serial, nik, printed_by, home_office, printed_on) VALUES (?1, ?2, ?3, ?4, ?5)");
  s.bind(1, c.card_serial).bind(2, c.nik).bind(3, c.printed_by).bind(4, c.home_office).bind(5, c.printed_on.iso());
  s.queue();
}

std::optional<CardShipment> SqlStore::shipment_of(std::string_view nik) {
  auto s = db_->cached(std::string("SELECT ") + kShipmentColumns +
                      " FROM card_shipments WHERE nik = ?1 ORDER BY printed_on DESC, card_serial DESC LIMIT 1");
  s.bind(1, nik);
  return sql::first(s, read_shipment);
}

int64_t SqlStore::ship_cards(std::string_view from, std::string_view to, Date on, std::string_view by) {
  auto s = db_->cached(
      "UPDATE card_shipments SET shipped_on = ?3, shipped_by = ?4"
      " WHERE printed_by = ?1 AND home_office = ?2 AND shipped_on = '' AND printed_on <= ?3");
  s.bind(1, from).bind(2, to).bind(3, on.iso()).bind(4, by);
  return s.run();
}

int64_t SqlStore::receive_cards(std::string_view from, std::string_view to, Date on, std::string_view by) {
  auto s = db_->cached(
      "UPDATE card_shipments SET received_on = ?3, received_by = ?4"
      " WHERE printed_by = ?1 AND home_office = ?2 AND shipped_on <> '' AND received_on = '' AND shipped_on <= ?3");
  s.bind(1, from).bind(2, to).bind(3, on.iso()).bind(4, by);
  return s.run();
}

std::vector<CardShipment> SqlStore::shipments(std::string_view prefix, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kShipmentColumns +
                      " FROM card_shipments WHERE (printed_by >= ?1 AND printed_by < ?2) OR (home_office >= ?1 AND home_office < ?2)"
                      " ORDER BY printed_on DESC, card_serial DESC LIMIT ?3");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, limit);
  return sql::collect(s, read_shipment);
}

}  // namespace ktpel

// SqlStore: printers, stock ledger, print jobs, suket, keys, settings (PrintStore).
#include "store/print_queue_sql.h"
#include "store/sql/sql_store.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

// Printers are the CARD_PRINTER items of the inventory (migration 17): a lent printer is an
// active item with lent_to set.
constexpr const char* kPrinterColumns = "serial, office, model, cards_per_day, status, lent_to, lent_until, note";

Printer read_printer(const sql::Statement& s) {
  auto status = PrinterStatus::Broken;
  if (auto item = parse_item_status(s.text(4))) switch (*item) {
      case ItemStatus::Active: status = s.text(5).empty() ? PrinterStatus::Active : PrinterStatus::Lent; break;
      case ItemStatus::Broken: status = PrinterStatus::Broken; break;
      case ItemStatus::InRepair: status = PrinterStatus::InRepair; break;
      case ItemStatus::Retired: status = PrinterStatus::Retired; break;
    }
  return {s.text(0), s.text(1), s.text(2), s.integer(3), status, s.text(5), Date::parse_iso(s.text(6)), s.text(7)};
}

std::string_view item_status_of(PrinterStatus p) {
  switch (p) {
    case PrinterStatus::Active:
    case PrinterStatus::Lent: return to_string(ItemStatus::Active);
    case PrinterStatus::Broken: return to_string(ItemStatus::Broken);
    case PrinterStatus::InRepair: return to_string(ItemStatus::InRepair);
    case PrinterStatus::Retired: return to_string(ItemStatus::Retired);
  }
  return to_string(ItemStatus::Broken);
}

template <class S>
void bind_printer(S& s, const Printer& p, std::string_view at) {
  const bool lent = p.status == PrinterStatus::Lent;
  s.bind(1, p.serial).bind(2, p.office).bind(3, p.model).bind(4, p.cards_per_day).bind(5, item_status_of(p.status));
  s.bind(6, lent ? p.lent_to : std::string()).bind(7, lent && p.lent_until ? p.lent_until->iso() : std::string());
  s.bind(8, p.note).bind(9, at);
}

constexpr const char* kSuketColumns =
    "number, nik, office, issued_on, expires_on, token, status, closed_at, card_serial, operator_id, renewed_to";

SuketRecord read_suket(const sql::Statement& s) {
  return {s.text(0), s.text(1), s.text(2), Date::parse_iso(s.text(3)).value_or(Date{}), Date::parse_iso(s.text(4)).value_or(Date{}),
          s.text(5), s.text(6), s.text(7), s.text(8), s.text(9), s.text(10)};
}

}  // namespace

bool SqlStore::insert_printer(const Printer& p, std::string_view at) {
  auto s = db_->cached(std::string("INSERT INTO equipment_items (") + kPrinterColumns +
                      ", updated_at, item_type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'CARD_PRINTER') ON CONFLICT (serial) DO NOTHING");
  bind_printer(s, p, at);
  return s.run() == 1;
}

void SqlStore::update_printer(const Printer& p, std::string_view at) {
  auto s = db_->cached(
      "UPDATE equipment_items SET office = ?2, model = ?3, cards_per_day = ?4, status = ?5, lent_to = ?6, lent_until = ?7,"
      " note = ?8, updated_at = ?9 WHERE serial = ?1 AND item_type = 'CARD_PRINTER'");
  bind_printer(s, p, at);
  s.queue();
}

std::optional<Printer> SqlStore::printer(std::string_view serial) {
  auto s = db_->cached(std::string("SELECT ") + kPrinterColumns + " FROM equipment_items WHERE serial = ?1 AND item_type = 'CARD_PRINTER'");
  s.bind(1, serial);
  return sql::first(s, read_printer);
}

std::vector<Printer> SqlStore::printers(std::string_view prefix) {
  auto s = db_->cached(std::string("SELECT ") + kPrinterColumns +
                      " FROM equipment_items WHERE item_type = 'CARD_PRINTER' AND"
                      " ((office >= ?1 AND office < ?2) OR (lent_to >= ?1 AND lent_to < ?2 AND lent_to <> ''))"
                      " ORDER BY office, serial");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  return sql::collect(s, read_printer);
}

int64_t SqlStore::stock_balance(std::string_view account, StockItem item, bool lock) {
  // lock: the balance row stays locked until commit (two print jobs for the last blank take turns).
  auto s = db_->cached(lock ? "SELECT balance FROM stock_balances WHERE account = ?1 AND item = ?2{for_update}"
                            : "SELECT balance FROM stock_balances WHERE account = ?1 AND item = ?2");
  s.bind(1, account).bind(2, to_string(item));
  return s.step() ? s.integer(0) : 0;
}

std::optional<std::pair<StockItem, int64_t>> SqlStore::stock_in_transit(std::string_view id) {
  auto s = db_->cached(
      "SELECT o.item, o.quantity FROM stock_movements o WHERE o.kind = 'transfer_out' AND o.reference = ?1"
      " AND NOT EXISTS (SELECT 1 FROM stock_movements i WHERE i.kind = 'transfer_in' AND i.reference = ?1)");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return std::pair{parse_stock_item(s.text(0)).value_or(StockItem::BlankCard), s.integer(1)};
}

bool SqlStore::stock_transfer_known(std::string_view id) {
  auto s = db_->cached("SELECT 1 FROM stock_movements WHERE kind = 'transfer_out' AND reference = ?1");
  s.bind(1, id);
  return s.step();
}

bool SqlStore::blank_serial_used(std::string_view serial) {
  auto s = db_->cached(
      "SELECT 1 FROM stock_movements WHERE item = 'blangko' AND kind IN ('printed', 'spoiled') AND reference = ?1");
  s.bind(1, serial);
  return s.step();
}

int64_t SqlStore::append_stock_movement(const StockMovement& m, std::string_view actor, std::string_view at) {
  auto ins = db_->cached(
      "INSERT INTO stock_movements (kind, item, debit, credit, quantity, on_date, reference, reason, actor, at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
  ins.bind(1, to_string(m.kind)).bind(2, to_string(m.item)).bind(3, m.debit).bind(4, m.credit).bind(5, m.quantity);
  ins.bind(6, m.on.iso()).bind(7, m.reference).bind(8, m.reason).bind(9, actor).bind(10, at);
  ins.step();
  const int64_t id = ins.integer(0);
  auto bal = db_->cached(
      "INSERT INTO stock_balances (account, item, balance) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (account, item) DO UPDATE SET balance = stock_balances.balance + excluded.balance");
  bal.bind(1, m.debit).bind(2, to_string(m.item)).bind(3, m.quantity);
  bal.queue();
  bal.reset();
  bal.bind(1, m.credit).bind(2, to_string(m.item)).bind(3, -m.quantity);
  bal.queue();
  return id;
}

std::vector<StoredMovement> SqlStore::stock_movements(std::string_view prefix, int64_t limit) {
  auto s = db_->cached(
      "SELECT id, kind, item, debit, credit, quantity, on_date, reference, reason, actor, at FROM stock_movements"
      " WHERE ?1 = '' OR (debit >= ?1 AND debit < ?2) OR (credit >= ?1 AND credit < ?2) ORDER BY id LIMIT ?3");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, limit);
  return sql::collect(s, [](const sql::Statement& s) {
    return StoredMovement{{s.integer(0), parse_movement_kind(s.text(1)).value_or(MovementKind::StockTake),
                           parse_stock_item(s.text(2)).value_or(StockItem::BlankCard), s.text(3), s.text(4), s.integer(5),
                           Date::parse_iso(s.text(6)).value_or(Date{}), s.text(7), s.text(8)},
                          s.text(9), s.text(10)};
  });
}

std::vector<StockBalanceRow> SqlStore::stock_balances(std::string_view prefix) {
  auto s = db_->cached(
      "SELECT account, item, balance FROM stock_balances WHERE account >= ?1 AND account < ?2 ORDER BY account, item");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  std::vector<StockBalanceRow> out;
  while (s.step()) out.push_back({s.text(0), parse_stock_item(s.text(1)).value_or(StockItem::BlankCard), s.integer(2)});
  return out;
}

int64_t SqlStore::insert_print_job(const PrintJob& j) {
  auto s = db_->cached(
      "INSERT INTO print_jobs (office, nik, card_serial, printer_serial, outcome, reason, on_date, at, operator_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
  s.bind(1, j.office).bind(2, j.nik).bind(3, j.card_serial).bind(4, j.printer_serial).bind(5, j.outcome).bind(6, j.reason);
  s.bind(7, j.on.iso()).bind(8, j.at).bind(9, j.operator_id);
  s.step();
  return s.integer(0);
}

std::vector<PrintJob> SqlStore::print_jobs(std::string_view prefix, int64_t limit) {
  auto s = db_->cached(
      "SELECT id, office, nik, card_serial, printer_serial, outcome, reason, on_date, at, operator_id FROM print_jobs"
      " WHERE office >= ?1 AND office < ?2 ORDER BY id DESC LIMIT ?3");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, limit);
  std::vector<PrintJob> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                   Date::parse_iso(s.text(7)).value_or(Date{}), s.text(8), s.text(9)});
  return out;
}

std::map<std::string, int64_t> SqlStore::blanks_used_since(std::string_view prefix, Date from) {
  auto s = db_->cached(
      "SELECT office, COUNT(*) FROM print_jobs WHERE office >= ?1 AND office < ?2 AND on_date >= ?3 GROUP BY office");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, from.iso());
  std::map<std::string, int64_t> out;
  while (s.step()) out[s.text(0)] = s.integer(1);
  return out;
}

std::map<std::string, std::pair<int64_t, int64_t>> SqlStore::print_job_totals() {
  auto s = db_->cached("SELECT office, outcome, COUNT(*) FROM print_jobs GROUP BY office, outcome");
  std::map<std::string, std::pair<int64_t, int64_t>> out;
  while (s.step()) (s.text(1) == "printed" ? out[s.text(0)].first : out[s.text(0)].second) += s.integer(2);
  return out;
}

namespace {

constexpr const char* kCandidateSelect =
    "SELECT nik, village_code, status, since, reprint_reason, printed_before FROM print_queue WHERE ";

QueueCandidate read_candidate(const sql::Statement& s) {
  return {s.text(0), s.text(1), parse_ektp_status(s.text(2)).value_or(EktpStatus::PRR), s.text(3), s.text(4), s.integer(5) != 0};
}

}  // namespace

std::vector<QueueCandidate> SqlStore::print_candidates(std::string_view prefix) {
  auto s = db_->cached(std::string(kCandidateSelect) + "village_code >= ?1 AND village_code < ?2");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  return sql::collect(s, read_candidate);
}

std::vector<QueueCandidate> SqlStore::print_queue_head(std::string_view regency, PrintClass cls, int64_t limit) {
  auto s = db_->cached(std::string(kCandidateSelect) + "regency = ?1 AND print_class = ?2 ORDER BY since, nik LIMIT ?3");
  s.bind(1, regency).bind(2, to_string(cls)).bind(3, limit);
  return sql::collect(s, read_candidate);
}

void SqlStore::do_sync_print_queue(std::string_view nik, bool queued) {
  if (!queued) {
    auto del = db_->cached("DELETE FROM print_queue WHERE nik = ?1");
    del.bind(1, nik);
    del.queue();
    return;
  }
  auto s = db_->cached(std::string("INSERT INTO print_queue (") + kPrintQueueColumns + ") " + print_queue_select("e.nik = ?1") +
                       " ON CONFLICT (nik) DO UPDATE SET village_code = excluded.village_code, regency = excluded.regency,"
                       " status = excluded.status, since = excluded.since, reprint_reason = excluded.reprint_reason,"
                       " printed_before = excluded.printed_before, print_class = excluded.print_class");
  s.bind(1, nik);
  s.queue();
}

std::optional<std::string> SqlStore::latest_enrolment_image(std::string_view nik, std::string_view column) {
  auto s = db_->cached("SELECT " + std::string(column) +
                       ", packet_id, data_key IS NOT NULL FROM enrolments WHERE nik = ?1 ORDER BY captured_at DESC LIMIT 1");
  s.bind(1, nik);
  if (!s.step()) return std::nullopt;
  return unseal("enrolments." + std::string(column) + ":" + s.text(1), s.blob(0), s.integer(2) != 0);
}

std::optional<std::string> SqlStore::enrolment_photo(std::string_view nik) { return latest_enrolment_image(nik, "photo"); }
std::optional<std::string> SqlStore::enrolment_signature(std::string_view nik) { return latest_enrolment_image(nik, "signature"); }

void SqlStore::insert_suket(const SuketRecord& r) {
  auto s = db_->cached(std::string("INSERT INTO sukets (") + kSuketColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  s.bind(1, r.number).bind(2, r.nik).bind(3, r.office).bind(4, r.issued.iso()).bind(5, r.expires.iso()).bind(6, r.token);
  s.bind(7, r.status).bind(8, r.closed_at).bind(9, r.card_serial).bind(10, r.operator_id).bind(11, r.renewed_to);
  s.queue();
}

std::optional<SuketRecord> SqlStore::suket(std::string_view number) {
  auto s = db_->cached(std::string("SELECT ") + kSuketColumns + " FROM sukets WHERE number = ?1");
  s.bind(1, number);
  return sql::first(s, read_suket);
}

std::optional<SuketRecord> SqlStore::open_suket_of(std::string_view nik) {
  auto s = db_->cached(std::string("SELECT ") + kSuketColumns +
                      " FROM sukets WHERE nik = ?1 AND status = 'open' ORDER BY issued_on DESC, number DESC LIMIT 1");
  s.bind(1, nik);
  return sql::first(s, read_suket);
}

void SqlStore::close_suket(std::string_view number, std::string_view at, std::string_view card_serial) {
  auto s = db_->cached("UPDATE sukets SET status = 'closed', closed_at = ?2, card_serial = ?3 WHERE number = ?1");
  s.bind(1, number).bind(2, at).bind(3, card_serial);
  s.queue();
}

std::vector<SuketRecord> SqlStore::sukets(std::string_view prefix, bool open_only, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kSuketColumns +
                      " FROM sukets WHERE office >= ?1 AND office < ?2 AND (?3 = 0 OR status = 'open')"
                      " ORDER BY issued_on, number LIMIT ?4");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, int64_t{open_only}).bind(4, limit);
  return sql::collect(s, read_suket);
}

std::vector<SuketRecord> SqlStore::expired_sukets(std::string_view prefix, Date today, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kSuketColumns +
                      " FROM sukets WHERE status = 'open' AND office >= ?1 AND office < ?2 AND expires_on < ?3"
                      " ORDER BY expires_on, number LIMIT ?4");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, today.iso()).bind(4, limit);
  return sql::collect(s, read_suket);
}

std::vector<SuketExpiryRow> SqlStore::suket_expiry(std::string_view prefix, Date today, Date window_end) {
  auto s = db_->cached(
      "SELECT office, COUNT(*), SUM(CASE WHEN expires_on < ?3 THEN 1 ELSE 0 END),"
      " SUM(CASE WHEN expires_on >= ?3 AND expires_on <= ?4 THEN 1 ELSE 0 END)"
      " FROM sukets WHERE status = 'open' AND office >= ?1 AND office < ?2 GROUP BY office ORDER BY office");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, today.iso()).bind(4, window_end.iso());
  std::vector<SuketExpiryRow> out;
  while (s.step()) out.push_back({s.text(0), s.integer(1), s.integer(2), s.integer(3)});
  return out;
}

bool SqlStore::mark_suket_renewed(std::string_view number, std::string_view at, std::string_view renewed_to) {
  auto s = db_->cached("UPDATE sukets SET status = 'renewed', closed_at = ?2, renewed_to = ?3 WHERE number = ?1 AND status = 'open'");
  s.bind(1, number).bind(2, at).bind(3, renewed_to);
  return s.run() == 1;
}

void SqlStore::set_suket_token(std::string_view number, std::string_view token) {
  auto s = db_->cached("UPDATE sukets SET token = ?2 WHERE number = ?1 AND token = ''");
  s.bind(1, number).bind(2, token);
  s.queue();
}

std::optional<int64_t> SqlStore::print_queue_place(std::string_view regency, std::string_view nik, const std::vector<PrintClass>& order) {
  auto own = db_->cached("SELECT print_class, since FROM print_queue WHERE nik = ?1 AND regency = ?2");
  own.bind(1, nik).bind(2, regency);
  if (!own.step()) return std::nullopt;
  const std::string cls = own.text(0), since = own.text(1);
  // The classes served before the record's own: names from the enum, never from input.
  std::string before;
  for (PrintClass c : order) {
    if (to_string(c) == cls) break;
    before += (before.empty() ? "'" : ", '") + std::string(to_string(c)) + "'";
  }
  auto n = db_->cached("SELECT COUNT(*) FROM print_queue WHERE regency = ?1 AND (print_class IN (" +
                       (before.empty() ? std::string("''") : before) +
                       ") OR (print_class = ?2 AND (since < ?3 OR (since = ?3 AND nik < ?4))))");
  n.bind(1, regency).bind(2, cls).bind(3, since).bind(4, nik);
  n.step();
  return n.integer(0) + 1;
}

std::optional<OfficeKey> SqlStore::office_key(std::string_view office) {
  auto s = db_->cached("SELECT office, sign_public, sign_secret, data_key IS NOT NULL FROM office_keys WHERE office = ?1");
  s.bind(1, office);
  if (!s.step()) return std::nullopt;
  return OfficeKey{s.text(0), s.text(1), unseal_text("office_keys.sign_secret:" + s.text(0), s.text(2), s.integer(3) != 0)};
}

bool SqlStore::insert_office_key(const OfficeKey& k) {
  const int64_t key = active_data_key();
  auto s = db_->cached(
      "INSERT INTO office_keys (office, sign_public, sign_secret, data_key) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
  s.bind(1, k.office).bind(2, k.sign_public).bind(3, seal_text(key, "office_keys.sign_secret:" + k.office, k.sign_secret));
  s.bind(4, key);
  return s.run() == 1;
}

void SqlStore::insert_expected_tranche(const ExpectedTranche& t) {
  auto s = db_->cached(
      "INSERT INTO expected_tranches (reference, office, expected_on, quantity) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (reference) DO UPDATE SET office = excluded.office, expected_on = excluded.expected_on,"
      " quantity = excluded.quantity");
  s.bind(1, t.reference).bind(2, t.office).bind(3, t.expected_on.iso()).bind(4, t.quantity);
  s.queue();
}

std::vector<ExpectedTranche> SqlStore::expected_tranches(std::string_view prefix) {
  auto s = db_->cached(
      "SELECT office, expected_on, quantity, reference FROM expected_tranches WHERE office >= ?1 AND office < ?2"
      " ORDER BY expected_on, reference");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  std::vector<ExpectedTranche> out;
  while (s.step()) out.push_back({s.text(0), Date::parse_iso(s.text(1)).value_or(Date{}), s.integer(2), s.text(3)});
  return out;
}

std::optional<std::string> SqlStore::setting(std::string_view key) {
  auto s = db_->cached("SELECT value FROM settings WHERE key = ?1");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

void SqlStore::put_setting(std::string_view key, std::string_view value) {
  auto s = db_->cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  s.bind(1, key).bind(2, value);
  s.queue();
}

}  // namespace ktpel

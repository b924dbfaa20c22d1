// PostgresStore: printers, stock ledger, print jobs, suket, keys, settings (PrintStore).
#include "crypto/envelope.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/print_queue_sql.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

using W = pqxx::transaction_base;
std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }
std::string str(std::string_view v) { return std::string(v); }

constexpr const char* kPrinterColumns = "serial, office, model, cards_per_day, status, lent_to, lent_until, note";

Printer read_printer(const pqxx::row& r) {
  Printer p;
  p.serial = text(r[0]);
  p.office = text(r[1]);
  p.model = text(r[2]);
  p.cards_per_day = r[3].as<int64_t>();
  p.status = parse_printer_status(text(r[4])).value_or(PrinterStatus::Broken);
  p.lent_to = text(r[5]);
  p.lent_until = Date::parse_iso(text(r[6]));
  p.note = text(r[7]);
  return p;
}

constexpr const char* kSuketColumns =
    "number, nik, office, issued_on, expires_on, token, status, closed_at, card_serial, operator_id";

SuketRecord read_suket(const pqxx::row& r) {
  return {text(r[0]), text(r[1]), text(r[2]), Date::parse_iso(text(r[3])).value_or(Date{}),
          Date::parse_iso(text(r[4])).value_or(Date{}), text(r[5]), text(r[6]), text(r[7]), text(r[8]), text(r[9])};
}

}  // namespace

bool PostgresStore::insert_printer(const Printer& p, std::string_view at) {
  return run([&](W& w) {
    return w.exec_params(std::string("INSERT INTO printers (") + kPrinterColumns +
                             ", updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (serial) DO NOTHING",
                         p.serial, p.office, p.model, p.cards_per_day, str(to_string(p.status)), p.lent_to,
                         p.lent_until ? p.lent_until->iso() : std::string(), p.note, str(at))
               .affected_rows() == 1;
  });
}

void PostgresStore::update_printer(const Printer& p, std::string_view at) {
  run([&](W& w) {
    w.exec_params(
        "UPDATE printers SET office = $2, model = $3, cards_per_day = $4, status = $5, lent_to = $6, lent_until = $7,"
        " note = $8, updated_at = $9 WHERE serial = $1",
        p.serial, p.office, p.model, p.cards_per_day, str(to_string(p.status)), p.lent_to,
        p.lent_until ? p.lent_until->iso() : std::string(), p.note, str(at));
    return 0;
  });
}

std::optional<Printer> PostgresStore::printer(std::string_view serial) {
  return run([&](W& w) -> std::optional<Printer> {
    auto res = w.exec_params(std::string("SELECT ") + kPrinterColumns + " FROM printers WHERE serial = $1", str(serial));
    if (res.empty()) return std::nullopt;
    return read_printer(res[0]);
  });
}

std::vector<Printer> PostgresStore::printers(std::string_view prefix) {
  return run([&](W& w) {
    std::vector<Printer> out;
    for (const auto& r : w.exec_params(std::string("SELECT ") + kPrinterColumns +
                                           " FROM printers WHERE (office >= $1 AND office < $2)"
                                           " OR (lent_to >= $1 AND lent_to < $2 AND lent_to <> '') ORDER BY office, serial",
                                       str(prefix), prefix_upper_bound(prefix)))
      out.push_back(read_printer(r));
    return out;
  });
}

int64_t PostgresStore::stock_balance(std::string_view account, StockItem item, bool lock) {
  return run([&](W& w) -> int64_t {
    auto res = w.exec_params(std::string("SELECT balance FROM stock_balances WHERE account = $1 AND item = $2") +
                                 (lock ? " FOR UPDATE" : ""),
                             str(account), str(to_string(item)));
    return res.empty() ? 0 : res[0][0].as<int64_t>();
  });
}

std::optional<std::pair<StockItem, int64_t>> PostgresStore::stock_in_transit(std::string_view id) {
  return run([&](W& w) -> std::optional<std::pair<StockItem, int64_t>> {
    auto res = w.exec_params(
        "SELECT o.item, o.quantity FROM stock_movements o WHERE o.kind = 'transfer_out' AND o.reference = $1"
        " AND NOT EXISTS (SELECT 1 FROM stock_movements i WHERE i.kind = 'transfer_in' AND i.reference = $1)",
        str(id));
    if (res.empty()) return std::nullopt;
    return std::pair{parse_stock_item(text(res[0][0])).value_or(StockItem::BlankCard), res[0][1].as<int64_t>()};
  });
}

bool PostgresStore::stock_transfer_known(std::string_view id) {
  return run([&](W& w) {
    return !w.exec_params("SELECT 1 FROM stock_movements WHERE kind = 'transfer_out' AND reference = $1", str(id)).empty();
  });
}

bool PostgresStore::blank_serial_used(std::string_view serial) {
  return run([&](W& w) {
    return !w.exec_params(
                 "SELECT 1 FROM stock_movements WHERE item = 'blangko' AND kind IN ('printed', 'spoiled') AND reference = $1",
                 str(serial))
                .empty();
  });
}

int64_t PostgresStore::append_stock_movement(const StockMovement& m, std::string_view actor, std::string_view at) {
  return run([&](W& w) {
    const int64_t id =
        w.exec_params(
             "INSERT INTO stock_movements (kind, item, debit, credit, quantity, on_date, reference, reason, actor, at)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
             str(to_string(m.kind)), str(to_string(m.item)), m.debit, m.credit, m.quantity, m.on.iso(), m.reference, m.reason,
             str(actor), str(at))[0][0]
            .as<int64_t>();
    w.exec_params(
        "INSERT INTO stock_balances (account, item, balance) VALUES ($1, $3, $4), ($2, $3, -$4::bigint)"
        " ON CONFLICT (account, item) DO UPDATE SET balance = stock_balances.balance + excluded.balance",
        m.debit, m.credit, str(to_string(m.item)), m.quantity);
    return id;
  });
}

std::vector<StoredMovement> PostgresStore::stock_movements(std::string_view prefix, int64_t limit) {
  return run([&](W& w) {
    std::vector<StoredMovement> out;
    for (const auto& r : w.exec_params(
             "SELECT id, kind, item, debit, credit, quantity, on_date, reference, reason, actor, at FROM stock_movements"
             " WHERE $1 = '' OR (debit >= $1 AND debit < $2) OR (credit >= $1 AND credit < $2) ORDER BY id LIMIT $3",
             str(prefix), prefix_upper_bound(prefix), limit)) {
      StoredMovement s;
      auto& m = s.movement;
      m.id = r[0].as<int64_t>();
      m.kind = parse_movement_kind(text(r[1])).value_or(MovementKind::StockTake);
      m.item = parse_stock_item(text(r[2])).value_or(StockItem::BlankCard);
      m.debit = text(r[3]);
      m.credit = text(r[4]);
      m.quantity = r[5].as<int64_t>();
      m.on = Date::parse_iso(text(r[6])).value_or(Date{});
      m.reference = text(r[7]);
      m.reason = text(r[8]);
      s.actor = text(r[9]);
      s.at = text(r[10]);
      out.push_back(std::move(s));
    }
    return out;
  });
}

std::vector<StockBalanceRow> PostgresStore::stock_balances(std::string_view prefix) {
  return run([&](W& w) {
    std::vector<StockBalanceRow> out;
    for (const auto& r : w.exec_params(
             "SELECT account, item, balance FROM stock_balances WHERE account >= $1 AND account < $2 ORDER BY account, item",
             str(prefix), prefix_upper_bound(prefix)))
      out.push_back({text(r[0]), parse_stock_item(text(r[1])).value_or(StockItem::BlankCard), r[2].as<int64_t>()});
    return out;
  });
}

int64_t PostgresStore::insert_print_job(const PrintJob& j) {
  return run([&](W& w) {
    return w.exec_params(
                "INSERT INTO print_jobs (office, nik, card_serial, printer_serial, outcome, reason, on_date, at, operator_id)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                j.office, j.nik, j.card_serial, j.printer_serial, j.outcome, j.reason, j.on.iso(), j.at, j.operator_id)[0][0]
        .as<int64_t>();
  });
}

std::vector<PrintJob> PostgresStore::print_jobs(std::string_view prefix, int64_t limit) {
  return run([&](W& w) {
    std::vector<PrintJob> out;
    for (const auto& r : w.exec_params(
             "SELECT id, office, nik, card_serial, printer_serial, outcome, reason, on_date, at, operator_id FROM print_jobs"
             " WHERE office >= $1 AND office < $2 ORDER BY id DESC LIMIT $3",
             str(prefix), prefix_upper_bound(prefix), limit))
      out.push_back({r[0].as<int64_t>(), text(r[1]), text(r[2]), text(r[3]), text(r[4]), text(r[5]), text(r[6]),
                     Date::parse_iso(text(r[7])).value_or(Date{}), text(r[8]), text(r[9])});
    return out;
  });
}

std::map<std::string, int64_t> PostgresStore::blanks_used_since(std::string_view prefix, Date from) {
  return run([&](W& w) {
    std::map<std::string, int64_t> out;
    for (const auto& r : w.exec_params(
             "SELECT office, COUNT(*) FROM print_jobs WHERE office >= $1 AND office < $2 AND on_date >= $3 GROUP BY office",
             str(prefix), prefix_upper_bound(prefix), from.iso()))
      out[text(r[0])] = r[1].as<int64_t>();
    return out;
  });
}

std::map<std::string, std::pair<int64_t, int64_t>> PostgresStore::print_job_totals() {
  return run([&](W& w) {
    std::map<std::string, std::pair<int64_t, int64_t>> out;
    for (const auto& r : w.exec("SELECT office, outcome, COUNT(*) FROM print_jobs GROUP BY office, outcome"))
      (text(r[1]) == "printed" ? out[text(r[0])].first : out[text(r[0])].second) += r[2].as<int64_t>();
    return out;
  });
}

std::vector<QueueCandidate> PostgresStore::print_candidates(std::string_view prefix) {
  return run([&](W& w) {
    std::vector<QueueCandidate> out;
    for (const auto& r : w.exec_params(
             "SELECT nik, village_code, status, since, reprint_reason, printed_before FROM print_queue"
             " WHERE village_code >= $1 AND village_code < $2",
             str(prefix), prefix_upper_bound(prefix)))
      out.push_back({text(r[0]), text(r[1]), parse_ektp_status(text(r[2])).value_or(EktpStatus::PRR), text(r[3]), text(r[4]),
                     text(r[5]) == "t"});
    return out;
  });
}

std::vector<QueueCandidate> PostgresStore::print_queue_head(std::string_view regency, PrintClass cls, int64_t limit) {
  return run([&](W& w) {
    std::vector<QueueCandidate> out;
    for (const auto& r : w.exec_params(
             "SELECT nik, village_code, status, since, reprint_reason, printed_before FROM print_queue"
             " WHERE regency = $1 AND print_class = $2 ORDER BY since, nik LIMIT $3",
             str(regency), str(to_string(cls)), limit))
      out.push_back({text(r[0]), text(r[1]), parse_ektp_status(text(r[2])).value_or(EktpStatus::PRR), text(r[3]), text(r[4]),
                     text(r[5]) == "t"});
    return out;
  });
}

void PostgresStore::do_sync_print_queue(std::string_view nik, bool queued) {
  run([&](W& w) {
    w.exec_params("DELETE FROM print_queue WHERE nik = $1", str(nik));
    if (queued)
      w.exec_params(std::string("INSERT INTO print_queue (") + kPrintQueueColumns + ") " + print_queue_select("e.nik = $1"), str(nik));
    return 0;
  });
}

std::vector<EktpRecord> PostgresStore::ektp_records_in_status(std::string_view prefix, EktpStatus status, int64_t limit) {
  return run([&](W& w) {
    std::vector<EktpRecord> out;
    for (const auto& r : w.exec_params(
             "SELECT e.nik, e.status, e.since, r.village_code, e.ikd_activated FROM ektp_records e"
             " JOIN residents r ON r.nik = e.nik WHERE e.status = $1 AND r.village_code >= $2 AND r.village_code < $3"
             " ORDER BY e.since, e.nik LIMIT $4",
             str(to_string(status)), str(prefix), prefix_upper_bound(prefix), limit))
      out.push_back({text(r[0]), parse_ektp_status(text(r[1])).value_or(status), text(r[2]), text(r[3]), text(r[4]) == "t"});
    return out;
  });
}

std::optional<std::string> PostgresStore::enrolment_photo(std::string_view nik) {
  return run([&](W& w) -> std::optional<std::string> {
    auto res = w.exec_params("SELECT encode(photo, 'hex') FROM enrolments WHERE nik = $1 ORDER BY captured_at DESC LIMIT 1",
                             str(nik));
    if (res.empty()) return std::nullopt;
    return from_hex(text(res[0][0]));
  });
}

void PostgresStore::insert_suket(const SuketRecord& s) {
  run([&](W& w) {
    w.exec_params(std::string("INSERT INTO sukets (") + kSuketColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                  s.number, s.nik, s.office, s.issued.iso(), s.expires.iso(), s.token, s.status, s.closed_at, s.card_serial,
                  s.operator_id);
    return 0;
  });
}

std::optional<SuketRecord> PostgresStore::suket(std::string_view number) {
  return run([&](W& w) -> std::optional<SuketRecord> {
    auto res = w.exec_params(std::string("SELECT ") + kSuketColumns + " FROM sukets WHERE number = $1", str(number));
    if (res.empty()) return std::nullopt;
    return read_suket(res[0]);
  });
}

std::optional<SuketRecord> PostgresStore::open_suket_of(std::string_view nik) {
  return run([&](W& w) -> std::optional<SuketRecord> {
    auto res = w.exec_params(std::string("SELECT ") + kSuketColumns +
                                 " FROM sukets WHERE nik = $1 AND status = 'open' ORDER BY issued_on DESC, number DESC LIMIT 1",
                             str(nik));
    if (res.empty()) return std::nullopt;
    return read_suket(res[0]);
  });
}

void PostgresStore::close_suket(std::string_view number, std::string_view at, std::string_view card_serial) {
  run([&](W& w) {
    w.exec_params("UPDATE sukets SET status = 'closed', closed_at = $2, card_serial = $3 WHERE number = $1", str(number),
                  str(at), str(card_serial));
    return 0;
  });
}

std::vector<SuketRecord> PostgresStore::sukets(std::string_view prefix, bool open_only, int64_t limit) {
  return run([&](W& w) {
    std::vector<SuketRecord> out;
    for (const auto& r : w.exec_params(std::string("SELECT ") + kSuketColumns +
                                           " FROM sukets WHERE office >= $1 AND office < $2 AND (NOT $3 OR status = 'open')"
                                           " ORDER BY issued_on, number LIMIT $4",
                                       str(prefix), prefix_upper_bound(prefix), open_only, limit))
      out.push_back(read_suket(r));
    return out;
  });
}

std::optional<OfficeKey> PostgresStore::office_key(std::string_view office) {
  return run([&](W& w) -> std::optional<OfficeKey> {
    auto res = w.exec_params("SELECT office, sign_public, sign_secret FROM office_keys WHERE office = $1", str(office));
    if (res.empty()) return std::nullopt;
    return OfficeKey{text(res[0][0]), text(res[0][1]), text(res[0][2])};
  });
}

bool PostgresStore::insert_office_key(const OfficeKey& k) {
  return run([&](W& w) {
    return w.exec_params("INSERT INTO office_keys (office, sign_public, sign_secret) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                         k.office, k.sign_public, k.sign_secret)
               .affected_rows() == 1;
  });
}

void PostgresStore::insert_expected_tranche(const ExpectedTranche& t) {
  run([&](W& w) {
    w.exec_params(
        "INSERT INTO expected_tranches (reference, office, expected_on, quantity) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (reference) DO UPDATE SET office = excluded.office, expected_on = excluded.expected_on,"
        " quantity = excluded.quantity",
        t.reference, t.office, t.expected_on.iso(), t.quantity);
    return 0;
  });
}

std::vector<ExpectedTranche> PostgresStore::expected_tranches(std::string_view prefix) {
  return run([&](W& w) {
    std::vector<ExpectedTranche> out;
    for (const auto& r : w.exec_params(
             "SELECT office, expected_on, quantity, reference FROM expected_tranches WHERE office >= $1 AND office < $2"
             " ORDER BY expected_on, reference",
             str(prefix), prefix_upper_bound(prefix)))
      out.push_back({text(r[0]), Date::parse_iso(text(r[1])).value_or(Date{}), r[2].as<int64_t>(), text(r[3])});
    return out;
  });
}

std::optional<std::string> PostgresStore::setting(std::string_view key) {
  return run([&](W& w) -> std::optional<std::string> {
    auto res = w.exec_params("SELECT value FROM settings WHERE key = $1", str(key));
    if (res.empty()) return std::nullopt;
    return text(res[0][0]);
  });
}

void PostgresStore::put_setting(std::string_view key, std::string_view value) {
  run([&](W& w) {
    w.exec_params("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  str(key), str(value));
    return 0;
  });
}

}  // namespace ktpel

// Persistence of printing: printers, the blank/ribbon stock ledger (movements plus a balance
// per account kept in the same transaction), print jobs, suket, office signing keys, expected
// tranches. Stock reads that precede a write take the row lock (PostgreSQL
// SELECT ... FOR UPDATE; SQLite's BEGIN IMMEDIATE already serialises writers), so two print
// jobs never both take the last blank.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/date.h"
#include "core/ektp/ektp_status.h"
#include "core/print/print_queue.h"
#include "core/print/printer.h"
#include "core/print/stock_ledger.h"
#include "store/ektp_store.h"

namespace ktpel {

struct StockBalanceRow {
  std::string account;
  StockItem item = StockItem::BlankCard;
  int64_t balance = 0;
};

struct StoredMovement {
  StockMovement movement;
  std::string actor, at;
};

struct PrintJob {
  int64_t id = 0;
  std::string office, nik, card_serial, printer_serial;
  std::string outcome;  // "printed" | "spoiled"
  std::string reason;   // spoiled: misprint, jam, overheating, ...
  Date on;
  std::string at, operator_id;
};

struct SuketRecord {
  std::string number, nik, office;
  Date issued, expires;
  std::string token;
  std::string status = "open";  // "open" | "closed" (converted to a card) | "renewed" (replaced)
  std::string closed_at, card_serial, operator_id;
  std::string renewed_to;  // the suket that replaced it ("" = none)
};

struct SuketExpiryRow {  // open sukets of one office
  std::string office;
  int64_t open = 0, expired = 0, expiring = 0;  // expiring: still valid, ends within the window
};

struct ExpectedTranche {
  std::string office;
  Date expected_on;
  int64_t quantity = 0;
  std::string reference;
};

struct OfficeKey {
  std::string office, sign_public, sign_secret;  // Ed25519, hex
};

class PrintStore {
 public:
  virtual ~PrintStore() = default;
  virtual bool insert_printer(const Printer& p, std::string_view at) = 0;  // false: serial taken
  virtual void update_printer(const Printer& p, std::string_view at) = 0;
  virtual std::optional<Printer> printer(std::string_view serial) = 0;
  // Printers owned by, or lent to, offices under the prefix ("" = all).
  virtual std::vector<Printer> printers(std::string_view office_prefix) = 0;

  virtual int64_t stock_balance(std::string_view account, StockItem item, bool lock) = 0;
  virtual std::optional<std::pair<StockItem, int64_t>> stock_in_transit(std::string_view transfer_id) = 0;
  virtual bool stock_transfer_known(std::string_view transfer_id) = 0;
  virtual bool blank_serial_used(std::string_view card_serial) = 0;
  // Appends the movement and moves both balances; returns its id. Inside a transaction.
  virtual int64_t append_stock_movement(const StockMovement& m, std::string_view actor, std::string_view at) = 0;
  virtual std::vector<StoredMovement> stock_movements(std::string_view account_prefix, int64_t limit) = 0;  // by id
  virtual std::vector<StockBalanceRow> stock_balances(std::string_view account_prefix) = 0;

  virtual int64_t insert_print_job(const PrintJob& j) = 0;
  virtual std::vector<PrintJob> print_jobs(std::string_view office_prefix, int64_t limit) = 0;  // newest first
  // Blanks used (printed + spoiled) per office from `from` on.
  virtual std::map<std::string, int64_t> blanks_used_since(std::string_view office_prefix, Date from) = 0;
  virtual std::map<std::string, std::pair<int64_t, int64_t>> print_job_totals() = 0;  // office -> printed, spoiled

  // PRR and SUKET records of residents under the region prefix, with what classifies them.
  virtual std::vector<QueueCandidate> print_candidates(std::string_view region_prefix) = 0;
  // The oldest `limit` records of one class in a regency's queue (an index range).
  virtual std::vector<QueueCandidate> print_queue_head(std::string_view regency, PrintClass cls, int64_t limit) = 0;
  // Records in one status under the region prefix, oldest transition first.
  virtual std::vector<EktpRecord> ektp_records_in_status(std::string_view region_prefix, EktpStatus status, int64_t limit) = 0;

  virtual std::optional<std::string> enrolment_photo(std::string_view nik) = 0;  // the latest capture's JPEG
  virtual std::optional<std::string> enrolment_signature(std::string_view nik) = 0;  // its PNG (the adjudication screen)
  virtual void insert_suket(const SuketRecord& s) = 0;
  virtual std::optional<SuketRecord> suket(std::string_view number) = 0;
  virtual std::optional<SuketRecord> open_suket_of(std::string_view nik) = 0;
  virtual void close_suket(std::string_view number, std::string_view at, std::string_view card_serial) = 0;
  virtual std::vector<SuketRecord> sukets(std::string_view office_prefix, bool open_only, int64_t limit) = 0;
  // Open sukets whose last day is before `today` (expired), oldest expiry first.
  virtual std::vector<SuketRecord> expired_sukets(std::string_view office_prefix, Date today, int64_t limit) = 0;
  // Per office: open sukets, those expired before `today`, those ending by `window_end`.
  virtual std::vector<SuketExpiryRow> suket_expiry(std::string_view office_prefix, Date today, Date window_end) = 0;
  // Only an open suket; false when it was not (renewed or closed meanwhile: two desks at once).
  virtual bool mark_suket_renewed(std::string_view number, std::string_view at, std::string_view renewed_to) = 0;
  virtual void set_suket_token(std::string_view number, std::string_view token) = 0;  // a migrated suket's first PDF
  // The record's 1-based place in its regency's print queue served in `order`; nullopt: not queued.
  virtual std::optional<int64_t> print_queue_place(std::string_view regency, std::string_view nik,
                                                   const std::vector<PrintClass>& order) = 0;

  virtual std::optional<OfficeKey> office_key(std::string_view office) = 0;
  virtual bool insert_office_key(const OfficeKey& k) = 0;  // false: the office already has one
  virtual void insert_expected_tranche(const ExpectedTranche& t) = 0;
  virtual std::vector<ExpectedTranche> expected_tranches(std::string_view office_prefix) = 0;
};

}  // namespace ktpel

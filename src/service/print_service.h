// The office's printing desk: printers, the stock ledger on the store, the print queue and print
// jobs, delivery, suket (signed tokens) and the capacity plan of a province. Every write is one
// transaction; rules come from the core (stock_rules, printing_office, classify, plan_capacity).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/print/capacity_planner.h"
#include "core/print/card_delivery.h"
#include "core/print/print_queue.h"
#include "core/print/print_wait.h"
#include "core/print/printer.h"
#include "core/print/suket.h"
#include "core/print/stock_ledger.h"
#include "io/suket_pdf.h"
#include "service/ektp_service.h"
#include "store/store_view.h"

namespace ktpel {

class WilayahCatalog;

struct OfficeStock {  // balances of one office
  std::string office, name;
  int64_t blanks = 0, ribbons = 0, cleaning_kits = 0;
};

struct StockForecast {
  std::string office, name;
  int64_t blanks = 0, ribbons = 0, ribbon_cards = 0, backlog = 0;
  double cards_per_day = 0;               // the rate the days are counted at (see basis)
  std::string basis = "capacity";         // "history": blanks used over the window; "capacity": working printers
  int64_t used_in_window = 0, capacity_per_day = 0;
  // nullopt: nothing prints for the office, or (capacity basis) the stock covers the backlog
  std::optional<int64_t> blank_days_left, ribbon_days_left;
  bool blanks_cover_backlog = false;
  int64_t blanks_short = 0;               // backlog the blanks on hand cannot cover
};

struct StockAuditReport {
  int64_t movements = 0;
  std::vector<StockDiscrepancy> discrepancies;
};

struct PrintOutcome {
  int64_t job_id = 0;
  std::string nik, card_serial, outcome;  // "printed" | "spoiled"
  EktpStatus status = EktpStatus::PRR;    // of the record afterwards
  std::string closed_suket;               // the suket this card replaced, if any
  int64_t blanks_left = 0;
};

// A delivered card: the record afterwards and the hand-over as recorded.
struct DeliveryOutcome {
  EktpRecord record;
  CardDelivery delivery;
};

struct UndeliveredCard {
  std::string nik, village_code, printed_at;
  int64_t days = 0;
};

struct SuketIssued {
  SuketRecord suket;
  std::string public_key_hex;  // the office key that verifies its token
};

struct SuketCheck {
  bool valid = false;            // signature holds, known, open and not expired
  // VALID | FORGED | UNKNOWN_KEY | UNREADABLE | EXPIRED | CLOSED | RENEWED | DECEASED | NOT_ISSUED
  std::string verdict;
  std::optional<SuketPayload> payload;
  std::optional<SuketRecord> record;  // as the store knows it
};

// What a bank clerk's phone shows after scanning a suket's QR: no NIK, the name masked.
struct PublicSuketView {
  std::string status;  // VALID | EXPIRED | REVOKED | DECEASED | INVALID
  std::string verdict; // the full verdict (SuketCheck::verdict)
  std::string number, masked_name, office, office_name;
  std::optional<Date> valid_until;
  std::string renewed_to;  // the suket that replaced a renewed one
};

class PrintService {
 public:
  using Stores = StoreView<PrintStore, DeliveryStore, DedupStore, EquipmentStore, EktpStore, RegistryStore, CoverageStore, SettingsStore>;
  PrintService(Stores store, const WilayahCatalog& wilayah) : store_(store), wilayah_(wilayah) {}

  // Settings: print.priority, print.suket_first, suket.validity_months, suket.min_wait_days,
  // print.cards_per_ribbon, office.public_url (or office.public_url.<office>).
  std::vector<PrintClass> priority();
  bool suket_first();                      // suket holders printed before every other class (default true)
  std::vector<PrintClass> serving_order();  // priority() with suket_first() applied
  int suket_min_wait_days();
  // The office's public verification address without the trailing '/' ("" = none set).
  std::string public_url(const std::string& office);
  Result<std::vector<PrintClass>> set_priority(const std::string& csv);
  int suket_validity_months();
  int64_t cards_per_ribbon();
  Result<std::string> set_setting(const std::string& key, const std::string& value);

  Result<Printer> add_printer(Printer p, const std::string& at);
  Result<Printer> set_printer_status(const std::string& serial, PrinterStatus status, const std::string& lent_to,
                                     std::optional<Date> lent_until, const std::string& note, const std::string& at);
  Result<std::vector<Printer>> printers(const std::string& office_prefix);

  Result<int64_t> receive_tranche(const std::string& office, StockItem item, int64_t qty, Date on, const std::string& reference,
                                  const std::string& actor);
  Result<int64_t> send_transfer(const std::string& from, const std::string& to, const std::string& transfer_id, StockItem item,
                                int64_t qty, Date on, const std::string& actor);
  Result<int64_t> receive_transfer(const std::string& to, const std::string& transfer_id, Date on, const std::string& actor);
  Result<int64_t> consume(const std::string& office, StockItem item, int64_t qty, Date on, const std::string& reference,
                          const std::string& actor);
  Result<int64_t> return_stock(const std::string& office, StockItem item, int64_t qty, Date on, const std::string& reference,
                               const std::string& actor);
  Result<int64_t> stock_take(const std::string& office, StockItem item, int64_t counted, Date on, const std::string& reason,
                             const std::string& actor);
  Result<int64_t> expect_tranche(const std::string& office, Date on, int64_t qty, const std::string& reference);
  Result<std::vector<OfficeStock>> balances(const std::string& office_prefix);
  StockAuditReport audit(Date today);
  Result<std::vector<StockForecast>> forecast(const std::string& office_prefix, Date today, int window_days = 14);

  // for_office: the queue of another regency that this office prints for (the plan's sharing).
  Result<std::vector<QueueEntry>> queue(const std::string& office, int64_t limit, const std::string& for_office = "");
  // When the resident's card can be expected at the office (their place in the queue, the
  // printers printing there today, the stock on hand). place 0: not in the queue.
  Result<PrintWait> expected_print(const std::string& nik, const std::string& office, Date today);
  // for_office: the resident's own regency when `office` prints for it (sharing); the card is then
  // shipped home (ship_cards / receive_cards) and handed over there.
  Result<PrintOutcome> print_card(const std::string& office, const std::string& nik, const std::string& card_serial,
                                  const std::string& printer_serial, const std::string& spoiled_reason, Date on,
                                  const EktpActor& actor, const std::string& for_office = "");
  // The hand-over at the resident's office, by the acting officer, to the resident or a named
  // representative, dated (not before printing, not in the future).
  Result<DeliveryOutcome> deliver(const std::string& nik, DeliveryRequest request, const EktpActor& actor);
  std::optional<CardDelivery> delivery_of(const std::string& nik);
  // Cards printed at `from` for `to` leave together (returns how many) and arrive at `to`.
  Result<int64_t> ship_cards(const std::string& from, const std::string& to, Date on, const EktpActor& actor);
  Result<int64_t> receive_cards(const std::string& to, const std::string& from, Date on, const EktpActor& actor);
  Result<std::vector<CardShipment>> shipments(const std::string& office_prefix, int64_t limit);
  Result<std::vector<UndeliveredCard>> undelivered(const std::string& office, Date today, int64_t limit);

  // A suket only when the card is not expected within suket.min_wait_days (no printer, stock
  // short of the resident's place, or a queue longer than that); the refusal names the expected
  // date. force: issue anyway (the resident cannot wait); the reason is kept in the e-KTP history.
  Result<SuketIssued> issue_suket(const std::string& nik, const std::string& office, Date today, bool force,
                                  const EktpActor& actor);
  // A new number replacing an open suket that has expired or ends within kSuketRenewWindowDays;
  // the old one becomes "renewed" and names its successor. One transaction.
  Result<SuketIssued> renew_suket(const std::string& number, Date today, const EktpActor& actor);
  SuketCheck verify_suket(const std::string& token, Date today);
  // The public page's view of a token (a URL ending in /v/<token> is read as its token).
  PublicSuketView public_suket(const std::string& token, Date today);
  Result<std::vector<SuketRecord>> sukets(const std::string& office_prefix, bool open_only, int64_t limit);
  Result<std::vector<SuketRecord>> expired_sukets(const std::string& office_prefix, Date today, int64_t limit);
  // Open, expired and soon-expiring sukets per office.
  Result<std::vector<SuketExpiryRow>> suket_expiry(const std::string& office_prefix, Date today);
  // Everything the printable suket shows (resident, place names, the latest photo). The QR holds
  // <public url>/v/<token>, the office's public_url or else fallback_base ("" in both: the bare
  // token). A migrated suket without a token is signed here, once.
  Result<SuketDocument> suket_document(const std::string& number, const std::string& fallback_base);
  // The office's signing key (created on first use).
  OfficeKey office_key(const std::string& office);

  // The capacity plan of a province from the store: backlog per regency (PRR + SUKET, from the
  // coverage counters), printers
  // printing there today, blanks and ribbons on hand, expected tranches (and the province
  // warehouse's stock), great-circle distances between regency centroids.
  Result<CapacityPlan> plan(const std::string& province, const PlannerPolicy& policy, Date today);

 private:
  Result<const Region*> office_region(const std::string& office);
  Result<int64_t> book(const std::string& actor, const std::function<Result<StockMovement>(const StockView&)>& rule);
  std::map<std::string, int64_t> backlog(const std::string& prefix);  // PRR + SUKET per regency under prefix
  PrintWait wait_in_tx(const std::string& nik, const std::string& office, Date today, bool lock);
  SuketRecord sign_new_suket(const std::string& nik, const std::string& name, const std::string& office, Date today,
                             const std::string& operator_id);
  Stores store_;  // printing, its records and residents; no stations, no biometrics
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel

// PrintService, the suket desk's rules of issue [11]: suket holders first in the queue, the
// expected wait that decides whether a suket is issued, renewal of an expiring suket, expiry per
// office, and the public page a bank clerk's phone opens from the QR.
#include <algorithm>

#include "core/common/messages.h"
#include "core/wilayah/catalog.h"
#include "crypto/envelope.h"
#include "crypto/suket_token.h"
#include "service/print_service.h"

namespace ktpel {

bool PrintService::suket_first() {
  auto v = store_.as<SettingsStore>().setting("print.suket_first");
  return !v || *v != "false";
}

std::vector<PrintClass> PrintService::serving_order() { return ktpel::serving_order(priority(), suket_first()); }

int PrintService::suket_min_wait_days() {
  auto v = store_.as<SettingsStore>().setting("suket.min_wait_days");
  return v ? std::stoi(*v) : kDefaultSuketMinWaitDays;
}

std::string PrintService::public_url(const std::string& office) {
  auto& settings = store_.as<SettingsStore>();
  if (auto v = settings.setting("office.public_url." + office)) return *v;
  return settings.setting("office.public_url").value_or("");
}

PrintWait PrintService::wait_in_tx(const std::string& nik, const std::string& office, Date today, bool lock) {
  auto& print = store_.as<PrintStore>();
  const int64_t blanks = print.stock_balance(office_account(office), StockItem::BlankCard, lock);
  int64_t per_day = 0;
  for (const auto& p : print.printers(office))
    if (printing_office(p, today) == office) per_day += p.cards_per_day;
  // Ribbons limit the office only where it books them (a balance row exists).
  int64_t ribbon_cards = -1;
  for (const auto& b : print.stock_balances(office_account(office)))
    if (b.account == office_account(office) && b.item == StockItem::Ribbon) ribbon_cards = b.balance * cards_per_ribbon();
  const auto place = print.print_queue_place(office, nik, serving_order());
  if (!place) {
    PrintWait w;
    w.cards_per_day = per_day;
    w.why_unknown = "not_queued";
    return w;
  }
  return ktpel::expected_print(*place, per_day, blanks, ribbon_cards, today);
}

Result<PrintWait> PrintService::expected_print(const std::string& nik, const std::string& office, Date today) {
  if (auto r = office_region(office); !r) return r.error();
  return wait_in_tx(nik, office, today, false);  // a read: the blanks' row is not locked
}

SuketRecord PrintService::sign_new_suket(const std::string& nik, const std::string& name, const std::string& office, Date today,
                                         const std::string& operator_id) {
  const OfficeKey key = office_key(office);
  std::string digits;
  for (char c : office)
    if (c != '.') digits += c;
  const int seq = store_.as<RegistryStore>().next_serial("suket", "SKT" + digits + today.iso());
  const SuketPayload payload{suket_number(office, today, seq), office, nik, name, today, add_months(today, suket_validity_months())};
  SuketRecord s{payload.number, nik, office, payload.issued, payload.expires, sign_suket_token(payload, from_hex(key.sign_secret)),
                "open", "", "", operator_id, ""};
  store_.as<PrintStore>().insert_suket(s);
  return s;
}

Result<SuketIssued> PrintService::renew_suket(const std::string& number, Date today, const EktpActor& actor) {
  StoreTransaction tx(store_.transactions());
  auto old = store_.as<PrintStore>().suket(number);
  if (!old) return make_error("SUKET_NOT_FOUND", "number", {number});
  if (old->status != "open") return make_error("SUKET_NOT_RENEWABLE", "number", {number, old->status, old->renewed_to.empty() ? old->card_serial : old->renewed_to});
  auto resident = store_.as<RegistryStore>().find_resident(old->nik);
  if (!resident) return make_error("RESIDENT_NOT_FOUND", "nik", {old->nik});
  if (!resident->alive)
    return make_error("RESIDENT_DECEASED", "nik", {old->nik, resident->death_date ? resident->death_date->iso() : "-"});
  if (old->expires.to_days() - today.to_days() > kSuketRenewWindowDays)
    return make_error("SUKET_RENEW_TOO_EARLY", "number", {number, old->expires.iso(), old->expires.plus_days(-kSuketRenewWindowDays).iso()});
  const SuketRecord s = sign_new_suket(old->nik, resident->name, old->office, today, actor.operator_id);
  // Conditional on the old one still open: a second desk renewing at the same moment (PostgreSQL
  // reads committed rows) finds it renewed and leaves nothing behind (the new row rolls back).
  if (!store_.as<PrintStore>().mark_suket_renewed(number, actor.at, s.number))
    return make_error("SUKET_NOT_RENEWABLE", "number", {number, "renewed", "meanwhile"});
  tx.commit();
  return SuketIssued{s, office_key(old->office).sign_public};
}

PublicSuketView PrintService::public_suket(const std::string& token, Date today) {
  const SuketCheck c = verify_suket(suket_token_of(token), today);
  PublicSuketView v;
  v.verdict = c.verdict;
  v.status = c.verdict == "VALID" || c.verdict == "EXPIRED" || c.verdict == "DECEASED" ? c.verdict
             : c.verdict == "CLOSED" || c.verdict == "RENEWED"                        ? "REVOKED"
                                                                                       : "INVALID";
  if (v.status == "INVALID" || !c.payload) return v;  // nothing of a forged paper is repeated back
  v.number = c.payload->number;
  v.masked_name = mask_name(c.payload->name);
  v.office = c.payload->office;
  const Region* r = wilayah_.find(v.office);
  v.office_name = r ? r->name : v.office;
  v.valid_until = c.payload->expires;
  if (c.record) v.renewed_to = c.record->renewed_to;
  return v;
}

Result<std::vector<SuketRecord>> PrintService::expired_sukets(const std::string& prefix, Date today, int64_t limit) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  return store_.as<PrintStore>().expired_sukets(prefix, today, limit);
}

Result<std::vector<SuketExpiryRow>> PrintService::suket_expiry(const std::string& prefix, Date today) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  return store_.as<PrintStore>().suket_expiry(prefix, today, today.plus_days(kSuketRenewWindowDays));
}

}  // namespace ktpel

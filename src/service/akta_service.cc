#include "service/akta_service.h"

#include "core/common/messages.h"
#include "core/registry/akta_number.h"
#include "core/wilayah/catalog.h"

namespace ktpel {

Result<AktaIssued> AktaService::issue(const std::string& nik, const std::string& office, Date on, const std::string& officer,
                                      const std::string& at) {
  const Region* r = wilayah_.find(office);
  if (!r || r->level != Level::Kabupaten) return make_error("OFFICE_UNKNOWN", "office", {office});
  StoreTransaction tx(store_);
  store_.lock_registry_writes();  // "has this child an akta?" below decides the write
  auto resident = store_.find_resident(nik);
  if (!resident) return make_error("RESIDENT_NOT_FOUND", "nik", {nik});
  if (!resident->alive) return make_error("AKTA_DECEASED", "nik", {nik, resident->death_date ? resident->death_date->iso() : "-"});
  if (resident->village_code.rfind(office + ".", 0) != 0)
    return make_error("AKTA_WRONG_OFFICE", "office", {nik, resident->village_code, office});
  if (on < resident->birth_date) return make_error("AKTA_BEFORE_BIRTH", "date", {on.iso(), resident->birth_date.iso()});
  if (!at.empty() && on.iso() > at.substr(0, 10)) return make_error("DATE_IN_FUTURE", "date", {"date", on.iso()});
  if (auto existing = store_.birth_certificate(nik)) return make_error("AKTA_EXISTS", "nik", {nik, existing->first});
  std::string digits;
  for (char c : office)
    if (c != '.') digits += c;
  AktaIssued a{nik, "", office, officer, on, akta_is_late(resident->birth_date, on)};
  a.number = akta_number(office, on, a.late, store_.next_serial("akta", "AKTA" + digits + on.iso()));
  store_.put_birth_certificate(nik, a.number, on);  // and the coverage counters
  store_.set_birth_certificate_issuer(nik, office, officer, at);
  tx.commit();
  return a;
}

}  // namespace ktpel

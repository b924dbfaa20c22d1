// Issuing an akta kelahiran (birth certificate) at the regency office for a registered resident:
// before this, akta only arrived by bulk import, so a birth registered in ktpel never got one and
// the 0-17 coverage could only fall. One transaction: the number in the office's series, the
// certificate, who issued it, and the coverage counters (Store::put_birth_certificate).
#pragma once
#include <string>

#include "core/common/date.h"
#include "core/common/error.h"
#include "store/store.h"

namespace ktpel {

class WilayahCatalog;

struct AktaIssued {
  std::string nik, number, office, officer;
  Date issued_on;
  bool late = false;  // registered more than 60 days after the birth (LT)
};

class AktaService {
 public:
  AktaService(Store& store, const WilayahCatalog& wilayah) : store_(store), wilayah_(wilayah) {}
  // The resident must exist, be alive, live under `office` (PP.KK) and hold no akta yet.
  Result<AktaIssued> issue(const std::string& nik, const std::string& office, Date on, const std::string& officer,
                           const std::string& at);

 private:
  Store& store_;
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel

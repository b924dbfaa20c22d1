// The hand-over of a printed card (pure rules): who collected it — the resident (SELF) or a
// representative named with their NIK — and on which day. A representative needs a NIK that is
// structurally valid (16 digits, a kecamatan code, a real birth date) and is not the resident's
// own; they need not live in this regency (a relative from another province may collect), so
// registration in this database is not required.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel {

class WilayahCatalog;

struct DeliveryRequest {
  std::string office;                       // the handing-over office ("" = the resident's regency)
  std::string collector = "SELF";           // SELF | REPRESENTATIVE (any case)
  std::string representative_name, representative_nik;
  std::optional<Date> on;                   // the day of the hand-over (nullopt = today)
};

// Every problem of the request, each naming its field. `printed_on`: the day the card was
// printed (a card is not handed over before it exists); `today`: no hand-over in the future.
std::vector<Error> check_delivery(DeliveryRequest& r, const std::string& resident_nik, Date printed_on, Date today,
                                  const WilayahCatalog& wilayah);

// A print may not be dated before the record became PRR (print-ready) nor after today.
std::optional<Error> check_print_date(Date on, std::optional<Date> prr_since, Date today);

}  // namespace ktpel

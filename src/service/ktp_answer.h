// "Where is my KTP?" answered for a resident: the status in plain words, where the card is printed
// and collected, the place in the print queue with an expected date, the suket and its expiry,
// and what to do when the record is stuck. Machine-readable fields stay next to the words.
#pragma once
#include <optional>
#include <string>

#include "core/common/date.h"
#include "core/print/print_wait.h"
#include "store/print_store.h"
#include "store/store.h"

namespace ktpel {

class WilayahCatalog;

inline constexpr int kStuckAdviceDays = 30;  // a resident is told to come in after this many days

struct KtpAnswer {
  std::string status = "NOT_RECORDED";  // an EktpStatus name, or NOT_RECORDED
  std::string since;                    // ISO time of the last transition ("" = none)
  long days_in_status = 0;
  std::string words_id, words_en;       // the status in words
  std::string office, office_name, office_address;  // the regency office that prints and hands out
  std::optional<PrintWait> wait;        // PRR / SUKET
  std::optional<SuketRecord> suket;     // the open suket
  bool suket_expired = false;
  bool stuck = false;
  std::string advice_id, advice_en;     // what to do ("" = nothing to do but wait)
};

KtpAnswer answer_where_is_my_ktp(Store& store, const WilayahCatalog& wilayah, const std::string& nik, Date today);

}  // namespace ktpel

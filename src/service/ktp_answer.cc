#include "service/ktp_answer.h"

#include "core/common/messages.h"
#include "core/common/date.h"
#include "core/wilayah/catalog.h"
#include "service/print_service.h"

namespace ktpel {

KtpAnswer answer_where_is_my_ktp(Store& store, const WilayahCatalog& wilayah, const std::string& nik, Date today) {
  KtpAnswer a;
  auto resident = store.find_resident(nik);
  const std::string village = resident ? resident->village_code : "";
  a.office = village.substr(0, 5);
  const Region* r = wilayah.find(a.office);
  a.office_name = "Disdukcapil " + (r ? r->name : a.office);
  a.office_address = store.setting("office.address." + a.office).value_or("");
  const std::string where = a.office_name + (a.office_address.empty() ? "" : ", " + a.office_address);
  auto rec = store.ektp_record(nik);
  std::string suket_no = "-", suket_until = "-", expected = "-", place = "-";
  if (rec) {
    a.status = std::string(to_string(rec->status));
    a.since = rec->since;
    const Date since = Date::parse_iso(rec->since.substr(0, 10)).value_or(today);
    a.days_in_status = today.to_days() - since.to_days();
    PrintService print(store, wilayah);
    if (rec->status == EktpStatus::PRR || rec->status == EktpStatus::SUKET) {
      if (auto w = print.expected_print(nik, a.office, today); w && w->place > 0) {
        a.wait = *w;
        place = std::to_string(w->place);
        if (w->date) expected = long_date_id(*w->date);
      }
    }
    if (auto s = store.open_suket_of(nik)) {
      a.suket = *s;
      a.suket_expired = s->expires < today;
      suket_no = s->number;
      suket_until = long_date_id(s->expires);
    }
  }
  const Error words = make_error("KTP_WORDS_" + a.status, "", {where, suket_no, suket_until});
  a.words_id = words.message_id;
  a.words_en = words.message_en;
  if (a.wait) {
    const Error q = a.wait->date ? make_error("KTP_WORDS_QUEUE", "", {place, expected})
                                 : make_error("KTP_WORDS_QUEUE_UNDATED", "", {place, a.office_name});
    a.words_id += " " + q.message_id;
    a.words_en += " " + q.message_en;
  }
  // What to do: stuck before printing, a card waiting to be collected, an expired suket.
  const bool before_print = a.status == "BC" || a.status == "SFE" || a.status == "DEDUP" || a.status == "DEDUP_REVIEW" ||
                            a.status == "DUPLICATE_RECORD" || a.status == "REPRINT";
  std::optional<Error> advice;
  if (before_print && a.days_in_status > kStuckAdviceDays) {
    a.stuck = true;
    advice = make_error("KTP_ADVICE_STUCK", "", {std::to_string(a.days_in_status), where});
  } else if (a.status == "PRINTED") {
    advice = make_error("KTP_ADVICE_COLLECT", "", {where});
  } else if (a.suket_expired) {
    advice = make_error("KTP_ADVICE_SUKET_EXPIRED", "", {suket_no, where});
  } else if (a.status == "NOT_RECORDED" || a.status == "CANCELLED") {
    advice = make_error("KTP_ADVICE_RECORD", "", {where});
  }
  if (advice) {
    a.advice_id = advice->message_id;
    a.advice_en = advice->message_en;
  }
  return a;
}

}  // namespace ktpel

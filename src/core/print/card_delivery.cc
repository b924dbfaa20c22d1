#include "core/print/card_delivery.h"

#include <algorithm>
#include <cctype>

#include "core/common/messages.h"
#include "core/nik/nik.h"

namespace ktpel {

std::vector<Error> check_delivery(DeliveryRequest& r, const std::string& resident_nik, Date printed_on, Date today,
                                  const WilayahCatalog& wilayah) {
  std::vector<Error> out;
  std::transform(r.collector.begin(), r.collector.end(), r.collector.begin(), [](unsigned char c) { return std::toupper(c); });
  if (r.collector.empty()) r.collector = "SELF";
  if (!r.on) r.on = today;
  if (r.collector == "SELF") {
    if (!r.representative_name.empty() || !r.representative_nik.empty())
      out.push_back(make_error("DELIVERY_SELF_WITH_REPRESENTATIVE", "collector", {}));
  } else if (r.collector == "REPRESENTATIVE") {
    if (r.representative_name.empty()) out.push_back(make_error("FIELD_REQUIRED", "representative_name", {"representative_name"}));
    if (r.representative_nik.empty()) {
      out.push_back(make_error("FIELD_REQUIRED", "representative_nik", {"representative_nik"}));
    } else if (r.representative_nik == resident_nik) {
      out.push_back(make_error("DELIVERY_REPRESENTATIVE_SELF", "representative_nik", {r.representative_nik}));
    } else {
      NikContext ctx{&wilayah, today, std::nullopt, std::nullopt, false};
      for (auto& e : validate_nik(r.representative_nik, ctx))
        if (e.severity == Severity::Error) {
          e.field = "representative_nik";
          out.push_back(std::move(e));
        }
    }
  } else {
    out.push_back(make_error("ENUM_VALUE", "collector", {"collector", r.collector, "SELF, REPRESENTATIVE"}));
  }
  if (*r.on < printed_on) out.push_back(make_error("DELIVERY_BEFORE_PRINT", "date", {r.on->iso(), printed_on.iso()}));
  if (*r.on > today) out.push_back(make_error("DATE_IN_FUTURE", "date", {"date", r.on->iso()}));
  return out;
}

std::optional<Error> check_print_date(Date on, std::optional<Date> prr_since, Date today) {
  if (prr_since && on < *prr_since) return make_error("PRINT_BEFORE_PRR", "date", {on.iso(), prr_since->iso()});
  if (on > today) return make_error("DATE_IN_FUTURE", "date", {"date", on.iso()});
  return std::nullopt;
}

}  // namespace ktpel

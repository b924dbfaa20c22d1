#include "core/equipment/repair_ticket.h"

#include "core/common/messages.h"

namespace ktpel {

std::string_view to_string(FaultCause c) {
  switch (c) {
    case FaultCause::Unknown: return "unknown";
    case FaultCause::Power: return "power";
    case FaultCause::Lightning: return "lightning";
    case FaultCause::Age: return "age";
    case FaultCause::Water: return "water";
    case FaultCause::Rodents: return "rodents";
    case FaultCause::Other: return "other";
  }
  return "?";
}

std::optional<FaultCause> parse_fault_cause(std::string_view s) {
  for (auto c : {FaultCause::Unknown, FaultCause::Power, FaultCause::Lightning, FaultCause::Age, FaultCause::Water,
                 FaultCause::Rodents, FaultCause::Other})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string_view to_string(RepairSite s) {
  switch (s) {
    case RepairSite::OnSite: return "on_site";
    case RepairSite::Regency: return "regency";
    case RepairSite::ProvinceHub: return "province_hub";
    case RepairSite::Centre: return "centre";
    case RepairSite::Replaced: return "replaced";
  }
  return "?";
}

std::optional<RepairSite> parse_repair_site(std::string_view s) {
  for (auto v : {RepairSite::OnSite, RepairSite::Regency, RepairSite::ProvinceHub, RepairSite::Centre, RepairSite::Replaced})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

namespace {
// One line of text: a newline in a symptom split the ticket table and could forge a row.
bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}
}  // namespace

Result<RepairTicket> check_fault_report(RepairTicket t, Date today) {
  if (t.symptom.empty() || t.symptom.size() > 500)
    return make_error("TICKET_FIELD", "symptom", {"symptom", "1-500 characters describing the fault"});
  if (has_control(t.symptom)) return make_error("TICKET_FIELD", "symptom", {"symptom", "one line without control characters"});
  if (t.reported_on > today) return make_error("TICKET_FIELD", "reported_on", {"reported_on", "today or earlier"});
  return t;
}

Result<RepairTicket> check_ticket_close(RepairTicket t, Date closed_on, RepairSite site, int64_t cost_rupiah,
                                        std::string parts, Date today) {
  if (!t.open()) return make_error("TICKET_CLOSED", "id", {std::to_string(t.id), t.closed_on->iso()});
  if (closed_on < t.reported_on)
    return make_error("TICKET_FIELD", "closed_on", {"closed_on", "on or after the report (" + t.reported_on.iso() + ")"});
  if (closed_on > today) return make_error("TICKET_FIELD", "closed_on", {"closed_on", "today or earlier"});
  if (cost_rupiah < 0 || cost_rupiah > 1'000'000'000'000)
    return make_error("TICKET_FIELD", "cost_rupiah", {"cost_rupiah", "0 to 1,000,000,000,000"});
  if (parts.size() > 500) return make_error("TICKET_FIELD", "parts", {"parts", "at most 500 characters"});
  if (has_control(parts)) return make_error("TICKET_FIELD", "parts", {"parts", "one line without control characters"});
  t.closed_on = closed_on;
  t.site = site;
  t.cost_rupiah = cost_rupiah;
  t.parts = std::move(parts);
  return t;
}

}  // namespace ktpel

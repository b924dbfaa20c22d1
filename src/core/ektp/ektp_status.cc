#include "core/ektp/ektp_status.h"

#include <array>

#include "core/common/messages.h"

namespace ktpel {
namespace {

constexpr std::array<std::pair<EktpStatus, std::string_view>, 11> kStatusNames = {{
    {EktpStatus::BC, "BC"}, {EktpStatus::SFE, "SFE"}, {EktpStatus::DEDUP, "DEDUP"}, {EktpStatus::PRR, "PRR"},
    {EktpStatus::DUPLICATE_RECORD, "DUPLICATE_RECORD"}, {EktpStatus::SUKET, "SUKET"}, {EktpStatus::PRINTED, "PRINTED"},
    {EktpStatus::DELIVERED, "DELIVERED"}, {EktpStatus::REPRINT, "REPRINT"}, {EktpStatus::CANCELLED, "CANCELLED"},
    {EktpStatus::DEDUP_REVIEW, "DEDUP_REVIEW"}}};
constexpr std::array<EktpStatus, 11> kAll = {EktpStatus::BC, EktpStatus::SFE, EktpStatus::DEDUP, EktpStatus::DEDUP_REVIEW, EktpStatus::PRR,
                                             EktpStatus::DUPLICATE_RECORD, EktpStatus::SUKET, EktpStatus::PRINTED,
                                             EktpStatus::DELIVERED, EktpStatus::REPRINT, EktpStatus::CANCELLED};
constexpr std::array<std::pair<EktpEvent, std::string_view>, 15> kEventNames = {{
    {EktpEvent::Capture, "capture"}, {EktpEvent::Receive, "receive"}, {EktpEvent::StartDedup, "start_dedup"},
    {EktpEvent::Clear, "clear"}, {EktpEvent::FlagDuplicate, "flag_duplicate"},
    {EktpEvent::ResolveNotDuplicate, "resolve_not_duplicate"}, {EktpEvent::Cancel, "cancel"},
    {EktpEvent::IssueSuket, "issue_suket"}, {EktpEvent::Print, "print"}, {EktpEvent::Deliver, "deliver"},
    {EktpEvent::RequestReprint, "request_reprint"}, {EktpEvent::QueueReprint, "queue_reprint"},
    {EktpEvent::Rerecord, "rerecord"}, {EktpEvent::Refer, "refer_adjudication"},
    {EktpEvent::Decease, "decease"}}};

struct Rule {
  EktpEvent event;
  std::optional<EktpStatus> from;
  EktpStatus to;
};
// The whole machine, as data.
constexpr Rule kRules[] = {
    {EktpEvent::Capture, std::nullopt, EktpStatus::BC},
    {EktpEvent::Receive, EktpStatus::BC, EktpStatus::SFE},
    {EktpEvent::StartDedup, EktpStatus::SFE, EktpStatus::DEDUP},
    {EktpEvent::Clear, EktpStatus::DEDUP, EktpStatus::PRR},
    {EktpEvent::FlagDuplicate, EktpStatus::DEDUP, EktpStatus::DUPLICATE_RECORD},
    {EktpEvent::Refer, EktpStatus::DEDUP, EktpStatus::DEDUP_REVIEW},  // a possible match waits for an officer
    {EktpEvent::Clear, EktpStatus::DEDUP_REVIEW, EktpStatus::PRR},
    {EktpEvent::FlagDuplicate, EktpStatus::DEDUP_REVIEW, EktpStatus::DUPLICATE_RECORD},
    {EktpEvent::ResolveNotDuplicate, EktpStatus::DUPLICATE_RECORD, EktpStatus::PRR},
    {EktpEvent::Cancel, EktpStatus::DUPLICATE_RECORD, EktpStatus::CANCELLED},
    {EktpEvent::IssueSuket, EktpStatus::PRR, EktpStatus::SUKET},
    {EktpEvent::Print, EktpStatus::PRR, EktpStatus::PRINTED},
    {EktpEvent::Print, EktpStatus::SUKET, EktpStatus::PRINTED},
    {EktpEvent::Deliver, EktpStatus::PRINTED, EktpStatus::DELIVERED},
    {EktpEvent::RequestReprint, EktpStatus::DELIVERED, EktpStatus::REPRINT},
    {EktpEvent::QueueReprint, EktpStatus::REPRINT, EktpStatus::PRR},
    {EktpEvent::Rerecord, EktpStatus::BC, EktpStatus::BC},
    {EktpEvent::Rerecord, EktpStatus::SFE, EktpStatus::BC},
    {EktpEvent::Rerecord, EktpStatus::PRR, EktpStatus::BC},
    {EktpEvent::Rerecord, EktpStatus::SUKET, EktpStatus::BC},
    {EktpEvent::Rerecord, EktpStatus::DELIVERED, EktpStatus::BC},
    {EktpEvent::Rerecord, EktpStatus::REPRINT, EktpStatus::BC},
    {EktpEvent::Rerecord, EktpStatus::CANCELLED, EktpStatus::BC},
    // A dead resident gets no card and no suket: the record closes wherever it stands (a printed
    // card not yet handed over is not handed over; a delivered one is history).
    {EktpEvent::Decease, EktpStatus::BC, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::SFE, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::DEDUP, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::DEDUP_REVIEW, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::PRR, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::DUPLICATE_RECORD, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::SUKET, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::PRINTED, EktpStatus::CANCELLED},
    {EktpEvent::Decease, EktpStatus::REPRINT, EktpStatus::CANCELLED},
};

}  // namespace

std::string_view to_string(EktpStatus s) {
  for (auto& [v, n] : kStatusNames)
    if (v == s) return n;
  return "?";
}
std::optional<EktpStatus> parse_ektp_status(std::string_view s) {
  for (auto& [v, n] : kStatusNames)
    if (n == s) return v;
  return std::nullopt;
}
std::span<const EktpStatus> all_ektp_statuses() { return kAll; }
Message status_in_words(EktpStatus s) { return message("EKTP_WORDS_" + std::string(to_string(s))); }
std::string_view to_string(EktpEvent e) {
  for (auto& [v, n] : kEventNames)
    if (v == e) return n;
  return "?";
}
std::optional<EktpEvent> parse_ektp_event(std::string_view s) {
  for (auto& [v, n] : kEventNames)
    if (n == s) return v;
  return std::nullopt;
}
bool is_terminal(EktpStatus s) { return s == EktpStatus::DELIVERED || s == EktpStatus::CANCELLED; }

Result<EktpStatus> next_status(std::optional<EktpStatus> from, EktpEvent event, std::string_view reason) {
  const std::string from_name = from ? std::string(to_string(*from)) : std::string("(belum ada/none)");
  for (const Rule& r : kRules) {
    if (r.event != event || r.from != from) continue;
    if (event == EktpEvent::RequestReprint) {
      bool known = false;
      for (auto x : kReprintReasons) known |= x == reason;
      if (!known) return make_error("EKTP_REPRINT_REASON", "reason", {std::string(reason)});
    }
    if ((event == EktpEvent::Cancel || event == EktpEvent::FlagDuplicate || event == EktpEvent::Decease) && reason.empty())
      return make_error("FIELD_REQUIRED", "reason", {"reason"});
    return r.to;
  }
  if (from == EktpStatus::DUPLICATE_RECORD)
    return make_error("EKTP_BLOCKED_DUPLICATE", "event", {std::string(to_string(event))});
  return make_error("EKTP_TRANSITION", "event", {std::string(to_string(event)), from_name});
}

}  // namespace ktpel

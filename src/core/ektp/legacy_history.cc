#include "core/ektp/legacy_history.h"

#include "core/common/messages.h"

namespace ktpel {

Result<std::vector<EktpTransition>> legacy_history(const std::string& nik, EktpStatus status, Date recorded_on, Date since) {
  if (since < recorded_on) return make_error("EKTP_DATES", "status_since", {since.iso(), recorded_on.iso()});
  using E = EktpEvent;
  std::vector<std::pair<E, std::string>> steps = {{E::Capture, ""}};
  const std::vector<std::pair<E, std::string>> to_prr = {{E::Receive, ""}, {E::StartDedup, ""}, {E::Clear, ""}};
  auto append = [&](const std::vector<std::pair<E, std::string>>& more) { steps.insert(steps.end(), more.begin(), more.end()); };
  switch (status) {
    case EktpStatus::BC: break;
    case EktpStatus::SFE: append({{E::Receive, ""}}); break;
    case EktpStatus::DEDUP: append({{E::Receive, ""}, {E::StartDedup, ""}}); break;
    case EktpStatus::DEDUP_REVIEW: append({{E::Receive, ""}, {E::StartDedup, ""}, {E::Refer, ""}}); break;
    case EktpStatus::PRR: append(to_prr); break;
    case EktpStatus::DUPLICATE_RECORD:
      append({{E::Receive, ""}, {E::StartDedup, ""}, {E::FlagDuplicate, "NIK ganda (data lama)"}});
      break;
    case EktpStatus::SUKET: append(to_prr); append({{E::IssueSuket, ""}}); break;
    case EktpStatus::PRINTED: append(to_prr); append({{E::Print, ""}}); break;
    case EktpStatus::DELIVERED: append(to_prr); append({{E::Print, ""}, {E::Deliver, ""}}); break;
    case EktpStatus::REPRINT: append(to_prr); append({{E::Print, ""}, {E::Deliver, ""}, {E::RequestReprint, "HILANG"}}); break;
    case EktpStatus::CANCELLED:
      append({{E::Receive, ""}, {E::StartDedup, ""}, {E::FlagDuplicate, "NIK ganda (data lama)"}, {E::Cancel, "dihapus pusat"}});
      break;
  }
  std::vector<EktpTransition> out;
  std::optional<EktpStatus> at;
  const long span = since.to_days() - recorded_on.to_days();
  for (size_t i = 0; i < steps.size(); ++i) {
    auto next = next_status(at, steps[i].first, steps[i].second);
    if (!next) return next.error();
    // The capture is on recorded_on, the last step on `since`; the steps between are spread
    // evenly (receipt and dedup the same day as capture when the span is short).
    const long offset = i == 0 ? 0 : i + 1 == steps.size() ? span : span * static_cast<long>(i) / static_cast<long>(steps.size() - 1);
    out.push_back({nik, at, *next, std::string(to_string(steps[i].first)), recorded_on.plus_days(offset).iso() + "T09:00:00Z",
                   "migrasi", "migrasi", steps[i].second});
    at = *next;
  }
  return out;
}

}  // namespace ktpel

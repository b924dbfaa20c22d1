// The e-KTP record of a resident and its status flow (pure state machine):
//
//   capture ─► BC ─receive─► SFE ─start_dedup─► DEDUP ─clear──────► PRR ─print─► PRINTED ─deliver─► DELIVERED
//                                                 ├─refer_adjudication─► DEDUP_REVIEW ─clear / flag_duplicate─► (officer's decision)
//                                                 └─flag_duplicate─► DUPLICATE_RECORD   │ issue_suket        │ request_reprint
//                                                     resolve_not_duplicate ─► PRR      ▼                    ▼
//                                                     cancel ─► CANCELLED            SUKET ─print─► PRINTED  REPRINT ─queue_reprint─► PRR
//   rerecord: BC, SFE, PRR, SUKET, DELIVERED, REPRINT ─► BC (a new capture replaces the old one)
//   decease: every state but DELIVERED and CANCELLED ─► CANCELLED (the death of the resident, recorded
//            by the registry; no officer fires it)
//
// DUPLICATE_RECORD blocks the card until the centre resolves it; only the centre may cancel.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/common/messages.h"

namespace ktpel {

enum class EktpStatus { BC, SFE, DEDUP, PRR, DUPLICATE_RECORD, SUKET, PRINTED, DELIVERED, REPRINT, CANCELLED, DEDUP_REVIEW };
enum class EktpEvent {
  Capture, Receive, StartDedup, Clear, FlagDuplicate, ResolveNotDuplicate, Cancel,
  IssueSuket, Print, Deliver, RequestReprint, QueueReprint, Rerecord, Refer, Decease
};

std::string_view to_string(EktpStatus s);
std::optional<EktpStatus> parse_ektp_status(std::string_view s);
std::span<const EktpStatus> all_ektp_statuses();
std::string_view to_string(EktpEvent e);
std::optional<EktpEvent> parse_ektp_event(std::string_view s);
bool is_terminal(EktpStatus s);
// The status in words for an officer or a resident ("Siap cetak, menunggu antrean cetak (PRR)").
Message status_in_words(EktpStatus s);  // DELIVERED and CANCELLED do not get "stuck"

// Reasons a reprint is requested (permintaan cetak ulang).
inline constexpr std::string_view kReprintReasons[] = {"HILANG", "RUSAK", "PERUBAHAN DATA"};

// One recorded transition (the history of a record is the list of these).
struct EktpTransition {
  std::string nik;
  std::optional<EktpStatus> from;  // none for the first capture
  EktpStatus to = EktpStatus::BC;
  std::string event;
  std::string at;        // ISO 8601 UTC
  std::string operator_id, station_id, reason;
};

// The state after `event` from `from` (nullopt = no record yet), or why it is not allowed.
// Reprint requests need a reason from kReprintReasons; cancel and flag_duplicate need a reason.
Result<EktpStatus> next_status(std::optional<EktpStatus> from, EktpEvent event, std::string_view reason);

}  // namespace ktpel

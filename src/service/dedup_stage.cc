#include "service/dedup_stage.h"

#include <set>

#include "service/ektp_service.h"
#include "store/store.h"

namespace ktpel {

std::vector<DedupHit> ExactTemplateMatcher::find(Store& store, const DedupProbe& probe) {
  std::map<std::string, int> fingers_per_nik;
  for (const auto& hit : store.template_hash_hits(probe.template_hashes, probe.nik)) fingers_per_nik[hit.nik]++;
  std::vector<DedupHit> out;
  for (const auto& [nik, n] : fingers_per_nik)
    out.push_back({nik, 1.0, std::to_string(n) + " identical fingerprint template(s)", true, "[]", ""});
  return out;
}

DedupRunSummary run_dedup_stage(Store& store, DedupMatcher& matcher, const std::string& now, int limit) {
  DedupRunSummary summary;
  for (const auto& nik : store.niks_in_status(EktpStatus::SFE, limit)) {
    // The search runs before the transaction: it only reads, and a long write lock would hold
    // up the packets arriving meanwhile.
    DedupProbe probe{nik, {}};
    for (const auto& h : store.template_hashes_of(nik)) probe.template_hashes.push_back(h);
    auto hits = matcher.find(store, probe);
    StoreTransaction tx(store);
    auto record = store.ektp_record(nik);
    if (!record || record->status != EktpStatus::SFE) continue;  // another worker took it
    const EktpActor actor{"dedup:" + matcher.name(), "centre", now};
    // Conditional on the record still being SFE: of two stages racing, one takes it.
    if (!apply_ektp_event(store, nik, EktpEvent::StartDedup, actor, "")) continue;
    ++summary.checked;
    bool certain = false;
    for (const auto& h : hits) certain |= h.certain;
    if (hits.empty()) {
      apply_ektp_event(store, nik, EktpEvent::Clear, actor, "");
      matcher.on_cleared(store, nik);
      ++summary.cleared;
    } else if (certain) {
      std::string reason = "NIK ganda:";
      const DedupHit* first = nullptr;
      for (const auto& h : hits)
        if (h.certain) {
          reason += " " + h.other_nik + " (" + h.evidence + ")";
          if (!first) first = &h;
        }
      apply_ektp_event(store, nik, EktpEvent::FlagDuplicate, actor, reason);
      // Certain: no officer case; the link names the NIK it duplicates (case 0).
      store.put_duplicate_link({nik, first->other_nik, 0, first->source.empty() ? matcher.name() : first->source, actor.operator_id, now});
      ++summary.duplicates;
    } else {
      std::string reason = "kemungkinan NIK ganda, menunggu adjudikasi:";
      for (const auto& h : hits) {
        AdjudicationCase c;
        c.nik = nik, c.other_nik = h.other_nik, c.score = h.score, c.fingers_json = h.fingers_json;
        c.source = h.source.empty() ? matcher.name() : h.source, c.created_at = now;
        c.evidence = h.evidence;
        store.insert_adjudication(c);
        reason += " " + h.other_nik;
      }
      apply_ektp_event(store, nik, EktpEvent::Refer, actor, reason);
      ++summary.referred;
    }
    try {
      tx.commit();
    } catch (...) {
      matcher.after_rollback();
      throw;
    }
    matcher.after_commit();
  }
  return summary;
}

}  // namespace ktpel

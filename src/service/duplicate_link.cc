#include "service/duplicate_link.h"

namespace ktpel {

std::optional<DuplicateLink> duplicate_of(DedupStore& store, const EktpRecord& record) {
  if (record.status != EktpStatus::DUPLICATE_RECORD) return std::nullopt;
  return store.duplicate_link(record.nik);
}

nlohmann::json to_json(const std::optional<DuplicateLink>& l) {
  if (!l) return nullptr;
  return {{"nik", l->other_nik}, {"case_id", l->case_id ? nlohmann::json(l->case_id) : nlohmann::json(nullptr)},
          {"source", l->source}, {"decided_by", l->decided_by}, {"decided_at", l->decided_at}};
}

std::string describe(const DuplicateLink& l) {
  return "NIK " + l.other_nik + (l.case_id ? " (kasus adjudikasi #" + std::to_string(l.case_id) + ")" : " (" + l.source + ", tanpa kasus)");
}

void add_ektp_summary(nlohmann::json& j, Store& store, const std::string& nik) {
  const auto record = store.ektp_record(nik);
  j["ektp_status"] = record ? nlohmann::json(to_string(record->status)) : nlohmann::json(nullptr);
  j["duplicate_of"] = record ? to_json(duplicate_of(store, *record)) : nlohmann::json(nullptr);
}

}  // namespace ktpel

#include "service/abis_service.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/biometrics/iso19794.h"
#include "store/store.h"

namespace ktpel {

Result<std::vector<ProbeFinger>> probe_fingers(const std::vector<FingerCapture>& fingers) {
  std::vector<ProbeFinger> out;
  for (size_t i = 0; i < fingers.size(); ++i) {
    const std::string field = "fingers[" + std::to_string(i) + "]";
    if (fingers[i].position < 0 || fingers[i].position > 10)
      return Error{"FINGER_POSITION", field + ".position harus 0..10", field + ".position must be 0..10", field + ".position", Severity::Error};
    auto record = parse_finger_minutiae(fingers[i].iso_template);
    if (!record) {
      Error e = record.error();
      e.field = field + ".iso_template";
      e.message_en = e.field + ": " + e.message_en;
      e.message_id = e.field + ": " + e.message_id;
      return e;
    }
    if (record->views.empty())
      return Error{"TEMPLATE_NO_VIEW", field + ": rekaman tanpa tampilan jari", field + ": the record holds no finger view",
                   field + ".iso_template", Severity::Error};
    out.push_back({fingers[i].position, features_of_record(*record)});
  }
  return out;
}

size_t AbisService::load(Store& store) {
  FingerGallery fresh;
  std::vector<std::string> niks;
  std::unordered_map<std::string, uint32_t> ids;
  fresh.reserve(static_cast<size_t>(store.count_gallery_fingers()));
  store.scan_gallery([&](const std::string& nik, int finger, const std::string& bytes) {
    CompactFinger f;
    if (!deserialise(bytes, f)) return;  // written by another version: re-inserted on the next enrolment
    auto [it, fresh_nik] = ids.try_emplace(nik, static_cast<uint32_t>(niks.size()));
    if (fresh_nik) niks.push_back(nik);
    fresh.add(it->second, finger, f);
  });
  std::unique_lock lock(mutex_);
  gallery_ = std::move(fresh);
  nik_of_ = std::move(niks);
  person_of_ = std::move(ids);
  return gallery_.size();
}

nlohmann::json to_json(const ThresholdTable& t, const std::string& source) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [fmr, threshold] : t.fmr_threshold) rows.push_back({{"fmr", fmr}, {"threshold", threshold}});
  return {{"source", source}, {"impostor_comparisons", t.impostors}, {"max_impostor", t.max_impostor}, {"thresholds", rows}};
}

Result<ThresholdTable> threshold_table_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [](const std::string& what) {
    return Error{"CALIBRATION_FILE", "Berkas kalibrasi AFIS rusak: " + what, "AFIS calibration file is malformed: " + what,
                 what, Severity::Error};
  };
  if (!j.is_object()) return bad("not a JSON object");
  if (!j.contains("impostor_comparisons") || !j["impostor_comparisons"].is_number_unsigned()) return bad("impostor_comparisons");
  if (!j.contains("max_impostor") || !j["max_impostor"].is_number()) return bad("max_impostor");
  if (!j.contains("thresholds") || !j["thresholds"].is_array()) return bad("thresholds");
  ThresholdTable t;
  t.impostors = j["impostor_comparisons"].get<size_t>();
  t.max_impostor = j["max_impostor"].get<double>();
  for (size_t i = 0; i < j["thresholds"].size(); ++i) {
    const auto& row = j["thresholds"][i];
    if (!row.is_object() || !row.contains("fmr") || !row["fmr"].is_number() || !row.contains("threshold") || !row["threshold"].is_number())
      return bad("thresholds[" + std::to_string(i) + "]");
    t.fmr_threshold.emplace_back(row["fmr"].get<double>(), row["threshold"].get<double>());
  }
  std::sort(t.fmr_threshold.begin(), t.fmr_threshold.end(), [](auto& a, auto& b) { return a.first > b.first; });
  return t;
}

size_t AbisService::people() const {
  std::shared_lock lock(mutex_);
  return person_of_.size();
}

size_t AbisService::size() const {
  std::shared_lock lock(mutex_);
  return gallery_.size();
}

Result<std::vector<AbisCandidate>> AbisService::identify(const std::vector<FingerCapture>& probe, size_t top_k,
                                                         const std::string& exclude_nik) const {
  auto fingers = probe_fingers(probe);
  if (!fingers) return fingers.error();
  return identify(*fingers, top_k, exclude_nik);
}

std::vector<AbisCandidate> AbisService::identify(const std::vector<ProbeFinger>& fingers, size_t top_k,
                                                 const std::string& exclude_nik) const {
  IdentifyOptions o;
  o.shortlist = config_.shortlist, o.top_k = top_k + 1, o.threads = config_.threads;
  std::shared_lock lock(mutex_);
  std::vector<AbisCandidate> out;
  for (const auto& c : gallery_.identify(fingers, o)) {
    if (nik_of_[c.person] == exclude_nik) continue;
    out.push_back({nik_of_[c.person], c.score, c.fingers});
    if (out.size() == top_k) break;
  }
  return out;
}

Result<AbisService::PendingInsert> AbisService::stage_insert(Store& store, const std::string& nik,
                                                            const std::vector<FingerCapture>& fingers) {
  auto parsed = probe_fingers(fingers);
  if (!parsed) return parsed.error();
  return stage_insert(store, nik, *parsed);
}

AbisService::PendingInsert AbisService::stage_insert(Store& store, const std::string& nik,
                                                     const std::vector<ProbeFinger>& parsed) {
  PendingInsert p{nik, {}};
  for (const auto& f : parsed) {
    const CompactFinger c = compact_finger(f.features);
    store.put_gallery_finger(nik, f.position, serialise(c));
    p.fingers.emplace_back(f.position, c);
  }
  return p;
}

void AbisService::apply(const PendingInsert& p) {
  std::unique_lock lock(mutex_);
  auto [it, fresh] = person_of_.try_emplace(p.nik, static_cast<uint32_t>(nik_of_.size()));
  if (fresh) nik_of_.push_back(p.nik);
  for (const auto& [position, finger] : p.fingers) gallery_.add(it->second, position, finger);
}

std::vector<DedupHit> AbisMatcher::find(Store& store, const DedupProbe& probe) {
  auto hits = exact_.find(store, probe);
  if (!hits.empty()) return hits;
  last_nik_ = probe.nik;
  last_parsed_.clear();
  auto parsed = probe_fingers(store.enrolled_fingers(probe.nik));
  if (!parsed) return {};  // templates were validated at receipt; an unreadable one cannot match
  last_parsed_ = std::move(*parsed);
  if (last_parsed_.empty()) return {};
  for (const auto& c : abis_.identify(last_parsed_, 5, probe.nik)) {
    if (c.score < abis_.config().threshold) continue;
    nlohmann::json per = nlohmann::json::array();
    for (const auto& f : c.fingers) per.push_back({{"finger", f.position}, {"score", f.score}});
    DedupHit h;
    h.other_nik = c.nik, h.score = c.score, h.certain = false, h.fingers_json = per.dump();
    h.evidence = "AFIS score " + std::to_string(c.score);
    hits.push_back(h);
  }
  return hits;
}

void AbisMatcher::on_cleared(Store& store, const std::string& nik) {
  if (nik == last_nik_) {
    pending_.push_back(abis_.stage_insert(store, nik, last_parsed_));
  } else if (auto staged = abis_.stage_insert(store, nik, store.enrolled_fingers(nik))) {
    pending_.push_back(std::move(staged.value()));
  }
}

void AbisMatcher::after_commit() {
  for (const auto& p : pending_) abis_.apply(p);
  pending_.clear();
}

}  // namespace ktpel

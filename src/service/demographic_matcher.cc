#include "service/demographic_matcher.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "core/dedup/index_keys.h"
#include "core/dedup/model_check.h"
#include "io/dedup_io.h"
#include "store/store.h"

namespace ktpel {
namespace {

constexpr int64_t kHoldersPerKey = 200;  // a common key (a mega-block) contributes no more than this

}  // namespace

std::string dedup_model_json(const FsModel& m, uint64_t population) {
  return nlohmann::json{{"m", m.m}, {"u", m.u}, {"lambda", m.lambda}, {"population", population}}.dump();
}

std::optional<FsModel> dedup_model_from_json(const std::string& text, uint64_t population_now) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("m") || !j.contains("u") || !j.contains("lambda")) return std::nullopt;
  try {
    FsModel m;
    m.m = j["m"].get<std::vector<std::vector<double>>>();
    m.u = j["u"].get<std::vector<std::vector<double>>>();
    m.lambda = j["lambda"].get<double>();
    if (m.m.size() != kDedupFieldCount || m.u.size() != kDedupFieldCount) return std::nullopt;
    for (int f = 0; f < kDedupFieldCount; ++f)
      if (m.m[f].size() != static_cast<size_t>(kDedupLevels[f]) || m.u[f].size() != static_cast<size_t>(kDedupLevels[f]))
        return std::nullopt;
    // lambda is per pair of records: with more records, each pair is less likely one person.
    const double then = j.value("population", 0.0);
    if (then > 0 && population_now > 0) m.lambda = std::clamp(m.lambda * then / static_cast<double>(population_now), 1e-15, 0.5);
    if (model_problem(m, population_now, {})) return std::nullopt;
    return m;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::optional<Error> keep_dedup_model(Store& store, const DedupResult& result, uint64_t records) {
  if (auto problem = model_problem(result.scorer.model(), records, result.stats.sessions)) return problem;
  store.put_dedup_state("model", dedup_model_json(result.scorer.model(), records));
  return std::nullopt;
}

PreparedRecord DemographicMatcher::prepared(const Resident& r) const {
  DedupInput in = dedup_input_of(r);
  if (wilayah_) locate(in, *wilayah_);
  return prepare_record(in);
}

const DedupScorer& DemographicMatcher::scorer(Store& store) {
  std::string model = store.dedup_state("model");
  if (scorer_ && !registry_changed_ && model == scorer_model_) return *scorer_;
  const uint64_t n = static_cast<uint64_t>(std::max<int64_t>(1, store.count_residents()));
  if (auto m = dedup_model_from_json(model, n)) {
    scorer_.emplace(*m, n, thresholds_);
  } else {
    FsModel d = default_dedup_model();
    d.lambda = std::clamp(0.01 / static_cast<double>(n), 1e-15, 0.5);  // about 1 % re-recorded, any one of n
    scorer_.emplace(d, n, thresholds_);
  }
  scorer_model_ = std::move(model);
  registry_changed_ = false;
  return *scorer_;
}

size_t DemographicMatcher::catch_up(Store& store, size_t batch, size_t max) {
  size_t done = 0;
  while (max == 0 || done < max) {
    const std::string mark = store.dedup_state("watermark");
    const int64_t seq = mark.empty() ? 0 : std::stoll(mark);
    const auto changed = store.residents_changed_after(seq, static_cast<int64_t>(batch));
    if (changed.empty()) break;
    StoreTransaction tx(store);
    for (const auto& c : changed) {
      const Resident& r = c.resident;
      const auto keys = r.alive ? all_index_keys(prepared(r)) : std::vector<uint64_t>{};
      store.put_dedup_keys(r.nik, keys);
    }
    // Another worker caught up over the same page first: its keys stand, start again from its mark.
    if (!store.swap_dedup_state("watermark", mark, std::to_string(changed.back().change_seq))) continue;
    tx.commit();
    done += changed.size();
    registry_changed_ = true;
    if (changed.size() < batch) break;
  }
  return done;
}

std::vector<DemographicCandidate> DemographicMatcher::search(Store& store, const std::string& nik) {
  std::vector<DemographicCandidate> out;
  auto resident = store.find_resident(nik);
  if (!resident) return out;
  const PreparedRecord probe = prepared(*resident);
  const DedupScorer& s = scorer(store);
  std::set<std::string> seen;
  for (const auto& other_nik : store.dedup_key_holders(blocking_index_keys(probe), nik, kHoldersPerKey)) {
    if (!seen.insert(other_nik).second) continue;
    auto other = store.find_resident(other_nik);
    if (!other || !other->alive) continue;
    const PreparedRecord candidate = prepared(*other);
    const PairLevels p = compare_records(probe, candidate);
    TermCounts tf;
    for (size_t slot = 0; slot < kTermFrequencyFields.size(); ++slot) {
      const DedupField f = kTermFrequencyFields[slot];
      if (p.level[f] == kExactLevel[f])
        if (const uint64_t k = term_index_key(probe, f)) tf.count[slot] = static_cast<uint32_t>(std::max<int64_t>(1, store.dedup_key_count(k)));
    }
    const PairScore score = s.score(probe, candidate, p, tf);
    if (score.decision == PairDecision::None) continue;
    out.push_back({other_nik, score, s.explain(p, tf, score)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score.weight > b.score.weight; });
  return out;
}

std::vector<DedupHit> DemographicMatcher::find(Store& store, const DedupProbe& probe) {
  catch_up(store);
  std::vector<DedupHit> hits;
  for (auto& c : search(store, probe.nik)) {
    // Raised once: not again while a case is open, never after "different people".
    bool known = false;
    for (const auto& prior : store.adjudications_between(probe.nik, c.nik))
      known = known || prior.status == "OPEN" || prior.status == "DIFFERENT_PEOPLE";
    if (known) continue;
    DedupHit h;
    h.other_nik = c.nik;
    h.score = c.score.probability;
    h.evidence = std::string(to_string(c.score.decision)) + ": " + c.explanation;
    h.certain = false;  // names and dates alone never block a card: an officer decides
    hits.push_back(std::move(h));
  }
  return hits;
}

std::string MatcherChain::name() const {
  std::string n;
  for (auto* m : matchers_) n += (n.empty() ? "" : "+") + m->name();
  return n;
}

std::vector<DedupHit> MatcherChain::find(Store& store, const DedupProbe& probe) {
  std::map<std::string, DedupHit> best;
  std::vector<std::string> order;
  for (auto* m : matchers_)
    for (auto& h : m->find(store, probe)) {
      h.source = m->name();
      auto it = best.find(h.other_nik);
      if (it == best.end()) {
        order.push_back(h.other_nik);
        best.emplace(h.other_nik, std::move(h));
      } else if (h.certain > it->second.certain || (h.certain == it->second.certain && h.score > it->second.score)) {
        it->second = std::move(h);
      }
    }
  std::vector<DedupHit> out;
  for (const auto& nik : order) out.push_back(std::move(best[nik]));
  return out;
}

void MatcherChain::on_cleared(Store& store, const std::string& nik) {
  for (auto* m : matchers_) m->on_cleared(store, nik);
}
void MatcherChain::after_commit() {
  for (auto* m : matchers_) m->after_commit();
}
void MatcherChain::after_rollback() {
  for (auto* m : matchers_) m->after_rollback();
}

}  // namespace ktpel

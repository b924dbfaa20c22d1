// ktpel afis fpir: ten-finger identification at national false-positive rates. Builds a gallery
// of N people x 10 fingers (synthetic fingers, some people made of real FVC fingers distorted as
// a new capture), calibrates the fused-score threshold for FPIR 0.1 % and 0.01 % from per-finger
// impostor comparisons (docs/afis.md, "Ten-finger identification at national FPIR"), and
// measures FNIR at those thresholds with real searches of mated probes through the gallery's
// identify path (first-stage misses count).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/context.h"
#include "core/biometrics/compact_finger.h"
#include "core/biometrics/finger_gallery.h"
#include "core/biometrics/finger_matcher.h"
#include "core/biometrics/fused_score_distribution.h"
#include "core/biometrics/identification_rates.h"
#include "core/biometrics/impostor_tail.h"
#include "core/biometrics/score_statistics.h"
#include "core/common/parallel_for.h"
#include "core/synth/synthetic_fingers.h"
#include "io/fingerprint_files.h"
#include "io/progress.h"

namespace ktpel::cli {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Fingers a k-finger probe uses, first to last: both index fingers (what a one- or two-finger
// check captures), then middles, thumbs, rings, littles (ISO 19794 positions).
constexpr int kPreferred[10] = {2, 7, 3, 8, 1, 6, 4, 9, 5, 10};
constexpr double kFpirs[2] = {1e-3, 1e-4};

struct Setup {
  size_t persons = 1000000, impostors = 10000000, mated = 2000;
  size_t target_people = 0;  // gallery size the thresholds are for (0 = the built gallery)
  std::string probe_fingers = "1,2,10", real_dir;
  double real_share = 0.1, search_budget_s = 0;
  size_t shortlist = 40, top_k = 10;
  unsigned threads = 0;
  uint64_t seed = 1;
  bool json = false;
};

// Real fingers from FVC-style folders: folder d's i-th finger (sorted) is real person d's finger
// at position i + 1; impressions[0] is enrolled, the others are probes.
struct RealFinger {
  int position = 0;
  std::vector<std::vector<MinutiaPoint>> impressions;
};
std::vector<std::vector<RealFinger>> load_real(const std::string& dir) {
  std::map<std::string, std::map<std::string, std::vector<std::pair<int, std::vector<MinutiaPoint>>>>> by;
  for (const auto& f : list_template_files(dir)) {
    if (f.finger.empty()) continue;
    auto r = read_template_file(f.path);
    if (!r) throw CommandError(kProblems, r.error().code + ": " + r.error().message_en);
    by[f.folder][f.finger].emplace_back(f.impression, to_matcher_frame(r->views.front(), r->x_resolution, r->y_resolution));
  }
  std::vector<std::vector<RealFinger>> people;
  for (auto& [folder, fingers] : by) {
    std::vector<RealFinger> person;
    for (auto& [name, imps] : fingers) {
      if (person.size() == 10 || imps.size() < 2) continue;
      std::sort(imps.begin(), imps.end(), [](auto& a, auto& b) { return a.first < b.first; });
      RealFinger rf;
      rf.position = static_cast<int>(person.size()) + 1;
      for (auto& [n, m] : imps) rf.impressions.push_back(std::move(m));
      person.push_back(std::move(rf));
    }
    if (!person.empty()) people.push_back(std::move(person));
  }
  return people;
}

// What a gallery person is made of. Persons [0, N) are synthetic or real-derived strangers;
// the real FVC people follow.
struct Population {
  Setup s;
  std::vector<std::vector<RealFinger>> real;
  // (person, finger) of real fingers: of another position than the index (what a real-derived
  // stranger at that position is made of), and at that position (a real impostor probe there;
  // never the same finger as a stranger of that position).
  std::vector<std::pair<size_t, size_t>> real_sources_by_position[11], real_at_position[11];
  uint64_t stream(size_t person, int position, uint64_t salt) const {
    uint64_t x = s.seed * 0x9E3779B97F4A7C15ull ^ (person * 16 + static_cast<uint64_t>(position)) ^ (salt << 56);
    return splitmix64(x);
  }
  bool real_derived(size_t person) const {
    if (real.empty() || person >= s.persons) return false;
    uint64_t x = stream(person, 0, 1);
    return static_cast<double>(splitmix64(x) >> 11) * 0x1.0p-53 < s.real_share;
  }
  std::vector<MinutiaPoint> master(size_t person, int position) const {
    Rng rng(stream(person, position, 2));
    return synthetic_master_finger(rng);
  }
  // The enrolled capture (salt 3) or a later one (salt 4 + k): another impression of the master.
  std::vector<MinutiaPoint> capture(size_t person, int position, uint64_t salt) const {
    Rng rng(stream(person, position, salt));
    if (person >= s.persons) {
      const auto& f = real[person - s.persons][static_cast<size_t>(position - 1)];
      return f.impressions[std::min<size_t>(salt - 3, f.impressions.size() - 1)];
    }
    if (real_derived(person)) {  // a real finger of another position, as a new capture
      const auto& src = real_sources_by_position[position];
      const auto [p, i] = src[rng.below(src.size())];
      const auto& f = real[p][i];
      return synthetic_impression(f.impressions[rng.below(f.impressions.size())], rng);
    }
    return synthetic_impression(master(person, position), rng);
  }
};

FingerGallery build_gallery(const Population& pop, size_t people) {
  FingerGallery g;
  g.reserve(people * 10);
  ProgressBar bar("gallery");
  const size_t batch = 2048;
  std::vector<std::array<CompactFinger, 10>> made(batch);
  std::vector<int> count(batch);
  for (size_t start = 0; start < people; start += batch) {
    const size_t n = std::min(batch, people - start);
    parallel_for(n, pop.s.threads, [&](size_t k) {
      const size_t person = start + k;
      int c = 0;
      for (int pos = 1; pos <= 10; ++pos) {
        if (person >= pop.s.persons && pos > static_cast<int>(pop.real[person - pop.s.persons].size())) break;
        made[k][c++] = compact_finger(extract_features(pop.capture(person, pos, 3)));
      }
      count[k] = c;
    }, 8);
    for (size_t k = 0; k < n; ++k)
      for (int pos = 1; pos <= count[k]; ++pos) g.add(static_cast<uint32_t>(start + k), pos, made[k][pos - 1]);
    bar.update(start + n, people);
  }
  bar.finish();
  return g;
}

// Per-finger impostor scores as the second stage computes them: a probe finger of someone not
// enrolled against a gallery finger of the same position, the gallery side rebuilt from its
// stored compact form. Blocks of 100 probe fingers x 100 gallery fingers (all pairs) keep the
// feature extraction to 2 % of the comparisons; a --real-share of probe fingers are real when
// real data is given (captures of the real people's fingers at the block's position, distorted;
// the gallery side excludes the real people, and real-derived strangers there are other fingers).
struct Impostors {
  std::vector<double> scores;
  std::vector<uint8_t> real_pair;  // a real finger on either side
};
Impostors impostor_scores(const Population& pop, const FingerGallery& g, size_t wanted) {
  const size_t side = 100, per_block = side * side, blocks = (wanted + per_block - 1) / per_block;
  Impostors out;
  out.scores.assign(blocks * per_block, 0);
  out.real_pair.assign(blocks * per_block, 0);
  ProgressBar bar("impostors");
  std::atomic<size_t> done{0};
  parallel_for(blocks, pop.s.threads, [&](size_t b) {
    Rng rng(pop.stream(b, 0, 9));
    const int pos = 1 + static_cast<int>(b % 10);
    std::vector<FingerFeatures> probe(side), gal(side);
    std::vector<uint8_t> probe_real(side), gal_real(side);
    for (size_t i = 0; i < side; ++i) {
      // Someone not enrolled: a person id past the gallery's (never built, so never a mate).
      const size_t stranger = pop.s.persons + 1000 + b * side + i;
      if (!pop.real_at_position[pos].empty() && rng.chance(pop.s.real_share)) {
        const auto& src = pop.real_at_position[pos];
        const auto [p, f] = src[rng.below(src.size())];
        const auto& rf = pop.real[p][f];
        probe[i] = extract_features(synthetic_impression(rf.impressions[rng.below(rf.impressions.size())], rng));
        probe_real[i] = 1;
      } else {
        Rng r2(pop.stream(stranger, pos, 5));
        probe[i] = extract_features(synthetic_impression(synthetic_master_finger(r2), r2));
      }
      const size_t person = rng.below(pop.s.persons);
      // The person's finger at `pos`: people below N have all 10 fingers, added person-major.
      const auto entry = static_cast<uint32_t>(person * 10 + static_cast<size_t>(pos - 1));
      gal[i] = extract_features(expand_minutiae(g.finger(entry)));
      gal_real[i] = pop.real_derived(person);
    }
    for (size_t i = 0; i < side; ++i)
      for (size_t j = 0; j < side; ++j) {
        const size_t k = b * per_block + i * side + j;
        out.scores[k] = match_fingers(probe[i], gal[j]);
        out.real_pair[k] = probe_real[i] | gal_real[j];
      }
    bar.update(done += per_block, blocks * per_block);
  }, 1);
  bar.finish();
  return out;
}

struct Row {
  int fingers = 0;
  double person_fmr[2]{}, threshold[2]{}, fnir[2]{}, fnir_built[2]{}, fnir_real[2]{}, fpir_bound[2]{}, fpir_seen[2]{}, fmr_samples_only[2]{};
  size_t fused_samples = 0;
};

}  // namespace

void add_afis_fpir_command(CLI::App* afis) {
  static Setup s;
  auto* cmd = afis->add_subcommand("fpir", "FNIR at FPIR 0.1 % and 0.01 % for 1-, 2- and 10-finger probes against a gallery of N people");
  cmd->add_option("--persons", s.persons, "gallery people (10 fingers each)")->check(CLI::Range(size_t{100}, size_t{50000000}));
  cmd->add_option("--impostors", s.impostors, "per-finger impostor comparisons for the calibration")->check(CLI::Range(size_t{10000}, size_t{1000000000}));
  cmd->add_option("--gallery-people", s.target_people,
                  "gallery size the FPIR targets are for, when larger than the gallery built (default: the built one)");
  cmd->add_option("--mated", s.mated, "mated searches (synthetic people, each a 10-finger probe)")->check(CLI::Range(size_t{1}, size_t{10000000}));
  cmd->add_option("--probe-fingers", s.probe_fingers, "probe sizes, comma-separated (1..10)");
  cmd->add_option("--real-dir", s.real_dir, "FVC-style folders of FINGER_IMPRESSION.iso: real people and real strangers");
  cmd->add_option("--real-share", s.real_share, "share of gallery people (and of impostor probe fingers) made of real fingers")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--search-budget", s.search_budget_s, "stop the mated searches after this many seconds (0 = all)");
  cmd->add_option("--shortlist", s.shortlist, "first-stage candidates per probe finger");
  cmd->add_option("--top-k", s.top_k, "people returned per search");
  cmd->add_option("--threads", s.threads, "worker threads (default: every core)");
  cmd->add_option("--seed", s.seed, "random seed (same seed, same numbers)");
  cmd->add_flag("--json", s.json, "print the result as JSON");
  cmd->callback([] {
    const auto t_all = Clock::now();
    std::vector<int> sizes;
    {
      std::stringstream in(s.probe_fingers);
      std::string item;
      while (std::getline(in, item, ',')) {
        int k = 0;
        try {
          k = std::stoi(item);
        } catch (...) {
        }
        if (k < 1 || k > 10) throw CommandError(kUsage, "--probe-fingers: '" + item + "' is not a finger count 1..10");
        sizes.push_back(k);
      }
    }
    Population pop;
    pop.s = s;
    if (!s.real_dir.empty()) {
      pop.real = load_real(s.real_dir);
      if (pop.real.empty()) throw CommandError(kUsage, "--real-dir " + s.real_dir + ": no FINGER_IMPRESSION.iso fingers with two impressions");
      for (int pos = 1; pos <= 10; ++pos)
        for (size_t p = 0; p < pop.real.size(); ++p)
          for (size_t f = 0; f < pop.real[p].size(); ++f)
            (pop.real[p][f].position != pos ? pop.real_sources_by_position : pop.real_at_position)[pos].emplace_back(p, f);
    }
    const size_t people = s.persons + pop.real.size();
    const size_t target = std::max(people, s.target_people);
    // A gallery `scale` times larger holds about `scale` times as many strangers above any
    // first-stage score, so a mate it would still shortlist among `shortlist` lies within the
    // top shortlist / scale of this gallery's list: the larger gallery's first-stage misses,
    // in expectation (the rank's spread is not modelled).
    const double scale = static_cast<double>(target) / static_cast<double>(people);
    const auto kept = std::max<size_t>(1, static_cast<size_t>(static_cast<double>(s.shortlist) / scale));
    auto t = Clock::now();
    const FingerGallery gallery = build_gallery(pop, people);
    const double gallery_s = since(t);

    t = Clock::now();
    const Impostors imp = impostor_scores(pop, gallery, s.impostors);
    const double impostor_s = since(t);

    // The per-finger impostor distribution: samples, with the top 1e-4 (at least 200 scores)
    // modelled by the tail fit; then each probe size's fused distribution.
    t = Clock::now();
    const size_t exceed = std::max<size_t>(200, imp.scores.size() / 10000);
    const ImpostorTail tail = fit_impostor_tail(imp.scores, exceed);
    constexpr double kGridTop = 0.3;  // step 1e-4
    const ScorePmf finger = finger_impostor_pmf(imp.scores, tail, kGridTop, 3001);
    // The same without the tail model: how much of each threshold's FMR the samples carry alone.
    const ScorePmf finger_samples = finger_impostor_pmf(imp.scores, {}, kGridTop, 3001);
    std::vector<Row> rows;
    for (int k : sizes) {
      Row r;
      r.fingers = k;
      const ScorePmf fused = fused_pmf(finger, k), fused_samples = fused_pmf(finger_samples, k);
      // Empirical person impostors: k scores from k different blocks (a stride through them).
      const size_t n = imp.scores.size() / static_cast<size_t>(k);
      std::vector<double> people_fused(n);
      for (size_t i = 0; i < n; ++i) {
        std::vector<float> f(static_cast<size_t>(k));
        for (int j = 0; j < k; ++j) f[static_cast<size_t>(j)] = static_cast<float>(imp.scores[i + static_cast<size_t>(j) * n]);
        people_fused[i] = fuse_finger_scores(f);
      }
      r.fused_samples = n;
      for (int q = 0; q < 2; ++q) {
        r.person_fmr[q] = person_fmr_for_fpir(kFpirs[q], static_cast<double>(target));
        r.threshold[q] = fused.threshold_for(r.person_fmr[q]);
        r.fmr_samples_only[q] = fused_samples.survival(r.threshold[q]);
        const auto above = static_cast<size_t>(std::llround(fraction_at_least(people_fused, r.threshold[q]) * static_cast<double>(n)));
        r.fpir_bound[q] = fpir_for_gallery(std::min(1.0, poisson_upper_95(above) / static_cast<double>(n)), static_cast<double>(target));
      }
      rows.push_back(r);
    }
    const double model_s = since(t);

    // Mated searches: each a 10-finger probe of an enrolled person (synthetic: a new impression
    // of their masters; real: the FVC impressions after the enrolled one); its shortlists are
    // scanned once and every probe size is fused from the same shortlists.
    t = Clock::now();
    IdentifyOptions io;
    io.shortlist = s.shortlist, io.top_k = s.top_k, io.threads = s.threads;
    struct Search {
      size_t person;
      uint64_t salt;
    };
    std::vector<Search> searches;
    {
      Rng rng(pop.stream(0, 0, 7));
      while (searches.size() < s.mated) {
        const size_t p = rng.below(s.persons);
        if (!pop.real_derived(p)) searches.push_back({p, 4});
      }
    }
    const size_t synthetic_searches = searches.size();
    for (size_t d = 0; d < pop.real.size(); ++d) {
      size_t most = 0;
      for (const auto& f : pop.real[d]) most = std::max(most, f.impressions.size());
      for (size_t imp_no = 1; imp_no < most; ++imp_no) searches.push_back({s.persons + d, 3 + imp_no});
    }
    std::vector<std::vector<double>> mate(sizes.size()), best_other(sizes.size());
    size_t done_synthetic = 0, done_real = 0;
    std::vector<std::vector<double>> mate_real(sizes.size()), mate_target(sizes.size()), mate_real_target(sizes.size());
    ProgressBar bar("mated searches");
    for (size_t i = 0; i < searches.size(); ++i) {
      const bool is_real = searches[i].person >= s.persons;
      // The budget stops synthetic searches only; the few real ones always run.
      if (!is_real && s.search_budget_s > 0 && since(t) > s.search_budget_s) continue;
      std::vector<ProbeFinger> probe;
      for (int pos : kPreferred) {
        if (is_real) {  // a real person's finger without this impression is left out of the probe
          const auto& person = pop.real[searches[i].person - s.persons];
          if (pos > static_cast<int>(person.size()) || searches[i].salt - 3 >= person[static_cast<size_t>(pos - 1)].impressions.size()) continue;
        }
        probe.push_back({pos, extract_features(pop.capture(searches[i].person, pos, searches[i].salt))});
      }
      const auto lists = gallery.shortlists(probe, io);
      for (size_t q = 0; q < sizes.size(); ++q) {
        const size_t k = std::min<size_t>(static_cast<size_t>(sizes[q]), probe.size());
        const std::vector<ProbeFinger> sub(probe.begin(), probe.begin() + static_cast<std::ptrdiff_t>(k));
        std::vector<std::vector<FirstStageHit>> sub_lists(lists.begin(), lists.begin() + static_cast<std::ptrdiff_t>(k));
        // This gallery's search, then the target gallery's (each shortlist cut to what it keeps).
        auto search = [&](const std::vector<std::vector<FirstStageHit>>& l) {
          std::pair<double, double> mate_other{-1, -1};  // -1: not returned
          for (const auto& c : gallery.identify_shortlisted(sub, l, io)) {
            double& slot = c.person == searches[i].person ? mate_other.first : mate_other.second;
            slot = std::max(slot, static_cast<double>(c.score));
          }
          return mate_other;
        };
        const auto here = search(sub_lists);
        auto there = here;
        if (scale > 1) {
          for (auto& l : sub_lists) l.resize(std::min(l.size(), kept));
          there = search(sub_lists);
        }
        if (is_real) {
          mate_real[q].push_back(here.first), mate_real_target[q].push_back(there.first);
        } else {
          mate[q].push_back(here.first), mate_target[q].push_back(there.first), best_other[q].push_back(here.second);
        }
      }
      (is_real ? done_real : done_synthetic)++;
      bar.update(i + 1, searches.size());
    }
    bar.finish();
    const double search_s = since(t);
    for (size_t q = 0; q < rows.size(); ++q)
      for (int j = 0; j < 2; ++j) {
        rows[q].fnir[j] = fnir_at(mate_target[q], rows[q].threshold[j]);
        rows[q].fnir_built[j] = fnir_at(mate[q], rows[q].threshold[j]);
        rows[q].fnir_real[j] = fnir_at(mate_real_target[q], rows[q].threshold[j]);
        rows[q].fpir_seen[j] = fraction_at_least(best_other[q], rows[q].threshold[j]);
      }
    const double wall = since(t_all);

    size_t real_pairs = 0;
    double max_synthetic = 0, max_real = 0;
    for (size_t i = 0; i < imp.scores.size(); ++i) {
      real_pairs += imp.real_pair[i];
      double& top = imp.real_pair[i] ? max_real : max_synthetic;
      top = std::max(top, imp.scores[i]);
    }
    // The tail model against the samples where the samples still resolve the rate.
    std::vector<std::array<double, 3>> tail_check;  // fmr, empirical threshold, model threshold
    for (double fmr : {1e-4, 1e-5, 1e-6})
      if (fmr * static_cast<double>(imp.scores.size()) >= 10)
        tail_check.push_back({fmr, threshold_for_fmr(imp.scores, fmr), finger.threshold_for(fmr)});

    // A threshold at the grid's top means the fused distribution reaches past it: say so.
    auto shown = [&](double th) {
      char buf[32];
      std::snprintf(buf, sizeof buf, th >= kGridTop - 1e-9 ? ">= %.4f" : "%.4f", th);
      return std::string(buf);
    };
    if (s.json) {
      nlohmann::json j;
      j["gallery_people"] = people, j["target_gallery_people"] = target, j["target_shortlist_kept"] = kept, j["gallery_fingers"] = gallery.size(), j["real_people"] = pop.real.size();
      j["impostor_comparisons"] = imp.scores.size(), j["impostor_real_pairs"] = real_pairs;
      j["impostor_max"] = {{"synthetic", max_synthetic}, {"real", max_real}};
      j["tail"] = {{"u", tail.u}, {"rate", tail.rate}, {"sigma", tail.sigma}, {"xi", tail.xi}, {"fitted_xi", tail.fitted_xi}, {"exceedances", tail.exceedances}};
      for (const auto& c : tail_check) j["tail_check"].push_back({{"fmr", c[0]}, {"empirical", c[1]}, {"model", c[2]}});
      j["mated_searches"] = {{"synthetic", done_synthetic}, {"real", done_real}, {"planned_synthetic", synthetic_searches}};
      j["seconds"] = {{"gallery", gallery_s}, {"impostors", impostor_s}, {"model", model_s}, {"searches", search_s}, {"wall", wall}};
      for (const auto& r : rows)
        for (int q = 0; q < 2; ++q)
          j["rows"].push_back({{"probe_fingers", r.fingers}, {"fpir", kFpirs[q]}, {"person_fmr", r.person_fmr[q]}, {"person_fmr_samples_only", r.fmr_samples_only[q]},
                               {"threshold", r.threshold[q]}, {"fnir", r.fnir[q]}, {"fnir_built_gallery", r.fnir_built[q]}, {"fnir_real", r.fnir_real[q]},
                               {"fpir_empirical_bound", r.fpir_bound[q]}, {"fused_impostor_samples", r.fused_samples},
                               {"fpir_seen_in_mated_searches", r.fpir_seen[q]}});
      std::printf("%s\n", j.dump(2).c_str());
      return;
    }
    std::printf("gallery: %zu people (%zu real FVC people), %zu fingers, %.2f GB, built in %.0f s\n", people, pop.real.size(),
                gallery.size(), static_cast<double>(gallery.size() * FingerGallery::bytes_per_finger()) / 1e9, gallery_s);
    std::printf("impostors: %zu per-finger comparisons (%zu with a real finger) in %.0f s; highest synthetic %.4f, real %.4f\n",
                imp.scores.size(), real_pairs, impostor_s, max_synthetic, max_real);
    std::printf("tail: the top %zu finger scores (above %.4f, FMR %.1e) fitted: GPD shape %.3f (used %.3f), scale %.5f\n",
                tail.exceedances, tail.u, tail.rate, tail.fitted_xi, tail.xi, tail.sigma);
    for (const auto& c : tail_check)
      std::printf("  finger FMR %.0e: threshold %.4f from the samples, %.4f from the model\n", c[0], c[1], c[2]);
    std::printf("mated searches: %zu synthetic of %zu planned, %zu real (FVC) in %.0f s\n", done_synthetic, synthetic_searches,
                done_real, search_s);
    std::printf("FPIR targets for a gallery of %zu people", target);
    if (scale > 1)
      std::printf(" (%.1fx the %zu built: FNIR counts a mate as lost by the first stage unless it is in the top %zu of its shortlist here)",
                  scale, people, kept);
    std::printf("\n\n");
    std::printf("| probe fingers | threshold FPIR 0.1 %% | FNIR | threshold FPIR 0.01 %% | FNIR | impostor comparisons | mated searches | wall |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    for (const auto& r : rows)
      std::printf("| %d | %s | %.4f | %s | %.4f | %zu | %zu | %.0f s |\n", r.fingers, shown(r.threshold[0]).c_str(), r.fnir[0],
                  shown(r.threshold[1]).c_str(), r.fnir[1], imp.scores.size(), done_synthetic, wall);
    std::printf("\n| probe fingers | person FMR for FPIR 0.1 %% / 0.01 %% | of it, from the samples without the tail model | FPIR the fused samples alone bound (95 %%) | FNIR real FVC mates | FNIR against the %zu built | FPIR seen in those searches (built gallery) |\n", people);
    std::printf("|---|---|---|---|---|---|---|\n");
    for (const auto& r : rows)
      std::printf("| %d | %.2e / %.2e | %.2e / %.2e | <= %.3g / <= %.3g (%zu fused samples) | %.4f / %.4f (%zu) | %.4f / %.4f | %.4f / %.4f |\n",
                  r.fingers, r.person_fmr[0], r.person_fmr[1], r.fmr_samples_only[0], r.fmr_samples_only[1], r.fpir_bound[0], r.fpir_bound[1], r.fused_samples, r.fnir_real[0],
                  r.fnir_real[1], done_real, r.fnir_built[0], r.fnir_built[1], r.fpir_seen[0], r.fpir_seen[1]);
  });
}

}  // namespace ktpel::cli

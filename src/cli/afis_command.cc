// ktpel afis match|scores|eval|bench|synth: the fingerprint matcher from the command line.
#include <cstdio>
#include <map>
#include <set>

#include "cli/context.h"
#include "core/biometrics/finger_matcher.h"
#include "core/biometrics/fvc_protocol.h"
#include "core/biometrics/compact_finger.h"
#include "core/biometrics/finger_gallery.h"
#include "core/synth/plastic_distortion.h"
#include "core/synth/synthetic_fingers.h"
#include <chrono>
#include <filesystem>
#include "core/biometrics/score_statistics.h"
#include "core/common/parallel_for.h"
#include "io/files.h"
#include "io/fingerprint_files.h"
#include "io/progress.h"
#include "service/abis_service.h"
#include "store/store.h"

namespace ktpel::cli {
namespace {

FingerFeatures load_features(const std::string& path) {
  auto record = read_template_file(path);
  if (!record) throw CommandError(kProblems, record.error().code + ": " + record.error().message_en);
  return features_of_record(*record);
}

std::vector<FingerFeatures> load_all(const std::vector<TemplateFile>& files, unsigned threads) {
  std::vector<FingerFeatures> out(files.size());
  std::vector<std::string> errors(files.size());
  ProgressBar bar("templates");
  std::atomic<size_t> done{0};
  parallel_for(files.size(), threads, [&](size_t i) {
    auto record = read_template_file(files[i].path);
    if (!record) {
      errors[i] = record.error().code + ": " + record.error().message_en;
    } else {
      out[i] = features_of_record(*record);
    }
    bar.update(++done, files.size());
  }, 4);
  bar.finish();
  for (const auto& e : errors)
    if (!e.empty()) throw CommandError(kProblems, e);
  return out;
}

bool first_stage_only = false;

std::vector<double> score_pairs(const std::vector<FingerFeatures>& f, const std::vector<std::pair<size_t, size_t>>& pairs,
                                unsigned threads, const char* label) {
  std::vector<double> out(pairs.size());
  if (first_stage_only) {
    for (size_t i = 0; i < pairs.size(); ++i) {
      const auto g = compact_finger(f[pairs[i].second]);
      out[i] = first_stage_score(probe_codes(f[pairs[i].first]), g.codes.data(), g.code_count);
    }
    return out;
  }
  ProgressBar bar(label);
  std::atomic<size_t> done{0};
  parallel_for(pairs.size(), threads, [&](size_t i) {
    out[i] = match_fingers(f[pairs[i].first], f[pairs[i].second]);
    bar.update(++done, pairs.size());
  });
  bar.finish();
  return out;
}

std::string pct(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * fraction);
  return buf;
}

// How often the cascade finds a mate: each labelled template is a probe against a gallery of
// every template of its folder (itself excluded from the answer) plus `n` strangers. `real`
// strangers are fingers of the other folders, distorted and cropped as a new capture would be
// (real minutiae statistics, certainly other people); otherwise synthetic fingers.
struct CascadeAccuracy {
  size_t probes = 0, in_shortlist = 0, rank1 = 0, rank1_exhaustive = 0;
};

CascadeAccuracy cascade_accuracy(const std::vector<TemplateFile>& files, const std::vector<std::vector<MinutiaPoint>>& sources,
                                 size_t n, bool real, size_t shortlist, unsigned threads, bool exhaustive) {
  CascadeAccuracy r;
  std::set<std::string> folders;
  for (const auto& f : files) folders.insert(f.folder);
  ProgressBar bar(real ? "accuracy (real strangers)" : "accuracy (synthetic strangers)");
  size_t done = 0;
  for (const auto& folder : folders) {
    std::vector<size_t> own, others;
    for (size_t i = 0; i < files.size(); ++i) (files[i].folder == folder ? own : others).push_back(i);
    if (real && others.empty()) continue;
    std::vector<std::vector<MinutiaPoint>> stranger(n);
    parallel_for(n, 0, [&](size_t k) {
      Rng rng(0xD15 + k * 31 + (real ? 7 : 0));
      stranger[k] = real ? synthetic_impression(sources[others[k % others.size()]], rng)
                         : synthetic_impression(synthetic_master_finger(rng), rng);
    });
    std::vector<FingerFeatures> feats(own.size() + n);
    parallel_for(feats.size(), 0, [&](size_t k) {
      feats[k] = extract_features(k < own.size() ? sources[own[k]] : stranger[k - own.size()]);
    });
    FingerGallery gallery;
    std::vector<FingerFeatures> stored(exhaustive ? feats.size() : 0);
    for (size_t k = 0; k < feats.size(); ++k) {
      const CompactFinger c = compact_finger(feats[k]);
      gallery.add(static_cast<uint32_t>(k), 0, c);
      if (exhaustive) stored[k] = extract_features(expand_minutiae(c));
    }
    for (size_t p = 0; p < own.size(); ++p) {
      const TemplateFile& pf = files[own[p]];
      auto is_mate = [&](uint32_t person) {
        return person < own.size() && person != p && files[own[person]].finger == pf.finger;
      };
      bool possible = false;
      for (size_t t = 0; t < own.size(); ++t) possible |= is_mate(static_cast<uint32_t>(t));
      if (pf.finger.empty() || !possible) continue;
      ++r.probes;
      bool found = false;
      for (const auto& h : gallery.first_stage(probe_codes(feats[p]), 0, shortlist + 1, threads))
        found |= is_mate(gallery.person_of(h.entry));  // +1: the probe itself is in the gallery
      r.in_shortlist += found;
      IdentifyOptions io;
      io.shortlist = shortlist + 1, io.threads = threads, io.top_k = 2;
      auto cands = gallery.identify({ProbeFinger{0, feats[p]}}, io);
      std::erase_if(cands, [&](const PersonCandidate& c) { return c.person == p; });
      r.rank1 += !cands.empty() && is_mate(cands.front().person);
      if (exhaustive) {
        std::vector<float> score(stored.size());
        parallel_for(stored.size(), threads, [&](size_t k) { score[k] = k == p ? -1 : match_fingers(feats[p], stored[k]); });
        r.rank1_exhaustive += is_mate(static_cast<uint32_t>(std::max_element(score.begin(), score.end()) - score.begin()));
      }
    }
    bar.update(++done, folders.size());
  }
  bar.finish();
  return r;
}

}  // namespace

void add_afis_command(CLI::App& app, Context&, int& exit_code) {
  auto* afis = app.add_subcommand("afis", "fingerprint matching: 1:1 scores, evaluation, 1:N bench, synthetic templates");
  afis->require_subcommand(1);
  static unsigned threads = 0;

  auto* match = afis->add_subcommand("match", "print the similarity score (0..1) of two templates");
  static std::string a_path, b_path;
  match->add_option("a", a_path, "ISO 19794-2 or ANSI 378 template")->required();
  match->add_option("b", b_path, "ISO 19794-2 or ANSI 378 template")->required();
  match->callback([] {
    const auto a = load_features(a_path), b = load_features(b_path);
    std::printf("%.6f\n", match_fingers(a, b));
  });

  auto* scores = afis->add_subcommand("scores", "score every unordered pair of templates within each folder");
  static std::string dir, out_path;
  scores->add_option("--dir", dir, "folder of *.iso files (searched recursively)")->required();
  scores->add_option("--out", out_path, "CSV to write: a,b,score")->required();
  scores->add_option("--threads", threads, "worker threads (default: every core)");
  scores->callback([] {
    const auto files = list_template_files(dir);
    const auto features = load_all(files, threads);
    std::vector<std::pair<size_t, size_t>> pairs;
    for (size_t i = 0; i < files.size(); ++i)
      for (size_t j = i + 1; j < files.size(); ++j)
        if (files[i].folder == files[j].folder) pairs.emplace_back(i, j);
    const auto s = score_pairs(features, pairs, threads, "pairs");
    std::string csv = "a,b,score\n";
    char buf[32];
    for (size_t k = 0; k < pairs.size(); ++k) {
      std::snprintf(buf, sizeof buf, "%.6f", s[k]);
      csv += files[pairs[k].first].relative + "," + files[pairs[k].second].relative + "," + buf + "\n";
    }
    write_file_atomic(out_path, csv);
    std::fprintf(stderr, "%zu templates, %zu pairs -> %s\n", files.size(), pairs.size(), out_path.c_str());
  });

  auto* eval = afis->add_subcommand("eval", "EER, FMR100, FMR1000 and ZeroFMR per folder and pooled (FVC protocol)");
  static std::string eval_dir;
  eval->add_option("--dir", eval_dir, "folder of FINGER_IMPRESSION.iso files, one sub-folder per database")->required();
  eval->add_option("--threads", threads, "worker threads (default: every core)");
  eval->add_flag("--first-stage", first_stage_only, "score with the 1:N search's first-stage code instead of the matcher");
  static bool fvc_only = false;
  eval->add_flag("--fvc-only", fvc_only, "skip the all-impostor-pairs columns (FVC protocol only: much faster on large sets)");
  eval->callback([&exit_code] {
    const auto files = list_template_files(eval_dir);
    std::vector<LabelledTemplate> labels;
    for (const auto& f : files) {
      if (f.finger.empty() || f.impression <= 0)
        throw CommandError(kUsage, f.relative + ": name is not FINGER_IMPRESSION.iso, so its mates are unknown");
      labels.push_back({f.folder, f.finger, f.impression});
    }
    if (files.empty()) throw CommandError(kUsage, "--dir " + eval_dir + ": no *.iso files");
    const auto features = load_all(files, threads);
    const auto pairs = evaluation_pairs(labels);
    const auto gen = score_pairs(features, pairs.genuine, threads, "genuine");
    const auto imp_fvc = score_pairs(features, pairs.impostor_fvc, threads, "impostor (FVC)");
    const auto imp_all = fvc_only ? imp_fvc : score_pairs(features, pairs.impostor_all, threads, "impostor (all)");
    const auto& all_pairs = fvc_only ? pairs.impostor_fvc : pairs.impostor_all;

    std::set<std::string> folders;
    for (const auto& l : labels) folders.insert(l.folder);
    auto pick = [&](const std::vector<std::pair<size_t, size_t>>& p, const std::vector<double>& s, const std::string& folder) {
      std::vector<double> out;
      for (size_t k = 0; k < p.size(); ++k)
        if (folder == "*" || labels[p[k].first].folder == folder) out.push_back(s[k]);
      return out;
    };
    std::printf("%-12s %8s %8s | %-40s | %-40s\n", "", "", "", "FVC protocol (first impressions)", "all impostor pairs");
    std::printf("%-12s %8s %8s | %8s %8s %8s %8s %5s | %8s %8s %8s %8s\n", "folder", "genuine", "imp/all", "EER",
                "FMR100", "FMR1000", "ZeroFMR", "imp", "EER", "FMR100", "FMR1000", "ZeroFMR");
    std::vector<std::string> rows(folders.begin(), folders.end());
    if (rows.size() > 1) rows.push_back("*");
    double eer_sum = 0;
    for (const auto& folder : rows) {
      const auto g = pick(pairs.genuine, gen, folder);
      const auto f = pick(pairs.impostor_fvc, imp_fvc, folder);
      const auto a = pick(all_pairs, imp_all, folder);
      const auto rf = error_rates(g, f), ra = error_rates(g, a);
      if (folder != "*") eer_sum += rf.eer;
      std::printf("%-12s %8zu %8zu | %8s %8s %8s %8s %5zu | %8s %8s %8s %8s\n",
                  folder == "*" ? "pooled" : (folder.empty() ? "." : folder.c_str()), g.size(), a.size(),
                  pct(rf.eer).c_str(), pct(rf.fmr100).c_str(), pct(rf.fmr1000).c_str(), pct(rf.zero_fmr).c_str(),
                  f.size(), pct(ra.eer).c_str(), pct(ra.fmr100).c_str(), pct(ra.fmr1000).c_str(),
                  pct(ra.zero_fmr).c_str());
    }
    if (folders.size() > 1) std::printf("average EER over folders (FVC protocol): %s\n", pct(eer_sum / folders.size()).c_str());
    const auto table = calibrate_thresholds(imp_all, {1e-2, 1e-3, 1e-4});
    std::printf("thresholds from %zu impostor scores (all pairs, pooled):", table.impostors);
    for (const auto& [fmr, t] : table.fmr_threshold) std::printf("  FMR %g -> %.4f", fmr, t);
    std::printf("  (highest impostor %.4f)\n", table.max_impostor);
    exit_code = kOk;
  });


  auto* calibrate = afis->add_subcommand("calibrate", "decision thresholds per FMR from impostor scores, as JSON (data/afis/calibration.json)");
  static std::string cal_dir, cal_out;
  calibrate->add_option("--dir", cal_dir, "folder of FINGER_IMPRESSION.iso files; impostors = every pair of different fingers within a folder")->required();
  calibrate->add_option("--out", cal_out, "JSON file to write (default: print)");
  calibrate->add_option("--threads", threads, "worker threads (default: every core)");
  calibrate->callback([] {
    const auto files = list_template_files(cal_dir);
    std::vector<LabelledTemplate> labels;
    for (const auto& f : files) {
      if (f.finger.empty()) throw CommandError(kUsage, f.relative + ": name is not FINGER_IMPRESSION.iso, so its mates are unknown");
      labels.push_back({f.folder, f.finger, f.impression});
    }
    const auto features = load_all(files, threads);
    const auto imp = score_pairs(features, evaluation_pairs(labels).impostor_all, threads, "impostors");
    if (imp.empty()) throw CommandError(kUsage, "--dir " + cal_dir + ": no impostor pairs (need two fingers in one folder)");
    const auto table = calibrate_thresholds(imp, {1e-2, 1e-3, 1e-4, 1e-5, 1e-6});
    const std::string text = to_json(table, "ktpel afis calibrate --dir " + cal_dir).dump(2) + "\n";
    if (cal_out.empty()) std::printf("%s", text.c_str());
    else write_file_atomic(cal_out, text);
  });

  auto* gallery_cmd = afis->add_subcommand("gallery", "load the stored fingerprint gallery and report its size and load time");
  static std::string gallery_db;
  static size_t fill = 0;
  gallery_cmd->add_option("--db", gallery_db, "SQLite file or postgresql:// URL")->default_val(default_db());
  gallery_cmd->add_option("--fill-synthetic", fill,
                          "first add this many synthetic fingers (10 per made-up NIK SYNTH...) for scale tests");
  gallery_cmd->callback([] {
    using Clock = std::chrono::steady_clock;
    auto store = open_console_store(gallery_db);
    if (fill > 0) {
      // 2,000 distinct synthetic fingers, then copies with a few code bits flipped: load speed
      // does not depend on what the codes say, and no two rows are alike.
      std::vector<CompactFinger> base(std::min<size_t>(fill, 2000));
      parallel_for(base.size(), 0, [&](size_t k) {
        Rng rng(0x5EED + k);
        base[k] = compact_finger(extract_features(synthetic_impression(synthetic_master_finger(rng), rng)));
      });
      ProgressBar bar("filling");
      Rng rng(42);
      for (size_t start = 0; start < fill; start += 50000) {
        StoreTransaction tx(*store);
        for (size_t i = start; i < std::min(fill, start + 50000); ++i) {
          CompactFinger c = base[i % base.size()];
          c.codes[rng.below(kCompactCodes)] ^= uint64_t{1} << rng.below(48);
          char nik[32];
          std::snprintf(nik, sizeof nik, "SYNTH%011zu", i / 10);
          store->put_gallery_finger(nik, static_cast<int>(i % 10) + 1, serialise(c));
        }
        tx.commit();
        bar.update(std::min(fill, start + 50000), fill);
      }
      bar.finish();
    }
    const auto t0 = Clock::now();
    AbisService abis;
    const size_t n = abis.load(*store);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("gallery: %zu fingers of %zu people loaded in %.2f s (%s)\n", n, abis.people(), s, std::string(store->backend()).c_str());
  });

  auto* synth = afis->add_subcommand("synth", "write synthetic ISO templates F_I.iso (F fingers x I impressions)");
  static int fingers = 0, impressions = 0;
  static uint64_t seed = 1;
  static std::string synth_out;
  synth->add_option("--fingers", fingers, "distinct fingers")->required()->check(CLI::Range(1, 10000000));
  synth->add_option("--impressions", impressions, "impressions per finger")->required()->check(CLI::Range(1, 100));
  synth->add_option("--seed", seed, "random seed (same seed, same files)");
  synth->add_option("--out", synth_out, "folder to write")->required();
  synth->callback([] {
    std::filesystem::create_directories(synth_out);
    ProgressBar bar("fingers");
    for (int f = 1; f <= fingers; ++f) {
      Rng rng(seed * 1000003u + static_cast<uint64_t>(f));
      const auto master = synthetic_master_finger(rng);
      for (int i = 1; i <= impressions; ++i) {
        const auto record = record_of(synthetic_impression(master, rng), 0);
        write_file_atomic(synth_out + "/" + std::to_string(f) + "_" + std::to_string(i) + ".iso", write_iso19794_2(record));
      }
      bar.update(static_cast<uint64_t>(f), static_cast<uint64_t>(fingers));
    }
    bar.finish();
    std::printf("%d templates (%d fingers x %d impressions) in %s\n", fingers * impressions, fingers, impressions, synth_out.c_str());
  });

  add_afis_fpir_command(afis);

  auto* distort = afis->add_subcommand(
      "distort", "write a held-out proxy database: impressions of master fingers under a plastic-distortion capture model");
  static std::string profile, masters_dir, distort_out;
  static int synthetic_masters = 0, proxy_impressions = 8;
  static uint64_t distort_seed = 1;
  distort->add_option("--profile", profile, "heavy | partial | noisy | mild (parameters in docs/afis.md)")->required();
  distort->add_option("--masters", masters_dir, "folder of FINGER_IMPRESSION.iso: the lowest impression of each finger is a master");
  distort->add_option("--synthetic", synthetic_masters, "also this many synthetic master fingers (named sN)")->check(CLI::Range(0, 1000000));
  distort->add_option("--impressions", proxy_impressions, "impressions per master")->check(CLI::Range(1, 100));
  distort->add_option("--seed", distort_seed, "random seed (same seed, same files)");
  distort->add_option("--out", distort_out, "folder to write FINGER_IMPRESSION.iso into")->required();
  distort->callback([] {
    ImpressionProfile p;
    if (!impression_profile(profile, p)) throw CommandError(kUsage, "--profile " + profile + ": not heavy, partial, noisy or mild");
    std::vector<std::pair<std::string, std::vector<MinutiaPoint>>> masters;
    if (!masters_dir.empty()) {
      std::map<std::string, TemplateFile> first;
      for (const auto& f : list_template_files(masters_dir)) {
        if (f.finger.empty()) throw CommandError(kUsage, f.relative + ": name is not FINGER_IMPRESSION.iso");
        auto [it, fresh] = first.try_emplace(f.finger, f);
        if (!fresh && f.impression < it->second.impression) it->second = f;
      }
      for (const auto& [finger, f] : first) {
        auto r = read_template_file(f.path);
        if (!r) throw CommandError(kProblems, r.error().message_en);
        masters.emplace_back(finger, to_matcher_frame(r->views.front(), r->x_resolution, r->y_resolution));
      }
    }
    for (int k = 1; k <= synthetic_masters; ++k) {
      Rng rng(distort_seed * 7777777u + static_cast<uint64_t>(k));
      masters.emplace_back("s" + std::to_string(k), synthetic_master_finger(rng));
    }
    if (masters.empty()) throw CommandError(kUsage, "no masters: give --masters DIR and/or --synthetic N");
    std::filesystem::create_directories(distort_out);
    for (size_t m = 0; m < masters.size(); ++m) {
      Rng rng(distort_seed * 1000003u + stable_hash(masters[m].first));
      for (int i = 1; i <= proxy_impressions; ++i) {
        const auto record = record_of(distorted_impression(masters[m].second, rng, p), 0);
        write_file_atomic(distort_out + "/" + masters[m].first + "_" + std::to_string(i) + ".iso", write_iso19794_2(record));
      }
    }
    std::printf("%zu templates (%zu masters x %d impressions, profile %s) in %s\n", masters.size() * proxy_impressions,
                masters.size(), proxy_impressions, profile.c_str(), distort_out.c_str());
  });

  auto* bench = afis->add_subcommand("bench", "1:N search speed: comparisons per second over a gallery built from DIR");
  static std::string bench_dir;
  static size_t gallery_size = 0, probes = 0, shortlist = 40;
  bench->add_option("--dir", bench_dir, "folder of *.iso templates to build the gallery and probes from")->required();
  bench->add_option("--gallery", gallery_size, "gallery fingers")->required()->check(CLI::Range(size_t{1}, size_t{100000000}));
  bench->add_option("--probes", probes, "probe fingers")->required()->check(CLI::Range(size_t{1}, size_t{1000000}));
  bench->add_option("--threads", threads, "search threads (default: every core)");
  bench->add_option("--shortlist", shortlist, "first-stage candidates kept per probe for the second stage");
  static size_t distractors = 20000;
  static bool exhaustive = false;
  bench->add_option("--distractors", distractors, "accuracy check: strangers added to each folder's templates (0 = skip)");
  bench->add_flag("--exhaustive", exhaustive, "accuracy check: also rank the whole gallery with the MCC matcher (slow)");
  bench->callback([] {
    using Clock = std::chrono::steady_clock;
    const auto files = list_template_files(bench_dir);
    if (files.empty()) throw CommandError(kUsage, "--dir " + bench_dir + ": no *.iso files");
    std::vector<std::vector<MinutiaPoint>> sources;
    for (const auto& f : files) {
      auto r = read_template_file(f.path);
      if (!r) throw CommandError(kProblems, r.error().message_en);
      sources.push_back(to_matcher_frame(r->views.front(), r->x_resolution, r->y_resolution));
    }
    // Gallery entry i is source i mod S, rotated/translated/jittered: no two entries alike.
    FingerGallery gallery;
    gallery.reserve(gallery_size);
    const auto t0 = Clock::now();
    {
      ProgressBar bar("gallery");
      std::vector<CompactFinger> batch(4096);
      for (size_t start = 0; start < gallery_size; start += batch.size()) {
        const size_t n = std::min(batch.size(), gallery_size - start);
        parallel_for(n, 0, [&](size_t k) {  // building is not what is measured: every core
          Rng rng(0xA515 + start + k);
          batch[k] = compact_finger(extract_features(perturbed_copy(sources[(start + k) % sources.size()], rng)));
        });
        for (size_t k = 0; k < n; ++k) gallery.add(static_cast<uint32_t>(start + k), 0, batch[k]);
        bar.update(start + n, gallery_size);
      }
      bar.finish();
    }
    const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::vector<ProbeCodes> probe_set;
    std::vector<ProbeFinger> probe_fingers;
    for (size_t p = 0; p < probes; ++p) {
      Rng rng(0xB0B + p);
      const size_t src = (p * 7919) % sources.size();
      auto f = extract_features(perturbed_copy(sources[src], rng));
      probe_set.push_back(probe_codes(f));
      probe_fingers.push_back({0, std::move(f)});
    }
    // First stage: every probe against every gallery finger.
    size_t compared = 0;
    const auto t1 = Clock::now();
    for (size_t p = 0; p < probes; ++p) {
      size_t c = 0;
      gallery.first_stage(probe_set[p], 0, shortlist, threads, &c);
      compared += c;
    }
    const double scan_s = std::chrono::duration<double>(Clock::now() - t1).count();
    // End to end: first stage plus the second stage on the shortlist.
    const size_t e2e = std::min<size_t>(probes, 20);
    const auto t2 = Clock::now();
    IdentifyOptions o;
    o.shortlist = shortlist, o.threads = threads;
    for (size_t p = 0; p < e2e; ++p) gallery.identify({probe_fingers[p]}, o);
    const double e2e_s = std::chrono::duration<double>(Clock::now() - t2).count();
    const unsigned used = worker_count(threads);
    std::printf("gallery            %zu fingers from %zu templates (built in %.1f s)\n", gallery.size(), files.size(), build_s);
    std::printf("bytes per template %zu in memory (first stage reads %d)\n", FingerGallery::bytes_per_finger(), 8 * kCompactCodes);
    std::printf("threads            %u\n", used);
    std::printf("first stage        %zu comparisons in %.3f s = %.0f comparisons/s (%.0f per thread)\n", compared, scan_s,
                compared / scan_s, compared / scan_s / used);
    std::printf("identify (1 finger, shortlist %zu, second stage MCC): %.1f ms per probe\n", shortlist, 1000 * e2e_s / e2e);

    if (distractors > 0) {
      for (const bool real : {true, false}) {
        const auto r = cascade_accuracy(files, sources, distractors, real, shortlist, threads, exhaustive);
        if (r.probes == 0) continue;
        std::printf("accuracy           %zu probes from DIR against their folder's templates + %zu %s:\n", r.probes, distractors,
                    real ? "distractors made from the OTHER folders' fingers (distorted, cropped)" : "synthetic fingers");
        std::printf("  a mate (another impression) in the first-stage shortlist of %zu: %.1f%%\n", shortlist, 100.0 * r.in_shortlist / r.probes);
        std::printf("  a mate ranked first after the second stage:                %.1f%%\n", 100.0 * r.rank1 / r.probes);
        if (exhaustive)
          std::printf("  a mate ranked first by the MCC matcher over the whole gallery: %.1f%%\n", 100.0 * r.rank1_exhaustive / r.probes);
      }
    }
  });
}

}  // namespace ktpel::cli

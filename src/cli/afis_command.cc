// ktpel afis match|scores|eval|bench|synth: the fingerprint matcher from the command line.
#include <cstdio>
#include <map>
#include <set>

#include "cli/context.h"
#include "core/biometrics/finger_matcher.h"
#include "core/biometrics/fvc_protocol.h"
#include "core/biometrics/compact_finger.h"
#include "core/biometrics/finger_gallery.h"
#include "core/synth/synthetic_fingers.h"
#include <chrono>
#include <filesystem>
#include "core/biometrics/score_statistics.h"
#include "core/common/parallel_for.h"
#include "io/files.h"
#include "io/fingerprint_files.h"
#include "io/progress.h"

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
    const auto imp_all = score_pairs(features, pairs.impostor_all, threads, "impostor (all)");

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
      const auto a = pick(pairs.impostor_all, imp_all, folder);
      const auto rf = error_rates(g, f), ra = error_rates(g, a);
      if (folder != "*") eer_sum += rf.eer;
      std::printf("%-12s %8zu %8zu | %8s %8s %8s %8s %5zu | %8s %8s %8s %8s\n",
                  folder == "*" ? "pooled" : (folder.empty() ? "." : folder.c_str()), g.size(), a.size(),
                  pct(rf.eer).c_str(), pct(rf.fmr100).c_str(), pct(rf.fmr1000).c_str(), pct(rf.zero_fmr).c_str(),
                  f.size(), pct(ra.eer).c_str(), pct(ra.fmr100).c_str(), pct(ra.fmr1000).c_str(),
                  pct(ra.zero_fmr).c_str());
    }
    if (folders.size() > 1) std::printf("average EER over folders (FVC protocol): %s\n", pct(eer_sum / folders.size()).c_str());
    exit_code = kOk;
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

  auto* bench = afis->add_subcommand("bench", "1:N search speed: comparisons per second over a gallery built from DIR");
  static std::string bench_dir;
  static size_t gallery_size = 0, probes = 0, shortlist = 40;
  bench->add_option("--dir", bench_dir, "folder of *.iso templates to build the gallery and probes from")->required();
  bench->add_option("--gallery", gallery_size, "gallery fingers")->required()->check(CLI::Range(size_t{1}, size_t{100000000}));
  bench->add_option("--probes", probes, "probe fingers")->required()->check(CLI::Range(size_t{1}, size_t{1000000}));
  bench->add_option("--threads", threads, "search threads (default: every core)");
  bench->add_option("--shortlist", shortlist, "first-stage candidates kept per probe for the second stage");
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
    std::vector<size_t> probe_source;
    for (size_t p = 0; p < probes; ++p) {
      Rng rng(0xB0B + p);
      const size_t src = (p * 7919) % sources.size();
      auto f = extract_features(perturbed_copy(sources[src], rng));
      probe_set.push_back(probe_codes(f));
      probe_fingers.push_back({0, std::move(f)});
      probe_source.push_back(src);
    }
    // First stage: every probe against every gallery finger.
    size_t compared = 0, mate_in_shortlist = 0, mate_possible = 0;
    const auto t1 = Clock::now();
    std::vector<std::vector<FirstStageHit>> hits(probes);
    for (size_t p = 0; p < probes; ++p) {
      size_t c = 0;
      hits[p] = gallery.first_stage(probe_set[p], 0, shortlist, threads, &c);
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

    // Accuracy of the cascade: every labelled template once in a gallery padded with synthetic
    // fingers (other identities); each template as probe must find a mate captured at another
    // impression (FINGER_IMPRESSION names), first in the shortlist, then at rank 1.
    FingerGallery labelled;
    const size_t distractors = std::min<size_t>(gallery_size, 20000);
    std::vector<CompactFinger> pad(distractors);
    parallel_for(distractors, 0, [&](size_t k) {
      Rng rng(0xD15 + k);
      pad[k] = compact_finger(extract_features(synthetic_impression(synthetic_master_finger(rng), rng)));
    });
    for (size_t s = 0; s < sources.size(); ++s) labelled.add(static_cast<uint32_t>(s), 0, compact_finger(extract_features(sources[s])));
    for (size_t k = 0; k < distractors; ++k) labelled.add(static_cast<uint32_t>(sources.size() + k), 0, pad[k]);
    size_t rank1 = 0;
    for (size_t s = 0; s < sources.size(); ++s) {
      if (files[s].finger.empty()) continue;
      auto is_mate = [&](uint32_t person) {
        return person < sources.size() && person != s && files[person].folder == files[s].folder && files[person].finger == files[s].finger;
      };
      bool possible = false;
      for (size_t t = 0; t < sources.size(); ++t) possible |= is_mate(static_cast<uint32_t>(t));
      if (!possible) continue;
      ++mate_possible;
      const auto f = extract_features(sources[s]);
      bool found = false;
      for (const auto& h : labelled.first_stage(probe_codes(f), 0, shortlist + 1, threads)) found |= is_mate(labelled.person_of(h.entry));
      mate_in_shortlist += found;
      IdentifyOptions io;
      io.shortlist = shortlist + 1, io.threads = threads, io.top_k = 2;
      auto cands = labelled.identify({ProbeFinger{0, f}}, io);
      std::erase_if(cands, [&](const PersonCandidate& c) { return c.person == s; });  // the probe itself
      rank1 += !cands.empty() && is_mate(cands.front().person);
    }
    if (mate_possible) {
      std::printf("accuracy           %zu probes from DIR, gallery = DIR + %zu synthetic fingers:\n", mate_possible, distractors);
      std::printf("  a mate (another impression) in the first-stage shortlist: %.1f%%\n", 100.0 * mate_in_shortlist / mate_possible);
      std::printf("  a mate ranked first after the second stage:               %.1f%%\n", 100.0 * rank1 / mate_possible);
    }
  });
}

}  // namespace ktpel::cli

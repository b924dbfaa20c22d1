// ktpel afis match|scores|eval|bench|synth: the fingerprint matcher from the command line.
#include <cstdio>
#include <map>
#include <set>

#include "cli/context.h"
#include "core/biometrics/finger_matcher.h"
#include "core/biometrics/fvc_protocol.h"
#include "core/biometrics/compact_finger.h"
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
}

}  // namespace ktpel::cli

// ktpel dedup: demographic deduplication (NIK ganda / data doble) of a residents CSV or the
// registry into pairs.csv; ktpel dedup eval: pair-level accuracy against a truth file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "cli/context.h"
#include "core/dedup/dedup_engine.h"
#include "core/dedup/dedup_evaluation.h"
#include "core/text/csv.h"
#include "io/dedup_io.h"
#include "io/files.h"
#include "io/progress.h"
#include "service/demographic_matcher.h"
#include "store/store.h"

namespace ktpel::cli {
namespace {

std::unordered_map<std::string, std::string> read_truth(const std::string& path) {
  const std::string data = read_file(path);
  CsvReader reader(data);
  CsvRecord rec;
  if (!reader.next(rec)) throw CommandError(kUsage, path + ": empty file");
  int nik = -1, person = -1;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    if (rec.fields[i] == "nik") nik = static_cast<int>(i);
    if (rec.fields[i] == "person_id") person = static_cast<int>(i);
  }
  if (nik < 0 || person < 0) throw CommandError(kUsage, path + ": line 1: expected columns nik and person_id");
  std::unordered_map<std::string, std::string> out;
  while (reader.next(rec)) {
    if (!reader.error().empty()) throw CommandError(kUsage, path + ": line " + std::to_string(rec.line) + ": " + reader.error());
    if (static_cast<int>(rec.fields.size()) <= std::max(nik, person)) continue;
    out[rec.fields[nik]] = rec.fields[person];
  }
  return out;
}

std::vector<PredictedPair> read_pairs(const std::string& path) {
  const std::string data = read_file(path);
  CsvReader reader(data);
  CsvRecord rec;
  if (!reader.next(rec) || rec.fields.size() < 4 || rec.fields[0] != "nik_a" || rec.fields[1] != "nik_b" || rec.fields[3] != "decision")
    throw CommandError(kUsage, path + ": line 1: expected the header nik_a,nik_b,score,decision,...");
  std::vector<PredictedPair> out;
  while (reader.next(rec)) {
    if (!reader.error().empty()) throw CommandError(kUsage, path + ": line " + std::to_string(rec.line) + ": " + reader.error());
    if (rec.fields.size() < 4) throw CommandError(kUsage, path + ": line " + std::to_string(rec.line) + ": expected 4 or more fields");
    out.push_back({rec.fields[0], rec.fields[1], rec.fields[3] == "match"});
  }
  return out;
}

// What went wrong, pair by pair, for someone improving the engine: every true pair not matched
// (found by blocking or not, its levels and the engine's verdict) and every false match. The
// weights of missed pairs are without term frequencies (those live inside the run).
std::string dedup_errors_csv(const std::vector<PreparedRecord>& records, const DedupResult& r,
                             const std::unordered_map<std::string, std::string>& person_of,
                             const std::unordered_set<uint64_t>& true_candidates) {
  auto person = [&](uint32_t i) -> const std::string* {
    auto it = person_of.find(std::string(records[i].nik()));
    return it == person_of.end() ? nullptr : &it->second;
  };
  std::unordered_set<uint64_t> matched;
  std::string out = "kind,nik_a,nik_b,candidate,probability,decision,name_a,name_b,explanation\n";
  auto row = [&](std::string_view kind, uint32_t a, uint32_t b, bool candidate, const PairScore& s, const std::string& why) {
    out += std::string(kind) + "," + std::string(records[a].nik()) + "," + std::string(records[b].nik()) + "," +
           (candidate ? "yes" : "no") + "," + std::to_string(s.probability) + "," + std::string(to_string(s.decision)) +
           ",\"" + std::string(records[a].name_key()) + "\",\"" + std::string(records[b].name_key()) + "\",\"" + why + "\"\n";
  };
  for (const auto& p : r.pairs) {
    if (p.score.decision != PairDecision::Match) continue;
    matched.insert(static_cast<uint64_t>(std::min(p.a, p.b)) << 32 | std::max(p.a, p.b));
    const std::string *pa = person(p.a), *pb = person(p.b);
    if (!pa || !pb || *pa != *pb) row("false_match", p.a, p.b, true, p.score, p.explanation);
  }
  std::unordered_map<std::string, std::vector<uint32_t>> members;
  for (uint32_t i = 0; i < records.size(); ++i)
    if (const std::string* p = person(i)) members[*p].push_back(i);
  for (const auto& [id, m] : members)
    for (size_t x = 0; x < m.size(); ++x)
      for (size_t y = x + 1; y < m.size(); ++y) {
        const uint32_t a = std::min(m[x], m[y]), b = std::max(m[x], m[y]);
        const uint64_t key = static_cast<uint64_t>(a) << 32 | b;
        if (matched.count(key)) continue;
        const PairLevels levels = compare_records(records[a], records[b]);
        const PairScore s = r.scorer.score(records[a], records[b], levels, TermCounts{});
        row("missed", a, b, true_candidates.count(key) > 0, s, r.scorer.explain(levels, TermCounts{}, s));
      }
  return out;
}

void print_accuracy(const DedupAccuracy& a) {
  std::printf("accuracy: true pairs %llu; matched %llu (%llu true): precision %.4f recall %.4f F1 %.4f; with review: %llu reported, recall %.4f\n",
              static_cast<unsigned long long>(a.true_pairs), static_cast<unsigned long long>(a.matched),
              static_cast<unsigned long long>(a.matched_true), a.precision(), a.recall(), a.f1(),
              static_cast<unsigned long long>(a.reported), a.recall_with_review());
  std::printf("hard cases matched: twins %llu of %llu, parent-child of one name %llu of %llu, look-alikes (name + birth year) %llu of %llu\n",
              static_cast<unsigned long long>(a.twins_matched), static_cast<unsigned long long>(a.twin_pairs),
              static_cast<unsigned long long>(a.parent_child_matched), static_cast<unsigned long long>(a.parent_child_pairs),
              static_cast<unsigned long long>(a.lookalikes_matched), static_cast<unsigned long long>(a.lookalike_pairs));
}

std::vector<PreparedRecord> load_records(Context& ctx, const std::string& in, const std::string& db, unsigned threads) {
  if (!in.empty()) {
    ProgressBar bar("reading");
    std::vector<PreparedRecord> records;
    try {
      records = read_dedup_csv(in, &ctx.wilayah(), [&](uint64_t d, uint64_t t) { bar.update(d, t); }, threads);
    } catch (const std::invalid_argument& e) {
      throw CommandError(kUsage, e.what());
    }
    bar.finish();
    return records;
  }
  std::vector<DedupInput> inputs;
  auto store = open_console_store(db);
  store->for_each_resident("", [&](const Resident& r) {
    if (r.alive) inputs.push_back(dedup_input_of(r));
  });
  locate(inputs, ctx.wilayah());
  return prepare_all(inputs, threads);
}

}  // namespace

void add_dedup_command(CLI::App& app, Context& ctx, int& exit_code) {
  static std::string in, db, out, truth, errors;
  static DedupOptions opt;
  auto* dedup = app.add_subcommand("dedup", "demographic deduplication (NIK ganda): likely same-person pairs into pairs.csv");
  dedup->add_option("--in", in, "residents CSV (header with nik,name and any of kk,sex,birth_place,birth_date,mother_name,father_name,village_code)");
  dedup->add_option("--db", db, "dedup the registry in this SQLite file or postgresql:// URL instead");
  dedup->add_option("--out", out, "pairs CSV to write: nik_a,nik_b,score,decision,explanation");
  dedup->add_option("--threads", opt.threads, "worker threads (0 = every core)");
  dedup->add_option("--match-threshold", opt.thresholds.match, "probability from which a pair is a match")->default_val(0.97);
  dedup->add_option("--review-threshold", opt.thresholds.review, "probability from which a pair goes to review")->default_val(0.80);
  dedup->add_option("--max-block", opt.blocking.max_block, "blocks larger than this are compared by sorted neighbourhood")->default_val(32);
  dedup->add_option("--truth", truth, "truth CSV (nik,person_id, as ktpel generate writes): print precision and recall");
  dedup->add_option("--errors", errors, "with --truth: write every missed true pair and every false match, with its levels, to this CSV");
  dedup->require_subcommand(0, 1);

  auto* eval = dedup->add_subcommand("eval", "precision and recall of a pairs.csv against a truth CSV");
  static std::string eval_pairs, eval_truth, eval_residents;
  eval->add_option("--pairs", eval_pairs, "pairs CSV (nik_a,nik_b,score,decision,...)")->required();
  eval->add_option("--truth", eval_truth, "truth CSV: nik,person_id")->required();
  eval->add_option("--residents", eval_residents, "the residents CSV deduplicated (for twins, parent-child and look-alike counts)")->required();
  eval->callback([&ctx] {
    const auto pairs = read_pairs(eval_pairs);
    const auto truth = read_truth(eval_truth);
    print_accuracy(evaluate_dedup(pairs, truth, load_records(ctx, eval_residents, "", 0)));
  });

  auto* check = dedup->add_subcommand("check", "the incremental check of one registry record: its likely duplicates now");
  static std::string check_db, check_nik;
  check->add_option("--db", check_db, "SQLite file or postgresql:// URL")->default_val(default_db());
  check->add_option("nik", check_nik, "the record's NIK")->required();
  check->callback([&ctx] {
    using Clock = std::chrono::steady_clock;
    auto store = open_console_store(check_db);
    if (!store->resident_exists(check_nik)) throw CommandError(kProblems, "no resident with NIK " + check_nik + " in " + check_db + " (check the NIK, or import the resident first)");
    DemographicMatcher matcher(&ctx.wilayah());
    const auto t0 = Clock::now();
    const size_t indexed = matcher.catch_up(*store);
    const auto t1 = Clock::now();
    const auto found = matcher.search(*store, check_nik);
    const auto t2 = Clock::now();
    std::printf("index: %zu residents brought up to date in %.2f s; search: %.1f ms, %zu candidate(s)\n", indexed,
                std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t1).count() * 1e3,
                found.size());
    for (const auto& c : found)
      std::printf("%s %.6f %s %s\n", c.nik.c_str(), c.score.probability, std::string(to_string(c.score.decision)).c_str(),
                  c.explanation.c_str());
  });

  dedup->callback([&ctx, &exit_code, dedup, eval, check] {
    if (eval->parsed() || check->parsed()) return;
    if (in.empty() == db.empty()) throw CommandError(kUsage, "give exactly one of --in residents.csv or --db DB");
    if (out.empty()) throw CommandError(kUsage, "--out pairs.csv is required");
    if (!errors.empty() && truth.empty()) throw CommandError(kUsage, "--errors needs --truth");
    if (!(opt.thresholds.review > 0 && opt.thresholds.review <= opt.thresholds.match && opt.thresholds.match < 1))
      throw CommandError(kUsage, "thresholds must satisfy 0 < --review-threshold <= --match-threshold < 1");
    (void)dedup;
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    // Deliberately never freed: releasing millions of small strings at exit costs seconds.
    auto& records = *new std::vector<PreparedRecord>(load_records(ctx, in, db, opt.threads));
    const double read_s = std::chrono::duration<double>(Clock::now() - t0).count();
    // With a truth file: how many true pairs each blocking rule brought in first.
    std::unordered_map<std::string, std::string> person_of;
    std::vector<uint64_t> true_by_rule(default_blocking_rules().size());
    std::unordered_set<uint64_t> true_candidates;  // record-index pairs (a << 32 | b) blocking found
    if (!truth.empty()) {
      person_of = read_truth(truth);
      opt.inspect_candidates = [&](const std::vector<uint64_t>& pairs) {
        for (uint64_t p : pairs) {
          auto a = person_of.find(std::string(records[pair_first(p)].nik())),
               b = person_of.find(std::string(records[pair_second(p)].nik()));
          if (a != person_of.end() && b != person_of.end() && a->second == b->second) {
            ++true_by_rule[pair_rule(p)];
            const uint32_t x = pair_first(p), y = pair_second(p);
            true_candidates.insert(static_cast<uint64_t>(std::min(x, y)) << 32 | std::max(x, y));
          }
        }
      };
    }
    // One bar per stage, named, so a long run always says what it is doing.
    std::unique_ptr<ProgressBar> bar;
    std::string current;
    DedupResult r = deduplicate(records, opt, [&](std::string_view stage, uint64_t d, uint64_t t) {
      if (stage != current) {
        current = stage;
        if (bar) bar->finish();
        bar = std::make_unique<ProgressBar>("dedup: " + current);
      }
      bar->update(d, t);
    });
    if (bar) bar->finish();
    write_file_atomic(out, pairs_csv(records, r.pairs));
    if (!db.empty()) {  // the registry's own model, for the pipeline's incremental checks, if it is sound
      auto store = open_console_store(db);
      if (auto why = keep_dedup_model(*store, r, records.size()))
        std::fprintf(stderr, "%s | %s\n", why->message_en.c_str(), why->message_id.c_str());
    }
    const double total = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto& s = r.stats;
    std::fprintf(stderr, "read and normalise %.2f s", read_s);
    for (const auto& t : s.times) std::fprintf(stderr, ", %s %.2f s", t.stage.c_str(), t.seconds);
    std::fprintf(stderr, "\n");
    for (size_t i = 0; i < s.blocking.size(); ++i) {
      const auto& b = s.blocking[i];
      std::fprintf(stderr, "blocking %-32s %10llu pairs, %8llu blocks, largest %llu, %llu capped", b.name.c_str(),
                   static_cast<unsigned long long>(b.pairs), static_cast<unsigned long long>(b.blocks),
                   static_cast<unsigned long long>(b.largest_block), static_cast<unsigned long long>(b.capped_blocks));
      if (!truth.empty()) std::fprintf(stderr, ", %llu true pairs first found", static_cast<unsigned long long>(true_by_rule[i]));
      std::fprintf(stderr, "\n");
    }
    const auto& m = r.scorer.model();
    for (const auto& e : s.sessions)
      std::fprintf(stderr, "EM session %-16s %9llu pairs sampled of %llu, lambda %.5f, %d iterations\n", e.rule.c_str(),
                   static_cast<unsigned long long>(e.pairs), static_cast<unsigned long long>(e.population), e.lambda, e.iterations);
    std::fprintf(stderr, "prior (share of all record pairs that match) %.3g\n", m.lambda);
    for (int f = 0; f < kDedupFieldCount; ++f) {
      std::fprintf(stderr, "  %-12s", std::string(field_name(static_cast<DedupField>(f))).c_str());
      for (int l = 1; l < kDedupLevels[f]; ++l)
        std::fprintf(stderr, " %s m=%.3f u=%.2g;", std::string(level_name(static_cast<DedupField>(f), l)).c_str(), m.m[f][l], m.u[f][l]);
      std::fprintf(stderr, "\n");
    }
    std::printf("dedup: %llu records, %llu candidate pairs (%llu out of reach after birth date, sex and equal texts), %llu matches, %llu for review, %zu clusters (%llu family pairs set aside, %llu chain links refused) in %.2f s -> %s\n",
                static_cast<unsigned long long>(s.records), static_cast<unsigned long long>(s.candidate_pairs),
                static_cast<unsigned long long>(s.pruned),
                static_cast<unsigned long long>(s.matches), static_cast<unsigned long long>(s.reviews), r.clusters.size(),
                static_cast<unsigned long long>(s.family_rejected), static_cast<unsigned long long>(s.chain_refused), total,
                out.c_str());
    if (!truth.empty()) {
      std::vector<PredictedPair> predicted;
      for (const auto& p : r.pairs)
        predicted.push_back({std::string(records[p.a].nik()), std::string(records[p.b].nik()), p.score.decision == PairDecision::Match});
      print_accuracy(evaluate_dedup(predicted, person_of, records));
      if (!errors.empty()) write_file_atomic(errors, dedup_errors_csv(records, r, person_of, true_candidates));
    }
    exit_code = kOk;
  });
}

}  // namespace ktpel::cli

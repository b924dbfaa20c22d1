#!/usr/bin/env bash
# Builds the fuzz targets (fuzz/build.sh) and runs each for RUNS inputs (default 10,000,000,
# what `make fuzz` asks for), one after another: `fuzz/run.sh [target...]`, all when none named.
# Seeds come from fuzz/corpus/<target> (kept in the repo, never written to); the inputs
# libFuzzer finds go to $OUT/corpus/<target>, listed first so that it writes there. A crash
# stops the run with libFuzzer's report and leaves the input as $OUT/crash-<target>-*.
# FUZZ_BUILT=1 skips the build (ctest builds once, in its fuzz_build fixture); FUZZ_SECONDS caps
# each target's time as well (libFuzzer's -max_total_time), whichever limit comes first.
set -euo pipefail
cd "$(dirname "$0")/.."
. fuzz/targets.sh
RUNS=${RUNS:-10000000}
OUT=${OUT:-build-fuzz}
targets=${*:-$FUZZ_TARGETS}
limit=(); [[ -n ${FUZZ_SECONDS:-} ]] && limit=(-max_total_time="$FUZZ_SECONDS")
[[ ${FUZZ_BUILT:-} == 1 ]] || fuzz/build.sh $targets
for t in $targets; do
  scratch="$OUT/corpus/$t"
  mkdir -p "$scratch"
  seeds=()
  [[ -d fuzz/corpus/$t ]] && seeds+=(fuzz/corpus/"$t")
  # Test data already in the repo seeds three of the targets as well.
  [[ $t == iso19794 ]] && seeds+=(tests/data/fingerprints/fvc2002/DB1_B tests/data/fingerprints/invalid)
  [[ $t == csv_import ]] && seeds+=(tests/data/bad_csv)
  [[ $t == text_rules ]] && seeds+=(tests/data/text)
  echo "== $t: $RUNS runs" >&2
  start=$(date +%s)
  # -rss_limit_mb: the ASan build of the region catalog alone is a few hundred MB.
  # CPU seconds as well as wall time: on a shared machine the wall time says little.
  timer=(); [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f %U -o "$OUT/$t.cpu")
  "${timer[@]}" "$OUT/${t}_fuzz" -runs="$RUNS" -max_len="$(fuzz_max_len "$t")" -timeout=30 -rss_limit_mb=4096 "${limit[@]}" \
    -print_final_stats=1 -artifact_prefix="$OUT/crash-$t-" "$scratch" "${seeds[@]}" 2>"$OUT/$t.log" ||
    { tail -n 60 "$OUT/$t.log" >&2; exit 1; }
  secs=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log")
  cpu=$(cat "$OUT/$t.cpu" 2>/dev/null || echo "?")
  rate=$(awk -v n="$execs" -v c="$cpu" 'BEGIN { if (c + 0 > 0) printf "%d", n / c; else print "?" }')
  echo "$t: $execs executions in ${secs}s (${cpu}s CPU, $rate per CPU second), 0 crashes" | tee -a "$OUT/summary.txt" >&2
done

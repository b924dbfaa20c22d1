#!/usr/bin/env bash
# The fixed dedup accuracy suite (issue [12]): the same sets every run, from three generators —
# ktpel's own (`ktpel generate --duplicates`), a second corruption model on a clean ktpel set
# (alt_duplicates.mjs) and the independent household generator (household_set.mjs) — at several
# sizes and in several provinces. Each set is deduplicated with `ktpel dedup --threads 2 --truth`
# and one table is printed; the exit status is non-zero when any set misses a target:
#   precision >= 0.99, recall >= 0.96, twins / same-name parent and child / look-alikes
#   (same name and birth year) matched in fewer than 1 of 1,000 of their pairs.
#
#   bench/dedup/accuracy_suite.sh [--quick] [--ktpel PATH] [--only REGEX]
#     --quick   only the ~100,000-record sets (one per generator, provinces 33 and 12): under 2 min
#     --ktpel   the binary to measure (default: build/src/ktpel of this tree; or $KTPEL)
#     --only    run only the sets whose label matches REGEX
# Sets are cached under ${WORK:-/tmp/ktpel-accuracy}/sets, keyed by their parameters and by a
# checksum of what made them (the generator script, or the ktpel binary for its own generator).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
KTPEL=${KTPEL:-$ROOT/build/src/ktpel}
QUICK=0; ONLY=''
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --ktpel) KTPEL=$2; shift ;;
    --only) ONLY=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "accuracy_suite: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
WORK=${WORK:-/tmp/ktpel-accuracy}
SETS="$WORK/sets"; RUNS="$WORK/runs"
mkdir -p "$SETS" "$RUNS"
[ -x "$KTPEL" ] || { echo "accuracy_suite: no ktpel binary at $KTPEL" >&2; exit 2; }
HH="$ROOT/bench/dedup/household_set.mjs"; ALT="$ROOT/bench/dedup/alt_duplicates.mjs"
sum8() { cat "$@" | md5sum | cut -c1-8; }
# measure one binary throughout, even if the build is replaced while the suite runs
BIN="$RUNS/ktpel.$$"; cp "$KTPEL" "$BIN"; trap 'rm -f "$BIN"' EXIT
KSUM=$(sum8 "$BIN"); HSUM=$(sum8 "$HH"); ASUM=$(sum8 "$ALT" "$BIN")

# The suite: label generator province size seed. Sizes are records; for ktpel's generator the
# scale is the size over the province's 2024 population (data/wilayah/population.csv).
if [ "$QUICK" = 1 ]; then
  SUITE="gen-33-100k gen 33 100000 42
gen-12-100k gen 12 100000 42
alt-33-100k alt 33 100000 7
alt-12-100k alt 12 100000 7
hh-33-100k hh 33 100000 1
hh-12-100k hh 12 100000 1"
else
  SUITE="gen-33-200k gen 33 200000 42
gen-33-1m gen 33 1000000 42
gen-61-200k gen 61 200000 42
alt-33-200k alt 33 200000 7
alt-12-200k alt 12 200000 7
alt-33-1m alt 33 1000000 7
hh-33-200k hh 33 200000 1
hh-61-200k hh 61 200000 1
hh-12-200k hh 12 200000 1
hh-33-1m hh 33 1000000 1
hh-61-1m hh 61 1000000 1
hh-12-1m hh 12 1000000 1
hh-12-200k-s2 hh 12 200000 2"
fi

scale_for() { # province records -> scale of ktpel generate
  awk -F, -v p="$1" -v n="$2" 'index($1, p ".") == 1 { s += $2 } END { printf "%.6f", n / s }' "$ROOT/data/wilayah/population.csv"
}
make_set() { # kind province size seed -> prints the set's folder (made once, then cached)
  local kind=$1 prov=$2 size=$3 seed=$4 dir
  case "$kind" in
    gen) dir="$SETS/gen-p$prov-n$size-seed$seed-dup0.02-$KSUM"
         if [ ! -f "$dir/.done" ]; then
           rm -rf "${dir%-*}"-*  # older copies of this set (another build or generator)
           "$BIN" generate --province "$prov" --scale "$(scale_for "$prov" "$size")" --seed "$seed" --duplicates 0.02 --no-ektp --out "$dir" >/dev/null </dev/null
           rm -f "$dir/families.csv" "$dir/ektp.csv" "$dir/akta.csv"; touch "$dir/.done"
         fi ;;
    alt) local clean="$SETS/clean-p$prov-n$size-seed42-$KSUM"
         dir="$SETS/alt-p$prov-n$size-seed$seed-$ASUM"
         if [ ! -f "$dir/.done" ]; then
           if [ ! -f "$clean/.done" ]; then
             rm -rf "${clean%-*}"-*  # older builds' copies of this set
             "$BIN" generate --province "$prov" --scale "$(scale_for "$prov" "$size")" --seed 42 --duplicates 0 --no-ektp --out "$clean" >/dev/null </dev/null
             rm -f "$clean/families.csv" "$clean/ektp.csv" "$clean/akta.csv"; touch "$clean/.done"
           fi
           rm -rf "${dir%-*}"-*
           node "$ALT" --in "$clean" --out "$dir" --seed "$seed" >/dev/null </dev/null
           touch "$dir/.done"
         fi ;;
    hh)  dir="$SETS/hh-p$prov-n$size-seed$seed-dup0.025-$HSUM"
         if [ ! -f "$dir/.done" ]; then
           rm -rf "${dir%-*}"-*
           node "$HH" --province "$prov" --people "$size" --seed "$seed" --dup-rate 0.025 --out "$dir" >/dev/null </dev/null
           touch "$dir/.done"
         fi ;;
  esac
  echo "$dir"
}

# one row per set: label records truepairs precision recall recall_review twins twin_pairs
# parent_child pc_pairs lookalikes la_pairs wall peak_kb verdict
ROWS="$RUNS/rows.$$"; : > "$ROWS"
FAILED=0
while read -r label kind prov size seed; do
  [ -z "$label" ] && continue
  if [ -n "$ONLY" ] && ! [[ $label =~ $ONLY ]]; then continue; fi
  dir=$(make_set "$kind" "$prov" "$size" "$seed")
  out="$RUNS/$label"; mkdir -p "$out"
  records=$(($(wc -l < "$dir/residents.csv") - 1))
  set +e
  /usr/bin/time -f "%e %M" -o "$out/time" "$BIN" dedup --in "$dir/residents.csv" --out "$out/pairs.csv" \
    --threads 2 --truth "$dir/truth.csv" > "$out/log" 2>&1 </dev/null
  rc=$?
  set -e
  read -r wall kb < <(tail -1 "$out/time")
  row=$(awk -v label="$label" -v records="$records" -v wall="$wall" -v kb="$kb" -v rc="$rc" '
    /^accuracy:/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "pairs" && $(i-1) == "true") tp = $(i+1) + 0
        if ($i == "precision") p = $(i+1)
        if ($i == "recall" && r == "") r = $(i+1)
        else if ($i == "recall") rr = $(i+1)
      }
    }
    /^hard cases matched:/ {
      line = $0
      if (match(line, /twins [0-9]+ of [0-9]+/)) { split(substr(line, RSTART, RLENGTH), a, " "); tw = a[2]; twn = a[4] }
      if (match(line, /parent-child of one name [0-9]+ of [0-9]+/)) { split(substr(line, RSTART, RLENGTH), a, " "); pc = a[5]; pcn = a[7] }
      if (match(line, /look-alikes \(name \+ birth year\) [0-9]+ of [0-9]+/)) { n = split(substr(line, RSTART, RLENGTH), a, " "); la = a[n-2]; lan = a[n] }
    }
    END {
      gsub(/;/, "", r); gsub(/;/, "", rr); gsub(/;/, "", p)
      ok = (rc == 0 && p != "" && r != "" && tw != "")
      why = ""
      if (!ok) why = "no result (exit " rc ")"
      else {
        if (p + 0 < 0.99) why = why " precision"
        if (r + 0 < 0.96) why = why " recall"
        if (tw * 1000 >= twn && tw > 0) why = why " twins"
        if (pc * 1000 >= pcn && pc > 0) why = why " parent-child"
        if (la * 1000 >= lan && la > 0) why = why " look-alikes"
      }
      verdict = why == "" ? "ok" : "MISS:" why
      gsub(/ /, "_", verdict); sub(/:_/, ":", verdict)
      printf "%s %d %d %s %s %s %s %s %s %s %s %s %s %d %s\n", label, records, tp, p, r, rr, tw, twn, pc, pcn, la, lan, wall, kb, verdict
    }' "$out/log")
  echo "$row" >> "$ROWS"
  case "$row" in *" ok") ;; *) FAILED=1 ;; esac
  echo "  $label: $(echo "$row" | awk '{ printf "%d records, precision %s recall %s, %s s, %s", $2, $4, $5, $13, $15 }')" >&2
done <<< "$SUITE"

printf '\n%s (md5 %s...), %s, %s cores\n' "$KTPEL" "$KSUM" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)"
awk 'BEGIN {
       fmt = "| %-14s | %9s | %10s | %9s | %7s | %11s | %13s | %13s | %15s | %6s | %8s | %s |\n"
       printf fmt, "set", "records", "true pairs", "precision", "recall", "with review", "twins", "fathers-sons", "look-alikes", "wall s", "peak RSS", "verdict"
       printf fmt, "---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "---"
     }
     { printf fmt, $1, $2, $3, $4, $5, $6, $7 " / " $8, $9 " / " $10, $11 " / " $12, sprintf("%.1f", $13),
         sprintf("%.2f GB", $14 / 1048576), $15 }' "$ROWS"
cp "$ROWS" "$RUNS/last_table.txt"; rm -f "$ROWS"
if [ "$FAILED" != 0 ]; then
  echo "accuracy_suite: targets missed (precision >= 0.99, recall >= 0.96, hard cases < 1/1000)" >&2
  exit 1
fi
echo "accuracy_suite: every set meets the targets"

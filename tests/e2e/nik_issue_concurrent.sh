#!/usr/bin/env bash
# Acceptance 3: two processes issuing NIKs for the same kecamatan/birth date/sex at once never
# collide, on both backends.
source "$(dirname "$0")/lib.sh" "$@"
N=250
for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" nik issue --db "$db" --kecamatan 65.71.01 --birth-date 1990-01-05 --sex P >/dev/null  # schema ready
  for p in 1 2 3; do
    "$KTPEL" nik issue --db "$db" --kecamatan 65.71.01 --birth-date 1990-01-05 --sex P --count $N >"$WORK/p$p" 2>"$WORK/e$p" &
  done
  wait
  total=$(cat "$WORK"/p1 "$WORK"/p2 "$WORK"/p3 | wc -l)
  unique=$(cat "$WORK"/p1 "$WORK"/p2 "$WORK"/p3 | sort -u | wc -l)
  [ "$total" = $((3 * N)) ] || fail "$backend: $total NIKs issued, expected $((3 * N)): $(cat "$WORK"/e*)"
  [ "$unique" = "$total" ] || fail "$backend: $((total - unique)) duplicate NIKs under concurrency"
  # Interleaved, not one process after the other, and all of the form 657101 450190 SSSS.
  cat "$WORK"/p1 "$WORK"/p2 "$WORK"/p3 | grep -qv '^657101450190[0-9]\{4\}$' && fail "$backend: malformed NIK issued"
  last=$(cat "$WORK"/p1 "$WORK"/p2 "$WORK"/p3 | sort | tail -1)
  [ "$last" = "657101450190$(printf %04d $((3 * N + 1)))" ] || fail "$backend: serials have gaps (last $last)"
  "$KTPEL" nik check $(head -3 "$WORK/p1") >/dev/null || fail "$backend: issued NIKs do not pass nik check"
  pass "$backend: $total NIKs from 3 concurrent processes, all unique, no gaps"
done

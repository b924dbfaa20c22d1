#!/usr/bin/env bash
# ktpel afis match|scores|eval|calibrate|synth|bench on the FVC2002 templates and synthetic ones,
# and serve's AFIS threshold options.
source "$(dirname "$0")/lib.sh" "$@"
FVC="$DATA/fingerprints/fvc2002"

# match: one number in 0..1, the same both ways; a mate scores above a stranger.
mate=$("$KTPEL" afis match "$FVC/DB1_B/101_1.iso" "$FVC/DB1_B/101_2.iso")
back=$("$KTPEL" afis match "$FVC/DB1_B/101_2.iso" "$FVC/DB1_B/101_1.iso")
stranger=$("$KTPEL" afis match "$FVC/DB1_B/101_1.iso" "$FVC/DB1_B/102_1.iso")
[ "$mate" = "$back" ] || fail "match not symmetric: $mate vs $back"
python3 -c "import sys; a,b=float('$mate'),float('$stranger'); sys.exit(0 if 0<=b<a<=1 else 1)" || fail "mate $mate vs stranger $stranger"
pass "match: mate $mate, stranger $stranger"

# A truncated template is refused with the file's name and exit code 1.
set +e
out=$("$KTPEL" afis match "$FVC/DB1_B/101_1.iso" "$DATA/fingerprints/invalid/$(ls "$DATA/fingerprints/invalid" | head -1)" 2>&1); rc=$?
set -e
[ $rc = 1 ] || fail "truncated template: exit $rc ($out)"
echo "$out" | grep -q "invalid/" || fail "the error does not name the file: $out"
pass "truncated template refused: $out"

# scores: header a,b,score; every unordered pair within each folder once (4 x C(80,2) = 12,640).
"$KTPEL" afis scores --dir "$FVC" --out "$WORK/scores.csv" 2>/dev/null
[ "$(head -1 "$WORK/scores.csv")" = "a,b,score" ] || fail "scores header: $(head -1 "$WORK/scores.csv")"
[ "$(($(wc -l < "$WORK/scores.csv") - 1))" = 12640 ] || fail "scores rows: $(wc -l < "$WORK/scores.csv")"
grep -q "^DB3_B/101_1.iso,DB3_B/101_2.iso,0\.[0-9]*$" "$WORK/scores.csv" || fail "scores: relative paths"
! grep -q "DB1_B/[^,]*,DB2_B" "$WORK/scores.csv" || fail "scores compared across folders"
pass "scores: 12,640 pairs"

# eval: a row per folder and pooled; EER on these files as measured (see docs/benchmarks.md).
"$KTPEL" afis eval --dir "$FVC" > "$WORK/eval.txt" 2>/dev/null
for db in DB1_B DB2_B DB3_B DB4_B pooled; do grep -q "^$db " "$WORK/eval.txt" || fail "eval row $db"; done
avg=$(sed -n 's/^average EER over folders (FVC protocol): \([0-9.]*\)%$/\1/p' "$WORK/eval.txt")
python3 -c "import sys; sys.exit(0 if float('$avg') <= 3.0 else 1)" || fail "average EER $avg%"
pass "eval: average EER $avg%"

# calibrate reproduces the shipped calibration (the matcher has not drifted from it).
"$KTPEL" afis calibrate --dir "$FVC" --out "$WORK/cal.json" 2>/dev/null
python3 - "$WORK/cal.json" "$DATA/../../data/afis/calibration.json" <<'PY' || fail "calibration differs from data/afis/calibration.json: regenerate it"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a["impostor_comparisons"] == b["impostor_comparisons"] == 11520
assert [r["fmr"] for r in a["thresholds"]] == [r["fmr"] for r in b["thresholds"]]
for x, y in zip(a["thresholds"], b["thresholds"]): assert abs(x["threshold"] - y["threshold"]) < 1e-9
PY
pass "calibrate: matches the shipped table"

# synth: F x I files named F_I.iso that eval reads; deterministic by seed.
"$KTPEL" afis synth --fingers 12 --impressions 3 --seed 9 --out "$WORK/syn" > /dev/null
[ "$(ls "$WORK/syn" | wc -l)" = 36 ] || fail "synth file count"
"$KTPEL" afis synth --fingers 12 --impressions 3 --seed 9 --out "$WORK/syn2" > /dev/null
cmp -s "$WORK/syn/7_2.iso" "$WORK/syn2/7_2.iso" || fail "synth not deterministic"
"$KTPEL" afis eval --dir "$WORK/syn" > "$WORK/syn-eval.txt" 2>/dev/null
grep -q "^\. " "$WORK/syn-eval.txt" || fail "eval of synthetic set: $(cat "$WORK/syn-eval.txt")"
pass "synth: 36 templates, deterministic"

# eval refuses names without ground truth (exit 2, names the file).
cp "$FVC/DB1_B/101_1.iso" "$WORK/syn/nolabel.iso"
set +e; out=$("$KTPEL" afis eval --dir "$WORK/syn" 2>&1); rc=$?; set -e
[ $rc = 2 ] && echo "$out" | grep -q "nolabel.iso" || fail "eval with an unlabelled file: exit $rc ($out)"
pass "eval: unlabelled file refused"

# bench: comparisons per second and bytes per template.
"$KTPEL" afis bench --dir "$FVC" --gallery 2000 --probes 5 --threads 1 --distractors 0 > "$WORK/bench.txt" 2>/dev/null
grep -q "^bytes per template 255 " "$WORK/bench.txt" || fail "bench bytes: $(cat "$WORK/bench.txt")"
grep -q "^first stage        10000 comparisons" "$WORK/bench.txt" || fail "bench comparisons: $(cat "$WORK/bench.txt")"
pass "bench: $(grep '^first stage' "$WORK/bench.txt")"

# serve: the threshold follows the calibration: by FPIR over the (here empty, so one-person)
# gallery, and a target FMR the calibration cannot resolve is clamped, and says so.
serve_threshold() {
  local port; port=$(free_port)
  "$KTPEL" serve --db "$WORK/serve.db" --port "$port" "$@" > "$WORK/serve.log" 2>&1 &
  local pid=$!
  wait_port "$port"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
serve_threshold --afis-fpir 0.001
grep -q "^AFIS threshold 0.1022 for FMR 0.001 per comparison$" "$WORK/serve.log" || fail "serve --afis-fpir: $(cat "$WORK/serve.log")"
grep -q "AFIS gallery: 0 fingers of 0 people, threshold 0.1022" "$WORK/serve.log" || fail "serve gallery line"
serve_threshold --afis-fmr 1e-6
grep -q "AFIS threshold 0.1226 .*calibrate on more impostors" "$WORK/serve.log" || fail "serve --afis-fmr 1e-6: $(cat "$WORK/serve.log")"
serve_threshold
grep -q "threshold 0.1250" "$WORK/serve.log" || fail "serve default threshold: $(cat "$WORK/serve.log")"
pass "serve: AFIS threshold from the calibration"

#!/usr/bin/env bash
# ktpel afis fpir at a small size: FPIR thresholds from impostor comparisons, FNIR from mated
# searches through the gallery's identify path. The table must be self-consistent: a lower FPIR
# needs a higher threshold and loses at least as many mates; ten fingers lose no more than one.
source "$(dirname "$0")/lib.sh" "$@"
FVC="$DATA/fingerprints/fvc2002"

"$KTPEL" afis fpir --persons 200 --gallery-people 2000 --impostors 20000 --mated 20 --probe-fingers 1,2,10 \
  --threads 2 --seed 3 --real-dir "$FVC" --json > "$WORK/fpir.json" 2> "$WORK/fpir.err" || fail "afis fpir: $(cat "$WORK/fpir.err")"
python3 - "$WORK/fpir.json" <<'PY' || fail "afis fpir table inconsistent: $(cat "$WORK/fpir.json")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["gallery_people"] == 204 and j["real_people"] == 4, j["gallery_people"]
assert j["gallery_fingers"] == 2040, j["gallery_fingers"]
assert j["target_gallery_people"] == 2000 and j["target_shortlist_kept"] == 4
assert j["impostor_comparisons"] >= 20000 and 0 < j["impostor_real_pairs"] < j["impostor_comparisons"]
assert j["mated_searches"]["synthetic"] == 20 and j["mated_searches"]["real"] == 28, j["mated_searches"]
rows = {(r["probe_fingers"], r["fpir"]): r for r in j["rows"]}
assert sorted(rows) == [(1, 1e-4), (1, 1e-3), (2, 1e-4), (2, 1e-3), (10, 1e-4), (10, 1e-3)], sorted(rows)
for k in (1, 2, 10):
    hi, lo = rows[(k, 1e-3)], rows[(k, 1e-4)]
    assert abs(hi["person_fmr"] - 1e-3 / 2000) < 1e-9 and lo["person_fmr"] < hi["person_fmr"]
    assert lo["threshold"] > hi["threshold"], (k, hi["threshold"], lo["threshold"])
    for key in ("fnir", "fnir_real", "fnir_built_gallery"):
        assert 0 <= hi[key] <= lo[key] <= 1, (k, key, hi[key], lo[key])
for q in (1e-3, 1e-4):
    assert rows[(10, q)]["fnir"] <= rows[(1, q)]["fnir"], q
    assert rows[(10, q)]["fnir_real"] <= rows[(1, q)]["fnir_real"], q
    # ten fingers fuse the better half: their threshold sits below one finger's
    assert rows[(10, q)]["threshold"] < rows[(1, q)]["threshold"], q
print("ok")
PY
pass "afis fpir: thresholds rise and FNIR does not fall as FPIR falls; 10 fingers <= 1 finger"

# The same seed gives the same numbers.
"$KTPEL" afis fpir --persons 200 --gallery-people 2000 --impostors 20000 --mated 20 --probe-fingers 1,2,10 \
  --threads 1 --seed 3 --real-dir "$FVC" --json 2>/dev/null | python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(sys.stdin)
assert a["rows"] == b["rows"], "rows differ between runs with one seed"' "$WORK/fpir.json" || fail "afis fpir not reproducible"
pass "afis fpir: same seed, same table (1 or 2 threads)"

set +e; out=$("$KTPEL" afis fpir --persons 300 --probe-fingers 1,11 2>&1); rc=$?; set -e
[ "$rc" = 2 ] && grep -q -- "--probe-fingers: '11'" <<<"$out" || fail "bad --probe-fingers: rc $rc: $out"
pass "afis fpir: a probe size outside 1..10 is refused naming the option"

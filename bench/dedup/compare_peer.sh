#!/usr/bin/env bash
# Side by side, in one run: ktpel dedup and the Splink-method peer on DuckDB on the same
# residents.csv, wall time and peak memory from /usr/bin/time, accuracy from ktpel dedup eval.
#   bench/dedup/compare_peer.sh [SCALE] [PEER_DIR]     (SCALE of East Java's population; 0.025 = 1M)
#   SET=DIR bench/dedup/compare_peer.sh                 (an existing set: DIR/residents.csv and DIR/truth.csv,
#                                                        e.g. one of bench/dedup/accuracy_suite.sh's cached sets)
#   ROUNDS=N (default 2): each program N times, alternating; the ratio is of the best wall times
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
KTPEL=${KTPEL:-$ROOT/build/src/ktpel}
SCALE=${1:-0.025}
PEER_SRC=${2:-$ROOT/../shared/peers/splink-duckdb}
WORK=${WORK:-/tmp/ktpel-dedup-bench}
mkdir -p "$WORK"
if [ ! -d "$WORK/peer/node_modules/@duckdb" ]; then  # the peer's folder is read-only: install a copy
  rm -rf "$WORK/peer" && cp -r "$PEER_SRC" "$WORK/peer" && chmod -R u+w "$WORK/peer"
  (cd "$WORK/peer" && npm install --no-audit --no-fund >/dev/null)
fi
if [ -n "${SET:-}" ]; then
  [ -f "$SET/residents.csv" ] && [ -f "$SET/truth.csv" ] || { echo "compare_peer: $SET lacks residents.csv or truth.csv" >&2; exit 2; }
  DATA="$(cd "$SET" && pwd)"
  ABOUT="set $DATA"
else
  "$KTPEL" generate --province 35 --scale "$SCALE" --duplicates 0.02 --no-ektp --out "$WORK/set" | tail -1
  DATA="$WORK/set"
  ABOUT="East Java at scale $SCALE, 2 % of adults re-recorded"
fi
records=$(($(wc -l < "$DATA/residents.csv") - 1))
measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/$label.time" "$@" > "$WORK/$label.log" 2>&1
  read -r wall kb < "$WORK/$label.time"
  echo "$label $wall $kb"
}
# Each program ROUNDS times (default 2), alternating: the first program to run after an idle spell
# pays for memory the machine has to hand out afresh (on this VM about 1.4 s per GB on first
# touch), so one run of each can favour whichever went second. Every round is printed; the ratio
# is of each program's best wall time.
ROUNDS=${ROUNDS:-2}
best_k='' best_p=''
for round in $(seq 1 "$ROUNDS"); do
  k=$(measure ktpel "$KTPEL" dedup --in "$DATA/residents.csv" --out "$WORK/ktpel_pairs.csv" --threads 2)
  p=$(measure peer node "$WORK/peer/dedup.mjs" --in "$DATA/residents.csv" --out "$WORK/peer_pairs.csv" --threads 2)
  for row in "$k" "$p"; do
    read -r label wall kb <<< "$row"
    awk -v r="$round" -v l="$label" -v w="$wall" -v k="$kb" 'BEGIN { printf "round %d: %-6s wall %7.1f s  peak RSS %6.2f GB\n", r, l, w, k / 1048576 }'
  done
  read -r _ kw _ <<< "$k"; read -r _ pw _ <<< "$p"
  best_k=$(awk -v a="$best_k" -v b="$kw" 'BEGIN { print (a == "" || b < a) ? b : a }')
  best_p=$(awk -v a="$best_p" -v b="$pw" 'BEGIN { print (a == "" || b < a) ? b : a }')
done
acc() { "$KTPEL" dedup eval --pairs "$1" --truth "$DATA/truth.csv" --residents "$DATA/residents.csv"; }
echo "records: $records ($ABOUT), $(nproc) cores, $ROUNDS round(s)"
awk -v p="$best_p" -v k="$best_k" 'BEGIN { printf "best wall: ktpel %.1f s, peer %.1f s: ktpel is %.1fx faster\n", k, p, p / k }'
echo "ktpel: $(acc "$WORK/ktpel_pairs.csv" | tr '\n' ' ')"
echo "peer (decision = match, p >= 0.5): $(acc "$WORK/peer_pairs.csv" | tr '\n' ' ')"

#!/usr/bin/env bash
# Issue [9], proof item 3: load with wrk against a served province (SQLite), each for DURATION
# seconds:
#   1. the public e-KTP status lookup (GET /api/v1/public/ektp-status) at its default limit of 60
#      a minute per address: what a flood from one address gets (429s), and how fast;
#   2. the same lookup with the limit lifted (KTPEL_PUBLIC_RATE): the lookup itself (each answer
#      also writes its audit entry, a durable commit);
#   3. a resident search by name prefix and region as a supervisor of 65.71 (Bearer token; each
#      answer is a person read with its audit entry);
#   4. packet upload as a station does it: PUT /api/v1/uploads/{id} with the sealed envelope, then
#      POST /uploads/{id}/commit (one transaction and one signed acknowledgement per packet),
#      packets made beforehand by `ktpel station simulate` and read out of the station's outbox.
# wrk prints requests/s and latency percentiles (--latency); the Lua scripts in bench/wrk/ add
# the status histogram (non-2xx counts) and, for uploads, packets committed per second.
# Then, when SOAK_SECONDS > 0, a soak: all three workloads at once (uploads start again from the
# first packet once all are in: replays) for SOAK_SECONDS, the server's RSS sampled every
# SAMPLE_SECONDS; it fails when the RSS at the end, or its peak after the warm-up, is more than
# SOAK_GROWTH_PCT % (default 20) above the RSS at the end of the warm-up (120 s, or a quarter of
# a shorter soak), with 16 MiB of slack for small heaps.
# Usage: bench/load_wrk.sh KTPEL   env: DURATION=20 SCALE=0.1 PACKETS=4000 CONNECTIONS=8 THREADS=2
#        SOAK_SECONDS=0 SAMPLE_SECONDS=30 SOAK_GROWTH_PCT=20 (make bench: SOAK_SECONDS=1800)
set -euo pipefail
KTPEL=$(realpath "${1:?path to the ktpel binary}")
DURATION=${DURATION:-20}
SCALE=${SCALE:-0.1}
PACKETS=${PACKETS:-4000}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
SOAK_SECONDS=${SOAK_SECONDS:-0}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-30}
SOAK_GROWTH_PCT=${SOAK_GROWTH_PCT:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk; make deps installs it)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/ktpel-wrk.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
unset KTPEL_USER KTPEL_TOKEN
export KTPEL_PWHASH=interactive KTPEL_STATION_PASSPHRASE=bench-station-passphrase KTPEL_OPERATOR_PASSWORD=bench-operator-1
python3 -c 'import secrets; print(secrets.token_hex(32))' >"$WORK/master.key"
export KTPEL_MASTER_KEY_FILE="$WORK/master.key" WRK_DIR="$HERE/wrk" WRK_THREADS=$THREADS

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# Waits until the server answers /healthz and has finished its start-up work (CPU quiet).
wait_ready() {
  local port=$1 pid=$2 last cur quiet=0
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  last=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  for _ in $(seq 120); do
    sleep 1
    cur=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    if [ $((cur - last)) -le 3 ]; then quiet=$((quiet + 1)); [ $quiet -ge 2 ] && return 0; else quiet=0; fi
    last=$cur
  done
}
serve() {  # $1 port, then env assignments for the server; echoes nothing, sets SERVE_PID
  local port=$1; shift
  env "$@" "$KTPEL" serve --db "$WORK/load.db" --port "$port" >>"$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  wait_ready "$port" "$SERVE_PID"
}
stop() { kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; }
# wrk with its summary and our histogram; the figures are pulled out of the output afterwards.
run_wrk() {  # $1 label, $2 script, $3 port, $4 duration, $5 threads, $6 connections
  echo "== $1: wrk -t$5 -c$6 -d${4}s --latency -s bench/wrk/$2"
  wrk -t"$5" -c"$6" -d"${4}s" --timeout 10s --latency -s "$HERE/wrk/$2" "http://127.0.0.1:$3" | tee "$WORK/wrk-$1.txt"
}
summary_line() {  # $1 label: requests/s, p50, p99, non-2xx from wrk's output
  local f="$WORK/wrk-$1.txt"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$f")" \
    "$(awk '$1 == "50%" {print $2}' "$f")" "$(awk '$1 == "99%" {print $2}' "$f")" \
    "$(awk '/Non-2xx or 3xx/ {print $5}' "$f" | grep . || echo 0)" "$(sed -n 's/^statuses //p' "$f") $(sed -n 's/^packets committed/committed/p' "$f")"
}

# The per-account and per-address limits of [9] are for people, not for a load generator: lifted
# here (the search run would otherwise measure the 429s of one account's person-read budget).
export KTPEL_PERSON_READS_PER_MINUTE=${KTPEL_PERSON_READS_PER_MINUTE:-1000000000} KTPEL_USER_IN_FLIGHT=${KTPEL_USER_IN_FLIGHT:-10000} \
  KTPEL_HTTP_CONNECTIONS_PER_ADDRESS=${KTPEL_HTTP_CONNECTIONS_PER_ADDRESS:-100000} KTPEL_STATION_OPEN_UPLOADS=${KTPEL_STATION_OPEN_UPLOADS:-100000}
echo "== set-up: province 65 at scale $SCALE, SQLite, $PACKETS packets for the upload run ($(date -u +%FT%TZ), $(nproc) cores)"
"$KTPEL" generate --province 65 --scale "$SCALE" --seed 42 --out "$WORK/gen" >/dev/null
"$KTPEL" import --db "$WORK/load.db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" \
  --akta "$WORK/gen/akta.csv" >/dev/null
KTPEL_NEW_PASSWORD=bench-admin-pass "$KTPEL" user add --db "$WORK/load.db" --username admin --role centre --wilayah pusat >/dev/null
KTPEL_NEW_PASSWORD=bench-kepala-pass "$KTPEL" user add --db "$WORK/load.db" --as admin --username kepala --role supervisor \
  --wilayah 65.71 >/dev/null
"$KTPEL" coverage --db "$WORK/load.db" --as admin rebuild >/dev/null
# Lookup pairs: residents with an e-KTP record (the answer is a status, not a 404).
python3 - "$WORK/gen" >"$WORK/pairs.txt" <<'EOF'
import csv, sys
with_ektp = {r["nik"] for r in csv.DictReader(open(sys.argv[1] + "/ektp.csv"))}
n = 0
for r in csv.DictReader(open(sys.argv[1] + "/residents.csv")):
    if r["nik"] in with_ektp:
        print(r["nik"], r["birth_date"]); n += 1
        if n >= 20000: break
EOF
# Search queries: two-letter name prefixes of residents of Tarakan (65.71), with their kecamatan or regency.
python3 - "$WORK/gen/residents.csv" >"$WORK/queries.txt" <<'EOF'
import csv, sys
seen = set()
for r in csv.DictReader(open(sys.argv[1])):
    if r["village_code"].startswith("65.71.") and r["name"][:2].isalpha():
        for region in (r["village_code"][:8], "65.71"):
            seen.add((r["name"][:2], region))
for prefix, region in sorted(seen)[:2000]:
    print(prefix, region)
EOF
export WRK_PAIRS="$WORK/pairs.txt" WRK_QUERIES="$WORK/queries.txt"
echo "   $(wc -l <"$WORK/pairs.txt") lookup pairs, $(wc -l <"$WORK/queries.txt") search queries"

port=$(free_port)
serve "$port"
run_wrk status-limited status.lua "$port" "$DURATION" "$THREADS" "$CONNECTIONS"
stop

serve "$port" KTPEL_PUBLIC_RATE=1000000000
base="http://127.0.0.1:$port"
export WRK_TOKEN=$(curl -s -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"kepala","password":"bench-kepala-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
run_wrk status status.lua "$port" "$DURATION" "$THREADS" "$CONNECTIONS"
run_wrk search search.lua "$port" "$DURATION" "$THREADS" "$CONNECTIONS"

# Packets: one station of Tarakan Barat records PACKETS enrolments offline; their envelopes are
# read out of its outbox into files (what it would send), with their SHA-256.
code=$("$KTPEL" centre --db "$WORK/load.db" --as admin station-code --kecamatan 65.71.01)
fp=$("$KTPEL" centre --db "$WORK/load.db" --as admin fingerprint)
"$KTPEL" station --dir "$WORK/station" init --centre "$base" --code "$code" --centre-fingerprint "$fp" >/dev/null
"$KTPEL" station --dir "$WORK/station" operator --user op1 >/dev/null
"$KTPEL" station --dir "$WORK/station" simulate --operator op1 --residents "$WORK/gen/residents.csv" --count "$PACKETS" --seed 1 >/dev/null
mkdir -p "$WORK/packets"
sqlite3 "$WORK/station/station.db" "SELECT packet_id || ' ' || sha256 || ' $WORK/packets/' || packet_id, writefile('$WORK/packets/' || packet_id, envelope)
  FROM outbox WHERE status = 'pending' ORDER BY sequence" | cut -d'|' -f1 >"$WORK/packets.txt"
export WRK_PACKETS="$WORK/packets.txt"
# Uploads carry the station's token (issue [9]): "Authorization: Station <id>:<token>".
export WRK_STATION_AUTH="Station $(sqlite3 "$WORK/station/station.db" "SELECT (SELECT value FROM config WHERE key = 'station_id') || ':' || (SELECT value FROM config WHERE key = 'upload_token')")"
echo "   $(wc -l <"$WORK/packets.txt") packets, $(du -sh "$WORK/packets" | cut -f1) of envelopes"
wait_ready "$port" "$SERVE_PID"
run_wrk upload upload.lua "$port" "$DURATION" "$THREADS" "$THREADS"
grep -q "passes past the end 0" "$WORK/wrk-upload.txt" ||
  echo "   NOTE: the threads ran out of packets and replayed some (raise PACKETS for a pure upload figure)"

echo
echo "== summary: ${DURATION} s each, $THREADS threads, $CONNECTIONS connections (uploads: $THREADS), SQLite, scale $SCALE"
echo "| run | requests/s | p50 | p99 | non-2xx | statuses |"
echo "|---|---|---|---|---|---|"
for l in status-limited status search upload; do summary_line "$l"; done

if [ "$SOAK_SECONDS" -gt 0 ]; then
  warm=$((SOAK_SECONDS / 4 < 120 ? SOAK_SECONDS / 4 : 120))
  echo
  echo "== soak: status + search + upload at once for $SOAK_SECONDS s; RSS every $SAMPLE_SECONDS s; warm-up $warm s; bound +$SOAK_GROWTH_PCT %"
  rss_start=$(rss_kib "$SERVE_PID")
  wrk -t1 -c4 -d"${SOAK_SECONDS}s" --timeout 10s --latency -s "$HERE/wrk/status.lua" "$base" >"$WORK/wrk-soak-status.txt" 2>&1 &
  w1=$!
  wrk -t1 -c4 -d"${SOAK_SECONDS}s" --timeout 10s --latency -s "$HERE/wrk/search.lua" "$base" >"$WORK/wrk-soak-search.txt" 2>&1 &
  w2=$!
  WRK_THREADS=1 wrk -t1 -c1 -d"${SOAK_SECONDS}s" --timeout 10s --latency -s "$HERE/wrk/upload.lua" "$base" >"$WORK/wrk-soak-upload.txt" 2>&1 &
  w3=$!
  t0=$(date +%s)
  baseline="" peak=0 samples=""
  while kill -0 $w1 2>/dev/null || kill -0 $w2 2>/dev/null || kill -0 $w3 2>/dev/null; do
    sleep "$SAMPLE_SECONDS"
    kill -0 "$SERVE_PID" 2>/dev/null || { echo "FAIL: the server died during the soak: $(tail -5 "$WORK/serve.log")"; exit 1; }
    t=$(( $(date +%s) - t0 )) rss=$(rss_kib "$SERVE_PID")
    samples+="$t:$((rss / 1024)) "
    echo "   t=${t}s RSS $((rss / 1024)) MiB"
    if [ -z "$baseline" ] && [ "$t" -ge "$warm" ]; then baseline=$rss; fi
    if [ -n "$baseline" ] && [ "$rss" -gt "$peak" ]; then peak=$rss; fi
  done
  wait $w1 $w2 $w3 || true
  rss_end=$(rss_kib "$SERVE_PID")
  [ -n "$baseline" ] || baseline=$rss_start
  [ "$peak" -ge "$rss_end" ] || peak=$rss_end
  limit=$(( baseline * (100 + SOAK_GROWTH_PCT) / 100 + 16384 ))
  for f in status search upload; do
    echo "   $f: $(awk '/Requests\/sec/ {print $2 " req/s"}' "$WORK/wrk-soak-$f.txt"), p99 $(awk '$1 == "99%" {print $2}' "$WORK/wrk-soak-$f.txt"), $(grep -h '^statuses' "$WORK/wrk-soak-$f.txt") $(grep -h '^packets committed' "$WORK/wrk-soak-$f.txt" || true)"
  done
  echo "   RSS MiB: start $((rss_start / 1024)), after warm-up $((baseline / 1024)), peak after $((peak / 1024)), end $((rss_end / 1024)); bound $((limit / 1024))"
  echo "   samples (s:MiB): $samples"
  curl -sf "$base/healthz" >/dev/null || { echo "FAIL: /healthz does not answer after the soak"; exit 1; }
  if [ "$rss_end" -gt "$limit" ] || [ "$peak" -gt "$limit" ]; then
    echo "FAIL: the server's memory grew past +$SOAK_GROWTH_PCT % (+16 MiB) of its size after the warm-up"
    exit 1
  fi
  echo "soak ok: memory flat within +$SOAK_GROWTH_PCT % after the warm-up"
fi
stop

#!/usr/bin/env bash
# The dashboard's queries while the registry is being written (issue [7] acceptance 4): a ~1M
# resident Jawa Barat in SQLite, `ktpel serve`, and at the same time
#   - a `ktpel import` of another province into the same file (one long write transaction),
#   - an API client registering births one after another (short write transactions),
#   - province dedup jobs started over the API one after another (long reads and writes of pairs);
# p50/p99/max of each dashboard query (bench/dashboard_latency.py), first with nothing else
# running, then under the writers. With a second binary (OLD_KTPEL=...) the same runs against it
# on its own copy of the data, side by side.
# Usage: bench/dashboard_under_writer.sh build/src/ktpel [SCALE] [N]
set -euo pipefail
# Benchmarks measure throughput, not the per-account and per-address limits of [9]: lift them.
export KTPEL_PERSON_READS_PER_MINUTE=${KTPEL_PERSON_READS_PER_MINUTE:-1000000000} KTPEL_USER_IN_FLIGHT=${KTPEL_USER_IN_FLIGHT:-10000} \
  KTPEL_HTTP_CONNECTIONS_PER_ADDRESS=${KTPEL_HTTP_CONNECTIONS_PER_ADDRESS:-100000}
KTPEL=$(realpath "${1:?ktpel binary}")
SCALE=${2:-0.0195}
N=${3:-200}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/ktpel-dash-writer}
mkdir -p "$WORK"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

prepare() {  # $1 binary, $2 db
  [ -f "$2" ] && return
  [ -d "$WORK/gen32" ] || "$1" generate --province 32 --scale "$SCALE" --seed 7 --as-of "$(date -u +%F)" --out "$WORK/gen32" >/dev/null
  [ -d "$WORK/gen33" ] || "$1" generate --province 33 --scale 0.01 --seed 8 --as-of "$(date -u +%F)" --out "$WORK/gen33" >/dev/null
  "$1" import --db "$2.tmp" "$WORK/gen32/residents.csv" --families "$WORK/gen32/families.csv" --ektp "$WORK/gen32/ektp.csv" \
    --akta "$WORK/gen32/akta.csv" >/dev/null
  "$1" coverage --db "$2.tmp" rebuild >/dev/null
  "$1" print --db "$2.tmp" seed --province 32 >/dev/null
  mv "$2.tmp" "$2"
  rm -f "$2.tmp-wal" "$2.tmp-shm"
}

run() {  # $1 label, $2 binary
  local bin=$2 db="$WORK/$1.db"
  prepare "$bin" "$db"
  cp "$db" "$WORK/run.db"
  local port
  port=$(free_port)
  "$bin" serve --db "$WORK/run.db" --port "$port" --no-demographic-dedup >"$WORK/serve-$1.log" 2>&1 &
  local serve=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  echo "== $1 ($bin): no writer"
  python3 "$HERE/dashboard_latency.py" "http://127.0.0.1:$port" 32 "$N"
  touch "$WORK/writing"
  ( "$bin" import --db "$WORK/run.db" "$WORK/gen33/residents.csv" --skip-bad --reject-file "$WORK/rejected-$1.csv" >"$WORK/import-$1.log" 2>&1 || true ) &
  local import=$!
  python3 - "$port" "$WORK/writing" >"$WORK/writers-$1.log" 2>&1 <<'PY' &
import json, os, sys, time, urllib.request, urllib.error
port, flag = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
def call(method, path, body=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json"}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as r: return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e: return e.code, {}
births, jobs, job = 0, 0, None
birth = {"name": "PENDATANG BENCH", "sex": "L", "birth_place": "BANDUNG", "birth_date": "1995-05-01", "religion": "Islam",
         "village_code": "32.73.01.1001", "rt": "001", "rw": "001", "address": "JL. ASIA AFRIKA 1",
         "parent_reason": "ORANG_TUA_TIDAK_TERDAFTAR"}  # a newcomer; each with a name of its own (no likely double)
while os.path.exists(flag):
    if job is None or call("GET", f"/api/v1/dedup/jobs/{job}")[1].get("state") not in ("queued", "running"):
        code, j = call("POST", "/api/v1/dedup/jobs", {"wilayah": "32.04"})
        job = j.get("id"); jobs += code == 202
    birth["name"] = "PENDATANG " + "".join(["NOL", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN"][int(d)] for d in str(time.time_ns()))
    births += call("POST", "/api/v1/residents", birth)[0] == 201
print(f"writers: {births} births registered, {jobs} dedup jobs started")
PY
  local writers=$!
  sleep 1
  echo "== $1 ($bin): under the writers (import of $(($(wc -l < "$WORK/gen33/residents.csv") - 1)) residents, births, dedup jobs)"
  python3 "$HERE/dashboard_latency.py" "http://127.0.0.1:$port" 32 "$N"
  rm -f "$WORK/writing"
  wait "$writers" || true
  wait "$import" || true
  cat "$WORK/writers-$1.log"; tail -1 "$WORK/import-$1.log"
  kill "$serve"; wait "$serve" 2>/dev/null || true
}

run new "$KTPEL"
if [ -n "${OLD_KTPEL:-}" ]; then run old "$(realpath "$OLD_KTPEL")"; fi

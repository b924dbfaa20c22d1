#!/usr/bin/env bash
# Cost of logins and the audit log (issue [8] acceptance: "packet commit rate and dashboard p99
# with auth and audit on are within 10 % of the figures without, side by side in one run").
# Two binaries — this build (accounts, a permission check per route, an audit entry in the same
# transaction as each write and one per read of a person's data) and one from before [8] — each
# serve their own copy of the same generated province, imported once per binary (coverage built,
# printers seeded; on the new copy an administrator, a viewer and a province officer of 65 are
# created after that set-up). In each round, for each binary (new first in odd rounds, old first
# in even ones), on a fresh copy:
#   1. dashboard: bench/dashboard_latency.py (p50/p99/max of N sequential requests per query)
#      against the idle server; anonymous to the old build, with the Bearer token of a logged-in
#      viewer (aggregates) and of a province officer (capacity plan, print queue: a person read,
#      audited) to the new one;
#   2. packets: STATIONS stations registered with one-time codes (`ktpel centre station-code`,
#      `ktpel station init`, the new build pinning the centre's key fingerprint), PER_STATION
#      simulated enrolments each recorded offline with the same seeds for both binaries, then all
#      `ktpel station sync` started at once and timed until every outbox is empty; the rate is
#      packets answered (accepted + rejected, each a commit at the centre) per second.
# SQLite always; PostgreSQL too under scripts/with_services.sh (PG_ADMIN_URL set; BACKENDS=sqlite
# limits it). A summary table (rates per round and the new/old ratio, dashboard p99 per query)
# comes last. The server is left to finish its start-up work (CPU idle) before each measurement.
# Usage: [scripts/with_services.sh] bench/auth_cost_side_by_side.sh NEW_KTPEL OLD_KTPEL \
#          [SCALE=0.25] [PER_STATION=1000] [STATIONS=4] [N=300]     (ROUNDS=2 in the environment)
set -euo pipefail
# Benchmarks measure throughput, not the per-account and per-address limits of [9]: lift them.
export KTPEL_PERSON_READS_PER_MINUTE=${KTPEL_PERSON_READS_PER_MINUTE:-1000000000} KTPEL_USER_IN_FLIGHT=${KTPEL_USER_IN_FLIGHT:-10000} \
  KTPEL_HTTP_CONNECTIONS_PER_ADDRESS=${KTPEL_HTTP_CONNECTIONS_PER_ADDRESS:-100000}
NEW=$(realpath "${1:?ktpel of this build}")
OLD=$(realpath "${2:?ktpel from before issue [8], e.g. /tmp/old/build/src/ktpel}")
SCALE=${3:-0.25}
PER=${4:-1000}
STATIONS=${5:-4}
N=${6:-300}
ROUNDS=${ROUNDS:-2}
[ "$STATIONS" -le 4 ] || { echo "at most 4 stations (kecamatan 65.71.01-04)" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/ktpel-authcost.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
BACKENDS=${BACKENDS:-sqlite${PG_ADMIN_URL:+ postgresql}}

unset KTPEL_USER KTPEL_TOKEN
export KTPEL_PWHASH=interactive   # fast Argon2 for creating the accounts; logins verify with it
export KTPEL_STATION_PASSPHRASE=bench-station-passphrase KTPEL_OPERATOR_PASSWORD=bench-operator-1
python3 -c 'import secrets; print(secrets.token_hex(32))' >"$WORK/master.key"
export KTPEL_MASTER_KEY_FILE="$WORK/master.key"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
now() { date +%s.%N; }
admin() { [ "$1" = new ] && echo "--as admin" || true; }   # the new CLI acts as a user once accounts exist
bin_of() { [ "$1" = new ] && echo "$NEW" || echo "$OLD"; }

# Waits until a process has used < 3 % of a core for two seconds in a row (start-up work done).
wait_idle() {
  local pid=$1 last cur quiet=0
  last=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  for _ in $(seq 240); do
    sleep 1
    cur=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    if [ $((cur - last)) -le 3 ]; then quiet=$((quiet + 1)); [ $quiet -ge 2 ] && return 0; else quiet=0; fi
    last=$cur
  done
}

pg_db() { echo "${PG_ADMIN_URL%/*}/$1"; }

# The base copy of one binary on one backend: import, coverage, printers; accounts on the new one.
prepare() {  # $1 label, $2 backend
  local label=$1 backend=$2 bin db t0
  bin=$(bin_of "$label")
  if [ "$backend" = sqlite ]; then db="$WORK/base-$label.db"; else
    psql "$PG_ADMIN_URL" -qAtc "CREATE DATABASE authcost_base_$label" >/dev/null
    db=$(pg_db "authcost_base_$label")
  fi
  t0=$(now)
  "$bin" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" \
    --akta "$WORK/gen/akta.csv" >"$WORK/import-$label-$backend.log"
  "$bin" coverage --db "$db" rebuild >/dev/null
  "$bin" print --db "$db" seed --province 65 >/dev/null
  if [ "$label" = new ]; then
    KTPEL_NEW_PASSWORD=bench-admin-pass "$bin" user add --db "$db" --username admin --role centre --wilayah pusat >/dev/null
    KTPEL_NEW_PASSWORD=bench-viewer-pass "$bin" user add --db "$db" --as admin --username viewer1 --role viewer --wilayah pusat >/dev/null
    KTPEL_NEW_PASSWORD=bench-prov65-pass "$bin" user add --db "$db" --as admin --username prov65 --role province --wilayah 65 >/dev/null
  fi
  echo "prepared $label on $backend in $(python3 -c "print(round($(now) - $t0, 1))") s: $(tail -1 "$WORK/import-$label-$backend.log")"
}

fresh_copy() {  # $1 label, $2 backend -> a database location
  if [ "$2" = sqlite ]; then
    rm -f "$WORK"/run.db*
    cp "$WORK/base-$1.db" "$WORK/run.db"
    for x in -wal -shm; do [ -f "$WORK/base-$1.db$x" ] && cp "$WORK/base-$1.db$x" "$WORK/run.db$x"; done
    echo "$WORK/run.db"
  else
    psql "$PG_ADMIN_URL" -qAtc "DROP DATABASE IF EXISTS authcost_run" -c "CREATE DATABASE authcost_run TEMPLATE authcost_base_$1" >/dev/null
    pg_db authcost_run
  fi
}

login() {  # $1 port, $2 user, $3 password
  curl -s -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

run() {  # $1 round, $2 label, $3 backend
  local round=$1 label=$2 backend=$3 bin db port serve tag t0 t1
  bin=$(bin_of "$label")
  db=$(fresh_copy "$label" "$backend")
  tag="$backend-$round-$label"
  port=$(free_port)
  "$bin" serve --db "$db" --port "$port" >"$WORK/serve-$tag.log" 2>&1 &
  serve=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  wait_idle "$serve"
  local base="http://127.0.0.1:$port"
  if [ "$label" = new ]; then
    echo "== round $round, $label ($bin), $backend: dashboard as viewer1 (viewer, pusat)"
    python3 "$HERE/dashboard_latency.py" "$base" 65 "$N" --token "$(login "$port" viewer1 bench-viewer-pass)" | tee "$WORK/dash-$tag-viewer.txt"
    echo "== round $round, $label, $backend: dashboard as prov65 (province 65)"
    python3 "$HERE/dashboard_latency.py" "$base" 65 "$N" --token "$(login "$port" prov65 bench-prov65-pass)" | tee "$WORK/dash-$tag-province.txt"
  else
    echo "== round $round, $label ($bin), $backend: dashboard, anonymous"
    python3 "$HERE/dashboard_latency.py" "$base" 65 "$N" | tee "$WORK/dash-$tag-anon.txt"
  fi

  local fp=() s dir code
  [ "$label" = new ] && fp=(--centre-fingerprint "$("$bin" centre --db "$db" --as admin fingerprint)")
  for s in $(seq "$STATIONS"); do
    dir="$WORK/st-$tag-$s"
    code=$("$bin" centre --db "$db" $(admin "$label") station-code --kecamatan "65.71.0$s")
    "$bin" station --dir "$dir" init --centre "$base" --code "$code" "${fp[@]}" >/dev/null
    "$bin" station --dir "$dir" operator --user "op$s" >/dev/null
    "$bin" station --dir "$dir" simulate --operator "op$s" --residents "$WORK/gen/residents.csv" \
      --count "$PER" --offset $(( (s - 1) * PER )) --seed "$s" >/dev/null
  done
  wait_idle "$serve"
  local pids=()
  t0=$(now)
  for s in $(seq "$STATIONS"); do
    "$bin" station --dir "$WORK/st-$tag-$s" sync --timeout 900 >"$WORK/sync-$tag-$s.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  t1=$(now)
  python3 - "$round" "$label" "$backend" "$t0" "$t1" "$WORK"/sync-"$tag"-*.log <<'PY' | tee -a "$WORK/rates.tsv"
import re, sys
rnd, label, backend, t0, t1 = sys.argv[1:6]
sent = rej = pend = 0
for f in sys.argv[6:]:
    m = re.search(r"sent (\d+), rejected (\d+), (\d+) still pending", open(f).read())
    if not m: sys.exit(f"{f}: {open(f).read()}")
    sent += int(m[1]); rej += int(m[2]); pend += int(m[3])
secs = float(t1) - float(t0)
print(f"{rnd}\t{label}\t{backend}\t{sent}\t{rej}\t{pend}\t{secs:.2f}\t{(sent + rej) / secs:.1f}")
PY
  kill "$serve"; wait "$serve" 2>/dev/null || true
  rm -rf "$WORK"/st-"$tag"-*
}

echo "generating province 65 at scale $SCALE (seed 42)"
"$NEW" generate --province 65 --scale "$SCALE" --seed 42 --as-of 2026-12-07 --out "$WORK/gen" >/dev/null
echo -e "round\tbinary\tbackend\tsent\trejected\tpending\tseconds\tpackets/s" >"$WORK/rates.tsv"
for backend in $BACKENDS; do
  prepare new "$backend"
  prepare old "$backend"
  for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="new old"; else order="old new"; fi
    for label in $order; do run "$round" "$label" "$backend"; done
  done
done

echo
echo "== summary ($STATIONS stations x $PER packets, dashboard N=$N, scale $SCALE)"
python3 - "$WORK" "$BACKENDS" "$ROUNDS" <<'PY'
import glob, os, re, sys
work, backends, rounds = sys.argv[1], sys.argv[2].split(), int(sys.argv[3])
rows = [l.rstrip("\n").split("\t") for l in open(f"{work}/rates.tsv")][1:]
rate = {(r[0], r[1], r[2]): float(r[7]) for r in rows}
print("packet commits through HTTP (packets/s)")
print("| backend | round | new | old | new/old |")
print("|---|---|---|---|---|")
for b in backends:
    for r in range(1, rounds + 1):
        n, o = rate.get((str(r), "new", b)), rate.get((str(r), "old", b))
        if n and o: print(f"| {b} | {r} | {n:,.0f} | {o:,.0f} | {n / o:.2f} |")
def dash(path):
    out = {}
    if not os.path.exists(path): return out
    for line in open(path):
        m = re.match(r"(.{44}) +(\d+) +([\d.]+) +([\d.]+) +([\d.]+)$", line.rstrip())
        if m: out[m[1].strip()] = (float(m[3]), float(m[4]))
    return out
print("\ndashboard p50 / p99 ms (new: viewer's token for aggregates, the province officer's where a viewer may not)")
for b in backends:
    for r in range(1, rounds + 1):
        old = dash(f"{work}/dash-{b}-{r}-old-anon.txt")
        viewer, prov = dash(f"{work}/dash-{b}-{r}-new-viewer.txt"), dash(f"{work}/dash-{b}-{r}-new-province.txt")
        print(f"\n{b}, round {r}\n| query | new p50 / p99 | old p50 / p99 | p99 new/old |\n|---|---|---|---|")
        for q, (o50, o99) in old.items():
            who, v = ("", viewer[q]) if q in viewer else (" (province)", prov.get(q))
            if v: print(f"| {q}{who} | {v[0]:.2f} / {v[1]:.2f} | {o50:.2f} / {o99:.2f} | {v[1] / o99:.2f} |")
PY

#!/usr/bin/env bash
# The dashboard at scale (issue [4] acceptance 3): a generated ~10M-resident Jawa Barat, the time
# to build the coverage counters, then the latency of the dashboard's coverage queries over HTTP
# against `ktpel serve` (p50/p99 of N sequential requests each).
# Usage: bench/coverage_10m.sh build/src/ktpel [WORKDIR] [SCALE]   (needs ~15 GB free)
set -euo pipefail
# Benchmarks measure throughput, not the per-account and per-address limits of [9]: lift them.
export KTPEL_PERSON_READS_PER_MINUTE=${KTPEL_PERSON_READS_PER_MINUTE:-1000000000} KTPEL_USER_IN_FLIGHT=${KTPEL_USER_IN_FLIGHT:-10000} \
  KTPEL_HTTP_CONNECTIONS_PER_ADDRESS=${KTPEL_HTTP_CONNECTIONS_PER_ADDRESS:-100000}
KTPEL=${1:?ktpel binary}
WORK=${2:-/tmp/ktpel-10m}
SCALE=${3:-0.2}
mkdir -p "$WORK"
DB="$WORK/jabar.db"
if [ ! -f "$DB" ]; then
  /usr/bin/time -f "generate: %e s, %M KB" "$KTPEL" generate --province 32 --scale "$SCALE" --seed 10 --as-of "$(date -u +%F)" --out "$WORK/gen"
  /usr/bin/time -f "import: %e s, %M KB" "$KTPEL" import --db "$DB.tmp" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" \
    --ektp "$WORK/gen/ektp.csv" --akta "$WORK/gen/akta.csv"
  mv "$DB.tmp" "$DB"
  rm -rf "$WORK/gen"
fi
/usr/bin/time -f "coverage rebuild: %e s, %M KB" "$KTPEL" coverage --db "$DB" rebuild
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$KTPEL" serve --db "$DB" --port "$port" >"$WORK/serve.log" 2>&1 &
trap 'kill %1 2>/dev/null || true' EXIT
for _ in $(seq 400); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
python3 - "$port" <<'PY'
import json, sys, time, urllib.request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
def get(path):
    t = time.perf_counter()
    with urllib.request.urlopen(base + path) as r:
        body = r.read()
    return (time.perf_counter() - t) * 1000, body
regs = json.loads(get("/api/v1/wilayah/32/children")[1])["items"]
kec = json.loads(get(f"/api/v1/wilayah/{regs[0]['code']}/children")[1])["items"]
queries = {
    "national (38 provinces)": "/api/v1/coverage?level=provinsi",
    "Jawa Barat (27 regencies)": "/api/v1/coverage?level=kabupaten&code=32",
    f"{regs[0]['name']} (kecamatan)": f"/api/v1/coverage?level=kecamatan&code={regs[0]['code']}",
    f"kecamatan {kec[0]['name']} (desa)": f"/api/v1/coverage?level=desa&code={kec[0]['code']}",
    "trend of Jawa Barat (series)": "/api/v1/coverage/series?code=32&days=90",
}
total = json.loads(get("/api/v1/coverage?level=kabupaten&code=32")[1])["total"]["counts"]["population"]
print(f"residents counted in Jawa Barat: {total:,}")
print(f"{'query':42} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for name, path in queries.items():
    for _ in range(5): get(path)  # warm
    lat = sorted(get(path)[0] for _ in range(300))
    print(f"{name:42} {len(lat):4} {lat[len(lat)//2]:8.2f} {lat[int(len(lat)*0.99)-1]:8.2f} {lat[-1]:8.2f}")
PY

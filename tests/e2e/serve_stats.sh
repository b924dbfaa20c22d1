#!/usr/bin/env bash
# Acceptance 1 (scaled down): a generated Kalimantan Utara served over HTTP; per-regency
# population and wajib KTP sum to the province, and both backends answer the same numbers.
source "$(dirname "$0")/lib.sh" "$@"
"$KTPEL" generate --province 65 --scale 0.01 --seed 42 --out "$WORK/gen" >/dev/null
declare -A answer
for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" >/dev/null
  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/api/v1/stats?level=kabupaten&code=65&as_of=2025-06-30" >"$WORK/stats.json" ||
    { kill $pid; fail "$backend: stats request failed"; }
  code404=$(curl -s -o "$WORK/404.json" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/wilayah/99.99")
  kill $pid; wait $pid 2>/dev/null || true
  [ "$code404" = 404 ] || fail "$backend: unknown region gave $code404"
  grep -q '"code":"WILAYAH_NOT_FOUND"' "$WORK/404.json" || fail "$backend: 404 body is not a JSON error"
  answer[$backend]=$(python3 - "$WORK/stats.json" "$WORK/gen/residents.csv" <<'PY'
import csv, json, sys
s = json.load(open(sys.argv[1]))
rows, total = s["rows"], s["total"]
assert len(rows) == 5, f"expected 5 regencies, got {len(rows)}"
for key in ("population", "male", "female", "wajib_ktp"):
    assert sum(r[key] for r in rows) == total[key], f"{key}: rows sum {sum(r[key] for r in rows)} != total {total[key]}"
# Independent count from the generated CSV (age on 2025-06-30; >= 17 or ever married).
pop = wajib = 0
for r in csv.DictReader(open(sys.argv[2])):
    if not r["village_code"].startswith("65."): continue
    y, m, d = map(int, r["birth_date"].split("-"))
    age = 2025 - y - ((6, 30) < (m, d))
    pop += 1
    wajib += age >= 17 or r["marital_status"] != "BELUM KAWIN"
assert total["population"] == pop, f"population {total['population']} != csv {pop}"
assert total["wajib_ktp"] == wajib, f"wajib {total['wajib_ktp']} != csv {wajib}"
print(total["population"], total["wajib_ktp"], [r["population"] for r in rows])
PY
) || fail "$backend: stats check failed"
  pass "$backend: ${answer[$backend]}"
done
if [ -n "${answer[postgresql]:-}" ]; then
  [ "${answer[sqlite]}" = "${answer[postgresql]}" ] || fail "backends disagree: ${answer[sqlite]} vs ${answer[postgresql]}"
  pass "SQLite and PostgreSQL give the same statistics"
fi

#!/usr/bin/env bash
# Acceptance 1 (scaled down): a generated Kalimantan Utara served over HTTP; per-regency
# population and wajib KTP sum to the province, and both backends answer the same numbers.
# With logins (issue [8]): no session 401, a role without the permission 403, a person outside
# the user's wilayah 404 (as if absent); and the CLI names its officer once accounts exist.
# Issue [9]: every request leaves one JSON line in the access log (--access-log FILE, else stdout),
# under the id answered in X-Request-Id, with the officer and the route, and no NIK in full.
source "$(dirname "$0")/lib.sh" "$@"
"$KTPEL" generate --province 65 --scale 0.01 --seed 42 --out "$WORK/gen" >/dev/null
# A resident of Tarakan Barat (65.71.01) and one of Bulungan (65.02).
inside=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "village_code") v = i; next }
                  $v ~ /^65\.71\.01\./ { print $1; exit }' "$WORK/gen/residents.csv")
outside=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "village_code") v = i; next }
                   $v ~ /^65\.02\./ { print $1; exit }' "$WORK/gen/residents.csv")
[ -n "$inside" ] && [ -n "$outside" ] || fail "the generated set lacks a resident of 65.71.01 or of 65.02"
declare -A answer
for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" pemantau viewer 65 admin
  make_user "$db" petugas operator 65.71.01 admin
  # The CLI: no officer named, refused; a role without the permission, refused; else it runs.
  set +e
  "$KTPEL" stats --db "$db" --level kabupaten --code 65 >/dev/null 2>"$WORK/err"; rc1=$?
  "$KTPEL" export --db "$db" --as pemantau --out "$WORK/x.csv" >/dev/null 2>"$WORK/err2"; rc2=$?
  set -e
  [ $rc1 != 0 ] && grep -q -- "--as USER" "$WORK/err" || fail "$backend: CLI without --as: rc $rc1 $(cat "$WORK/err")"
  [ $rc2 != 0 ] && grep -q "may not run 'export'" "$WORK/err2" || fail "$backend: export as a viewer: rc $rc2 $(cat "$WORK/err2")"
  "$KTPEL" stats --db "$db" --as pemantau --level kabupaten --code 65 --as-of 2025-06-30 | grep -q '^65' ||
    fail "$backend: stats --as a viewer"
  pass "$backend: CLI: no --as refused, a viewer may not export but reads statistics"

  port=$(free_port)
  access="$WORK/access-$backend.log"
  "$KTPEL" serve --db "$db" --port "$port" --access-log "$access" >"$WORK/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  api="http://127.0.0.1:$port/api/v1"
  viewer=$(login "$port" pemantau)
  operator=$(login "$port" petugas)
  curl -sf -H "$(bearer "$viewer")" "$api/stats?level=kabupaten&code=65&as_of=2025-06-30" >"$WORK/stats.json" ||
    { kill $pid; fail "$backend: stats request failed"; }
  code404=$(curl -s -o "$WORK/404.json" -w '%{http_code}' -H "$(bearer "$viewer")" "$api/wilayah/99.99")
  # Who may see residents: nobody anonymous (401, also with a made-up token), not a viewer (403),
  # an operator only those of the kecamatan (a resident elsewhere is 404, as if absent).
  anon=$(curl -s -o "$WORK/anon.json" -w '%{http_code}' "$api/residents")
  forged=$(curl -s -o /dev/null -w '%{http_code}' -H "$(bearer 0000deadbeef)" "$api/residents")
  viewed=$(curl -s -o "$WORK/viewer.json" -w '%{http_code}' -H "$(bearer "$viewer")" "$api/residents")
  own=$(curl -s -o "$WORK/own.json" -D "$WORK/own.headers" -w '%{http_code}' -H "$(bearer "$operator")" "$api/residents/$inside")
  other=$(curl -s -o "$WORK/other.json" -w '%{http_code}' -H "$(bearer "$operator")" "$api/residents/$outside")
  other_region=$(curl -s -o /dev/null -w '%{http_code}' -H "$(bearer "$operator")" "$api/residents?region=65.02")
  kill $pid; wait $pid 2>/dev/null || true
  [ "$code404" = 404 ] || fail "$backend: unknown region gave $code404"
  grep -q '"code":"WILAYAH_NOT_FOUND"' "$WORK/404.json" || fail "$backend: 404 body is not a JSON error"
  [ "$anon" = 401 ] && grep -q '"code":"UNAUTHENTICATED"' "$WORK/anon.json" || fail "$backend: anonymous residents: $anon $(cat "$WORK/anon.json")"
  [ "$forged" = 401 ] || fail "$backend: a made-up token gave $forged"
  [ "$viewed" = 403 ] && grep -q '"code":"FORBIDDEN"' "$WORK/viewer.json" || fail "$backend: viewer residents: $viewed $(cat "$WORK/viewer.json")"
  [ "$own" = 200 ] && grep -q "\"$inside\"" "$WORK/own.json" || fail "$backend: operator's own resident: $own $(cat "$WORK/own.json")"
  [ "$other" = 404 ] || fail "$backend: operator of 65.71.01 reading a resident of 65.02 got $other: $(cat "$WORK/other.json")"
  ! grep -q "\"$outside\"" "$WORK/other.json" || fail "$backend: the 404 body leaks the resident"
  [ "$other_region" = 404 ] || fail "$backend: operator of 65.71.01 searching region 65.02 got $other_region"
  pass "$backend: residents: anonymous 401, made-up token 401, viewer 403, operator 200 in 65.71.01 and 404 in 65.02"
  own_id=$(tr -d '\r' <"$WORK/own.headers" | awk -F': ' 'tolower($1) == "x-request-id" { print $2 }')
  python3 - "$access" "$own_id" "$inside" "$outside" <<'PY' || fail "$backend: access log: $(tail -5 "$access")"
import json, sys
path, own_id, inside, outside = sys.argv[1:]
text = open(path).read()
lines = [json.loads(l) for l in text.splitlines()]  # every line one JSON object
assert len(lines) >= 9, f"{len(lines)} lines"
assert inside not in text and outside not in text, "a NIK in full"
own = [l for l in lines if l["id"] == own_id]
assert len(own) == 1, f"request {own_id!r}: {len(own)} lines"
o = own[0]
assert (o["user"], o["method"], o["route"], o["status"]) == ("petugas", "GET", "/api/v1/residents/{nik}", 200), o
assert o["path"] == "/api/v1/residents/" + inside[:6] + "*" * 10 and o["bytes"] > 0 and o["ms"] >= 0, o
anon = [l for l in lines if l["route"] == "/api/v1/residents" and l["status"] == 401]
assert len(anon) == 2 and all(l["user"] == "-" for l in anon), anon
PY
  ! grep -q '"route":' "$WORK/serve.log" || fail "$backend: access lines on stdout with --access-log"
  pass "$backend: access log: one JSON line per request, X-Request-Id, officer, route, NIKs masked"
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

# Without --access-log the lines go to stdout, after the startup lines.
port=$(free_port)
"$KTPEL" serve --db "$(fresh_db sqlite)" --port "$port" >"$WORK/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$port/no/such/page"
for _ in $(seq 50); do grep -q '"route":"(unmatched)"' "$WORK/stdout.log" && break; sleep 0.1; done
kill $pid; wait $pid 2>/dev/null || true
grep -q '^{"time":".*"route":"/healthz","path":"/healthz","status":200,' "$WORK/stdout.log" || fail "no /healthz line on stdout: $(cat "$WORK/stdout.log")"
grep -q '"route":"(unmatched)","path":"/no/such/page","status":404,' "$WORK/stdout.log" || fail "no 404 line on stdout: $(cat "$WORK/stdout.log")"
pass "access log on stdout by default"

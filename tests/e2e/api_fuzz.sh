#!/usr/bin/env bash
# Issue [9], proof item 2: the API fuzzer (tests/e2e/api_fuzz.py) against a served province, as an
# account of each role and anonymously, on each backend. Then, with the server stopped, the
# database must still be whole: PRAGMA integrity_check (SQLite), the stock ledger audit, the
# audit log's hash chain, and coverage counters equal to a rebuild from the records.
# Budget: FUZZ_SECONDS per backend (default 20), or FUZZ_REQUESTS; FUZZ_SEED repeats a run.
source "$(dirname "$0")/lib.sh" "$@"
HERE=$(cd "$(dirname "$0")" && pwd)
# make test runs a fixed seed (the same requests on every machine, so CI cannot fail by chance);
# FUZZ_SEED=random explores new ones.
SEED=${FUZZ_SEED:-20261207}
[ "$SEED" != random ] || SEED=$RANDOM$RANDOM
echo "api_fuzz.sh: FUZZ_SEED=$SEED FUZZ_SECONDS=${FUZZ_SECONDS:-20} FUZZ_REQUESTS=${FUZZ_REQUESTS:-0}"
"$KTPEL" generate --province 65 --scale 0.01 --seed 42 --out "$WORK/gen" >/dev/null

# One query's rows on either backend (the coverage counters, compared before and after a rebuild).
sql() {
  if [ "$1" = "${1#postgresql://}" ]; then sqlite3 "$1" "$2"; else psql "$1" -qAtc "$2"; fi
}

for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" \
    --akta "$WORK/gen/akta.csv" >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" petugas operator 65.71.01 admin
  make_user "$db" kepala supervisor 65.71 admin
  make_user "$db" provinsi province 65 admin
  make_user "$db" pemeriksa auditor 65 admin
  make_user "$db" pemantau viewer 65 admin
  "$KTPEL" coverage --db "$db" --as admin rebuild >/dev/null
  "$KTPEL" print --db "$db" --as admin seed --province 65 >/dev/null
  "$KTPEL" equipment --db "$db" --as admin seed --province 65 --date 2026-12-01 >/dev/null
  # Two suket, so that their PDF and QR-token routes are fuzzed with real numbers and tokens too.
  # (suket holders come first in the queue: the first two waiting in PRR get one)
  "$KTPEL" print --db "$db" --as kepala queue --office 65.71 --limit 1000 --json |
    python3 -c 'import json,sys; print("\n".join([e["nik"] for e in json.load(sys.stdin) if e["status"] == "PRR"][:2]))' >"$WORK/queue"
  while read -r nik; do
    "$KTPEL" suket --db "$db" --as kepala issue "$nik" --office 65.71 --force >/dev/null
  done <"$WORK/queue"

  port=$(free_port)
  # The public routes' per-address limit raised: the fuzzer is one address sending thousands.
  KTPEL_PUBLIC_RATE=100000000 "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve-$backend.log" 2>&1 &
  pid=$!
  wait_port "$port"
  users=()
  for u in centre=admin operator=petugas supervisor=kepala province=provinsi auditor=pemeriksa viewer=pemantau; do
    users+=(--user "$u:$(password_of "${u#*=}")")
  done
  set +e
  python3 "$HERE/api_fuzz.py" --base "http://127.0.0.1:$port" --seed "$SEED-$backend" "${users[@]}" | tee "$WORK/fuzz-$backend.out"
  rc=${PIPESTATUS[0]}
  set -e
  kill -0 $pid 2>/dev/null || fail "$backend: the server died: $(tail -20 "$WORK/serve-$backend.log")"
  kill $pid; wait $pid 2>/dev/null || true
  [ "$rc" = 0 ] || fail "$backend: the fuzzer found failures (seed $SEED-$backend; above)"
  requests=$(sed -n 's/^api_fuzz: \([0-9]*\) requests.*/\1/p' "$WORK/fuzz-$backend.out")

  # The database afterwards.
  export KTPEL_USER=admin
  if [ "$backend" = sqlite ]; then
    check=$(sqlite3 "$db" 'PRAGMA integrity_check')
    [ "$check" = ok ] || fail "$backend: PRAGMA integrity_check: $check"
  fi
  # The ledger must be whole. A transfer sent and not yet received is no flaw of the ledger (the
  # fuzzer sends some, dated in the past), so TRANSFER_IN_TRANSIT alone is let through.
  "$KTPEL" stock --db "$db" audit --json >"$WORK/stock-audit" 2>"$WORK/stock-audit.err" || true
  python3 - "$WORK/stock-audit" >"$WORK/stock-flaws" <<'EOF' || fail "$backend: stock audit: $(cat "$WORK/stock-flaws" "$WORK/stock-audit.err")"
import json, sys
report = json.load(open(sys.argv[1]))
flaws = [d for d in report["discrepancies"] if d["code"] != "TRANSFER_IN_TRANSIT"]
for d in flaws:
    print(d)
print("%d movements, %d discrepancies, %d of them transfers in transit" % (report["movements"], len(report["discrepancies"]),
                                                                         len(report["discrepancies"]) - len(flaws)))
sys.exit(1 if flaws else 0)
EOF
  KTPEL_USER=pemeriksa "$KTPEL" audit --db "$db" verify >"$WORK/audit-verify" 2>&1 || fail "$backend: audit verify: $(cat "$WORK/audit-verify")"
  grep -q "audit log intact" "$WORK/audit-verify" || fail "$backend: audit verify: $(cat "$WORK/audit-verify")"
  # The counters as the server left them (rolled to today) against a rebuild from the records.
  "$KTPEL" coverage --db "$db" roll >/dev/null
  sql "$db" 'SELECT code, counters FROM coverage ORDER BY code' >"$WORK/coverage-before"
  "$KTPEL" coverage --db "$db" rebuild >/dev/null
  sql "$db" 'SELECT code, counters FROM coverage ORDER BY code' >"$WORK/coverage-after"
  [ -s "$WORK/coverage-after" ] || fail "$backend: no coverage counters after the rebuild"
  cmp -s "$WORK/coverage-before" "$WORK/coverage-after" ||
    fail "$backend: coverage counters differ from a rebuild: $(diff "$WORK/coverage-before" "$WORK/coverage-after" | head -10)"
  unset KTPEL_USER
  pass "$backend: $requests fuzzed requests, no 5xx, no crash, /healthz throughout; integrity, stock audit, audit chain, coverage = rebuild"
done

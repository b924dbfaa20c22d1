#!/usr/bin/env bash
# Another process (here a plain sqlite3 client, as a CLI import would) holds SQLite's write lock
# for 3 s while ktpel serve answers: reads go on at once (WAL readers never wait for a writer),
# a write that cannot get the lock within KTPEL_SQLITE_BUSY_MS answers 503 with Retry-After and a
# reason (never 500), and once the lock is free the same server writes again. Reads of person
# data are audited (a write), so they answer 503 like writes; aggregates show the unhurried read.
source "$(dirname "$0")/lib.sh" "$@"
DB="$WORK/busy.db"
"$KTPEL" resident --db "$DB" register --json '{"name":"BAYI PERTAMA","sex":"L","birth_place":"TARAKAN","birth_date":"1995-05-01","religion":"Islam","village_code":"65.71.01.1001","rt":"001","rw":"001","address":"JL. MULAWARMAN 1","parent_reason":"ORANG_TUA_TIDAK_TERDAFTAR"}' >/dev/null
make_user "$DB" admin centre pusat
make_user "$DB" pengawas supervisor 65.71 admin
PORT=$(free_port)
KTPEL_SQLITE_BUSY_MS=500 "$KTPEL" serve --db "$DB" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVE=$!
wait_port "$PORT"
AUTH=$(bearer "$(login "$PORT" pengawas)")   # logging in writes a session: before the lock
BIRTH='{"name":"BAYI KEDUA","sex":"P","birth_place":"TARAKAN","birth_date":"1995-05-02","religion":"Islam","village_code":"65.71.01.1001","rt":"001","rw":"001","address":"JL. MULAWARMAN 2","parent_reason":"ORANG_TUA_TIDAK_TERDAFTAR"}'
python3 - "$DB" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")  # the write lock, as a long import holds it
open(sys.argv[1] + ".locked", "w").close()
time.sleep(3)
c.execute("ROLLBACK")
PY
HOLDER=$!
for _ in $(seq 100); do [ -f "$DB.locked" ] && break; sleep 0.05; done
[ -f "$DB.locked" ] || fail "the lock holder did not start"
t0=$(date +%s%N)
code=$(curl -s -o "$WORK/read.json" -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/stats?level=desa&code=65.71.01")
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$code" = 200 ] || fail "a read during the write lock answered $code after $ms ms: $(cat "$WORK/read.json")"
[ "$ms" -lt 400 ] || fail "a read waited ${ms} ms for the writer"
grep -q '"population":1' "$WORK/read.json" || fail "the read did not see the registered birth: $(cat "$WORK/read.json")"
# A read of a person's data leaves an audit entry (issue [8]), which is a write: it is never
# served without one, so under another process's lock it answers 503 too, never 500 or the data.
code=$(curl -s -D "$WORK/hr.txt" -o "$WORK/pread.json" -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/residents?region=65.71")
[ "$code" = 503 ] || fail "a person read (audited) during the write lock answered $code: $(cat "$WORK/pread.json")"
grep -qi '^Retry-After: 1' "$WORK/hr.txt" && ! grep -q 'BAYI PERTAMA' "$WORK/pread.json" || fail "audited read: $(cat "$WORK/hr.txt" "$WORK/pread.json")"
code=$(curl -s -D "$WORK/h.txt" -o "$WORK/w.json" -w '%{http_code}' -H "$AUTH" -H 'Content-Type: application/json' -d "$BIRTH" \
  "http://127.0.0.1:$PORT/api/v1/residents")
[ "$code" = 503 ] || fail "a write during another process's write lock answered $code: $(cat "$WORK/w.json")"
grep -qi '^Retry-After: 1' "$WORK/h.txt" || fail "503 without Retry-After"
grep -q 'try again' "$WORK/w.json" || fail "503 without a reason: $(cat "$WORK/w.json")"
wait $HOLDER
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -H 'Content-Type: application/json' -d "$BIRTH" "http://127.0.0.1:$PORT/api/v1/residents" || true)
if ! kill -0 $SERVE 2>/dev/null; then
  wait $SERVE && rc=0 || rc=$?
  fail "ktpel serve died (exit $rc) on the first write after the lock was released: $(tail -3 "$WORK/serve.log")"
fi
[ "$code" = 201 ] || fail "after the lock was released a write answered $code"
code=$(curl -s -o "$WORK/pread.json" -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/residents?region=65.71")
[ "$code" = 200 ] && grep -q 'BAYI KEDUA' "$WORK/pread.json" || fail "after the lock was released a person read answered $code"
pass "SQLite write lock held elsewhere: aggregate read in ${ms} ms, audited person read and write 503 + Retry-After, then 200/201"

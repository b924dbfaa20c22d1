#!/usr/bin/env bash
# [9] A full disk under PostgreSQL: the database lives in a tablespace on a small tmpfs (its
# write-ahead log stays on the server's own disk, as a deployment keeps pg_wal apart). An import
# and a station's packet fail cleanly while the disk is full (exit 3 naming it; 507
# STORAGE_FULL, the station keeps the packet), nothing of the import is kept, the server keeps
# answering; once space is freed both succeed on the same server.
source "$(dirname "$0")/lib.sh" "$@"
backends | grep -qx postgresql || { echo "skipped: no PostgreSQL (PG_ADMIN_URL; make test starts one)"; exit 0; }
export KTPEL_STATION_PASSPHRASE=rahasia-stasiun-uji KTPEL_OPERATOR_PASSWORD=operator-uji-1
# The tablespace folder must be reachable by the postgres user: not under the test's 0700 folder.
space=$(mktemp -d /tmp/ktpel-pgspace.XXXXXX)
chmod 755 "$space"
mount_small_disk "$space" 24
mkdir "$space/ts"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$space/ts"
name="ktpel_full_$RANDOM$RANDOM"
psql "$PG_ADMIN_URL" -qAt -c "CREATE TABLESPACE ${name}_ts LOCATION '$space/ts'" -c "CREATE DATABASE $name TABLESPACE ${name}_ts" >/dev/null
cleanup_hooks+=("psql '$PG_ADMIN_URL' -qAt -c 'DROP DATABASE IF EXISTS $name WITH (FORCE)' -c 'DROP TABLESPACE IF EXISTS ${name}_ts' >/dev/null 2>&1")
db="${PG_ADMIN_URL%/*}/$name"
sql() { psql "$db" -qAt -c "$1"; }

"$KTPEL" generate --province 65 --regency 65.04 --scale 0.02 --seed 11 --as-of 2026-11-20 --out "$WORK/gen" >/dev/null
"$KTPEL" generate --province 65 --regency 65.71 --scale 0.05 --seed 12 --as-of 2026-11-20 --out "$WORK/more" >/dev/null
"$KTPEL" import --db "$db" "$WORK/gen/residents.csv" >/dev/null
make_user "$db" admin centre pusat
make_user "$db" tarakan supervisor 65.71 admin
residents=$(sql "SELECT count(*) FROM residents")
port=$(free_port)
"$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
server=$!
wait_port "$port"
for _ in $(seq 300); do [ "$(sql "SELECT count(*) FROM dedup_keys")" -ge "$residents" ] && break; sleep 0.1; done
make_station "$db" "$port" "$WORK/gen/residents.csv"
"$KTPEL" station --dir "$station" simulate --operator budi --residents "$WORK/gen/residents.csv" --count 1 --offset 3 >/dev/null
fill_disk "$space"
[ "$(free_kb "$space")" -lt 64 ] || fail "the disk is not full after filling: $(free_kb "$space") KiB free"

set +e
"$KTPEL" import --db "$db" --as tarakan "$WORK/more/residents.csv" >"$WORK/import.out" 2>&1; rc=$?
set -e
[ $rc = 3 ] && grep -q "disk holding the database is full" "$WORK/import.out" || fail "import on a full disk: rc $rc $(tail -3 "$WORK/import.out")"
[ "$(sql "SELECT count(*) FROM residents")" = "$residents" ] || fail "a failed import left rows behind"
"$KTPEL" station --dir "$station" sync --timeout 3 --max-backoff-ms 300 >"$WORK/sync.out" 2>&1 || true
grep -q "^sent 0, rejected 0, 1 still pending; last error: STORAGE_FULL" "$WORK/sync.out" || fail "a packet on a full disk: $(cat "$WORK/sync.out")"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 200 ] || fail "healthz on a full disk"
! grep -q '"status":500\| 500 ' "$WORK/serve.log" || fail "the server answered 500: $(grep -m3 ' 500 \|"status":500' "$WORK/serve.log")"
pass "postgresql, full disk: import exit 3 ($(grep -o 'disk holding the database is full[^.]*' "$WORK/import.out" | head -1)), nothing kept; packet pending after 507 STORAGE_FULL; healthz 200"

rm -f "$space"/filler-*
"$KTPEL" station --dir "$station" sync --timeout 20 --max-backoff-ms 300 >"$WORK/sync.out" 2>&1 || true
grep -q "^sent 1, rejected 0, 0 still pending" "$WORK/sync.out" || fail "the packet after space returned: $(cat "$WORK/sync.out")"
"$KTPEL" import --db "$db" --as tarakan "$WORK/more/residents.csv" >"$WORK/import.out" 2>&1 || fail "import after space returned: $(tail -3 "$WORK/import.out")"
[ "$(sql "SELECT count(*) FROM residents")" -gt "$residents" ] || fail "the import after space returned wrote nothing"
kill -0 $server || fail "the server stopped"
pass "postgresql, space freed: packet committed and the import succeeds on the same server (pid $server)"

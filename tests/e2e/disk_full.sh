#!/usr/bin/env bash
# [9] A full disk under the SQLite database (a small tmpfs) during an import, packet commits and
# print jobs: each fails cleanly (the CLI exits 3 naming the full disk; the API answers 507
# STORAGE_FULL with Retry-After, never 500), nothing is half written (the import is all or
# nothing, the file passes integrity_check), the server keeps answering, and once space is freed
# the same operations succeed on the same server, without a restart.
source "$(dirname "$0")/lib.sh" "$@"
export KTPEL_STATION_PASSPHRASE=rahasia-stasiun-uji KTPEL_OPERATOR_PASSWORD=operator-uji-1
disk="$WORK/disk"
mount_small_disk "$disk" "${KTPEL_DISK_FULL_MB:-40}"
fill() { fill_disk "$disk"; }
sql() { sqlite3 -cmd ".timeout 10000" "$db" "$1"; }

"$KTPEL" generate --province 65 --regency 65.04 --scale 0.03 --seed 11 --as-of 2026-11-20 --out "$WORK/gen" >/dev/null
"$KTPEL" generate --province 65 --regency 65.71 --scale 0.05 --seed 12 --as-of 2026-11-20 --out "$WORK/more" >/dev/null
db="$disk/ktpel.db"
"$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --ektp "$WORK/gen/ektp.csv" >/dev/null
setup_print_desk "$db" 65.04 50 10
make_user "$db" tarakan supervisor 65.71 admin  # imports the second regency
residents=$(sql "SELECT count(*) FROM residents")

port=$(free_port)
"$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
server=$!
wait_port "$port"
api="http://127.0.0.1:$port/api/v1"
for _ in $(seq 300); do [ "$(sql "SELECT count(*) FROM dedup_keys")" -ge "$residents" ] && break; sleep 0.1; done
desk=$(bearer "$(login "$port" kepala)")
# A station of the regency, registered while there is room.
make_station "$db" "$port" "$WORK/gen/residents.csv"
sleep 0.5
fill
[ "$(free_kb "$disk")" -lt 64 ] || fail "the disk is not full after filling: $(free_kb "$disk") KiB free"

# 1. An import into a full disk: exit 3 naming the full disk; nothing of it written; the file intact.
set +e
"$KTPEL" import --db "$db" --as tarakan "$WORK/more/residents.csv" >"$WORK/import.out" 2>&1; rc=$?
set -e
[ $rc = 3 ] && grep -q "disk holding the database is full" "$WORK/import.out" || fail "import on a full disk: rc $rc $(tail -3 "$WORK/import.out")"
# The rolled-back rows' write-ahead log is truncated: its space is given back at once.
[ "$(stat -c %s "$db-wal")" = 0 ] || fail "the failed import left a $(stat -c %s "$db-wal")-byte write-ahead log on the full disk"
[ "$(sql "SELECT count(*) FROM residents")" = "$residents" ] || fail "a failed import left rows behind"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "the database fails integrity_check after the failed import"
pass "import on a full disk: exit 3 ($(grep -o 'disk holding the database is full[^.]*' "$WORK/import.out" | head -1)), nothing written, log space given back, integrity ok"

# 2. Packet commits and print jobs while the disk is full: 507 with a code, the server answering.
fill
"$KTPEL" station --dir "$station" simulate --operator budi --residents "$WORK/gen/residents.csv" --count 1 --offset 3 >/dev/null
"$KTPEL" station --dir "$station" sync --timeout 3 --max-backoff-ms 300 >"$WORK/sync.out" 2>&1 || true
grep -q "^sent 0, rejected 0, 1 still pending; last error: STORAGE_FULL" "$WORK/sync.out" || fail "a packet on a full disk: $(cat "$WORK/sync.out")"
job() {  # NIK CARD: a print job through the API; the status code, the body in $WORK/job.json
  curl -s -D "$WORK/job.headers" -o "$WORK/job.json" -w '%{http_code}' -H "$desk" -H 'Content-Type: application/json' -X POST \
    "$api/print/jobs" -d "{\"office\":\"65.04\",\"nik\":\"$1\",\"card_serial\":\"$2\",\"printer\":\"P1\"}"
}
code=$(job "${niks[0]}" F-1)
[ "$code" = 507 ] && grep -q '"STORAGE_FULL"' "$WORK/job.json" && grep -qi '^Retry-After' "$WORK/job.headers" ||
  fail "a print job on a full disk answered $code: $(cat "$WORK/job.json")"
set +e
"$KTPEL" print --db "$db" --as kepala job --office 65.04 --nik "${niks[1]}" --card F-2 --printer P1 >"$WORK/cli-job.out" 2>&1; rc=$?
set -e
[ $rc = 3 ] && grep -q "disk holding the database is full" "$WORK/cli-job.out" || fail "CLI print job on a full disk: rc $rc $(cat "$WORK/cli-job.out")"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 200 ] || fail "healthz on a full disk"
code=$(curl -s -o "$WORK/stats.json" -w '%{http_code}' -H "$desk" "$api/stats?level=kecamatan&code=65.04")
[ "$code" = 200 ] || fail "statistics on a full disk answered $code: $(head -c 300 "$WORK/stats.json")"
# A read of a person's record must leave its audit entry first: with no room for it, it is refused too.
code=$(curl -s -o "$WORK/read.json" -w '%{http_code}' -H "$desk" "$api/ektp/${niks[0]}")
[ "$code" = 507 ] && grep -q '"STORAGE_FULL"' "$WORK/read.json" || fail "a person read on a full disk answered $code: $(cat "$WORK/read.json")"
! grep -q '"status":500\| 500 ' "$WORK/serve.log" || fail "the server answered 500: $(grep -m3 ' 500 \|"status":500' "$WORK/serve.log")"
kill -0 $server || fail "the server died on the full disk: $(tail -5 "$WORK/serve.log")"
[ "$(sql "SELECT count(*) FROM print_jobs")" = 0 ] || fail "a refused print job was written"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check on the full disk"
pass "full disk: packet kept pending on the station, print jobs 507 STORAGE_FULL (API) / exit 3 (CLI), healthz 200"

# 3. Space returns: the same operations succeed on the same server.
rm -f "$disk"/filler-*
"$KTPEL" station --dir "$station" sync --timeout 20 --max-backoff-ms 300 >"$WORK/sync.out" 2>&1 || true
grep -q "^sent 1, rejected 0, 0 still pending" "$WORK/sync.out" || fail "the packet after space returned: $(cat "$WORK/sync.out")"
code=$(job "${niks[0]}" F-1)
[ "$code" = 201 ] || fail "a print job after space returned answered $code: $(cat "$WORK/job.json")"
"$KTPEL" print --db "$db" --as kepala job --office 65.04 --nik "${niks[1]}" --card F-2 --printer P1 >/dev/null ||
  fail "CLI print job after space returned"
"$KTPEL" import --db "$db" --as tarakan "$WORK/more/residents.csv" >"$WORK/import.out" 2>&1 || fail "import after space returned: $(tail -3 "$WORK/import.out")"
[ "$(sql "SELECT count(*) FROM residents")" -gt "$residents" ] || fail "the import after space returned wrote nothing"
"$KTPEL" stock --db "$db" --as admin audit --date "$(date -u +%F)" >"$WORK/stock.out" || fail "stock ledger: $(cat "$WORK/stock.out")"
"$KTPEL" audit --db "$db" --as pemeriksa verify >"$WORK/verify.out" || fail "audit chain: $(cat "$WORK/verify.out")"
kill -0 $server || fail "the server stopped"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check at the end"
pass "space freed: packet committed, print jobs and the import succeed on the same server (pid $server)"

# 4. A backup onto a disk too small for it fails cleanly and leaves nothing under its name.
small="$WORK/small"
mount_small_disk "$small" 1
set +e
"$KTPEL" backup --db "$db" --as admin --out "$small/ktpel.backup" >"$WORK/backup.out" 2>&1; rc=$?
set -e
[ $rc = 3 ] && grep -q "the disk is full" "$WORK/backup.out" || fail "a backup onto a full disk: rc $rc $(cat "$WORK/backup.out")"
[ -z "$(ls -A "$small")" ] || fail "a failed backup left files behind: $(ls -A "$small")"
pass "a backup onto a full disk: exit 3 ($(grep -o 'the disk is full[^;]*' "$WORK/backup.out")), nothing left behind"

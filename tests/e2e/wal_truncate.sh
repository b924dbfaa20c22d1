#!/usr/bin/env bash
# [9] The write-ahead log gives its space back after bulk work: `ktpel serve` indexes an imported
# registry for demographic dedup (tens of thousands of residents, megabytes of log), and when
# that catch-up ends the SQLite -wal file is truncated to nothing while the server keeps running
# (before, it kept its largest size for good: 2.46 GB after a province's first start).
source "$(dirname "$0")/lib.sh" "$@"
"$KTPEL" generate --province 65 --scale 0.05 --seed 11 --out "$WORK/gen" >/dev/null
db="$WORK/wal.db"
"$KTPEL" import --db "$db" "$WORK/gen/residents.csv" >/dev/null
residents=$(sqlite3 "$db" "SELECT count(*) FROM residents")
port=$(free_port)
"$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
largest=0 indexed=0
for _ in $(seq 600); do
  size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
  [ "$size" -gt "$largest" ] && largest=$size
  indexed=$(sqlite3 "$db" "SELECT count(*) FROM dedup_keys" 2>/dev/null || echo 0)
  [ "$indexed" -ge "$residents" ] && [ "$size" = 0 ] && [ "$largest" -gt 1000000 ] && break
  sleep 0.2
done
kill -0 $pid || fail "the server stopped: $(tail -5 "$WORK/serve.log")"
[ "$indexed" -ge "$residents" ] || fail "catch-up indexed $indexed of $residents residents"
[ "$largest" -gt 1000000 ] || fail "the log never grew past 1 MB ($largest bytes): the test proves nothing"
[ "$(stat -c %s "$db-wal")" = 0 ] || fail "the -wal file still holds $(stat -c %s "$db-wal") bytes after the catch-up (largest $largest)"
pass "catch-up of $residents residents grew the log to $largest bytes; truncated to 0 with the server running"

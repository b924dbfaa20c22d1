#!/usr/bin/env bash
# Never a partial write on a crash: an import killed with SIGKILL half-way leaves the registry
# exactly as it was (both backends), and the same import then succeeds whole.
source "$(dirname "$0")/lib.sh" "$@"
"$KTPEL" generate --province 65 --scale 0.5 --seed 3 --out "$WORK/gen" >/dev/null
rows=$(( $(wc -l < "$WORK/gen/residents.csv") - 1 ))
for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" import --db "$db" "$DATA/bad_csv/good.csv" >/dev/null   # 2 residents already there
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" >/dev/null 2>&1 &
  pid=$!
  # Kill once rows are being written (the import has been running a while), not before.
  sleep 2
  kill -0 $pid 2>/dev/null || fail "$backend: import of $rows rows finished within 2 s; raise --scale so it can be killed"
  kill -9 $pid
  wait $pid 2>/dev/null || true
  [ "$(resident_count "$db")" = 2 ] || fail "$backend: a killed import left $(resident_count "$db") residents (expected the 2 from before)"
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" >/dev/null || fail "$backend: import after the crash failed"
  [ "$(resident_count "$db")" = $((rows + 2)) ] || fail "$backend: import after the crash is incomplete"
  pass "$backend: SIGKILL mid-import wrote nothing; the rerun imported all $rows rows"
done

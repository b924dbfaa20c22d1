#!/usr/bin/env bash
# [9] Backup and restore while the registry is in use, on each backend. A province is imported,
# the printing desk prints, then births (CLI) and print jobs keep being written while
# `ktpel backup` runs. The backup restored into a new database is one consistent snapshot: its
# audit chain verifies and is the source's chain cut at one entry (same hash), every birth in the
# copy has its audit entry and exactly the source's births up to that entry are there, the stock
# ledger audits clean; the master key is not in it; the restored database serves and takes
# writes. A damaged backup, and a restore over a database that holds data, are refused.
source "$(dirname "$0")/lib.sh" "$@"
export KTPEL_BIRTHS_PER_OFFICER_DAY=1000000
"$KTPEL" generate --province 65 --regency 65.04 --scale 0.05 --seed 11 --as-of 2026-11-20 --out "$WORK/gen" >/dev/null
village=$(awk -F, 'NR==2 {print $12}' "$WORK/gen/residents.csv")
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
q() { if [ "$b" = sqlite ]; then sqlite3 -cmd ".timeout 10000" "$1" "$2"; else psql "$1" -qAt -c "$2"; fi; }
# Newcomers (parents registered elsewhere: a KK of their own), each with another name: the same
# person twice would be refused as a likely double.
syllables=(NOL SATU DUA TIGA EMPAT LIMA ENAM TUJUH DELAPAN SEMBILAN)
births=0
birth() {  # digits as syllables: the dedup normaliser folds doubled letters and sound-alikes
  births=$((births + 1))
  local n="$BASHPID$births" name="" i
  for ((i = 0; i < ${#n}; i++)); do name+=${syllables[${n:i:1}]}; done
  "$KTPEL" resident --db "$1" register --as kepala --json \
    "{\"name\":\"PENDATANG $name\",\"sex\":\"L\",\"birth_place\":\"MALINAU\",\"birth_date\":\"1996-11-01\",\"religion\":\"Islam\",\"village_code\":\"$village\",\"rt\":\"001\",\"rw\":\"002\",\"address\":\"JL. CADANGAN\",\"parent_reason\":\"ORANG_TUA_TIDAK_TERDAFTAR\"}"
}

for b in $(backends); do
  db=$(fresh_db "$b")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" >/dev/null
  setup_print_desk "$db" 65.04 200 30
  for i in 0 1 2 3 4; do
    "$KTPEL" print --db "$db" --as kepala job --office 65.04 --nik "${niks[$i]}" --card "C-$i" --printer P1 --date 2026-11-20 >/dev/null
  done

  # Writes go on: births and print jobs, each audited, until the backup is done.
  rm -f "$WORK/stop"
  ( while [ ! -e "$WORK/stop" ]; do birth "$db" >/dev/null 2>>"$WORK/writes.err" || echo "birth failed" >>"$WORK/writes.err"; done ) &
  writer1=$!
  ( i=5; while [ ! -e "$WORK/stop" ] && [ $i -lt 30 ]; do
      "$KTPEL" print --db "$db" job --as kepala --office 65.04 --nik "${niks[$i]}" --card "C-$i" --printer P1 --date 2026-11-20 \
        >/dev/null 2>>"$WORK/writes.err" || echo "print job failed" >>"$WORK/writes.err"
      i=$((i + 1)); done ) &
  writer2=$!
  for _ in $(seq 100); do [ "$(q "$db" "SELECT count(*) FROM residents WHERE name LIKE 'PENDATANG %'")" -ge 3 ] && break; sleep 0.1; done
  bak="$WORK/$b.backup"
  # SQLite: 150 ms between 1 MiB batches, so that writes land while the copy is being taken.
  export KTPEL_BACKUP_PAUSE_MS=150
  set +e
  "$KTPEL" backup --db "$db" --out "$bak" >"$WORK/backup.out" 2>&1; rc=$?
  set -e
  [ $rc = 2 ] && grep -q -- "--as USER" "$WORK/backup.out" || fail "$b: a backup without --as: rc $rc $(cat "$WORK/backup.out")"
  set +e
  "$KTPEL" backup --db "$db" --out "$bak" --as kepala >"$WORK/backup.out" 2>&1; rc=$?
  set -e
  [ $rc = 2 ] && grep -q "may not run 'backup'" "$WORK/backup.out" || fail "$b: a supervisor took a backup: rc $rc $(cat "$WORK/backup.out")"
  births_before=$(q "$db" "SELECT count(*) FROM residents WHERE name LIKE 'PENDATANG %'")
  "$KTPEL" backup --db "$db" --out "$bak" --as admin >"$WORK/backup.out" 2>&1 || fail "$b: backup: $(cat "$WORK/backup.out")"
  births_after=$(q "$db" "SELECT count(*) FROM residents WHERE name LIKE 'PENDATANG %'")
  [ "$births_after" -gt "$births_before" ] || fail "$b: no birth was written while the backup ran: the test proves nothing"
  sleep 1
  touch "$WORK/stop"
  wait $writer1 $writer2
  [ ! -s "$WORK/writes.err" ] || fail "$b: writes failed during the backup: $(head -5 "$WORK/writes.err")"
  births_end=$(q "$db" "SELECT count(*) FROM residents WHERE name LIKE 'PENDATANG %'")
  [ "$births_end" -gt "$births_after" ] || fail "$b: no write went on after the backup ($births_end births): the test proves nothing"
  [ -s "$bak" ] && [ -s "$bak.sha256" ] || fail "$b: no backup file or checksum"
  ls "$WORK" | grep -q 'partial' && fail "$b: a partial backup file was left behind"
  grep -q "master key is not in the backup" "$WORK/backup.out" || fail "$b: the backup does not warn about the master key"

  # The master key (hex in its file, or its raw bytes) is nowhere in the backup.
  if [ "$b" = postgresql ]; then pg_restore -f "$WORK/dump.sql" "$bak"; plain="$WORK/dump.sql"; else plain="$bak"; fi
  python3 - "$KTPEL_MASTER_KEY_FILE" "$bak" "$plain" <<'PY' || fail "$b: the master key is in the backup"
import sys
key = open(sys.argv[1]).read().strip()
for f in sys.argv[2:]:
    data = open(f, "rb").read()
    assert key.encode() not in data and key.upper().encode() not in data and bytes.fromhex(key) not in data, f
PY

  # Restore into a new database; a restore over one that holds data is refused without --force.
  target=$(fresh_db "$b")
  "$KTPEL" restore --from "$bak" --db "$target" >"$WORK/restore.out" 2>&1 || fail "$b: restore: $(cat "$WORK/restore.out")"
  set +e
  "$KTPEL" restore --from "$bak" --db "$target" >"$WORK/again.out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "already holds a database" "$WORK/again.out" || fail "$b: restore over data: rc $rc $(cat "$WORK/again.out")"
  # (before `audit verify`, itself an audited read, adds its entry)
  head_seq=$(q "$target" "SELECT seq FROM audit_head")
  head_hash=$(q "$target" "SELECT hash FROM audit_head")
  "$KTPEL" audit --db "$target" --as pemeriksa verify >"$WORK/verify.out" || fail "$b: restored audit chain: $(cat "$WORK/verify.out")"
  [ "$(q "$db" "SELECT hash FROM audit_log WHERE seq = $head_seq")" = "$head_hash" ] ||
    fail "$b: the copy's audit head (entry $head_seq) is not the source's entry $head_seq"
  [ "$(q "$target" "SELECT count(*) FROM audit_log WHERE seq <= $head_seq")" = "$head_seq" ] || fail "$b: the copy's audit log has gaps"
  [ "$(q "$target" "SELECT count(*) FROM audit_log WHERE action = 'cli backup'")" -ge 1 ] || fail "$b: the backup is not audited in the copy"
  # Every birth and print job in the copy has its audit entry and no entry lacks its row (one
  # snapshot: each write and its entry committed together); the source's entries up to the head
  # are exactly the copy's.
  count() { q "$1" "SELECT count(*) FROM $2"; }
  copy_births=$(count "$target" "residents WHERE name LIKE 'PENDATANG %'")
  entries=$(count "$target" "audit_log WHERE action = 'cli resident register'")
  source_entries=$(count "$db" "audit_log WHERE action = 'cli resident register' AND seq <= $head_seq")
  [ "$copy_births" = "$entries" ] && [ "$entries" = "$source_entries" ] ||
    fail "$b: $copy_births births in the copy, $entries audited there, $source_entries in the source up to entry $head_seq"
  jobs_copy=$(count "$target" "print_jobs")
  job_entries=$(count "$target" "audit_log WHERE action = 'cli print job'")
  [ "$jobs_copy" = "$job_entries" ] || fail "$b: $jobs_copy print jobs in the copy, $job_entries audited"
  [ "$copy_births" -ge "$births_before" ] && [ "$copy_births" -lt "$births_after" ] ||
    fail "$b: $copy_births births in the copy: $births_before were written before the backup began, $births_after when it ended"
  # Registry checksum of the imported rows, which no write touched: identical.
  sum="SELECT count(*) || ':' || sum(length(name) + length(address)) FROM residents WHERE name NOT LIKE 'PENDATANG %'"
  [ "$(q "$target" "$sum")" = "$(q "$db" "$sum")" ] || fail "$b: the imported registry differs in the copy"
  [ "$jobs_copy" -ge 5 ] || fail "$b: $jobs_copy print jobs in the copy"
  "$KTPEL" stock --db "$target" --as admin audit --date 2026-11-20 >"$WORK/stock.out" || fail "$b: restored stock ledger: $(cat "$WORK/stock.out")"
  used=$(q "$target" "SELECT count(*) FROM print_jobs")
  blanks=$("$KTPEL" stock --db "$target" --as admin balance --office 65.04 --json | json "d[0]['blanks']")
  [ $((blanks + used)) = 200 ] || fail "$b: the copy's ledger does not balance: $blanks blanks left + $used used != 200"
  pass "$b: backup taken mid-writes ($(grep -o 'in [0-9.]* s' "$WORK/backup.out"); $births_before births before it, $births_after after, $copy_births in the copy; $jobs_copy print jobs): audit chain = source's cut at entry $head_seq, ledger balances, no master key inside"

  # The restored database serves and takes writes.
  port=$(free_port)
  "$KTPEL" serve --db "$target" --port "$port" >"$WORK/serve.log" 2>&1 &
  server=$!
  wait_port "$port"
  tok=$(login "$port" kepala)
  code=$(curl -s -o "$WORK/birth.json" -w '%{http_code}' -H "$(bearer "$tok")" -H 'Content-Type: application/json' \
    -d "{\"name\":\"BAYI PULIH\",\"sex\":\"P\",\"birth_place\":\"MALINAU\",\"birth_date\":\"1997-11-02\",\"religion\":\"Islam\",\"village_code\":\"$village\",\"rt\":\"001\",\"rw\":\"002\",\"address\":\"JL. PULIH\",\"parent_reason\":\"ORANG_TUA_TIDAK_TERDAFTAR\"}" \
    "http://127.0.0.1:$port/api/v1/residents")
  [ "$code" = 201 ] || fail "$b: a birth on the restored database answered $code: $(cat "$WORK/birth.json")"
  kill $server; wait $server 2>/dev/null || true
  "$KTPEL" audit --db "$target" --as pemeriksa verify >"$WORK/verify.out" || fail "$b: audit chain after a write on the copy: $(cat "$WORK/verify.out")"
  pass "$b: the restored database serves and takes writes"

  # --force replaces a database that holds data, as a centre account of it: the birth made on the
  # copy is gone again and the chain verifies.
  set +e
  "$KTPEL" restore --from "$bak" --db "$target" --force >"$WORK/force.out" 2>&1; rc=$?
  set -e
  [ $rc = 2 ] && grep -q -- "--as USER" "$WORK/force.out" || fail "$b: --force without an account: rc $rc $(cat "$WORK/force.out")"
  "$KTPEL" restore --from "$bak" --db "$target" --force --as admin >"$WORK/force.out" 2>&1 || fail "$b: restore --force: $(cat "$WORK/force.out")"
  [ "$(q "$target" "SELECT count(*) FROM residents WHERE name = 'BAYI PULIH'")" = 0 ] || fail "$b: --force kept the replaced database's rows"
  [ "$(q "$target" "SELECT seq FROM audit_head")" = "$head_seq" ] || fail "$b: --force: the audit head is not the backup's"
  "$KTPEL" audit --db "$target" --as pemeriksa verify >"$WORK/verify.out" || fail "$b: audit chain after --force: $(cat "$WORK/verify.out")"
  pass "$b: restore --force replaced the database (with a centre account only)"

  # Damaged backups are refused and leave the target as it was.
  python3 - "$bak" "$WORK/flipped.backup" "$WORK/half.backup" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
flipped = bytearray(data); flipped[len(data) // 2] ^= 0x5A
open(sys.argv[2], "wb").write(flipped)
open(sys.argv[3], "wb").write(data[: len(data) // 2])
PY
  cp "$bak.sha256" "$WORK/flipped.backup.sha256"
  target2=$(fresh_db "$b")
  set +e
  "$KTPEL" restore --from "$WORK/flipped.backup" --db "$target2" >"$WORK/bad1.out" 2>&1; rc1=$?
  "$KTPEL" restore --from "$WORK/half.backup" --db "$target2" >"$WORK/bad2.out" 2>&1; rc2=$?
  "$KTPEL" restore --from "$WORK/half.backup" --db "$target2" --unchecked >"$WORK/bad3.out" 2>&1; rc3=$?
  set -e
  [ $rc1 = 1 ] && grep -q "is damaged: its SHA-256" "$WORK/bad1.out" || fail "$b: flipped byte: rc $rc1 $(cat "$WORK/bad1.out")"
  [ $rc2 = 1 ] && grep -q "no checksum file" "$WORK/bad2.out" || fail "$b: no checksum: rc $rc2 $(cat "$WORK/bad2.out")"
  [ $rc3 = 1 ] && grep -qi "damaged\|failed, nothing was restored" "$WORK/bad3.out" || fail "$b: truncated backup: rc $rc3 $(cat "$WORK/bad3.out")"
  if [ "$b" = sqlite ]; then
    [ ! -s "$target2" ] || fail "$b: a damaged restore left $(stat -c %s "$target2") bytes in the target"
    ls "$WORK" | grep -q 'restoring' && fail "$b: a damaged restore left its temporary file"
  else
    [ "$(psql "$target2" -qAt -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] ||
      fail "$b: a damaged restore left tables in the target"
  fi
  pass "$b: damaged backups refused ($(head -c 120 "$WORK/bad3.out")...)"
done

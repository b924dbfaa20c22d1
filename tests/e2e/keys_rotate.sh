#!/usr/bin/env bash
# Secrets and biometrics at rest (issue [8]) through the binary: `ktpel keys rotate` re-seals a
# real gallery in batches while other processes keep reading and writing it, `keys status` counts
# values per data key, a wrong master key fails with a clear message, and a new master key
# re-wraps the data keys. SQLite's default master.key is made next to the database, mode 0600.
source "$(dirname "$0")/lib.sh" "$@"
N=20000

# The default key file: none named, so master.key beside the database, with a notice.
(
  unset KTPEL_MASTER_KEY_FILE KTPEL_MASTER_KEY
  mkdir -p "$WORK/default"
  "$KTPEL" afis gallery --db "$WORK/default/centre.db" --fill-synthetic 10 2>"$WORK/notice" >/dev/null
  grep -q "created a new master key $WORK/default/master.key" "$WORK/notice" || fail "no notice: $(cat "$WORK/notice")"
  [ "$(stat -c %a "$WORK/default/master.key")" = 600 ] || fail "master.key mode $(stat -c %a "$WORK/default/master.key")"
  "$KTPEL" afis gallery --db "$WORK/default/centre.db" 2>"$WORK/notice" | grep -q "gallery: 10 fingers" || fail "default key reread"
  [ ! -s "$WORK/notice" ] || fail "a second key made: $(cat "$WORK/notice")"
) || exit 1
pass "sqlite: master.key made next to the database (0600), then reused"

for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" afis gallery --db "$db" --fill-synthetic "$N" | grep -q "gallery: $N fingers" || fail "$backend: fill"
  "$KTPEL" keys --db "$db" status >"$WORK/status"
  grep -Eq "^1 +[0-9a-f]{8} .* yes +$N$" "$WORK/status" || fail "$backend: status before: $(cat "$WORK/status")"

  # Readers (whole gallery, decrypting every finger) and a writer run beside the rotation.
  rm -f "$WORK/stop" "$WORK/reader-failed"
  reader() {
    while [ ! -e "$WORK/stop" ]; do
      "$KTPEL" afis gallery --db "$db" >"$WORK/read-$1.out" 2>&1 || { cp "$WORK/read-$1.out" "$WORK/reader-failed"; return; }
      grep -q "gallery: $N fingers" "$WORK/read-$1.out" || { cp "$WORK/read-$1.out" "$WORK/reader-failed"; return; }
      echo x >>"$WORK/reads"
    done
  }
  writer() {  # rewrites the first 100 fingers, each time under whatever key is active
    while [ ! -e "$WORK/stop" ]; do
      "$KTPEL" afis gallery --db "$db" --fill-synthetic 100 >/dev/null 2>"$WORK/write.err" || { cp "$WORK/write.err" "$WORK/reader-failed"; return; }
    done
  }
  : >"$WORK/reads"
  reader 1 & r1=$!
  reader 2 & r2=$!
  writer & w=$!
  sleep 0.5
  "$KTPEL" keys --db "$db" rotate --batch 1000 >"$WORK/rotate.out" 2>"$WORK/rotate.err" || fail "$backend: rotate: $(cat "$WORK/rotate.err")"
  sleep 0.5
  touch "$WORK/stop"
  wait $r1 $r2 $w
  [ ! -e "$WORK/reader-failed" ] || fail "$backend: a reader or writer failed during rotation: $(cat "$WORK/reader-failed")"
  reads=$(wc -l <"$WORK/reads")
  [ "$reads" -ge 2 ] || fail "$backend: only $reads whole-gallery reads during the rotation"
  grep -q "^data key 2 active; [0-9]* rows re-sealed" "$WORK/rotate.out" || fail "$backend: rotate said: $(cat "$WORK/rotate.out")"
  grep -q "re-sealing: $N / " "$WORK/rotate.err" || grep -q "re-sealing: [0-9]* / [0-9]* rows" "$WORK/rotate.err" ||
    fail "$backend: no progress shown: $(cat "$WORK/rotate.err")"
  "$KTPEL" keys --db "$db" status >"$WORK/status"
  grep -Eq "^1 +[0-9a-f]{8} .* no +0$" "$WORK/status" || fail "$backend: key 1 still seals values: $(cat "$WORK/status")"
  grep -Eq "^2 +[0-9a-f]{8} .* yes +$N$" "$WORK/status" || fail "$backend: status after: $(cat "$WORK/status")"
  pass "$backend: rotation re-sealed $N fingers while $reads whole-gallery reads and a writer ran"

  # A wrong master key: a clear error, not garbage.
  set +e
  KTPEL_MASTER_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))') "$KTPEL" afis gallery --db "$db" >/dev/null 2>"$WORK/err"; rc=$?
  set -e
  [ $rc = 3 ] && grep -q "does not open data key .*, which was wrapped by master key .*: check KTPEL_MASTER_KEY / KTPEL_MASTER_KEY_FILE" "$WORK/err" ||
    fail "$backend: wrong master key ($rc): $(cat "$WORK/err")"

  # A new master key: the data keys re-wrapped in one transaction; the old key no longer opens them.
  "$KTPEL" keys --db "$db" rotate --new-master-key-file "$WORK/new-$backend.key" >"$WORK/rewrap.out" 2>/dev/null
  grep -q "^2 data keys re-wrapped" "$WORK/rewrap.out" || fail "$backend: rewrap: $(cat "$WORK/rewrap.out")"
  set +e
  "$KTPEL" afis gallery --db "$db" >/dev/null 2>"$WORK/err"; rc=$?
  set -e
  [ $rc = 3 ] && grep -q "does not open data key" "$WORK/err" || fail "$backend: the old master key still works ($rc)"
  KTPEL_MASTER_KEY_FILE="$WORK/new-$backend.key" "$KTPEL" afis gallery --db "$db" | grep -q "gallery: $N fingers" ||
    fail "$backend: the new master key does not open the gallery"
  pass "$backend: wrong master key refused clearly; master key re-wrapped"
done

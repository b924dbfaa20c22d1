#!/usr/bin/env bash
# Acceptance 2: every kind of bad CSV gets a per-row report and writes nothing, on both backends.
source "$(dirname "$0")/lib.sh" "$@"
BAD="$DATA/bad_csv"
for backend in $(backends); do
  db=$(fresh_db "$backend")
  tail -n +2 "$BAD/cases.csv" | while IFS=, read -r file code line field; do
    set +e
    "$KTPEL" import --db "$db" "$BAD/$file" --report "$WORK/report.csv" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    set -e
    [ $rc -eq 1 ] || fail "$backend $file: exit $rc, expected 1 ($(cat "$WORK/err"))"
    grep -q "nothing was written" "$WORK/err" || fail "$backend $file: no 'nothing was written' in: $(cat "$WORK/err")"
    if [ "$code" != "*" ]; then
      grep -q "^residents,$line,[0-9]*,$field,$code," "$WORK/report.csv" ||
        fail "$backend $file: report lacks $code at line $line field '$field': $(cat "$WORK/report.csv")"
    fi
    [ "$(resident_count "$db")" = 0 ] || fail "$backend $file: rows were written"
    pass "$backend $file rejected ($code line $line)"
  done
  # --skip-bad: good rows land, bad rows go to a re-importable reject file.
  "$KTPEL" import --db "$db" "$BAD/unknown_village.csv" --skip-bad --reject-file "$WORK/rejects.csv" >"$WORK/out" 2>"$WORK/err" || true
  [ "$(resident_count "$db")" = 1 ] || fail "$backend --skip-bad did not import the good row"
  head -1 "$WORK/rejects.csv" | grep -q '^nik,kk,name' || fail "$backend reject file has no header"
  grep -q '65.71.01.9999' "$WORK/rejects.csv" || fail "$backend reject file lacks the bad row"
  pass "$backend --skip-bad"
done

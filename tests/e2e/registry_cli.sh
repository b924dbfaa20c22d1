#!/usr/bin/env bash
# [11] Registration and moves through the CLI, on each backend: a birth needs the parents or a
# reason and lists every problem at once; the same baby twice is a likely double (an officer may
# override it with a reason); the child joins the mother's KK; vocabularies in any case; a head
# moving to another regency takes the family to a new KK there, and the old KK lists nobody.
source "$(dirname "$0")/lib.sh" "$@"

for backend in $(backends); do
  db=$(fresh_db "$backend")
  reg() { "$KTPEL" resident --db "$db" register --json "$1"; }
  field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
  base='"sex":"L","birth_place":"TARAKAN","birth_date":"2026-11-30","village_code":"65.71.01.1001","rt":"001","rw":"002","address":"JL. SUDIRMAN NO. 5"'

  mother=$(reg '{"name":"SITI AMINAH","sex":"P","birth_place":"TARAKAN","birth_date":"1990-01-05","religion":"Islam","marital_status":"KAWIN","occupation":"GURU","village_code":"65.71.01.1001","rt":"001","rw":"002","address":"JL. SUDIRMAN NO. 5","parent_reason":"ORANG_TUA_TIDAK_TERDAFTAR"}' | field '["nik"]')
  kk=$("$KTPEL" resident --db "$db" get --json "$mother" | field '["kk"]')

  # Every problem at once, each naming its field; nothing registered.
  set +e
  reg "{\"name\":\"BAYI\",$base,\"religion\":\"Jedi\",\"marital_status\":\"KAWIN\"}" >"$WORK/out" 2>"$WORK/err"; rc=$?
  set -e
  [ $rc = 1 ] || fail "$backend: a birth without parents exit $rc"
  for expected in 'ENUM_VALUE \[religion\]' 'PARENT_REQUIRED \[mother_nik\]' 'MARITAL_UNDER_AGE \[marital_status\]' 'KK_REQUIRED \[kk\]'; do
    grep -q "^rejected: $expected" "$WORK/err" || fail "$backend: $expected not named: $(cat "$WORK/err")"
  done
  pass "$backend: a birth names every problem"

  # With the mother: her KK, any-case vocabulary stored canonically.
  baby=$(reg "{\"name\":\"MUHAMMAD RIZKI\",$base,\"religion\":\"ISLAM\",\"mother_nik\":\"$mother\"}" | field '["nik"]')
  "$KTPEL" resident --db "$db" get --json "$baby" >"$WORK/baby.json"
  [ "$(field '["kk"]' <"$WORK/baby.json")" = "$kk" ] || fail "$backend: the baby is not on the mother's KK"
  [ "$(field '["religion"]' <"$WORK/baby.json")" = "Islam" ] || fail "$backend: religion not canonical"
  field '["family"]' <"$WORK/baby.json" | grep -q "'relationship': 'ANAK'" || fail "$backend: relationship $(cat "$WORK/baby.json")"
  pass "$backend: the child joins the mother's KK"

  # The same baby again (another spelling): refused with the candidate; overridden with a reason.
  set +e
  reg "{\"name\":\"Moch. Rizki\",$base,\"religion\":\"islam\",\"mother_nik\":\"$mother\"}" >"$WORK/out" 2>"$WORK/err"; rc=$?
  set -e
  [ $rc = 1 ] && grep -q '^rejected: LIKELY_DOUBLE' "$WORK/err" && grep -q "^likely double: $baby" "$WORK/err" ||
    fail "$backend: the same baby twice: $rc $(cat "$WORK/err")"
  twin=$(reg "{\"name\":\"Moch. Rizki\",$base,\"religion\":\"islam\",\"mother_nik\":\"$mother\",\"confirm_not_double\":true,\"not_double_reason\":\"kembar\"}" | field '["nik"]')
  "$KTPEL" resident --db "$db" history "$twin" | grep -q "bukan data ganda dari $baby: kembar" || fail "$backend: override reason not kept"
  pass "$backend: a likely double is refused, overridden only with a reason"

  # The head moves to Malinau alone: she must name the new head; with the family, all move.
  move='{"type":"move","village_code":"65.04.01.2001","rt":"003","rw":"001","address":"DUSUN 2","reason":"SKPWNI 1"'
  set +e
  "$KTPEL" resident --db "$db" event "$mother" --json "$move}" >"$WORK/out" 2>"$WORK/err"; rc=$?
  set -e
  [ $rc = 1 ] && grep -q 'MOVE_NEW_HEAD_REQUIRED \[new_head\]' "$WORK/err" || fail "$backend: head moved alone: $(cat "$WORK/err")"
  new_kk=$("$KTPEL" resident --db "$db" event "$mother" --json "$move,\"with_family\":true}" | field '["kk"]')
  [ "${new_kk:0:6}" = 650401 ] || fail "$backend: new KK $new_kk not in the destination kecamatan"
  "$KTPEL" resident --db "$db" get --json "$baby" >"$WORK/baby.json"
  [ "$(field '["kk"]' <"$WORK/baby.json")" = "$new_kk" ] && [ "$(field '["village_code"]' <"$WORK/baby.json")" = 65.04.01.2001 ] ||
    fail "$backend: the family did not follow: $(cat "$WORK/baby.json")"
  [ "$(field '["family"].__len__()' <"$WORK/baby.json")" = 3 ] || fail "$backend: new KK members"
  pass "$backend: a move takes the family to a new KK in the destination regency"
done

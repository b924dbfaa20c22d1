#!/usr/bin/env bash
# The README's CLI tour, run for real: every command it shows works and says what it should.
source "$(dirname "$0")/lib.sh" "$@"
db="$WORK/tour.db"

"$KTPEL" nik decode 6571014501900001 --as-of 2025-06-01 | grep -q 'Tarakan Barat.*1990-01-05.*P (perempuan).*0001' || fail "nik decode"
"$KTPEL" nik decode --json 6571014501900001 | python3 -c 'import json,sys; assert json.load(sys.stdin)[0]["sex"]=="P"' || fail "nik decode --json"
set +e
"$KTPEL" nik check 6571013102900000 >"$WORK/out" 2>&1; rc=$?
set -e
[ $rc = 1 ] && grep -q NIK_DATE_INVALID "$WORK/out" && grep -q NIK_SERIAL_ZERO "$WORK/out" || fail "nik check lists every problem"
printf 'nik,birth_date,sex\n6571014501900001,1990-01-05,P\n6571014501900001,1990-01-06,L\nabc,,\n' >"$WORK/niks.csv"
set +e
"$KTPEL" nik check --file "$WORK/niks.csv" >"$WORK/out" 2>&1; rc=$?
set -e
[ $rc = 1 ] || fail "nik check --file exit $rc"
grep -q '^line 2: 6571014501900001  OK' "$WORK/out" || fail "nik check --file line 2: $(cat "$WORK/out")"
grep -q '^line 3: .*NIK_BIRTH_DATE_MISMATCH' "$WORK/out" && grep -q '^line 3: .*NIK_SEX_MISMATCH' "$WORK/out" || fail "line 3 mismatches"
grep -q '^line 4: abc  ERROR NIK_LENGTH' "$WORK/out" || fail "line 4 length"
pass "nik decode/check"

"$KTPEL" wilayah get 65.71.01.1001 | tail -1 | grep -q '^65.71.01.1001 *desa' || fail "wilayah get"
"$KTPEL" wilayah children 65 | wc -l | grep -qx 5 || fail "wilayah children"
"$KTPEL" wilayah search "tanjung selor" --level kecamatan | grep -q '65.01' || fail "wilayah search"
"$KTPEL" wilayah nearest 3.30 117.63 --limit 1 | grep -q 'Tarakan' || fail "wilayah nearest"
"$KTPEL" wilayah load-time | grep -q '83762 desa' || fail "wilayah load-time"
pass "wilayah"

"$KTPEL" generate --province 65 --regency 65.04 --scale 0.05 --seed 7 --duplicates 0.05 --out "$WORK/gen" >"$WORK/out"
grep -q 'injected duplicates' "$WORK/out" || fail "generate summary"
head -1 "$WORK/gen/truth.csv" | grep -qx 'nik,person_id' || fail "truth.csv header"
"$KTPEL" generate --province 65 --regency 65.04 --scale 0.05 --seed 7 --duplicates 0.05 --out "$WORK/gen2" >/dev/null
cmp -s "$WORK/gen/residents.csv" "$WORK/gen2/residents.csv" || fail "generate is not deterministic"
set +e
"$KTPEL" generate --province 99 --out "$WORK/x" 2>"$WORK/err"; rc=$?
set -e
[ $rc = 2 ] && grep -q "unknown province code '99'" "$WORK/err" || fail "generate bad province: $rc $(cat "$WORK/err")"
pass "generate"

"$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" | grep -q '^imported' || fail "import"
"$KTPEL" export --db "$db" --out "$WORK/export.csv" >/dev/null
"$KTPEL" import --db "$WORK/copy.db" "$WORK/export.csv" >/dev/null
"$KTPEL" export --db "$WORK/copy.db" --out "$WORK/export2.csv" >/dev/null
cmp -s "$WORK/export.csv" "$WORK/export2.csv" || fail "export -> import -> export is not a fixed point"
[ "$(wc -l < "$WORK/export.csv")" = "$(wc -l < "$WORK/gen/residents.csv")" ] || fail "export lost rows"
pass "import/export round trip"

nik=$("$KTPEL" resident --db "$db" register --json '{"name":"PENDATANG TEST","sex":"L","birth_place":"TANA TIDUNG","birth_date":"1995-05-01","religion":"Islam","village_code":"65.04.01.2001","rt":"001","rw":"001","address":"DUSUN 1","parent_reason":"ORANG_TUA_TIDAK_TERDAFTAR"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["nik"])')
[ "${nik:0:12}" = "650401010595" ] || fail "registration NIK $nik"
"$KTPEL" resident --db "$db" event "$nik" --json '{"type":"move","village_code":"65.71.01.1001","rt":"002","rw":"003","address":"JL. SUDIRMAN NO. 1","reason":"ikut orang tua"}' >/dev/null
"$KTPEL" resident --db "$db" history "$nik" | python3 -c 'import json,sys; h=json.load(sys.stdin); assert [c["event"] for c in h]==["birth","move"], h' || fail "history"
"$KTPEL" resident --db "$db" get --json "$nik" | grep -q '"village_code": "65.71.01.1001"' || fail "resident get --json after move"
# Without --json: labelled Indonesian lines an officer reads, region names, dated history.
"$KTPEL" resident --db "$db" get "$nik" >"$WORK/get.txt"
grep -q "^Nama *: PENDATANG TEST$" "$WORK/get.txt" || fail "resident get: no Nama line"
grep -q "^Tempat/tgl lahir *: TANA TIDUNG, 1 Mei 1995$" "$WORK/get.txt" || fail "resident get: birth place/date in words"
grep -q "^Wilayah *: .*Kec\. .*(65.71.01.1001)$" "$WORK/get.txt" || fail "resident get: region names"
grep -q "^Status KTP-el *: Belum direkam$" "$WORK/get.txt" || fail "resident get: e-KTP status in words"
grep -Eq "^  [0-9]+ [A-Z][a-z]+ 20[0-9]{2} [0-9:]{5} UTC  move oleh " "$WORK/get.txt" || fail "resident get: dated history"
! grep -q '{' "$WORK/get.txt" || fail "resident get printed JSON without --json"
"$KTPEL" resident --db "$db" search --name "PENDATANG TEST" 2>&1 | grep -q "$nik" || fail "resident search"
set +e
"$KTPEL" resident --db "$db" event "$nik" --json '{"type":"marital_change","marital_status":"CERAI HIDUP"}' 2>"$WORK/err"; rc=$?
set -e
[ $rc = 1 ] && grep -q MARITAL_TRANSITION "$WORK/err" || fail "illegal marital change accepted"
pass "resident register/event/history"

"$KTPEL" stats --db "$db" --level kecamatan --code 65.04 --as-of 2025-06-30 | tail -1 | grep -q '^65.04' || fail "stats"
pass "stats"

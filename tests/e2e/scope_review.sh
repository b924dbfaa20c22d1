#!/usr/bin/env bash
# Issue [11], a hostile reviewer's findings on the new routes, each closed (both backends):
# a birth naming a mother or a KK of another regency answers as unregistered (no name copied, no
# write into that KK); the e-KTP activity and the monthly report without a region answer for the
# caller's own region, not the nation; an akta is not dated in the future.
source "$(dirname "$0")/lib.sh" "$@"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
"$KTPEL" generate --province 65 --scale 0.01 --seed 3 --as-of 2026-12-01 --out "$WORK/gen" >/dev/null
# A woman of Nunukan (65.03) and her KK, a child of Malinau Kota (65.02.02).
read -r mother mother_kk mother_name < <(python3 -c "
import csv
for r in csv.DictReader(open('$WORK/gen/residents.csv')):
    if r['village_code'].startswith('65.03') and r['sex'] == 'P' and '1985' < r['birth_date'] < '2000':
        print(r['nik'], r['kk'], r['name'].replace(' ', '_')); break")
child=$(python3 -c "
import csv
for r in csv.DictReader(open('$WORK/gen/residents.csv')):
    if r['village_code'].startswith('65.02.02') and r['birth_date'] > '2015': print(r['nik']); break")
for b in $(backends); do
  db=$(fresh_db "$b")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" >/dev/null
  "$KTPEL" coverage --db "$db" rebuild >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" loket operator 65.02.02 admin
  make_user "$db" kepala supervisor 65.02 admin
  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  wait_port "$port"
  api="http://127.0.0.1:$port/api/v1"
  loket=$(bearer "$(login "$port" loket)")
  kepala=$(bearer "$(login "$port" kepala)")

  body="{\"name\":\"BAYI UJI\",\"sex\":\"L\",\"birth_place\":\"MALINAU\",\"birth_date\":\"2026-11-30\",\"religion\":\"Islam\",\"village_code\":\"65.02.02.2001\",\"rt\":\"001\",\"rw\":\"001\",\"address\":\"JL. A\",\"mother_nik\":\"$mother\"}"
  code=$(curl -s -o "$WORK/out.json" -w '%{http_code}' -H "$loket" -X POST "$api/residents" -d "$body")
  [ "$code" = 422 ] && json "d['error']['code'], d['error']['field']" <"$WORK/out.json" | grep -qx 'PARENT_NOT_FOUND mother_nik' ||
    fail "$b: a Nunukan mother for a Malinau birth: $code $(cat "$WORK/out.json")"
  ! grep -q "${mother_name//_/ }" "$WORK/out.json" || fail "$b: the answer names the other regency's mother"
  body="{\"name\":\"BAYI UJI\",\"sex\":\"L\",\"birth_place\":\"MALINAU\",\"birth_date\":\"2026-11-30\",\"religion\":\"Islam\",\"village_code\":\"65.02.02.2001\",\"rt\":\"001\",\"rw\":\"001\",\"address\":\"JL. A\",\"parent_reason\":\"ORANG_TUA_TIDAK_TERDAFTAR\",\"kk\":\"$mother_kk\",\"kk_reason\":\"ikut nenek\"}"
  code=$(curl -s -o "$WORK/out.json" -w '%{http_code}' -H "$loket" -X POST "$api/residents" -d "$body")
  json "d['error']['code'], d['error']['field']" <"$WORK/out.json" | grep -qx 'KK_NOT_FOUND kk' ||
    fail "$b: a baby into a Nunukan KK: $code $(cat "$WORK/out.json")"
  pass "$b: a mother or a KK of another regency answers as unregistered"

  # Activity without a region: the caller's own kecamatan (equal to asking for it), not the nation.
  curl -sf -H "$loket" "$api/ektp/activity?months=3" >"$WORK/own.json"
  curl -sf -H "$loket" "$api/ektp/activity?months=3&code=65.02.02" >"$WORK/asked.json"
  cmp -s "$WORK/own.json" "$WORK/asked.json" || fail "$b: activity without code is not the caller's region: $(head -c 300 "$WORK/own.json")"
  national=$(curl -sf -H "$(bearer "$(login "$port" admin)")" "$api/ektp/activity?months=3" | json "sum(d['stuck'].values()) if isinstance(d.get('stuck'), dict) else 0")
  own=$(json "sum(d['stuck'].values()) if isinstance(d.get('stuck'), dict) else 0" <"$WORK/own.json")
  [ "$own" -le "$national" ] || fail "$b: own $own > national $national"
  # The monthly report without a region: the regency officer's regency.
  curl -sf -H "$kepala" "$api/reports/monthly" | json "d['code']" | grep -qx 65.02 || fail "$b: report without code: $(curl -s -H "$kepala" "$api/reports/monthly" | head -c 300)"
  pass "$b: activity and the monthly report without a region answer for the caller's own"

  code=$(curl -s -o "$WORK/out.json" -w '%{http_code}' -H "$loket" -X POST "$api/akta" -d "{\"nik\":\"$child\",\"office\":\"65.02\",\"date\":\"2099-01-01\"}")
  json "d['error']['code']" <"$WORK/out.json" | grep -qx DATE_IN_FUTURE || fail "$b: an akta dated 2099: $code $(cat "$WORK/out.json")"
  pass "$b: an akta is not dated in the future"
  kill %% 2>/dev/null || true
  wait 2>/dev/null || true
done

#!/usr/bin/env bash
# Issue [11]: a DUPLICATE_RECORD says which NIK it duplicates, everywhere it shows. Two residents
# are recorded at a station with the same ten fingerprint templates; the centre's dedup stage
# flags the second as a DUPLICATE_RECORD of the first (certain: identical templates, no case).
# `ektp status`, `resident get`, GET /ektp/{nik}, GET /residents/{nik} and the print desk's
# refusal all name the first NIK.
source "$(dirname "$0")/lib.sh" "$@"
FP=$(cd "$DATA/fingerprints/fvc2002/DB1_B" && pwd)
export KTPEL_STATION_PASSPHRASE=rahasia-stasiun-uji KTPEL_OPERATOR_PASSWORD=operator-uji-1
"$KTPEL" generate --province 65 --regency 65.71 --scale 0.02 --seed 9 --out "$WORK/gen" >/dev/null
mapfile -t adults < <(awk -F, 'NR>1 && $6 < "2000-01-01" && $12 ~ /^65\.71\.02/ {print $1}' "$WORK/gen/residents.csv" | head -2)
[ ${#adults[@]} = 2 ] || fail "two adults of Tarakan Tengah wanted"
first=${adults[0]} second=${adults[1]}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" siti supervisor 65.71 admin
  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/centre.log" 2>&1 &
  wait_port "$port"
  api="http://127.0.0.1:$port/api/v1"
  desk=$(bearer "$(login "$port" siti)")
  dir="$WORK/$backend-station"
  fingerprint=$("$KTPEL" centre --db "$db" --as admin fingerprint)
  code=$("$KTPEL" centre --db "$db" --as admin station-code --kecamatan 65.71.02)
  "$KTPEL" station --dir "$dir" init --centre "http://127.0.0.1:$port" --code "$code" --centre-fingerprint "$fingerprint" >/dev/null
  "$KTPEL" station --dir "$dir" operator --user budi >/dev/null
  printf '\xff\xd8\xff\xe0photo' >"$WORK/photo.jpg"
  printf '\x89PNG\r\n\x1a\nsig' >"$WORK/sign.png"
  fingers=""
  for p in $(seq 1 10); do fingers="$fingers{\"position\":$p,\"quality\":80,\"template\":\"$FP/$((100 + p))_1.iso\"},"; done
  for nik in "$first" "$second"; do  # the same fingers under two NIKs
    echo "{\"nik\":\"$nik\",\"photo\":\"$WORK/photo.jpg\",\"signature\":\"$WORK/sign.png\",\"fingers\":[${fingers%,}]}" >"$WORK/enrol.json"
    "$KTPEL" station --dir "$dir" record --operator budi --json "$WORK/enrol.json" >/dev/null
    "$KTPEL" station --dir "$dir" sync --timeout 20 >/dev/null
    for _ in $(seq 100); do curl -s -H "$desk" "$api/ektp/$nik" | grep -q '"status":"\(PRR\|DUPLICATE_RECORD\|DEDUP_REVIEW\)"' && break; sleep 0.1; done
  done
  curl -s -H "$desk" "$api/ektp/$second" >"$WORK/second.json"
  json "(d['status'], d['duplicate_of']['nik'], d['duplicate_of']['case_id'])" <"$WORK/second.json" | grep -qx "('DUPLICATE_RECORD', '$first', None)" ||
    fail "$backend: GET /ektp/$second: $(head -c 800 "$WORK/second.json")"
  curl -s -H "$desk" "$api/ektp/$first" | json "d['duplicate_of']" | grep -qx None || fail "$backend: the original shows a link"
  curl -s -H "$desk" "$api/residents/$second" | json "(d['ektp_status'], d['duplicate_of']['nik'])" |
    grep -qx "('DUPLICATE_RECORD', '$first')" || fail "$backend: GET /residents/$second"
  "$KTPEL" resident --db "$db" --as siti get --json "$second" | json "d['duplicate_of']['nik']" | grep -qx "$first" || fail "$backend: resident get"
  "$KTPEL" ektp --db "$db" --as siti status "$second" | grep -Eqi "duplikat dari *:? *NIK $first" || fail "$backend: ektp status"
  "$KTPEL" printer --db "$db" --as siti add --office 65.71 --serial P1 --per-day 100 >/dev/null
  "$KTPEL" stock --db "$db" --as siti receive --office 65.71 --qty 2 --ref BAST-1 >/dev/null
  set +e
  "$KTPEL" print --db "$db" --as siti job --office 65.71 --nik "$second" --card C-1 --printer P1 >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "DUPLICATE_RECORD of NIK $first" "$WORK/out" || fail "$backend: print refusal: rc $rc $(cat "$WORK/out")"
  kill %% 2>/dev/null || true
  wait 2>/dev/null || true
  pass "$backend: the DUPLICATE_RECORD names NIK $first in ektp status, resident get, the API and the print desk's refusal"
done

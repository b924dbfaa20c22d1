#!/usr/bin/env bash
# Issue [11] at a regency office, through the binary, on each backend: suket holders printed first
# (and the setting that turns it off); the suket rule on the expected print date, its refusal
# saying the date; a suket whose QR opens the office's public page (zbarimg), still verifying
# offline with the key; expiry in the list and per office; renewal (old one RENEWED, audited);
# the public page without a login; "where is my KTP?" in plain Indonesian; an akta kelahiran
# issued through the CLI and the API, counted in the 0-17 coverage at once.
source "$(dirname "$0")/lib.sh" "$@"
for tool in pdftoppm pdftotext zbarimg; do command -v $tool >/dev/null || fail "$tool missing (poppler-utils, zbar-tools)"; done

"$KTPEL" generate --province 65 --regency 65.04 --scale 0.05 --seed 11 --as-of 2026-11-20 --out "$WORK/gen" >/dev/null
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

for b in $(backends); do
  db=$(fresh_db "$b")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" kepala supervisor 65.04 admin
  make_user "$db" pemeriksa auditor pusat admin
  # Two children of one kecamatan of 65.04 (the import brings no akta); its operator issues theirs.
  mapfile -t kids < <(python3 -c "
import csv,sys,collections
by=collections.defaultdict(list)
for r in csv.DictReader(open(sys.argv[1])):
    if r['birth_date'] > '2010-01-01' and r['village_code'].startswith('65.04.'): by[r['village_code'][:8]].append(r['nik'])
k=next(v for v in by.values() if len(v) >= 2); print(k[0]); print(k[1])" "$WORK/gen/residents.csv")
  kecamatan=$(python3 -c "
import csv,sys
print(next(r['village_code'][:8] for r in csv.DictReader(open(sys.argv[1])) if r['nik'] == sys.argv[2]))" "$WORK/gen/residents.csv" "${kids[0]}")
  make_user "$db" petugas operator "$kecamatan" admin
  export KTPEL_USER=kepala
  # A slow printer (2 cards a day) and blanks for everyone: the wait, not the stock, decides.
  "$KTPEL" printer --db "$db" add --office 65.04 --serial P1 --model "Fargo" --per-day 2 >/dev/null
  "$KTPEL" stock --db "$db" receive --office 65.04 --qty 100000 --ref BAST-1 --date 2026-11-20 >/dev/null

  # Suket holders first by default; the setting turns it off.
  "$KTPEL" print --db "$db" queue --office 65.04 --limit 100000 --json >"$WORK/queue.json"
  json "d[0]['class']" <"$WORK/queue.json" | grep -qx SUKET_CONVERSION || fail "$b: the queue does not start with a suket holder: $(head -c 300 "$WORK/queue.json")"
  "$KTPEL" print --db "$db" setting print.suket_first false >/dev/null
  "$KTPEL" print --db "$db" queue --office 65.04 --limit 1 --json | json "d[0]['class']" | grep -qvx SUKET_CONVERSION || fail "$b: print.suket_first false ignored"
  "$KTPEL" print --db "$db" setting print.suket_first true >/dev/null
  pass "$b: suket holders printed first, configurable"

  # The suket rule: the first PRR resident prints today (refused, the date said); the last waits long.
  first=$(json "[e['nik'] for e in d if e['status'] == 'PRR'][0]" <"$WORK/queue.json")
  last=$(json "[e['nik'] for e in d if e['status'] == 'PRR'][-1]" <"$WORK/queue.json")
  set +e
  "$KTPEL" suket --db "$db" issue "$first" --office 65.04 --date 2026-11-20 >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "expected at office 65.04 on 2026-1[12]-" "$WORK/out" && grep -q "diperkirakan dicetak" "$WORK/out" ||
    fail "$b: a suket for the head of the queue: rc $rc $(cat "$WORK/out")"
  "$KTPEL" print --db "$db" setting office.public_url https://disdukcapil.example/ >/dev/null
  "$KTPEL" suket --db "$db" issue "$last" --office 65.04 --date 2026-11-20 --out "$WORK/suket.pdf" --json >"$WORK/suket.json" ||
    fail "$b: a suket for the end of a queue of $(json "len(d)" <"$WORK/queue.json") at 2 cards a day was refused"
  number=$(json "d['number']" <"$WORK/suket.json")
  token=$(json "d['token']" <"$WORK/suket.json")
  key=$(json "d['public_key']" <"$WORK/suket.json")
  json "d['expires']" <"$WORK/suket.json" | grep -qx 2027-05-20 || fail "$b: expiry $(cat "$WORK/suket.json")"
  pass "$b: the suket rule reads the expected date"

  # The QR opens the office's public page; the same token still verifies offline; no CLI in the footer.
  pdftoppm -r 150 -png -singlefile "$WORK/suket.pdf" "$WORK/suket"
  decoded=$(zbarimg -q --raw --nodbus -Sdisable -Sqrcode.enable "$WORK/suket.png")
  [ "$decoded" = "https://disdukcapil.example/v/$token" ] || fail "$b: QR holds '$decoded'"
  "$KTPEL" suket verify "$decoded" --public-key "$key" | grep -q "^VALID: suket $number" || fail "$b: offline verification of the URL"
  pdftotext "$WORK/suket.pdf" "$WORK/suket.txt"
  grep -q "Pindai kode QR" "$WORK/suket.txt" && grep -q "BERLAKU SAMPAI DENGAN 20 MEI 2027" "$WORK/suket.txt" &&
    ! grep -q "ktpel suket verify" "$WORK/suket.txt" || fail "$b: PDF text: $(cat "$WORK/suket.txt")"
  pass "$b: QR = public URL, offline verification, footer for a phone"

  # Expiry: shown in the list, counted per office; renewal replaces the number.
  "$KTPEL" suket --db "$db" list --office 65.04 --date 2027-06-01 | grep "$number" | grep -q EXPIRED || fail "$b: list does not say EXPIRED"
  "$KTPEL" suket --db "$db" expired --office 65.04 --date 2027-06-01 --json | json "[r['expired'] for r in d if r['office'] == '65.04'][0] >= 1" |
    grep -qx True || fail "$b: expired count"
  set +e
  "$KTPEL" suket --db "$db" renew "$number" --date 2026-11-21 >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "can be renewed from 2027-04-20" "$WORK/out" || fail "$b: early renewal: $(cat "$WORK/out")"
  "$KTPEL" suket --db "$db" renew "$number" --date 2027-06-01 --json >"$WORK/renew.json"
  new=$(json "d['number']" <"$WORK/renew.json")
  newtoken=$(json "d['token']" <"$WORK/renew.json")
  [ "$new" != "$number" ] && json "d['replaces']" <"$WORK/renew.json" | grep -qx "$number" || fail "$b: renewal: $(cat "$WORK/renew.json")"
  "$KTPEL" suket --db "$db" list --office 65.04 | grep "$number" | grep -q "renewed.*-> $new" || fail "$b: the old suket is not RENEWED"
  set +e
  "$KTPEL" suket --db "$db" verify "$decoded" >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q RENEWED "$WORK/out" || fail "$b: the old token: $(cat "$WORK/out")"
  KTPEL_USER=pemeriksa "$KTPEL" audit --db "$db" list --user kepala | grep "cli suket renew" | grep -q "$number" || fail "$b: the renewal is not audited"
  pass "$b: expiry listed and counted, renewal audited"

  unset KTPEL_USER
  "$KTPEL" coverage --db "$db" --as kepala rebuild --date 2026-11-20 >/dev/null
  akta_count() { "$KTPEL" coverage --db "$db" --as kepala --level kabupaten --code 65 --date 2026-11-20 --json |
    json "[r['counts']['children_with_akta'] for r in d['rows'] if r['code'] == '65.04'][0]"; }
  before=$(akta_count)
  "$KTPEL" akta --db "$db" --as petugas issue "${kids[0]}" --office 65.04 --date 2026-11-20 >"$WORK/akta.out" ||
    fail "$b: akta issue: $(cat "$WORK/akta.out")"
  grep -q "akta kelahiran 6504-L[TU]-20112026-0001 for ${kids[0]}" "$WORK/akta.out" || fail "$b: akta: $(cat "$WORK/akta.out")"

  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  wait_port "$port"
  op=$(bearer "$(login "$port" petugas)")
  code=$(curl -s -o "$WORK/akta.json" -w '%{http_code}' -H "$op" -X POST "http://127.0.0.1:$port/api/v1/akta" \
    -d "{\"nik\":\"${kids[1]}\",\"office\":\"65.04\",\"date\":\"2026-11-20\"}")
  [ "$code" = 201 ] && json "d['number']" <"$WORK/akta.json" | grep -q -- "-0002$" || fail "$b: API akta: $code $(cat "$WORK/akta.json")"
  code=$(curl -s -o "$WORK/err.json" -w '%{http_code}' -H "$op" -X POST "http://127.0.0.1:$port/api/v1/akta" \
    -d "{\"nik\":\"${kids[1]}\",\"office\":\"65.04\"}")
  [ "$code" = 409 ] && json "d['error']['code']" <"$WORK/err.json" | grep -qx AKTA_EXISTS || fail "$b: a second akta: $code $(cat "$WORK/err.json")"
  after=$(akta_count)
  [ "$after" = $((before + 2)) ] || fail "$b: children with akta $before -> $after, want +2"
  pass "$b: akta issued (CLI and API), never twice, coverage +2"

  # The public page: no login, Indonesian, no NIK, the name masked.
  page=$(curl -sf "http://127.0.0.1:$port/v/$newtoken") || fail "$b: public page"
  grep -q "ASLI dan BERLAKU" <<<"$page" && grep -q "$new" <<<"$page" && ! grep -q "$last" <<<"$page" || fail "$b: public page: $page"
  curl -sf "http://127.0.0.1:$port/v/$token" | grep -q "TIDAK BERLAKU LAGI" || fail "$b: the renewed suket's page"
  curl -sf -H "$(bearer "$(login "$port" kepala)")" "http://127.0.0.1:$port/api/v1/suket/expiry?office=65.04" | json "d['open'] >= 1" |
    grep -qx True || fail "$b: API expiry"
  # "Where is my KTP?" for the suket holder, in words.
  birth=$(python3 -c "
import csv,sys
print(next(r['birth_date'] for r in csv.DictReader(open(sys.argv[1])) if r['nik'] == sys.argv[2]))" "$WORK/gen/residents.csv" "$last")
  curl -sf "http://127.0.0.1:$port/api/v1/public/ektp-status?nik=$last&birth_date=$birth" >"$WORK/status.json" || fail "$b: ektp-status"
  json "d['status'] == 'SUKET' and d['suket']['number'] == '$new' and 'suket) nomor $new' in d['message'] and d['queue']['place'] >= 1" \
    <"$WORK/status.json" | grep -qx True || fail "$b: ektp-status: $(cat "$WORK/status.json")"
  kill %% 2>/dev/null || true
  wait 2>/dev/null || true
  pass "$b: public suket page and \"where is my KTP?\" in Indonesian"
done

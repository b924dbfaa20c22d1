#!/usr/bin/env bash
# Issue [11] at the printing desk, through the binary and the API on each backend: a print dated
# before the record became PRR is refused; the hand-over records office, officer and who
# collected the card (a representative with a NIK); the capacity plan's sharing is executed —
# Malinau (65.02, printers, no residents here) prints for Tana Tidung (65.04, a 1-card/day
# printer): job --for-office, Malinau's blank, shipped, received, handed over in Tana Tidung; the
# stock-out forecast says which basis it used.
source "$(dirname "$0")/lib.sh" "$@"

"$KTPEL" generate --province 65 --regency 65.04 --scale 0.02 --seed 5 --as-of 2026-11-20 --out "$WORK/gen" >/dev/null
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

for b in $(backends); do
  db=$(fresh_db "$b")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" malinau supervisor 65.02 admin
  make_user "$db" tidung supervisor 65.04 admin
  make_user "$db" provinsi province 65 admin
  "$KTPEL" printer --db "$db" --as malinau add --office 65.02 --serial M1 --per-day 300 >/dev/null
  "$KTPEL" stock --db "$db" --as malinau receive --office 65.02 --qty 10 --ref BAST-M --date 2026-11-20 >/dev/null
  "$KTPEL" printer --db "$db" --as tidung add --office 65.04 --serial T1 --per-day 1 >/dev/null
  "$KTPEL" stock --db "$db" --as tidung receive --office 65.04 --qty 3 --ref BAST-T --date 2026-11-20 >/dev/null

  # The forecast with no print job at all: the printers' capacity, not "-".
  "$KTPEL" stock --db "$db" --as provinsi forecast --office 65.04 --date 2026-11-20 --json >"$WORK/forecast.json"
  json "[(r['basis'], r['capacity_per_day'], r['blank_days_left'], r['backlog'] > 3) for r in d if r['office'] == '65.04']" <"$WORK/forecast.json" |
    grep -qx "\[('capacity', 1, 3, True)\]" || fail "$b: forecast of 65.04: $(cat "$WORK/forecast.json")"
  "$KTPEL" stock --db "$db" --as provinsi forecast --office 65.04 --date 2026-11-20 | grep -E '^65\.04 ' | grep -q ' capacity ' ||
    fail "$b: the forecast table does not say its basis"
  pass "$b: stock-out forecast on thin history: capacity basis, 3 blanks at 1 card/day = 3 days"

  # The plan: Malinau prints for Tana Tidung.
  "$KTPEL" print --db "$db" --as provinsi plan --province 65 --date 2026-11-20 --json >"$WORK/plan.json"
  cards=$(json "sum(s['cards'] for s in d['shares'] if s['printer_office'] == '65.02' and s['for_office'] == '65.04')" <"$WORK/plan.json")
  [ "$cards" -gt 0 ] || fail "$b: the plan has no Malinau -> Tana Tidung share: $(head -c 800 "$WORK/plan.json")"
  # The first three waiting in PRR (suket holders come first in the queue; their `since` is the suket's day).
  "$KTPEL" print --db "$db" --as malinau queue --office 65.02 --for-office 65.04 --limit 1000 --json >"$WORK/queue.json"
  mapfile -t niks < <(json "'\n'.join([e['nik'] for e in d if e['status'] == 'PRR'][:3])" <"$WORK/queue.json")
  mapfile -t since < <(json "'\n'.join([e['since'][:10] for e in d if e['status'] == 'PRR'][:3])" <"$WORK/queue.json")
  [ ${#niks[@]} = 3 ] || fail "$b: Malinau's view of Tana Tidung's queue has ${#niks[@]} records"

  # A print dated before the record became PRR.
  early=$(date -u -d "${since[0]} -1 day" +%F)
  set +e
  "$KTPEL" print --db "$db" --as malinau job --office 65.02 --for-office 65.04 --nik "${niks[0]}" --card M-1 --printer M1 --date "$early" >"$WORK/out" 2>&1; rc=$?
  # Without naming the owning office: refused as before.
  "$KTPEL" print --db "$db" --as malinau job --office 65.02 --nik "${niks[0]}" --card M-1 --printer M1 --date 2026-11-20 >"$WORK/out2" 2>&1; rc2=$?
  set -e
  [ $rc = 1 ] && grep -q "date" "$WORK/out" && grep -q "PRR" "$WORK/out" && grep -q "${since[0]}" "$WORK/out" ||
    fail "$b: a print dated $early (PRR on ${since[0]}): rc $rc $(cat "$WORK/out")"
  [ $rc2 = 1 ] && grep -q "for-office" "$WORK/out2" || fail "$b: printing another office's resident without --for-office: rc $rc2 $(cat "$WORK/out2")"
  pass "$b: a print dated before PRR is refused naming the date and the PRR day"

  # Sharing: Malinau prints two of Tana Tidung's cards with its own blanks.
  for i in 0 1; do
    "$KTPEL" print --db "$db" --as malinau job --office 65.02 --for-office 65.04 --nik "${niks[$i]}" --card "M-$i" --printer M1 \
      --date 2026-11-20 >/dev/null || fail "$b: shared print job $i"
  done
  "$KTPEL" stock --db "$db" --as malinau balance --office 65.02 --json | json "d[0]['blanks']" | grep -qx 8 || fail "$b: Malinau's blanks not debited"
  "$KTPEL" stock --db "$db" --as provinsi audit --date 2026-11-20 >"$WORK/audit" || fail "$b: audit after sharing: $(cat "$WORK/audit")"
  set +e
  "$KTPEL" print --db "$db" --as tidung deliver "${niks[0]}" --date 2026-11-20 >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "ktpel print receive" "$WORK/out" || fail "$b: delivered before the card arrived: rc $rc $(cat "$WORK/out")"
  "$KTPEL" print --db "$db" --as malinau ship --from 65.02 --to 65.04 --date 2026-11-20 | grep -q "^2 cards shipped" || fail "$b: ship"
  "$KTPEL" print --db "$db" --as tidung receive --office 65.04 --from 65.02 --date 2026-11-20 | grep -q "^2 cards from 65.02 received" ||
    fail "$b: receive"
  "$KTPEL" print --db "$db" --as tidung shipments --office 65.04 --json | json "sorted(r['state'] for r in d)" | grep -qx "\['RECEIVED', 'RECEIVED'\]" ||
    fail "$b: shipments"

  # The hand-over: every problem named at once, then a representative with a NIK.
  set +e
  "$KTPEL" print --db "$db" --as tidung deliver "${niks[0]}" --collector REPRESENTATIVE --date 2026-11-19 >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "representative_name" "$WORK/out" && grep -q "representative_nik" "$WORK/out" && grep -q "2026-11-20" "$WORK/out" ||
    fail "$b: a hand-over without the representative, before printing: rc $rc $(cat "$WORK/out")"
  "$KTPEL" print --db "$db" --as tidung deliver "${niks[0]}" --collector REPRESENTATIVE --representative-name "SITI AMINAH" \
    --representative-nik "${niks[2]}" --date 2026-11-20 --json >"$WORK/delivery.json" || fail "$b: deliver to a representative"
  json "(d['status'], d['office'], d['officer'], d['collector'], d['representative']['nik'])" <"$WORK/delivery.json" |
    grep -qx "('DELIVERED', '65.04', 'tidung', 'REPRESENTATIVE', '${niks[2]}')" || fail "$b: delivery: $(cat "$WORK/delivery.json")"
  "$KTPEL" ektp --db "$db" --as tidung status "${niks[0]}" | grep "deliver" | grep -q "SITI AMINAH (NIK ${niks[2]})" ||
    fail "$b: the e-KTP history does not show who collected the card"
  pass "$b: Malinau printed Tana Tidung's cards (its blanks), shipped, received, handed over at home to a named representative"

  # The API: the delivery in "where is my KTP?", a hand-over body, sharing through /print/jobs.
  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  wait_port "$port"
  api="http://127.0.0.1:$port/api/v1"
  tidung=$(bearer "$(login "$port" tidung)")
  malinau=$(bearer "$(login "$port" malinau)")
  curl -sf -H "$tidung" "$api/ektp/${niks[0]}" | json "(d['delivery']['collector'], d['delivery']['representative']['name'])" |
    grep -qx "('REPRESENTATIVE', 'SITI AMINAH')" || fail "$b: API ektp delivery: $(curl -s -H "$tidung" "$api/ektp/${niks[0]}" | head -c 600)"
  code=$(curl -s -o "$WORK/err.json" -w '%{http_code}' -H "$tidung" -X POST "$api/print/deliver/${niks[1]}" -d '{"collector":"REPRESENTATIVE","representative_name":"BUDI","representative_nik":"123"}')
  [ "$code" = 422 ] && json "d['error']['field']" <"$WORK/err.json" | grep -qx representative_nik || fail "$b: API bad representative: $code $(cat "$WORK/err.json")"
  curl -sf -H "$tidung" -X POST "$api/print/deliver/${niks[1]}" -d '{"collector":"SELF","date":"2026-11-20"}' |
    json "(d['status'], d['delivery']['office'], d['delivery']['officer'])" | grep -qx "('DELIVERED', '65.04', 'tidung')" || fail "$b: API deliver SELF"
  nik3=$(curl -sf -H "$malinau" "$api/print/queue?office=65.02&for_office=65.04&limit=1" | json "d['items'][0]['nik']" 2>/dev/null) || true
  [ -z "$nik3" ] || fail "$b: Malinau's desk sees Tana Tidung's queue over HTTP without scope over 65.04"
  code=$(curl -s -o "$WORK/job.json" -w '%{http_code}' -H "$malinau" -X POST "$api/print/jobs" \
    -d "{\"office\":\"65.02\",\"for_office\":\"65.04\",\"nik\":\"${niks[2]}\",\"card_serial\":\"M-9\",\"printer\":\"M1\",\"date\":\"2026-11-20\"}")
  # Over HTTP a regency desk's scope must cover the owning office too (a review printed a Malinau
  # resident from Nunukan's desk and read other regencies' statuses through the refusals): 403;
  # the desk shares at its console instead.
  [ "$code" = 403 ] && json "d['error']['field']" <"$WORK/job.json" | grep -qx for_office || fail "$b: API shared print job without scope over 65.04: $code $(cat "$WORK/job.json")"
  "$KTPEL" print --db "$db" --as malinau job --office 65.02 --for-office 65.04 --nik "${niks[2]}" --card M-9 --printer M1 --date 2026-11-20 |
    grep -q PRINTED || fail "$b: console shared print job"
  code=$(curl -s -o "$WORK/ship.json" -w '%{http_code}' -H "$malinau" -X POST "$api/print/shipments" -d '{"kind":"ship","from":"65.02","to":"65.04","date":"2026-11-20"}')
  [ "$code" = 201 ] && json "d['cards']" <"$WORK/ship.json" | grep -qx 1 || fail "$b: API ship: $code $(cat "$WORK/ship.json")"
  code=$(curl -s -o "$WORK/err.json" -w '%{http_code}' -H "$tidung" -X POST "$api/print/deliver/${niks[2]}" -d "")
  [ "$code" = 409 ] && json "d['error']['code']" <"$WORK/err.json" | grep -qx CARD_NOT_ARRIVED || fail "$b: API hand-over before arrival: $code $(cat "$WORK/err.json")"
  curl -sf -H "$tidung" "$api/stock/forecast?office=65.04&as_of=2026-11-20" | json "d['items'][0]['basis']" | grep -qx capacity || fail "$b: API forecast basis"
  kill %% 2>/dev/null || true
  wait 2>/dev/null || true
  pass "$b: API: delivery in the e-KTP status, representative checked, shared print job and shipment, forecast basis"
done

#!/usr/bin/env bash
# The printing desk end to end through the binary, on each backend: printers and stock, the
# queue, three processes printing at once (no blank used twice, no more than there are), the
# ledger audit, a suket whose PDF renders (pdftoppm) and whose QR (zbarimg) holds a token that
# verifies through the CLI (online and offline) and the API, and a forged token that fails.
# With accounts (issue [8]): the desk's CLI runs as the regency's supervisor (--as); over HTTP the
# PDF needs a session, the plan the province's, and verification none.
source "$(dirname "$0")/lib.sh" "$@"
for tool in pdftoppm zbarimg; do command -v $tool >/dev/null || fail "$tool missing (make test installs poppler-utils and zbar-tools)"; done

"$KTPEL" generate --province 65 --regency 65.04 --scale 0.05 --seed 11 --as-of 2026-11-20 --out "$WORK/gen" >/dev/null
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

for b in $(backends); do
  db=$(fresh_db "$b")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" kepala supervisor 65.04 admin
  make_user "$db" provinsi province 65 admin
  export KTPEL_USER=kepala   # the CLI commands below act as the supervisor
  "$KTPEL" printer --db "$db" add --office 65.04 --serial P1 --model "Datacard CD800" --per-day 200 >/dev/null
  "$KTPEL" stock --db "$db" receive --office 65.04 --qty 20 --ref BAST-1 --date 2026-11-20 >/dev/null
  "$KTPEL" stock --db "$db" receive --office 65.04 --item ribbon --qty 2 --ref BAST-2 --date 2026-11-20 >/dev/null
  "$KTPEL" print --db "$db" queue --office 65.04 --limit 30 --json >"$WORK/queue.json"
  mapfile -t niks < <(json "'\n'.join(e['nik'] for e in d)" <"$WORK/queue.json")
  [ ${#niks[@]} = 30 ] || fail "$b: queue has ${#niks[@]} records, want 30 PRR/SUKET"

  # Three desks print at once with serials from one box of 40 numbers; only 20 blanks exist.
  for w in 0 1 2; do
    (
      for i in $(seq 0 29); do
        spoil=()
        [ $(( (i + w) % 7 )) = 0 ] && spoil=(--spoiled "ribbon macet")
        "$KTPEL" print --db "$db" job --office 65.04 --nik "${niks[$i]}" --card "S-$(( (i * 7 + w * 3) % 40 ))" --printer P1 \
          --date 2026-11-20 "${spoil[@]}" >/dev/null 2>>"$WORK/jobs-$w.err" || true
      done
    ) &
  done
  wait
  ! grep -qi "storage\|database is locked\|deadlock" "$WORK"/jobs-*.err || fail "$b: a job failed on storage: $(grep -hi 'storage\|locked\|deadlock' "$WORK"/jobs-*.err | head -3)"
  "$KTPEL" stock --db "$db" history --office 65.04 --limit 1000 >"$WORK/history"
  used=$(grep -cE ' (printed|spoiled) +blangko ' "$WORK/history" || true)
  [ "$used" = 20 ] || fail "$b: $used blanks used, want exactly the 20 on hand"
  dupes=$(grep -E ' (printed|spoiled) +blangko ' "$WORK/history" | awk '{print $9}' | sort | uniq -d | wc -l)
  used_serial=$(grep -E ' (printed|spoiled) +blangko ' "$WORK/history" | awk '{print $9}' | head -1)
  [ "$dupes" = 0 ] || fail "$b: a blank serial was used twice"
  "$KTPEL" stock --db "$db" balance --office 65.04 --json | json "d[0]['blanks']" | grep -qx 0 || fail "$b: blanks left"
  "$KTPEL" stock --db "$db" audit --date 2026-11-20 >"$WORK/audit" || fail "$b: audit: $(cat "$WORK/audit")"
  set +e
  "$KTPEL" print --db "$db" job --office 65.04 --nik "${niks[29]}" --card S-99 --printer P1 >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "quantity" "$WORK/out" || fail "$b: printing without blanks: rc $rc $(cat "$WORK/out")"
  pass "$b: concurrent print jobs used each of the 20 blanks once"

  # No blank left: a suket, as a PDF with a QR code.
  nik=$("$KTPEL" print --db "$db" queue --office 65.04 --limit 1 --json | json "d[0]['nik']")
  "$KTPEL" suket --db "$db" issue "$nik" --office 65.04 --out "$WORK/suket.pdf" --json >"$WORK/suket.json"
  token=$(json "d['token']" <"$WORK/suket.json")
  key=$(json "d['public_key']" <"$WORK/suket.json")
  number=$(json "d['number']" <"$WORK/suket.json")
  pdftoppm -r 150 -png -singlefile "$WORK/suket.pdf" "$WORK/suket"
  [ -s "$WORK/suket.png" ] || fail "$b: pdftoppm made no PNG"
  decoded=$(zbarimg -q --raw --nodbus -Sdisable -Sqrcode.enable "$WORK/suket.png")
  [ "$decoded" = "$token" ] || fail "$b: QR holds '$decoded', want the token"
  "$KTPEL" suket --db "$db" verify "$decoded" | grep -q "^VALID: suket $number, NIK $nik" || fail "$b: verify online"
  "$KTPEL" suket verify "$decoded" --public-key "$key" | grep -q '^VALID' || fail "$b: verify offline"
  forged=$(python3 -c "
import base64,sys
t=sys.argv[1]; p,s=t.split('.'); raw=base64.urlsafe_b64decode(p+'='*(-len(p)%4)).decode()
f=raw.split('|'); f[3]='6504010101900001'; q=base64.urlsafe_b64encode('|'.join(f).encode()).decode().rstrip('=')
print(q+'.'+s)" "$decoded")
  set +e
  "$KTPEL" suket --db "$db" verify "$forged" >"$WORK/out" 2>&1; rc=$?
  "$KTPEL" suket verify "$forged" --public-key "$key" >"$WORK/out2" 2>&1; rc2=$?
  set -e
  [ $rc = 1 ] && grep -q FORGED "$WORK/out" && [ $rc2 = 1 ] && grep -q FORGED "$WORK/out2" || fail "$b: forged token accepted: $(cat "$WORK/out" "$WORK/out2")"
  pass "$b: suket PDF renders, its QR verifies online and offline, a forged one fails"

  unset KTPEL_USER
  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  wait_port "$port"
  desk=$(bearer "$(login "$port" kepala)")
  plan=$(bearer "$(login "$port" provinsi)")
  # A second server on the same port must fail, not share the port and half the requests.
  set +e
  timeout 10 "$KTPEL" serve --db "$db" --port "$port" >"$WORK/second.log" 2>&1; rc=$?
  set -e
  [ $rc = 2 ] && grep -q "port in use" "$WORK/second.log" || fail "$b: a second serve on port $port: rc $rc $(cat "$WORK/second.log")"
  curl -sf "http://127.0.0.1:$port/api/v1/verify/$decoded" | json "d['verdict']" | grep -qx VALID || fail "$b: API verify"
  curl -s "http://127.0.0.1:$port/api/v1/verify/$forged" | json "d['verdict']" | grep -qx FORGED || fail "$b: API verify forged"
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/suket/$number.pdf")
  [ "$code" = 401 ] || fail "$b: the suket PDF without a session answered $code"
  curl -sf -H "$desk" -o "$WORK/api.pdf" "http://127.0.0.1:$port/api/v1/suket/$number.pdf" || fail "$b: API PDF download"
  [ "$(head -c 5 "$WORK/api.pdf")" = "%PDF-" ] || fail "$b: API PDF is not a PDF"
  curl -sf -H "$plan" "http://127.0.0.1:$port/api/v1/print/plan?province=65&as_of=2026-11-20" | json "d['backlog'] > 0 and d['capacity_per_day'] == 200" |
    grep -qx True || fail "$b: API plan: $(curl -s -H "$plan" "http://127.0.0.1:$port/api/v1/print/plan?province=65&as_of=2026-11-20" | head -c 600)"
  code=$(curl -s -o "$WORK/err.json" -w '%{http_code}' -H "$desk" -X POST "http://127.0.0.1:$port/api/v1/print/jobs" \
    -d "{\"office\":\"65.04\",\"nik\":\"$nik\",\"card_serial\":\"$used_serial\",\"printer\":\"P1\"}")
  [ "$code" = 409 ] && json "d['error']['field']" <"$WORK/err.json" | grep -qx reference || fail "$b: API reused blank: $code $(cat "$WORK/err.json")"
  kill %% 2>/dev/null || true
  wait 2>/dev/null || true
  pass "$b: API verify (no session), PDF (401 without one), plan, refused reuse"
done

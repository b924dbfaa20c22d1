#!/usr/bin/env bash
# [11] Name search finds a name anywhere in the name ("SURYANA" finds "YUSUP SURYANA") through the
# index of name words, on both backends: the CLI and the API route the dashboard's search uses.
source "$(dirname "$0")/lib.sh" "$@"

for b in $(backends); do
  db=$(fresh_db "$b")
  make_user "$db" admin centre pusat
  make_user "$db" kepala supervisor 65.71 admin
  # Four different people (dates, parents), so no rule sees a likely double.
  for p in "YUSUP SURYANA|1990-01-05|ENTIN|DADANG" "SURYANA|1985-03-10|IMAS|ENDANG" "SITI AMINAH|1979-07-21|AISYAH|HASAN" \
           "ASEP SURYANAH|1995-11-30|NENG|UJANG"; do
    IFS='|' read -r name born mother father <<<"$p"
    "$KTPEL" resident --db "$db" --as kepala register --json '{"name":"'"$name"'","sex":"L","birth_place":"TARAKAN","birth_date":"'"$born"'","religion":"Islam","marital_status":"KAWIN","occupation":"PETANI","mother_name":"'"$mother"'","father_name":"'"$father"'","village_code":"65.71.01.1001","rt":"001","rw":"001","address":"JL. A","parent_reason":"ORANG_TUA_TIDAK_TERDAFTAR"}' \
      >"$WORK/reg.out" 2>&1 || fail "$b: register $name: $(cat "$WORK/reg.out")"
  done
  "$KTPEL" resident --db "$db" --as kepala search --name suryana --contains >"$WORK/cli.out" 2>&1
  grep -q "YUSUP SURYANA" "$WORK/cli.out" && grep -q "ASEP SURYANAH" "$WORK/cli.out" && ! grep -q "SITI" "$WORK/cli.out" ||
    fail "$b: resident search --contains: $(cat "$WORK/cli.out")"
  pass "$b: resident search --contains finds a word anywhere in the name"

  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  wait_port "$port"
  tok=$(login "$port" kepala)
  api="http://127.0.0.1:$port/api/v1"
  curl -s -H "$(bearer "$tok")" "$api/residents?name=suryana&match=contains&page_size=20" | python3 -c '
import json,sys; d=json.load(sys.stdin)
assert [r["name"] for r in d["items"]]==["ASEP SURYANAH","SURYANA","YUSUP SURYANA"], d
assert d["total"]==3, d' || fail "$b: the API contains-search"
  curl -s -H "$(bearer "$tok")" "$api/residents?name=suryana&page_size=20" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert [r["name"] for r in d["items"]]==["SURYANA"], d' || fail "$b: the API prefix search"
  # A correction of the name over the API moves it in the index (same transaction).
  nik=$(curl -s -H "$(bearer "$tok")" "$api/residents?name=yusup&page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["nik"])')
  "$KTPEL" resident --db "$db" --as kepala event "$nik" --json '{"type":"correction","changes":{"occupation":"GURU"}}' >/dev/null
  curl -s -H "$(bearer "$tok")" "$api/residents?name=surya&match=contains" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert d["total"]==3, d' || fail "$b: search after a correction"
  kill %% 2>/dev/null || true
  wait 2>/dev/null || true
  pass "$b: GET /api/v1/residents?match=contains (the dashboard search) finds SURYANA in YUSUP SURYANA"
done

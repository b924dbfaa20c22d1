#!/usr/bin/env bash
# Recording equipment end to end (issue [10]) on each backend.
# 1. Data-driven (tests/data/equipment/scenarios.csv): a generated inventory imported, `equipment
#    status` counts the kecamatan able to record, and `continuity plan` sends every other one to
#    its nearest working kecamatan, checked against an independent computation from
#    data/wilayah/districts.csv.
# 2. An officer's day with accounts: the kecamatan operator reports a fault (not another
#    regency's item, not the inventory), the regency supervisor closes the repair, the province
#    plans technician tours and procurement (Rp750M buys six or seven full sets), a viewer reads
#    the status but plans nothing; an import with one bad row writes nothing and names every row.
source "$(dirname "$0")/lib.sh" "$@"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DISTRICTS="$ROOT/data/wilayah/districts.csv"

# The independent check of a scenario: status CSV and continuity CSV against the inventory file.
check_scenario() {
  python3 - "$@" "$DISTRICTS" <<'PY'
import csv, math, sys
name, province, broken, regencies, able, kecamatan, inv, status, cont, districts = sys.argv[1:11]
cent = {}
for r in csv.DictReader(open(districts)):
    if r["code"].startswith(province + ".") and r["lat"] and r["lon"]:
        cent[r["code"]] = (float(r["lat"]), float(r["lon"]))
all_kec = sorted(r["code"] for r in csv.DictReader(open(districts)) if r["code"].startswith(province + "."))
rows = list(csv.DictReader(open(status)))
assert list(rows[0].keys()) == ["kecamatan", "name", "sets", "can_record", "missing"], rows[0].keys()
assert [r["kecamatan"] for r in rows] == all_kec, "status does not list every kecamatan once"
if kecamatan: assert len(rows) == int(kecamatan), (len(rows), kecamatan)
# Working sets recomputed from the inventory file: least active count over the six types.
types = ["PC", "FINGERPRINT_SCANNER", "IRIS_SCANNER", "CAMERA", "SIGNATURE_PAD", "UPS"]
count = {}
bad_items, bad_regencies = 0, set()
for r in csv.DictReader(open(inv)):
    if r["status"] == "active": count[(r["office"], r["item_type"])] = count.get((r["office"], r["item_type"]), 0) + 1
    if r["status"] in ("broken", "in_repair"):
        bad_items += 1
        bad_regencies.add(r["office"][:5])
sets = {k: min(count.get((k, t), 0) for t in types) for k in all_kec}
for r in rows:
    assert int(r["sets"]) == sets[r["kecamatan"]], (r, sets[r["kecamatan"]])
    assert (r["can_record"] == "true") == (sets[r["kecamatan"]] >= 1), r
    missing = [t for t in types if count.get((r["kecamatan"], t), 0) == 0]
    assert r["missing"] == ";".join(missing), (r, missing)
n_able = sum(r["can_record"] == "true" for r in rows)
if able: assert n_able == int(able), (n_able, able)
if broken: assert bad_items == int(broken), (bad_items, broken)
if regencies: assert len(bad_regencies) == int(regencies), (sorted(bad_regencies), regencies)
# Nearest working kecamatan, great circle (R = 6371.0088 km), ties to the smaller code.
def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))
working = [k for k in all_kec if sets[k] >= 1 and k in cent]
crows = list(csv.DictReader(open(cont)))
assert list(crows[0].keys()) == ["kecamatan", "can_record", "serve_at", "distance_km"], crows[0].keys()
assert [r["kecamatan"] for r in crows] == all_kec
sent = 0
for r in crows:
    k = r["kecamatan"]
    if sets[k] >= 1:
        assert r["can_record"] == "true" and r["serve_at"] == k and float(r["distance_km"]) == 0, r
        continue
    best = min(working, key=lambda w: (km(cent[k], cent[w]), w))
    assert r["can_record"] == "false" and r["serve_at"] == best, (r, best)
    assert abs(float(r["distance_km"]) - km(cent[k], cent[best])) < 0.006, (r, km(cent[k], cent[best]))
    sent += 1
print(f"{name}: {n_able} of {len(rows)} kecamatan record, {bad_items} broken items in {len(bad_regencies)} regencies, {sent} sent to their nearest")
PY
}

first=1
for b in $(backends); do
  # Scenarios: every one on SQLite, the field report on PostgreSQL too.
  while IFS=, read -r name province seed broken regencies able kecamatan; do
    [ "$name" = name ] && continue
    [ "$b" = postgresql ] && [ "$name" != kalbar_field_report ] && continue
    db=$(fresh_db "$b")
    inv="$WORK/$name.csv"
    "$KTPEL" equipment generate --province "$province" --seed "$seed" ${broken:+--broken $broken} ${regencies:+--regencies $regencies} \
      ${able:+--able $able} --date 2026-12-01 --out "$inv" >/dev/null
    "$KTPEL" equipment --db "$db" import "$inv" --date 2026-12-01 >/dev/null
    "$KTPEL" equipment --db "$db" status --province "$province" --format csv >"$WORK/$name-status.csv"
    "$KTPEL" continuity --db "$db" plan --province "$province" --format csv >"$WORK/cont.csv"
    out=$(check_scenario "$name" "$province" "$broken" "$regencies" "$able" "$kecamatan" "$inv" "$WORK/$name-status.csv" "$WORK/cont.csv") ||
      fail "$b: scenario $name"
    pass "$b: $out"
    if [ "$name" = kalbar_field_report ]; then kalbar_db=$db; kalbar_inv=$inv; kalbar_status="$WORK/$name-status.csv"; fi
  done <"$ROOT/tests/data/equipment/scenarios.csv"
  "$KTPEL" equipment --db "$kalbar_db" status --province 61 | tail -1 | grep -qx "105 of 174 kecamatan can record" ||
    fail "$b: the table's total line: $("$KTPEL" equipment --db "$kalbar_db" status --province 61 | tail -1)"

  # ---- An officer's day on the Kalimantan Barat inventory, with accounts.
  db=$kalbar_db
  make_user "$db" admin centre pusat
  make_user "$db" provinsi province 61 admin
  make_user "$db" tamu viewer 61 admin
  broken_kec=$(awk -F, 'NR>1 && $4=="false" {print $1; exit}' "$kalbar_status")
  regency=${broken_kec:0:5}
  make_user "$db" kepala supervisor "$regency" admin
  make_user "$db" operator operator "$broken_kec" admin
  item=$(awk -F, -v k="$broken_kec" '$1==k && $7=="active" && $2=="CAMERA" {print $3; exit}' "$kalbar_inv")
  other=$(awk -F, -v r="$regency" 'NR>1 && substr($1,1,5)!=r && $7=="active" {print $3; exit}' "$kalbar_inv")
  [ -n "$item" ] && [ -n "$other" ] || fail "$b: no active items to report on"
  set +e
  "$KTPEL" equipment --db "$db" --as operator import "$kalbar_inv" >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 2 ] && grep -q "equipment_manage" "$WORK/out" || fail "$b: an operator imported an inventory (rc $rc): $(cat "$WORK/out")"
  "$KTPEL" equipment --db "$db" --as operator fault "$item" --symptom "lampu kilat mati" --cause power --date 2026-12-01 >"$WORK/out" ||
    fail "$b: fault report: $(cat "$WORK/out")"
  ticket=$(sed -n 's/^ticket \([0-9]*\) opened.*/\1/p' "$WORK/out")
  [ -n "$ticket" ] || fail "$b: no ticket number in: $(cat "$WORK/out")"
  set +e
  "$KTPEL" equipment --db "$db" --as operator fault "$item" --symptom "lagi" >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "open repair ticket ($ticket)" "$WORK/out" || fail "$b: a second ticket for one fault: $(cat "$WORK/out")"
  "$KTPEL" equipment --db "$db" --as kepala tickets --office "$regency" --open --format json |
    python3 -c "import json,sys; t=[x for x in json.load(sys.stdin) if x['id']==$ticket][0]; assert t['reporter']=='operator' and t['cause']=='power', t" ||
    fail "$b: the open ticket as the supervisor sees it"
  pass "$b: the kecamatan operator reports a fault (one open ticket per item), may not touch the inventory"

  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  wait_port "$port"
  api="http://127.0.0.1:$port/api/v1"
  op=$(login "$port" operator); kp=$(login "$port" kepala); pv=$(login "$port" provinsi); vw=$(login "$port" tamu)
  code_of() { curl -s -o "$WORK/out" -w '%{http_code}' "$@"; }
  [ "$(code_of -X POST -H "$(bearer "$op")" -H 'Content-Type: application/json' "$api/equipment/$other/faults" -d '{"symptom":"rusak"}')" = 404 ] ||
    fail "$b: an operator reported a fault on another regency's item: $(cat "$WORK/out")"
  [ "$(code_of -X POST -H "$(bearer "$kp")" -H 'Content-Type: application/json' "$api/equipment/tickets/$ticket/close" -d '{"site":"on_site","cost":1}')" = 422 ] &&
    grep -q FIELD_UNKNOWN "$WORK/out" || fail "$b: a misspelt field was not named: $(cat "$WORK/out")"
  [ "$(code_of -X POST -H "$(bearer "$kp")" -H 'Content-Type: application/json' "$api/equipment/tickets/$ticket/close" \
        -d '{"site":"on_site","cost_rupiah":350000,"parts":"kabel flash","date":"2026-12-03"}')" = 200 ] ||
    fail "$b: the supervisor closing the repair: $(cat "$WORK/out")"
  curl -s -H "$(bearer "$kp")" "$api/equipment/$item" | python3 -c "
import json,sys; d=json.load(sys.stdin); assert d['status']=='active', d
assert [h['status'] for h in d['history']][-2:]==['broken','active'], d['history']" || fail "$b: item history after the repair"
  [ "$(code_of -X POST -H "$(bearer "$kp")" -H 'Content-Type: application/json' "$api/equipment/tickets/$ticket/close" -d '{"site":"regency"}')" = 409 ] ||
    fail "$b: a ticket closed twice: $(cat "$WORK/out")"
  pass "$b: the regency supervisor closes the repair over HTTP; out-of-scope items are 404, misspelt fields 422"

  # An import over HTTP with one bad row and one office outside the scope: nothing written.
  outside=$(awk -F, -v r="$regency" 'NR>1 && substr($1,1,5)!=r {print $1; exit}' "$kalbar_status")
  printf 'office,item_type,serial,vendor,model,installed_on,status\n%s,PC,NEW-1,HP,x,2020-01-01,active\n%s,PRINTER,NEW-2,HP,x,2020-01-01,active\n%s,PC,NEW-3,HP,x,2020-01-01,active\n' \
    "$broken_kec" "$broken_kec" "$outside" >"$WORK/bad.csv"
  [ "$(code_of -X POST -H "$(bearer "$kp")" -H 'Content-Type: text/csv' --data-binary @"$WORK/bad.csv" "$api/equipment/import")" = 422 ] ||
    fail "$b: bad import accepted: $(cat "$WORK/out")"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert [(p['line'],p['field'],p['code']) for p in d['problems']]==[(3,'item_type','EQUIPMENT_FIELD'),(4,'office','OFFICE_OUT_OF_SCOPE')], d" "$WORK/out" ||
    fail "$b: the import's problems: $(cat "$WORK/out")"
  [ "$(code_of -H "$(bearer "$kp")" "$api/equipment/NEW-1")" = 404 ] || fail "$b: a row of a refused import was written"
  pass "$b: an import with bad rows writes nothing and names each row and field"

  # Found by the walk as a hostile caller (each was answered 200 before).
  [ "$(code_of -X POST -H "$(bearer "$op")" -H 'Content-Type: application/json' "$api/equipment/$item/faults" \
        -d '{"symptom":"=HYPERLINK(1)\n@forged,row"}')" = 422 ] || fail "$b: a symptom with a newline: $(cat "$WORK/out")"
  [ "$(code_of -X POST -H "$(bearer "$kp")" -H 'Content-Type: application/json' "$api/equipment/$item/status" -d '{"status":"broken","date":"2030-01-01"}')" = 422 ] &&
    grep -q '"field":"date"' "$WORK/out" || fail "$b: a status change dated in the future: $(cat "$WORK/out")"
  [ "$(code_of -X POST -H "$(bearer "$kp")" -H 'Content-Type: application/json' "$api/equipment" -d '{"office":"'"$broken_kec"'","item_type":"PC","serial":"SN/2024/77"}')" = 422 ] ||
    fail "$b: a serial no route can reach: $(cat "$WORK/out")"
  [ "$(code_of -H "$(bearer "$kp")" "$api/equipment/downtime?region=$regency&from=0001-01-01&to=2026-12-01")" = 422 ] ||
    fail "$b: downtime since year 1: $(cat "$WORK/out")"
  [ "$(code_of -H "$(bearer "$kp")" "$api/continuity?region=$regency&balanced=yes")" = 400 ] || fail "$b: balanced=yes: $(cat "$WORK/out")"
  # A regency's supervisor plans nothing for the province: not by naming it, not by leaving it out.
  [ "$(code_of -H "$(bearer "$kp")" "$api/repair/plan?technicians=2&hub=$regency")" = 404 ] ||
    fail "$b: a regency supervisor got the province's tours: $(head -c 300 "$WORK/out")"
  [ "$(code_of -X POST -H "$(bearer "$kp")" -H 'Content-Type: application/json' "$api/procurement/plan" \
        -d '{"province":"61","budget":1000000,"prices":{"PC":1}}')" = 404 ] || fail "$b: a regency supervisor planned the province's purchases"
  curl -s -H "$(bearer "$kp")" "$api/continuity?region=61&balanced=1&days=5" | python3 -c "
import json,sys; d=json.load(sys.stdin); b=[x['kecamatan'] for x in d['broken']]
assert b and all(k.startswith('$regency.') for k in b), b" || fail "$b: the balanced plan showed other regencies' kecamatan"
  pass "$b: hostile inputs refused (newline in a symptom, future date, unreachable serial, year-1 period); plans kept to the caller's scope"

  # Reading and planning by role.
  curl -s -H "$(bearer "$vw")" "$api/equipment/status?region=61" | python3 -c "
import json,sys; d=json.load(sys.stdin); assert d['kecamatan']==174 and d['can_record']==105, {k: d[k] for k in ('kecamatan','can_record')}" ||
    fail "$b: the viewer's status of the province"
  body='{"province":"61","budget":750000000,"prices":{"PC":15000000,"FINGERPRINT_SCANNER":25000000,"IRIS_SCANNER":35000000,"CAMERA":12000000,"SIGNATURE_PAD":8000000,"UPS":12000000}}'
  [ "$(code_of -X POST -H "$(bearer "$vw")" -H 'Content-Type: application/json' "$api/procurement/plan" -d "$body")" = 403 ] ||
    fail "$b: a viewer planned procurement: $(cat "$WORK/out")"
  curl -s -H "$(bearer "$pv")" "$api/repair/plan?province=61&technicians=6&hub=61.71&from=2026-12-07" >"$WORK/tours.json"
  python3 - "$WORK/tours.json" "$kalbar_status" <<'PY' || fail "$b: the technician plan: $(head -c 400 "$WORK/tours.json")"
import csv, json, sys
d = json.load(open(sys.argv[1]))
cannot = {r["kecamatan"] for r in csv.DictReader(open(sys.argv[2])) if r["can_record"] == "false"}
planned = [s["kecamatan"] for t in d["tours"] for s in t["stops"]] + [c["kecamatan"] for c in d["carried_to_hub"]]
assert len(d["tours"]) == 6 and set(planned) <= cannot and len(planned) == len(set(planned)) == d["jobs"], (len(planned), d["jobs"])
assert 0 < d["lower_bound"] <= d["objective_person_days"] and 0 <= d["gap"] < 1, d
# The objective is what the plan says it is: the sum of weight × days without recording.
assert sum(s["weight"] * s["days_without_recording"] for t in d["tours"] for s in t["stops"]) + \
       sum(c["weight"] * c["days_without_recording"] for c in d["carried_to_hub"]) == d["objective_person_days"]
PY
  pass "$b: the province's technician plan covers only kecamatan that cannot record, objective = its stops, bound below it"
  kill %1 2>/dev/null || true; wait 2>/dev/null || true

  # Procurement, the Kaltara budget: ten kecamatan with no equipment at all, a full set at Rp107M
  # buys seven, at Rp125M six — always those with the most unrecorded people.
  if [ $first = 1 ]; then
    first=0
    printf 'item_type,unit_price\nPC,15000000\nFINGERPRINT_SCANNER,25000000\nIRIS_SCANNER,35000000\nCAMERA,12000000\nSIGNATURE_PAD,8000000\nUPS,12000000\n' >"$WORK/p107.csv"
    printf 'item_type,unit_price\nPC,18000000\nFINGERPRINT_SCANNER,30000000\nIRIS_SCANNER,40000000\nCAMERA,14000000\nSIGNATURE_PAD,9000000\nUPS,14000000\n' >"$WORK/p125.csv"
    awk -F, 'NR>1 && $1 ~ /^65\./ {print $1}' "$DISTRICTS" | head -10 | awk '{print $1","(1000 + NR * 137)}' | sed '1i kecamatan,people' >"$WORK/demand.csv"
  fi
  pdb=$(fresh_db "$b")
  for price in 107 125; do
    "$KTPEL" procure --db "$pdb" plan --budget 750000000 --catalogue "$WORK/p$price.csv" --province 65 --demand "$WORK/demand.csv" --format json >"$WORK/proc.json"
    python3 - "$WORK/proc.json" "$WORK/demand.csv" "$price" <<'PY' || fail "$b: procurement at Rp${price}M: $(head -c 600 "$WORK/proc.json")"
import csv, json, sys
d = json.load(open(sys.argv[1])); price = int(sys.argv[3]) * 1_000_000
people = {r["kecamatan"]: int(r["people"]) for r in csv.DictReader(open(sys.argv[2]))}
equipped = [p["kecamatan"] for p in d["purchases"] if p["reason"] == "equip"]
want = 7 if price == 107_000_000 else 6
assert len(equipped) == want, (len(equipped), want)
assert sorted(equipped) == sorted(sorted(people, key=lambda k: -people[k])[:want]), equipped
assert all(sum(i["qty"] * i["unit_price"] for i in p["items"]) == price for p in d["purchases"])
assert d["spent"] == want * price <= d["budget"] == 750_000_000 and d["value"] == sum(people[k] for k in equipped)
PY
  done
  set +e
  printf 'item_type,unit_price\nPC,15000000\nKAMERA,1\nUPS,-5\n' >"$WORK/badp.csv"
  "$KTPEL" procure --db "$pdb" plan --budget 750000000 --catalogue "$WORK/badp.csv" --province 65 >"$WORK/out" 2>&1; rc=$?
  set -e
  [ $rc = 1 ] && grep -q "badp.csv:3: item_type" "$WORK/out" && grep -q "badp.csv:4: unit_price" "$WORK/out" ||
    fail "$b: a bad catalogue: rc $rc $(cat "$WORK/out")"
  pass "$b: Rp750,000,000 buys seven sets at Rp107M and six at Rp125M, the most people first; a bad catalogue names its rows"
done

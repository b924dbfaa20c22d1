#!/usr/bin/env bash
# [11] Reports a Kepala Dinas can sign, on both backends: `ktpel report` for a province (once a
# 404 on the API) and a regency, the PDF's figures equal to the API's JSON (pdftotext), the
# letterhead and signature block from `ktpel report letterhead`, the route scoped (a regency
# officer may not read the province's report) and the CSV download Excel opens with Indonesian
# settings.
source "$(dirname "$0")/lib.sh" "$@"
today=$(date -u +%F)
month=${today:0:7}
"$KTPEL" generate --province 65 --scale 0.01 --seed 42 --as-of "$today" --out "$WORK/gen" >/dev/null
for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" --families "$WORK/gen/families.csv" --ektp "$WORK/gen/ektp.csv" \
    --akta "$WORK/gen/akta.csv" >/dev/null
  make_user "$db" admin centre pusat
  make_user "$db" kadis supervisor 65.71 admin
  make_user "$db" pemantau viewer 65 admin
  "$KTPEL" report --db "$db" --as kadis --regency 65.71 letterhead address "Jl. Pulau Sebatik No. 1, Tarakan 77111" >/dev/null
  "$KTPEL" report --db "$db" --as kadis --regency 65.71 letterhead head_name "Dr. SITI AMINAH, M.Si." >/dev/null
  "$KTPEL" report --db "$db" --as kadis --regency 65.71 letterhead head_nip 197002172000032004 >/dev/null
  set +e
  "$KTPEL" report --db "$db" --as kadis --regency 65.71 letterhead head_nip 12 >/dev/null 2>"$WORK/nip.err"; rc=$?
  "$KTPEL" report --db "$db" --as kadis --province 65 --month 2099-01 >/dev/null 2>"$WORK/month.err"; rc2=$?
  set -e
  [ $rc != 0 ] && grep -q "head_nip" "$WORK/nip.err" || fail "$backend: a 2-digit NIP was taken: $(cat "$WORK/nip.err")"
  [ $rc2 != 0 ] && grep -q "Bulan 2099-01 salah" "$WORK/month.err" && grep -q "Month 2099-01 is wrong" "$WORK/month.err" ||
    fail "$backend: a future month: $(cat "$WORK/month.err")"
  pass "$backend: CLI: letterhead set, a bad NIP and a future month refused in both languages"

  port=$(free_port)
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
  pid=$!
  wait_port "$port"
  api="http://127.0.0.1:$port/api/v1"
  viewer=$(login "$port" pemantau)
  kadis=$(login "$port" kadis)
  get() { curl -s -o "$WORK/$1" -w '%{http_code}' -H "$(bearer "$2")" "$api/$3"; }
  s1=$(get prov.json "$viewer" "reports/monthly?code=65&month=$month")
  s2=$(get prov.pdf "$viewer" "reports/monthly.pdf?code=65&month=$month")
  s3=$(get reg.json "$kadis" "reports/monthly?code=65.71&month=$month")
  s4=$(get reg.pdf "$kadis" "reports/monthly.pdf?code=65.71&month=$month")
  s5=$(get old.pdf "$viewer" "export/report.pdf?code=65")        # the dashboard's link, a province: was 404
  s6=$(get scope.json "$kadis" "reports/monthly?code=65&month=$month")  # a regency's officer, the province
  s7=$(get anon.json "" "reports/monthly?code=65")
  s8=$(get kec.json "$viewer" "reports/monthly?code=65.71.01")
  printf '{"title":"Peringkat","columns":["Kode","Nama","Perekaman %%"],"rows":[["65.71","Kota Tarakan",98.25],["65.04","Tana; Tidung",87.5]]}' >"$WORK/table.json"
  s9=$(curl -s -o "$WORK/excel.csv" -w '%{http_code}' -X POST -H "$(bearer "$viewer")" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/table.json" "$api/export/csv?dialect=excel-id")
  kill $pid; wait $pid 2>/dev/null || true
  # The CLI on the same database once the server is gone (serving moves records along meanwhile).
  "$KTPEL" report --db "$db" --as pemantau --province 65 --month "$month" --out "$WORK/prov-cli.pdf" --json >"$WORK/prov-cli.out"
  sed -n '2,$p' "$WORK/prov-cli.out" >"$WORK/prov-cli.json"
  [ "$s1 $s2 $s3 $s4 $s5" = "200 200 200 200 200" ] || fail "$backend: report routes answered $s1 $s2 $s3 $s4 $s5: $(head -c 300 "$WORK/prov.json")"
  [ "$s6" = 403 ] || fail "$backend: the regency officer read the province's report: $s6 $(cat "$WORK/scope.json")"
  [ "$s7" = 401 ] || fail "$backend: without a session: $s7"
  [ "$s8" = 422 ] && grep -q '"REPORT_REGION"' "$WORK/kec.json" || fail "$backend: a kecamatan's report: $s8 $(cat "$WORK/kec.json")"
  [ "$s9" = 200 ] || fail "$backend: CSV for Excel: $s9"
  for f in prov.pdf reg.pdf old.pdf prov-cli.pdf; do pdftotext -layout "$WORK/$f" "$WORK/$f.txt"; done
  python3 - "$WORK" "$today" <<'PY' || fail "$backend: report figures"
import csv, json, sys
work, today = sys.argv[1], sys.argv[2]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
def num(v): return f"{v:,}".replace(",", ".")
def pct(v): return f"{v:.2f}".replace(".", ",") + "%"
def date(iso):
    y, m, d = map(int, iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"
def check(json_file, pdf_text, rows_level):
    rep = json.load(open(f"{work}/{json_file}"))
    text = open(f"{work}/{pdf_text}").read()
    def has(s):
        assert s in text, f"{pdf_text}: missing {s!r}"
    now, before = rep["total"]["now"], rep["total"]["before"]
    assert rep["previous"] < rep["as_of"], rep
    for k in ("population", "wajib_ktp", "still_to_record", "prr", "printed", "delivered", "suket_held", "ikd_activated"):
        has(num(now[k])); has(num(before[k]))
    for k in ("recording_pct", "akta_pct", "ikd_pct"):
        has(pct(now[k])); has(pct(before[k]))
    assert len(rep["rows"]) > 1
    for r in rep["rows"]:
        has(r["name"][:30])
        has(pct(r["now"]["recording_pct"]))
    assert sum(r["now"]["population"] for r in rep["rows"]) == now["population"]
    has(f"{rows_level}")
    has(f"Keadaan {date(rep['as_of'])}, dibandingkan dengan {date(rep['previous'])}")
    has("Kepala Dinas Kependudukan dan Pencatatan Sipil")
    has(date(today))
    return rep, text
prov, _ = check("prov.json", "prov.pdf.txt", "per Kabupaten/Kota")
check("prov.json", "old.pdf.txt", "per Kabupaten/Kota")
check("prov.json", "prov-cli.pdf.txt", "per Kabupaten/Kota")
cli = json.load(open(f"{work}/prov-cli.json"))
assert cli["total"] == prov["total"] and cli["rows"] == prov["rows"], "CLI and API disagree"
reg, text = check("reg.json", "reg.pdf.txt", "per Kecamatan")
for s in ("PEMERINTAH KOTA TARAKAN", "Jl. Pulau Sebatik No. 1, Tarakan 77111", "Dr. SITI AMINAH, M.Si.", "NIP. 197002172000032004",
          f"Tarakan, {date(today)}"):
    assert s in text, f"regency letterhead/signature: missing {s!r}"
tarakan = [r for r in prov["rows"] if r["code"] == "65.71"][0]
assert tarakan["now"] == reg["total"]["now"] and tarakan["before"] == reg["total"]["before"], "province row != regency total"
b = open(f"{work}/excel.csv", "rb").read()
assert b[:3] == b"\xef\xbb\xbf", b[:3]
rows = list(csv.reader(b[3:].decode().splitlines(), delimiter=";"))
assert rows == [["Kode", "Nama", "Perekaman %"], ['="65.71"', "Kota Tarakan", "98,25"], ['="65.04"', "Tana; Tidung", "87,5"]], rows
print(f"province {prov['name']}: {num(prov['total']['now']['still_to_record'])} still to record, "
      f"{pct(prov['total']['before']['recording_pct'])} -> {pct(prov['total']['now']['recording_pct'])}")
PY
  pass "$backend: province and regency reports: PDF figures = API JSON = CLI; letterhead, signature, scope 403; CSV for Excel"
done

#!/usr/bin/env bash
# PostgreSQL restarts (immediate shutdown, as a crash) in the middle of API traffic: four clients
# keep registering births. Every birth acknowledged with 201 is in the database afterwards, the
# requests during the outage answer 503 with Retry-After (never 500), the same ktpel serve
# process answers again once the database is back, and the server was never restarted.
source "$(dirname "$0")/lib.sh" "$@"
# One officer registers births in a loop for the whole outage: more than a desk's daily limit.
export KTPEL_BIRTHS_PER_OFFICER_DAY=1000000
PGBIN=/usr/lib/postgresql/15/bin
[ -x $PGBIN/pg_ctl ] || fail "PostgreSQL 15 server binaries are missing ($PGBIN)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

PGDIR=$(mktemp -d /tmp/ktpel-pgrestart.XXXXXX)
chmod 755 "$PGDIR"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
PGPORT=$(free_port)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true;
      as_pg $PGBIN/pg_ctl -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$WORK" "$PGDIR"' EXIT
as_pg $PGBIN/initdb -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$PGDIR/initdb.log"
# synchronous_commit stays on: an acknowledged commit must survive the crash.
pg_start() {
  as_pg $PGBIN/pg_ctl -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR" start >/dev/null
}
pg_start
as_pg $PGBIN/createdb -h 127.0.0.1 -p "$PGPORT" -U postgres ktpel
URL="postgresql://postgres@127.0.0.1:$PGPORT/ktpel"

make_user "$URL" admin centre pusat
make_user "$URL" petugas operator 65.71.01 admin

PORT=$(free_port)
"$KTPEL" serve --db "$URL" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVE=$!
wait_port "$PORT"
# One session for all the traffic: it lives in the database, so it must outlast the restart.
TOKEN=$(login "$PORT" petugas)
AUTH=$(bearer "$TOKEN")

cat >"$WORK/traffic.py" <<'PY'
import json, os, sys, threading, time, urllib.request, urllib.error
port, out, stop, token = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
lock = threading.Lock()
acked, refused, statuses, retry_after_missing = [], [], {}, 0
sent = [0]
def body():  # a newcomer with a name of its own: the same person twice is refused as a likely double
    with lock:
        sent[0] += 1
        n = sent[0]
    # digits as syllables: the dedup normaliser folds doubled letters and sound-alikes
    name = "PENDATANG " + "".join(["NOL", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN"][int(d)] for d in str(os.getpid()) + "X" + str(n) if d != "X")
    return json.dumps({"name": name, "sex": "L", "birth_place": "TARAKAN", "birth_date": "1995-05-01",
                       "religion": "Islam", "village_code": "65.71.01.1001", "rt": "001", "rw": "001",
                       "address": "JL. MULAWARMAN 1", "parent_reason": "ORANG_TUA_TIDAK_TERDAFTAR"}).encode()
def worker():
    global retry_after_missing
    while not os.path.exists(stop):
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/residents", data=body(),
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + token}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                code, text, ra = r.status, r.read(), r.headers.get("Retry-After")
        except urllib.error.HTTPError as e:
            code, text, ra = e.code, e.read(), e.headers.get("Retry-After")
        except Exception as e:
            code, text, ra = "conn:" + type(e).__name__, b"", None
        with lock:
            statuses[str(code)] = statuses.get(str(code), 0) + 1
            if code == 201:
                acked.append((time.time(), json.loads(text)["nik"]))
            else:
                refused.append((time.time(), str(code), text[:160].decode(errors="replace")))
            if code == 503 and ra is None:
                retry_after_missing += 1
            elif code not in (201, 503) and sum(v for k, v in statuses.items() if k not in ("201", "503")) <= 5:
                print("unexpected", code, text[:300], file=sys.stderr)
        if code == 503:
            time.sleep(0.1)
threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
json.dump({"acked": acked, "refused": refused, "statuses": statuses, "retry_after_missing": retry_after_missing}, open(out, "w"))
PY
python3 "$WORK/traffic.py" "$PORT" "$WORK/traffic.json" "$WORK/stop" "$TOKEN" &
TRAFFIC=$!
sleep 3
before=$(date +%s.%N)
as_pg $PGBIN/pg_ctl -D "$PGDIR/data" -m immediate -w stop >/dev/null
sleep 1.5  # down: requests meanwhile must answer 503
pg_start
back=$(date +%s.%N)
# The same server must answer again, within seconds (reconnect backoff is at most 1 s).
recovered=""
for _ in $(seq 200); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"name":"BAYI KEMBALI","sex":"P","birth_place":"TARAKAN","birth_date":"1995-05-02","religion":"Islam","village_code":"65.71.01.1001","rt":"001","rw":"001","address":"JL. MULAWARMAN 2","parent_reason":"ORANG_TUA_TIDAK_TERDAFTAR"}' \
    "http://127.0.0.1:$PORT/api/v1/residents")
  if [ "$code" = 201 ]; then recovered=$(python3 -c "import time;print(round(time.time()-$back,2))"); break; fi
  sleep 0.1
done
[ -n "$recovered" ] || fail "no birth was accepted within 20 s of PostgreSQL coming back"
sleep 2
touch "$WORK/stop"
wait $TRAFFIC

kill -0 $SERVE 2>/dev/null || fail "ktpel serve died when PostgreSQL restarted: $(tail -5 "$WORK/serve.log")"
python3 - "$WORK/traffic.json" "$before" "$back" >"$WORK/niks.txt" <<'PY' || fail "traffic check failed"
import json, sys
t = json.load(open(sys.argv[1])); before, back = float(sys.argv[2]), float(sys.argv[3])
st = t["statuses"]
print("statuses", st, file=sys.stderr)
bad = {k: v for k, v in st.items() if k not in ("201", "503")}
assert not bad, f"answers other than 201/503: {bad}"
assert t["retry_after_missing"] == 0, "a 503 without Retry-After"
assert any(at < before for at, _ in t["acked"]), "no birth acknowledged before the restart"
late = [r for r in t["refused"] if r[0] > back]
assert any(at > back for at, _ in t["acked"]), f"no birth acknowledged after PostgreSQL came back: {late[-3:]}"
assert st.get("503", 0) > 0, "the outage was not noticed (no 503)"
for _, nik in t["acked"]: print(nik)
PY
acked=$(sort -u "$WORK/niks.txt" | wc -l)
[ "$acked" = "$(wc -l < "$WORK/niks.txt")" ] || fail "one NIK was acknowledged twice"
stored=$(psql "$URL" -qAt -c "CREATE TEMP TABLE a (nik TEXT); COPY a FROM STDIN; SELECT COUNT(*) FROM residents r JOIN a USING (nik);" < "$WORK/niks.txt" | tail -1)
[ "$stored" = "$acked" ] || fail "$acked births were acknowledged but $stored are in the database"
code=$(curl -s -o "$WORK/health.json" -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
[ "$code" = 200 ] || fail "healthz answers $code after the restart: $(cat "$WORK/health.json")"
pass "PostgreSQL restarted under traffic: $acked births acknowledged, all stored; outage answered 503; same server answering again ${recovered}s after the database was back"

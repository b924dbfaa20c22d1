#!/usr/bin/env bash
# Issue [9], unbounded resources, against a real server: slow-header sockets (slow loris) are cut
# at the request deadline and cannot take every worker (/healthz answers throughout); one address
# holds a bounded number of connections; a search page by offset is capped and deep pages go by
# the `next` cursor (same rows as the offsets gave); person records are read at a bounded pace
# per user (429 + Retry-After), other officers unaffected.
source "$(dirname "$0")/lib.sh" "$@"
"$KTPEL" generate --province 65 --regency 65.71 --scale 0.02 --seed 9 --out "$WORK/gen" >/dev/null
db=$(fresh_db sqlite)
"$KTPEL" import --db "$db" "$WORK/gen/residents.csv" >/dev/null
make_user "$db" admin centre pusat
make_user "$db" siti supervisor 65.71 admin
make_user "$db" rina supervisor 65.71 admin
port=$(free_port)
KTPEL_HTTP_REQUEST_SECONDS=3 KTPEL_HTTP_CONNECTIONS_PER_ADDRESS=16 KTPEL_HTTP_THREADS=24 KTPEL_PERSON_READS_PER_MINUTE=400 \
  "$KTPEL" serve --db "$db" --port "$port" >"$WORK/serve.log" 2>&1 &
pid=$!
wait_port "$port"
api="http://127.0.0.1:$port/api/v1"

# 1. Slow loris from 127.0.0.2: 40 sockets each dribbling a header byte a second. The first 16
#    are held until the 3 s deadline cuts them; the rest are told 503 at once. Meanwhile /healthz
#    from 127.0.0.1 answers within 2 s every time (it took 27 s before).
python3 - "$port" <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
socks = []
for i in range(40):
    s = socket.socket(); s.bind(("127.0.0.2", 0)); s.connect(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n"); s.settimeout(0.05); socks.append(s)
start, closed_at, busy = time.time(), {}, 0
while len(closed_at) < 40 and time.time() - start < 12:
    for i in range(40):
        if i in closed_at: continue
        try:
            data = socks[i].recv(4096)
            if b"TOO_MANY_CONNECTIONS" in data: busy += 1
            if data == b"" or b"TOO_MANY_CONNECTIONS" in data: closed_at[i] = time.time() - start
        except socket.timeout:
            try: socks[i].sendall(b"X")
            except OSError: closed_at[i] = time.time() - start
        except OSError:
            closed_at[i] = time.time() - start
    time.sleep(0.5)
at_once = sum(1 for t in closed_at.values() if t < 2.5)   # refused (503, or reset by the close)
last = max(closed_at.values(), default=99)
print(f"slow sockets: {at_once} closed at once ({busy} with the 503 body), the held ones by {last:.1f} s")
sys.exit(0 if at_once >= 20 and len(closed_at) == 40 and last < 8 else 1)
PY
loris=$!
sleep 0.5
for i in $(seq 1 8); do
  t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 "http://127.0.0.1:$port/healthz") || fail "/healthz did not answer under slow loris"
  # (it took 27 s before; 2 s leaves room for a machine busy with other tests)
  python3 -c "import sys; sys.exit(0 if float('$t') < 2.0 else 1)" || fail "/healthz took $t s under slow loris"
  sleep 0.5
done
wait $loris || fail "slow sockets were not cut or refused"
pass "slow-header sockets cut at the deadline, 16 per address, /healthz answered under 2 s throughout"

# 2. Search paging: offsets stop at 10,000 rows; the cursor walks on and matches the offsets.
sup=$(bearer "$(login "$port" siti)")
code=$(curl -s -o "$WORK/out" -w '%{http_code}' -H "$sup" "$api/residents?region=65.71&page=1000")
[ "$code" = 422 ] && grep -q PAGE_TOO_DEEP "$WORK/out" || fail "page 1000: $code $(cat "$WORK/out")"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$sup" "$api/residents?region=65.71&after=zz.1")" = 400 ] || fail "a made-up cursor"
python3 - "$api" "$sup" <<'PY' || fail "cursor paging differs from offsets"
import json, sys, urllib.request
api, auth = sys.argv[1], sys.argv[2].split(": ", 1)
def get(q):
    r = urllib.request.Request(api + "/residents?region=65.71&page_size=40&" + q, headers={auth[0]: auth[1]})
    return json.load(urllib.request.urlopen(r))
by_offset = [n["nik"] for p in (1, 2, 3) for n in get(f"page={p}")["items"]]
by_cursor, q = [], "page=1"
for _ in range(3):
    page = get(q); by_cursor += [n["nik"] for n in page["items"]]; q = "after=" + page["next"]
assert len(by_offset) == 120 and by_cursor == by_offset, (len(by_offset), by_cursor[:3], by_offset[:3])
PY
pass "offset pages capped (422 PAGE_TOO_DEEP), the next cursor gives the same rows as the offsets"

# 3. Person records per user (400 a minute here): siti keeps reading pages of 100; within ten
#    pages (however slow the machine, the refill is 6.7 a second) she gets 429 with Retry-After;
#    rina, another officer, is not held up.
refused=0
for i in $(seq 1 10); do
  code=$(curl -s -D "$WORK/headers" -o "$WORK/out" -w '%{http_code}' -H "$sup" "$api/residents?region=65.71&page_size=100&page=$i")
  [ "$code" = 200 ] && continue
  [ "$code" = 429 ] && grep -q PERSON_READ_LIMIT "$WORK/out" && grep -qi '^Retry-After: [1-9]' "$WORK/headers" ||
    fail "reads past the budget: $code $(cat "$WORK/out")"
  refused=$i; break
done
[ "$refused" -gt 1 ] || fail "the budget of person reads never ran out (or ran out at once: $refused)"
rina=$(bearer "$(login "$port" rina)")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$rina" "$api/residents?region=65.71&page_size=100")" = 200 ] || fail "another officer was held up"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$sup" "$api/coverage?level=kecamatan&parent=65.71")" = 200 ] || fail "aggregates must not count as person reads"
kill -0 $pid 2>/dev/null || fail "the server died: $(tail -5 "$WORK/serve.log")"
pass "person records per user bounded (429 PERSON_READ_LIMIT, Retry-After), others unaffected"

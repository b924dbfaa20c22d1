#!/usr/bin/env bash
# Acceptance [2].1: a real centre and 3 station processes, N recordings each, synced through a
# fault-injecting proxy (drops, black holes, cut connections) while the centre is killed with
# SIGKILL and restarted at random moments. Every packet must end at the centre exactly once.
# Both backends. N defaults to 1000 (KTPEL_CHAOS_PER_STATION overrides). The centre has officers'
# accounts (issue [8]): station codes are made --as its admin; stations use their own keys.
source "$(dirname "$0")/lib.sh" "$@"
N=${KTPEL_CHAOS_PER_STATION:-1000}
CHAOS_SECONDS=${KTPEL_CHAOS_SECONDS:-25}
export KTPEL_STATION_PASSPHRASE=rahasia-stasiun-uji KTPEL_OPERATOR_PASSWORD=operator-uji-1
"$KTPEL" generate --province 65 --scale 0.02 --seed 5 --out "$WORK/gen" >/dev/null

centre_pid=""
start_centre() {
  "$KTPEL" serve --db "$db" --port "$centre_port" >>"$WORK/centre.log" 2>&1 &
  centre_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$centre_port/healthz" >/dev/null && return; sleep 0.05; done
  fail "centre did not start: $(tail -5 "$WORK/centre.log")"
}
count() {  # SQL on the centre database
  if [ "$backend" = sqlite ]; then sqlite3 "$db" "$1"; else psql "$db" -qAtc "$1"; fi
}

for backend in $(backends); do
  db=$(fresh_db "$backend")
  "$KTPEL" import --db "$db" "$WORK/gen/residents.csv" >/dev/null
  make_user "$db" admin centre pusat
  centre_port=$(free_port)
  proxy_port=$(free_port)
  calm="$WORK/calm-$backend"
  touch "$calm"
  python3 "$(dirname "$0")/chaos_proxy.py" "$proxy_port" "$centre_port" 7 "$calm" &
  proxy_pid=$!
  wait_port "$proxy_port"
  start_centre
  pids=()
  for s in 1 2 3; do
    code=$("$KTPEL" centre --db "$db" --as admin station-code --kecamatan 65.71.0$s)
    dir="$WORK/$backend-st$s"
    "$KTPEL" station --dir "$dir" init --centre "http://127.0.0.1:$proxy_port" --code "$code" \
      --centre-fingerprint "$("$KTPEL" centre --db "$db" --as admin fingerprint)" >/dev/null
    "$KTPEL" station --dir "$dir" operator --user op$s >/dev/null
    # Recorded offline, before any sync: disjoint residents and different biometrics per station.
    "$KTPEL" station --dir "$dir" simulate --operator op$s --residents "$WORK/gen/residents.csv" \
      --count "$N" --offset $(( (s - 1) * N )) --seed $s >/dev/null
  done
  rm -f "$calm"   # chaos on, before the first byte is sent
  for s in 1 2 3; do
    "$KTPEL" station --dir "$WORK/$backend-st$s" serve --max-backoff-ms 1500 >"$WORK/$backend-st$s.log" 2>&1 &
    pids+=($!)
  done
  end=$(( $(date +%s) + CHAOS_SECONDS )); kills=0
  while [ "$(date +%s)" -lt "$end" ]; do
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.5, 3.0), 2))')"
    kill -9 "$centre_pid" 2>/dev/null; wait "$centre_pid" 2>/dev/null || true; kills=$((kills + 1))
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.2, 1.5), 2))')"
    start_centre
  done
  touch "$calm"   # chaos off: everything left must now drain
  deadline=$(( $(date +%s) + 180 ))
  while :; do
    pending=0
    for s in 1 2 3; do
      p=$(sqlite3 "$WORK/$backend-st$s/station.db" "SELECT COUNT(*) FROM outbox WHERE status='pending'")
      pending=$((pending + p))
    done
    [ "$pending" = 0 ] && break
    [ "$(date +%s)" -lt "$deadline" ] || fail "$backend: $pending packets still pending after the network came back"
    sleep 1
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done
  kill "$centre_pid" "$proxy_pid" 2>/dev/null; wait "$centre_pid" "$proxy_pid" 2>/dev/null || true

  total=$((3 * N))
  accepted=$(count "SELECT COUNT(*) FROM packets WHERE status = 'accepted'")
  distinct=$(count "SELECT COUNT(DISTINCT packet_id) FROM packets")
  rejected=$(count "SELECT COUNT(*) FROM packets WHERE status = 'rejected'")
  enrolments=$(count "SELECT COUNT(*) FROM enrolments")
  captures=$(count "SELECT COUNT(*) FROM ektp_transitions WHERE event = 'capture'")
  rerecords=$(count "SELECT COUNT(*) FROM ektp_transitions WHERE event = 'rerecord'")
  records=$(count "SELECT COUNT(*) FROM ektp_records")
  [ "$accepted" = "$total" ] || fail "$backend: $accepted packets accepted, expected $total (rejected $rejected: $(count "SELECT reason FROM packets WHERE status='rejected' LIMIT 3"))"
  [ "$distinct" = "$total" ] || fail "$backend: $distinct distinct packet ids"
  [ "$enrolments" = "$total" ] || fail "$backend: $enrolments enrolments stored (a packet was applied twice or lost)"
  [ "$captures" = "$total" ] && [ "$rerecords" = 0 ] || fail "$backend: $captures captures, $rerecords re-records"
  [ "$records" = "$total" ] || fail "$backend: $records e-KTP records"
  for s in 1 2 3; do
    sent=$(sqlite3 "$WORK/$backend-st$s/station.db" "SELECT COUNT(*) FROM outbox WHERE status='sent'")
    [ "$sent" = "$N" ] || fail "$backend: station $s marked $sent sent, expected $N"
  done
  retries=$(for s in 1 2 3; do sqlite3 "$WORK/$backend-st$s/station.db" "SELECT COALESCE(SUM(attempts),0) FROM outbox"; done | awk "{s+=\$1} END {print s}")
  [ "$retries" -gt 0 ] || fail "$backend: no upload was ever retried: the faults missed the sync (raise KTPEL_CHAOS_PER_STATION)"
  pass "$backend: $total packets from 3 stations through chaos ($kills centre SIGKILLs, $retries retried attempts): each committed exactly once"
done

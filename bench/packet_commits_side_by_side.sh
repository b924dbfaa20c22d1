#!/usr/bin/env bash
# Packet commits per second (group of 128, durable), this build and another one side by side in
# one run, on SQLite and on PostgreSQL (a private server on loopback, scripts/with_services.sh).
# Usage: scripts/with_services.sh bench/packet_commits_side_by_side.sh NEW_BENCH [OLD_BENCH] [PACKETS]
# NEW_ARGS / OLD_ARGS add options to either side, e.g. the same binary with OLD_ARGS="--audit 0"
# measures what the audit entry costs (issue [8]).
set -euo pipefail
# Benchmarks measure throughput, not the per-account and per-address limits of [9]: lift them.
export KTPEL_PERSON_READS_PER_MINUTE=${KTPEL_PERSON_READS_PER_MINUTE:-1000000000} KTPEL_USER_IN_FLIGHT=${KTPEL_USER_IN_FLIGHT:-10000} \
  KTPEL_HTTP_CONNECTIONS_PER_ADDRESS=${KTPEL_HTTP_CONNECTIONS_PER_ADDRESS:-100000}
NEW=${1:?packet_accept_bench of this build}
OLD=${2:-}
PACKETS=${3:-4000}
: "${PG_ADMIN_URL:?run under scripts/with_services.sh}"
WORK=$(mktemp -d /tmp/ktpel-packets.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fresh_pg() {
  local name="bench_$RANDOM$RANDOM"
  psql "$PG_ADMIN_URL" -qAtc "CREATE DATABASE $name" >/dev/null
  echo "${PG_ADMIN_URL%/*}/$name"
}
for round in 1 2; do
  for label in new old; do
    bin=$NEW args=${NEW_ARGS:-}; [ $label = old ] && bin=$OLD args=${OLD_ARGS:-}
    [ -n "$bin" ] || continue
    rm -f "$WORK"/p.db*
    echo "round $round $label sqlite: $("$bin" --db "$WORK/p.db" --packets "$PACKETS" --group 128 $args | tail -1)"
    echo "round $round $label postgresql: $("$bin" --db "$(fresh_pg)" --packets "$PACKETS" --group 128 $args | tail -1)"
  done
done

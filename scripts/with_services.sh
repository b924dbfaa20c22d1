#!/usr/bin/env bash
# Runs a command with a private PostgreSQL 15 server on loopback (PG_URL exported), then tears
# it down. PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

TMP=$(mktemp -d /tmp/ktpel-svc.XXXXXX)
chmod 755 "$TMP"
mkdir -p "$TMP/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$TMP/pg"
PGPORT=$(free_port)

cleanup() {
  local rc=$?
  set +e
  as_pg $PGBIN/pg_ctl -D "$TMP/pg/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT

as_pg $PGBIN/initdb -D "$TMP/pg/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$TMP/pg/initdb.log"
as_pg $PGBIN/pg_ctl -D "$TMP/pg/data" -l "$TMP/pg/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $TMP/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
as_pg $PGBIN/createdb -h 127.0.0.1 -p $PGPORT -U postgres ktpel_test
export PG_URL="postgresql://postgres@127.0.0.1:$PGPORT/ktpel_test"
export PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
export KTPEL_REQUIRE_PG=1
echo "with_services: PostgreSQL on 127.0.0.1:$PGPORT"
"$@"

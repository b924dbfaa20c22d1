# Shared helpers for the end-to-end tests. Usage: source lib.sh "$@"  (args: KTPEL DATA_DIR)
set -euo pipefail
KTPEL=${1:?path to the ktpel binary}
DATA=${2:?tests/data folder}
WORK=$(mktemp -d /tmp/ktpel-e2e.XXXXXX)
# Background servers die with the test, whether it passes or fails.
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Every database of the test under one master key kept in the test's folder (not $HOME/.ktpel).
if [ -z "${KTPEL_MASTER_KEY:-}" ] && [ -z "${KTPEL_MASTER_KEY_FILE:-}" ]; then
  python3 -c 'import secrets; print(secrets.token_hex(32))' >"$WORK/master.key"
  export KTPEL_MASTER_KEY_FILE="$WORK/master.key"
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# Backends to test: sqlite always; postgresql when make test started a server.
backends() {
  echo sqlite
  if [ -n "${PG_ADMIN_URL:-}" ]; then echo postgresql
  elif [ "${KTPEL_REQUIRE_PG:-}" = 1 ]; then fail "KTPEL_REQUIRE_PG=1 but PG_ADMIN_URL is not set"; fi
}

# A fresh, empty database location for a backend.
fresh_db() {
  if [ "$1" = sqlite ]; then
    echo "$WORK/db-$RANDOM$RANDOM.db"
  else
    local name="ktpel_e2e_$RANDOM$RANDOM"
    psql "$PG_ADMIN_URL" -qAtc "CREATE DATABASE $name" >/dev/null
    echo "${PG_ADMIN_URL%/*}/$name"
  fi
}

# Rows in the registry, counted through the binary (export writes a header plus one line each).
resident_count() {
  "$KTPEL" export --db "$1" --out "$WORK/count.csv" >/dev/null
  echo $(( $(wc -l < "$WORK/count.csv") - 1 ))
}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# Waits until something listens on a loopback port.
wait_port() {
  for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done
  fail "nothing listens on port $1"
}

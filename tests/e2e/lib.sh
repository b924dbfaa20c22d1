# Shared helpers for the end-to-end tests. Usage: source lib.sh "$@"  (args: KTPEL DATA_DIR)
set -euo pipefail
KTPEL=${1:?path to the ktpel binary}
DATA=${2:?tests/data folder}
WORK=$(mktemp -d /tmp/ktpel-e2e.XXXXXX)
# Background servers die with the test, whether it passes or fails.
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Officers' accounts (issue [8]): a faster Argon2 setting for tests (servers started by the scripts
# inherit it), and no console user from the caller's environment (a database without accounts
# refuses one).
export KTPEL_PWHASH=interactive
unset KTPEL_USER

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
# Args: DB [USER]: once the database has accounts, USER must be one whose role reads persons.
resident_count() {
  "$KTPEL" export --db "$1" --out "$WORK/count.csv" ${2:+--as "$2"} >/dev/null
  echo $(( $(wc -l < "$WORK/count.csv") - 1 ))
}

# One SQL statement on a test database of either backend: sql BACKEND DB 'SELECT ...'.
sql() { if [ "$1" = sqlite ]; then sqlite3 "$2" "$3"; else psql "$2" -qAtc "$3"; fi; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# Waits until something listens on a loopback port.
wait_port() {
  for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done
  fail "nothing listens on port $1"
}

# The password of a test account: one fixed pattern, so login needs only the name.
password_of() { echo "sandi-uji-$1"; }

# Creates an account. Args: DB NAME ROLE WILAYAH [AS]. The database's first account needs no AS
# and must be centre/pusat; later ones are made --as an account allowed to (e.g. the centre's).
make_user() {
  local db=$1 name=$2 role=$3 wilayah=$4 as=${5:-}
  KTPEL_NEW_PASSWORD=$(password_of "$name") "$KTPEL" user add --db "$db" --username "$name" --role "$role" \
    --wilayah "$wilayah" ${as:+--as "$as"} >"$WORK/user-add.out" 2>&1 ||
    fail "user add $name ($role $wilayah): $(cat "$WORK/user-add.out")"
}

# Logs NAME in on the server at PORT; echoes the session token (use: tok=$(login PORT NAME)).
login() {
  local out
  out=$(curl -s -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$(password_of "$2")\"}")
  python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$out" 2>/dev/null || fail "login $2 on port $1: $out"
}

# The Authorization header of a token, for curl -H.
bearer() { echo "Authorization: Bearer $1"; }

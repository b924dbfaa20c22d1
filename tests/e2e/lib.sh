# Shared helpers for the end-to-end tests. Usage: source lib.sh "$@"  (args: KTPEL DATA_DIR)
set -euo pipefail
KTPEL=${1:?path to the ktpel binary}
DATA=${2:?tests/data folder}
WORK=$(mktemp -d /tmp/ktpel-e2e.XXXXXX)
# Background servers die with the test, whether it passes or fails.
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; [ -n "${KTPEL_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT

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

# A regency's printing desk with its officers: accounts admin (centre), kepala (the regency's
# supervisor) and pemeriksa (auditor); printer P1 and BLANKS blanks received at office REGENCY;
# the first QUEUE NIKs of its print queue in the array `niks`. Args: DB REGENCY BLANKS QUEUE.
setup_print_desk() {
  local db=$1 office=$2 blanks=$3 queue=$4
  make_user "$db" admin centre pusat
  make_user "$db" kepala supervisor "$office" admin
  make_user "$db" pemeriksa auditor pusat admin
  "$KTPEL" printer --db "$db" --as kepala add --office "$office" --serial P1 --model "Datacard CD800" --per-day 500 >/dev/null
  "$KTPEL" stock --db "$db" --as kepala receive --office "$office" --qty "$blanks" --ref BAST-1 --date 2026-11-20 >/dev/null
  "$KTPEL" print --db "$db" --as kepala queue --office "$office" --limit "$queue" --json >"$WORK/queue.json"
  mapfile -t niks < <(python3 -c 'import json,sys; print("\n".join(e["nik"] for e in json.load(sys.stdin)))' <"$WORK/queue.json")
  [ ${#niks[@]} = "$queue" ] || fail "the print queue of $office has ${#niks[@]} records, want $queue"
}

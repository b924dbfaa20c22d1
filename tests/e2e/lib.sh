# Shared helpers for the end-to-end tests. Usage: source lib.sh "$@"  (args: KTPEL DATA_DIR)
set -euo pipefail
KTPEL=${1:?path to the ktpel binary}
DATA=${2:?tests/data folder}
WORK=$(mktemp -d /tmp/ktpel-e2e.XXXXXX)
# Background servers die with the test, whether it passes or fails.
# Small disks mounted by mount_small_disk are unmounted first (cleanup_hooks run before that).
MOUNTS=()
cleanup_hooks=()
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true
      for h in "${cleanup_hooks[@]}"; do eval "$h" || true; done
      for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; rmdir "$m" 2>/dev/null || true; done
      [ -n "${KTPEL_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT

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
    # CREATE DATABASE can fail for a moment when another test holds the server busy (a checkpoint
    # that cannot write while e2e_disk_full_pg has its tablespace full, two creations from
    # template1 at once): try again rather than hand out a database that is not there.
    local name="ktpel_e2e_$RANDOM$RANDOM" tries=0
    until psql "$PG_ADMIN_URL" -qAtc "CREATE DATABASE $name" >/dev/null 2>"$WORK/createdb.err"; do
      tries=$((tries + 1))
      [ $tries -lt 25 ] || fail "CREATE DATABASE $name failed: $(cat "$WORK/createdb.err")"
      sleep 0.2
    done
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

# Mounts a small file system of MB megabytes on DIR (made if absent): a tmpfs, else a
# loop-mounted ext4 image; fails saying why when neither works (both need root). Args: DIR MB.
mount_small_disk() {
  local dir=$1 mb=$2
  mkdir -p "$dir"
  if ! mount -t tmpfs -o size=${mb}M tmpfs "$dir" 2>"$WORK/mount.err"; then
    truncate -s ${mb}M "$dir.img" && mkfs.ext4 -q -m 0 "$dir.img" && mount -o loop "$dir.img" "$dir" 2>>"$WORK/mount.err" ||
      fail "cannot mount a small file system on $dir (needs root: mount -t tmpfs, or a loop device): $(cat "$WORK/mount.err")"
    rm -rf "$dir/lost+found"
  fi
  MOUNTS+=("$dir")
}

# Fills what is left of the disk holding DIR with a new filler file (remove DIR/filler-* to free it).
fill_disk() { dd if=/dev/zero of="$1/filler-$RANDOM$RANDOM" bs=64k status=none 2>/dev/null || true; }
free_kb() { df -k --output=avail "$1" | tail -1 | tr -d ' '; }

# A recording station in $WORK/station registered at the centre serving DB on PORT, for the
# kecamatan of the first resident of CSV, with operator budi (KTPEL_STATION_PASSPHRASE and
# KTPEL_OPERATOR_PASSWORD set by the caller; the centre's account admin). Args: DB PORT CSV.
make_station() {
  local db=$1 port=$2 kec fingerprint code
  kec=$(awk -F, 'NR==2 {split($12, p, "."); print p[1] "." p[2] "." p[3]}' "$3")
  fingerprint=$("$KTPEL" centre --db "$db" --as admin fingerprint)
  code=$("$KTPEL" centre --db "$db" --as admin station-code --kecamatan "$kec")
  station="$WORK/station"
  "$KTPEL" station --dir "$station" init --centre "http://127.0.0.1:$port" --code "$code" --centre-fingerprint "$fingerprint" >/dev/null
  "$KTPEL" station --dir "$station" operator --user budi >/dev/null
}

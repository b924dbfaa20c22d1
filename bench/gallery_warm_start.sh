#!/usr/bin/env bash
# Issue [8]: the ABIS gallery warm start with the gallery sealed at rest and in clear, on the same
# generated fingers, side by side in one run: SQLite, and PostgreSQL when PG_ADMIN_URL is set
# (scripts/with_services.sh bench/gallery_warm_start.sh build 1000000).
# Usage: bench/gallery_warm_start.sh BUILD_DIR [FINGERS] [ROUNDS]
set -euo pipefail
BUILD=${1:?build folder}
N=${2:-1000000}
ROUNDS=${3:-5}
W=$(mktemp -d /tmp/gallery-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
if [ -z "${KTPEL_MASTER_KEY:-}" ] && [ -z "${KTPEL_MASTER_KEY_FILE:-}" ]; then
  python3 -c 'import secrets; print(secrets.token_hex(32))' >"$W/master.key"
  export KTPEL_MASTER_KEY_FILE="$W/master.key"
fi
run() {  # run SEALED_LOCATION CLEAR_LOCATION
  /usr/bin/time -f "fill: %e s" "$BUILD/src/ktpel" afis gallery --db "$1" --fill-synthetic "$N"
  "$BUILD/bench/gallery_warm_start_bench" --sealed "$1" --clear "$2" --rounds "$ROUNDS"
}
echo "== SQLite, $N fingers"
run "$W/sealed.db" "$W/clear.db"
if [ -n "${PG_ADMIN_URL:-}" ]; then
  for name in sealed clear; do psql "$PG_ADMIN_URL" -qAtc "CREATE DATABASE gallery_$name" >/dev/null; done
  echo "== PostgreSQL, $N fingers"
  run "${PG_ADMIN_URL%/*}/gallery_sealed" "${PG_ADMIN_URL%/*}/gallery_clear"
fi

#!/usr/bin/env bash
# Regenerates every screenshot in docs/screenshots: each browser test of web/tests drives the real
# dashboard on a generated province and saves its pages there. Usage: scripts/screenshots.sh
# [KTPEL_BINARY] (default build/src/ktpel; run `make build` first).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ktpel=$(realpath "${1:-$root/build/src/ktpel}")
out="$root/docs/screenshots"
[ -x "$ktpel" ] || { echo "no ktpel binary at $ktpel: run make build" >&2; exit 2; }
[ -f "$root/web/dist/index.html" ] || { echo "no web/dist: run make web" >&2; exit 2; }
mkdir -p "$out"
for t in "$root"/web/tests/*.test.mjs; do
  echo "screenshots: $(basename "$t")"
  node "$t" "$ktpel" "$out"
done
ls -1 "$out" | sed 's/^/  docs\/screenshots\//'

#!/usr/bin/env bash
# docs/walkthrough.md run as written: every ```sh block of the document, in order, in one shell, on
# a fresh database (SQLite; PostgreSQL too when make test started a server). A step that stops
# working as written fails this test. In the document `ktpel` is the binary under test, `shows TEXT`
# passes a command's output through and checks it contains TEXT, `refused TEXT command...` checks
# the command fails and says TEXT.
source "$(dirname "$0")/lib.sh" "$@"
KTPEL=$(realpath "$KTPEL")
doc="$(cd "$(dirname "$0")/../.." && pwd)/docs/walkthrough.md"
[ -f "$doc" ] || fail "no $doc"

for b in $(backends); do
  db=$(fresh_db "$b")
  dir="$WORK/$b"
  mkdir -p "$dir"
  {
    echo 'set -euo pipefail'
    printf 'ktpel() { %q "$@"; }\n' "$KTPEL"
    printf 'export KTPEL_DB=%q PORT=%q\n' "$db" "$(free_port)"
    echo "trap 'kill \$(jobs -p) 2>/dev/null || true' EXIT"
    cat <<'LIB'
shows() { local out; out=$(cat); printf '%s\n' "$out"; grep -qiF -- "$1" <<<"$out" || { echo "WALKTHROUGH: expected the output to show '$1'" >&2; exit 1; }; }
refused() { local want=$1 out rc; shift; set +e; out=$("$@" 2>&1); rc=$?; set -e; printf '%s\n' "$out"
  [ $rc != 0 ] || { echo "WALKTHROUGH: '$*' was accepted; it must be refused with $want" >&2; exit 1; }
  grep -qF -- "$want" <<<"$out" || { echo "WALKTHROUGH: '$*' refused without saying '$want'" >&2; exit 1; }; }
LIB
    # Each block, with a marker so a failure names the step.
    awk '/^```sh$/{on=1; n++; printf "echo \"--- step %d\"\n", n; next} /^```$/{on=0; next} on' "$doc"
  } >"$dir/walkthrough.sh"
  (cd "$dir" && bash "$dir/walkthrough.sh") >"$dir/out.log" 2>&1 || { tail -40 "$dir/out.log" >&2; fail "$b: the walkthrough stopped (the last '--- step N' above is the block that failed)"; }
  pass "$b: every step of docs/walkthrough.md works as written ($(grep -c '^--- step' "$dir/out.log") blocks)"
done

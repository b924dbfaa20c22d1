#!/usr/bin/env bash
# Builds every fuzz target (or those named) with clang: libFuzzer + ASan + UBSan, any UB fatal.
# Each product source is compiled once into $OUT/obj, FUZZ_JOBS at a time (default 2), and
# rebuilt only when it or a header it includes changed (clang's -MMD depfiles); a target
# relinks only when one of its objects did.
set -euo pipefail
cd "$(dirname "$0")/.."
. fuzz/targets.sh
OUT=${OUT:-build-fuzz}
CXX=${FUZZ_CXX:-clang++}
JOBS=${FUZZ_JOBS:-2}
mkdir -p "$OUT/obj"
ROOT=$(pwd)
FLAGS=(-std=c++20 -g -O1 -mpopcnt -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
       -I"$ROOT/src" -I"$ROOT" "-DKTPEL_SOURCE_DIR=\"$ROOT\"" $(pkg-config --cflags libutf8proc libsodium cpp-httplib 2>/dev/null || true))
LIBS=($(pkg-config --libs libutf8proc libsodium cpp-httplib 2>/dev/null || echo -lutf8proc -lsodium -lcpp-httplib) -lxlsxwriter -lpthread)

# Objects built with other flags (or another compiler) are all rebuilt.
stamp="$CXX ${FLAGS[*]}"
[[ -f $OUT/obj/flags && $(cat "$OUT/obj/flags") == "$stamp" ]] || { rm -f "$OUT"/obj/*.o; echo "$stamp" >"$OUT/obj/flags"; }

object_of() { echo "$OUT/obj/$(echo "$1" | tr / _).o"; }
sources_of() {  # a source named by two of the lists is linked once
  printf '%s\n' "fuzz/$1_fuzz.cc" $FUZZ_COMMON $(fuzz_sources "$1") | awk '!seen[$0]++'
}
# Up to date when the object is newer than its source and every header in its depfile.
stale() {
  local obj=$(object_of "$1") f
  local dep=${obj%.o}.d
  [[ -f $obj && -f $dep && $obj -nt $1 ]] || return 0
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
    [[ -f $f && $f -nt $obj ]] && return 0
  done
  return 1
}

targets=${*:-$FUZZ_TARGETS}
todo=()
for s in $(for t in $targets; do sources_of "$t"; done | sort -u); do
  if stale "$s"; then todo+=("$s"); fi
done
if (( ${#todo[@]} )); then
  export CXX OUT FUZZ_UNTRACED
  printf '%s\n' "${todo[@]}" | xargs -P "$JOBS" -I{} bash -c '
    obj="$OUT/obj/$(echo "$1" | tr / _).o"; shift
    flags=("$@")
    [[ " $FUZZ_UNTRACED " == *" $0 "* ]] && flags=("${flags[@]/-fsanitize=fuzzer-no-link,/-fsanitize=}")
    echo "  CXX $0" >&2
    exec "$CXX" "${flags[@]}" -MMD -MF "${obj%.o}.d" -c "$0" -o "$obj"' {} {} "${FLAGS[@]}"
fi

for t in $targets; do
  objs=()
  for s in $(sources_of "$t"); do objs+=("$(object_of "$s")"); done
  bin="$OUT/${t}_fuzz"
  relink=0
  [[ -f $bin ]] || relink=1
  for o in "${objs[@]}"; do [[ $o -nt $bin ]] && relink=1; done
  if (( relink )); then
    echo "  LINK $bin" >&2
    "$CXX" -fsanitize=fuzzer,address,undefined "${objs[@]}" "${LIBS[@]}" -o "$bin"
  fi
done

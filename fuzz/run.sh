#!/usr/bin/env bash
# Builds the minutiae-record fuzzer with clang (libFuzzer + ASan + UBSan) and runs it for
# RUNS inputs (default 1,000,000) from the FVC and invalid templates as the seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-1000000}
OUT=${OUT:-build-fuzz}
mkdir -p "$OUT/corpus"
cp tests/data/fingerprints/fvc2002/DB*/1*_1.iso tests/data/fingerprints/invalid/* "$OUT/corpus/" 2>/dev/null || true
SRC="src/core/biometrics/iso19794.cc src/core/biometrics/finger_geometry.cc src/core/biometrics/mcc_cylinder.cc
     src/core/biometrics/finger_matcher.cc src/core/biometrics/compact_finger.cc"
clang++ -std=c++20 -g -O1 -mpopcnt -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc \
  fuzz/iso19794_fuzz.cc src/core/common/messages.cc $SRC -o "$OUT/iso19794_fuzz"
"$OUT/iso19794_fuzz" -runs="$RUNS" -max_len=4096 -print_final_stats=1 "$OUT/corpus"

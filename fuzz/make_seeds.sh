#!/usr/bin/env bash
# Regenerates the binary seeds under fuzz/corpus/ (fuzz/make_seeds.cc). Packets and tokens
# differ on every run (random stream keys), so run it only when a format changes.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-build-fuzz}
mkdir -p "$OUT" fuzz/corpus/{enrolment,envelope,suket_token}
clang++ -std=c++20 -O1 -Isrc -I. "-DKTPEL_SOURCE_DIR=\"$(pwd)\"" fuzz/make_seeds.cc src/core/biometrics/enrolment_codec.cc \
  src/core/print/suket.cc src/crypto/suket_token.cc src/crypto/envelope.cc src/core/common/messages.cc \
  src/core/common/date.cc -lsodium -o "$OUT/make_seeds"
"$OUT/make_seeds"

#!/usr/bin/env bash
# Whole-job benchmark, ktpel side by side with its peer in one run:
#   1. generation rate of ~1M residents (Jawa Barat at --scale 0.0195)
#   2. `ktpel import` (parse + validate every row + insert, one transaction) into SQLite, against
#      the sqlite3 shell's `.import` of the same CSV into the same schema with the same indexes
#      (staging table, then INSERT ... SELECT: the shell cannot fill name_key, created_at, updated_at
#      itself; lower(name) stands in for the folded name key).
# Usage: bench/import_vs_sqlite3.sh [build/src/ktpel] [scale]
set -euo pipefail
KTPEL=${1:-build/src/ktpel}
SCALE=${2:-0.0195}
WORK=$(mktemp -d /tmp/ktpel-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.4f\", $* }"; }

t0=$(now)
"$KTPEL" generate --province 32 --scale "$SCALE" --seed 42 --out "$WORK/gen" >/dev/null
t1=$(now)
rows=$(( $(wc -l < "$WORK/gen/residents.csv") - 1 ))
gen_s=$(calc "$t1 - $t0")

# ktpel import (includes loading the 91,599 wilayah regions it validates against).
t0=$(now)
"$KTPEL" import --db "$WORK/ktpel.db" "$WORK/gen/residents.csv" >/dev/null
t1=$(now)
ktpel_s=$(calc "$t1 - $t0")

# sqlite3 shell into the same schema (migrations applied by ktpel on an empty file).
printf 'nik,kk,name,sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,father_name,village_code,rt,rw,address,blood_type,citizenship\n' >"$WORK/empty.csv"
"$KTPEL" import --db "$WORK/shell.db" "$WORK/empty.csv" >/dev/null
t0=$(now)
sqlite3 "$WORK/shell.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;
CREATE TEMP TABLE staging(nik,kk,name,sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,father_name,village_code,rt,rw,address,blood_type,citizenship);
.import --csv --skip 1 $WORK/gen/residents.csv staging
BEGIN;
INSERT INTO residents (nik,kk,name,name_key,sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,father_name,village_code,rt,rw,address,blood_type,citizenship,alive,death_date,created_at,updated_at)
  SELECT nik,kk,name,lower(name),sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,father_name,village_code,rt,rw,address,blood_type,citizenship,1,NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now'),strftime('%Y-%m-%dT%H:%M:%SZ','now') FROM staging;
COMMIT;
SQL
t1=$(now)
shell_s=$(calc "$t1 - $t0")
a=$(sqlite3 "$WORK/ktpel.db" 'SELECT count(*) FROM residents')
b=$(sqlite3 "$WORK/shell.db" 'SELECT count(*) FROM residents')
[ "$a" = "$b" ] || { echo "row counts differ: ktpel $a, shell $b" >&2; exit 1; }

printf 'rows                      %d\n' "$rows"
printf 'generate                  %.2f s  %8.0f rows/s\n' "$gen_s" "$(calc "$rows / $gen_s")"
printf 'ktpel import (validated)  %.2f s  %8.0f rows/s\n' "$ktpel_s" "$(calc "$rows / $ktpel_s")"
printf 'sqlite3 .import           %.2f s  %8.0f rows/s\n' "$shell_s" "$(calc "$rows / $shell_s")"
printf 'ratio ktpel/sqlite3 speed %.2f  (target >= 0.65)\n' "$(calc "$shell_s / $ktpel_s")"

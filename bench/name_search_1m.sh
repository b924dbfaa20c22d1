#!/usr/bin/env bash
# [11] Name search anywhere in the name on ~1M residents: before (the scan name_key LIKE '%q%')
# and after (a word prefix range of resident_name_tokens, migration 22), with the same data.
# Usage: bench/name_search_1m.sh KTPEL_BEFORE KTPEL_AFTER [WORKDIR] [DB_BEFORE DB_AFTER]
#   (DB_*: postgresql:// URLs of two empty databases to run the same on PostgreSQL; default SQLite
#   files in WORKDIR). Writes a table of seconds per command to stdout.
set -euo pipefail
before=${1:?ktpel binary before}; after=${2:?ktpel binary after}; work=${3:-/tmp/ktpel-name-search}
mkdir -p "$work"
db_before=${4:-$work/before.db}; db_after=${5:-$work/after.db}
secs() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
# Kalimantan Timur at 0.26: 1,072,059 residents.
[ -f "$work/gen/residents.csv" ] || "$after" generate --province 64 --scale 0.26 --seed 7 --no-ektp --out "$work/gen" >/dev/null
if [[ $db_before != postgresql* ]]; then rm -f "$db_before" "$db_after"; fi
echo "| step | before | after |"
echo "|---|---|---|"
echo "| import $(($(wc -l <"$work/gen/residents.csv") - 1)) residents + families |" \
  "$(secs "$before" import --db "$db_before" "$work/gen/residents.csv" --families "$work/gen/families.csv") |" \
  "$(secs "$after" import --db "$db_after" "$work/gen/residents.csv" --families "$work/gen/families.csv") |"
for q in surya hidayat rika ruslan siti "siti nur"; do
  for run in 1 2 3; do  # the third run is reported (warm cache)
    b=$(secs "$before" resident --db "$db_before" search --name "$q" --contains --limit 20)
    a=$(secs "$after" resident --db "$db_after" search --name "$q" --contains --limit 20)
  done
  n=$("$after" resident --db "$db_after" search --name "$q" --contains --limit 1 2>&1 >/dev/null | awk '{print $4}')
  echo "| \`resident search --name \"$q\" --contains --limit 20\` ($n found) | $b | $a |"
done
if [[ $db_before != postgresql* ]]; then
  # Migration 22 on the database the old binary wrote: the words of every existing resident.
  cp "$db_before" "$work/migrated.db"
  echo "| migration 22 on the 'before' database (open + fill) | | $(secs "$after" resident --db "$work/migrated.db" search --name x --contains --limit 1) |"
fi

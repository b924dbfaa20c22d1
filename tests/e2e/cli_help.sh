#!/usr/bin/env bash
# --help lists the valid values of enumerated options (from the core's own vocabularies), and a
# value in another case is accepted (issue [11]: "--help lists valid values (events, reasons)").
source "$(dirname "$0")/lib.sh" "$@"

# help_has "CMD ..." VALUE...: every VALUE appears in `ktpel CMD --help`.
help_has() {
  local cmd="$1"; shift
  # shellcheck disable=SC2086
  "$KTPEL" $cmd --help >"$WORK/help.txt" 2>&1 || fail "ktpel $cmd --help failed: $(cat "$WORK/help.txt")"
  for v in "$@"; do grep -qF -- "$v" "$WORK/help.txt" || fail "ktpel $cmd --help does not list '$v': $(cat "$WORK/help.txt")"; done
}

help_has "ektp event" capture receive start_dedup clear flag_duplicate resolve_not_duplicate cancel issue_suket print deliver \
  request_reprint queue_reprint rerecord refer_adjudication HILANG RUSAK "PERUBAHAN DATA"
help_has "resident event" death move marital_change correction "BELUM KAWIN" "CERAI HIDUP" "CERAI MATI"
help_has "equipment add" PC FINGERPRINT_SCANNER IRIS_SCANNER CAMERA SIGNATURE_PAD UPS GENERATOR NETWORK CARD_PRINTER SERVER \
  active broken in_repair retired
help_has "equipment fault" unknown power lightning age water rodents other
help_has "equipment repair" on_site regency province_hub centre replaced
help_has "printer status" active broken in_repair lent
help_has "stock receive" blangko ribbon cleaning_kit
help_has "user add" operator supervisor province centre auditor viewer
help_has "ektp queues" provinsi kabupaten kecamatan desa
pass "--help lists the values"

# Any case is accepted and stored in the listed spelling; an unknown value is refused with the list.
"$KTPEL" nik issue --db "$WORK/case.db" --kecamatan 65.71.01 --birth-date 1990-01-05 --sex p >"$WORK/out" 2>&1 ||
  fail "--sex p refused: $(cat "$WORK/out")"
grep -q '^65710145019' "$WORK/out" || fail "--sex p not read as P: $(cat "$WORK/out")"
set +e
"$KTPEL" ektp --db "$WORK/case.db" event 6571014501900001 --event teleport >"$WORK/out" 2>&1; rc=$?
set -e
[ $rc != 0 ] && grep -q "teleport not in" "$WORK/out" && grep -q "request_reprint" "$WORK/out" || fail "unknown event: rc $rc $(cat "$WORK/out")"
pass "values in any case; unknown values listed"

# Every problem of a request at once, each on its own line in English and Bahasa Indonesia.
set +e
KTPEL_NEW_PASSWORD=abc "$KTPEL" user add --db "$WORK/users.db" --username 'X!' --role OPERATOR --wilayah 65 >"$WORK/out" 2>&1; rc=$?
set -e
[ $rc = 1 ] || fail "user add with three problems: rc $rc $(cat "$WORK/out")"
grep -q "^ktpel: 3 problems | 3 masalah:$" "$WORK/out" || fail "user add: no problem count: $(cat "$WORK/out")"
grep -q "^  USERNAME_INVALID  username: .* | Nama pengguna " "$WORK/out" &&
  grep -q "^  SCOPE_ROLE_MISMATCH  wilayah: .* | Peran operator " "$WORK/out" &&
  grep -q "^  WEAK_PASSWORD  password: .* | Kata sandi ditolak" "$WORK/out" || fail "user add: each problem on its line: $(cat "$WORK/out")"
pass "every problem of a request at once, in both languages"

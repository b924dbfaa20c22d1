# The fuzz targets and the product sources each one links (sourced by build.sh and run.sh).
# Sources are compiled once each into $OUT/obj and shared between targets.
FUZZ_TARGETS="iso19794 csv_import envelope enrolment suket_token nik_kk text_rules json_body"

# Every target needs these (make_error's message table, dates).
FUZZ_COMMON="src/core/common/messages.cc src/core/common/date.cc"
# Built with the sanitizers but without coverage tracing: the bilingual message table that every
# make_error fills in is not a parser, and tracing its per-character loops halved the rate.
FUZZ_UNTRACED="src/core/common/messages.cc"
WILAYAH="src/core/text/csv.cc src/core/wilayah/catalog.cc src/core/wilayah/region.cc src/core/wilayah/geo.cc src/core/text/fold.cc"
BIOMETRICS="src/core/biometrics/iso19794.cc src/core/biometrics/finger_geometry.cc src/core/biometrics/mcc_cylinder.cc
  src/core/biometrics/finger_matcher.cc src/core/biometrics/compact_finger.cc src/core/biometrics/convex_hull.cc
  src/core/biometrics/global_consolidation.cc"
RESIDENT_RULES="src/core/registry/resident_validation.cc src/core/nik/nik.cc src/core/text/text_rules.cc $WILAYAH"

fuzz_sources() {
  case "$1" in
    iso19794) echo "$BIOMETRICS" ;;
    csv_import) echo "src/core/text/csv.cc src/core/registry/resident_csv.cc src/core/registry/family.cc
        src/core/ektp/ektp_status.cc src/core/ektp/legacy_history.cc $RESIDENT_RULES" ;;
    envelope) echo "src/crypto/envelope.cc src/core/biometrics/enrolment.cc src/core/biometrics/enrolment_codec.cc src/core/text/cbor_depth.cc $BIOMETRICS" ;;
    enrolment) echo "src/core/biometrics/enrolment.cc src/core/biometrics/enrolment_codec.cc src/core/text/cbor_depth.cc $BIOMETRICS" ;;
    suket_token) echo "src/crypto/suket_token.cc src/crypto/envelope.cc src/core/print/suket.cc" ;;
    nik_kk) echo "src/core/nik/nik.cc $WILAYAH" ;;
    text_rules) echo "src/core/text/text_rules.cc" ;;
    json_body) echo "src/http/http_util.cc src/io/files.cc src/io/table_export.cc src/core/text/csv.cc
        src/core/text/json_depth.cc src/core/identity/role.cc src/core/identity/permission.cc
        src/service/event_body.cc src/service/resident_json.cc src/core/registry/resident_event.cc $RESIDENT_RULES" ;;
    *) echo "unknown fuzz target $1" >&2; return 1 ;;
  esac
}

# The largest input libFuzzer makes for each target: packets and records need room; a CSV file
# of 1 KiB holds a header and a few rows (every row is checked alone, so more rows add little).
fuzz_max_len() {
  case "$1" in
    iso19794|envelope|enrolment|json_body) echo 4096 ;;
    csv_import) echo 1024 ;;
    *) echo 512 ;;
  esac
}

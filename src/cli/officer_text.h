// Readable answers for an officer at the counter: `resident get` and `ektp status` print labelled
// lines in Bahasa Indonesia (region names, the status in words, dated history); `--json` keeps the
// machine form for scripts.
#pragma once
#include <string>

#include "core/wilayah/catalog.h"
#include "store/store.h"

namespace ktpel::cli {

// The resident, the address with region names, the e-KTP status in words, the family and the
// dated change history.
std::string resident_text(Store& store, const WilayahCatalog& wilayah, const Resident& r);
// The e-KTP record of nik in words with its dated transitions.
std::string ektp_status_text(Store& store, const EktpRecord& record);
// "2026-12-05T10:22:33Z" as "5 Desember 2026 10:22 UTC" (the text unchanged when not a timestamp).
std::string timestamp_id(const std::string& iso);

}  // namespace ktpel::cli

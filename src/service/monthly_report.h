// The monthly report a Kepala Dinas signs (laporan bulanan), for a province (rows: its regencies)
// or a regency (rows: its kecamatan): the key figures at the end of the month and at the end of
// the month before, both computed the same way from the dated history in the database (e-KTP
// transitions, deaths, birth certificates, sukets), so the month-on-month change is a difference
// of like with like. The letterhead and the signature block come from settings
// ("letterhead.<code>.<field>", `ktpel report letterhead`).
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/wilayah/region.h"
#include "service/coverage_service.h"
#include "store/store_view.h"

namespace ktpel {

class WilayahCatalog;

struct ReportFigures {
  int64_t population = 0, wajib_ktp = 0, recorded_wajib = 0, still_to_record = 0, prr = 0, printed = 0, delivered = 0;
  int64_t suket_held = 0, suket_expired = 0, children = 0, children_akta = 0, ikd_activated = 0, ikd_eligible = 0;
  double recording_pct = 0, akta_pct = 0, ikd_pct = 0;
};

struct ReportRow {
  std::string code, name;
  ReportFigures now, before;  // end of the month; end of the month before
};

struct Letterhead {
  std::string government;  // "PEMERINTAH KABUPATEN MALINAU" (from the region)
  std::string office, address, place;
  std::string head_title, head_region;  // "Kepala Dinas Kependudukan dan Pencatatan Sipil", "Kabupaten Malinau"
  std::string head_name, head_nip;
};
inline constexpr std::array<std::string_view, 5> kLetterheadFields = {"office", "address", "place", "head_name", "head_nip"};

struct MonthlyReport {
  std::string code, name;
  Level level = Level::Kabupaten;
  int year = 0, month = 0;
  Date as_of, previous;  // the end of the month (today while it runs); the end of the month before
  Date signed_on;        // the day it was made
  ReportRow total;
  std::vector<ReportRow> rows;  // regencies of a province, kecamatan of a regency, by code
  CoverageTargets targets;
  Letterhead letterhead;
};

class MonthlyReportService {
 public:
  MonthlyReportService(StoreView<CoverageStore, SettingsStore> store, const WilayahCatalog& wilayah)
      : store_(store), wilayah_(wilayah) {}
  // `code`: a province or regency; `month`: YYYY-MM, not after today's month. Errors:
  // REPORT_REGION (code), REPORT_MONTH (month), WILAYAH_NOT_FOUND.
  Result<MonthlyReport> report(const std::string& code, std::string_view month, Date today);
  // The office's letterhead: settings, else defaults made from the region's name.
  Letterhead letterhead(const Region& region);
  // Sets one field (kLetterheadFields); errors: REPORT_REGION, SETTING_VALUE.
  Result<Letterhead> set_letterhead(const std::string& code, const std::string& field, const std::string& value);

 private:
  StoreView<CoverageStore, SettingsStore> store_;
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel

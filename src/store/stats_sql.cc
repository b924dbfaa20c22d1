#include "store/stats_sql.h"

#include "core/registry/wajib_ktp.h"
#include "core/stats/population_stats.h"

namespace ktpel {

int code_length(Level level) {
  switch (level) {
    case Level::Provinsi: return 2;
    case Level::Kabupaten: return 5;
    case Level::Kecamatan: return 8;
    case Level::Desa: return 13;
  }
  return 13;
}

std::string prefix_upper_bound(std::string_view prefix) {
  return std::string(prefix) + "~";  // '~' sorts after digits and '.'
}

std::string name_prefix_upper_bound(std::string_view prefix) { return std::string(prefix) + "\xf4\x8f\xbf\xbf"; }

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string population_cells_sql(Level level, Date as_of, std::string_view p1, std::string_view p2,
                                 std::string_view alive_true) {
  std::string band = "CASE";
  const auto cutoffs = age_band_cutoffs(as_of);
  for (size_t k = 0; k < cutoffs.size(); ++k)
    band += " WHEN birth_date > '" + cutoffs[k].iso() + "' THEN " + std::to_string(k);
  band += " ELSE " + std::to_string(cutoffs.size()) + " END";
  const std::string adult = "CASE WHEN birth_date <= '" + wajib_ktp_birth_cutoff(as_of).iso() + "' THEN 1 ELSE 0 END";
  const std::string married = "CASE WHEN marital_status <> 'BELUM KAWIN' THEN 1 ELSE 0 END";
  const std::string code = "substr(village_code, 1, " + std::to_string(code_length(level)) + ")";
  // Residents born after as_of are not counted (as_of in the past = the registry on that day).
  return "SELECT " + code + " AS code, sex, " + band + " AS band, " + adult + " AS adult, " + married +
         " AS married, COUNT(*) FROM residents WHERE alive = " + std::string(alive_true) +
         " AND birth_date <= '" + as_of.iso() + "' AND village_code >= " + std::string(p1) +
         " AND village_code < " + std::string(p2) + " GROUP BY 1, 2, 3, 4, 5";
}

}  // namespace ktpel

#include "core/common/tanggal.h"

namespace ktpel {

std::string tanggal_indonesia(Date d) {
  static const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                  "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  if (d.month < 1 || d.month > 12) return d.iso();
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

}  // namespace ktpel

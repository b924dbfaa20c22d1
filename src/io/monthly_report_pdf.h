// The monthly report (service/monthly_report.h) as an A4 PDF drawn with cairo, ready to sign:
// the office's letterhead, the key figures of the month against the month before, a chart of
// recording per region (names, both months, the target) and one of the people still to record,
// a table per region, and the signature block of the Kepala Dinas (place, date, name, NIP).
// Numbers and dates in Indonesian ("1.234", "98,25%", "6 Desember 2026").
#pragma once
#include <string>

#include "service/monthly_report.h"

namespace ktpel {

std::string render_monthly_report_pdf(const MonthlyReport& report);

// Indonesian forms the report prints (and the tests compare with the API's numbers).
std::string id_number(int64_t v);           // 12.345
std::string id_percent(double v);           // 98,25%
std::string id_change(int64_t v);           // +12, −3 written -3, 0
std::string id_point_change(double v);      // +0,25 poin
std::string id_date(Date d);                // 6 Desember 2026
std::string id_month(int year, int month);  // November 2026

}  // namespace ktpel

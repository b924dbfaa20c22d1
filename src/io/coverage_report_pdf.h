// The monthly report of a regency (laporan bulanan), A4 PDF drawn with cairo: the key numbers
// against their targets, a chart of recording coverage per kecamatan with the target line, and
// the kecamatan ranked from the lowest recording coverage.
#pragma once
#include <string>

#include "service/coverage_service.h"

namespace ktpel {

// `report` holds the regency's kecamatan rows and its total.
std::string render_coverage_report_pdf(const CoverageReport& report);

}  // namespace ktpel

// The public page a suket's QR opens on a bank clerk's phone: one small HTML page in Indonesian,
// no script, no login, minimal data (status, number, masked name, office, valid until).
#pragma once
#include <string>

#include "service/print_service.h"

namespace ktpel {

std::string render_suket_page(const PublicSuketView& v);

}  // namespace ktpel

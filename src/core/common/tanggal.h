// A date as Indonesians write it: "6 Desember 2026" (letters, pages and answers to residents).
#pragma once
#include <string>

#include "core/common/date.h"

namespace ktpel {

std::string tanggal_indonesia(Date d);

}  // namespace ktpel

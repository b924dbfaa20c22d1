// Masking for logs: a NIK or KK number (16 digits in a row) keeps its region (6 digits) and
// loses the rest, and a quoted "name" value loses all but its first letter, so server logs do
// not become a copy of the registry.
#pragma once
#include <string>
#include <string_view>

namespace ktpel {

std::string mask_person_data(std::string_view text);

}  // namespace ktpel

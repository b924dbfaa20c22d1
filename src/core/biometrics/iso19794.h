// ISO/IEC 19794-2:2005 finger minutiae records: a strict reader that rejects truncated or
// garbled records with a precise reason, and a writer. Big-endian layout:
//   "FMR\0" " 20\0" u32 length, u16 equipment, u16 width, u16 height, u16 xres, u16 yres,
//   u8 views, u8 reserved; per view: u8 position, u8 view/impression, u8 quality, u8 count,
//   count x { 2-bit type + 14-bit x, 2-bit reserved + 14-bit y, u8 angle, u8 quality },
//   u16 extended-data length + data.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"

namespace ktpel {

struct Minutia {
  uint8_t type = 1;  // 1 ridge ending, 2 bifurcation, 0 other
  uint16_t x = 0, y = 0;
  uint8_t angle = 0;  // 256 steps per 360 degrees
  uint8_t quality = 0;
};

struct FingerView {
  uint8_t position = 0;  // 0 unknown, 1..10 (ISO finger codes)
  uint8_t view_number = 0, impression_type = 0, quality = 0;
  std::vector<Minutia> minutiae;
  std::string extended_data;
};

struct FingerMinutiaeRecord {
  uint16_t capture_equipment = 0;
  uint16_t width = 0, height = 0, x_resolution = 197, y_resolution = 197;  // pixels per cm
  std::vector<FingerView> views;
};

// Every structural rule is checked; the first violation is returned with its byte offset.
Result<FingerMinutiaeRecord> parse_iso19794_2(std::string_view bytes);
std::string write_iso19794_2(const FingerMinutiaeRecord& record);

}  // namespace ktpel

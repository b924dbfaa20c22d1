// ISO/IEC 19794-2:2005 finger minutiae records (and ANSI INCITS 378-2004): strict readers that
// reject truncated or garbled records with a precise reason, and writers. Big-endian layout:
//   "FMR\0" " 20\0" u32 length, u16 equipment, u16 width, u16 height, u16 xres, u16 yres,
//   u8 views, u8 reserved; per view: u8 position, u8 view/impression, u8 quality, u8 count,
//   count x { 2-bit type + 14-bit x, 2-bit reserved + 14-bit y, u8 angle, u8 quality },
//   u16 extended-data length + data.
#pragma once
#include <cstdint>
#include <optional>
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

// ANSI INCITS 378-2004 shares the magic and version with ISO 19794-2:2005; it has a 2-byte (or
// 0 + 4-byte) record length, a 4-byte CBEFF product id, a 12-bit equipment id and angles in
// 2-degree units (read into ISO's 256 steps per turn). Told apart by which length field fits.
enum class MinutiaeFormat { Iso19794_2, Ansi378 };
std::optional<MinutiaeFormat> detect_minutiae_format(std::string_view bytes);  // nullopt: not "FMR 20"
Result<FingerMinutiaeRecord> parse_ansi378(std::string_view bytes);
std::string write_ansi378(const FingerMinutiaeRecord& record);
// Either standard, by its header.
Result<FingerMinutiaeRecord> parse_finger_minutiae(std::string_view bytes);

}  // namespace ktpel

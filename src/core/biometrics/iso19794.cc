#include "core/biometrics/iso19794.h"

#include "core/common/messages.h"

namespace ktpel {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool has(size_t n) const { return pos_ + n <= b_.size(); }
  uint8_t u8() { return static_cast<uint8_t>(b_[pos_++]); }
  uint16_t u16() {
    uint16_t v = static_cast<uint16_t>((u8() << 8));
    return static_cast<uint16_t>(v | u8());
  }
  uint32_t u32() {
    uint32_t v = static_cast<uint32_t>(u16()) << 16;
    return v | u16();
  }
  std::string_view take(size_t n) {
    auto v = b_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

Error bad(const std::string& why, size_t offset) {
  return make_error("ISO_TEMPLATE", "template", {why, std::to_string(offset)});
}

void put16(std::string& s, uint16_t v) {
  s.push_back(static_cast<char>(v >> 8));
  s.push_back(static_cast<char>(v & 0xff));
}


// One finger view (the same layout in both standards; ANSI counts angles in 2-degree units,
// stored here in ISO's 256 steps per turn).
Result<FingerView> read_view(Reader& r, const FingerMinutiaeRecord& rec, uint8_t v, bool ansi_angles) {
  const size_t view_at = r.pos();
  if (!r.has(4)) return bad("finger view " + std::to_string(v + 1) + " header is cut off", view_at);
  FingerView fv;
  fv.position = r.u8();
  const uint8_t vi = r.u8();
  fv.view_number = vi >> 4;
  fv.impression_type = vi & 0x0f;
  fv.quality = r.u8();
  const uint8_t count = r.u8();
  if (fv.position > 10) return bad("finger position " + std::to_string(fv.position) + " is not 0-10", view_at);
  if (fv.quality > 100) return bad("finger quality " + std::to_string(fv.quality) + " is over 100", view_at + 2);
  if (!r.has(static_cast<size_t>(count) * 6)) return bad(std::to_string(count) + " minutiae overrun the record", view_at + 3);
  for (uint8_t m = 0; m < count; ++m) {
    const size_t at = r.pos();
    Minutia mi;
    const uint16_t tx = r.u16(), ry = r.u16();
    mi.type = static_cast<uint8_t>(tx >> 14);
    mi.x = tx & 0x3fff;
    mi.y = ry & 0x3fff;
    mi.angle = r.u8();
    mi.quality = r.u8();
    if (mi.type == 3) return bad("minutia " + std::to_string(m + 1) + " has the reserved type 3", at);
    if (mi.x >= rec.width || mi.y >= rec.height)
      return bad("minutia " + std::to_string(m + 1) + " at (" + std::to_string(mi.x) + "," + std::to_string(mi.y) +
                     ") lies outside the " + std::to_string(rec.width) + "x" + std::to_string(rec.height) + " image",
                 at);
    if (mi.quality > 100) return bad("minutia " + std::to_string(m + 1) + " quality is over 100", at + 5);
    if (ansi_angles) {
      if (mi.angle > 179) return bad("minutia " + std::to_string(m + 1) + " angle " + std::to_string(mi.angle) + " is over 179 (2-degree units)", at + 4);
      mi.angle = static_cast<uint8_t>(((mi.angle * 2 * 256 + 180) / 360) % 256);
    }
    fv.minutiae.push_back(mi);
  }
  if (!r.has(2)) return bad("extended data length is cut off", r.pos());
  const uint16_t ext = r.u16();
  if (!r.has(ext)) return bad("extended data of " + std::to_string(ext) + " bytes overruns the record", r.pos() - 2);
  fv.extended_data = std::string(r.take(ext));
  return fv;
}

// Image header and finger views after the record length (the same layout in both standards but
// for the equipment field's compliance bits and the angle unit).
void write_body(std::string& body, const FingerMinutiaeRecord& rec, bool ansi) {
  put16(body, ansi ? static_cast<uint16_t>(rec.capture_equipment & 0x0fff) : rec.capture_equipment);
  put16(body, rec.width);
  put16(body, rec.height);
  put16(body, rec.x_resolution);
  put16(body, rec.y_resolution);
  body.push_back(static_cast<char>(rec.views.size()));
  body.push_back(0);
  for (const auto& v : rec.views) {
    body.push_back(static_cast<char>(v.position));
    body.push_back(static_cast<char>((v.view_number << 4) | (v.impression_type & 0x0f)));
    body.push_back(static_cast<char>(v.quality));
    body.push_back(static_cast<char>(v.minutiae.size()));
    for (const auto& m : v.minutiae) {
      put16(body, static_cast<uint16_t>((m.type << 14) | (m.x & 0x3fff)));
      put16(body, static_cast<uint16_t>(m.y & 0x3fff));
      body.push_back(static_cast<char>(ansi ? ((m.angle * 360 + 256) / 512) % 180 : m.angle));  // ANSI: 2-degree units
      body.push_back(static_cast<char>(m.quality));
    }
    put16(body, static_cast<uint16_t>(v.extended_data.size()));
    body += v.extended_data;
  }
}

}  // namespace

Result<FingerMinutiaeRecord> parse_iso19794_2(std::string_view b) {
  Reader r(b);
  if (!r.has(24)) return bad("shorter than the 24-byte record header (" + std::to_string(b.size()) + " bytes)", 0);
  if (r.take(4) != std::string_view("FMR\0", 4)) return bad("format identifier is not \"FMR\"", 0);
  const auto version = r.take(4);
  if (version != std::string_view(" 20\0", 4)) return bad("version is not \" 20\"", 4);
  if (detect_minutiae_format(b) == MinutiaeFormat::Ansi378)
    return bad("this is an ANSI INCITS 378 record (2-byte length, CBEFF product id), not ISO 19794-2", 8);
  const uint32_t length = r.u32();
  if (length != b.size())
    return bad("record length field says " + std::to_string(length) + " bytes but there are " + std::to_string(b.size()) +
                   (length > b.size() ? " (truncated)" : " (trailing bytes)"),
               8);
  FingerMinutiaeRecord rec;
  rec.capture_equipment = r.u16();
  rec.width = r.u16();
  rec.height = r.u16();
  rec.x_resolution = r.u16();
  rec.y_resolution = r.u16();
  if (rec.width == 0 || rec.height == 0) return bad("image size is zero", 14);
  if (rec.x_resolution == 0 || rec.y_resolution == 0) return bad("resolution is zero", 18);
  const uint8_t views = r.u8();
  r.u8();  // reserved
  if (views == 0) return bad("no finger views", 22);
  for (uint8_t v = 0; v < views; ++v) {
    auto fv = read_view(r, rec, v, /*ansi_angles=*/false);
    if (!fv) return fv.error();
    rec.views.push_back(std::move(fv).value());
  }
  if (r.pos() != b.size()) return bad("bytes left after the last finger view", r.pos());
  return rec;
}

std::optional<MinutiaeFormat> detect_minutiae_format(std::string_view b) {
  if (b.size() < 14 || b.substr(0, 8) != std::string_view("FMR\0 20\0", 8)) return std::nullopt;
  auto u = [&](size_t at, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(b[at + static_cast<size_t>(i)]);
    return v;
  };
  if (u(8, 4) == b.size()) return MinutiaeFormat::Iso19794_2;
  if (u(8, 2) == b.size() || (u(8, 2) == 0 && u(10, 4) == b.size())) return MinutiaeFormat::Ansi378;
  return MinutiaeFormat::Iso19794_2;  // neither length fits: the ISO reader says why
}

Result<FingerMinutiaeRecord> parse_ansi378(std::string_view b) {
  Reader r(b);
  if (!r.has(26)) return bad("shorter than the 26-byte ANSI 378 record header (" + std::to_string(b.size()) + " bytes)", 0);
  if (r.take(4) != std::string_view("FMR\0", 4)) return bad("format identifier is not \"FMR\"", 0);
  if (r.take(4) != std::string_view(" 20\0", 4)) return bad("version is not \" 20\"", 4);
  uint64_t length = r.u16();
  if (length == 0) {
    if (!r.has(4)) return bad("the 6-byte record length is cut off", 8);
    length = r.u32();
  }
  if (length != b.size())
    return bad("record length field says " + std::to_string(length) + " bytes but there are " + std::to_string(b.size()) +
                   (length > b.size() ? " (truncated)" : " (trailing bytes)"),
               8);
  if (!r.has(18)) return bad("the record header is cut off", r.pos());
  r.u32();  // CBEFF product identifier (owner, type)
  FingerMinutiaeRecord rec;
  rec.capture_equipment = r.u16() & 0x0fff;  // the top 4 bits are the compliance flags
  rec.width = r.u16();
  rec.height = r.u16();
  rec.x_resolution = r.u16();
  rec.y_resolution = r.u16();
  const size_t size_at = r.pos() - 8;
  if (rec.width == 0 || rec.height == 0) return bad("image size is zero", size_at);
  if (rec.x_resolution == 0 || rec.y_resolution == 0) return bad("resolution is zero", size_at + 4);
  const uint8_t views = r.u8();
  r.u8();  // reserved
  if (views == 0) return bad("no finger views", r.pos() - 2);
  for (uint8_t v = 0; v < views; ++v) {
    auto fv = read_view(r, rec, v, /*ansi_angles=*/true);
    if (!fv) return fv.error();
    rec.views.push_back(std::move(fv).value());
  }
  if (r.pos() != b.size()) return bad("bytes left after the last finger view", r.pos());
  return rec;
}

Result<FingerMinutiaeRecord> parse_finger_minutiae(std::string_view b) {
  return detect_minutiae_format(b) == MinutiaeFormat::Ansi378 ? parse_ansi378(b) : parse_iso19794_2(b);
}

std::string write_ansi378(const FingerMinutiaeRecord& rec) {
  std::string body;
  body.append(4, '\0');  // CBEFF product identifier: not registered
  write_body(body, rec, /*ansi=*/true);
  std::string out("FMR\0 20\0", 8);
  const size_t total = 8 + 2 + body.size();
  if (total <= 0xffff) {
    put16(out, static_cast<uint16_t>(total));
  } else {
    const uint32_t length = static_cast<uint32_t>(total + 4);
    put16(out, 0);
    put16(out, static_cast<uint16_t>(length >> 16));
    put16(out, static_cast<uint16_t>(length & 0xffff));
  }
  return out + body;
}

std::string write_iso19794_2(const FingerMinutiaeRecord& rec) {
  std::string body;
  write_body(body, rec, /*ansi=*/false);
  std::string out("FMR\0 20\0", 8);
  const uint32_t length = static_cast<uint32_t>(8 + 4 + body.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((length >> shift) & 0xff));
  return out + body;
}

}  // namespace ktpel

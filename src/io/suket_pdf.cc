#include "io/suket_pdf.h"

#include "core/common/date.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <qrencode.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace ktpel {
namespace {

constexpr double kMm = 72.0 / 25.4;  // points per millimetre

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold = false) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s.c_str());
}

void centred(cairo_t* cr, double centre_x, double y, const std::string& s, double size, bool bold = false) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  cairo_move_to(cr, centre_x - e.width / 2 - e.x_bearing, y);
  cairo_show_text(cr, s.c_str());
}

// Wraps `s` into lines no wider than `width` at the current font.
double paragraph(cairo_t* cr, double x, double y, double width, const std::string& s, double size, double leading) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  std::string line, word;
  auto flush = [&] {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, line.c_str());
    y += leading;
    line.clear();
  };
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ' ') {
      const std::string candidate = line.empty() ? word : line + " " + word;
      cairo_text_extents_t e;
      cairo_text_extents(cr, candidate.c_str(), &e);
      if (e.x_advance > width && !line.empty()) {
        flush();
        line = word;
      } else {
        line = candidate;
      }
      word.clear();
    } else {
      word += s[i];
    }
  }
  if (!line.empty()) flush();
  return y;
}

void draw_qr(cairo_t* cr, const std::string& data, double x, double y, double size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) throw std::runtime_error("libqrencode could not encode the suket token");
  const int quiet = 4;  // modules of white margin the standard asks for
  const double module = size / (qr->width + 2 * quiet);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int r = 0; r < qr->width; ++r)
    for (int c = 0; c < qr->width; ++c)
      if (qr->data[r * qr->width + c] & 1) cairo_rectangle(cr, x + (c + quiet) * module, y + (r + quiet) * module, module, module);
  cairo_fill(cr);
}

void draw_photo(cairo_t* cr, const std::string& jpeg, double x, double y, double w, double h) {
  int pw = 0, ph = 0;
  if (jpeg_size(jpeg, pw, ph)) {
    // The PDF embeds the JPEG as it is (cairo's mime data): no decoder needed here.
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    auto* copy = static_cast<unsigned char*>(std::malloc(jpeg.size()));
    std::memcpy(copy, jpeg.data(), jpeg.size());
    cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, copy, jpeg.size(), std::free, copy);
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    const double scale = std::max(w / pw, h / ph);
    cairo_translate(cr, x + (w - pw * scale) / 2, y + (h - ph * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
  } else {
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    centred(cr, x + w / 2, y + h / 2, "FOTO", 10);
    centred(cr, x + w / 2, y + h / 2 + 12, "3 x 4", 8);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

std::string long_date(Date d) { return long_date_id(d); }

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool jpeg_size(const std::string& j, int& width, int& height) {
  if (j.size() < 4 || static_cast<unsigned char>(j[0]) != 0xFF || static_cast<unsigned char>(j[1]) != 0xD8) return false;
  size_t i = 2;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(j[k]); };
  while (i + 9 < j.size()) {
    if (byte(i) != 0xFF) return false;
    const unsigned char marker = byte(i + 1);
    const size_t len = static_cast<size_t>(byte(i + 2)) << 8 | byte(i + 3);
    if (len < 2) return false;
    if ((marker >= 0xC0 && marker <= 0xC3) || (marker >= 0xC5 && marker <= 0xC7) || (marker >= 0xC9 && marker <= 0xCB)) {
      height = byte(i + 5) << 8 | byte(i + 6);
      width = byte(i + 7) << 8 | byte(i + 8);
      return width > 0 && height > 0 && width <= 8000 && height <= 8000;
    }
    i += 2 + len;
  }
  return false;
}

std::string render_suket_pdf(const SuketDocument& d) {
  std::string pdf;
  const double W = 210 * kMm, H = 297 * kMm, margin = 20 * kMm;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &pdf, W, H);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, ("Surat Keterangan " + d.suket.number).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ktpel");
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);

  double y = margin + 8;
  centred(cr, W / 2, y, "PEMERINTAH " + d.office_name, 13, true);
  centred(cr, W / 2, y += 17, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 13, true);
  cairo_set_line_width(cr, 1.5);
  cairo_move_to(cr, margin, y += 10);
  cairo_line_to(cr, W - margin, y);
  cairo_stroke(cr);
  centred(cr, W / 2, y += 30, "SURAT KETERANGAN", 15, true);
  centred(cr, W / 2, y += 16, "PENGGANTI KTP ELEKTRONIK (SEMENTARA)", 10);
  centred(cr, W / 2, y += 15, "Nomor: " + d.suket.number, 10);
  centred(cr, W / 2, y += 15, "BERLAKU SAMPAI DENGAN " + upper(long_date(d.suket.expires)), 10, true);

  y = paragraph(cr, margin, y += 30, W - 2 * margin,
                "Yang bertanda tangan di bawah ini menerangkan bahwa penduduk berikut telah melakukan perekaman KTP-el "
                "dan datanya siap cetak, tetapi KTP-el belum dapat dicetak:",
                10, 14);
  const Resident& r = d.resident;
  const std::string rows[][2] = {
      {"NIK", r.nik},
      {"Nama", r.name},
      {"Tempat/Tgl Lahir", r.birth_place + ", " + long_date(r.birth_date)},
      {"Jenis Kelamin", r.sex == Sex::P ? "PEREMPUAN" : "LAKI-LAKI"},
      {"Alamat", r.address + " RT " + r.rt + "/RW " + r.rw},
      {"Kel/Desa", d.village_name},
      {"Kecamatan", d.kecamatan_name},
      {"Agama", r.religion},
      {"Status Perkawinan", r.marital_status},
      {"Pekerjaan", r.occupation},
      {"Kewarganegaraan", r.citizenship},
  };
  const double photo_w = 30 * kMm, photo_h = 40 * kMm;
  draw_photo(cr, d.photo_jpeg, W - margin - photo_w, y + 4, photo_w, photo_h);
  y += 10;
  for (const auto& row : rows) {
    text(cr, margin + 10, y += 17, row[0], 10);
    text(cr, margin + 130, y, ": " + row[1], 10, row[0] == std::string("NIK") || row[0] == std::string("Nama"));
  }
  y = paragraph(cr, margin, y += 30, W - 2 * margin,
                "Surat keterangan ini berlaku sebagai pengganti KTP-el untuk keperluan administrasi sejak " +
                    long_date(d.suket.issued) + " sampai dengan " + long_date(d.suket.expires) +
                    ", dan tidak berlaku lagi setelah KTP-el diterima. Keasliannya dapat diperiksa dengan memindai kode QR.",
                10, 14);

  const double qr = 45 * kMm;
  const double qr_y = y + 20;
  draw_qr(cr, d.verify_url.empty() ? d.suket.token : d.verify_url, margin, qr_y, qr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  // The reader is a bank or school clerk with a phone: the QR opens the office's public page.
  text(cr, margin, qr_y + qr + 12, "Pindai kode QR dengan kamera ponsel untuk memeriksa keaslian dan masa berlakunya", 7);
  text(cr, margin, qr_y + qr + 22,
       d.verify_url.empty() ? "atau tanyakan ke Dinas Dukcapil " + d.office_name
                            : "di laman resmi " + d.verify_url.substr(0, d.verify_url.find("/v/")),
       7);
  const double sign_x = W - margin - 70 * kMm;
  text(cr, sign_x, qr_y + 10, "Dikeluarkan: " + long_date(d.suket.issued), 10);
  text(cr, sign_x, qr_y + 26, "a.n. Kepala Dinas Dukcapil", 10);
  text(cr, sign_x, qr_y + 42, d.office_name, 10);
  text(cr, sign_x, qr_y + 100, "ditandatangani secara elektronik", 8);
  text(cr, sign_x, qr_y + 112, "petugas: " + d.suket.operator_id, 8);

  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace ktpel

#include "io/coverage_report_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace ktpel {
namespace {

constexpr double kMm = 72.0 / 25.4;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold = false) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s.c_str());
}

void right(cairo_t* cr, double x, double y, const std::string& s, double size) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  cairo_move_to(cr, x - e.x_advance, y);
  cairo_show_text(cr, s.c_str());
}

std::string num(int64_t v) {
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += '.';
    out += d[i];
  }
  return out;
}

std::string pct(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f%%", v);
  return b;
}

std::string month_year(Date d) {
  static const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                  "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  return std::string(kMonths[d.month - 1]) + " " + std::to_string(d.year);
}

}  // namespace

std::string render_coverage_report_pdf(const CoverageReport& rep) {
  std::string pdf;
  const double W = 210 * kMm, H = 297 * kMm, m = 18 * kMm;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &pdf, W, H);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, ("Laporan bulanan " + rep.total.name).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ktpel");
  cairo_t* cr = cairo_create(surface);
  const CoverageRow& t = rep.total;
  const auto& c = t.counters;

  double y = m + 6;
  text(cr, m, y, "LAPORAN BULANAN ADMINISTRASI KEPENDUDUKAN", 14, true);
  text(cr, m, y += 18, t.name + " (" + t.code + ") - " + month_year(rep.as_of), 12);
  text(cr, m, y += 14, "Data per " + rep.as_of.iso() + ", dihitung dari basis data ktpel", 8);

  // Key numbers against targets.
  y += 24;
  text(cr, m, y, "Angka utama", 11, true);
  const std::vector<std::array<std::string, 3>> key = {
      {"Penduduk", num(c[kPopulation]), ""},
      {"Wajib KTP", num(c[kWajibKtp]), ""},
      {"Perekaman KTP-el (wajib KTP)", pct(t.recording_pct), "target " + pct(rep.targets.recording) + ", selisih " + pct(t.recording_gap)},
      {"Siap cetak (PRR)", num(c[kPrr]), ""},
      {"Suket belum jadi KTP-el", num(c[kSuket]), ""},
      {"Tercetak belum diambil", num(c[kPrinted]), ""},
      {"Sudah diterima", num(c[kDelivered]), ""},
      {"Data ganda (DUPLICATE_RECORD)", num(c[kDuplicate]), ""},
      {"Tertahan > 14 hari", num(c[kStuck]), ""},
      {"Aktivasi IKD", pct(t.ikd_pct), "target " + pct(rep.targets.ikd) + ", selisih " + pct(t.ikd_gap)},
      {"Akta kelahiran anak 0-17", pct(t.akta_pct), "target " + pct(rep.targets.akta) + ", selisih " + pct(t.akta_gap)},
  };
  for (const auto& k : key) {
    y += 14;
    text(cr, m + 4, y, k[0], 9);
    right(cr, m + 120 * kMm, y, k[1], 9);
    text(cr, m + 126 * kMm, y, k[2], 8);
  }

  // Chart: recording % per kecamatan, target line.
  y += 30;
  text(cr, m, y, "Perekaman KTP-el per kecamatan (%)", 11, true);
  const double cx = m + 8, cy = y + 10, cw = W - 2 * m - 8, ch = 60 * kMm;
  const size_t n = std::max<size_t>(rep.rows.size(), 1);
  const double bw = cw / static_cast<double>(n);
  cairo_set_line_width(cr, 0.5);
  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
  cairo_rectangle(cr, cx, cy, cw, ch);
  cairo_stroke(cr);
  for (size_t i = 0; i < rep.rows.size(); ++i) {
    const double v = std::clamp(rep.rows[i].recording_pct, 0.0, 100.0);
    const bool below = rep.rows[i].recording_pct < rep.targets.recording;
    cairo_set_source_rgb(cr, below ? 0.85 : 0.2, below ? 0.35 : 0.55, below ? 0.25 : 0.35);
    cairo_rectangle(cr, cx + static_cast<double>(i) * bw + bw * 0.15, cy + ch * (1 - v / 100), bw * 0.7, ch * v / 100);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.6);
  cairo_set_line_width(cr, 1);
  const double ty = cy + ch * (1 - rep.targets.recording / 100);
  cairo_move_to(cr, cx, ty);
  cairo_line_to(cr, cx + cw, ty);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  text(cr, cx + 2, ty - 2, "target " + pct(rep.targets.recording), 7);

  // Ranking: lowest recording first.
  y = cy + ch + 26;
  text(cr, m, y, "Peringkat kecamatan (perekaman terendah lebih dulu)", 11, true);
  std::vector<const CoverageRow*> order;
  for (const auto& r : rep.rows) order.push_back(&r);
  std::sort(order.begin(), order.end(), [](const CoverageRow* a, const CoverageRow* b) { return a->recording_rank < b->recording_rank; });
  y += 14;
  text(cr, m + 4, y, "#", 8, true);
  text(cr, m + 14, y, "Kecamatan", 8, true);
  right(cr, m + 95 * kMm, y, "Wajib KTP", 8);
  right(cr, m + 120 * kMm, y, "Rekam %", 8);
  right(cr, m + 140 * kMm, y, "PRR", 8);
  right(cr, m + 158 * kMm, y, "Suket", 8);
  right(cr, m + 174 * kMm, y, "Akta %", 8);
  for (const CoverageRow* r : order) {
    if (y > H - m) break;
    y += 11;
    text(cr, m + 4, y, std::to_string(r->recording_rank), 8);
    text(cr, m + 14, y, r->name.substr(0, 40), 8);
    right(cr, m + 95 * kMm, y, num(r->counters[kWajibKtp]), 8);
    right(cr, m + 120 * kMm, y, pct(r->recording_pct), 8);
    right(cr, m + 140 * kMm, y, num(r->counters[kPrr]), 8);
    right(cr, m + 158 * kMm, y, num(r->counters[kSuket]), 8);
    right(cr, m + 174 * kMm, y, pct(r->akta_pct), 8);
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace ktpel

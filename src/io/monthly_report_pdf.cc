#include "io/monthly_report_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace ktpel {

std::string id_number(int64_t v) {
  std::string d = std::to_string(v < 0 ? -v : v), out = v < 0 ? "-" : "";
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += '.';
    out += d[i];
  }
  return out;
}

namespace {

std::string decimal2(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", std::abs(v) < 0.005 ? 0.0 : v);
  std::string s = b;
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

}  // namespace

std::string id_percent(double v) { return decimal2(v) + "%"; }
std::string id_change(int64_t v) { return v > 0 ? "+" + id_number(v) : id_number(v); }
std::string id_point_change(double v) { return (v >= 0.005 ? "+" : "") + decimal2(v) + " poin"; }

std::string id_month(int year, int month) { return month_year_id(year, month); }

std::string id_date(Date d) { return long_date_id(d); }

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kW = 210 * kMm, kH = 297 * kMm, kMargin = 18 * kMm;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

enum class Align { Left, Right, Centre };

void text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold = false, Align align = Align::Left) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  const double dx = align == Align::Right ? e.x_advance : align == Align::Centre ? e.x_advance / 2 : 0;
  cairo_move_to(cr, x - dx, y);
  cairo_show_text(cr, s.c_str());
}

void line(cairo_t* cr, double x0, double y0, double x1, double y1, double width) {
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

void rgb(cairo_t* cr, unsigned hex) { cairo_set_source_rgb(cr, ((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0, (hex & 255) / 255.0); }

constexpr unsigned kBefore = 0xB0BEC5, kNow = 0x1565C0, kTarget = 0xC62828, kInk = 0x000000, kGrid = 0xDDDDDD;

std::string child_level(const MonthlyReport& r) { return r.level == Level::Provinsi ? "Kabupaten/Kota" : "Kecamatan"; }

double letterhead(cairo_t* cr, const MonthlyReport& r) {
  const Letterhead& l = r.letterhead;
  double y = kMargin + 4;
  text(cr, kW / 2, y, l.government, 10.5, true, Align::Centre);
  y += 15;
  text(cr, kW / 2, y, l.office, 12, true, Align::Centre);
  y += 13;
  text(cr, kW / 2, y, l.address.empty() ? "(alamat kantor: ktpel report letterhead address ...)" : l.address, 8.5, false, Align::Centre);
  y += 6;
  line(cr, kMargin, y, kW - kMargin, y, 1.6);
  line(cr, kMargin, y + 2.5, kW - kMargin, y + 2.5, 0.5);
  return y + 2.5;
}

double key_figures(cairo_t* cr, const MonthlyReport& r, double y) {
  const ReportFigures &a = r.total.before, &b = r.total.now;
  const std::string before = id_month(r.previous.year, r.previous.month), now = id_month(r.year, r.month);
  struct Line {
    std::string label, before, now, change;
  };
  auto count = [](const std::string& label, int64_t x0, int64_t x1) { return Line{label, id_number(x0), id_number(x1), id_change(x1 - x0)}; };
  auto share = [](const std::string& label, double x0, double x1) { return Line{label, id_percent(x0), id_percent(x1), id_point_change(x1 - x0)}; };
  const std::vector<Line> lines = {
      count("Penduduk", a.population, b.population),
      count("Wajib KTP", a.wajib_ktp, b.wajib_ktp),
      share("Wajib KTP sudah rekam KTP-el", a.recording_pct, b.recording_pct),
      count("Wajib KTP belum rekam (orang)", a.still_to_record, b.still_to_record),
      count("Siap cetak, antrean (PRR)", a.prr, b.prr),
      count("Tercetak, belum diambil", a.printed, b.printed),
      count("Sudah diterima penduduk", a.delivered, b.delivered),
      count("Suket dipegang penduduk", a.suket_held, b.suket_held),
      count("  di antaranya lewat masa berlaku", a.suket_expired, b.suket_expired),
      share("Anak 0-17 tahun ber-akta kelahiran", a.akta_pct, b.akta_pct),
      count("Aktivasi IKD (orang)", a.ikd_activated, b.ikd_activated),
      share("Aktivasi IKD (dari yang sudah rekam)", a.ikd_pct, b.ikd_pct),
  };
  const double c1 = kMargin + 100 * kMm, c2 = kMargin + 130 * kMm, c3 = kW - kMargin;
  text(cr, kMargin, y, "I. Angka utama", 10.5, true);
  y += 14;
  text(cr, kMargin + 2, y, "Indikator", 8.5, true);
  text(cr, c1, y, before, 8.5, true, Align::Right);
  text(cr, c2, y, now, 8.5, true, Align::Right);
  text(cr, c3, y, "Perubahan", 8.5, true, Align::Right);
  line(cr, kMargin, y + 3, kW - kMargin, y + 3, 0.5);
  for (const Line& l : lines) {
    y += 12.5;
    text(cr, kMargin + 2, y, l.label, 8.5);
    text(cr, c1, y, l.before, 8.5, false, Align::Right);
    text(cr, c2, y, l.now, 8.5, true, Align::Right);
    text(cr, c3, y, l.change, 8.5, false, Align::Right);
  }
  line(cr, kMargin, y + 4, kW - kMargin, y + 4, 0.5);
  y += 14;
  text(cr, kMargin, y,
       "Target: perekaman " + id_percent(r.targets.recording) + ", akta anak " + id_percent(r.targets.akta) + ", IKD " +
           id_percent(r.targets.ikd) + ". Bulan lalu dihitung dari riwayat bertanggal (transisi KTP-el, kematian, akta, suket).",
       7);
  return y;
}

// Horizontal bars, one group per region (names on the left), an x axis with ticks and its name,
// a legend. `value(row, before?)`; `max_value` 0 = the largest value.
double bar_chart(cairo_t* cr, const MonthlyReport& r, double y, const std::string& title, const std::string& x_name,
                 double (*value)(const ReportFigures&), bool percent, double target, double height) {
  text(cr, kMargin, y, title, 10.5, true);
  const double left = kMargin + 48 * kMm, right = kW - kMargin - 4, top = y + 16, bottom = top + height;
  double max_v = percent ? 100 : 0;
  for (const auto& row : r.rows) max_v = std::max({max_v, value(row.now), value(row.before)});
  if (max_v <= 0) max_v = 1;
  if (!percent) {  // a round top: 1, 2 or 5 times a power of ten
    const double p = std::pow(10, std::floor(std::log10(max_v)));
    max_v = max_v <= p ? p : max_v <= 2 * p ? 2 * p : max_v <= 5 * p ? 5 * p : 10 * p;
  }
  const double x_of = right - left;
  const size_t n = std::max<size_t>(r.rows.size(), 1);
  const double group = (bottom - top) / static_cast<double>(n), bar = std::min(6.0, group * 0.38);
  for (int i = 0; i <= 5; ++i) {  // grid and ticks
    const double v = max_v * i / 5, x = left + x_of * i / 5;
    rgb(cr, kGrid);
    line(cr, x, top, x, bottom, 0.4);
    rgb(cr, kInk);
    text(cr, x, bottom + 9, percent ? decimal2(v).substr(0, decimal2(v).find(',')) : id_number(static_cast<int64_t>(v)), 7, false, Align::Centre);
  }
  text(cr, (left + right) / 2, bottom + 19, x_name, 8, true, Align::Centre);
  text(cr, kMargin, top - 4, child_level(r), 8, true);
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& row = r.rows[i];
    const double gy = top + group * static_cast<double>(i) + group / 2;
    rgb(cr, kInk);
    text(cr, left - 4, gy + 2.5, row.name.substr(0, 34), group < 9 ? 6 : 7, false, Align::Right);
    rgb(cr, kBefore);
    cairo_rectangle(cr, left, gy - bar, x_of * std::clamp(value(row.before) / max_v, 0.0, 1.0), bar);
    cairo_fill(cr);
    rgb(cr, kNow);
    cairo_rectangle(cr, left, gy, x_of * std::clamp(value(row.now) / max_v, 0.0, 1.0), bar);
    cairo_fill(cr);
  }
  rgb(cr, kInk);
  line(cr, left, top, left, bottom, 0.7);
  line(cr, left, bottom, right, bottom, 0.7);
  if (target > 0) {
    rgb(cr, kTarget);
    const double tx = left + x_of * target / max_v;
    line(cr, tx, top, tx, bottom, 0.9);
  }
  // Legend.
  const double ly = bottom + 30;
  double lx = left;
  auto key = [&](unsigned colour, const std::string& label, bool is_line) {
    rgb(cr, colour);
    if (is_line) line(cr, lx, ly - 3, lx + 10, ly - 3, 1.2);
    else {
      cairo_rectangle(cr, lx, ly - 6, 10, 6);
      cairo_fill(cr);
    }
    rgb(cr, kInk);
    text(cr, lx + 13, ly, label, 7.5);
    lx += 13 + 7.5 * 0.55 * static_cast<double>(label.size()) + 14;
  };
  key(kBefore, id_month(r.previous.year, r.previous.month), false);
  key(kNow, id_month(r.year, r.month), false);
  if (target > 0) key(kTarget, "target " + id_percent(target), true);
  return ly;
}

double region_table(cairo_t* cr, const MonthlyReport& r, double y) {
  text(cr, kMargin, y, "IV. Rincian per " + child_level(r) + " (" + id_month(r.year, r.month) + ")", 10.5, true);
  // Right edges in mm from the margin: the widest header or cell of each column fits before it.
  const std::vector<std::pair<std::string, double>> cols = {{"Rekam %", 64}, {"Perubahan", 88}, {"Belum rekam", 110}, {"PRR", 122},
                                                            {"Tercetak", 138}, {"Suket (lewat)", 160}, {"Akta %", 174}};
  auto header = [&] {
    y += 13;
    text(cr, kMargin + 2, y, child_level(r), 7.5, true);
    for (const auto& [name, x] : cols) text(cr, kMargin + x * kMm, y, name, 7, true, Align::Right);
    line(cr, kMargin, y + 3, kW - kMargin, y + 3, 0.5);
  };
  header();
  for (const auto& row : r.rows) {
    if (y + 10.5 > kH - kMargin) {  // a regency of many kecamatan: the table goes on overleaf
      cairo_show_page(cr);
      y = kMargin;
      header();
    }
    y += 10.5;
    const auto &a = row.before, &b = row.now;
    text(cr, kMargin + 2, y, row.name.substr(0, 30), 7.5);
    const std::vector<std::string> cells = {id_percent(b.recording_pct), id_point_change(b.recording_pct - a.recording_pct),
                                            id_number(b.still_to_record), id_number(b.prr), id_number(b.printed),
                                            id_number(b.suket_held) + " (" + id_number(b.suket_expired) + ")", id_percent(b.akta_pct)};
    for (size_t c = 0; c < cols.size(); ++c) text(cr, kMargin + cols[c].second * kMm, y, cells[c], 7.5, false, Align::Right);
  }
  line(cr, kMargin, y + 4, kW - kMargin, y + 4, 0.5);
  return y + 4;
}

void signature(cairo_t* cr, const MonthlyReport& r, double y) {
  const Letterhead& l = r.letterhead;
  const double x = kW - kMargin - 80 * kMm;
  text(cr, x, y, (l.place.empty() ? std::string("....................") : l.place) + ", " + id_date(r.signed_on), 9);
  text(cr, x, y += 13, l.head_title, 9);
  text(cr, x, y += 12, l.head_region, 9);
  y += 48;
  text(cr, x, y, l.head_name.empty() ? std::string("(nama: ktpel report letterhead head_name ...)") : l.head_name, 9, true);
  line(cr, x, y + 2, x + 78 * kMm, y + 2, 0.5);
  text(cr, x, y += 13, "NIP. " + (l.head_nip.empty() ? std::string("..................") : l.head_nip), 9);
}

}  // namespace

std::string render_monthly_report_pdf(const MonthlyReport& r) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &pdf, kW, kH);
  const std::string title = "Laporan bulanan " + r.name + " " + id_month(r.year, r.month);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ktpel");
  cairo_t* cr = cairo_create(surface);
  const std::string region = r.level == Level::Provinsi ? "Provinsi " + r.name : r.name;

  // Page 1: letterhead, title, key figures, recording chart.
  double y = letterhead(cr, r) + 20;
  text(cr, kW / 2, y, "LAPORAN BULANAN ADMINISTRASI KEPENDUDUKAN", 12, true, Align::Centre);
  text(cr, kW / 2, y += 14, region + " - Bulan " + id_month(r.year, r.month), 10.5, false, Align::Centre);
  text(cr, kW / 2, y += 12, "Keadaan " + id_date(r.as_of) + ", dibandingkan dengan " + id_date(r.previous), 8.5, false, Align::Centre);
  y = key_figures(cr, r, y + 22) + 24;
  const double room = kH - kMargin - y - 60;
  bar_chart(cr, r, y, "II. Perekaman KTP-el wajib KTP per " + child_level(r), "Wajib KTP sudah rekam (%)",
            [](const ReportFigures& f) { return f.recording_pct; }, true, r.targets.recording, std::max(80.0, room));
  cairo_show_page(cr);

  // Page 2: people still to record, the table, the signature.
  y = kMargin + 8;
  const double chart_h = std::clamp(14.0 * static_cast<double>(r.rows.size()), 70.0, 230.0);
  y = bar_chart(cr, r, y, "III. Wajib KTP belum rekam per " + child_level(r), "Orang",
                [](const ReportFigures& f) { return static_cast<double>(f.still_to_record); }, false, 0, chart_h) + 24;
  y = region_table(cr, r, y) + 30;
  if (y > kH - kMargin - 110) {
    cairo_show_page(cr);
    y = kMargin + 20;
  }
  signature(cr, r, y);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace ktpel

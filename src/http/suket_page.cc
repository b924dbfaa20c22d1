#include "http/suket_page.h"

#include "core/common/messages.h"
#include "core/common/date.h"

namespace ktpel {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}


}  // namespace

std::string render_suket_page(const PublicSuketView& v) {
  const std::string until = v.valid_until ? long_date_id(*v.valid_until) : "-";
  const Error said = make_error("SUKET_PAGE_" + v.status, "", {until, v.renewed_to.empty() ? "-" : v.renewed_to});
  const bool good = v.status == "VALID";
  std::string h =
      "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
      "<title>Pemeriksaan Suket KTP-el</title><style>body{font-family:sans-serif;margin:1.2em;max-width:32em}"
      ".s{font-size:1.6em;font-weight:bold;padding:.4em;border-radius:.3em;color:#fff;background:" +
      std::string(good ? "#1b7f3b" : "#b3261e") +
      "}td{padding:.3em .6em .3em 0;vertical-align:top}</style></head><body>"
      "<h1>Pemeriksaan Surat Keterangan Pengganti KTP-el</h1><p class=\"s\">" + escape(v.status) + "</p><p>" +
      escape(said.message_id) + "</p>";
  if (v.status != "INVALID") {
    h += "<table><tr><td>Nomor suket</td><td>" + escape(v.number) + "</td></tr><tr><td>Nama</td><td>" + escape(v.masked_name) +
         "</td></tr><tr><td>Diterbitkan oleh</td><td>Dinas Kependudukan dan Pencatatan Sipil " + escape(v.office_name) +
         "</td></tr><tr><td>Berlaku sampai</td><td>" + escape(until) + "</td></tr></table>";
  }
  h += "<p><small>Cocokkan nama dengan dokumen lain pemegang suket. Halaman ini tidak menampilkan NIK.</small></p></body></html>";
  return h;
}

}  // namespace ktpel

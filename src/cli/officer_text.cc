#include "cli/officer_text.h"

#include <cstdio>

#include "core/ektp/ektp_status.h"

namespace ktpel::cli {
namespace {

void line(std::string& out, const char* label, const std::string& value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%-20s: ", label);
  out += buf + value + "\n";
}

// "Desa X, Kec. Y, KOTA Z, PROVINSI" from the catalogue (codes only where a region is unknown).
std::string region_names(const WilayahCatalog& wilayah, const std::string& village_code) {
  const auto chain = wilayah.ancestors(village_code);
  if (chain.empty()) return village_code;
  std::string out;
  static const char* kPrefix[] = {"", "", "", "Kec. ", "Kel/Desa "};
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    out += (out.empty() ? "" : ", ") + std::string(kPrefix[static_cast<int>((*it)->level) % 5]) + (*it)->name;
  return out + " (" + village_code + ")";
}

std::string status_line(const EktpRecord& e) {
  return status_in_words(e.status).id + ", sejak " + timestamp_id(e.since) + (e.ikd_activated ? "; IKD aktif" : "");
}

}  // namespace

std::string timestamp_id(const std::string& iso) {
  auto d = Date::parse_iso(iso.substr(0, 10));
  if (!d) return iso;
  return long_date_id(*d) + (iso.size() >= 16 && iso[10] == 'T' ? " " + iso.substr(11, 5) + " UTC" : "");
}

std::string resident_text(Store& store, const WilayahCatalog& wilayah, const Resident& r) {
  std::string out;
  line(out, "NIK", r.nik);
  line(out, "Nama", r.name);
  line(out, "Jenis kelamin", r.sex == Sex::P ? "Perempuan" : "Laki-laki");
  line(out, "Tempat/tgl lahir", r.birth_place + ", " + long_date_id(r.birth_date));
  line(out, "Agama", r.religion);
  line(out, "Status perkawinan", r.marital_status);
  line(out, "Pekerjaan", r.occupation);
  line(out, "Kewarganegaraan", r.citizenship);
  if (!r.blood_type.empty()) line(out, "Golongan darah", r.blood_type);
  line(out, "Nama ibu", r.mother_name.empty() ? "-" : r.mother_name);
  line(out, "Nama ayah", r.father_name.empty() ? "-" : r.father_name);
  line(out, "Alamat", r.address + (r.rt.empty() ? "" : ", RT " + r.rt + "/RW " + r.rw));
  line(out, "Wilayah", region_names(wilayah, r.village_code));
  line(out, "Keadaan", r.alive ? "Hidup" : "Meninggal" + (r.death_date ? " pada " + long_date_id(*r.death_date) : std::string()));
  const auto ektp = store.ektp_record(r.nik);
  line(out, "Status KTP-el", ektp ? status_line(*ektp) : "Belum direkam");
  line(out, "Nomor KK", r.kk);
  out += "Anggota keluarga:\n";
  for (const auto& m : store.family(r.kk)) {
    const auto member = m.nik == r.nik ? std::optional<Resident>(r) : store.find_resident(m.nik);
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %s  %-18s %s\n", m.nik.c_str(), m.relationship.c_str(), member ? member->name.c_str() : "?");
    out += buf;
  }
  out += "Riwayat perubahan:\n";
  for (const auto& c : store.changes(r.nik))
    out += "  " + timestamp_id(c.at) + "  " + c.event + " oleh " + c.actor + (c.reason.empty() ? "" : " (" + c.reason + ")") + "\n";
  return out;
}

std::string ektp_status_text(Store& store, const EktpRecord& record) {
  std::string out;
  line(out, "NIK", record.nik);
  line(out, "Status KTP-el", status_line(record));
  out += "Riwayat status:\n";
  for (const auto& t : store.ektp_history(record.nik)) {
    out += "  " + timestamp_id(t.at) + "  " + (t.from ? std::string(to_string(*t.from)) : "-") + " -> " +
           std::string(to_string(t.to)) + "  " + t.event + " oleh " + t.operator_id;
    if (!t.station_id.empty()) out += " di " + t.station_id;
    if (!t.reason.empty()) out += " (" + t.reason + ")";
    out += "\n";
  }
  return out;
}

}  // namespace ktpel::cli

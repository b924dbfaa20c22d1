#include "core/synth/population_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <unordered_map>

#include "core/nik/nik.h"
#include "core/registry/wajib_ktp.h"
#include "core/synth/corruption.h"
#include "core/synth/random.h"
#include "core/wilayah/catalog.h"

namespace ktpel {
namespace {

constexpr const char* kMaritalNames[] = {"BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI"};
constexpr const char* kStreets[] = {"SUDIRMAN", "AHMAD YANI", "DIPONEGORO", "GAJAH MADA", "PAHLAWAN", "MERDEKA",
                                    "KARTINI", "MULAWARMAN", "SENGKAWIT", "YOS SUDARSO", "PANGERAN ANTASARI",
                                    "SAMUDERA", "KUSUMA BANGSA", "AGATIS", "MELATI", "CENDANA"};
// Provinces whose migrants settle in North Kalimantan (and elsewhere): birth places of migrants.
constexpr const char* kMigrantProvinces[] = {"73", "35", "33", "53", "64", "76", "72", "32"};

std::string three_digits(int v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%03d", v);
  return buf;
}

// "Kabupaten Nunukan" -> "NUNUKAN", "Kota Tarakan" -> "TARAKAN": the place as written on a KTP.
std::string place_name(const std::string& regency_name) {
  std::string s = regency_name;
  for (const char* prefix : {"Kabupaten ", "Kota ", "Kab. "})
    if (s.rfind(prefix, 0) == 0) s = s.substr(std::string(prefix).size());
  return upper_ascii(s);
}

struct Person {
  Sex sex = Sex::L;
  int age = 0;
  std::string relationship;
  int marital = 0;
  std::string name, given, mother_name, father_name;
  bool local_nik = true;  // NIK from the residence kecamatan (else from the origin of a move)
  std::string birth_place;
};

class Generator {
 public:
  Generator(const WilayahCatalog& w, const NameMaker& n, const Demography& d, const GeneratorOptions& o,
            GeneratorSink& sink)
      : wilayah_(w), names_(n), demo_(d), opt_(o), sink_(sink) {
    std::vector<double> shares;
    for (auto& [religion, share] : demo_.religion_shares) shares.push_back(share);
    religion_index_ = WeightedIndex(shares);
    for (const Region* p : wilayah_.children(""))
      for (const Region* k : wilayah_.children(p->code))
        for (const Region* c : wilayah_.children(k->code)) all_kecamatan_.push_back(c);
  }

  GeneratorSummary run(const std::vector<const Region*>& regencies,
                       const std::function<void(uint64_t, uint64_t)>& progress) {
    uint64_t total = 0;
    for (const Region* r : regencies) total += target_of(*r);
    for (const Region* r : regencies) {
      generate_regency(*r, [&](uint64_t done) {
        if (progress) progress(done, total);
      });
      ++summary_.regencies;
    }
    return summary_;
  }

  uint64_t target_of(const Region& r) const {
    return static_cast<uint64_t>(std::llround(static_cast<double>(r.population.value_or(0)) * opt_.scale));
  }

 private:
  // An age in [lo, hi] drawn from the population's single-year weights.
  int sample_age(Rng& rng, Sex sex, int lo, int hi) {
    lo = std::max(lo, 0);
    hi = std::min(hi, kMaxAge);
    if (hi <= lo) return lo;
    const auto& w = demo_.age_weight[sex == Sex::L ? 0 : 1];
    double sum = 0;
    for (int a = lo; a <= hi; ++a) sum += w[a];
    double x = rng.uniform() * sum;
    for (int a = lo; a <= hi; ++a)
      if ((x -= w[a]) < 0) return a;
    return hi;
  }

  // A married man's age: population weight x share married at that age.
  int sample_married_age(Rng& rng) {
    if (married_age_.empty()) {
      std::vector<double> w(kMaxAge + 1, 0.0);
      for (int a = 18; a <= kMaxAge; ++a) w[a] = demo_.age_weight[0][a] * demo_.marital[0][std::min(a / 5, 19)][1];
      married_age_ = WeightedIndex(w);
    }
    return static_cast<int>(married_age_.sample(rng));
  }

  int sample_marital(Rng& rng, Sex sex, int age) {
    const auto& p = demo_.marital[sex == Sex::L ? 0 : 1][std::min(age / 5, 19)];
    double x = rng.uniform();
    for (int k = 0; k < 4; ++k)
      if ((x -= p[k]) < 0) return k;
    return 0;
  }

  Date birth_date_for(int age, Rng& rng) {
    const Date latest = opt_.as_of.plus_years(-age);
    const Date earliest = opt_.as_of.plus_years(-age - 1).plus_days(1);
    const long span = latest.to_days() - earliest.to_days();
    return earliest.plus_days(static_cast<long>(rng.below(static_cast<uint64_t>(span + 1))));
  }

  std::string occupation(const Person& p, Rng& rng) {
    if (p.age < 5) return "BELUM/TIDAK BEKERJA";
    if (p.age < 19) return "PELAJAR/MAHASISWA";
    if (p.age < 23 && rng.chance(0.35)) return "PELAJAR/MAHASISWA";
    if (p.age >= 60 && rng.chance(0.3)) return rng.chance(0.5) ? "PENSIUNAN" : "BELUM/TIDAK BEKERJA";
    if (p.sex == Sex::P && p.marital != 0 && rng.chance(0.45)) return "MENGURUS RUMAH TANGGA";
    static const std::pair<const char*, double> jobs[] = {
        {"PETANI/PEKEBUN", 0.18}, {"NELAYAN/PERIKANAN", 0.07}, {"WIRASWASTA", 0.22}, {"KARYAWAN SWASTA", 0.18},
        {"BURUH HARIAN LEPAS", 0.08}, {"PEDAGANG", 0.06}, {"PEGAWAI NEGERI SIPIL (PNS)", 0.06}, {"GURU", 0.03},
        {"TENTARA NASIONAL INDONESIA (TNI)", 0.01}, {"KEPOLISIAN RI (POLRI)", 0.01}, {"SOPIR", 0.02},
        {"BELUM/TIDAK BEKERJA", 0.08}};
    double x = rng.uniform();
    for (auto& [job, p_] : jobs)
      if ((x -= p_) < 0) return job;
    return "WIRASWASTA";
  }

  std::string blood_type(Rng& rng) {
    if (rng.chance(0.45)) return "TIDAK TAHU";
    const double x = rng.uniform();
    std::string t = x < 0.40 ? "O" : x < 0.67 ? "B" : x < 0.92 ? "A" : "AB";
    if (rng.chance(0.15)) t += rng.chance(0.97) ? "+" : "-";
    return t;
  }

  std::string issue_nik(const std::string& kecamatan, Date birth, Sex sex) {
    const std::string prefix = nik_prefix(kecamatan, birth, sex);
    int& serial = nik_serials_[prefix];
    ++serial;
    if (serial > kMaxSerial) throw std::runtime_error("NIK serials exhausted for " + prefix);
    return format_nik(prefix, serial);
  }

  std::string issue_kk(const std::string& kecamatan, Date issue) {
    const std::string prefix = kk_prefix(kecamatan, issue);
    int& serial = kk_serials_[prefix];
    ++serial;
    return format_nik(prefix, serial);
  }

  std::vector<Person> make_household(Rng& rng) {
    std::vector<Person> h;
    const double type = rng.uniform();
    auto add = [&](Sex sex, int age, const char* rel, int marital) {
      Person p;
      p.sex = sex;
      p.age = age;
      p.relationship = rel;
      p.marital = marital;
      h.push_back(p);
      return h.size() - 1;
    };
    // Children of a mother: births at her ages drawn around 27 (SDKI), Indonesia's TFR ~2.2;
    // a child born when she was b is now mother_age - b, and may have left home.
    auto add_children = [&](int mother_age, int max_children) {
      static const double kBirths[] = {0.10, 0.15, 0.34, 0.24, 0.11, 0.06};
      double x = rng.uniform();
      int births = 0;
      while (births < 5 && (x -= kBirths[births]) >= 0) ++births;
      births = std::min(births, max_children);
      for (int i = 0; i < births && h.size() < 8; ++i) {
        const int at = std::clamp(static_cast<int>(std::lround(rng.normal(27, 5.5))), 16, 45);
        if (at > mother_age) continue;  // not born yet
        const int age = mother_age - at;
        const Sex sex = rng.chance(0.517) ? Sex::L : Sex::P;  // sex ratio at birth ~107
        const double stay = age < 18 ? 0.98 : age < 22 ? 0.85 : age < 26 ? 0.6 : age < 30 ? 0.35 : 0.12;
        if (!rng.chance(stay)) continue;
        int marital = 0;
        if (age >= 15 && rng.chance(0.3)) marital = sample_marital(rng, sex, age);
        add(sex, age, "ANAK", marital);
      }
    };
    if (type < 0.09) {  // one person living alone: young working men, widowed elders
      const Sex sex = rng.chance(0.6) ? Sex::L : Sex::P;
      const int age = sample_age(rng, sex, 19, 90);
      int marital = sample_marital(rng, sex, age);
      if (marital == 1) marital = age > 50 ? 3 : 0;  // alone: not currently married
      add(sex, age, "KEPALA KELUARGA", marital);
    } else if (type < 0.19) {  // single parent (mostly mothers)
      const Sex sex = rng.chance(0.8) ? Sex::P : Sex::L;
      const int age = sample_age(rng, sex, 26, 75);
      add(sex, age, "KEPALA KELUARGA", rng.chance(0.5) ? 2 : 3);
      add_children(sex == Sex::P ? age : age - 4, 4);
      if (h.size() == 1) h[0].marital = age > 55 ? 3 : 2;
    } else {  // married couple, children, sometimes a grandparent or grandchild
      const int head_age = sample_married_age(rng);
      int wife_age = head_age - static_cast<int>(std::lround(rng.normal(4, 4)));
      while (wife_age < 16 || wife_age > kMaxAge) wife_age = head_age - static_cast<int>(std::lround(rng.normal(4, 4)));
      add(Sex::L, head_age, "KEPALA KELUARGA", 1);
      add(Sex::P, wife_age, "ISTRI", 1);
      add_children(wife_age, 6);
      if (rng.chance(0.08) && head_age < 60) {
        const Sex sex = rng.chance(0.35) ? Sex::L : Sex::P;
        add(sex, std::min(kMaxAge, head_age + rng.between(22, 35)), "ORANG TUA", 3);
      }
      if (rng.chance(0.06) && head_age >= 48 && h.size() < 8)
        add(rng.chance(0.5) ? Sex::L : Sex::P, rng.between(0, 10), "CUCU", 0);
      if (rng.chance(0.03) && h.size() < 8) {
        const Sex sex = rng.chance(0.5) ? Sex::L : Sex::P;
        add(sex, rng.between(15, 30), "FAMILI LAIN", 0);
      }
    }
    return h;
  }

  void name_household(std::vector<Person>& h, Rng& rng, const std::string& religion, const std::string& local_place,
                      const std::string& migrant_place, bool migrant) {
    const NameStyle style = names_.style_for_religion(religion, rng);
    const std::string family = names_.family_name(style, rng);
    const Person& head = h[0];
    // The head's own parents (named on the head's record, and on the ORANG TUA's if present).
    const std::string head_father = names_.full(Sex::L, style, family, "", 70, rng);
    const std::string head_mother = names_.full(Sex::P, style, names_.family_name(style, rng), "", 70, rng);
    std::string father_of_children, mother_of_children;
    for (Person& p : h) {
      const bool is_head = &p == &h[0];
      if (p.relationship == "ORANG TUA") {
        p.name = p.sex == Sex::L ? head_father : head_mother;
      } else {
        const std::string fam = (p.relationship == "ISTRI" || p.relationship == "FAMILI LAIN") ? names_.family_name(style, rng)
                                : (p.relationship == "ANAK" && head.sex == Sex::P) ? names_.family_name(style, rng)
                                                                                     : family;
        p.name = names_.full(p.sex, style, fam, is_head ? head_father : (head.sex == Sex::L ? head.name : ""), p.age, rng);
      }
      if (is_head) {
        p.father_name = head_father;
        p.mother_name = head_mother;
        (p.sex == Sex::L ? father_of_children : mother_of_children) = p.name;
      } else if (p.relationship == "ISTRI") {
        mother_of_children = p.name;
        p.father_name = names_.full(Sex::L, style, family.empty() ? "" : p.name.substr(p.name.rfind(' ') + 1), "", 70, rng);
        p.mother_name = names_.full(Sex::P, style, "", "", 70, rng);
      } else if (p.relationship == "ANAK") {
        if (father_of_children.empty()) father_of_children = names_.full(Sex::L, style, family, "", 45, rng);
        if (mother_of_children.empty()) mother_of_children = names_.full(Sex::P, style, "", "", 45, rng);
        p.father_name = father_of_children;
        p.mother_name = mother_of_children;
      } else {
        p.father_name = names_.full(Sex::L, style, family, "", 70, rng);
        p.mother_name = names_.full(Sex::P, style, "", "", 70, rng);
      }
      // Adults of migrant households were born elsewhere; children born here.
      p.birth_place = (migrant && p.age >= 12 && p.relationship != "ANAK" && p.relationship != "CUCU")
                          ? migrant_place
                          : local_place;
    }
  }

  const Region* random_kecamatan_outside(Rng& rng, const std::string& province) {
    for (int i = 0; i < 20; ++i) {
      const Region* k = all_kecamatan_[rng.below(all_kecamatan_.size())];
      if (k->code.compare(0, 2, province) != 0) return k;
    }
    return all_kecamatan_.front();
  }

  // e-KTP state of one resident on the snapshot date. Recording coverage of wajib KTP is
  // 98.5-99.5 % in cities and 85-97 % in kabupaten (remote areas lower); of those recorded most
  // hold their card, with a PRR and suket backlog, uncollected cards, a few stuck and
  // DUPLICATE_RECORD records, and IKD activated by a few percent.
  void ektp_state(const Resident& r, double coverage, Rng& rng, bool duplicate) {
    if (!is_wajib_ktp(r.birth_date, r.marital_status, opt_.as_of) || !rng.chance(coverage)) return;
    const Date as_of = opt_.as_of;
    auto days_ago = [&](int lo, int hi) { return as_of.plus_days(-rng.between(lo, hi)); };
    EktpStatus status = EktpStatus::DELIVERED;
    const double u = rng.uniform();
    if (duplicate) status = rng.chance(0.5) ? EktpStatus::DUPLICATE_RECORD : EktpStatus::PRR;
    else if (u < 0.003) status = EktpStatus::DUPLICATE_RECORD;
    else if (u < 0.006) status = EktpStatus::SFE;
    else if (u < 0.008) status = EktpStatus::BC;
    else if (u < 0.040) status = EktpStatus::PRR;
    else if (u < 0.060) status = EktpStatus::SUKET;
    else if (u < 0.075) status = EktpStatus::PRINTED;
    else if (u < 0.078) status = EktpStatus::REPRINT;
    Date since, recorded;
    switch (status) {
      case EktpStatus::BC: since = days_ago(3, 60); recorded = since; break;
      case EktpStatus::SFE: since = days_ago(2, 200); recorded = since.plus_days(-rng.between(0, 5)); break;
      case EktpStatus::PRR: since = days_ago(0, 120); recorded = since.plus_days(-rng.between(1, 20)); break;
      case EktpStatus::SUKET: since = days_ago(1, 300); recorded = since.plus_days(-rng.between(1, 30)); break;
      case EktpStatus::PRINTED: since = days_ago(1, 90); recorded = since.plus_days(-rng.between(5, 120)); break;
      case EktpStatus::DUPLICATE_RECORD: since = days_ago(1, 400); recorded = since.plus_days(-rng.between(0, 3)); break;
      default: {  // DELIVERED, REPRINT: recorded any time since e-KTP began (2011) and came of age
        const Date start = std::min(std::max(Date{2011, 8, 1}, r.birth_date.plus_years(kWajibKtpAge)), as_of.plus_days(-90));
        const long span = std::max(1L, as_of.to_days() - 60 - start.to_days());
        recorded = start.plus_days(static_cast<long>(rng.below(static_cast<uint64_t>(span))));
        since = std::min(as_of, recorded.plus_days(rng.between(14, 180)));
        if (status == EktpStatus::REPRINT) since = std::max(since, days_ago(0, 60));
      }
    }
    if (recorded < r.birth_date || since < recorded) recorded = since;  // e.g. married before 17, recorded lately
    sink_.ektp(r.nik, status, recorded, since, status == EktpStatus::DELIVERED && rng.chance(0.06));
    ++summary_.ektp_records;
  }

  // A birth certificate (akta kelahiran): children 0-17 hold one at the regency's coverage (around
  // the national 93.78 % of 2020, facts/other_indicators.csv), adults less often (older cohorts
  // were registered less; an assumption, not a published figure).
  void birth_certificate(const Resident& r, const std::string& regency_digits, double child_coverage, Rng& rng) {
    const bool child = r.birth_date > opt_.as_of.plus_years(-18);
    if (!rng.chance(child ? child_coverage : 0.55)) return;
    const Date issued = std::min(opt_.as_of, r.birth_date.plus_days(rng.between(7, child ? 400 : 3000)));
    char number[64];
    std::snprintf(number, sizeof number, "%s-LU-%02d%02d%04d-%04d", regency_digits.c_str(), issued.day, issued.month, issued.year,
                  static_cast<int>(++akta_seq_ % 10000));
    sink_.birth_certificate(r.nik, number, issued);
    ++summary_.birth_certificates;
  }

  void generate_regency(const Region& regency, const std::function<void(uint64_t)>& progress) {
    Rng rng(opt_.seed ^ stable_hash(regency.code));
    Rng ektp_rng(opt_.seed ^ stable_hash("ektp:" + regency.code));  // own stream: residents stay identical
    Rng akta_rng(opt_.seed ^ stable_hash("akta:" + regency.code));
    // Twins and sons named after their fathers: own stream, so the rest of the population is the
    // same with or without them (they are the hard cases of demographic dedup).
    Rng family_rng(opt_.seed ^ stable_hash("family:" + regency.code));
    const double akta_coverage = 0.86 + 0.12 * akta_rng.uniform();
    const std::string regency_digits = undotted(regency.code);
    const bool kota = regency.code[3] >= '7';  // KK 71-99 = kota
    const double coverage = kota ? 0.985 + 0.01 * ektp_rng.uniform() : 0.85 + 0.12 * ektp_rng.uniform();
    const uint64_t target = target_of(regency);
    std::vector<const Region*> villages;
    std::vector<double> weights;
    for (const Region* kec : wilayah_.children(regency.code))
      for (const Region* desa : wilayah_.children(kec->code)) {
        villages.push_back(desa);
        Rng vr(opt_.seed ^ stable_hash(desa->code));
        const bool kelurahan = desa->code[9] == '1';  // 1xxx = kelurahan (urban)
        weights.push_back(std::exp(vr.normal(0, 0.7)) * (kelurahan ? 3.0 : 1.0));
      }
    if (villages.empty() || target == 0) return;
    const WeightedIndex village_index(weights);
    const std::string local_place = place_name(regency.name);
    uint64_t made = 0, seq = 0;
    while (made < target) {
      auto household = make_household(rng);
      if (household.size() > target - made) household.resize(target - made);
      const Region* desa = villages[village_index.sample(rng)];
      const std::string kecamatan = desa->parent_code;
      const std::string religion =
          demo_.religion_shares.empty() ? "Islam" : demo_.religion_shares[religion_index_.sample(rng)].first;
      // Migrants born elsewhere; a few households moved here after getting NIKs elsewhere.
      const bool migrant = rng.chance(0.25);
      const bool moved_with_nik = rng.chance(0.05);
      const Region* origin = moved_with_nik ? random_kecamatan_outside(rng, regency.code.substr(0, 2)) : nullptr;
      std::string migrant_place = local_place;
      if (migrant) {
        const Region* prov = wilayah_.find(kMigrantProvinces[rng.below(std::size(kMigrantProvinces))]);
        auto regs = prov ? wilayah_.children(prov->code) : std::span<const Region* const>();
        if (!regs.empty()) migrant_place = place_name(regs[rng.below(regs.size())]->name);
      }
      if (origin) {
        if (const Region* origin_regency = wilayah_.find(origin->parent_code)) migrant_place = place_name(origin_regency->name);
      }
      name_household(household, rng, religion, local_place, migrant_place, migrant || origin);
      const int years_since_move = rng.between(1, 15);

      // KK issued after the head came of age, not before 2005 (SIAK's KK numbers).
      const int head_age = household[0].age;
      const Date earliest = std::max(Date{2005, 1, 1}, opt_.as_of.plus_years(-std::max(0, head_age - 20)));
      const long days = std::max(0L, opt_.as_of.to_days() - earliest.to_days());
      const std::string kk = issue_kk(kecamatan, earliest.plus_days(static_cast<long>(rng.below(static_cast<uint64_t>(days + 1)))));
      const int rw = rng.between(1, 8), rt = rng.between(1, 15);
      const bool kelurahan = desa->code[9] == '1';
      const std::string address = kelurahan ? "JL. " + std::string(kStreets[rng.below(std::size(kStreets))]) + " NO. " +
                                                  std::to_string(rng.between(1, 250))
                                            : (rng.chance(0.5) ? "DUSUN " + std::to_string(rng.between(1, 6))
                                                               : "JL. POROS DESA RT " + three_digits(rt));
      const bool foreign = rng.chance(0.0007);
      ++summary_.households;
      const Person* previous_child = nullptr;
      Date previous_child_born;
      for (const Person& p : household) {
        Resident r;
        r.sex = p.sex;
        r.birth_date = birth_date_for(p.age, rng);
        const bool child = p.relationship == "ANAK";
        // About 2 % of children born next to a sibling of similar age are that sibling's twin.
        if (child && previous_child && std::abs(previous_child->age - p.age) <= 4 && p.marital == 0 &&
            family_rng.chance(0.02))
          r.birth_date = previous_child_born;
        if (child) {
          previous_child = &p;
          previous_child_born = r.birth_date;
        }
        const bool nik_from_origin = origin && p.age >= years_since_move;
        r.nik = issue_nik(nik_from_origin ? origin->code : kecamatan, r.birth_date, p.sex);
        r.kk = kk;
        r.name = p.name;
        // A son named after his father (about 1 % of sons of a father who heads the family).
        if (child && p.sex == Sex::L && household[0].sex == Sex::L && p.father_name == household[0].name &&
            family_rng.chance(0.01))
          r.name = household[0].name;
        r.birth_place = p.birth_place;
        r.religion = religion;
        r.marital_status = kMaritalNames[p.marital];
        r.occupation = occupation(p, rng);
        r.mother_name = p.mother_name;
        r.father_name = p.father_name;
        r.village_code = desa->code;
        r.rt = three_digits(rt);
        r.rw = three_digits(rw);
        r.address = address;
        r.blood_type = blood_type(rng);
        r.citizenship = foreign ? "WNA" : "WNI";
        const std::string person_id = undotted(regency.code) + "-" + std::to_string(++seq);
        sink_.resident(r, person_id);
        sink_.family_member({kk, r.nik, p.relationship});
        if (opt_.ektp_states) ektp_state(r, coverage, ektp_rng, false);
        if (opt_.ektp_states) birth_certificate(r, regency_digits, akta_coverage, akta_rng);
        ++made;
        ++summary_.residents;
        if (p.age >= 17 && opt_.duplicate_rate > 0 && rng.chance(opt_.duplicate_rate)) {
          const Resident second = duplicate(r, person_id, rng);
          if (opt_.ektp_states) ektp_state(second, 1.0, ektp_rng, true);
        }
      }
      if (progress && (summary_.households & 1023) == 0) progress(summary_.residents);
    }
    if (progress) progress(summary_.residents);
  }

  // The same person recorded again elsewhere under a second NIK, with clerical noise.
  Resident duplicate(const Resident& original, const std::string& person_id, Rng& rng) {
    Resident d = original;
    if (rng.chance(0.45)) d.name = typo(d.name, rng);
    if (rng.chance(0.2)) d.name = old_spelling(d.name);
    if (rng.chance(0.25)) d.name = drop_or_abbreviate_token(d.name, rng);
    if (rng.chance(0.3)) d.birth_date = corrupt_date(d.birth_date, rng);
    if (rng.chance(0.2)) d.mother_name.clear();
    if (rng.chance(0.15)) d.father_name = typo(d.father_name, rng);
    // Every injected duplicate differs somewhere besides the NIK (an edit can be a no-op).
    for (int i = 0; i < 8 && d.name == original.name && d.birth_date == original.birth_date &&
                    d.mother_name == original.mother_name && d.father_name == original.father_name;
         ++i)
      d.name = typo(d.name, rng);
    if (d.name == original.name && d.birth_date == original.birth_date) d.birth_date = corrupt_date(d.birth_date, rng);
    // Recorded in another place: 60 % elsewhere in the province, else anywhere.
    const Region* kec = nullptr;
    if (rng.chance(0.6)) {
      const Region* prov = wilayah_.find(original.province_code());
      std::vector<const Region*> kecs;
      for (const Region* k : wilayah_.children(prov->code))
        for (const Region* c : wilayah_.children(k->code)) kecs.push_back(c);
      kec = kecs[rng.below(kecs.size())];
    } else {
      kec = random_kecamatan_outside(rng, original.province_code());
    }
    auto desas = wilayah_.children(kec->code);
    if (!desas.empty()) d.village_code = desas[rng.below(desas.size())]->code;
    d.nik = issue_nik(kec->code, d.birth_date, d.sex);
    d.kk = issue_kk(kec->code, opt_.as_of.plus_days(-static_cast<long>(rng.below(3000))));
    d.marital_status = d.marital_status == "BELUM KAWIN" ? "BELUM KAWIN" : "KAWIN";
    sink_.resident(d, person_id);
    sink_.family_member({d.kk, d.nik, "KEPALA KELUARGA"});
    ++summary_.duplicates;
    return d;
  }

  const WilayahCatalog& wilayah_;
  const NameMaker& names_;
  const Demography& demo_;
  const GeneratorOptions& opt_;
  GeneratorSink& sink_;
  GeneratorSummary summary_;
  uint64_t akta_seq_ = 0;
  WeightedIndex religion_index_;
  WeightedIndex married_age_;
  std::vector<const Region*> all_kecamatan_;
  std::unordered_map<std::string, int> nik_serials_, kk_serials_;
};

}  // namespace

GeneratorSummary generate_population(const WilayahCatalog& wilayah, const NameMaker& names, const Demography& demography,
                                     const GeneratorOptions& options, GeneratorSink& sink,
                                     const std::function<void(uint64_t, uint64_t)>& progress) {
  const Region* province = wilayah.find(options.province);
  if (!province || province->level != Level::Provinsi)
    throw std::invalid_argument("unknown province code '" + options.province + "' (two digits, e.g. 65)");
  if (!(options.scale > 0) || options.scale > 10) throw std::invalid_argument("--scale must be in (0, 10]");
  if (options.duplicate_rate < 0 || options.duplicate_rate > 1)
    throw std::invalid_argument("--duplicates must be a rate between 0 and 1");
  std::vector<const Region*> regencies;
  if (!options.regency.empty()) {
    const Region* r = wilayah.find(options.regency);
    if (!r || r->level != Level::Kabupaten || r->parent_code != options.province)
      throw std::invalid_argument("regency '" + options.regency + "' is not a kabupaten/kota of province " +
                                  options.province);
    regencies.push_back(r);
  } else {
    for (const Region* r : wilayah.children(options.province)) regencies.push_back(r);
  }
  return Generator(wilayah, names, demography, options, sink).run(regencies, progress);
}

}  // namespace ktpel

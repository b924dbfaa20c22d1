#include "service/monthly_report.h"

#include <cctype>
#include <map>

#include "core/common/messages.h"
#include "core/stats/coverage_history.h"
#include "core/wilayah/catalog.h"

namespace ktpel {
namespace {

double pct(int64_t part, int64_t whole) { return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

struct Tally {
  CoverageCounters counters{};
  int64_t suket_held = 0, suket_expired = 0;
};

ReportFigures figures(const Tally& t) {
  const auto& c = t.counters;
  ReportFigures f;
  f.population = c[kPopulation];
  f.wajib_ktp = c[kWajibKtp];
  f.recorded_wajib = c[kRecordedWajib];
  f.still_to_record = c[kWajibKtp] - c[kRecordedWajib];
  f.prr = c[kPrr];
  f.printed = c[kPrinted];
  f.delivered = c[kDelivered];
  f.suket_held = t.suket_held;
  f.suket_expired = t.suket_expired;
  f.children = c[kChildren];
  f.children_akta = c[kChildrenWithAkta];
  f.ikd_activated = c[kIkdActivated];
  f.ikd_eligible = c[kIkdEligible];
  f.recording_pct = pct(c[kRecordedWajib], c[kWajibKtp]);
  f.akta_pct = pct(c[kChildrenWithAkta], c[kChildren]);
  f.ikd_pct = pct(c[kIkdActivated], c[kIkdEligible]);
  return f;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "Kabupaten Malinau" -> "Malinau"; the place a regency's head signs in, until settings say.
std::string town_of(const std::string& name) {
  for (std::string_view p : {"Kabupaten ", "Kota "})
    if (name.starts_with(p)) return name.substr(p.size());
  return name;
}

}  // namespace

Letterhead MonthlyReportService::letterhead(const Region& r) {
  const std::string region = r.level == Level::Provinsi ? "Provinsi " + r.name : r.name;
  Letterhead l{upper("Pemerintah " + region), "Dinas Kependudukan dan Pencatatan Sipil", "", r.level == Level::Provinsi ? "" : town_of(r.name),
               "Kepala Dinas Kependudukan dan Pencatatan Sipil", region, "", ""};
  auto& settings = store_.as<SettingsStore>();
  auto get = [&](std::string_view field, std::string& into) {
    if (auto v = settings.setting("letterhead." + r.code + "." + std::string(field)); v && !v->empty()) into = *v;
  };
  get("office", l.office);
  get("address", l.address);
  get("place", l.place);
  get("head_name", l.head_name);
  get("head_nip", l.head_nip);
  l.office = upper(l.office);
  return l;
}

Result<Letterhead> MonthlyReportService::set_letterhead(const std::string& code, const std::string& field, const std::string& value) {
  const Region* r = wilayah_.find(code);
  if (!r || (r->level != Level::Provinsi && r->level != Level::Kabupaten)) return make_error("REPORT_REGION", "code", {code});
  bool known = false;
  for (auto f : kLetterheadFields) known = known || f == field;
  if (!known) return make_error("SETTING_VALUE", "field", {field, "office, address, place, head_name, head_nip"});
  if (field == "head_nip" && !value.empty()) {  // NIP of a civil servant: 18 digits
    bool digits = value.size() == 18;
    for (char c : value) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits) return make_error("SETTING_VALUE", "head_nip", {value, "18 digits"});
  }
  StoreTransaction tx(store_.transactions());
  store_.as<SettingsStore>().put_setting("letterhead." + code + "." + field, value);
  tx.commit();
  return letterhead(*r);
}

Result<MonthlyReport> MonthlyReportService::report(const std::string& code, std::string_view month, Date today) {
  const Region* region = wilayah_.find(code);
  if (!region || (region->level != Level::Provinsi && region->level != Level::Kabupaten))
    return make_error("REPORT_REGION", "code", {code});
  Date first{};
  if (month.size() != 7 || month[4] != '-' || !Date::parse_iso(std::string(month) + "-01"))
    return make_error("REPORT_MONTH", "month", {std::string(month), today.iso().substr(0, 7)});
  first = *Date::parse_iso(std::string(month) + "-01");
  if (first > today) return make_error("REPORT_MONTH", "month", {std::string(month), today.iso().substr(0, 7)});
  MonthlyReport rep;
  rep.code = region->code;
  rep.name = region->name;
  rep.level = region->level;
  rep.year = first.year;
  rep.month = first.month;
  const Date month_end{first.year, first.month, Date::days_in_month(first.year, first.month)};
  rep.as_of = std::min(month_end, today);
  rep.previous = first.plus_days(-1);
  rep.signed_on = today;
  rep.targets = CoverageService(store_, wilayah_).targets(region->level == Level::Provinsi ? Level::Kabupaten : Level::Kecamatan);
  rep.letterhead = letterhead(*region);

  // Rows of the next level down, each counted from its residents' history on both days.
  const size_t child_length = region->level == Level::Provinsi ? 5 : 8;
  std::map<std::string, std::pair<Tally, Tally>> tallies;
  for (const Region* child : wilayah_.children(code)) tallies[child->code];
  std::pair<Tally, Tally> total;
  auto& coverage = store_.as<CoverageStore>();
  coverage.scan_coverage_history(code + ".", [&](const CoverageHistory& h) {
    const CoverageCounters now = coverage_contribution(coverage_facts_on(h, rep.as_of), rep.as_of);
    const CoverageCounters before = coverage_contribution(coverage_facts_on(h, rep.previous), rep.previous);
    for (auto* t : {&tallies[h.now.village_code.substr(0, child_length)], &total}) {
      add_into(t->first.counters, now);
      add_into(t->second.counters, before);
    }
  });
  coverage.scan_suket_spans(code + ".", [&](const SuketSpan& s) {
    for (auto* t : {&tallies[s.village_code.substr(0, child_length)], &total}) {
      t->first.suket_held += suket_held_on(s, rep.as_of);
      t->first.suket_expired += suket_expired_on(s, rep.as_of);
      t->second.suket_held += suket_held_on(s, rep.previous);
      t->second.suket_expired += suket_expired_on(s, rep.previous);
    }
  });
  for (const auto& [c, t] : tallies) {
    const Region* r = wilayah_.find(c);
    rep.rows.push_back({c, r ? r->name : c, figures(t.first), figures(t.second)});
  }
  rep.total = {region->code, region->name, figures(total.first), figures(total.second)};
  return rep;
}

}  // namespace ktpel

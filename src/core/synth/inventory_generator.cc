#include "core/synth/inventory_generator.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/common/messages.h"
#include "core/equipment/recording_sets.h"
#include "core/synth/random.h"

namespace ktpel {
namespace {

struct Model {
  const char* vendor;
  const char* model;
};

Model model_of(ItemType t, Rng& rng, bool renewed) {
  switch (t) {
    case ItemType::Pc: return renewed ? Model{"HP", "ProDesk 400 G3"} : (rng.chance(0.5) ? Model{"Dell", "OptiPlex 390"} : Model{"HP", "Compaq 6200 Pro"});
    case ItemType::FingerprintScanner: return renewed ? Model{"Suprema", "RealScan-G10"} : Model{"Cross Match", "L SCAN Guardian"};
    case ItemType::IrisScanner: return renewed ? Model{"IriTech", "IriShield MK2120U"} : Model{"Cross Match", "I SCAN 2"};
    case ItemType::Camera: return renewed ? Model{"Canon", "EOS 1300D"} : Model{"Canon", "EOS 1100D"};
    case ItemType::SignaturePad: return Model{"Topaz", "SignatureGem T-LBK460"};
    case ItemType::Ups: return rng.chance(0.5) ? Model{"APC", "Back-UPS 1100"} : Model{"ICA", "CE 1200"};
    case ItemType::Generator: return Model{"Honda", "EP2500CX"};
    case ItemType::Network: return Model{"Cisco", "ISR 1941 (VPN)"};
    case ItemType::Server: return Model{"HP", "ProLiant DL380 G7"};
    case ItemType::CardPrinter: return Model{"Fargo", "HDP5000"};
  }
  return {"?", "?"};
}

std::string regency_of(const std::string& kecamatan) { return kecamatan.substr(0, 5); }

bool composition_has(const SetComposition& c, ItemType t) { return std::find(c.types.begin(), c.types.end(), t) != c.types.end(); }

FaultCause cause_for(ItemType t, bool power_prone, Rng& rng) {
  if (t == ItemType::Ups || (power_prone && rng.chance(0.6))) return rng.chance(0.8) ? FaultCause::Power : FaultCause::Lightning;
  const double u = rng.uniform();
  if (u < 0.35) return FaultCause::Age;
  if (u < 0.5) return FaultCause::Power;
  if (u < 0.6) return FaultCause::Lightning;
  if (u < 0.7) return FaultCause::Water;
  if (u < 0.78) return FaultCause::Rodents;
  return u < 0.9 ? FaultCause::Other : FaultCause::Unknown;
}

const char* symptom_for(FaultCause c, ItemType t) {
  switch (c) {
    case FaultCause::Power: return t == ItemType::Ups ? "baterai UPS drop, mati saat listrik padam" : "mati total setelah listrik naik-turun";
    case FaultCause::Lightning: return "rusak tersambar petir";
    case FaultCause::Age: return t == ItemType::Pc ? "sering hang, hard disk rusak" : "tidak terbaca, komponen aus";
    case FaultCause::Water: return "terkena air bocoran atap";
    case FaultCause::Rodents: return "kabel digigit tikus";
    default: return "tidak berfungsi";
  }
}

}  // namespace

Result<SynthInventory> synth_inventory(const std::vector<std::string>& kecamatan, const InventoryTargets& targets, Date today,
                                       uint64_t seed) {
  Rng rng(seed ^ 0x1A7E4707ull);
  const auto composition = SetComposition::standard();
  std::map<std::string, std::vector<std::string>> by_regency;
  for (const auto& k : kecamatan) by_regency[regency_of(k)].push_back(k);
  const int64_t n_kec = static_cast<int64_t>(kecamatan.size()), n_reg = static_cast<int64_t>(by_regency.size());
  const int64_t able = targets.able_kecamatan.value_or(n_kec - n_kec / 5);
  const int64_t unable = n_kec - able;
  const int64_t affected = targets.affected_regencies.value_or(std::max<int64_t>(unable > 0 ? 1 : 0, (2 * n_reg + 2) / 3));
  auto bad = [](std::string what) { return make_error("EQUIPMENT_FIELD", "targets", {"targets", std::move(what)}); };
  if (able < 0 || able > n_kec) return bad("able kecamatan between 0 and " + std::to_string(n_kec));
  if (affected < 0 || affected > n_reg || (unable > 0 && affected == 0)) return bad("affected regencies between 1 and " + std::to_string(n_reg));
  if (unable < affected) return bad("at least one kecamatan unable to record in each affected regency");

  // Affected regencies: a random draw; when the drawn ones hold too few kecamatan for the
  // unable count, the largest instead (they hold the most). Each keeps at least one unable one.
  std::vector<std::string> regencies;
  for (const auto& [r, ks] : by_regency) regencies.push_back(r);
  std::vector<std::string> order = regencies;
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  auto room_of = [&](const std::vector<std::string>& rs) {
    int64_t n = 0;
    for (const auto& r : rs) n += static_cast<int64_t>(by_regency[r].size());
    return n;
  };
  std::vector<std::string> chosen(order.begin(), order.begin() + affected);
  if (room_of(chosen) < unable) {
    std::stable_sort(order.begin(), order.end(), [&](auto& a, auto& b) { return by_regency[a].size() > by_regency[b].size(); });
    chosen.assign(order.begin(), order.begin() + affected);
  }
  const int64_t room = room_of(chosen);
  if (room < unable) return bad("more unable kecamatan (" + std::to_string(unable) + ") than the affected regencies hold");

  // Unable kecamatan: one per affected regency, the rest drawn from their pool.
  std::set<std::string> unable_set;
  std::vector<std::string> pool;
  for (const auto& r : chosen) {
    auto ks = by_regency[r];
    const auto& first = ks[rng.below(ks.size())];
    unable_set.insert(first);
    for (const auto& k : ks)
      if (k != first) pool.push_back(k);
  }
  for (size_t i = pool.size(); i > 1; --i) std::swap(pool[i - 1], pool[rng.below(i)]);
  for (size_t i = 0; static_cast<int64_t>(unable_set.size()) < unable; ++i) unable_set.insert(pool[i]);

  SynthInventory out;
  std::map<std::string, int> sets_of;
  int serial = 0;
  auto next_serial = [&](ItemType t) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s-%06d", std::string(to_string(t)).substr(0, 3).c_str(), ++serial);
    return std::string(buf);
  };
  auto add = [&](const std::string& office, ItemType t, Date installed, bool renewed) {
    EquipmentItem i;
    i.serial = next_serial(t);
    i.office = office;
    i.type = t;
    const auto m = model_of(t, rng, renewed);
    i.vendor = m.vendor;
    i.model = m.model;
    i.installed_on = installed;
    i.warranty_end = installed.plus_days(3 * 365);
    if (t == ItemType::Pc || t == ItemType::Server) {
      i.os = t == ItemType::Server ? "Windows Server 2012 R2" : (rng.chance(0.15) ? "Windows 7" : "Windows 10");
      i.os_end_of_support = known_os_end_of_support(i.os);
      if (t == ItemType::Server) i.os_end_of_support = Date::parse_iso("2023-10-10");
    }
    out.items.push_back(std::move(i));
    return out.items.size() - 1;
  };
  std::map<std::string, std::vector<std::vector<size_t>>> set_items;  // kecamatan -> per set, item indices
  for (const auto& k : kecamatan) {
    const double u = rng.uniform();
    const int sets = u < 0.7 ? 1 : (u < 0.95 ? 2 : 3);
    sets_of[k] = sets;
    for (int s = 0; s < sets; ++s) {
      const bool renewed = rng.chance(0.25);
      const Date installed = *Date::parse_iso(renewed ? "2016-03-01" : "2011-10-01");
      const Date when = installed.plus_days(static_cast<long>(rng.below(renewed ? 1100 : 700)));
      auto& ids = set_items[k].emplace_back();
      for (auto t : composition.types) ids.push_back(add(k, t, when, renewed));
    }
    if (rng.chance(0.3)) add(k, ItemType::Generator, *Date::parse_iso("2013-01-01"), false);
    if (rng.chance(0.6)) add(k, ItemType::Network, *Date::parse_iso("2012-06-01"), false);
  }
  for (const auto& r : regencies) add(r, ItemType::Server, Date::parse_iso("2012-01-01")->plus_days(static_cast<long>(rng.below(300))), false);

  // Breakage: every unable kecamatan loses all items of one type; the rest of the broken
  // items fall on more items there, or on one set of a multi-set kecamatan of an affected
  // regency (which still records), or on its generator/network.
  std::set<size_t> broken;
  // A kecamatan records with the least count over the types, so it stops when every item of one
  // type is broken (one per set).
  // The report: "most: server PCs, fingerprint scanners, UPS" (power problems behind many).
  auto weight_of = [](ItemType t) {
    switch (t) {
      case ItemType::Pc: return 35.0;
      case ItemType::FingerprintScanner: return 30.0;
      case ItemType::Ups: return 20.0;
      default: return 5.0;
    }
  };
  auto draw_type = [&]() {
    double total = 0;
    for (auto t : composition.types) total += weight_of(t);
    double u = rng.uniform() * total;
    for (size_t i = 0; i < composition.types.size(); ++i)
      if ((u -= weight_of(composition.types[i])) < 0) return i;
    return composition.types.size() - 1;
  };
  for (const auto& k : unable_set) {
    const size_t type_no = draw_type();
    for (const auto& set : set_items[k]) broken.insert(set[type_no]);
  }
  const int64_t want = targets.broken_items.value_or(static_cast<int64_t>(broken.size()) * 5 / 2);
  if (static_cast<int64_t>(broken.size()) > want)
    return bad("at least " + std::to_string(broken.size()) + " broken items to leave " + std::to_string(unable) + " kecamatan unable");
  std::vector<size_t> candidates;
  const std::set<std::string> chosen_set(chosen.begin(), chosen.end());
  for (size_t i = 0; i < out.items.size(); ++i) {
    const auto& item = out.items[i];
    if (broken.count(i) || !is_kecamatan_gear(item.type) || !chosen_set.count(regency_of(item.office))) continue;
    if (unable_set.count(item.office) || !composition_has(composition, item.type) || sets_of[item.office] >= 2) candidates.push_back(i);
  }
  for (size_t i = candidates.size(); i > 1; --i) std::swap(candidates[i - 1], candidates[rng.below(i)]);
  // In an able kecamatan with several sets, only items of one set may break (it keeps recording).
  std::map<std::string, size_t> broken_set_of;
  for (size_t c = 0; c < candidates.size() && static_cast<int64_t>(broken.size()) < want; ++c) {
    const size_t i = candidates[c];
    const auto& k = out.items[i].office;
    if (!unable_set.count(k) && composition_has(composition, out.items[i].type)) {
      size_t set_no = 0;
      for (; set_no < set_items[k].size(); ++set_no)
        if (std::count(set_items[k][set_no].begin(), set_items[k][set_no].end(), i)) break;
      auto [it, fresh] = broken_set_of.emplace(k, set_no);
      if (!fresh && it->second != set_no) continue;
    }
    broken.insert(i);
  }
  if (static_cast<int64_t>(broken.size()) < want)
    return bad("at most " + std::to_string(broken.size()) + " broken items in " + std::to_string(affected) + " regencies");

  // Power problems cluster: about half the affected regencies are power-prone.
  std::set<std::string> power_prone;
  for (const auto& r : chosen)
    if (rng.chance(0.5)) power_prone.insert(r);
  for (size_t i : broken) {
    auto& item = out.items[i];
    item.status = rng.chance(0.15) ? ItemStatus::InRepair : ItemStatus::Broken;
    RepairTicket t;
    t.serial = item.serial;
    t.office = item.office;
    t.item_type = item.type;
    t.model = item.model;
    t.reported_on = today.plus_days(-static_cast<long>(1 + rng.below(180)));
    t.cause = cause_for(item.type, power_prone.count(regency_of(item.office)) > 0, rng);
    t.symptom = symptom_for(t.cause, item.type);
    t.reporter = "operator " + item.office;
    out.tickets.push_back(std::move(t));
  }
  // Earlier repairs, closed: where they were done sets how long they took and what they cost.
  // Field gear fails every few years (PCs and UPS more often, in power-prone regencies more
  // still): each item's service life up to 250 days ago is cut into as many stretches as it had
  // failures, one repair inside each, so one item's tickets never overlap (nor the open ones, at
  // most 180 days old).
  const Date history_end = today.plus_days(-250);
  for (size_t i = 0; i < out.items.size(); ++i) {
    const auto& item = out.items[i];
    if (!is_kecamatan_gear(item.type) || !item.installed_on || *item.installed_on >= history_end) continue;
    const long life = history_end.to_days() - item.installed_on->to_days();
    const bool prone = power_prone.count(regency_of(item.office)) > 0;
    const double years_per_failure =
        (item.type == ItemType::Pc || item.type == ItemType::Ups ? 3.0 : 5.0) * (prone ? 0.7 : 1.0);
    int failures = 0;
    for (double expected = static_cast<double>(life) / 365.0 / years_per_failure; failures < 8 && rng.uniform() < expected / (expected + 1);)
      ++failures, expected -= 1.0;
    for (int f = 0; f < failures; ++f) {
      const long stretch = life / failures, begin = item.installed_on->to_days() + f * stretch;
      RepairTicket t;
      t.serial = item.serial;
      t.office = item.office;
      t.item_type = item.type;
      t.model = item.model;
      t.cause = cause_for(item.type, prone, rng);
      t.symptom = symptom_for(t.cause, item.type);
      t.reporter = "operator " + item.office;
      const double u = rng.uniform();
      const auto site = u < 0.3 ? RepairSite::OnSite : u < 0.55 ? RepairSite::Regency : u < 0.8 ? RepairSite::ProvinceHub : RepairSite::Centre;
      int days = site == RepairSite::OnSite ? rng.between(1, 5) : site == RepairSite::Regency ? rng.between(3, 14)
               : site == RepairSite::ProvinceHub ? rng.between(10, 30) : rng.between(45, 150);
      days = static_cast<int>(std::min<long>(days, std::max<long>(1, stretch / 3)));
      t.reported_on = Date::from_days(begin + static_cast<long>(rng.below(static_cast<uint64_t>(std::max<long>(1, stretch - days - 1)))));
      t.closed_on = t.reported_on.plus_days(days);
      t.site = site;
      t.cost_rupiah = site == RepairSite::Centre ? 4'500'000 + 100'000 * rng.between(0, 30) : 750'000 + 50'000 * rng.between(0, 40);
      t.parts = item.type == ItemType::Ups ? "baterai 12V 9Ah x2" : item.type == ItemType::Pc ? "hard disk 500 GB" : "";
      t.closer = "teknisi";
      out.tickets.push_back(std::move(t));
    }
  }
  std::sort(out.tickets.begin(), out.tickets.end(), [](auto& a, auto& b) { return a.reported_on < b.reported_on; });
  return out;
}

}  // namespace ktpel

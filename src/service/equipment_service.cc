#include "service/equipment_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/common/messages.h"
#include "core/stats/coverage.h"
#include "core/wilayah/catalog.h"
#include "store/transactions.h"

namespace ktpel {
namespace {

std::string now_or(const std::string& at) { return at.empty() ? std::string("1970-01-01T00:00:00Z") : at; }

void kecamatan_under(const WilayahCatalog& w, const Region& r, std::vector<const Region*>& out) {
  if (r.level == Level::Kecamatan) {
    out.push_back(&r);
    return;
  }
  if (r.level == Level::Desa) return;
  for (const Region* c : w.children(r.code)) kecamatan_under(w, *c, out);
}

}  // namespace

const Region* EquipmentService::region(const std::string& code) const { return wilayah_.find(code); }

std::map<std::string, CoverageCounters> EquipmentService::coverage_rows(const std::string& prefix, size_t code_length) {
  return store_.as<CoverageStore>().coverage_rows(prefix, code_length);
}

SetComposition EquipmentService::composition() {
  if (auto v = store_.as<SettingsStore>().setting("equipment.set_composition"))
    if (auto c = SetComposition::parse(*v)) return *c;
  return SetComposition::standard();
}

int64_t EquipmentService::recordings_per_set_per_day() {
  if (auto v = store_.as<SettingsStore>().setting("equipment.recordings_per_set_per_day")) try {
      return std::stoll(*v);
    } catch (...) {
    }
  return 60;  // a desk records about one resident every 8 minutes over a working day
}

Result<std::string> EquipmentService::set_setting(const std::string& key, const std::string& value) {
  if (key == "equipment.set_composition") {
    auto c = SetComposition::parse(value);
    if (!c) return c.error();
    store_.as<SettingsStore>().put_setting(key, c->text());
    return c->text();
  }
  if (key == "equipment.recordings_per_set_per_day") {
    int64_t n = 0;
    try {
      size_t used = 0;
      n = std::stoll(value, &used);
      if (used != value.size()) n = 0;
    } catch (...) {
    }
    if (n < 1 || n > 1000) return make_error("SETTING_VALUE", "value", {key, "1-1000 recordings"});
    store_.as<SettingsStore>().put_setting(key, std::to_string(n));
    return std::to_string(n);
  }
  return make_error("SETTING_VALUE", "key", {key, "equipment.set_composition or equipment.recordings_per_set_per_day"});
}

InventoryImport EquipmentService::import_inventory(std::string_view csv, Date today, const std::string& actor,
                                                   const std::string& at, const std::function<bool(std::string_view)>& office_allowed) {
  auto file = parse_inventory_csv(csv, today, [&](std::string_view code) { return wilayah_.find(code) != nullptr; });
  // A real office outside the caller's scope is its own problem (not "unknown code": the officer
  // would look for a typo that is not there).
  if (office_allowed) {
    for (size_t i = 0; i < file.items.size();) {
      if (office_allowed(file.items[i].office)) {
        ++i;
        continue;
      }
      file.problems.push_back({file.lines[i], make_error("OFFICE_OUT_OF_SCOPE", "office", {file.items[i].office})});
      file.items.erase(file.items.begin() + static_cast<long>(i));
      file.lines.erase(file.lines.begin() + static_cast<long>(i));
    }
  }
  InventoryImport report;
  // A data row with several faults is listed once per fault but is one row.
  std::set<uint64_t> bad_lines;
  for (const auto& p : file.problems) bad_lines.insert(p.line);
  report.rows = static_cast<int64_t>(file.items.size() + bad_lines.size());
  report.problems = std::move(file.problems);
  auto& store = store_.as<EquipmentStore>();
  StoreTransaction tx(store_.transactions());
  for (size_t i = 0; i < file.items.size(); ++i) {
    const auto& item = file.items[i];
    // The conflict clause, not a prior read, decides: a serial registered meanwhile is refused too.
    if (!store.insert_item(item, now_or(at))) {
      report.problems.push_back({file.lines[i], make_error("ITEM_EXISTS", "serial", {item.serial})});
      continue;
    }
    store.append_item_event({item.serial, item.installed_on.value_or(today), item.status, "imported", actor, now_or(at)});
  }
  if (!report.problems.empty()) {
    std::sort(report.problems.begin(), report.problems.end(), [](auto& a, auto& b) { return a.line < b.line; });
    return report;  // the transaction rolls back: nothing half-written
  }
  tx.commit();
  report.imported = static_cast<int64_t>(file.items.size());
  return report;
}

Result<EquipmentItem> EquipmentService::add_item(EquipmentItem item, Date today, const std::string& actor, const std::string& at) {
  if (!wilayah_.find(item.office)) return make_error("WILAYAH_NOT_FOUND", "office", {item.office});
  if (item.installed_on && *item.installed_on > today)
    return make_error("EQUIPMENT_FIELD", "installed_on", {"installed_on", "today or earlier"});
  auto checked = check_equipment_item(std::move(item));
  if (!checked) return checked;
  StoreTransaction tx(store_.transactions());
  if (!store_.as<EquipmentStore>().insert_item(*checked, now_or(at))) return make_error("ITEM_EXISTS", "serial", {checked->serial});
  store_.as<EquipmentStore>().append_item_event(
      {checked->serial, checked->installed_on.value_or(today), checked->status, "registered", actor, now_or(at)});
  tx.commit();
  return checked;
}

Result<EquipmentItem> EquipmentService::set_status(const std::string& serial, ItemStatus status, Date on, const std::string& note,
                                                   const std::string& actor, const std::string& at) {
  if (note.size() > 500) return make_error("EQUIPMENT_FIELD", "note", {"note", "at most 500 characters"});
  for (unsigned char c : note)
    if (c < 0x20 || c == 0x7f) return make_error("EQUIPMENT_FIELD", "note", {"note", "one line without control characters"});
  auto& store = store_.as<EquipmentStore>();
  StoreTransaction tx(store_.transactions());
  auto item = store.item(serial, true);
  if (!item) return make_error("ITEM_NOT_FOUND", "serial", {serial});
  if (item->status == ItemStatus::Retired && status != ItemStatus::Retired) return make_error("ITEM_RETIRED", "status", {serial});
  // The history is dated: not in the future, not before the item was installed.
  if (auto today = Date::parse_iso(now_or(at).substr(0, 10)); today && on > *today)
    return make_error("EQUIPMENT_FIELD", "date", {"date", "today or earlier"});
  if (item->installed_on && on < *item->installed_on)
    return make_error("EQUIPMENT_FIELD", "date", {"date", "on or after the installation (" + item->installed_on->iso() + ")"});
  if (status == ItemStatus::Active) {
    if (auto t = store.open_ticket_of(serial)) return make_error("ITEM_STATUS_TICKET", "status", {serial, std::to_string(t->id)});
  }
  item->status = status;
  if (status != ItemStatus::Active) item->lent_to.clear(), item->lent_until.reset();
  if (!note.empty()) item->note = note;
  store.update_item(*item, now_or(at));
  store.append_item_event({serial, on, status, note, actor, now_or(at)});
  tx.commit();
  return *item;
}

Result<std::vector<EquipmentItem>> EquipmentService::items(const std::string& prefix) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  return store_.as<EquipmentStore>().items(prefix);
}

Result<EquipmentItem> EquipmentService::item(const std::string& serial) {
  auto i = store_.as<EquipmentStore>().item(serial, false);
  if (!i) return make_error("ITEM_NOT_FOUND", "serial", {serial});
  return *i;
}

std::vector<ItemEvent> EquipmentService::history(const std::string& serial) {
  auto i = store_.as<EquipmentStore>().item(serial, false);
  if (!i) return {};
  std::vector<ItemEvent> out;
  for (auto& e : store_.as<EquipmentStore>().item_events(i->office))
    if (e.serial == serial) out.push_back(std::move(e));
  return out;
}

Result<std::vector<KecamatanEquipment>> EquipmentService::kecamatan_status(const std::string& code) {
  const Region* r = wilayah_.find(code);
  if (!r) return make_error("WILAYAH_NOT_FOUND", "region", {code});
  std::vector<const Region*> kec;
  kecamatan_under(wilayah_, *r, kec);
  std::map<std::string, std::vector<EquipmentItem>> by_office;
  for (auto& i : store_.as<EquipmentStore>().items(code)) by_office[i.office].push_back(std::move(i));
  std::map<std::string, int64_t> open;
  for (const auto& t : store_.as<EquipmentStore>().tickets(code, true, 1'000'000)) ++open[t.office];
  const auto counters = store_.as<CoverageStore>().coverage_rows(code, 8);
  const auto comp = composition();
  std::vector<KecamatanEquipment> out;
  out.reserve(kec.size());
  for (const Region* k : kec) {
    KecamatanEquipment e;
    e.code = k->code;
    e.name = k->name;
    e.lat = k->lat;
    e.lon = k->lon;
    const auto& items = by_office[k->code];
    e.sets = working_sets(items, comp);
    e.items = static_cast<int64_t>(items.size());
    e.broken = std::count_if(items.begin(), items.end(), [](auto& i) { return i.status == ItemStatus::Broken || i.status == ItemStatus::InRepair; });
    e.open_tickets = open[k->code];
    if (auto c = counters.find(k->code); c != counters.end()) {
      e.wajib_ktp = c->second[kWajibKtp];
      e.unrecorded_wajib = std::max<int64_t>(0, c->second[kWajibKtp] - c->second[kRecordedWajib]);
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.code < b.code; });
  return out;
}

Result<std::vector<ContinuityAnswer>> EquipmentService::continuity(const std::string& code) {
  const Region* r = wilayah_.find(code);
  if (!r) return make_error("WILAYAH_NOT_FOUND", "region", {code});
  // Residents may go anywhere in their province, so the whole province's status is needed.
  const std::string province = code.substr(0, 2);
  auto all = kecamatan_status(province);
  if (!all) return all.error();
  std::vector<KecamatanPoint> points;
  for (const auto& k : *all) points.push_back({k.code, k.lat, k.lon, k.sets.can_record()});
  std::vector<ContinuityAnswer> out;
  for (auto& row : nearest_working_kecamatan(points)) {
    if (row.kecamatan.rfind(code, 0) != 0) continue;
    const Region* at = row.serve_at.empty() ? nullptr : wilayah_.find(row.serve_at);
    out.push_back({std::move(row), at ? at->name : std::string()});
  }
  return out;
}

Result<RepairTicket> EquipmentService::report_fault(const std::string& serial, const std::string& symptom, FaultCause cause,
                                                    Date reported_on, Date today, const std::string& actor, const std::string& at) {
  auto& store = store_.as<EquipmentStore>();
  StoreTransaction tx(store_.transactions());
  auto item = store.item(serial, true);
  if (!item) return make_error("ITEM_NOT_FOUND", "serial", {serial});
  if (item->status == ItemStatus::Retired) return make_error("ITEM_RETIRED", "serial", {serial});
  RepairTicket t;
  t.serial = serial;
  t.office = item->office;
  t.item_type = item->type;
  t.model = item->model;
  t.reported_on = reported_on;
  t.symptom = symptom;
  t.cause = cause;
  t.reporter = actor;
  auto checked = check_fault_report(std::move(t), today);
  if (!checked) return checked;
  checked.value().id = store.insert_ticket(*checked);
  if (checked->id == 0) {
    const auto open = store.open_ticket_of(serial);
    return make_error("TICKET_OPEN", "serial", {serial, open ? std::to_string(open->id) : std::string("?")});
  }
  if (item->status == ItemStatus::Active) {
    item->status = ItemStatus::Broken;
    store.update_item(*item, now_or(at));
    store.append_item_event({serial, reported_on, ItemStatus::Broken, "ticket " + std::to_string(checked->id) + ": " + symptom, actor, now_or(at)});
  }
  tx.commit();
  return checked;
}

Result<RepairTicket> EquipmentService::close_ticket(int64_t id, Date closed_on, RepairSite site, int64_t cost_rupiah,
                                                    const std::string& parts, std::optional<FaultCause> cause,
                                                    const std::string& new_serial, Date today, const std::string& actor,
                                                    const std::string& at) {
  auto& store = store_.as<EquipmentStore>();
  StoreTransaction tx(store_.transactions());
  auto t = store.ticket(id, true);
  if (!t) return make_error("TICKET_NOT_FOUND", "id", {std::to_string(id)});
  auto closed = check_ticket_close(*t, closed_on, site, cost_rupiah, parts, today);
  if (!closed) return closed;
  if (!new_serial.empty() && site != RepairSite::Replaced)
    return make_error("TICKET_FIELD", "new_serial", {"new_serial", "given only when the item was replaced (site replaced)"});
  closed.value().closer = actor;
  if (cause) closed.value().cause = *cause;
  auto item = store.item(t->serial, true);
  if (!item) return make_error("ITEM_NOT_FOUND", "serial", {t->serial});
  const std::string note = "ticket " + std::to_string(id) + " closed: " + std::string(to_string(site));
  // A retired item (written off while its ticket was open) stays retired.
  item->status = site == RepairSite::Replaced || item->status == ItemStatus::Retired ? ItemStatus::Retired : ItemStatus::Active;
  store.update_item(*item, now_or(at));
  store.append_item_event({item->serial, closed_on, item->status, note, actor, now_or(at)});
  if (!new_serial.empty()) {
    EquipmentItem fresh = *item;
    fresh.serial = new_serial;
    fresh.status = ItemStatus::Active;
    fresh.installed_on = closed_on;
    fresh.warranty_end.reset();
    fresh.note = "replaces " + item->serial;
    auto ok = check_equipment_item(std::move(fresh));
    if (!ok) return make_error("TICKET_FIELD", "new_serial", {"new_serial", ok.error().message_en});
    if (!store.insert_item(*ok, now_or(at))) return make_error("ITEM_EXISTS", "new_serial", {new_serial});
    store.append_item_event({new_serial, closed_on, ItemStatus::Active, "replaces " + item->serial, actor, now_or(at)});
  }
  store.update_ticket(*closed);
  tx.commit();
  return closed;
}

Result<int64_t> EquipmentService::load_synthetic(const std::string& province, const std::vector<EquipmentItem>& items,
                                                 const std::vector<RepairTicket>& tickets, const std::string& at) {
  auto& store = store_.as<EquipmentStore>();
  StoreTransaction tx(store_.transactions());
  for (const auto& i : store.items(province))
    if (i.type != ItemType::CardPrinter) return make_error("ITEM_EXISTS", "province", {i.serial});
  for (const auto& i : items) {
    if (!store.insert_item(i, now_or(at))) return make_error("ITEM_EXISTS", "serial", {i.serial});
    store.append_item_event({i.serial, i.installed_on.value_or(Date{2012, 1, 1}), ItemStatus::Active, "installed", "seed", now_or(at)});
  }
  for (auto t : tickets) {
    t.id = store.insert_ticket(t);
    if (t.id == 0) return make_error("TICKET_OPEN", "serial", {t.serial, "?"});
    store.append_item_event({t.serial, t.reported_on, ItemStatus::Broken, "ticket " + std::to_string(t.id) + ": " + t.symptom, "seed", now_or(at)});
    if (t.closed_on) {
      store.update_ticket(t);
      store.append_item_event({t.serial, *t.closed_on, ItemStatus::Active, "ticket " + std::to_string(t.id) + " closed", "seed", now_or(at)});
    }
  }
  tx.commit();
  return static_cast<int64_t>(items.size());
}

Result<std::vector<RepairTicket>> EquipmentService::tickets(const std::string& prefix, bool open_only, int64_t limit) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  return store_.as<EquipmentStore>().tickets(prefix, open_only, std::clamp<int64_t>(limit, 1, 100000));
}

Result<ReliabilityReport> EquipmentService::reliability(const std::string& prefix, Date from, Date to) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  if (to < from) return make_error("EQUIPMENT_FIELD", "from", {"from", "on or before to"});
  // The e-KTP era: a period reaching into year 1 counted 735,000 days without recording.
  if (from < Date{2011, 1, 1}) return make_error("EQUIPMENT_FIELD", "from", {"from", "2011-01-01 (the e-KTP roll-out) or later"});
  if (to > Date{2100, 1, 1}) return make_error("EQUIPMENT_FIELD", "to", {"to", "a date of this century"});
  auto items = store_.as<EquipmentStore>().items(prefix);
  auto tickets = store_.as<EquipmentStore>().tickets(prefix, false, 10'000'000);
  return reliability_of(items, tickets, from, to);
}

Result<std::vector<std::pair<std::string, int64_t>>> EquipmentService::downtime(const std::string& code, Date from, Date to) {
  const Region* r = wilayah_.find(code);
  if (!r) return make_error("WILAYAH_NOT_FOUND", "region", {code});
  if (to < from) return make_error("EQUIPMENT_FIELD", "from", {"from", "on or before to"});
  // The e-KTP era: a period reaching into year 1 counted 735,000 days without recording.
  if (from < Date{2011, 1, 1}) return make_error("EQUIPMENT_FIELD", "from", {"from", "2011-01-01 (the e-KTP roll-out) or later"});
  if (to > Date{2100, 1, 1}) return make_error("EQUIPMENT_FIELD", "to", {"to", "a date of this century"});
  std::vector<const Region*> kec;
  kecamatan_under(wilayah_, *r, kec);
  std::map<std::string, std::vector<EquipmentItem>> items;
  for (auto& i : store_.as<EquipmentStore>().items(code)) items[i.office].push_back(std::move(i));
  std::map<std::string, std::vector<RepairTicket>> tickets;
  for (auto& t : store_.as<EquipmentStore>().tickets(code, false, 10'000'000)) tickets[t.office].push_back(std::move(t));
  const auto comp = composition();
  std::vector<std::pair<std::string, int64_t>> out;
  for (const Region* k : kec) out.emplace_back(k->code, recording_downtime_days(items[k->code], tickets[k->code], comp, from, to));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ktpel

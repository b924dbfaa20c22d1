#include "service/vocabularies.h"

#include "core/ektp/ektp_status.h"
#include "core/equipment/repair_ticket.h"
#include "core/identity/role.h"
#include "core/print/printer.h"
#include "core/print/stock_ledger.h"
#include "core/registry/resident_event.h"
#include "core/registry/vocabulary.h"
#include "core/wilayah/region.h"

namespace ktpel::vocab {
namespace {

template <class Range>
Names names_of(const Range& values) {
  Names out;
  for (const auto& v : values) out.emplace_back(to_string(v));
  return out;
}

Names texts(std::span<const std::string_view> values) { return Names(values.begin(), values.end()); }

}  // namespace

Names ektp_events() {
  using E = EktpEvent;
  return names_of(std::initializer_list<E>{E::Capture, E::Receive, E::StartDedup, E::Clear, E::FlagDuplicate,
                                           E::ResolveNotDuplicate, E::Cancel, E::IssueSuket, E::Print, E::Deliver,
                                           E::RequestReprint, E::QueueReprint, E::Rerecord, E::Refer});
}
Names ektp_statuses() { return names_of(all_ektp_statuses()); }
Names reprint_reasons() { return texts(kReprintReasons); }
Names resident_events() {
  using E = EventType;
  return names_of(std::initializer_list<E>{E::Death, E::Move, E::MaritalChange, E::Correction});
}
Names item_types() { return names_of(kAllItemTypes); }
Names item_statuses() {
  using S = ItemStatus;
  return names_of(std::initializer_list<S>{S::Active, S::Broken, S::InRepair, S::Retired});
}
Names fault_causes() {
  using C = FaultCause;
  return names_of(std::initializer_list<C>{C::Unknown, C::Power, C::Lightning, C::Age, C::Water, C::Rodents, C::Other});
}
Names repair_sites() {
  using S = RepairSite;
  return names_of(std::initializer_list<S>{S::OnSite, S::Regency, S::ProvinceHub, S::Centre, S::Replaced});
}
Names printer_statuses() {
  using S = PrinterStatus;
  return names_of(std::initializer_list<S>{S::Active, S::Broken, S::InRepair, S::Lent});
}
Names stock_items() {
  using I = StockItem;
  return names_of(std::initializer_list<I>{I::BlankCard, I::Ribbon, I::CleaningKit});
}
Names stock_movements() { return {"tranche", "send", "arrive", "use", "return", "count", "expect"}; }
Names roles() { return names_of(kAllRoles); }
Names levels() {
  Names out;
  for (Level l : {Level::Provinsi, Level::Kabupaten, Level::Kecamatan, Level::Desa}) out.emplace_back(level_name(l));
  return out;
}
Names religions() { return texts(vocabulary::kReligions); }
Names marital_statuses() { return texts(vocabulary::kMaritalStatuses); }
Names blood_types() { return texts(vocabulary::kBloodTypes); }
Names citizenships() { return texts(vocabulary::kCitizenships); }
Names relationships() { return texts(vocabulary::kRelationships); }
Names sexes() { return {"L", "P"}; }

std::string joined(const Names& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

}  // namespace ktpel::vocab

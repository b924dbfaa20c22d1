// Technician tours for broken recording gear (issue [10], `ktpel repair plan`): which kecamatan
// each technician sent from the hub (the provincial capital) repairs, in which order, and which
// kecamatan rather carry their items to the hub, so that people wait least for recording.
//
// Model (all times in whole minutes, so every rule is exact and reproducible):
// - A technician works on a clock of working minutes only: day d holds minutes [d·D, (d+1)·D)
//   with D = working_day_hours. Travel (great circle × road_factor at speed_kmh) and repair both
//   use working minutes and simply continue the next working day. A tour starts at the hub at
//   the start date's first working minute and need not come back (the return does not delay any
//   kecamatan).
// - A repair finishing at working minute T > 0 finishes on day index (T − 1) / D (T = D is still
//   day 0: it ends with the day); T = 0 (nothing to do at the hub itself) is day 0.
// - Carry to the hub (when allowed): the regency takes the items to the hub (carry_days), the
//   hub's workshop repairs them from the day they arrive (its own staff, not a technician; its
//   capacity is not a limit) in ceil(repair / D) days, and they go back (carry_days). Days
//   without recording: max(1, 2·carry_days + ceil(repair / D)).
// - Days without recording of a kecamatan = its finishing day index + 1: the start date and the
//   day recording resumes both count (a kecamatan repaired on the start date lost one day).
// - Objective: Σ weight × days without recording (weight: the kecamatan's wajib KTP people, so
//   the unit is person-days without a recording desk). Least is best.
//
// Search: exact for up to exact_max_jobs jobs (best tour of every subset of jobs over every
// order, then the best split of the jobs between the technicians and the hub), otherwise
// cheapest insertion in weighted-shortest-processing-time order followed by local search
// (relocate, swap, 2-opt) and seeded perturbation (deterministic for a seed).
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/equipment/equipment_item.h"
#include "core/equipment/recording_sets.h"

namespace ktpel {

struct RepairHub {
  std::string code;
  double lat = 0, lon = 0;
};

struct RepairJob {
  std::string code;  // kecamatan
  double lat = 0, lon = 0;
  int64_t weight = 0;         // wajib KTP people of the kecamatan
  double repair_hours = 0;    // see blocking_repair_hours()
};

struct RepairSettings {
  double road_factor = 1.4;  // road km = great-circle km × factor (Kalimantan roads wind)
  double speed_kmh = 40;
  double working_day_hours = 8;
  // Field estimates of a repair by a technician with the spare part at hand.
  std::map<ItemType, double> repair_hours = {{ItemType::Pc, 3},     {ItemType::FingerprintScanner, 2},
                                             {ItemType::IrisScanner, 3}, {ItemType::Camera, 1},
                                             {ItemType::SignaturePad, 1}, {ItemType::Ups, 2}};
  double default_repair_hours = 2;  // a type missing from the map
  bool carry_to_hub = true;
  int carry_days = 2;               // one way, regency to hub
  int exact_max_jobs = 9;           // exact search up to this many jobs (9 jobs: ~1M partial tours)
  int search_rounds = 300;          // perturbation rounds of the heuristic
  uint64_t seed = 1;
};

struct RepairInput {
  RepairHub hub;
  int technicians = 0;
  Date start;
  std::vector<RepairJob> jobs;
  RepairSettings settings;
};

struct PlannedRepair {
  std::string code;
  std::string mode;      // "on_site" | "hub"
  int technician = -1;   // 0-based; -1 when carried to the hub
  int64_t arrive_day = 0, finish_day = 0;  // day indices from the start (0 = start date)
  Date arrive, finish;   // on site: the day the repair starts; hub: the day the items reach it
  int64_t weight = 0;
  int64_t days_without_recording = 0;  // finish_day + 1
  double road_km = 0;                  // on site: from the previous stop (or the hub)
};

struct TechnicianTour {
  int technician = 0;
  std::vector<PlannedRepair> stops;  // in visiting order
  double road_km = 0;                // hub to the last stop
};

struct RepairPlan {
  std::vector<TechnicianTour> tours;  // one per technician, possibly empty
  std::vector<PlannedRepair> carried;  // carried to the hub
  std::vector<PlannedRepair> jobs;     // every job, in input order
  int64_t objective = 0;               // Σ weight × days without recording
  // A proven lower bound on the objective of any plan: the objective itself when the search was
  // exact, else relaxation_bound.
  int64_t lower_bound = 0;
  // The position relaxation (always computed). Let w_j = job j's repair plus its shortest way in
  // (from the hub or another job). The job in position q of a tour cannot finish before w_j plus
  // the q − 1 least w of the other jobs, nor before its own direct trip from the hub; each
  // position holds at most one job per technician; a carried job costs exactly its carry. The
  // least-cost assignment of jobs to positions (or the hub) under those bounds is at most the
  // objective of every plan.
  int64_t relaxation_bound = 0;
  double gap = 0;                      // (objective − lower_bound) / objective; 0 when both are 0
  bool exact = false;
  int64_t last_finish_day = 0;
};

// Plans the tours; an error names the input field at fault (REPAIR_PLAN_FIELD).
Result<RepairPlan> plan_repairs(const RepairInput& input);

// A job's repair hours: the repairs that give the kecamatan back one working recording set. For
// each type of the composition with no active item, one of its broken (or in-repair) items is
// repaired; a type with none to repair counts nothing here and is listed in unrepairable (it
// needs a replacement, not a technician).
struct BlockingRepair {
  double hours = 0;
  std::vector<ItemType> repaired, unrepairable;
};
BlockingRepair blocking_repair_hours(std::span<const EquipmentItem> items, const SetComposition& composition,
                                     const RepairSettings& settings);

}  // namespace ktpel

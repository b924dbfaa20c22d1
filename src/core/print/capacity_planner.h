// The capacity planner: how many days until every print-ready record and suket of a province
// becomes a card, as things stand and with a plan that shares printing capacity between offices.
//
// Model (documented in docs/printing.md):
// - Office i has a backlog B_i (PRR + outstanding suket), active printers with a total capacity
//   C_i cards/day, blanks on hand and ribbons on hand (cards per ribbon), and tranches of blanks
//   arriving on given days (at an office, or at the province warehouse, an office with no printer).
// - As is: each office prints its own backlog with its own printers and stock; a tranche can be
//   used from the day it arrives. Days to clear per office; the province is done at the maximum.
// - Plan: office k may print records of office i (cards couriered back) when the two are at most
//   `share_radius_km` apart; that is the same capacity as lending k's printers to i. The planner
//   minimises the day the last card is printed (makespan; exact for the fluid model, found by
//   bisection on T with a max-flow feasibility check), then the courier cost (cards × km, a
//   min-cost flow; metric costs mean every office first prints its own backlog). Blanks and
//   ribbons then move from offices with more than they need to those with less, nearest first
//   by a min-cost flow; tranches are routed the same way.
// - Blanks bound the makespan too: after day d only the work that blanks arriving before d
//   cannot cover is left, and it must fit the capacity after d (a bound checked per tranche day).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel {

struct PlannerOffice {
  std::string code, name;
  double lat = 0, lon = 0;
  int64_t backlog = 0;                // PRR + outstanding suket
  std::vector<int64_t> printer_caps;  // cards/day of each active printer at the office
  int64_t blanks = 0;                 // on hand
  int64_t ribbon_cards = 0;           // ribbons on hand × cards per ribbon
};

struct PlannerTranche {
  std::string office;  // receiving office (or the province warehouse)
  int64_t day = 0;     // days from the plan's start when it arrives (0 = today)
  int64_t blanks = 0;
};

struct PlannerPolicy {
  double share_radius_km = 1e9;  // offices farther apart may not print for each other (0 = none)
  int64_t card_batch = 500;      // cards per courier batch (cost is counted per batch-km)
  // Distances in km between offices by index; empty = great circle between centroids.
  std::vector<std::vector<double>> distance_km;
  // The plan's day 0: the explanation then says calendar dates ("sekitar 15 Desember 2026")
  // next to day counts.
  std::optional<Date> start;
};

struct PrintShare {  // office `printer_office` prints `cards` of `for_office`'s backlog
  std::string printer_office, for_office;
  int64_t cards = 0;
  double km = 0;
  double printer_days = 0;  // cards / capacity of the printing office: what lending would cost it
};

struct StockMove {  // blanks or ribbons (as cards) to send from one office to another
  std::string item;  // "blanko" | "ribbon"
  std::string from, to;
  int64_t cards = 0;
  double km = 0;
};

struct OfficeOutlook {
  std::string code, name;
  int64_t backlog = 0, capacity_per_day = 0, blanks = 0, ribbon_cards = 0, tranche_blanks = 0;
  std::optional<double> days_as_is;  // nullopt: never (no printer, or no blanks/ribbons coming)
  int64_t cards_printed_here = 0;    // in the plan (own backlog + printed for others)
  double days_in_plan = 0;           // this office's printers busy for this many days in the plan
};

struct CapacityPlan {
  std::vector<OfficeOutlook> offices;
  int64_t backlog = 0, capacity_per_day = 0, blanks = 0, ribbon_cards = 0, tranche_blanks = 0;
  double pooled_days = 0;                  // backlog / total capacity: every printer anywhere
  std::optional<double> as_is_days;        // the province as is, own stock only (max over offices)
  double as_is_capacity_days = 0;          // as is, if blanks and ribbons were no limit
  double plan_capacity_days = 0;           // makespan of the plan from printing capacity alone
  std::optional<double> plan_days;         // with blank/ribbon arrival (nullopt: not enough coming)
  int64_t blank_shortfall = 0, ribbon_shortfall = 0;  // cards that cannot be printed with all stock
  std::vector<PrintShare> shares;
  std::vector<StockMove> moves;
  double courier_batch_km = 0;  // Σ ceil(cards / batch) × km over shares
  std::vector<std::string> explanation;  // the plan in sentences (Bahasa Indonesia)
};

// Checks the input (codes unique, non-negative numbers, tranche offices known) and plans.
Result<CapacityPlan> plan_capacity(const std::vector<PlannerOffice>& offices, const std::vector<PlannerTranche>& tranches,
                                   const PlannerPolicy& policy);

// Days for one office to clear `backlog` printing `capacity` cards/day, starting with `stock`
// consumables and receiving the (day, quantity) arrivals; nullopt when it never finishes.
std::optional<double> days_to_clear(int64_t backlog, double capacity, int64_t stock,
                                    std::vector<std::pair<int64_t, int64_t>> arrivals);

}  // namespace ktpel

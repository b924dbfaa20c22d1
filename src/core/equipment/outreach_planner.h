// "Jemput bola" (issue [10], `ktpel outreach plan`): which desa a regency's mobile recording teams
// visit, day by day, to record people and activate IKD where the kecamatan desk is broken or far.
//
// Model:
// - Priority of a desa = (unrecorded wajib KTP + ikd_weight × IKD not activated)
//                        × (1 + distance to the nearest working kecamatan / distance_scale_km).
//   Why: a person near a working desk can go there; one 30 km away mostly does not, so a team
//   there reaches people who would otherwise stay unrecorded (a linear factor, like the cost of
//   the trip, doubles the weight of a desa distance_scale_km away).
// - People who come when a team is there: round(turnout_share × the target people), recordings
//   and activations separately. A team spends whole days at one desa and serves at most
//   people_per_team_day a day, recordings first (the card needs them; IKD can wait).
// - Which desa: by priority (ties: code), as many as the team-days allow, so a desa left out
//   never outranks one visited. Order: on day 0 each team takes the highest-priority desa not
//   yet taken; after finishing a desa a team moves to the nearest one still waiting among those
//   chosen (nearest-neighbour chaining: short moves on consecutive days). Moves are done before
//   the day's work and cost no capacity.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel {

struct OutreachDesa {
  std::string code;
  double lat = 0, lon = 0;
  int64_t unrecorded_wajib = 0;
  int64_t ikd_not_activated = 0;
  double distance_km_to_nearest_working_kecamatan = 0;  // the caller computes it (great circle)
};

struct OutreachSettings {
  int64_t people_per_team_day = 60;  // recordings + activations a mobile team does in a day
  double turnout_share = 0.6;        // of the target people, the share who come
  double distance_scale_km = 10;     // see the priority formula
  double ikd_weight = 0.25;          // an activation counts less than a first recording
};

struct OutreachInput {
  int teams = 0, days = 0;
  Date start;
  std::vector<OutreachDesa> desa;
  OutreachSettings settings;
};

struct OutreachVisit {
  int team = 0;
  std::string desa;
  int64_t expected_recordings = 0, expected_ikd = 0;
};

struct OutreachDay {
  int day = 0;  // 0 = start
  Date date;
  std::vector<OutreachVisit> visits;  // by team; a team with nothing left to do is absent
};

struct RankedDesa {
  std::string code;
  double priority = 0;
  int64_t expected_recordings = 0, expected_ikd = 0;  // people expected to come, in all
  int64_t team_days_needed = 0;
  bool chosen = false;  // visited (at least partly) within the plan's days
};

struct OutreachPlan {
  std::vector<OutreachDay> days;
  std::vector<RankedDesa> ranking;  // every desa, highest priority first
  int64_t expected_recordings = 0, expected_ikd = 0, people_reached = 0;  // sums over the days
  int64_t team_days_used = 0, team_days_available = 0;
};

// An error names the field at fault (OUTREACH_PLAN_FIELD).
Result<OutreachPlan> plan_outreach(const OutreachInput& input);

}  // namespace ktpel

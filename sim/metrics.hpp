#pragma once
// The recorded metrics of a step (docs/MODEL.md 7.10): the columns of timeseries.csv and agents.csv.
#include <array>
#include <string_view>

#include "model.hpp"
#include "state.hpp"

namespace teamsim {

/// Team metrics of one recorded step, in column order after t.
struct Metrics {
  double productivity, morale, morale_sd, trust_in_manager, peer_trust, alignment, dissent_share, knowledge,
      code_knowledge, strain, autonomy, psych_safety, headcount, quits, informal_leaders, top_leader,
      top_leader_power, manager_power;
  static constexpr std::size_t kCount = 18;
  const double* begin() const { return &productivity; }
  const double* end() const { return &productivity + kCount; }
};
static_assert(sizeof(Metrics) == Metrics::kCount * sizeof(double));

/// Column names of timeseries.csv, t first.
inline constexpr std::array<std::string_view, Metrics::kCount + 1> kMetricColumns = {"t",
                                                                                     "productivity",
                                                                                     "morale",
                                                                                     "morale_sd",
                                                                                     "trust_in_manager",
                                                                                     "peer_trust",
                                                                                     "alignment",
                                                                                     "dissent_share",
                                                                                     "knowledge",
                                                                                     "code_knowledge",
                                                                                     "strain",
                                                                                     "autonomy",
                                                                                     "psych_safety",
                                                                                     "headcount",
                                                                                     "quits",
                                                                                     "informal_leaders",
                                                                                     "top_leader",
                                                                                     "top_leader_power",
                                                                                     "manager_power"};

/// Column names of agents.csv.
inline constexpr std::array<std::string_view, 11> kAgentColumns = {
    "t",     "agent",    "role", "active", "productivity", "morale", "strain", "stance", "trust_in_manager",
    "power", "knowledge"};

/// A stance below this counts as dissent (dissent_share).
inline constexpr double kDissentStance = 0.5;

/// Measures the team now.
Metrics measure(const State& state);
/// Share of dimensions where seat i's beliefs match reality.
double knowledge(const State& state, int seat);

}  // namespace teamsim

#pragma once
// The recorded metrics of a step (docs/MODEL.md 7.10): one table, kMetrics, names each metric, says what it
// is and computes it. The columns of timeseries.csv, runs.csv's summaries, aggregate.csv and the
// sensitivity outputs all follow it. To add a metric: a field in Metrics and a row in kMetrics.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "lmx.hpp"
#include "model.hpp"
#include "state.hpp"

namespace teamsim {

/// Team metrics of one recorded step. The column order is kMetrics's, not the order of the fields.
struct Metrics {
  double productivity, morale, morale_sd, trust_in_manager, peer_trust, alignment, dissent_share, knowledge,
      code_knowledge, strain, autonomy, psych_safety, headcount, quits, informal_leaders, top_leader,
      top_leader_power, manager_power, lmx_differentiation;
};

/// The sums measure() takes once over the active seats; every metric is computed from them and the state.
struct TeamTally {
  const State& state;
  int active = 0;  // N
  double morale = 0, morale_sq = 0, trust_manager = 0, stance = 0, knowledge = 0, strain = 0, autonomy = 0,
         psych_safety = 0, peer_trust = 0;
  int peer_pairs = 0, dissenters = 0;
  /// sum / N, 0 when nobody is active.
  double mean(double sum) const { return active > 0 ? sum / static_cast<double>(active) : 0.0; }
};

/// A recorded metric: one row of the table.
struct MetricSpec {
  std::string_view name;         // column name
  std::string_view description;  // what it measures (docs/MODEL.md 7.10 gives the formula)
  double Metrics::*field;
  double (*compute)(const TeamTally& tally);
  bool integer;   // always a whole number (python/teamsim/io.py reads it as an integer column)
  bool quantity;  // false for an identifier (a seat number), which is not averaged in sensitivity outputs
  bool run_mean;  // runs.csv also carries mean_<name>, its mean over the recorded steps t >= 1
};

/// A stance below this counts as dissent (dissent_share).
inline constexpr double kDissentStance = 0.5;

/// Share of the code's dimensions that match reality.
double code_knowledge(const State& state);

// clang-format off
/// Every metric, in column order (after t).
inline constexpr MetricSpec kMetrics[] = {
    {"productivity", "team productivity Y of this step (7.2)", &Metrics::productivity,
     [](const TeamTally& t) { return t.state.signals.productivity; }, false, true, true},
    {"morale", "mean morale of the active seats", &Metrics::morale,
     [](const TeamTally& t) { return t.mean(t.morale); }, false, true, true},
    {"morale_sd", "population s.d. of morale over the active seats", &Metrics::morale_sd,
     [](const TeamTally& t) {
       if (t.active == 0) return 0.0;
       const double a = t.active, mean = t.morale / a;
       return std::sqrt(std::max(0.0, t.morale_sq / a - mean * mean));
     }, false, true, false},
    {"trust_in_manager", "mean trust in the manager", &Metrics::trust_in_manager,
     [](const TeamTally& t) { return t.mean(t.trust_manager); }, false, true, false},
    {"peer_trust", "mean trust between distinct active seats", &Metrics::peer_trust,
     [](const TeamTally& t) { return t.peer_pairs ? t.peer_trust / t.peer_pairs : 0.0; }, false, true, false},
    {"alignment", "mean stance", &Metrics::alignment,
     [](const TeamTally& t) { return t.mean(t.stance); }, false, true, false},
    {"dissent_share", "share of active seats with stance below 0.5", &Metrics::dissent_share,
     [](const TeamTally& t) { return t.mean(t.dissenters); }, false, true, false},
    {"knowledge", "mean share of dimensions believed right", &Metrics::knowledge,
     [](const TeamTally& t) { return t.mean(t.knowledge); }, false, true, false},
    {"code_knowledge", "share of dimensions the code gets right", &Metrics::code_knowledge,
     [](const TeamTally& t) { return code_knowledge(t.state); }, false, true, false},
    {"strain", "mean strain", &Metrics::strain,
     [](const TeamTally& t) { return t.mean(t.strain); }, false, true, false},
    {"autonomy", "mean autonomy", &Metrics::autonomy,
     [](const TeamTally& t) { return t.mean(t.autonomy); }, false, true, false},
    {"psych_safety", "mean psychological safety", &Metrics::psych_safety,
     [](const TeamTally& t) { return t.mean(t.psych_safety); }, false, true, false},
    {"headcount", "active seats N", &Metrics::headcount,
     [](const TeamTally& t) { return static_cast<double>(t.active); }, true, true, false},
    {"quits", "quits in this step (layoffs excluded)", &Metrics::quits,
     [](const TeamTally& t) { return static_cast<double>(t.state.quits); }, true, true, false},
    {"informal_leaders", "employees counted as informal leaders (7.9)", &Metrics::informal_leaders,
     [](const TeamTally& t) { return static_cast<double>(t.state.leader_count); }, true, true, false},
    {"top_leader", "seat of the most powerful employee, -1 when none", &Metrics::top_leader,
     [](const TeamTally& t) { return static_cast<double>(t.state.top_leader); }, true, false, false},
    {"top_leader_power", "social power of the top leader, 0 when none", &Metrics::top_leader_power,
     [](const TeamTally& t) { return t.state.top_leader >= 0 ? t.state.power[t.state.top_leader] : 0.0; },
     false, true, false},
    {"manager_power", "social power of the manager", &Metrics::manager_power,
     [](const TeamTally& t) { return t.state.power[t.state.seats()]; }, false, true, false},
    {"lmx_differentiation", "population s.d. of the manager's relationship quality over the active seats (7.12)",
     &Metrics::lmx_differentiation, [](const TeamTally& t) { return lmx_differentiation(t.state); },
     false, true, true},
};
// clang-format on
inline constexpr std::size_t kMetricCount = std::size(kMetrics);

// Every field of Metrics has exactly one row: as many rows as fields, and no field twice.
static_assert(sizeof(Metrics) == kMetricCount * sizeof(double), "a field of Metrics has no row in kMetrics");
static_assert(
    [] {
      for (std::size_t a = 0; a < kMetricCount; ++a) {
        for (std::size_t b = a + 1; b < kMetricCount; ++b) {
          if (kMetrics[a].field == kMetrics[b].field || kMetrics[a].name == kMetrics[b].name) return false;
        }
      }
      return true;
    }(),
    "two rows of kMetrics name the same field or column");

/// Column names of timeseries.csv: t, then every metric.
inline constexpr std::array<std::string_view, kMetricCount + 1> kMetricColumns = [] {
  std::array<std::string_view, kMetricCount + 1> columns{"t"};
  for (std::size_t j = 0; j < kMetricCount; ++j) columns[j + 1] = kMetrics[j].name;
  return columns;
}();

/// Column names of agents.csv.
inline constexpr std::array<std::string_view, 15> kAgentColumns = {
    "t",         "agent",  "role",      "active",           "productivity",
    "morale",    "strain", "stance",    "trust_in_manager", "power",
    "knowledge", "lmx",    "attention", "in_group",         "degree"};

/// Measures the team now.
Metrics measure(const State& state);
/// Share of dimensions where seat i's beliefs match reality.
double knowledge(const State& state, int seat);

/// The values of a row of timeseries.csv: t, then every metric in column order.
std::array<double, kMetricCount + 1> metrics_row(int t, const Metrics& metrics);
/// Appends `values` to `line` as CSV numbers separated by commas (no leading comma, no newline): the one
/// writer of a metrics row, for a run's and a sweep's timeseries.csv.
void append_metrics_row(std::string& line, std::span<const double> values);

}  // namespace teamsim

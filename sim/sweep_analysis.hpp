#pragma once
// `teamsim sensitivity`: the sensitivity indices of every output metric of a finished saltelli or morris
// sweep (README "Sensitivity analysis", docs/ANALYSIS.md). Reads the sweep folder's sweep.json, runs.csv
// and, when recorded, timeseries.csv; averages the replicates of each point; estimates with sensitivity.hpp.
#include <cstdint>
#include <string>
#include <vector>

#include "sensitivity.hpp"

namespace teamsim {

struct SensitivityOptions {
  int bootstrap = 1000;    // bootstrap resamples for the 95% intervals
  std::uint64_t seed = 1;  // of the bootstrap
};

/// The indices of one output metric.
struct MetricSensitivity {
  std::string metric;               // e.g. final_productivity, mean_morale, total_quits
  double variance = 0;              // variance of the replicate-averaged output over the design's points
  double noise_share = 0;           // share of that variance that is the model's own noise (NaN: 1 replicate)
  std::vector<SobolIndex> sobol;    // saltelli sweeps, one per parameter
  std::vector<MorrisIndex> morris;  // morris sweeps, one per parameter
};

struct SensitivityReport {
  std::string method;  // "sobol" (a saltelli sweep) or "morris"
  std::vector<std::string> parameters;
  int points = 0, replicates = 0;
  long long failed_runs = 0;
  bool time_means_of_every_metric = false;  // timeseries.csv was recorded
  std::vector<MetricSensitivity> metrics;

  /// The text of sensitivity.csv.
  std::string csv() const;
};

/// Analyses the finished sweep in `dir`. Throws InputError when it is not a finished (or merged) saltelli
/// or morris sweep folder, or its files do not match sweep.json.
SensitivityReport analyze_sweep(const std::string& dir, const SensitivityOptions& options);

}  // namespace teamsim

#pragma once
// Calibration by approximate Bayesian computation (README "Calibration", docs/ANALYSIS.md): which
// values of chosen parameters, within their priors, make a scenario reproduce an observed team's series.
// Rejection ABC and ABC-SMC (the population Monte Carlo sampler of Beaumont et al. 2009, after Toni et al.
// 2009). Deterministic for a seed, whatever the thread count.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model.hpp"

namespace teamsim {

/// A calibrated parameter and its uniform prior.
struct CalibratedParameter {
  std::string key;  // a scalar parameter (`teamsim show` lists them)
  double min = 0, max = 1;
  bool integer = false;
};

/// Observed data: metric values at chosen times (a cell left empty is missing).
struct Observed {
  std::string path;
  std::vector<int> times;              // ascending, within [0, steps]
  std::vector<std::string> metrics;    // timeseries.csv column names
  std::vector<int> metric_index;       // their index in a Metrics row (0 = productivity)
  std::vector<double> values;          // times x metrics, NaN when missing
  int last_line = 0, last_column = 0;  // where the last time is written (for a time after the last step)
};

enum class AbcMethod { rejection, smc };

/// A checked calibration file.
struct CalibrationSpec {
  std::string path;
  std::string name;
  std::string scenario;           // resolved path of the base scenario
  std::vector<std::string> sets;  // fixed KEY=VALUE overrides
  std::vector<CalibratedParameter> parameters;
  Observed observed;
  AbcMethod method = AbcMethod::smc;
  std::uint64_t seed = 1;
  int replicates = 1;      // runs per particle
  int particles = 200;     // posterior sample size
  int simulations = 2000;  // prior draws of the first generation (rejection: all of them)
  int generations = 4;     // smc: generations after the first
  double quantile = 0.5;   // smc: each tolerance is this quantile of the previous generation's distances
  long long max_simulations = 1000000;  // smc: per generation, before it stops early
  int steps = 0;                        // run length: the scenario's, at least the last observed time
};

/// Loads and checks a calibration file and its observed CSV; throws InputError at file:line:column.
CalibrationSpec load_calibration(const std::string& path, const std::vector<std::string>& search_dirs);

/// One generation of particles.
struct Generation {
  double epsilon = 0;             // tolerance: the largest accepted distance
  long long simulations = 0;      // parameter sets simulated (each `replicates` runs)
  long long proposals = 0;        // smc: proposals drawn, including those outside the prior
  std::vector<double> particles;  // particles x parameters
  std::vector<double> weights;    // normalized
  std::vector<double> distances;
  std::vector<double> predicted;  // particles x (times x metrics): replicate means at the observed times
  double acceptance_rate() const {
    return simulations ? static_cast<double>(weights.size()) / static_cast<double>(simulations) : 0;
  }
  double ess() const;  // effective sample size, 1 / sum w^2
};

/// What calibrate() found: every generation (the last is the posterior), the summary scales.
struct CalibrationResult {
  std::vector<Generation> generations;
  std::vector<double> scales;  // per observed cell: the sd over the first generation's runs (0: left out)
  std::string stopped;         // why SMC stopped before its last generation, or ""
};

/// Per-parameter posterior summary (weighted).
struct PosteriorSummary {
  double mean, sd, lo, hi;  // lo, hi: the 2.5% and 97.5% weighted quantiles
};
std::vector<PosteriorSummary> summarize(const Generation& posterior, std::size_t parameters);

/// Runs the calibration on `threads` threads. `progress(generation, accepted, simulations)` is called
/// between batches (from the calling thread).
CalibrationResult calibrate(const CalibrationSpec& spec, const Model& base, int threads,
                            const std::function<void(int, int, long long)>& progress);

}  // namespace teamsim

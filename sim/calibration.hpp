#pragma once
// Calibration by approximate Bayesian computation (README "Calibration", docs/ANALYSIS.md): which
// values of chosen parameters, within their priors, make a scenario reproduce an observed team's series.
// Rejection ABC and ABC-SMC (the population Monte Carlo sampler of Beaumont et al. 2009, after Toni et al.
// 2009). Deterministic for a seed, whatever the threads, MPI ranks or shards that simulate it.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model.hpp"
#include "param_registry.hpp"

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
  bool complete = true;        // false: the runner could not simulate a round yet (a shard's share)
  int rounds = 0;              // rounds simulated
};

/// Per-parameter posterior summary (weighted).
struct PosteriorSummary {
  double mean, sd, lo, hi;  // lo, hi: the 2.5% and 97.5% weighted quantiles
};
std::vector<PosteriorSummary> summarize(const Generation& posterior, std::size_t parameters);

/// One parameter set to simulate: its values, the seed key of its runs, and what the runs gave.
struct CalibrationTask {
  std::vector<double> theta;
  std::uint64_t key = 0;
  bool valid = false;        // inside the prior and the model's rules between parameters
  std::vector<double> runs;  // replicates x observed cells: the metrics at the observed times
};

/// A round: consecutive proposals of one generation, simulated together. Which process simulates which
/// task, and how many proposals a round holds, never changes the result (docs/ANALYSIS.md 5).
struct CalibrationRound {
  int index = 0;  // rounds counted from 0 over the whole calibration
  int generation = 0;
  long long first = 0;  // the proposal number of tasks[0] within its generation
  std::vector<CalibrationTask> tasks;
};

/// Simulates the replicates of parameter sets against a base model. Thread-safe.
class TaskSimulator {
 public:
  TaskSimulator(const CalibrationSpec& spec, const Model& base);
  std::size_t cells() const { return cells_; }
  const CalibrationSpec& spec() const { return spec_; }
  const Model& base() const { return base_; }
  /// Simulates task i for i = begin, begin + stride, ... < end, on `threads` threads. A valid task whose
  /// values break a rule between parameters becomes invalid (zero prior density).
  void simulate(std::vector<CalibrationTask>& tasks, std::size_t begin, std::size_t end, std::size_t stride,
                int threads) const;

 private:
  void simulate_one(CalibrationTask& task) const;
  const CalibrationSpec& spec_;
  const Model& base_;
  std::size_t cells_;
  std::vector<const ParamSpec*> params_;
};

/// Who simulates the rounds: threads of this process (ThreadRounds), MPI ranks (teamsim-mpi) or shard
/// processes that meet in a folder (ShardRounds, calibration_shards.hpp).
class RoundRunner {
 public:
  virtual ~RoundRunner() = default;
  /// Fills the runs of every valid task of `round`, or returns false when they cannot be had now (a shard
  /// waits for the others), which ends calibrate() with `complete` false.
  virtual bool run(CalibrationRound& round) = 0;
  /// Proposals in a round of an SMC generation that still wants `wanted` particles, at an acceptance rate
  /// of about `acceptance`. Only a matter of speed: the particles do not depend on it.
  virtual long long smc_round_size(long long particles, long long wanted, double acceptance) const;
};

/// Simulates each round on threads of this process.
class ThreadRounds final : public RoundRunner {
 public:
  ThreadRounds(const TaskSimulator& simulator, int threads) : simulator_(simulator), threads_(threads) {}
  bool run(CalibrationRound& round) override;

 private:
  const TaskSimulator& simulator_;
  int threads_;
};

/// Runs the calibration, simulating through `runner`. `progress(generation, accepted, simulations)` is
/// called after each round (from the calling thread).
CalibrationResult calibrate(const CalibrationSpec& spec, RoundRunner& runner,
                            const std::function<void(int, int, long long)>& progress);
/// The same on `threads` threads of this process.
CalibrationResult calibrate(const CalibrationSpec& spec, const Model& base, int threads,
                            const std::function<void(int, int, long long)>& progress);

/// A hash of everything that defines a calibration's result (the resolved base scenario, the priors, the
/// observations, the sampler's settings): what shard files are checked against.
std::string calibration_identity(const CalibrationSpec& spec, const Model& base);

}  // namespace teamsim

#pragma once
// Sweep files (TOML): a base scenario, a design over parameters, replicates, a base seed and what to
// record. Parsed and checked once into an immutable SweepSpec; the design's points are generated from it.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "design.hpp"
#include "scenario.hpp"

namespace teamsim {

/// The largest sweep: at most this many design points (and replicates per point) ...
inline constexpr long long kMaxPoints = 100'000'000;
/// ... and at most this many runs (points x replicates), so run ids and sizes stay exact in 64 bits.
inline constexpr long long kMaxRuns = 1'000'000'000'000;

/// One swept parameter: its scenario key and either explicit values or a range.
struct SweptParameter {
  std::string key;                  // any key `--set` accepts, e.g. "manager.control" or "team.size"
  bool integer = false;             // values are integers (team.size, trust.meetings, ...)
  std::vector<double> values;       // grid and list
  std::vector<std::string> labels;  // choice and boolean values as written (e.g. "push"); empty for numbers
  double min = 0, max = 0;          // sampled designs (for file: the smallest and largest value)
};

/// A checked sweep.
struct SweepSpec {
  std::string path;  // the sweep file
  std::string name;
  std::string scenario;           // resolved path of the base scenario
  std::vector<std::string> sets;  // extra fixed `KEY=VALUE` overrides applied to every point
  Design design = Design::grid;
  std::vector<SweptParameter> parameters;
  int points = 0;  // number of design points (saltelli: base x (k + 2); morris: trajectories x (k + 1))
  int levels = 4;  // morris: grid levels
  std::string design_file;                      // file: the CSV of points
  std::string design_file_sha256;               // file: the hash of its bytes
  std::shared_ptr<const DesignPoints> sampled;  // every design but grid and list, computed once
  int replicates = 1;
  std::uint64_t seed = 1;   // base seed
  int steps = 0;            // 0: the scenario's
  bool timeseries = false;  // write per-run time series
  int every = 1;            // record every K steps (time series and aggregates)
  std::string canonical;    // canonical text of everything above that defines the results
  std::string sha256;       // its hash: identifies the sweep in an output folder

  // The scenario as a factor (`parameters.scenario = [...]`): the resolved path of each swept name, in
  // order; sweep.scenario is then the first. Empty when the scenario is not swept.
  std::vector<std::string> scenario_paths;
  // record.aggregate_form = "long": aggregate.csv with a row per point, step and metric.
  bool aggregate_long = false;

  long long runs() const { return static_cast<long long>(points) * replicates; }
};

/// Loads and checks a sweep file; throws InputError at file:line:column.
SweepSpec load_sweep(const std::string& path, const std::vector<std::string>& search_dirs);
/// The values of every parameter at a design point, in parameter order.
std::vector<double> point_values(const SweepSpec& spec, int point);
/// The `KEY=VALUE` overrides that turn the base scenario into this point's scenario.
std::vector<std::string> point_sets(const SweepSpec& spec, int point);
/// The seed of a run (docs/MODEL.md 8.3): a SplitMix64 chain of base seed, point and replicate.
std::uint64_t run_seed(std::uint64_t base_seed, int point, int replicate);
/// The parameters of a file design (design_file.cpp): one per column, min and max the column's extremes,
/// choices and booleans with their labels.
std::vector<SweptParameter> file_parameters(const DesignFile& design);
/// The same as typed scenario overrides (no text round trip).
std::vector<Override> point_overrides(const SweepSpec& spec, int point);
/// Text of one parameter value as it appears in runs.csv and in `--set` (integers as integers).
std::string value_text(const SweptParameter& parameter, double value);
/// One parameter value as a typed override: an integer, a real, a boolean or a choice's name.
Override value_override(const SweptParameter& parameter, double value);

// ---- The scenario as a factor, and sweeps by name ----

/// The scenario file of a design point: its value of `parameters.scenario`, else the base scenario.
const std::string& point_scenario(const SweepSpec& spec, int point);
/// The point whose seeds a point's runs use: the first point with the same values of every parameter
/// but `scenario`, so scenarios compare on paired seeds. Without a swept scenario, the point itself.
int seed_point(const SweepSpec& spec, int point);
/// True when `path` is a TOML file with a [sweep] table (a sweep rather than a scenario).
bool is_sweep_file(const std::string& path);
/// The path of a sweep reference: an existing file, or NAME.toml in a `sweeps/` folder of the search
/// directories (the built-in sweeps). Throws InputError naming the nearest built-in sweep.
std::string resolve_sweep(const std::string& ref, const std::vector<std::string>& search_dirs);
/// The built-in sweeps: name and path, sorted by name.
std::vector<std::pair<std::string, std::string>> list_sweeps(const std::vector<std::string>& search_dirs);

}  // namespace teamsim

#pragma once
// One run of a sweep: its identity, outcome and recorded metrics, and how to (de)serialize it for MPI.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "metrics.hpp"
#include "sweep_spec.hpp"

namespace teamsim {

/// What one run of a sweep produced.
struct RunResult {
  long long run_id = 0;
  int point = 0;
  int replicate = 0;
  std::uint64_t seed = 0;
  bool ok = false;
  std::string error;                 // why it failed
  std::vector<double> series;        // recorded rows of (t, metrics...), kMetricColumns.size() values each
  double total_quits = 0;            // quits over all steps, recorded or not
  std::uint64_t numeric_issues = 0;  // values repaired by the numeric guard (docs/MODEL.md 7.10)

  std::size_t rows() const { return series.size() / kMetricColumns.size(); }
  const double* row(std::size_t r) const { return series.data() + r * kMetricColumns.size(); }
};

/// Point models, built once and shared by the replicates of a point. Thread-safe.
class ModelCache {
 public:
  ModelCache(const SweepSpec& spec, std::vector<std::string> search_dirs);
  /// The model of a point; throws InputError when the point's values break a rule of the model.
  std::shared_ptr<const Model> get(int point);
  /// Forgets points below `point` (they are finished).
  void forget_below(int point);
  /// The (first) base scenario with the fixed [set] overrides: what the points start from.
  const Model& base() const { return *bases_.at(spec_.scenario); }
  /// Why a point's values break a rule of the model (its run fails), or "" when they do not. Cheap when
  /// every swept key is a scalar parameter (no model is built); `--dry-run` asks it of every point.
  std::string point_error(int point) const;

 private:
  std::shared_ptr<const Model> build(int point) const;
  const SweepSpec& spec_;
  std::vector<std::string> search_dirs_;
  std::unordered_map<std::string, std::shared_ptr<const Model>> bases_;  // scenario path -> base with [set]
  bool registry_only_ = true;  // every swept key is a scalar parameter: no re-parsing needed
  std::mutex mutex_;
  std::unordered_map<int, std::shared_ptr<const Model>> models_;
};

/// Runs one run of the sweep. A point whose values break a rule of the model (InputError) is a failed run,
/// recorded in the result; any other exception is an engine error, rethrown as std::runtime_error naming
/// the run, which stops the sweep (exit 1).
RunResult execute_run(const SweepSpec& spec, ModelCache& models, long long run_id);

/// Flat byte form of a result, for MPI messages.
std::string serialize(const RunResult& result);
RunResult deserialize(const std::string& bytes);

}  // namespace teamsim

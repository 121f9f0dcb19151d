#pragma once
// Two scenarios compared on paired seeds (`teamsim compare A B`): replicate r of both runs with the same
// seed, each run is reduced to the mean of every metric over a window of steps, and the paired
// differences B - A get a mean and a 95% interval (Student's t with n - 1 degrees of freedom).
#include <cstdint>
#include <string>
#include <vector>

namespace teamsim {

/// What to compare.
struct CompareSpec {
  std::string a, b;               // scenario names or paths
  std::vector<std::string> sets;  // `KEY=VALUE` overrides applied to both
  int replicates = 30;            // pairs of runs (>= 2)
  std::uint64_t seed = 1;         // base seed: replicate r uses run_seed(seed, 0, r) for both scenarios
  int steps = 0;                  // 0: each scenario's own
  int from = 1;                   // window: the mean over recorded steps from <= t <= to
  int to = -1;                    // -1: the last step
};

/// One metric's comparison.
struct MetricComparison {
  std::string metric;
  int n = 0;          // pairs where both runs succeeded
  double mean_a = 0;  // mean over pairs of A's window mean
  double mean_b = 0;
  double diff = 0;        // mean of the paired differences B - A
  double sd = 0;          // their standard deviation
  double lo = 0, hi = 0;  // 95% interval of the mean difference
};

struct Comparison {
  std::string name_a, name_b;             // the scenarios' names
  int from = 1, to = 0;                   // the window used
  int failed = 0;                         // pairs dropped because a run failed
  std::string first_error;                // why the first of them failed
  std::vector<MetricComparison> metrics;  // every time-series metric but top_leader (a seat number)
};

/// Runs 2 x replicates runs on `threads` threads and compares them. The result does not depend on the
/// thread count. Throws InputError for a bad scenario, override, window or count.
Comparison compare_scenarios(const CompareSpec& spec, const std::vector<std::string>& search_dirs,
                             int threads);

}  // namespace teamsim

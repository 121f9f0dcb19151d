#pragma once
// Replications for the statistical tests: a built-in scenario run over seeds 1..n (so two scenarios run
// with the same n are paired seed by seed), per-run summaries, paired differences and their standard
// errors (judged with student_t_quantile), and the pattern comparisons of tests/patterns.csv (which
// scripts/scenario_report.py reads too).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.hpp"
#include "state.hpp"
#include "student_t.hpp"  // student_t_quantile

namespace teamsim::test {

/// A per-seat quantity to keep at every recorded step, for claims about groups of seats that
/// timeseries.csv does not hold: its name and how to read it for an active seat (a vacant seat gets NaN).
struct SeatField {
  std::string name;
  std::function<double(const State&, int seat)> read;
};

/// Metric rows of one run by step, snapshots of the state at chosen steps, the run's events and the
/// per-seat values asked for.
struct Run {
  std::vector<Metrics> rows;        // index = t
  std::map<int, State> snapshots;   // t -> state
  std::vector<EventRecord> events;  // every event reported to the observer, in order
  std::map<std::string, std::vector<std::vector<double>>> seats;  // field name -> [t][seat]
  /// Quits after step t (steps t + 1 .. the last).
  int quits_after(int t) const;
  /// The values of the seat field `name` at step t, by seat (std::out_of_range if it was not kept).
  const std::vector<double>& seat_values(const std::string& name, int t) const;
};

/// Runs the built-in scenario `name` with seeds 1..n (after its warm-up) and the --set overrides `sets`;
/// keeps a snapshot of the state at each step in `keep` and the per-seat values of `seat_fields` at every
/// step. Element r is the run with seed r + 1.
std::vector<Run> replicate(const std::string& name, int n, std::vector<std::string> sets = {},
                           const std::vector<int>& keep = {}, const std::vector<SeatField>& seat_fields = {});

/// A mean and its standard error.
struct Estimate {
  double mean, se;
};
/// Mean and standard error of the mean of x (at least two values).
Estimate estimate(const std::vector<double>& x);

/// A per-run quantity: a metric at a step, or a mean over steps.
using Measure = std::function<double(const Run&)>;
Measure at(double Metrics::*metric, int t);
Measure mean_over(double Metrics::*metric, int from, int to);
/// Over every run of `runs`, the measure's mean and standard error.
Estimate over_runs(const std::vector<Run>& runs, const Measure& measure);
/// Paired difference b - a of a measure over replications (a[r] and b[r] share a seed).
Estimate difference(const std::vector<Run>& a, const std::vector<Run>& b, const Measure& measure);

/// The member of Metrics that holds the timeseries.csv column `name` (std::invalid_argument if none).
double Metrics::*metric_member(std::string_view name);

/// One row of tests/patterns.csv: scenario b against scenario a on a metric's mean over weeks from..to (or
/// its value at `from` when `to` is empty), and what the pattern claims.
struct PatternComparison {
  enum class Expect { b_larger, a_larger, reported };  // "b > a", "a > b", "reported" (not asserted)
  std::string pattern, a, b, metric;
  int from = 0, to = 0;  // to == from for a single step
  Expect expect = Expect::reported;
  Measure measure() const;
  std::string describe() const;  // "P3 productivity weeks 80-104, manager_who_leads over micromanager"
};
/// Every row of tests/patterns.csv, in file order (std::runtime_error with file:line on a bad row).
std::vector<PatternComparison> pattern_comparisons();

}  // namespace teamsim::test

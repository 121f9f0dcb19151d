#include "compare.hpp"

#include <atomic>
#include <cmath>
#include <exception>
#include <thread>

#include "input_error.hpp"
#include "metrics.hpp"
#include "scenario.hpp"
#include "student_t.hpp"
#include "sweep_run.hpp"

namespace teamsim {
namespace {

// A run's window means, one per metric column after t (NaN when the run failed).
struct Reduced {
  bool ok = false;
  std::string error;
  std::vector<double> means;
};

Reduced reduce(const RunResult& r, int from, int to) {
  Reduced out;
  out.ok = r.ok;
  out.error = r.error;
  if (!r.ok) return out;
  const std::size_t width = kMetricColumns.size();
  out.means.assign(width - 1, 0.0);
  int rows = 0;
  for (std::size_t row = 0; row < r.rows(); ++row) {
    const double* values = r.row(row);
    if (values[0] < from || values[0] > to) continue;
    for (std::size_t j = 1; j < width; ++j) out.means[j - 1] += values[j];
    ++rows;
  }
  for (double& m : out.means) m /= rows;
  return out;
}

}  // namespace

Comparison compare_scenarios(const CompareSpec& spec, const std::vector<std::string>& search_dirs,
                             int threads) {
  if (spec.replicates < 2)
    throw InputError("--replicates: expected an integer >= 2 (an interval needs two pairs), found " +
                     std::to_string(spec.replicates));
  // The two scenarios as a sweep over `scenario` (a list of two points, paired seeds).
  SweepSpec sweep;
  sweep.name = "compare";
  sweep.scenario_paths = {resolve_scenario(spec.a, search_dirs), resolve_scenario(spec.b, search_dirs)};
  sweep.scenario = sweep.scenario_paths.front();
  sweep.sets = spec.sets;
  sweep.design = Design::list;
  SweptParameter factor;
  factor.key = "scenario";
  factor.values = {0, 1};
  factor.labels = {spec.a, spec.b};
  sweep.parameters = {factor};
  sweep.points = 2;
  sweep.replicates = spec.replicates;
  sweep.seed = spec.seed;
  sweep.steps = spec.steps;
  ModelCache models(sweep, search_dirs);  // loads and checks both: InputError here is bad input

  Comparison result;
  const auto a = models.get(0), b = models.get(1);
  result.name_a = a->name;
  result.name_b = b->name;
  const int last = std::min(a->steps, b->steps);
  result.from = spec.from;
  result.to = spec.to < 0 ? last : spec.to;
  if (result.from < 0 || result.from > result.to || result.to > last) {
    throw InputError("--window: expected a:b with 0 <= a <= b <= " + std::to_string(last) +
                     " (the steps both scenarios run), found " + std::to_string(spec.from) + ":" +
                     std::to_string(result.to));
  }

  // Runs on threads; run r of point p is stored at p * replicates + r, so the order is fixed.
  const long long runs = sweep.runs();
  std::vector<Reduced> reduced(static_cast<std::size_t>(runs));
  std::atomic<long long> next{0};
  auto worker = [&] {
    for (long long id = next++; id < runs; id = next++) {
      reduced[static_cast<std::size_t>(id)] = reduce(execute_run(sweep, models, id), result.from, result.to);
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < std::max(1, threads); ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  // Paired differences, replicate by replicate.
  const std::size_t width = kMetricColumns.size() - 1;
  std::vector<double> sum_a(width), sum_b(width), mean_d(width), m2_d(width);
  int n = 0;
  for (int r = 0; r < spec.replicates; ++r) {
    const Reduced& ra = reduced[static_cast<std::size_t>(r)];
    const Reduced& rb = reduced[static_cast<std::size_t>(spec.replicates) + static_cast<std::size_t>(r)];
    if (!ra.ok || !rb.ok) {
      if (result.failed++ == 0) result.first_error = ra.ok ? rb.error : ra.error;
      continue;
    }
    ++n;
    for (std::size_t j = 0; j < width; ++j) {
      sum_a[j] += ra.means[j];
      sum_b[j] += rb.means[j];
      const double d = rb.means[j] - ra.means[j];
      const double delta = d - mean_d[j];
      mean_d[j] += delta / n;
      m2_d[j] += delta * (d - mean_d[j]);
    }
  }
  const double nan = std::nan("");
  const double t = n > 1 ? student_t_quantile(0.95, n - 1) : nan;
  for (std::size_t j = 0; j < width; ++j) {
    const std::string metric(kMetricColumns[j + 1]);
    if (metric == "top_leader") continue;
    MetricComparison m;
    m.metric = metric;
    m.n = n;
    m.mean_a = n ? sum_a[j] / n : nan;
    m.mean_b = n ? sum_b[j] / n : nan;
    m.diff = n ? mean_d[j] : nan;
    m.sd = n > 1 ? std::sqrt(m2_d[j] / (n - 1)) : nan;
    const double half = t * m.sd / std::sqrt(static_cast<double>(n));
    m.lo = m.diff - half;
    m.hi = m.diff + half;
    result.metrics.push_back(m);
  }
  return result;
}

}  // namespace teamsim

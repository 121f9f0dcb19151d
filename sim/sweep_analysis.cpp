#include "sweep_analysis.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "csv_table.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "metrics.hpp"

namespace teamsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Parameter {
  std::string key;
  double min = 0, max = 1;
};

// The design and parameters from sweep.json's canonical text ("design=saltelli", "parameter=KEY real
// [MIN, MAX]").
void read_canonical(const std::string& file, const std::string& canonical, std::string& design,
                    std::vector<Parameter>& parameters) {
  std::istringstream lines(canonical);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("design=", 0) == 0) design = line.substr(7);
    if (line.rfind("parameter=", 0) != 0) continue;
    Parameter p;
    p.key = line.substr(10, line.find(' ') - 10);
    const auto open = line.find('['), comma = line.find(", ", open), close = line.find(']', open);
    if (open == std::string::npos || comma == std::string::npos || close == std::string::npos)
      throw InputError(file + ": parameter " + p.key + " has no range in 'canonical'");
    p.min = std::stod(line.substr(open + 1, comma - open - 1));
    p.max = std::stod(line.substr(comma + 2, close - comma - 2));
    parameters.push_back(p);
  }
}

// Replicate means of per-run values, the mean within-point variance, and the variance of the means.
struct PointOutputs {
  std::vector<double> mean;
  std::vector<double> noise;  // per point: the variance of its mean (NaN with fewer than 2 replicates)
  double within = kNaN;       // their average
};

PointOutputs average(const std::vector<double>& run_values, int points, int replicates) {
  PointOutputs out;
  out.mean.assign(static_cast<std::size_t>(points), kNaN);
  out.noise.assign(static_cast<std::size_t>(points), kNaN);
  double within = 0;
  int counted = 0;
  for (int p = 0; p < points; ++p) {
    double sum = 0, sum2 = 0;
    int n = 0;
    for (int r = 0; r < replicates; ++r) {
      const double v = run_values[static_cast<std::size_t>(p) * static_cast<std::size_t>(replicates) +
                                  static_cast<std::size_t>(r)];
      if (!std::isfinite(v)) continue;
      sum += v;
      sum2 += v * v;
      ++n;
    }
    if (n == 0) continue;
    const double mean = sum / n;
    out.mean[static_cast<std::size_t>(p)] = mean;
    if (n > 1) {
      const double noise = std::max(0.0, (sum2 - n * mean * mean) / (n - 1)) / n;  // variance of the mean
      out.noise[static_cast<std::size_t>(p)] = noise;
      within += noise;
      ++counted;
    }
  }
  if (counted > 0) out.within = within / counted;
  return out;
}

double variance(const std::vector<double>& v) {
  double sum = 0, sum2 = 0;
  int n = 0;
  for (const double x : v) {
    if (!std::isfinite(x)) continue;
    sum += x;
    sum2 += x * x;
    ++n;
  }
  if (n < 2) return kNaN;
  const double mean = sum / n;
  return std::max(0.0, (sum2 - n * mean * mean) / (n - 1));
}

std::string number(double v) {
  std::string s;
  append_number(s, v);
  return s;
}

}  // namespace

SensitivityReport analyze_sweep(const std::string& dir, const SensitivityOptions& options) {
  namespace fs = std::filesystem;
  const std::string summary_file = dir + "/sweep.json";
  if (!fs::is_directory(dir)) throw InputError(dir + ": no such sweep folder");
  if (!fs::exists(summary_file)) {
    throw InputError(
        dir + (fs::exists(dir + "/ledger.json")
                   ? ": the sweep is not finished (ledger.json); finish it with `teamsim sweep --resume`"
                   : ": not a sweep folder (no sweep.json)"));
  }
  nlohmann::json summary;
  try {
    std::ifstream in(summary_file);
    summary = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(summary_file + ": cannot be read (" + e.what() + ")");
  }
  SensitivityReport report;
  std::string design;
  std::vector<Parameter> parameters;
  read_canonical(summary_file, summary.value("canonical", std::string()), design, parameters);
  report.points = summary.value("points", 0);
  report.replicates = summary.value("replicates", 0);
  if (summary.value("first_point", 0) != 0 || summary.value("end_point", -1) != report.points) {
    throw InputError(dir + " holds one shard of a sweep; merge the shards first (`teamsim merge`)");
  }
  const auto k = static_cast<int>(parameters.size());
  if (design == "saltelli") {
    report.method = "sobol";
  } else if (design == "morris") {
    report.method = "morris";
  } else {
    throw InputError(dir + ": a " + (design.empty() ? std::string("?") : design) +
                     " sweep; sensitivity indices need design = \"saltelli\" or \"morris\"");
  }
  for (const auto& p : parameters) report.parameters.push_back(p.key);

  // Per-run outputs from runs.csv: the final value of every metric, total quits and the time means there.
  const CsvTable runs = read_csv(dir + "/runs.csv");
  const auto n_runs = static_cast<std::size_t>(report.points) * static_cast<std::size_t>(report.replicates);
  if (runs.rows.size() != n_runs) {
    throw InputError(runs.path + ": expected " + std::to_string(n_runs) + " runs (sweep.json), found " +
                     std::to_string(runs.rows.size()));
  }
  const int status = runs.require_column("status");
  std::vector<std::string> names;
  std::vector<int> columns;
  for (const MetricSpec& metric : kMetrics) {
    if (!metric.quantity) continue;  // an agent's id
    names.push_back("final_" + std::string(metric.name));
    columns.push_back(runs.require_column(std::string(metric.name)));
  }
  names.emplace_back("total_quits");
  columns.push_back(runs.require_column("total_quits"));
  const bool series = fs::exists(dir + "/timeseries.csv");
  if (!series) {
    for (const MetricSpec& metric : kMetrics) {
      if (!metric.run_mean) continue;
      names.push_back("mean_" + std::string(metric.name));
      columns.push_back(runs.require_column(names.back()));
    }
  }
  std::vector<std::vector<double>> values(names.size(), std::vector<double>(n_runs, kNaN));
  std::vector<double> x(static_cast<std::size_t>(report.points) * static_cast<std::size_t>(k), kNaN);
  for (std::size_t r = 0; r < n_runs; ++r) {
    const auto& row = runs.rows[r];
    const std::size_t point = r / static_cast<std::size_t>(report.replicates);
    if (r % static_cast<std::size_t>(report.replicates) == 0) {
      for (int m = 0; m < k; ++m) {
        const auto& p = parameters[static_cast<std::size_t>(m)];
        const double v = runs.number(row[static_cast<std::size_t>(runs.require_column(p.key))], p.key);
        x[point * static_cast<std::size_t>(k) + static_cast<std::size_t>(m)] = (v - p.min) / (p.max - p.min);
      }
    }
    if (row[static_cast<std::size_t>(status)].text != "ok") {
      ++report.failed_runs;
      continue;
    }
    for (std::size_t m = 0; m < names.size(); ++m)
      values[m][r] = runs.number(row[static_cast<std::size_t>(columns[m])], names[m]);
  }
  // Time means of every metric over the recorded steps t >= 1, from timeseries.csv when it was recorded.
  if (series) {
    report.time_means_of_every_metric = true;
    const CsvTable ts = read_csv(dir + "/timeseries.csv");
    const int run_column = ts.require_column("run_id"), t_column = ts.require_column("t");
    const std::size_t first = names.size();
    std::vector<int> metric_columns;
    for (const MetricSpec& metric : kMetrics) {
      if (!metric.quantity) continue;
      names.push_back("mean_" + std::string(metric.name));
      metric_columns.push_back(ts.require_column(std::string(metric.name)));
    }
    values.resize(names.size(), std::vector<double>(n_runs, 0.0));
    std::vector<int> counts(n_runs, 0);
    for (const auto& row : ts.rows) {
      const double run = ts.number(row[static_cast<std::size_t>(run_column)], "run_id");
      if (run < 0 || run >= static_cast<double>(n_runs) || run != std::floor(run))
        throw InputError(ts.path, row[0].line, row[0].column, "run_id: not a run of this sweep");
      if (ts.number(row[static_cast<std::size_t>(t_column)], "t") < 1) continue;
      const auto id = static_cast<std::size_t>(run);
      ++counts[id];
      for (std::size_t m = 0; m < metric_columns.size(); ++m)
        values[first + m][id] +=
            ts.number(row[static_cast<std::size_t>(metric_columns[m])], names[first + m]);
    }
    for (std::size_t m = first; m < names.size(); ++m) {
      for (std::size_t r = 0; r < n_runs; ++r) values[m][r] = counts[r] ? values[m][r] / counts[r] : kNaN;
    }
  }

  // Replicates averaged per point; then the indices of each metric.
  for (std::size_t m = 0; m < names.size(); ++m) {
    const PointOutputs y = average(values[m], report.points, report.replicates);
    MetricSensitivity s;
    s.metric = names[m];
    s.variance = variance(y.mean);
    s.noise_share = s.variance > 0 ? y.within / s.variance : kNaN;
    if (report.method == "sobol") {
      s.sobol = sobol_indices(y.mean, k, options.bootstrap, options.seed, y.noise);
    } else {
      s.morris = morris_indices(y.mean, x, k, options.bootstrap, options.seed);
    }
    report.metrics.push_back(std::move(s));
  }
  return report;
}

std::string SensitivityReport::csv() const {
  std::string out = method == "sobol"
                        ? "metric,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,noise_share\n"
                        : "metric,parameter,mu_star,mu_star_lo,mu_star_hi,mu,sigma,effects,noise_share\n";
  for (const auto& m : metrics) {
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      out += m.metric + ',' + parameters[i];
      if (method == "sobol") {
        const auto& s = m.sobol[i];
        for (const double v : {s.s1, s.s1_lo, s.s1_hi, s.st, s.st_lo, s.st_hi}) out += ',' + number(v);
      } else {
        const auto& s = m.morris[i];
        for (const double v : {s.mu_star, s.mu_star_lo, s.mu_star_hi, s.mu, s.sigma}) out += ',' + number(v);
        out += ',' + std::to_string(s.effects);
      }
      out += ',' + number(m.noise_share) + '\n';
    }
  }
  return out;
}

}  // namespace teamsim

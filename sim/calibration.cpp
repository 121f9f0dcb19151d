#include "calibration.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <limits>
#include <mutex>
#include <numeric>
#include <thread>

#include "atomic_file.hpp"
#include "csv_table.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "metrics.hpp"
#include "param_registry.hpp"
#include "rng.hpp"
#include "scenario.hpp"
#include "simulate.hpp"
#include "sweep_spec.hpp"
#include "toml_check.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Reads the observed CSV: a column t, then timeseries.csv metric columns; one row per observed time.
Observed read_observed(const std::string& path) {
  const CsvTable csv = read_csv(path);
  Observed obs;
  obs.path = path;
  if (csv.header.front().text != "t")
    throw InputError(path, 1, 1,
                     "expected the first column to be 't', found '" + csv.header.front().text + "'");
  std::vector<std::string> names;
  for (std::size_t j = 1; j < kMetricColumns.size(); ++j) names.emplace_back(kMetricColumns[j]);
  for (std::size_t c = 1; c < csv.header.size(); ++c) {
    const CsvField& h = csv.header[c];
    const auto it = std::find(names.begin(), names.end(), h.text);
    if (it == names.end()) {
      const std::string hint = nearest(h.text, names);
      throw InputError(path, h.line, h.column,
                       "unknown metric '" + h.text + "'" +
                           (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                           ": expected a column of timeseries.csv");
    }
    if (std::find(obs.metrics.begin(), obs.metrics.end(), h.text) != obs.metrics.end())
      throw InputError(path, h.line, h.column, "metric '" + h.text + "' appears twice in the header");
    obs.metrics.push_back(h.text);
    obs.metric_index.push_back(static_cast<int>(it - names.begin()));
  }
  if (obs.metrics.empty()) throw InputError(path, 1, 1, "expected t and at least one metric column");
  if (csv.rows.empty()) throw InputError(path, 2, 1, "no observations: expected one row per observed time");
  for (const auto& row : csv.rows) {
    const double t = csv.number(row[0], "t");
    if (t < 0 || t != std::floor(t) || t > 1e7)
      throw InputError(path, row[0].line, row[0].column,
                       "t: expected a whole number of steps >= 0, found " + row[0].text);
    if (!obs.times.empty() && t <= obs.times.back())
      throw InputError(path, row[0].line, row[0].column,
                       "t: expected times in increasing order, found " + row[0].text + " after " +
                           std::to_string(obs.times.back()));
    obs.times.push_back(static_cast<int>(t));
    obs.last_line = row[0].line;
    obs.last_column = row[0].column;
    for (std::size_t c = 1; c < row.size(); ++c)
      obs.values.push_back(row[c].text.empty() ? kNaN : csv.number(row[c], obs.metrics[c - 1]));
  }
  if (std::none_of(obs.values.begin(), obs.values.end(), [](double v) { return std::isfinite(v); }))
    throw InputError(path, 2, 1, "every observation is empty");
  return obs;
}

// Keeps the metrics at the observed times.
class AtTimes final : public Observer {
 public:
  AtTimes(const Observed& obs, double* out) : obs_(obs), out_(out) {}
  void on_record(const State& s, const Metrics& m) override {
    if (next_ < obs_.times.size() && s.t == obs_.times[next_]) {
      for (std::size_t j = 0; j < obs_.metrics.size(); ++j)
        out_[next_ * obs_.metrics.size() + j] =
            m.*kMetrics[static_cast<std::size_t>(obs_.metric_index[j])].field;
      ++next_;
    }
  }
  void on_event(const EventRecord&) override {}

 private:
  const Observed& obs_;
  double* out_;
  std::size_t next_ = 0;
};

// Distance (docs/ANALYSIS.md): the root mean square, over replicates and observed cells, of the
// difference to the observation in units of the cell's scale.
double distance(const CalibrationTask& task, const Observed& obs, const std::vector<double>& scales,
                int replicates) {
  if (!task.valid) return kInf;
  const std::size_t cells = obs.values.size();
  double sum = 0;
  int n = 0;
  for (int r = 0; r < replicates; ++r) {
    for (std::size_t c = 0; c < cells; ++c) {
      if (!(scales[c] > 0) || !std::isfinite(obs.values[c])) continue;
      const double v = task.runs[static_cast<std::size_t>(r) * cells + c];
      if (!std::isfinite(v)) return kInf;
      const double z = (v - obs.values[c]) / scales[c];
      sum += z * z;
      ++n;
    }
  }
  return n ? std::sqrt(sum / n) : kInf;
}

// Replicate means at every cell.
std::vector<double> replicate_means(const CalibrationTask& task, std::size_t cells, int replicates) {
  std::vector<double> m(cells, 0.0);
  for (int r = 0; r < replicates; ++r) {
    for (std::size_t c = 0; c < cells; ++c)
      m[c] += task.runs[static_cast<std::size_t>(r) * cells + c] / replicates;
  }
  return m;
}

double prior_draw(Rng& rng, const CalibratedParameter& p) {
  const double v = p.min + (p.max - p.min) * rng.uniform();
  return p.integer ? std::round(v) : v;
}

}  // namespace

double Generation::ess() const {
  double s = 0;
  for (const double w : weights) s += w * w;
  return s > 0 ? 1 / s : 0;
}

std::vector<PosteriorSummary> summarize(const Generation& g, std::size_t d) {
  std::vector<PosteriorSummary> out;
  const std::size_t n = g.weights.size();
  for (std::size_t k = 0; k < d; ++k) {
    double mean = 0, m2 = 0;
    std::vector<std::pair<double, double>> vw;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = g.particles[i * d + k];
      mean += g.weights[i] * v;
      vw.emplace_back(v, g.weights[i]);
    }
    for (std::size_t i = 0; i < n; ++i)
      m2 += g.weights[i] * (g.particles[i * d + k] - mean) * (g.particles[i * d + k] - mean);
    std::sort(vw.begin(), vw.end());
    // Weighted quantile: the first value whose cumulative weight reaches p.
    auto quantile = [&](double p) {
      double cum = 0;
      for (const auto& [v, w] : vw) {
        cum += w;
        if (cum >= p - 1e-12) return v;
      }
      return vw.back().first;
    };
    out.push_back({mean, std::sqrt(m2), quantile(0.025), quantile(0.975)});
  }
  return out;
}

namespace {

// Generation 0's proposals: prior draws, each from a Philox stream keyed by (seed, proposal).
CalibrationRound prior_round(const CalibrationSpec& spec) {
  CalibrationRound round;
  round.tasks.resize(static_cast<std::size_t>(spec.simulations));
  for (std::size_t a = 0; a < round.tasks.size(); ++a) {
    CalibrationTask& task = round.tasks[a];
    Rng rng(mix(mix(spec.seed) ^ a));
    for (const auto& p : spec.parameters) task.theta.push_back(prior_draw(rng, p));
    task.key = mix(mix(spec.seed) + 0x9e37) ^ a;
    task.valid = true;
  }
  return round;
}

// The scale of each observed cell: its sd over every run of the prior draws.
std::vector<double> cell_scales(const std::vector<CalibrationTask>& tasks, std::size_t cells,
                                int replicates) {
  std::vector<double> scales(cells, 0.0);
  for (std::size_t c = 0; c < cells; ++c) {
    double sum = 0, sum2 = 0;
    long long count = 0;
    for (const auto& t : tasks) {
      if (!t.valid) continue;
      for (int r = 0; r < replicates; ++r) {
        const double v = t.runs[static_cast<std::size_t>(r) * cells + c];
        if (!std::isfinite(v)) continue;
        sum += v;
        sum2 += v * v;
        ++count;
      }
    }
    if (count > 1) {
      const double mean = sum / static_cast<double>(count);
      scales[c] = std::sqrt(
          std::max(0.0, (sum2 - static_cast<double>(count) * mean * mean) / static_cast<double>(count - 1)));
    }
  }
  return scales;
}

// Rejection ABC: the `particles` nearest of the prior draws, with equal weights.
Generation rejection_generation(const CalibrationSpec& spec, const std::vector<CalibrationTask>& tasks,
                                const std::vector<double>& scales, std::size_t cells) {
  const auto n = static_cast<std::size_t>(spec.particles);
  std::vector<double> dist(tasks.size());
  for (std::size_t a = 0; a < tasks.size(); ++a)
    dist[a] = distance(tasks[a], spec.observed, scales, spec.replicates);
  std::vector<std::size_t> order(tasks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return dist[a] < dist[b]; });
  Generation g0;
  g0.simulations = spec.simulations;
  g0.proposals = spec.simulations;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t a = order[i];
    if (!std::isfinite(dist[a]))
      throw std::runtime_error("fewer prior draws than particles gave a finite distance");
    g0.particles.insert(g0.particles.end(), tasks[a].theta.begin(), tasks[a].theta.end());
    g0.distances.push_back(dist[a]);
    const auto m = replicate_means(tasks[a], cells, spec.replicates);
    g0.predicted.insert(g0.predicted.end(), m.begin(), m.end());
  }
  g0.epsilon = g0.distances.back();
  g0.weights.assign(n, 1.0 / static_cast<double>(n));
  return g0;
}

// What an SMC generation proposes from: the previous particles, their cumulative weights and the
// Gaussian kernel's widths (twice the weighted variance of each parameter).
struct Proposer {
  const CalibrationSpec& spec;
  const Generation& prev;
  int generation;
  std::vector<double> tau, cumulative;

  Proposer(const CalibrationSpec& s, const Generation& p, int g) : spec(s), prev(p), generation(g) {
    const std::size_t d = spec.parameters.size();
    const auto summary = summarize(prev, d);
    for (std::size_t k = 0; k < d; ++k) {
      const auto& param = spec.parameters[k];
      tau.push_back(std::max(std::sqrt(2.0) * summary[k].sd, 1e-9 * (param.max - param.min)));
    }
    cumulative.resize(prev.weights.size());
    std::partial_sum(prev.weights.begin(), prev.weights.end(), cumulative.begin());
  }

  // Proposal `attempt` of this generation: a Philox stream keyed by (seed, generation, attempt).
  CalibrationTask propose(long long attempt) const {
    const std::size_t d = spec.parameters.size(), n = prev.weights.size();
    const auto gen = static_cast<std::uint64_t>(generation), at = static_cast<std::uint64_t>(attempt);
    CalibrationTask task;
    Rng rng(mix(mix(spec.seed ^ (gen << 48)) ^ at));
    task.key = mix(mix(spec.seed + gen) ^ at) + 1;
    const double u = rng.uniform() * cumulative.back();
    const auto pick = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) -
                                               cumulative.begin());
    const std::size_t from = std::min(pick, n - 1);
    task.valid = true;
    for (std::size_t k = 0; k < d; ++k) {
      const auto& p = spec.parameters[k];
      double v = prev.particles[from * d + k] + tau[k] * rng.normal();
      if (p.integer) v = std::round(v);
      task.valid = task.valid && v >= p.min && v <= p.max;
      task.theta.push_back(v);
    }
    return task;
  }

  // Importance weight: uniform prior over the kernel mixture of the previous generation.
  double weight(const std::vector<double>& theta) const {
    const std::size_t d = spec.parameters.size();
    double mixture = 0;
    for (std::size_t j = 0; j < prev.weights.size(); ++j) {
      double kernel = prev.weights[j];
      for (std::size_t k = 0; k < d; ++k) {
        const double z = (theta[k] - prev.particles[j * d + k]) / tau[k];
        kernel *= std::exp(-0.5 * z * z) / tau[k];
      }
      mixture += kernel;
    }
    return mixture > 0 ? 1 / mixture : 0;
  }
};

// Accepts a simulated round's tasks in proposal order until `particles` are kept or `max_simulations`
// parameter sets have been simulated (counted task by task, so rounds of any size agree). True when the
// generation is over.
bool accept_round(const CalibrationSpec& spec, const Proposer& proposer, const CalibrationRound& round,
                  const std::vector<double>& scales, std::size_t cells, Generation& next) {
  const auto n = static_cast<std::size_t>(spec.particles);
  for (const auto& task : round.tasks) {
    if (next.weights.size() >= n) return true;
    ++next.proposals;
    if (!task.valid) continue;
    if (next.simulations >= spec.max_simulations) return true;
    ++next.simulations;
    const double dd = distance(task, spec.observed, scales, spec.replicates);
    if (dd > next.epsilon) continue;
    next.particles.insert(next.particles.end(), task.theta.begin(), task.theta.end());
    next.distances.push_back(dd);
    next.weights.push_back(proposer.weight(task.theta));
    const auto m = replicate_means(task, cells, spec.replicates);
    next.predicted.insert(next.predicted.end(), m.begin(), m.end());
  }
  return next.weights.size() >= n;
}

// One ABC-SMC generation (Beaumont et al. 2009), round by round. False when the runner stopped.
bool smc_generation(const CalibrationSpec& spec, RoundRunner& runner, int gen, std::size_t cells,
                    CalibrationResult& result, const std::function<void(int, int, long long)>& progress) {
  const Generation& prev = result.generations.back();
  const auto n = static_cast<std::size_t>(spec.particles);
  std::vector<double> sorted = prev.distances;
  std::sort(sorted.begin(), sorted.end());
  const Proposer proposer(spec, prev, gen);
  Generation next;
  next.epsilon = sorted[static_cast<std::size_t>(spec.quantile * static_cast<double>(n - 1))];
  long long attempt = 0;
  for (bool over = false; !over;) {
    const auto wanted = static_cast<long long>(n - next.weights.size());
    const double acceptance =
        next.proposals > 0 ? static_cast<double>(next.weights.size()) / static_cast<double>(next.proposals)
                           : static_cast<double>(n) / static_cast<double>(prev.proposals);
    CalibrationRound round;
    round.index = result.rounds;
    round.generation = gen;
    round.first = attempt;
    const long long size = std::max(1LL, runner.smc_round_size(spec.particles, wanted, acceptance));
    for (long long i = 0; i < size; ++i) round.tasks.push_back(proposer.propose(attempt++));
    if (!runner.run(round)) return false;
    ++result.rounds;
    over = accept_round(spec, proposer, round, result.scales, cells, next);
    if (progress) progress(gen, static_cast<int>(next.weights.size()), next.simulations);
  }
  if (next.weights.size() < n) {
    result.stopped = "generation " + std::to_string(gen) + " accepted " +
                     std::to_string(next.weights.size()) + " particles in " +
                     std::to_string(next.simulations) +
                     " simulations (max_simulations); the posterior is generation " + std::to_string(gen - 1);
    return true;
  }
  const double total = std::accumulate(next.weights.begin(), next.weights.end(), 0.0);
  for (auto& w : next.weights) w /= total;
  next.epsilon = *std::max_element(next.distances.begin(), next.distances.end());
  result.generations.push_back(std::move(next));
  return true;
}

}  // namespace

TaskSimulator::TaskSimulator(const CalibrationSpec& spec, const Model& base)
    : spec_(spec), base_(base), cells_(spec.observed.values.size()) {
  for (const auto& p : spec.parameters) params_.push_back(find_param(p.key));
}

void TaskSimulator::simulate_one(CalibrationTask& task) const {
  if (!task.valid) return;
  Model model = base_;
  for (std::size_t k = 0; k < params_.size(); ++k) params_[k]->set(model.initial_params, task.theta[k]);
  if (!cross_field_error(model.initial_params).empty()) {
    task.valid = false;  // outside the model's rules between parameters: zero prior density
    return;
  }
  const auto reps = static_cast<std::size_t>(spec_.replicates);
  task.runs.assign(reps * cells_, kNaN);
  for (std::size_t r = 0; r < reps; ++r) {
    AtTimes observer(spec_.observed, task.runs.data() + r * cells_);
    const std::uint64_t seed = run_seed(task.key, 0, static_cast<int>(r));
    try {
      teamsim::simulate(model, RunSettings{model.steps, seed, 1}, observer);
    } catch (const std::exception& e) {
      // A fault of the engine or the machine: named, it ends the calibration with exit 1.
      std::string values;
      for (std::size_t k = 0; k < params_.size(); ++k) {
        values += (k ? ", " : "") + spec_.parameters[k].key + " = ";
        append_number(values, task.theta[k]);
      }
      throw std::runtime_error("the run of " + values + " with seed " + std::to_string(seed) +
                               " failed: " + e.what());
    }
  }
}

void TaskSimulator::simulate(std::vector<CalibrationTask>& tasks, std::size_t begin, std::size_t end,
                             std::size_t stride, int threads) const {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  auto worker = [&] {
    try {
      for (std::size_t i; (i = begin + stride * next++) < end;) simulate_one(tasks[i]);
    } catch (...) {
      // An engine error (not bad input: the spec was checked) ends the calibration, not the process.
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      next = end;  // the others stop at their next task
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

long long RoundRunner::smc_round_size(long long particles, long long, double) const {
  return std::max(particles, 64LL);  // one batch: its overshoot past the last particle is small
}

bool ThreadRounds::run(CalibrationRound& round) {
  simulator_.simulate(round.tasks, 0, round.tasks.size(), 1, threads_);
  return true;
}

CalibrationResult calibrate(const CalibrationSpec& spec, RoundRunner& runner,
                            const std::function<void(int, int, long long)>& progress) {
  const std::size_t cells = spec.observed.values.size();
  CalibrationResult result;
  // Generation 0: prior draws; the `particles` nearest are kept (rejection ABC).
  CalibrationRound round = prior_round(spec);
  if (!runner.run(round)) {
    result.complete = false;
    return result;
  }
  result.rounds = 1;
  if (progress) progress(0, spec.particles, spec.simulations);
  result.scales = cell_scales(round.tasks, cells, spec.replicates);
  result.generations.push_back(rejection_generation(spec, round.tasks, result.scales, cells));
  if (spec.method == AbcMethod::rejection) return result;
  // Generations 1..G: ABC-SMC. Tolerance: a quantile of the previous distances.
  for (int gen = 1; gen <= spec.generations && result.stopped.empty(); ++gen) {
    if (!smc_generation(spec, runner, gen, cells, result, progress)) {
      result.complete = false;
      return result;
    }
  }
  return result;
}

CalibrationResult calibrate(const CalibrationSpec& spec, const Model& base, int threads,
                            const std::function<void(int, int, long long)>& progress) {
  const TaskSimulator simulator(spec, base);
  ThreadRounds runner(simulator, threads);
  return calibrate(spec, runner, progress);
}

std::string calibration_identity(const CalibrationSpec& spec, const Model& base) {
  std::string text = to_toml(base);
  auto add = [&](const std::string& key, double v) {
    text += key + " = ";
    append_number(text, v);
    text += "\n";
  };
  text += "method = " + std::to_string(static_cast<int>(spec.method)) +
          "\nseed = " + std::to_string(spec.seed) + "\n";
  add("replicates", spec.replicates);
  add("particles", spec.particles);
  add("simulations", spec.simulations);
  add("generations", spec.generations);
  add("quantile", spec.quantile);
  text += "max_simulations = " + std::to_string(spec.max_simulations) + "\n";
  add("steps", spec.steps);
  for (const auto& p : spec.parameters) {
    add(p.key + ".min", p.min);
    add(p.key + ".max", p.max);
  }
  for (const auto& m : spec.observed.metrics) text += "metric " + m + "\n";
  for (const int t : spec.observed.times) add("t", t);
  for (const double v : spec.observed.values) add("y", v);
  return sha256_hex(text);
}

CalibrationSpec load_calibration(const std::string& path, const std::vector<std::string>& search_dirs) {
  const toml::table doc = parse_toml_file(path);
  check_keys(doc, "the calibration file", {"calibration", "parameters", "set"});
  CalibrationSpec spec;
  spec.path = path;
  const toml::node* node = doc.get("calibration");
  if (!node) throw InputError(path + ":1:1: missing table [calibration]");
  const toml::table& c = require_table(*node, "calibration");
  check_keys(c, "calibration",
             {"name", "scenario", "observed", "method", "seed", "replicates", "particles", "simulations",
              "generations", "quantile", "max_simulations", "steps"});
  spec.name =
      c.get("name") ? read_string(*c.get("name"), "calibration.name") : fs::path(path).stem().string();
  const toml::node& scenario = require(c, *node, "calibration", "scenario");
  const std::string ref = read_string(scenario, "calibration.scenario");
  try {
    const fs::path relative = fs::path(path).parent_path() / ref;
    spec.scenario = fs::is_regular_file(relative) ? relative.string() : resolve_scenario(ref, search_dirs);
  } catch (const InputError& e) {
    fail(scenario, std::string("calibration.scenario: ") + e.what());
  }
  const toml::node& observed = require(c, *node, "calibration", "observed");
  const std::string observed_path =
      (fs::path(path).parent_path() / read_string(observed, "calibration.observed")).string();
  if (!fs::is_regular_file(observed_path))
    fail(observed, "calibration.observed: expected a CSV file next to the calibration file, found no file " +
                       observed_path);
  if (const auto* v = c.get("method"))
    spec.method = read_choice(*v, "calibration.method", {"rejection", "smc"}) == 0 ? AbcMethod::rejection
                                                                                   : AbcMethod::smc;
  if (const auto* v = c.get("seed"))
    spec.seed = static_cast<std::uint64_t>(read_int(*v, "calibration.seed", 0, INT64_MAX));
  if (const auto* v = c.get("replicates"))
    spec.replicates = static_cast<int>(read_int(*v, "calibration.replicates", 1, 10000));
  if (const auto* v = c.get("particles"))
    spec.particles = static_cast<int>(read_int(*v, "calibration.particles", 10, 1000000));
  if (const auto* v = c.get("simulations"))
    spec.simulations = static_cast<int>(read_int(*v, "calibration.simulations", 10, 100000000));
  if (spec.particles > spec.simulations) {
    fail(c.get("simulations") ? *c.get("simulations") : *node,
         "calibration.simulations: expected at least as many simulations as particles (" +
             std::to_string(spec.particles) + "), found " + std::to_string(spec.simulations));
  }
  if (const auto* v = c.get("generations"))
    spec.generations = static_cast<int>(read_int(*v, "calibration.generations", 1, 1000));
  if (const auto* v = c.get("quantile"))
    spec.quantile = read_real(*v, "calibration.quantile", Range{0, 1, true});
  if (const auto* v = c.get("max_simulations"))
    spec.max_simulations = read_int(*v, "calibration.max_simulations", 1, INT64_MAX);
  if (spec.method == AbcMethod::rejection) {
    for (const char* key : {"generations", "quantile", "max_simulations"}) {
      if (const auto* v = c.get(key))
        fail(*v, "calibration." + std::string(key) + ": used by method = \"smc\" only; remove it");
    }
  }
  if (const auto* v = c.get("steps"))
    spec.steps = static_cast<int>(read_int(*v, "calibration.steps", 1, 10000000));

  // Fixed overrides: [set] "KEY" = VALUE, as in a sweep file.
  if (const auto* set_node = doc.get("set")) {
    for (auto&& [key, value] : require_table(*set_node, "set")) {
      const std::string name(key.str());
      if (!value.is_value())
        fail(value, "set." + name + ": expected a value, found " + describe_found(value));
      std::string text = describe_found(value);
      if (value.is_string()) text = std::string(1, '"').append(*value.value<std::string>()).append(1, '"');
      spec.sets.push_back(name + "=" + text);
      try {
        load_scenario(spec.scenario, LoadOptions{search_dirs, {spec.sets.back()}});
      } catch (const InputError& e) {
        const std::string message = e.what();
        const auto cut = message.find(": ", message.find("--set"));
        fail(value, "set." + name + ": " + (cut == std::string::npos ? message : message.substr(cut + 2)));
      }
    }
  }

  // Calibrated parameters: uniform priors { min, max } inside the parameter's allowed range.
  const toml::node* params_node = doc.get("parameters");
  if (!params_node)
    throw InputError(path + ":1:1: missing table [parameters] (the calibrated parameters and their priors)");
  const toml::table& params = require_table(*params_node, "parameters");
  if (params.empty()) fail(*params_node, "parameters: expected at least one calibrated parameter");
  for (auto&& [key, value] : params) {
    const std::string name(key.str());
    const std::string where = "parameters." + name;
    const ParamSpec* param = find_param(name);
    if (!param) {
      std::vector<std::string> keys;
      for (const auto& p : param_specs()) keys.emplace_back(p.key);
      const std::string hint = nearest(name, keys);
      fail(value,
           where + ": not a scalar parameter" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    if (param->type != ParamType::real && param->type != ParamType::integer)
      fail(value, where + ": only real and integer parameters can be calibrated, found " + param->describe());
    const toml::table& t = require_table(value, where + " (a uniform prior { min = ..., max = ... })");
    check_keys(t, where, {"min", "max"});
    CalibratedParameter p;
    p.key = name;
    p.integer = param->type == ParamType::integer;
    p.min = read_real(require(t, value, where, "min"), where + ".min", *param);
    p.max = read_real(require(t, value, where, "max"), where + ".max", *param);
    if (!(p.max > p.min))
      fail(*t.get("max"), where + ": empty prior: expected max > min = " + std::to_string(p.min) +
                              ", found " + std::to_string(p.max));
    spec.parameters.push_back(p);
  }

  spec.observed = read_observed(observed_path);
  const Model base = load_scenario(spec.scenario, LoadOptions{search_dirs, spec.sets});
  const int steps = spec.steps > 0 ? spec.steps : base.steps;
  if (spec.observed.times.back() > steps) {
    throw InputError(observed_path, spec.observed.last_line, spec.observed.last_column,
                     "t: observed at t = " + std::to_string(spec.observed.times.back()) +
                         ", after the last step (" + std::to_string(steps) + ")");
  }
  spec.steps = steps;
  return spec;
}

}  // namespace teamsim

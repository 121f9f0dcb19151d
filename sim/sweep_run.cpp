#include "sweep_run.hpp"

#include <cstring>

#include "input_error.hpp"
#include "param_registry.hpp"
#include "scenario.hpp"
#include "simulate.hpp"

namespace teamsim {
namespace {

// Keeps every recorded row and the run's quits.
class Collector final : public Observer {
 public:
  explicit Collector(RunResult& result) : result_(result) {}
  void on_record(const State& s, const Metrics& m) override {
    const auto row = metrics_row(s.t, m);
    result_.series.insert(result_.series.end(), row.begin(), row.end());
    result_.total_quits = s.total_quits;  // the last step is always recorded
  }
  void on_event(const EventRecord&) override {}

 private:
  RunResult& result_;
};

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
T take(const std::string& in, std::size_t& at) {
  T v;
  std::memcpy(&v, in.data() + at, sizeof v);
  at += sizeof v;
  return v;
}

}  // namespace

ModelCache::ModelCache(const SweepSpec& spec, std::vector<std::string> search_dirs)
    : spec_(spec), search_dirs_(std::move(search_dirs)) {
  // One base model per scenario (the scenario may be a swept factor).
  for (const auto& scenario :
       spec.scenario_paths.empty() ? std::vector<std::string>{spec.scenario} : spec.scenario_paths)
    bases_.emplace(scenario, std::make_shared<const Model>(
                                 load_scenario(scenario, LoadOptions{search_dirs_, spec.sets})));
  for (const auto& p : spec.parameters)
    registry_only_ = registry_only_ && (p.key == "scenario" || find_param(p.key) != nullptr);
}

std::shared_ptr<const Model> ModelCache::build(int point) const {
  Model model;
  if (registry_only_) {
    // Scalar parameters only: set them on a copy of the base model, then check the rules between them.
    model = *bases_.at(point_scenario(spec_, point));
    const auto values = point_values(spec_, point);
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (spec_.parameters[k].key == "scenario") continue;
      const ParamSpec& param = *find_param(spec_.parameters[k].key);
      if (!param.allows(values[k])) {
        throw InputError(spec_.parameters[k].key + ": expected " + param.describe() + ", found " +
                         value_text(spec_.parameters[k], values[k]));
      }
      param.set(model.initial_params, values[k]);
    }
    if (const std::string message = cross_field_error(model.initial_params); !message.empty())
      throw InputError(message);
  } else {
    model = load_scenario(point_scenario(spec_, point),
                          LoadOptions{search_dirs_, spec_.sets, point_overrides(spec_, point)});
  }
  if (spec_.steps > 0) model.steps = spec_.steps;
  return std::make_shared<const Model>(std::move(model));
}

std::string ModelCache::point_error(int point) const {
  try {
    if (!registry_only_) {
      build(point);
      return "";
    }
    Params params = bases_.at(point_scenario(spec_, point))->initial_params;
    const auto values = point_values(spec_, point);
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (spec_.parameters[k].key == "scenario") continue;
      const ParamSpec& param = *find_param(spec_.parameters[k].key);
      if (!param.allows(values[k])) {
        return spec_.parameters[k].key + ": expected " + param.describe() + ", found " +
               value_text(spec_.parameters[k], values[k]);
      }
      param.set(params, values[k]);
    }
    return cross_field_error(params);
  } catch (const InputError& e) {
    return e.what();
  }
}

std::shared_ptr<const Model> ModelCache::get(int point) {
  {
    std::lock_guard lock(mutex_);
    if (const auto it = models_.find(point); it != models_.end()) return it->second;
  }
  auto model = build(point);  // outside the lock: other threads keep running
  std::lock_guard lock(mutex_);
  return models_.emplace(point, std::move(model)).first->second;
}

void ModelCache::forget_below(int point) {
  std::lock_guard lock(mutex_);
  std::erase_if(models_, [&](const auto& entry) { return entry.first < point; });
}

RunResult execute_run(const SweepSpec& spec, ModelCache& models, long long run_id) {
  RunResult result;
  result.run_id = run_id;
  result.point = static_cast<int>(run_id / spec.replicates);
  result.replicate = static_cast<int>(run_id % spec.replicates);
  result.seed = run_seed(spec.seed, seed_point(spec, result.point), result.replicate);
  try {
    const auto model = models.get(result.point);
    Collector collector(result);
    result.numeric_issues =
        simulate(*model, RunSettings{model->steps, result.seed, spec.every}, collector).numeric_issues;
    result.ok = true;
  } catch (const InputError& e) {
    result.ok = false;
    result.error = e.what();
    result.series.clear();
    result.total_quits = 0;
  } catch (const std::exception& e) {
    // Not bad input but a fault of the engine or the machine: a row saying "failed" would hide it.
    throw std::runtime_error("run " + std::to_string(run_id) + " (point " + std::to_string(result.point) +
                             ", replicate " + std::to_string(result.replicate) + ", seed " +
                             std::to_string(result.seed) + ") failed: " + e.what());
  }
  return result;
}

std::string serialize(const RunResult& r) {
  std::string out;
  put(out, r.run_id);
  put(out, r.point);
  put(out, r.replicate);
  put(out, r.seed);
  put(out, static_cast<std::uint8_t>(r.ok));
  put(out, r.total_quits);
  put(out, r.numeric_issues);
  put(out, static_cast<std::uint64_t>(r.error.size()));
  out += r.error;
  put(out, static_cast<std::uint64_t>(r.series.size()));
  out.append(reinterpret_cast<const char*>(r.series.data()), r.series.size() * sizeof(double));
  return out;
}

RunResult deserialize(const std::string& in) {
  RunResult r;
  std::size_t at = 0;
  r.run_id = take<long long>(in, at);
  r.point = take<int>(in, at);
  r.replicate = take<int>(in, at);
  r.seed = take<std::uint64_t>(in, at);
  r.ok = take<std::uint8_t>(in, at) != 0;
  r.total_quits = take<double>(in, at);
  r.numeric_issues = take<std::uint64_t>(in, at);
  const auto error_size = take<std::uint64_t>(in, at);
  r.error = in.substr(at, error_size);
  at += error_size;
  r.series.resize(take<std::uint64_t>(in, at));
  // memcpy from or to the null data() of an empty vector is undefined even for 0 bytes (a failed run).
  if (!r.series.empty()) std::memcpy(r.series.data(), in.data() + at, r.series.size() * sizeof(double));
  return r;
}

}  // namespace teamsim

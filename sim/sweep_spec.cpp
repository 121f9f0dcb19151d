#include "sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "atomic_file.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "rng.hpp"
#include "toml_check.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kDesigns = {"grid",  "list",     "random", "latin-hypercube",
                                           "sobol", "saltelli", "morris", "file"};
// Every run's seed is derived from sweep.seed (run_seed), so a scenario seed would be silently ignored.
const char* const kSeedIsTheSweeps =
    "scenario.seed: a sweep's runs take their seeds from sweep.seed (docs/MODEL.md 8.3); set that instead";

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

bool integer_key(const std::string& key) {
  if (key == "team.size" || key == "team.dims" || key == "scenario.steps") return true;
  const ParamSpec* spec = find_param(key);
  return spec && spec->type == ParamType::integer;
}

// Reads one parameter entry: an array of values (grid, list) or a {min, max} table (sampled designs).
SweptParameter read_parameter(const std::string& key, const toml::node& node, Design design) {
  SweptParameter p;
  p.key = key;
  p.integer = integer_key(key);
  const std::string where = "parameters." + key;
  const bool sampled = design != Design::grid && design != Design::list;
  if (sampled) {
    const toml::table& t = require_table(node, where + " (a sampled design needs { min = ..., max = ... })");
    check_keys(t, where, {"min", "max"});
    // An integer range stays within int32, so rounding a sampled value and converting it is exact.
    const Range any = p.integer ? Range{INT32_MIN, INT32_MAX} : Range{-1e300, 1e300};
    p.min = read_real(require(t, node, where, "min"), where + ".min", any);
    p.max = read_real(require(t, node, where, "max"), where + ".max", any);
    if (!(p.max > p.min)) {
      fail(*t.get("max"), where + ": empty range: expected max > min = " + format_number(p.min) + ", found " +
                              format_number(p.max));
    }
    return p;
  }
  if (!node.is_array()) fail(node, where + ": expected an array of values, found " + describe_found(node));
  const toml::array& values = *node.as_array();
  if (values.empty()) fail(node, where + ": empty list of values");
  const ParamSpec* spec = find_param(key);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const toml::node& v = *values.get(i);
    const std::string name = where + "[" + std::to_string(i) + "]";
    if (spec && spec->type == ParamType::choice) {
      std::vector<std::string> names(spec->choices.begin(), spec->choices.end());
      const int index = read_choice(v, name, names);
      p.values.push_back(index);
      p.labels.push_back(names[static_cast<std::size_t>(index)]);
    } else if (spec && spec->type == ParamType::boolean) {
      const bool b = read_bool(v, name);
      p.values.push_back(b ? 1 : 0);
      p.labels.emplace_back(b ? "true" : "false");
    } else if (p.integer) {
      p.values.push_back(static_cast<double>(read_int(v, name, INT32_MIN, INT32_MAX)));
    } else {
      p.values.push_back(read_real(v, name, Range{-1e300, 1e300}));
    }
  }
  return p;
}

// The base scenario, or every swept one.
std::vector<std::string> scenarios_of(const SweepSpec& spec) {
  return spec.scenario_paths.empty() ? std::vector<std::string>{spec.scenario} : spec.scenario_paths;
}

// A scenario named in a sweep file: a path relative to the sweep file or a built-in name.
std::string resolve_relative(const std::string& sweep_path, const toml::node& at, const std::string& key,
                             const std::vector<std::string>& search_dirs) {
  const std::string ref = read_string(at, key);
  try {
    const fs::path relative = fs::path(sweep_path).parent_path() / ref;
    return fs::is_regular_file(relative) ? relative.string() : resolve_scenario(ref, search_dirs);
  } catch (const InputError& e) {
    fail(at, key + ": " + e.what());
  }
}

// `parameters.scenario = ["a", "b"]`: the scenario as a factor of a grid or list (values are indices).
SweptParameter read_scenarios(const toml::node& node, SweepSpec& spec,
                              const std::vector<std::string>& search_dirs) {
  if (spec.design != Design::grid && spec.design != Design::list)
    fail(node, "parameters.scenario: only a grid or list design can sweep the scenario, found design " +
                   kDesigns[static_cast<std::size_t>(spec.design)]);
  if (!node.is_array() || node.as_array()->empty())
    fail(node, "parameters.scenario: expected a non-empty array of scenario names or paths, found " +
                   describe_found(node));
  SweptParameter p;
  p.key = "scenario";
  const toml::array& values = *node.as_array();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string key = "parameters.scenario[" + std::to_string(i) + "]";
    spec.scenario_paths.push_back(resolve_relative(spec.path, *values.get(i), key, search_dirs));
    p.values.push_back(static_cast<double>(i));
    p.labels.push_back(read_string(*values.get(i), key));
  }
  return p;
}

// Tries every value (grid, list) or both ends of the range, so a key that does not exist or a value of
// the wrong type or out of range is reported at the sweep file's position before anything runs. Rules
// between parameters (the attention budget) are checked per point: a point that breaks one is a failed run.
void check_against_scenario(const SweepSpec& spec,
                            const std::vector<std::pair<std::string, const toml::node*>>& swept,
                            const std::vector<std::string>& search_dirs) {
  for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
    const SweptParameter& p = spec.parameters[k];
    if (p.key == "scenario") continue;  // resolved when read
    const toml::node& at = *swept[k].second;
    std::vector<double> trial = p.values;
    if (trial.empty()) trial = {p.min, p.max};
    for (const double raw : trial) {
      const double v = p.integer && p.values.empty() ? std::round(raw) : raw;
      if (const ParamSpec* param = find_param(p.key)) {
        if (!param->allows(v)) {
          fail(at, "parameters." + p.key + ": expected " + param->describe() + ", found " + value_text(p, v));
        }
        continue;
      }
      try {
        for (const auto& scenario : scenarios_of(spec))
          load_scenario(scenario, LoadOptions{search_dirs, spec.sets, {value_override(p, v)}});
      } catch (const InputError& e) {
        // The override's own message starts with its key; other messages name their file and key.
        std::string message = e.what();
        if (message.starts_with(p.key + ": ")) message.erase(0, p.key.size() + 2);
        fail(at, "parameters." + p.key + ": " + message);
      }
    }
  }
}

std::string design_name(Design d) {
  return kDesigns[static_cast<std::size_t>(d)];
}

// Dotted keys may be written quoted ("manager.control" = ...) or as nested tables (manager.control = ...);
// both become one flat list of (dotted key, node). An inline table is a value (a range or a distribution).
void flatten(const toml::table& table, const std::string& prefix,
             std::vector<std::pair<std::string, const toml::node*>>& out) {
  for (auto&& [key, value] : table) {
    const std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    const toml::table* inner = value.as_table();
    if (inner && !inner->is_inline()) {
      flatten(*inner, name, out);
    } else {
      out.emplace_back(name, &value);
    }
  }
}

// ---- load_sweep's parts: reading the tables, counting the points, the canonical text ----

using SweptEntries = std::vector<std::pair<std::string, const toml::node*>>;

// Where in the sweep file the checks after reading point: the [sweep] table, and [parameters] flattened.
struct SweepFile {
  const toml::node* sweep_node = nullptr;
  const toml::table* sweep = nullptr;
  const toml::node* parameters_node = nullptr;  // null when the file has no [parameters]
  SweptEntries swept;                           // (dotted key, node), in the order of spec.parameters
};

// The scenario: sweep.scenario, or a factor `parameters.scenario = [...]` (one of the two). Returns the
// factor, empty when the scenario is not swept.
SweptParameter read_base_scenario(const toml::table& doc, const SweepFile& file, SweepSpec& spec,
                                  const std::vector<std::string>& search_dirs) {
  const toml::table& sweep = *file.sweep;
  const toml::node* swept_scenario = nullptr;
  if (const auto* node = doc.get("parameters"); node && node->is_table())
    swept_scenario = node->as_table()->get("scenario");
  if (swept_scenario && swept_scenario->is_table() && !swept_scenario->as_table()->is_inline())
    swept_scenario = nullptr;  // scenario.steps = [...]: a key of the [scenario] table, not the factor
  if (swept_scenario && sweep.get("scenario"))
    fail(*sweep.get("scenario"), "sweep.scenario: the scenario is swept in parameters.scenario; remove one");
  SweptParameter scenario_factor;
  if (swept_scenario) {
    scenario_factor = read_scenarios(*swept_scenario, spec, search_dirs);
    spec.scenario = spec.scenario_paths.front();
  } else {
    spec.scenario = resolve_relative(spec.path, require(sweep, *file.sweep_node, "sweep", "scenario"),
                                     "sweep.scenario", search_dirs);
  }
  return scenario_factor;
}

// [sweep]: name, design, scenario, replicates, seed and steps; the keys of a design's size are read with
// the points (count_points). Returns the scenario factor (read_base_scenario).
SweptParameter read_sweep_table(const toml::table& doc, SweepFile& file, SweepSpec& spec,
                                const std::vector<std::string>& search_dirs) {
  file.sweep_node = doc.get("sweep");
  if (!file.sweep_node) throw InputError(spec.path + ":1:1: missing table [sweep]");
  const toml::table& sweep = require_table(*file.sweep_node, "sweep");
  file.sweep = &sweep;
  check_keys(sweep, "sweep",
             {"name", "scenario", "design", "points", "replicates", "seed", "steps", "base", "trajectories",
              "levels", "file"});

  spec.name =
      sweep.get("name") ? read_string(*sweep.get("name"), "sweep.name") : fs::path(spec.path).stem().string();
  if (const auto* v = sweep.get("design"))
    spec.design = static_cast<Design>(read_choice(*v, "sweep.design", kDesigns));
  SweptParameter scenario_factor = read_base_scenario(doc, file, spec, search_dirs);
  if (const auto* v = sweep.get("replicates"))
    spec.replicates = static_cast<int>(read_int(*v, "sweep.replicates", 1, kMaxPoints));
  if (const auto* v = sweep.get("seed")) spec.seed = read_seed(*v, "sweep.seed");
  if (const auto* v = sweep.get("steps"))
    spec.steps = static_cast<int>(read_int(*v, "sweep.steps", 1, 10000000));
  return scenario_factor;
}

// [record]: per-run time series, every how many steps, and the form of aggregate.csv.
void read_record(const toml::table& doc, SweepSpec& spec) {
  const auto* node = doc.get("record");
  if (!node) return;
  const toml::table& record = require_table(*node, "record");
  check_keys(record, "record", {"timeseries", "every", "aggregate_form"});
  if (const auto* v = record.get("aggregate_form"))
    spec.aggregate_long = read_choice(*v, "record.aggregate_form", {"wide", "long"}) == 1;
  if (const auto* v = record.get("timeseries")) spec.timeseries = read_bool(*v, "record.timeseries");
  if (const auto* v = record.get("every"))
    spec.every = static_cast<int>(read_int(*v, "record.every", 1, 10000000));
}

// Fixed overrides for every point: [set] with dotted keys, e.g. "manager.policy" = "push". Each is tried on
// every scenario as it is read, so a bad one is reported at its own line.
void read_fixed_sets(const toml::table& doc, SweepSpec& spec, const std::vector<std::string>& search_dirs) {
  const auto* node = doc.get("set");
  if (!node) return;
  SweptEntries fixed;
  flatten(require_table(*node, "set"), "", fixed);
  for (const auto& [key, value] : fixed) {
    if (key == "scenario.seed") fail(*value, kSeedIsTheSweeps);
    if (!value->is_value())
      fail(*value, "set." + key + ": expected a value, found " + describe_found(*value));
    std::string text = describe_found(*value);
    if (value->is_string()) text = std::string(1, '"').append(*value->value<std::string>()).append(1, '"');
    spec.sets.push_back(key + "=" + text);
    try {
      for (const auto& scenario : scenarios_of(spec))
        load_scenario(scenario, LoadOptions{search_dirs, {spec.sets.back()}});
    } catch (const InputError& e) {
      const std::string message = e.what();
      const auto cut = message.find(": ", message.find("--set"));
      fail(*value, "set." + key + ": " + (cut == std::string::npos ? message : message.substr(cut + 2)));
    }
  }
}

// [parameters] (none: replications of the scenario itself at one point, a grid of nothing), and the keys
// of [sweep] that size a design other than this one.
void read_swept_parameters(const toml::table& doc, const SweptParameter& scenario_factor, SweepFile& file,
                           SweepSpec& spec) {
  const toml::table no_parameters;
  file.parameters_node = doc.get("parameters");
  const toml::table& parameters =
      file.parameters_node ? require_table(*file.parameters_node, "parameters") : no_parameters;
  flatten(parameters, "", file.swept);
  if (file.swept.empty() && spec.design == Design::list)
    fail(*file.sweep_node, "sweep: a list design needs parameters");
  if (spec.design == Design::file && file.parameters_node)
    fail(*file.parameters_node,
         "parameters: a file design takes its parameters from the header of its CSV file");
  for (const auto& [key, value] : file.swept) {
    if (key == "scenario.seed") fail(*value, kSeedIsTheSweeps);
    spec.parameters.push_back(key == "scenario" ? scenario_factor : read_parameter(key, *value, spec.design));
  }
  for (const std::string key : {"base", "trajectories", "levels", "file"}) {
    const bool used = (spec.design == Design::saltelli && key == "base") ||
                      (spec.design == Design::morris && (key == "trajectories" || key == "levels")) ||
                      (spec.design == Design::file && key == "file");
    if (file.sweep->get(key) && !used)
      fail(*file.sweep->get(key),
           "sweep." + key + ": not used by a " + design_name(spec.design) + " design; remove it");
  }
}

// A grid: the product of the value counts, checked before every multiplication so it cannot overflow.
int grid_points(const SweepFile& file, const SweepSpec& spec) {
  if (const toml::node* points = file.sweep->get("points"))
    fail(*points,
         "sweep.points: a grid has as many points as the product of the value counts; remove 'points'");
  long long count = 1;
  std::string product;
  for (const auto& p : spec.parameters)
    product += (product.empty() ? "" : " x ") + std::to_string(p.values.size());
  for (const auto& p : spec.parameters) {
    const auto size = static_cast<long long>(p.values.size());
    if (count > kMaxPoints / size) {
      fail(*file.parameters_node, "parameters: the grid has " + product +
                                      " points, more than the maximum of " + std::to_string(kMaxPoints) +
                                      " points");
    }
    count *= size;
  }
  return static_cast<int>(count);
}

// A list: as many points as its value lists, which must be of one length.
int list_points(const SweepFile& file, const SweepSpec& spec) {
  if (const toml::node* points = file.sweep->get("points"))
    fail(*points, "sweep.points: a list has as many points as its value lists; remove 'points'");
  const std::size_t length = spec.parameters.front().values.size();
  for (const auto& p : spec.parameters) {
    if (p.values.size() != length) {
      fail(*file.swept[static_cast<std::size_t>(&p - spec.parameters.data())].second,
           "parameters." + p.key + ": a list design needs value lists of equal length (" +
               std::to_string(length) + "), found " + std::to_string(p.values.size()));
    }
  }
  if (static_cast<long long>(length) > kMaxPoints)
    fail(*file.parameters_node, "parameters: the list has " + std::to_string(length) +
                                    " points, more than the maximum of " + std::to_string(kMaxPoints) +
                                    " points");
  return static_cast<int>(length);
}

// Saltelli: N base points, N(k + 2) runs of the model; Morris: r trajectories of k + 1 points (and its
// grid levels).
void sensitivity_points(const SweepFile& file, SweepSpec& spec) {
  const toml::table& sweep = *file.sweep;
  const bool saltelli = spec.design == Design::saltelli;
  const char* count_key = saltelli ? "base" : "trajectories";
  if (const toml::node* points = sweep.get("points"))
    fail(*points, "sweep.points: a " + design_name(spec.design) + " design has " +
                      (saltelli ? "base x (parameters + 2)" : "trajectories x (parameters + 1)") +
                      " points; give '" + count_key + "' instead");
  if (spec.parameters.empty())
    fail(*file.sweep_node, "sweep: a " + design_name(spec.design) + " design needs parameters");
  const toml::node* count = sweep.get(count_key);
  if (!count)
    fail(*file.sweep_node, "sweep: a " + design_name(spec.design) + " design needs '" + count_key + "'");
  const auto k = static_cast<std::int64_t>(spec.parameters.size());
  const std::int64_t n = read_int(*count, std::string("sweep.") + count_key, 2, 100000000 / (k + 2));
  spec.points = static_cast<int>(n * (saltelli ? k + 2 : k + 1));
  if (const auto* v = sweep.get("levels")) {
    spec.levels = static_cast<int>(read_int(*v, "sweep.levels", 2, 1000));
    if (spec.levels % 2 != 0)
      fail(*v, "sweep.levels: expected an even number of levels (each step moves half of them), found " +
                   std::to_string(spec.levels));
  }
  if (spec.parameters.size() > 500)
    fail(*file.sweep_node, "parameters: " + design_name(spec.design) + " supports at most 500 parameters");
}

// A file design: the points are the rows of a CSV next to the sweep file; its header names the parameters.
void file_points(const SweepFile& file, SweepSpec& spec) {
  if (const toml::node* points = file.sweep->get("points"))
    fail(*points, "sweep.points: a file design has as many points as its CSV has rows; remove 'points'");
  const toml::node* csv = file.sweep->get("file");
  if (!csv)
    fail(*file.sweep_node, "sweep: a file design needs 'file' (a CSV of points next to the sweep file)");
  const std::string name = read_string(*csv, "sweep.file");
  spec.design_file = (fs::path(spec.path).parent_path() / name).string();
  if (!fs::is_regular_file(spec.design_file))
    fail(*csv, "sweep.file: expected a CSV file next to the sweep file, found no file " + spec.design_file);
  DesignFile design = read_design_file(spec.design_file);
  const auto d = design.keys.size();
  spec.parameters = file_parameters(design);
  spec.points = design.points;
  spec.design_file_sha256 = design.sha256;
  spec.sampled =
      std::make_shared<const DesignPoints>(design.points, static_cast<int>(d), std::move(design.values));
}

// The number of design points (and a file design's parameters), checked against the limits.
void count_points(const SweepFile& file, SweepSpec& spec) {
  switch (spec.design) {
    case Design::grid:
      spec.points = grid_points(file, spec);
      break;
    case Design::list:
      spec.points = list_points(file, spec);
      break;
    case Design::saltelli:
    case Design::morris:
      sensitivity_points(file, spec);
      break;
    case Design::file:
      file_points(file, spec);
      break;
    default: {
      const toml::node* points = file.sweep->get("points");
      if (!points) fail(*file.sweep_node, "sweep: a " + design_name(spec.design) + " design needs 'points'");
      spec.points = static_cast<int>(read_int(*points, "sweep.points", 1, kMaxPoints));
      if (spec.design == Design::sobol && spec.parameters.size() > 1000)
        fail(*file.sweep_node, "parameters: sobol supports at most 1000 parameters");
      break;
    }
  }
}

// Canonical text: what defines the results (not the file's layout or comments).
std::string canonical_text(const SweepSpec& spec, const std::vector<std::string>& search_dirs) {
  std::string c;
  for (const auto& scenario : scenarios_of(spec))
    c += "scenario_sha256=" +
         sha256_hex(to_toml(load_scenario(scenario, LoadOptions{search_dirs, spec.sets}))) + "\n";
  c += "design=" + design_name(spec.design) + "\npoints=" + std::to_string(spec.points) +
       "\nreplicates=" + std::to_string(spec.replicates) + "\nseed=" + std::to_string(spec.seed) +
       "\nsteps=" + std::to_string(spec.steps) + "\ntimeseries=" + (spec.timeseries ? "true" : "false") +
       "\nevery=" + std::to_string(spec.every) + "\n";
  if (spec.aggregate_long) c += "aggregate_form=long\n";
  if (spec.design == Design::morris) c += "levels=" + std::to_string(spec.levels) + "\n";
  if (spec.design == Design::file) c += "file_sha256=" + spec.design_file_sha256 + "\n";
  for (const auto& p : spec.parameters) {
    c.append("parameter=").append(p.key).append(p.integer ? " integer" : " real");
    for (std::size_t i = 0; i < p.values.size(); ++i) c.append(" ").append(value_text(p, p.values[i]));
    if (p.values.empty()) c += " [" + format_number(p.min) + ", " + format_number(p.max) + "]";
    c += "\n";
  }
  return c;
}

}  // namespace

std::uint64_t run_seed(std::uint64_t base_seed, int point, int replicate) {
  std::uint64_t s = splitmix64(base_seed);
  s = splitmix64(s ^ static_cast<std::uint64_t>(point));
  return splitmix64(s ^ static_cast<std::uint64_t>(replicate));
}

std::string value_text(const SweptParameter& parameter, double value) {
  if (!parameter.labels.empty()) {
    const auto it = std::find(parameter.values.begin(), parameter.values.end(), value);
    return parameter.labels[static_cast<std::size_t>(it - parameter.values.begin())];
  }
  // An integer is written as one (200000, never "2e+05"): it must read back as an integer.
  if (parameter.integer) return std::to_string(static_cast<long long>(value));
  return format_number(value);
}

Override value_override(const SweptParameter& parameter, double value) {
  if (!parameter.labels.empty()) {
    const ParamSpec* spec = find_param(parameter.key);
    if (spec && spec->type == ParamType::boolean) return {parameter.key, value != 0};
    return {parameter.key, value_text(parameter, value)};
  }
  if (parameter.integer) return {parameter.key, static_cast<std::int64_t>(value)};
  return {parameter.key, value};
}

SweepSpec load_sweep(const std::string& path, const std::vector<std::string>& search_dirs) {
  const toml::table doc = parse_toml_file(path);
  check_keys(doc, "the sweep file", {"sweep", "parameters", "record", "set"});
  SweepSpec spec;
  spec.path = path;
  SweepFile file;
  const SweptParameter scenario_factor = read_sweep_table(doc, file, spec, search_dirs);
  read_record(doc, spec);
  read_fixed_sets(doc, spec, search_dirs);
  read_swept_parameters(doc, scenario_factor, file, spec);
  count_points(file, spec);
  // points x replicates, without overflow (both are at most kMaxPoints, so the product fits in 64 bits).
  if (static_cast<long long>(spec.points) > kMaxRuns / spec.replicates) {
    fail(*file.sweep_node, "sweep: " + std::to_string(spec.points) + " points x " +
                               std::to_string(spec.replicates) + " replicates is more than the maximum of " +
                               std::to_string(kMaxRuns) + " runs");
  }
  // A file design's values were each checked against their parameter, at their line and column.
  if (spec.design != Design::file) check_against_scenario(spec, file.swept, search_dirs);
  if (spec.design != Design::grid && spec.design != Design::list && spec.design != Design::file) {
    spec.sampled = std::make_shared<const DesignPoints>(
        spec.design, spec.seed, spec.points, static_cast<int>(spec.parameters.size()), spec.levels);
  }
  spec.canonical = canonical_text(spec, search_dirs);
  spec.sha256 = sha256_hex(spec.canonical);
  return spec;
}

std::vector<double> point_values(const SweepSpec& spec, int point) {
  const std::size_t d = spec.parameters.size();
  std::vector<double> v(d);
  switch (spec.design) {
    case Design::grid: {
      // The last parameter varies fastest.
      long long rest = point;
      for (std::size_t k = d; k-- > 0;) {
        const auto& values = spec.parameters[k].values;
        v[k] = values[static_cast<std::size_t>(rest % static_cast<long long>(values.size()))];
        rest /= static_cast<long long>(values.size());
      }
      return v;
    }
    case Design::list:
      for (std::size_t k = 0; k < d; ++k) v[k] = spec.parameters[k].values[static_cast<std::size_t>(point)];
      return v;
    default:
      // Sampled designs: computed once per sweep (design.cpp).
      spec.sampled->point(point, v.data());
      if (spec.sampled->values_given()) return v;
      break;
  }
  // Map unit coordinates onto the ranges; integers round to nearest.
  for (std::size_t k = 0; k < d; ++k) {
    const auto& p = spec.parameters[k];
    v[k] = p.min + (p.max - p.min) * v[k];
    if (p.integer) v[k] = std::round(v[k]);
  }
  return v;
}

std::vector<std::string> point_sets(const SweepSpec& spec, int point) {
  std::vector<std::string> sets = spec.sets;
  const auto values = point_values(spec, point);
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (spec.parameters[k].key == "scenario") continue;  // chooses the file: point_scenario
    sets.push_back(spec.parameters[k].key + "=" + value_text(spec.parameters[k], values[k]));
  }
  return sets;
}

std::vector<Override> point_overrides(const SweepSpec& spec, int point) {
  std::vector<Override> overrides;
  const auto values = point_values(spec, point);
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (spec.parameters[k].key == "scenario") continue;  // chooses the file: point_scenario
    overrides.push_back(value_override(spec.parameters[k], values[k]));
  }
  return overrides;
}

}  // namespace teamsim

namespace teamsim {

const std::string& point_scenario(const SweepSpec& spec, int point) {
  if (spec.scenario_paths.empty()) return spec.scenario;
  const auto values = point_values(spec, point);
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (spec.parameters[k].key == "scenario") return spec.scenario_paths[static_cast<std::size_t>(values[k])];
  }
  return spec.scenario;
}

int seed_point(const SweepSpec& spec, int point) {
  if (spec.scenario_paths.empty()) return point;
  std::size_t factor = 0;
  while (spec.parameters[factor].key != "scenario") ++factor;
  if (spec.design == Design::grid) {
    // Mixed radix, the last parameter fastest: zero the scenario's digit.
    long long stride = 1;
    for (std::size_t k = spec.parameters.size(); --k > factor;)
      stride *= static_cast<long long>(spec.parameters[k].values.size());
    const long long radix = static_cast<long long>(spec.parameters[factor].values.size());
    const long long digit = point / stride % radix;
    return static_cast<int>(point - digit * stride);
  }
  // A list: the first point whose other values are the same.
  const auto values = point_values(spec, point);
  for (int p = 0; p < point; ++p) {
    const auto other = point_values(spec, p);
    bool same = true;
    for (std::size_t k = 0; k < values.size() && same; ++k) same = k == factor || other[k] == values[k];
    if (same) return p;
  }
  return point;
}

bool is_sweep_file(const std::string& path) {
  try {
    return parse_toml_file(path).contains("sweep");  // through the toml++ guard
  } catch (const InputError&) {
    return false;
  }
}

std::vector<std::pair<std::string, std::string>> list_sweeps(const std::vector<std::string>& search_dirs) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& dir : search_dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(dir) / "sweeps", ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const std::string name = file.stem().string();
      const bool seen =
          std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.first == name; });
      if (!seen) found.emplace_back(name, file.string());  // an earlier directory wins
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string resolve_sweep(const std::string& ref, const std::vector<std::string>& search_dirs) {
  if (fs::is_regular_file(ref)) return ref;
  const bool path_like = ref.find('/') != std::string::npos || ref.ends_with(".toml");
  if (path_like) throw InputError(ref + ": no such file");
  std::vector<std::string> names;
  for (const auto& [name, file] : list_sweeps(search_dirs)) {
    if (name == ref) return file;
    names.push_back(name);
  }
  const std::string near = nearest(ref, names);
  throw InputError("no sweep file or built-in sweep named '" + ref + "'" +
                   (near.empty() ? "" : "; did you mean '" + near + "'?") + " (see `teamsim list`)");
}

}  // namespace teamsim

// teamsim: the command-line front end. A thin layer over the library: it parses arguments, loads and
// checks input, and maps failures to exit codes (0 success, 1 failure while running, 2 bad input).
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "input_error.hpp"
#include "memory_check.hpp"
#include "param_registry.hpp"
#include "run_output.hpp"
#include "run_record.hpp"
#include "scenario.hpp"
#include "sweep_spec.hpp"
#include "teamsim/version.hpp"
#include "toml_check.hpp"

namespace po = boost::program_options;
using namespace teamsim;
using namespace teamsim::cli;

namespace {

const char* const kUsage =
    R"(teamsim — agent-based simulation of management, informal leadership, productivity and morale

usage:
  teamsim run SCENARIO [-o DIR] [--seed N] [--steps N] [--set KEY=VALUE]... [--agents] [--network K]
                       [--every K] [--force] [--quiet]
  teamsim validate FILE...
  teamsim list [--scenarios | --sweeps]
  teamsim show SCENARIO [--set KEY=VALUE]...
  teamsim sweep SWEEP [-o DIR] [--threads N] [--shard I/N] [--resume] [--dry-run] [--quiet]
  teamsim merge DIR... [-o OUT]
  teamsim compare A B [--replicates N] [--window a:b] [--seed S] [--steps N] [--set KEY=VALUE]...
                      [--threads N] [--csv]
  teamsim sensitivity SWEEP_DIR [-o CSV] [--bootstrap N] [--seed N] [--quiet]
  teamsim calibrate CALIBRATION [-o DIR] [--threads N] [--shard I/N | --gather] [--quiet]
  teamsim --help | --version

SCENARIO is a path to a .toml file, the name of a built-in scenario, or an earlier run's run.json
(repeats that run); SWEEP a path to a sweep file or the name of a built-in sweep (see `teamsim list`).
Under mpirun, use teamsim-mpi (the same commands; sweep and calibrate run on every rank).
Exit codes: 0 success, 1 a failure while running, 2 bad usage or bad input (nothing written).
`teamsim COMMAND --help` describes a command's options.
)";

// Where built-in scenario names are looked up: $TEAMSIM_SCENARIOS (colon-separated), the installed
// share folder beside the executable, then the source tree the binary was built from.
std::vector<std::string> scenario_dirs(const char* argv0) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("TEAMSIM_SCENARIOS")) {
    std::stringstream list(env);
    for (std::string dir; std::getline(list, dir, ':');) {
      if (!dir.empty()) dirs.push_back(dir);
    }
  }
  std::error_code ec;
  const auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  const auto base = ec ? std::filesystem::path(argv0).parent_path() : exe.parent_path();
  dirs.push_back((base / "../share/teamsim/scenarios").lexically_normal().string());
  dirs.emplace_back(TEAMSIM_SOURCE_SCENARIOS);
  return dirs;
}

const std::vector<std::string> kCommands = {"run",   "validate", "list",        "show",     "sweep",
                                            "merge", "compare",  "sensitivity", "calibrate"};

// Forwards to the writer and shows progress: redrawn on a terminal, a line every few seconds in a log.
class Progress final : public Observer {
 public:
  Progress(Observer& inner, int steps, ProgressMode mode)
      : inner_(inner),
        steps_(steps),
        mode_(mode),
        every_(mode == ProgressMode::log ? log_progress_seconds() : 0.2) {}
  void on_record(const State& s, const Metrics& m) override {
    inner_.on_record(s, m);
    if (mode_ == ProgressMode::none) return;
    const auto now = std::chrono::steady_clock::now();
    if (mode_ == ProgressMode::log) {
      if (std::chrono::duration<double>(now - last_).count() < every_) return;
      last_ = now;
      std::cerr << "step " << s.t << "/" << steps_ << "\n" << std::flush;
      return;
    }
    if (std::chrono::duration<double>(now - last_).count() < every_ && s.t != steps_) return;
    last_ = now;
    std::cerr << "\rstep " << s.t << "/" << steps_ << (s.t == steps_ ? "\n" : "") << std::flush;
  }
  void on_event(const EventRecord& e) override { inner_.on_event(e); }

 private:
  Observer& inner_;
  int steps_;
  ProgressMode mode_;
  double every_;  // seconds between lines
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

int command_run(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim run SCENARIO [options]");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "output folder (default: out/NAME)")(
      "seed", po::value<std::string>(), "random seed, 0 to 2^64-1 (default: the scenario's)")(
      "steps", po::value<int>(), "number of steps (default: the scenario's)")(
      "set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE: override a scenario value")(
      "agents", "also write agents.csv (one row per agent per recorded step)")(
      "network", po::value<int>(), "write network.csv every K steps, at t = 0 and at event steps")(
      "every", po::value<int>()->default_value(1), "record every K steps")(
      "force", "write into a folder that holds other files than an earlier run's (never a sweep folder)")(
      "quiet,q", "no progress on stderr");
  const auto vm = parse(args, options, "scenario", 1);
  if (vm.count("help")) {
    print_help(
        "Runs one scenario and writes timeseries.csv, events.csv and run.json into a folder.\n"
        "SCENARIO is a .toml path or a built-in name (`teamsim list`). Progress goes to stderr:\n"
        "redrawn on a terminal, else a line every TEAMSIM_PROGRESS_SECONDS (default 5) seconds.\n",
        options);
    return kOk;
  }
  if (!vm.count("scenario"))
    throw InputError("run: missing SCENARIO (a .toml path or a name from `teamsim list`)");

  LoadOptions load{dirs,
                   vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{}};
  const std::string ref = vm["scenario"].as<std::vector<std::string>>().front();
  int every = vm["every"].as<int>();
  Model model;
  if (ref.ends_with(".json")) {
    // An earlier run's record: its resolved scenario holds the seed and steps; `every` is beside it.
    const RunRecord record = read_run_record(ref);
    std::cerr << other_build_note(ref, record);
    model = load_scenario_text(record.resolved_scenario, ref + " (resolved_scenario)", load);
    if (vm["every"].defaulted()) every = record.every;
  } else {
    model = load_scenario(ref, load);
  }
  if (vm.count("steps")) {
    const int steps = vm["steps"].as<int>();
    if (steps < 1) throw InputError("--steps: expected an integer >= 1, found " + std::to_string(steps));
    model.steps = steps;
  }
  if (vm.count("seed")) {
    const std::string text = vm["seed"].as<std::string>();
    if (const std::string expected = parse_seed(text, model.seed); !expected.empty())
      throw InputError("--seed: expected " + expected + ", found '" + text + "'");
  }
  if (every < 1) throw InputError("--every: expected an integer >= 1, found " + std::to_string(every));
  const int network = vm.count("network") ? vm["network"].as<int>() : 0;
  if (vm.count("network") && network < 1)
    throw InputError("--network: expected an integer >= 1, found " + std::to_string(network));

  check_fits_in_memory(model, 1);  // before anything is written
  OutputOptions output{vm.count("output") ? vm["output"].as<std::string>() : "out/" + model.name,
                       vm.count("agents") > 0, network, vm.count("force") > 0};
  const std::string resolved = to_toml(model);
  const std::string started = utc_now();
  const auto clock = std::chrono::steady_clock::now();

  RunWriter writer(model, output);
  Progress progress(writer, model.steps, progress_mode(vm.count("quiet") > 0));
  const RunSummary summary = simulate(model, RunSettings{model.steps, model.seed, every}, progress);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();

  writer.finish(run_record_json(model, every, resolved, started, wall, summary));
  if (!vm.count("quiet"))
    std::cerr << "wrote " << output.dir << "/ (timeseries.csv, events.csv, run.json"
              << (output.agents ? ", agents.csv" : "") << (network ? ", network.csv" : "") << ")\n";
  return kOk;
}

int command_validate(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim validate FILE...");
  options.add_options()("help,h", "show this help");
  const auto vm = parse(args, options, "files", -1);
  if (vm.count("help")) {
    print_help(
        "Checks scenario files and sweep files (a file with a [sweep] table is checked as a sweep,\n"
        "including every swept value against its scenario). Prints FILE: ok, or the first error\n"
        "of each file with its line and column; exit code 2 when any file is bad.\n",
        options);
    return kOk;
  }
  if (!vm.count("files")) throw InputError("validate: missing FILE");
  int status = kOk;
  for (const auto& file : vm["files"].as<std::vector<std::string>>()) {
    try {
      if (is_sweep_file(file)) {
        const SweepSpec spec = load_sweep(file, dirs);
        std::cout << file << ": ok (sweep " << spec.name << ", " << spec.points << " points x "
                  << spec.replicates << " replicates = " << spec.runs() << " runs)\n";
        continue;
      }
      const Model model = load_scenario(file, LoadOptions{dirs, {}});
      std::cout << file << ": ok (" << model.name << ", " << model.steps << " steps, " << model.events.size()
                << " events)\n";
    } catch (const InputError& e) {
      std::cerr << "error: " << e.what() << "\n";
      status = kBadInput;
    }
  }
  return status;
}

int command_list(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim list [options]");
  options.add_options()("help,h", "show this help")("sweeps", "list the built-in sweeps only")(
      "scenarios", "list the built-in scenarios only");
  const auto vm = parse(args, options, "unexpected", 0);
  if (vm.count("help")) {
    print_help(
        "Lists the built-in scenarios (name and description), then the built-in sweeps\n"
        "(`teamsim sweep NAME` runs one). Both are looked up in $TEAMSIM_SCENARIOS, the installed\n"
        "share/teamsim/scenarios and the source tree's scenarios/ (sweeps in their sweeps/).\n",
        options);
    return kOk;
  }
  const auto scenarios = list_scenarios(dirs);
  const auto sweeps = list_sweeps(dirs);
  std::size_t width = 0;
  for (const auto& s : scenarios) width = std::max(width, s.name.size());
  for (const auto& s : sweeps) width = std::max(width, s.first.size());
  if (!vm.count("sweeps")) {
    for (const auto& s : scenarios)
      std::cout << s.name << std::string(width + 2 - s.name.size(), ' ') << s.description << "\n";
  }
  if (!vm.count("scenarios") && !sweeps.empty()) {
    if (!vm.count("sweeps")) std::cout << "\nsweeps (teamsim sweep NAME):\n";
    for (const auto& [name, path] : sweeps)
      std::cout << name << std::string(width + 2 - name.size(), ' ') << path << "\n";
  }
  return kOk;
}

int command_show(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim show SCENARIO [--set KEY=VALUE]...");
  options.add_options()("help,h", "show this help")("set", po::value<std::vector<std::string>>()->composing(),
                                                    "KEY=VALUE: override a scenario value");
  const auto vm = parse(args, options, "scenario", 1);
  if (vm.count("help")) {
    print_help(
        "Prints the fully resolved scenario (after extends and --set) as TOML: every parameter, in\n"
        "the order of docs/MODEL.md section 9. The output is itself a valid scenario file.\n",
        options);
    return kOk;
  }
  if (!vm.count("scenario")) throw InputError("show: missing SCENARIO");
  LoadOptions load{dirs,
                   vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{}};
  std::cout << to_toml(load_scenario(vm["scenario"].as<std::vector<std::string>>().front(), load));
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> dirs = scenario_dirs(argv[0]);
  if (argc < 2) {
    std::cerr << kUsage;
    return kBadInput;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return kOk;
    }
    if (command == "--version") {
      std::cout << "teamsim " << kVersion << " (" << kGitRevision << ", " << kBuildType << ")\n";
      return kOk;
    }
    if (command == "run") return command_run(args, dirs);
    if (command == "validate") return command_validate(args, dirs);
    if (command == "list") return command_list(args, dirs);
    if (command == "show") return command_show(args, dirs);
    if (command == "sweep") return command_sweep(args, dirs);
    if (command == "merge") return command_merge(args);
    if (command == "compare") return command_compare(args, dirs);
    if (command == "sensitivity") return command_sensitivity(args);
    if (command == "calibrate") return command_calibrate(args, dirs);
    const std::string near = nearest(command, kCommands);
    std::cerr << "error: unknown command '" << command << "'"
              << (near.empty() ? "" : "; did you mean '" + near + "'?") << " (see `teamsim --help`)\n";
    return kBadInput;
  } catch (const InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kBadInput;
  } catch (const po::error& e) {
    std::cerr << "error: " << e.what() << " (see `teamsim " << command << " --help`)\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "teamsim: failed: " << e.what() << "\n";
    return kFailed;
  }
}

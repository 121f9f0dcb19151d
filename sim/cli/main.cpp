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
#include "run_output.hpp"
#include "scenario.hpp"
#include "teamsim/version.hpp"

namespace po = boost::program_options;
using namespace teamsim;
using namespace teamsim::cli;

namespace {

const char* const kUsage =
    R"(teamsim — agent-based simulation of management, informal leadership, productivity and morale

usage:
  teamsim run SCENARIO [-o DIR] [--seed N] [--steps N] [--set KEY=VALUE]... [--agents] [--network K]
                       [--every K] [--quiet]
  teamsim validate FILE...
  teamsim list
  teamsim show SCENARIO [--set KEY=VALUE]...
  teamsim sweep SWEEP [-o DIR] [--threads N] [--shard I/N] [--resume] [--dry-run] [--quiet]
  teamsim merge DIR... [-o OUT]
  teamsim --help | --version

SCENARIO is a path to a .toml file or the name of a built-in scenario (see `teamsim list`).
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

// Forwards to the writer and shows progress on a terminal.
class Progress final : public Observer {
 public:
  Progress(Observer& inner, int steps, bool show) : inner_(inner), steps_(steps), show_(show) {}
  void on_record(const State& s, const Metrics& m) override {
    inner_.on_record(s, m);
    if (!show_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && s.t != steps_) return;
    last_ = now;
    std::cerr << "\rstep " << s.t << "/" << steps_ << (s.t == steps_ ? "\n" : "") << std::flush;
  }
  void on_event(const EventRecord& e) override { inner_.on_event(e); }

 private:
  Observer& inner_;
  int steps_;
  bool show_;
  std::chrono::steady_clock::time_point last_{};
};

int command_run(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim run SCENARIO [options]");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "output folder (default: out/NAME)")(
      "seed", po::value<std::uint64_t>(), "random seed (default: the scenario's)")(
      "steps", po::value<int>(), "number of steps (default: the scenario's)")(
      "set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE: override a scenario value")(
      "agents", "also write agents.csv (one row per agent per recorded step)")(
      "network", po::value<int>(), "write network.csv every K steps, at t = 0 and at event steps")(
      "every", po::value<int>()->default_value(1), "record every K steps")("quiet,q",
                                                                           "no progress on stderr");
  const auto vm = parse(args, options, "scenario", 1);
  if (vm.count("help")) {
    std::cout << options;
    return kOk;
  }
  if (!vm.count("scenario"))
    throw InputError("run: missing SCENARIO (a .toml path or a name from `teamsim list`)");

  LoadOptions load{dirs,
                   vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{}};
  Model model = load_scenario(vm["scenario"].as<std::vector<std::string>>().front(), load);
  if (vm.count("steps")) {
    const int steps = vm["steps"].as<int>();
    if (steps < 1) throw InputError("--steps: expected an integer >= 1, found " + std::to_string(steps));
    model.steps = steps;
  }
  if (vm.count("seed")) model.seed = vm["seed"].as<std::uint64_t>();
  const int every = vm["every"].as<int>();
  if (every < 1) throw InputError("--every: expected an integer >= 1, found " + std::to_string(every));
  const int network = vm.count("network") ? vm["network"].as<int>() : 0;
  if (vm.count("network") && network < 1)
    throw InputError("--network: expected an integer >= 1, found " + std::to_string(network));

  OutputOptions output{vm.count("output") ? vm["output"].as<std::string>() : "out/" + model.name,
                       vm.count("agents") > 0, network};
  const std::string resolved = to_toml(model);
  const std::string started = utc_now();
  const auto clock = std::chrono::steady_clock::now();

  RunWriter writer(model, output);
  Progress progress(writer, model.steps, !vm.count("quiet") && isatty(STDERR_FILENO));
  const RunSummary summary = simulate(model, RunSettings{model.steps, model.seed, every}, progress);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();

  nlohmann::ordered_json json;
  json["teamsim_version"] = kVersion;
  json["git_revision"] = kGitRevision;
  json["build_type"] = kBuildType;
  json["scenario"] = model.name;
  json["scenario_sha256"] = sha256_hex(resolved);
  json["seed"] = model.seed;
  json["steps"] = model.steps;
  json["every"] = every;
  json["host"] = host_name();
  json["start_time"] = started;
  json["wall_time_seconds"] = wall;
  json["numeric_issues"] = summary.numeric_issues;
  json["random_words"] = summary.random_words;
  json["resolved_scenario"] = resolved;
  writer.finish(json.dump(2) + "\n");
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
    std::cout << options;
    return kOk;
  }
  if (!vm.count("files")) throw InputError("validate: missing FILE");
  int status = kOk;
  for (const auto& file : vm["files"].as<std::vector<std::string>>()) {
    try {
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

int command_list(const std::vector<std::string>& dirs) {
  const auto scenarios = list_scenarios(dirs);
  std::size_t width = 0;
  for (const auto& s : scenarios) width = std::max(width, s.name.size());
  for (const auto& s : scenarios)
    std::cout << s.name << std::string(width + 2 - s.name.size(), ' ') << s.description << "\n";
  return kOk;
}

int command_show(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim show SCENARIO [--set KEY=VALUE]...");
  options.add_options()("help,h", "show this help")("set", po::value<std::vector<std::string>>()->composing(),
                                                    "KEY=VALUE: override a scenario value");
  const auto vm = parse(args, options, "scenario", 1);
  if (vm.count("help")) {
    std::cout << options;
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
    if (command == "list") return command_list(dirs);
    if (command == "show") return command_show(args, dirs);
    if (command == "sweep") return command_sweep(args, dirs);
    if (command == "merge") return command_merge(args);
    std::cerr << "teamsim: unknown command '" << command << "'\n\n" << kUsage;
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

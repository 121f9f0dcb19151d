// `teamsim calibrate CALIBRATION`: ABC rejection or ABC-SMC of chosen parameters against an observed
// team's series (README "Calibration"). Writes posterior.csv, predictive.csv and calibration.json.
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "atomic_file.hpp"
#include "calibration.hpp"
#include "calibration_shards.hpp"
#include "commands.hpp"
#include "folder_lock.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "mpi_sweep.hpp"
#include "scenario.hpp"
#include "teamsim/version.hpp"

namespace po = boost::program_options;

namespace teamsim::cli {
namespace {

std::string number(double v) {
  std::string s;
  append_number(s, v);
  return s;
}

// The output folder's files from a finished calibration: posterior.csv, predictive.csv, then
// calibration.json (last: it marks the folder complete). `parallel` holds the provenance of how it ran.
void write_results(const CalibrationSpec& spec, const CalibrationResult& result, const std::string& dir,
                   const nlohmann::ordered_json& parallel, bool quiet);

// A shard's report of the round it worked on (stdout, for the job log).
void report_shard(const ShardRounds& rounds, const CalibrationResult& result, Shard shard,
                  const std::string& command) {
  if (result.complete) {
    std::cout << "every round is in; write the results with: " << command << " --gather\n";
    return;
  }
  const PendingRound& p = rounds.pending();
  std::cout << "round " << p.round << " (generation " << p.generation << ", proposals " << p.first << ".."
            << p.first + p.count - 1 << "): shard " << shard.index << "/" << shard.count
            << (rounds.wrote() ? " written" : " was already in") << "; " << p.done.size() << " of "
            << shard.count << " shards in\n";
}

// The gather step's report when a round is not all in.
void report_pending(const PendingRound& p) {
  std::cout << "round " << p.round << " (generation " << p.generation << ", proposals " << p.first << ".."
            << p.first + p.count - 1 << ") is pending: ";
  if (p.shards == 0) {
    std::cout << "no shard has written it yet";
  } else {
    std::cout << p.done.size() << " of " << p.shards << " shards in, missing";
    for (int i = 0, k = 0; i < p.shards; ++i) {
      if (k < static_cast<int>(p.done.size()) && p.done[static_cast<std::size_t>(k)] == i) {
        ++k;
      } else {
        std::cout << " " << i;
      }
    }
  }
  std::cout << "; run the shards (again), then --gather\n";
}

// The shard path: this process's share of the pending round (`shard`), or the gather step (shard count 0),
// which writes the results through `finish` once every round is in.
int run_on_shards(const CalibrationSpec& spec, const TaskSimulator& simulator, const std::string& dir,
                  Shard shard, int threads, const std::string& command,
                  const std::function<void(const CalibrationResult&, int)>& finish) {
  const bool sharded = shard.count > 0;
  const std::string identity = calibration_identity(spec, simulator.base());
  auto rounds = std::make_unique<ShardRounds>(simulator, dir, identity, shard, threads);
  CalibrationResult result = calibrate(spec, *rounds, nullptr);
  // A single shard has every round to itself: it goes on, one round file at a time (resumable).
  while (sharded && shard.count == 1 && !result.complete && rounds->wrote()) {
    rounds = std::make_unique<ShardRounds>(simulator, dir, identity, shard, threads);
    result = calibrate(spec, *rounds, nullptr);
  }
  if (sharded) {
    report_shard(*rounds, result, shard, command);
  } else if (!result.complete) {
    report_pending(rounds->pending());
    return kPending;  // not a success: the results are not written yet
  } else {
    const FolderLock lock(dir);  // one gather writes the results at a time
    finish(result, 1);
  }
  return kOk;
}

}  // namespace

int command_calibrate(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim calibrate CALIBRATION [options]");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "output folder (default: out/NAME)")(
      "threads", po::value<int>(), "worker threads (default: the number of cores)")(
      "shard", po::value<std::string>(),
      "simulate shard I of N (0-based) of the pending round into the output folder; default from "
      "SLURM_ARRAY_TASK_ID")("gather", "after the shards: write the results once every round is in")(
      "quiet,q", "no progress or summary");
  const auto vm = parse(args, options, "calibration", 1);
  if (vm.count("help")) {
    print_help(
        "Fits chosen parameters of a scenario to observed data by ABC (rejection or SMC) and writes\n"
        "posterior.csv, predictive.csv and calibration.json. Runs on --threads, on MPI ranks under\n"
        "mpirun (teamsim-mpi), or on shards: `--shard I/N` (or a Slurm array task) simulates its share of\n"
        "the first round not yet in the output folder; `--gather` writes the results when all are in.\n"
        "The results are the same for any threads, ranks or shards.\n",
        options);
    return kOk;
  }
  if (!vm.count("calibration")) throw InputError("calibrate: missing CALIBRATION (a calibration .toml file)");
  const std::string file = vm["calibration"].as<std::vector<std::string>>().front();
  const CalibrationSpec spec = load_calibration(file, dirs);
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (vm.count("threads")) {
    threads = vm["threads"].as<int>();
    if (threads < 1 || threads > 4096)
      throw InputError("--threads: expected an integer in [1, 4096], found " + std::to_string(threads));
  }
  const bool gather = vm.count("gather") > 0;
  const bool sharded = !gather && (vm.count("shard") > 0 || std::getenv("SLURM_ARRAY_TASK_ID") != nullptr);
  if (gather && vm.count("shard")) throw InputError("--gather and --shard: expected one of them, found both");
  const Shard shard = sharded ? read_shard(vm) : Shard{};
  if ((gather || sharded) && mpi_launched())
    throw InputError(std::string(gather ? "--gather" : "--shard") +
                     ": expected a process of its own (shards do not talk to each other), found mpirun");
  const std::string dir = vm.count("output") ? vm["output"].as<std::string>() : "out/" + spec.name;
  Model base = load_scenario(spec.scenario, LoadOptions{dirs, spec.sets});
  base.steps = spec.steps;

  const bool quiet = vm.count("quiet") > 0;
  const bool show = !quiet && isatty(STDERR_FILENO) && !sharded;
  const auto clock = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  auto progress = [&](int g, int accepted, long long sims) {
    if (show)
      std::fprintf(stderr, "\rgeneration %d: %d/%d particles, %lld simulations   ", g, accepted,
                   spec.particles, sims);
  };
  auto provenance = [&](const CalibrationResult& result, int ranks) {
    nlohmann::ordered_json p;
    p["threads"] = threads;
    p["mpi_ranks"] = ranks;
    p["from_shards"] = gather;
    p["rounds"] = result.rounds;
    p["host"] = host_name();
    p["start_time"] = started;
    p["wall_time_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();
    return p;
  };
  auto finish = [&](const CalibrationResult& result, int ranks) {
    if (show) std::fputc('\n', stderr);
    write_results(spec, result, dir, provenance(result, ranks), quiet);
  };

  if (mpi_launched()) return mpi_calibrate(spec, base, threads, progress, finish);
  const TaskSimulator simulator(spec, base);
  if (!sharded && !gather) {
    ThreadRounds runner(simulator, threads);
    finish(calibrate(spec, runner, progress), 1);
    return kOk;
  }
  return run_on_shards(spec, simulator, dir, sharded ? shard : Shard{0, 0}, threads,
                       "teamsim calibrate " + file + " -o " + dir, finish);
}

namespace {

// posterior.csv: every generation's particles (the last generation is the posterior).
std::string posterior_csv(const CalibrationSpec& spec, const CalibrationResult& result) {
  const std::size_t d = spec.parameters.size();
  std::string posterior = "generation,particle";
  for (const auto& p : spec.parameters) posterior += "," + p.key;
  posterior += ",weight,distance\n";
  for (std::size_t g = 0; g < result.generations.size(); ++g) {
    const Generation& gen = result.generations[g];
    for (std::size_t i = 0; i < gen.weights.size(); ++i) {
      posterior += std::to_string(g) + "," + std::to_string(i);
      for (std::size_t k = 0; k < d; ++k) posterior += "," + number(gen.particles[i * d + k]);
      posterior += "," + number(gen.weights[i]) + "," + number(gen.distances[i]) + "\n";
    }
  }
  return posterior;
}

// predictive.csv: each posterior particle's replicate means at the observed times.
std::string predictive_csv(const CalibrationSpec& spec, const Generation& last) {
  const auto& obs = spec.observed;
  std::string predictive = "particle,weight,t";
  for (const auto& m : obs.metrics) predictive += "," + m;
  predictive += "\n";
  const std::size_t cells = obs.values.size();
  for (std::size_t i = 0; i < last.weights.size(); ++i) {
    for (std::size_t ti = 0; ti < obs.times.size(); ++ti) {
      predictive += std::to_string(i) + "," + number(last.weights[i]) + "," + std::to_string(obs.times[ti]);
      for (std::size_t j = 0; j < obs.metrics.size(); ++j)
        predictive += "," + number(last.predicted[i * cells + ti * obs.metrics.size() + j]);
      predictive += "\n";
    }
  }
  return predictive;
}

// calibration.json: posterior summary, generations, the distance's scales, provenance.
nlohmann::ordered_json calibration_json(const CalibrationSpec& spec, const CalibrationResult& result,
                                        const nlohmann::ordered_json& parallel) {
  const std::size_t d = spec.parameters.size();
  const auto& obs = spec.observed;
  const auto summary = summarize(result.generations.back(), d);
  nlohmann::ordered_json json;
  json["teamsim_version"] = kVersion;
  json["git_revision"] = kGitRevision;
  json["calibration"] = spec.name;
  json["calibration_file"] = spec.path;
  json["scenario"] = spec.scenario;
  json["observed"] = obs.path;
  json["method"] = spec.method == AbcMethod::rejection ? "rejection" : "smc";
  json["seed"] = spec.seed;
  json["replicates"] = spec.replicates;
  json["particles"] = spec.particles;
  json["steps"] = spec.steps;
  for (std::size_t k = 0; k < d; ++k) {
    json["posterior"][spec.parameters[k].key] = {{"prior_min", spec.parameters[k].min},
                                                 {"prior_max", spec.parameters[k].max},
                                                 {"mean", summary[k].mean},
                                                 {"sd", summary[k].sd},
                                                 {"lo95", summary[k].lo},
                                                 {"hi95", summary[k].hi}};
  }
  json["generations"] = nlohmann::ordered_json::array();
  for (const auto& g : result.generations) {
    json["generations"].push_back({{"epsilon", g.epsilon},
                                   {"proposals", g.proposals},
                                   {"simulations", g.simulations},
                                   {"accepted", g.weights.size()},
                                   {"acceptance_rate", g.acceptance_rate()},
                                   {"ess", g.ess()}});
  }
  json["stopped_early"] = result.stopped;
  json["scales"] = nlohmann::ordered_json::array();
  for (std::size_t ti = 0; ti < obs.times.size(); ++ti) {
    for (std::size_t j = 0; j < obs.metrics.size(); ++j)
      json["scales"].push_back({{"t", obs.times[ti]},
                                {"metric", obs.metrics[j]},
                                {"scale", result.scales[ti * obs.metrics.size() + j]}});
  }
  for (const auto& [key, value] : parallel.items()) json[key] = value;
  return json;
}

// stdout: the generations and the posterior summary.
void print_summary(const CalibrationSpec& spec, const CalibrationResult& result) {
  const std::size_t d = spec.parameters.size();
  const auto summary = summarize(result.generations.back(), d);
  std::printf("%s: %s ABC, %zu generation%s, %d particles, %d replicates per particle\n", spec.name.c_str(),
              spec.method == AbcMethod::rejection ? "rejection" : "SMC", result.generations.size(),
              result.generations.size() == 1 ? "" : "s", spec.particles, spec.replicates);
  for (std::size_t g = 0; g < result.generations.size(); ++g) {
    const auto& gen = result.generations[g];
    std::printf("  generation %zu: epsilon %.4g, %lld simulations, acceptance %.3f, ESS %.1f\n", g,
                gen.epsilon, gen.simulations, gen.acceptance_rate(), gen.ess());
  }
  if (!result.stopped.empty()) std::printf("  stopped early: %s\n", result.stopped.c_str());
  std::printf("  %-28s %10s %10s %10s %10s\n", "parameter", "prior", "mean", "2.5%", "97.5%");
  for (std::size_t k = 0; k < d; ++k) {
    const auto& p = spec.parameters[k];
    const std::string prior = "[" + format_number(p.min) + ", " + format_number(p.max) + "]";
    std::printf("  %-28s %10s %10.4g %10.4g %10.4g\n", p.key.c_str(), prior.c_str(), summary[k].mean,
                summary[k].lo, summary[k].hi);
  }
  std::fflush(stdout);
}

void write_results(const CalibrationSpec& spec, const CalibrationResult& result, const std::string& dir,
                   const nlohmann::ordered_json& parallel, bool quiet) {
  // Written only now, each file whole; calibration.json last marks the folder complete.
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir + "/calibration.json");
  write_file_atomically(dir + "/posterior.csv", posterior_csv(spec, result));
  write_file_atomically(dir + "/predictive.csv", predictive_csv(spec, result.generations.back()));
  write_file_atomically(dir + "/calibration.json", calibration_json(spec, result, parallel).dump(2) + "\n");
  if (quiet) return;
  print_summary(spec, result);
  std::cerr << "wrote " << dir << "/ (posterior.csv, predictive.csv, calibration.json)\n";
}

}  // namespace
}  // namespace teamsim::cli

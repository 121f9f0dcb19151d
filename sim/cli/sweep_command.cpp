// `teamsim sweep` and `teamsim merge`.
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "input_error.hpp"
#include "memory_check.hpp"
#include "mpi_sweep.hpp"
#include "sweep.hpp"

namespace po = boost::program_options;

namespace teamsim::cli {
namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

void show_progress(const SweepProgress& p) {
  const double rate = p.seconds > 0 ? static_cast<double>(p.run_now) / p.seconds : 0.0;
  const double left = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0.0;
  const int width = 30;
  const int filled = p.total ? static_cast<int>(width * p.done / p.total) : width;
  std::fprintf(stderr, "\r[%s%s] %lld/%lld runs  %.1f runs/s  left %s%s",
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), p.done, p.total, rate,
               clock_text(left).c_str(),
               p.failed ? ("  (" + std::to_string(p.failed) + " failed)").c_str() : "");
  if (p.done == p.total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

// Progress in a log (stderr not a terminal): a plain line every few seconds.
std::function<void(const SweepProgress&)> log_progress() {
  return [every = log_progress_seconds(), last = 0.0](const SweepProgress& p) mutable {
    if (p.seconds - last < every || p.done == p.total) return;
    last = p.seconds;
    const double rate = p.seconds > 0 ? static_cast<double>(p.run_now) / p.seconds : 0.0;
    const double left = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0.0;
    std::fprintf(stderr, "%lld/%lld runs  %.1f runs/s  left %s%s\n", p.done, p.total, rate,
                 clock_text(left).c_str(),
                 p.failed ? ("  (" + std::to_string(p.failed) + " failed)").c_str() : "");
    std::fflush(stderr);
  };
}

// Rough bytes of the output (about 19 characters a number), in floating point: a sweep at the size
// maximum must give a large estimate, not an overflowed integer.
double estimate_bytes(const SweepSpec& spec, const Shard& shard, int steps) {
  const double points = shard.end_point(spec.points) - shard.first_point(spec.points);
  const double runs = points * spec.replicates;
  const int recorded_rows = steps / spec.every + 2;  // a whole number of rows per run
  const double rows = recorded_rows;
  const double runs_bytes = runs * static_cast<double>(runs_columns(spec).size()) * 19;
  const double aggregate_bytes = spec.aggregate_long
                                     ? points * rows * static_cast<double>(kMetricColumns.size() - 1) * 8 * 19
                                     : points * rows * static_cast<double>(aggregate_columns().size()) * 19;
  const double series_bytes = spec.timeseries ? runs * rows * 20 * 19 : 0;
  return runs_bytes + aggregate_bytes + series_bytes;
}

// The largest value a swept integer key takes (grid and list values, or the top of a range), or `fallback`.
int largest_value(const SweepSpec& spec, const std::string& key, int fallback) {
  int largest = fallback;
  for (const auto& p : spec.parameters) {
    if (p.key != key) continue;
    largest = 0;
    for (const double v : p.values) largest = std::max(largest, static_cast<int>(v));
    if (p.values.empty()) largest = static_cast<int>(std::round(p.max));
  }
  return largest;
}

}  // namespace

int command_sweep(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim sweep SWEEP [options]");
  options.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(), "output folder (default: out/NAME, or out/NAME/shard-I-of-N)")(
      "threads", po::value<int>(), "worker threads (default: the number of cores)")(
      "shard", po::value<std::string>(),
      "run slice I of N (0-based), e.g. 3/8; default from SLURM_ARRAY_TASK_ID")(
      "resume", "continue an interrupted sweep in the output folder")(
      "dry-run", "print the number of points and runs and the output size, then stop")(
      "quiet,q", "no progress on stderr");
  const auto vm = parse(args, options, "sweep", 1);
  if (vm.count("help")) {
    print_help(
        "Runs a sweep: a design over scenario keys (or over scenarios: parameters.scenario), with\n"
        "replicates, streaming runs.csv, aggregate.csv (and timeseries.csv) into a folder. SWEEP is a\n"
        "sweep file or the name of a built-in sweep (`teamsim list --sweeps`). A sweep without\n"
        "[parameters] replicates its scenario. Progress: redrawn on a terminal, else a line every\n"
        "TEAMSIM_PROGRESS_SECONDS (default 5) seconds.\n",
        options);
    return kOk;
  }
  if (!vm.count("sweep")) throw InputError("sweep: missing SWEEP (a sweep .toml file or a built-in sweep)");
  const SweepSpec spec =
      load_sweep(resolve_sweep(vm["sweep"].as<std::vector<std::string>>().front(), dirs), dirs);
  const Shard shard = read_shard(vm);
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (vm.count("threads")) {
    threads = vm["threads"].as<int>();
    if (threads < 1 || threads > 4096)
      throw InputError("--threads: expected an integer in [1, 4096], found " + std::to_string(threads));
  }
  std::string dir = vm.count("output") ? vm["output"].as<std::string>() : "out/" + spec.name;
  if (!vm.count("output") && shard.count > 1) {
    dir += "/shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
  }

  // No point is built here: a point that breaks a rule is a failed run wherever it falls (point 0 too).
  ModelCache models(spec, dirs);
  if (vm.count("dry-run")) {
    const int steps =
        spec.steps > 0 ? spec.steps : largest_value(spec, "scenario.steps", models.base().steps);
    const int first = shard.first_point(spec.points), end = shard.end_point(spec.points);
    std::cout << "sweep " << spec.name << ": " << spec.points << " points x " << spec.replicates
              << " replicates = " << spec.runs() << " runs (" << steps << " steps each)\n";
    if (shard.count > 1) {
      std::cout << "shard " << shard.index << "/" << shard.count << ": points " << first << ".." << end - 1
                << ", " << static_cast<long long>(end - first) * spec.replicates << " runs\n";
    }
    // Every point of the shard is checked against the rules between parameters (the attention budget...).
    long long broken = 0;
    std::string example;
    for (int point = first; point < end; ++point) {
      const std::string error = models.point_error(point);
      if (error.empty()) continue;
      if (++broken == 1) example = "point " + std::to_string(point) + ": " + error;
    }
    std::cout << "points that break a rule: " << broken;
    if (broken > 0) {
      std::cout << " (" << broken * spec.replicates << " runs will be recorded as failed; first: " << example
                << ")";
    }
    std::cout << "\noutput: " << dir << " (about " << estimate_bytes(spec, shard, steps) / 1e6 << " MB)\n";
    return kOk;
  }

  // One state per thread at once, for the largest team the sweep runs (a point too large on its own is
  // also a failed run, from make_state).
  Model largest = models.base();
  largest.team.size = largest_value(spec, "team.size", largest.team.size);
  largest.team.dims = largest_value(spec, "team.dims", largest.team.dims);
  const int at_once = mpi_launched() ? 1 : threads;  // an MPI rank runs one run at a time
  check_fits_in_memory(largest, static_cast<int>(std::min<long long>(at_once, spec.runs())),
                       "; use fewer --threads or a smaller team");
  const ProgressMode mode = progress_mode(vm.count("quiet") > 0);
  const auto progress = mode == ProgressMode::terminal
                            ? std::function<void(const SweepProgress&)>(show_progress)
                        : mode == ProgressMode::log ? log_progress()
                                                    : nullptr;
  const std::string started = utc_now();
  const auto clock = std::chrono::steady_clock::now();
  const bool resume = vm.count("resume") > 0;

  // Provenance added to sweep.json when the sweep completes.
  auto finish = [&](SweepWriter& writer, int ranks) {
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();
    writer.finish(sweep_provenance(writer, SweepRunFacts{started, wall, ranks > 1 ? 1 : threads, ranks}));
    if (!vm.count("quiet")) {
      std::cerr << "wrote " << dir << "/ (runs.csv, aggregate.csv"
                << (spec.timeseries ? ", timeseries.csv" : "") << ", sweep.json): " << writer.finished()
                << " runs finished, " << writer.failed() << " failed\n";
    }
  };

  // A finished sweep asked to resume: nothing to do, and sweep.json stays as it is (every rank sees it).
  if (resume && std::filesystem::exists(dir + "/sweep.json") &&
      !std::filesystem::exists(dir + "/ledger.json")) {
    SweepWriter check(spec, dir, shard, resume);  // throws if the folder holds another sweep or shard
    if (!vm.count("quiet") && !mpi_launched())
      std::cerr << dir << " already holds this finished sweep; nothing to do\n";
    return kOk;
  }

  if (mpi_launched()) {
    std::unique_ptr<SweepWriter> owned;
    return mpi_sweep(
        spec, models,
        [&] {
          owned = std::make_unique<SweepWriter>(spec, dir, shard, resume);
          return owned.get();
        },
        progress, finish);
  }

  SweepWriter writer(spec, dir, shard, resume);
  run_sweep(spec, models, writer, threads, progress);
  finish(writer, 1);
  return kOk;
}

int command_merge(const std::vector<std::string>& args) {
  po::options_description options("teamsim merge DIR... [-o OUT]");
  options.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>()->default_value("merged"), "folder for the merged output");
  const auto vm = parse(args, options, "dirs", -1);
  if (vm.count("help")) {
    print_help(
        "Joins the shard folders of one sweep (teamsim sweep --shard I/N) into the files a single\n"
        "process would have written. Refuses folders of different sweeps or missing shards.\n",
        options);
    return kOk;
  }
  if (!vm.count("dirs")) throw InputError("merge: missing DIR (the shard folders)");
  const std::string out = vm["output"].as<std::string>();
  merge_shards(vm["dirs"].as<std::vector<std::string>>(), out);
  std::cerr << "merged into " << out << "/\n";
  return kOk;
}

}  // namespace teamsim::cli

// `teamsim compare A B`: two scenarios on paired seeds, each metric's paired difference with its 95%
// interval. The runs happen in this process (sim/compare.hpp), on threads.
#include <cstdio>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "compare.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "toml_check.hpp"

namespace po = boost::program_options;

namespace teamsim::cli {
namespace {

// "a:b", "a:" (to the last step) or "a" (one step).
void read_window(const std::string& text, CompareSpec& spec) {
  const auto colon = text.find(':');
  auto number = [&](const std::string& part) {
    std::size_t used = 0;
    long long v = -1;
    try {
      v = std::stoll(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (part.empty() || used != part.size() || v < 0 || v > 100000000)
      throw InputError("--window: expected a:b (steps, 0 <= a <= b), a: (to the last step) or a, found '" +
                       text + "'");
    return static_cast<int>(v);
  };
  spec.from = number(text.substr(0, colon));
  if (colon == std::string::npos)
    spec.to = spec.from;
  else
    spec.to = colon + 1 == text.size() ? -1 : number(text.substr(colon + 1));
}

// A number for the table: 4 significant digits are what a person compares.
std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace

int command_compare(const std::vector<std::string>& args, const std::vector<std::string>& dirs) {
  po::options_description options("teamsim compare A B [options]");
  options.add_options()("help,h", "show this help")("replicates,n", po::value<int>()->default_value(30),
                                                    "pairs of runs (>= 2)")(
      "window", po::value<std::string>(),
      "a:b: each run's metric is its mean over steps a <= t <= b (default 1: to the last step)")(
      "seed", po::value<std::string>()->default_value("1"), "base seed of the pairs, 0 to 2^64-1")(
      "steps", po::value<int>(), "number of steps of both (default: each scenario's)")(
      "set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE: override a value in both")(
      "threads", po::value<int>(), "worker threads (default: the number of cores)")(
      "csv", "print CSV (full precision) instead of a table");
  const auto vm = parse(args, options, "scenarios", 2);
  if (vm.count("help")) {
    print_help(
        "Runs scenarios A and B on the same seeds (replicate r of both uses seed run_seed(S, 0, r)), takes\n"
        "each run's mean of every metric over the window of steps, and prints per metric the mean of A,\n"
        "the mean of B, the mean paired difference B - A and its 95% interval (Student's t, n - 1 degrees\n"
        "of freedom). An interval that excludes 0 is a difference the replicates resolve. Output is the\n"
        "same for any --threads.\n",
        options);
    return kOk;
  }
  const auto names =
      vm.count("scenarios") ? vm["scenarios"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (names.size() != 2) throw InputError("compare: expected two scenarios A and B (names or .toml paths)");
  CompareSpec spec;
  spec.a = names[0];
  spec.b = names[1];
  if (vm.count("set")) spec.sets = vm["set"].as<std::vector<std::string>>();
  spec.replicates = vm["replicates"].as<int>();
  const std::string seed = vm["seed"].as<std::string>();
  if (const std::string expected = parse_seed(seed, spec.seed); !expected.empty())
    throw InputError("--seed: expected " + expected + ", found '" + seed + "'");
  if (vm.count("steps")) {
    spec.steps = vm["steps"].as<int>();
    if (spec.steps < 1)
      throw InputError("--steps: expected an integer >= 1, found " + std::to_string(spec.steps));
  }
  if (vm.count("window")) read_window(vm["window"].as<std::string>(), spec);
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (vm.count("threads")) {
    threads = vm["threads"].as<int>();
    if (threads < 1 || threads > 4096)
      throw InputError("--threads: expected an integer in [1, 4096], found " + std::to_string(threads));
  }

  const Comparison c = compare_scenarios(spec, dirs, threads);
  if (c.failed == spec.replicates) throw std::runtime_error("every pair had a failed run: " + c.first_error);
  if (vm.count("csv")) {
    std::cout << "metric,n,mean_a,mean_b,diff,diff_lo,diff_hi\n";
    for (const auto& m : c.metrics) {
      std::cout << m.metric << ',' << m.n << ',' << format_number(m.mean_a) << ',' << format_number(m.mean_b)
                << ',' << format_number(m.diff) << ',' << format_number(m.lo) << ',' << format_number(m.hi)
                << '\n';
    }
  } else {
    std::cout << "A = " << c.name_a << ", B = " << c.name_b << ": " << c.metrics.front().n
              << " pairs on paired seeds (base seed " << spec.seed << "), mean over steps " << c.from << ".."
              << c.to << "\n\n";
    std::printf("%-18s %11s %11s %11s  %-25s\n", "metric", "A", "B", "B - A", "95% interval of B - A");
    for (const auto& m : c.metrics) {
      const std::string interval = "[" + short_number(m.lo) + ", " + short_number(m.hi) + "]";
      const char* mark = m.lo > 0 || m.hi < 0 ? " *" : "";
      std::printf("%-18s %11s %11s %11s  %s%s\n", m.metric.c_str(), short_number(m.mean_a).c_str(),
                  short_number(m.mean_b).c_str(), short_number(m.diff).c_str(), interval.c_str(), mark);
    }
    std::cout << "\n* the interval excludes 0\n";
    std::fflush(stdout);
  }
  if (c.failed > 0)
    std::cerr << "warning: " << c.failed
              << " pairs left out because a run failed; the first: " << c.first_error << "\n";
  return kOk;
}

}  // namespace teamsim::cli

// `teamsim sensitivity SWEEP_DIR`: Sobol or Morris indices of a finished sweep (README "Sensitivity
// analysis"). Writes sensitivity.csv atomically and prints the parameters of each metric, ranked.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <numeric>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "input_error.hpp"
#include "sweep_analysis.hpp"

namespace po = boost::program_options;

namespace teamsim::cli {
namespace {

std::string fixed(double v) {
  if (!std::isfinite(v)) return "    -";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.3f", v);
  return buf;
}

void print_table(const SensitivityReport& report) {
  std::size_t width = 9;
  for (const auto& p : report.parameters) width = std::max(width, p.size());
  const bool sobol = report.method == "sobol";
  std::printf("%s indices, %d points x %d replicates%s\n", sobol ? "Sobol" : "Morris", report.points,
              report.replicates,
              report.failed_runs
                  ? (" (" + std::to_string(report.failed_runs) + " failed runs left out)").c_str()
                  : "");
  for (const auto& m : report.metrics) {
    if (!(m.variance > 0)) {
      std::printf("\n%s: constant over the design\n", m.metric.c_str());
      continue;
    }
    std::printf("\n%s  (noise: %s of the variance of the replicate means)\n", m.metric.c_str(),
                std::isfinite(m.noise_share)
                    ? (std::to_string(static_cast<int>(std::lround(100 * m.noise_share))) + "%").c_str()
                    : "unknown, 1 replicate");
    std::printf(sobol ? "  %-*s      S1 [95%% interval]       ST [95%% interval]\n"
                      : "  %-*s     mu* [95%% interval]       mu   sigma\n",
                static_cast<int>(width), "parameter");
    // Ranked by ST (Sobol) or mu* (Morris), largest first.
    std::vector<std::size_t> order(report.parameters.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto key = [&](std::size_t i) {
      const double v = sobol ? m.sobol[i].st : m.morris[i].mu_star;
      return std::isfinite(v) ? v : -1e300;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
    for (const std::size_t i : order) {
      if (sobol) {
        const auto& s = m.sobol[i];
        std::printf("  %-*s  %s [%s, %s]  %s [%s, %s]\n", static_cast<int>(width),
                    report.parameters[i].c_str(), fixed(s.s1).c_str(), fixed(s.s1_lo).c_str(),
                    fixed(s.s1_hi).c_str(), fixed(s.st).c_str(), fixed(s.st_lo).c_str(),
                    fixed(s.st_hi).c_str());
      } else {
        const auto& s = m.morris[i];
        std::printf("  %-*s  %s [%s, %s]  %s  %s\n", static_cast<int>(width), report.parameters[i].c_str(),
                    fixed(s.mu_star).c_str(), fixed(s.mu_star_lo).c_str(), fixed(s.mu_star_hi).c_str(),
                    fixed(s.mu).c_str(), fixed(s.sigma).c_str());
      }
    }
  }
}

}  // namespace

int command_sensitivity(const std::vector<std::string>& args) {
  po::options_description options("teamsim sensitivity SWEEP_DIR [options]");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "the CSV to write (default: SWEEP_DIR/sensitivity.csv)")(
      "bootstrap", po::value<int>()->default_value(1000), "bootstrap resamples for the 95% intervals")(
      "seed", po::value<std::uint64_t>()->default_value(1), "seed of the bootstrap")(
      "quiet,q", "do not print the table");
  const auto vm = parse(args, options, "dir", 1);
  if (vm.count("help")) {
    std::cout << options;
    return kOk;
  }
  if (!vm.count("dir"))
    throw InputError("sensitivity: missing SWEEP_DIR (the folder of a finished saltelli or morris sweep)");
  const std::string dir = vm["dir"].as<std::vector<std::string>>().front();
  SensitivityOptions settings;
  settings.bootstrap = vm["bootstrap"].as<int>();
  if (settings.bootstrap < 10 || settings.bootstrap > 1000000)
    throw InputError("--bootstrap: expected an integer in [10, 1000000], found " +
                     std::to_string(settings.bootstrap));
  settings.seed = vm["seed"].as<std::uint64_t>();
  const std::string out = vm.count("output") ? vm["output"].as<std::string>() : dir + "/sensitivity.csv";

  const SensitivityReport report = analyze_sweep(dir, settings);
  write_file_atomically(out, report.csv());
  if (!vm.count("quiet")) {
    print_table(report);
    std::fflush(stdout);
    std::cerr << "wrote " << out << "\n";
  }
  return kOk;
}

}  // namespace teamsim::cli

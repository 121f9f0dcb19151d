// Large teams on a sparse contact network (issue 10; docs/PERFORMANCE.md "Networks"): agent-steps per
// second for 1,000 and 10,000 people on a Watts–Strogatz small world of average degree 10, 104 steps of
// one run each, and the process's peak resident memory (getrusage ru_maxrss) after the run. Peer trust is
// stored along the ties there (sim/trust_matrix.hpp); its bytes are reported as trust_MB.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "memory_check.hpp"
#include "scenario.hpp"
#include "step.hpp"

namespace {

using teamsim::Model;
using teamsim::State;

std::optional<Model> small_world_team(benchmark::State& bench, int size) {
  teamsim::LoadOptions options;
  options.search_dirs = {TEAMSIM_BENCH_SCENARIOS};
  options.sets = {"team.size=" + std::to_string(size), "network.kind=small_world", "network.degree=10",
                  "network.rewire=0.1"};
  try {
    return teamsim::load_scenario("baseline", options);
  } catch (const std::exception& e) {
    bench.SkipWithError(e.what());
    return std::nullopt;
  }
}

double peak_resident_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux reports kilobytes
}

// One run of 104 steps (no warm-up) per iteration; make_state (drawing the network and the priors) is
// outside the timed region and reported separately.
void BM_SmallWorld(benchmark::State& bench) {
  const int size = static_cast<int>(bench.range(0));
  const auto model = small_world_team(bench, size);
  if (!model) return;
  std::uint64_t seed = 0;
  double setup_seconds = 0, trust_bytes = 0;
  for (auto _ : bench) {
    bench.PauseTiming();
    const auto start = std::chrono::steady_clock::now();
    State state = teamsim::make_state(*model, ++seed);
    setup_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    trust_bytes = state.trust.bytes();
    bench.ResumeTiming();
    for (int t = 0; t < model->steps; ++t) {
      teamsim::step(*model, state);
      state.log.clear();
    }
    benchmark::DoNotOptimize(state.power.data());
  }
  const double runs = static_cast<double>(bench.iterations());
  bench.counters["agent_steps"] = benchmark::Counter(size * model->steps * runs, benchmark::Counter::kIsRate);
  bench.counters["make_state_s"] = setup_seconds / runs;
  bench.counters["peak_rss_MB"] = peak_resident_bytes() / 1e6;
  bench.counters["estimate_MB"] = teamsim::state_bytes(*model) / 1e6;
  bench.counters["trust_MB"] = trust_bytes / 1e6;
}
BENCHMARK(BM_SmallWorld)->Arg(1000)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmallWorld)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

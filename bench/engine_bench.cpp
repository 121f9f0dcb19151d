// Engine benchmarks (docs/PERFORMANCE.md): agent-steps per second by team size, whole baseline runs per
// second, and the time each stage of step() takes. Rates are kIsRate counters over the measured time.
#include <benchmark/benchmark.h>
#include <time.h>  // clock_gettime, CLOCK_THREAD_CPUTIME_ID (POSIX)

#include <algorithm>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario.hpp"
#include "simulate.hpp"
#include "step.hpp"

namespace {

using teamsim::Model;
using teamsim::State;

// The built-in baseline scenario, with `size` seats when size > 0. On a load error the benchmark is
// skipped with the message and nullopt comes back.
std::optional<Model> load_baseline(benchmark::State& bench, int size = 0) {
  teamsim::LoadOptions options;
  options.search_dirs = {TEAMSIM_BENCH_SCENARIOS};
  if (size > 0) options.sets = {"team.size=" + std::to_string(size)};
  try {
    return teamsim::load_scenario("baseline", options);
  } catch (const std::exception& e) {
    bench.SkipWithError(e.what());
    return std::nullopt;
  }
}

// Agent-steps per second: step() on one state, team sizes from Args. At the end of the scenario's horizon
// (104 steps) the state starts over from the next seed outside the timed region, so the timed steps are
// those of real runs, early transient included.
void BM_AgentSteps(benchmark::State& bench) {
  const int size = static_cast<int>(bench.range(0));
  const auto model = load_baseline(bench, size);
  if (!model) return;
  std::uint64_t seed = 1;
  State state = teamsim::make_state(*model, seed);

  for (auto _ : bench) {
    if (state.t == model->steps) {
      bench.PauseTiming();
      state = teamsim::make_state(*model, ++seed);
      bench.ResumeTiming();
    }
    teamsim::step(*model, state);
    state.log.clear();  // simulate() drains it into the observer
  }
  const double steps = static_cast<double>(bench.iterations());
  bench.counters["agent_steps"] = benchmark::Counter(size * steps, benchmark::Counter::kIsRate);
}
// 1024 seats take tens of milliseconds per step; a fixed count (one horizon) keeps it to a few seconds.
BENCHMARK(BM_AgentSteps)->Arg(8)->Arg(16)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AgentSteps)->Arg(1024)->Iterations(104)->Unit(benchmark::kMillisecond);

// Whole runs of the default scenario per second: simulate() from make_state to the last step, with
// metrics at every step and a NullObserver; a new seed for every run.
void BM_Runs(benchmark::State& bench) {
  const auto model = load_baseline(bench);
  if (!model) return;
  teamsim::NullObserver observer;
  teamsim::RunSettings settings;
  settings.steps = model->steps;

  std::uint64_t seed = 0;
  for (auto _ : bench) {
    settings.seed = ++seed;
    const teamsim::RunSummary summary = teamsim::simulate(*model, settings, observer);
    benchmark::DoNotOptimize(summary);
  }
  const double runs = static_cast<double>(bench.iterations());
  bench.counters["runs"] = benchmark::Counter(runs, benchmark::Counter::kIsRate);
  bench.counters["agent_steps"] =
      benchmark::Counter(runs * settings.steps * model->team.size, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Runs)->Unit(benchmark::kMicrosecond);

// The cost of a run outside its steps: make_state (network, people, trust priors) and the first measure(),
// for the default scenario, a new seed each time.
void BM_MakeState(benchmark::State& bench) {
  const auto model = load_baseline(bench);
  if (!model) return;
  std::uint64_t seed = 0;
  for (auto _ : bench) {
    const State state = teamsim::make_state(*model, ++seed);
    benchmark::DoNotOptimize(teamsim::measure(state));
  }
}
BENCHMARK(BM_MakeState)->Unit(benchmark::kMicrosecond);

// The stages of the step, from its one table (sim/step.hpp).
using teamsim::kStages;
using teamsim::Stage;
using StageFn = void (*)(const Model&, State&);

// CPU time of this thread in seconds. The stage breakdown uses it rather than the wall clock, which
// counts the time other processes hold the core (the benchmark machine is shared).
double thread_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// What two back-to-back thread_seconds() calls measure with nothing between them (the median of many):
// a system call each on Linux, 1 to 2 microseconds, which is taken off every stage's time.
double clock_cost() {
  std::vector<double> pairs(1001);
  for (double& pair : pairs) {
    const double start = thread_seconds();
    pair = thread_seconds() - start;
  }
  std::nth_element(pairs.begin(), pairs.begin() + 500, pairs.end());
  return pairs[500];
}

// Per-stage breakdown: runs whole steps as step() does and times only `timed` (manual time: the
// thread's CPU time in the stage less the clock's own cost), so every stage sees the state a real run
// gives it. Restarts from the next seed at the horizon. Time is per call; the CPU column is the whole step;
// `per_agent_step` is the stage's time divided by the seats.
void BM_Stage(benchmark::State& bench, StageFn timed) {
  const int size = static_cast<int>(bench.range(0));
  const auto model = load_baseline(bench, size);
  if (!model) return;
  std::uint64_t seed = 1;
  State state = teamsim::make_state(*model, seed);
  const double cost = clock_cost();

  for (auto _ : bench) {
    if (state.t == model->steps) state = teamsim::make_state(*model, ++seed);
    // The body of step(), with a clock around the timed stage.
    ++state.t;
    state.quits = 0;
    double seconds = 0;
    for (const Stage& stage : kStages) {
      if (stage.run != timed) {
        stage.run(*model, state);
        continue;
      }
      const double start = thread_seconds();
      stage.run(*model, state);
      seconds = std::max(0.0, thread_seconds() - start - cost);
    }
    state.log.clear();
    bench.SetIterationTime(seconds);
  }
  const double agent_steps = static_cast<double>(size) * static_cast<double>(bench.iterations());
  bench.counters["per_agent_step"] =
      benchmark::Counter(agent_steps, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// BM_Stage/NAME/SIZE for every stage but apply_events (the baseline has no events). Manual time counts
// only the timed stage, so min_time would ask for far too many whole steps: the counts are fixed instead,
// thirty horizons at 12 seats, ten at 64, four at 256 and one at 1024.
const bool stages_registered = [] {
  for (const Stage& stage : kStages) {
    if (stage.run == teamsim::apply_events) continue;
    const std::string name = "BM_Stage/" + std::string(stage.name);
    for (const auto& [size, steps] :
         {std::pair{12, 3120}, std::pair{64, 1040}, std::pair{256, 416}, std::pair{1024, 104}}) {
      benchmark::RegisterBenchmark(name.c_str(), BM_Stage, stage.run)
          ->Arg(size)
          ->Iterations(steps)
          ->UseManualTime()
          ->Unit(benchmark::kMicrosecond);
    }
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();

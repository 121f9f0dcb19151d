// team_report: embeds teamsim as a library (docs/API.md). Loads a scenario, runs it while observing each
// recorded step with a metric of its own (weeks of low morale, the lowest morale, quits by week), keeps
// the run's CSV text in memory, and prints a short report.
//
// usage: team_report [SCENARIO] [SEED] [KEY=VALUE]...   (defaults: baseline, the scenario's seed)
#include <teamsim/input_error.hpp>
#include <teamsim/run_output.hpp>
#include <teamsim/scenario.hpp>
#include <teamsim/simulate.hpp>
#include <teamsim/version.hpp>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace {

// A metric of our own: a second observer, chained in front of the one that keeps the CSV text.
class MoraleWatch final : public teamsim::Observer {
 public:
  MoraleWatch(teamsim::Observer& next, double threshold) : next_(next), threshold_(threshold) {}
  void on_record(const teamsim::State& state, const teamsim::Metrics& metrics) override {
    next_.on_record(state, metrics);
    if (metrics.morale < threshold_) ++low_weeks_;
    if (metrics.morale < lowest_) {
      lowest_ = metrics.morale;
      lowest_at_ = state.t;
    }
  }
  void on_event(const teamsim::EventRecord& event) override {
    next_.on_event(event);
    if (event.event == "quit") quits_at_.push_back(event.t);
  }
  int low_weeks_ = 0;
  double lowest_ = 2.0;
  int lowest_at_ = -1;
  std::vector<int> quits_at_;

 private:
  teamsim::Observer& next_;
  double threshold_;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string scenario = argc > 1 ? argv[1] : "baseline";
  try {
    // Load: a built-in name (looked up in the installed scenarios) or a .toml path, with --set overrides.
    teamsim::LoadOptions options;
    options.search_dirs = {TEAMSIM_SCENARIOS_DIR};
    for (int i = 3; i < argc; ++i) options.sets.emplace_back(argv[i]);
    const teamsim::Model model = teamsim::load_scenario(scenario, options);
    const std::uint64_t seed = argc > 2 ? std::stoull(argv[2]) : model.seed;

    // Run, observing every step.
    teamsim::RunText text(model, /*agents=*/false, /*network_every=*/0);
    MoraleWatch watch(text, 0.75);
    const teamsim::RunSummary summary = teamsim::simulate(model, {model.steps, seed, 1}, watch);

    // Report.
    const std::string& csv = text.timeseries;
    const auto last_row = csv.substr(csv.rfind('\n', csv.size() - 2) + 1);
    std::cout << "teamsim " << teamsim::kVersion << ": " << model.name << ", seed " << seed << ", "
              << model.steps << " steps\n"
              << "final productivity " << summary.final.productivity << ", morale " << summary.final.morale
              << ", headcount " << summary.final.headcount << "\n"
              << "weeks with morale below 0.75: " << watch.low_weeks_ << "; lowest morale " << watch.lowest_
              << " at week " << watch.lowest_at_ << "; " << watch.quits_at_.size() << " quits\n"
              << "timeseries.csv last row: " << last_row;
    return 0;
  } catch (const teamsim::InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "team_report: failed: " << e.what() << "\n";
    return 1;
  }
}

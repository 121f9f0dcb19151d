#pragma once
// A whole run: initialize, step to the end, and hand each recorded step and event to an observer.
#include <cstdint>

#include "metrics.hpp"
#include "model.hpp"
#include "state.hpp"

namespace teamsim {

/// Receives what a run produces, in order. The library never writes files itself.
class Observer {
 public:
  virtual ~Observer() = default;
  /// Called at t = 0, every `every` steps, and at the last step.
  virtual void on_record(const State& state, const Metrics& metrics) = 0;
  /// Called for every scheduled or emergent event, in the order they happen.
  virtual void on_event(const EventRecord& event) = 0;
};

struct RunSettings {
  int steps = 104;
  std::uint64_t seed = 1;
  int every = 1;  // record every K steps, >= 1
};

/// What the run leaves besides the observer's output.
struct RunSummary {
  Metrics final{};
  std::uint64_t numeric_issues = 0;
  std::uint64_t random_words = 0;  // 32-bit Philox words drawn
};

/// Runs the model; a pure function of (model, settings) apart from the observer's side effects.
RunSummary simulate(const Model& model, const RunSettings& settings, Observer& observer);

/// Observer that keeps nothing; for benchmarks and summaries.
class NullObserver final : public Observer {
 public:
  void on_record(const State&, const Metrics&) override {}
  void on_event(const EventRecord&) override {}
};

}  // namespace teamsim

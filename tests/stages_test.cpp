// The stage table (sim/step.hpp) is the one list of stages: step() runs exactly its rows, the warm-up the
// rows marked for it, and every submodel's switch in the registry has a stage.
#include <catch2/catch.hpp>

#include <string>

#include "metrics.hpp"
#include "param_registry.hpp"
#include "step.hpp"
#include "test_util.hpp"

using namespace teamsim;

TEST_CASE("step() is the stage table run in order", "[stages]") {
  const Model model = load_scenario("dissenting_informal_leader", test::options());
  State by_step = make_state(model, 5);
  State by_table = make_state(model, 5);
  for (int t = 1; t <= 40; ++t) {  // through the dissent event at week 30
    step(model, by_step);
    ++by_table.t;
    by_table.quits = 0;
    for (const Stage& stage : kStages) stage.run(model, by_table);
  }
  CHECK(by_step.rng.words_drawn() == by_table.rng.words_drawn());
  const Metrics a = measure(by_step), b = measure(by_table);
  for (const MetricSpec& metric : kMetrics) CHECK(a.*metric.field == b.*metric.field);
}

TEST_CASE("The stage table: unique names, events first and only outside the warm-up", "[stages]") {
  REQUIRE(std::size(kStages) >= 2);
  CHECK(kStages[0].name == "apply_events");
  CHECK_FALSE(kStages[0].in_warm_up);
  for (std::size_t a = 1; a < std::size(kStages); ++a) {
    CHECK(kStages[a].in_warm_up);
    for (std::size_t b = 0; b < a; ++b) CHECK(kStages[a].name != kStages[b].name);
  }
}

TEST_CASE("Submodels come from the registry: only() switches off every other one", "[stages]") {
  const auto& submodels = submodel_sections();
  CHECK(submodels == std::vector<std::string>{"work", "manage", "trust", "influence", "learning", "wellbeing",
                                              "turnover", "leaders", "lmx"});
  const Model model = test::load(test::only({"trust"}));
  CHECK(model.initial_params.trust.enabled);
  CHECK_FALSE(model.initial_params.work.enabled);
  CHECK_FALSE(model.initial_params.leaders.enabled);
  CHECK_THROWS_AS(test::only({"trst"}), std::invalid_argument);
  // Every parameter section is a scenario section, in the registry's order.
  CHECK(param_sections().front() == "manager");
  CHECK(param_sections().size() == submodels.size() + 2);  // + manager, environment
}

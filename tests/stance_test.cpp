// Influence and stance (sim/stance.cpp): the DeGroot and Friedkin–Johnsen special cases through the scenario
// file and the engine, the influence matrix W, bounded confidence and the synchronous update.
#include <catch2/catch.hpp>

#include <cmath>

#include "simulate.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

// Runs `steps` steps of the whole engine from the model's initial state.
State run(const Model& model, int steps, std::uint64_t seed = 1) {
  State s = make_state(model, seed);
  for (int t = 0; t < steps; ++t) step(model, s);
  return s;
}

}  // namespace

TEST_CASE("DeGroot special case reaches consensus 0.4 through a scenario file", "[stance][special]") {
  // MODEL.md "Special cases": W = [[.5,.5,0],[.25,.5,.25],[0,.5,.5]], x(0) = (0, .3, 1), lambda = 1. The
  // stationary distribution of W is (1/4, 1/2, 1/4), so the consensus is .5 * .3 + .25 * 1 = 0.4.
  const Model model = load(R"(
[scenario]
name = "degroot"
steps = 200
[team]
size = 3
dims = 4
[team.agents]
trust = [[0.5, 0.5, 0.0], [0.25, 0.5, 0.25], [0.0, 0.5, 0.5]]
stance = [0.0, 0.3, 1.0]
susceptibility = [1.0, 1.0, 1.0]
[manager]
authority = 0.0
[influence]
gamma = 1.0
)" + only({"influence"}));

  SECTION("make_state and step") {
    State s = make_state(model, 1);
    // W is the trust matrix itself (rows already sum to 1) and the manager gets no weight.
    const double expected[3][3] = {{0.5, 0.5, 0.0}, {0.25, 0.5, 0.25}, {0.0, 0.5, 0.5}};
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) CHECK(s.influence(i, j) == Approx(expected[i][j]).margin(1e-15));
      CHECK(s.influence(i, 3) == 0.0);
    }
    for (int t = 0; t < model.steps; ++t) step(model, s);
    for (int i = 0; i < 3; ++i) CHECK(std::abs(s.stance[i] - 0.4) < 1e-9);
  }

  SECTION("simulate") {
    NullObserver observer;
    const RunSummary summary = simulate(model, RunSettings{model.steps, 3, 1}, observer);
    CHECK(std::abs(summary.final.alignment - 0.4) < 1e-9);
    CHECK(summary.final.dissent_share == 1.0);  // 0.4 < kDissentStance for all three
    CHECK(summary.numeric_issues == 0);
  }
}

TEST_CASE("Friedkin-Johnsen four-person network of Friedkin and Johnsen 1999", "[stance][special]") {
  // W from the paper, lambda_i = 1 - W_ii, u = x(0) = (25, 25, 75, 85) / 100. Person 3 trusts only itself
  // (lambda = 0) and stays at 75. Published equilibrium to four decimals: (60.0208, 59.9840, 75, 74.9862).
  const Model model = load(R"(
[scenario]
name = "friedkin-johnsen"
[team]
size = 4
dims = 4
[team.agents]
trust = [[0.220, 0.120, 0.360, 0.300],
         [0.147, 0.215, 0.344, 0.294],
         [0.0,   0.0,   1.0,   0.0  ],
         [0.090, 0.178, 0.446, 0.286]]
stance = [0.25, 0.25, 0.75, 0.85]
anchor = [0.25, 0.25, 0.75, 0.85]
susceptibility = [0.780, 0.785, 0.0, 0.714]
[manager]
authority = 0.0
[influence]
gamma = 1.0
)" + only({"influence"}));

  const State s = run(model, 400);
  const double expected[4] = {60.0208, 59.9840, 75.0, 74.9862};
  for (int i = 0; i < 4; ++i) {
    INFO("person " << i + 1 << ": " << 100 * s.stance[i]);
    CHECK(std::abs(100.0 * s.stance[i] - expected[i]) < 1e-3);
  }
}

TEST_CASE("The manager's column is trust times the authority weight", "[stance]") {
  // Rows (self, peer, manager) before normalization: (1, 0.5, 2 * (1 + 1 * 0.5) * 0.5) = (1, 0.5, 1.5).
  const Model model = load(R"(
[team]
size = 2
dims = 4
[team.agents]
trust = [[1.0, 0.5, 0.5], [0.5, 1.0, 0.5]]
stance = [0.8, 0.8]
[manager]
authority = 2.0
control = 0.0
recognition = 0.0
mentoring = 0.0
vision = 0.5
[influence]
gamma = 1.0
vision_boost = 1.0
)" + only({"influence"}));
  const State s = make_state(model, 1);
  CHECK(s.influence(0, 0) == Approx(1.0 / 3.0));
  CHECK(s.influence(0, 1) == Approx(0.5 / 3.0));
  CHECK(s.influence(0, 2) == Approx(1.5 / 3.0));
  // Every employee row is stochastic; the manager's row is too (power only).
  for (int i = 0; i < 3; ++i) CHECK(s.influence.row_sum(i) == Approx(1.0));
}

TEST_CASE("gamma concentrates influence on the most trusted", "[stance]") {
  const std::string text = R"(
[team]
size = 3
dims = 4
[team.agents]
trust = [[0.5, 0.9, 0.3], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]
[manager]
authority = 0.0
)" + only({"influence"});
  const State linear = make_state(load(text, {"influence.gamma=1"}), 1);
  const State steep = make_state(load(text, {"influence.gamma=10"}), 1);
  CHECK(steep.influence(0, 1) > linear.influence(0, 1));
  CHECK(steep.influence(0, 2) < linear.influence(0, 2));
  CHECK(steep.influence(0, 1) > 0.9);
}

TEST_CASE("Bounded confidence drops teammates farther than epsilon", "[stance]") {
  const Model model = load(R"(
[team]
size = 3
dims = 4
[team.agents]
trust = [[0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]]
stance = [0.1, 0.5, 0.95]
susceptibility = [1.0, 1.0, 1.0]
[manager]
authority = 1.0
[influence]
confidence = 0.1
)" + only({"influence"}));
  State s = make_state(model, 1);
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      if (i != j) CHECK(s.influence(i, j) == 0.0);
    }
  }
  // Only the employee within 0.1 of the manager's stance 1 listens to the manager.
  CHECK(s.influence(0, 3) == 0.0);
  CHECK(s.influence(1, 3) == 0.0);
  CHECK(s.influence(2, 3) > 0.0);
  // Isolated people keep their view; the one who listens moves toward the manager.
  step(model, s);
  CHECK(s.stance[0] == Approx(0.1));
  CHECK(s.stance[1] == Approx(0.5));
  CHECK(s.stance[2] > 0.95);
}

TEST_CASE("The stance update is synchronous", "[stance]") {
  // Two people who listen only to each other swap views in one step; a sequential update would not.
  const Model model = load(R"(
[team]
size = 2
dims = 4
[team.agents]
trust = [[0.0, 1.0], [1.0, 0.0]]
stance = [0.0, 1.0]
susceptibility = [1.0, 1.0]
[manager]
authority = 0.0
[influence]
gamma = 1.0
)" + only({"influence"}));
  State s = make_state(model, 1);
  step(model, s);
  CHECK(s.stance[0] == 1.0);
  CHECK(s.stance[1] == 0.0);
}

TEST_CASE("Authority pulls stances toward the manager's direction", "[stance]") {
  // The manager is a stubborn node at stance 1: with lambda = 1 everyone converges to it, monotonically.
  const Model model = load(R"(
[team]
size = 3
dims = 4
[team.agents]
stance = [0.1, 0.2, 0.3]
susceptibility = [1.0, 1.0, 1.0]
trust_manager = [0.5, 0.5, 0.5]
[manager]
authority = 1.0
)" + only({"influence"}));
  State s = make_state(model, 1);
  Eigen::VectorXd before = s.stance;
  for (int t = 0; t < 600; ++t) {
    step(model, s);
    for (int i = 0; i < 3; ++i) REQUIRE(s.stance[i] >= before[i] - 1e-15);
    before = s.stance;
  }
  for (int i = 0; i < 3; ++i) CHECK(s.stance[i] > 0.999);
}

TEST_CASE("Influence switched off leaves stances unchanged", "[stance]") {
  const Model model = load(R"(
[team]
size = 4
dims = 4
[team.agents]
stance = [0.1, 0.4, 0.6, 0.9]
susceptibility = [1.0, 1.0, 1.0, 1.0]
)" + only({}));
  State s = make_state(model, 1);
  const Eigen::VectorXd before = s.stance;
  for (int t = 0; t < 20; ++t) update_stance(model, s);
  CHECK(s.stance == before);
  // W is still built (leaders and contagion read it) and stays row-stochastic.
  for (int i = 0; i < 4; ++i) CHECK(s.influence.row_sum(i) == Approx(1.0));
}

TEST_CASE("An empty seat takes no part in influence", "[stance]") {
  const Model model = load(R"(
[team]
size = 4
dims = 4
)" + only({"influence"}));
  State s = make_state(model, 1);
  vacate_seat(s, 2, -1);
  const double stance_before = s.stance[2];
  update_influence(model, s);
  update_stance(model, s);
  for (int i = 0; i < 5; ++i) CHECK(s.influence(i, 2) == 0.0);
  CHECK(s.influence.row_sum(2) == 0.0);
  CHECK(s.stance[2] == stance_before);
  for (int i : {0, 1, 3, 4}) CHECK(s.influence.row_sum(i) == Approx(1.0));
}

// Work (sim/work.cpp): acting on the task, realized performance, and productivity through effort
// (Yerkes–Dodson pressure, engagement, stance), collaboration and disruption; turbulence of reality.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "marked.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

const std::string kThree = R"(
[team]
size = 3
dims = 4
[team.agents]
beliefs = [[1, 1, 1, 1], [-1, -1, -1, -1], [1, 1, 1, -1]]
reality = [1, 1, 1, -1]
[manager]
control = 0.0
recognition = 0.0
mentoring = 0.0
vision = 0.0
)";

// A TOML matrix of `rows` x `cols` copies of `value`.
std::string matrix(int rows, int cols, int value) {
  std::string text = "[";
  for (int i = 0; i < rows; ++i) {
    text += i ? ", [" : "[";
    for (int k = 0; k < cols; ++k) text += (k ? ", " : "") + std::to_string(value);
    text += "]";
  }
  return text + "]";
}

// Productivity of seat 0 under a given control, everything else fixed.
double productivity_at(State s, double control) {
  s.params.manager.control = control;
  compute_productivity(s.params, s);
  return s.productivity[0];
}

}  // namespace

TEST_CASE("Performance is the share of dimensions acted right", "[work]") {
  const Model model = load(kThree + only({"work"}));
  State s = make_state(model, 1);
  work(model, s);
  CHECK(s.performance[0] == 0.75);
  CHECK(s.performance[1] == 0.25);
  CHECK(s.performance[2] == 1.0);
  CHECK(s.signals.mean_performance == Approx(2.0 / 3.0));
  // Productivity is positive and ordered as performance when everything else is equal.
  CHECK(s.productivity[2] > s.productivity[0]);
  CHECK(s.productivity[0] > s.productivity[1]);
  CHECK(s.productivity[1] > 0.0);
}

TEST_CASE("A belief of 0 is acted on by a fair coin", "[work]") {
  constexpr int kSeats = 5, kDims = 40, kSteps = 400;
  const Model model =
      load("[team]\nsize = 5\ndims = 40\n[team.agents]\nbeliefs = " + matrix(kSeats, kDims, 0) + "\n" +
           only({"work"}));
  State s = make_state(model, 17);
  double sum = 0;
  for (int t = 0; t < kSteps; ++t) {
    work(model, s);
    for (int i = 0; i < kSeats; ++i) {
      REQUIRE(std::abs(s.performance[i] * kDims - std::round(s.performance[i] * kDims)) < 1e-9);
      sum += s.performance[i];
    }
  }
  const double mean = sum / (kSeats * kSteps);
  const double se = std::sqrt(0.25 / (kSeats * kSteps * kDims));
  CHECK(std::abs(mean - 0.5) < 5 * se);
}

TEST_CASE("Pressure has an inverted-U effect on productivity (Yerkes-Dodson)", "[work]") {
  const Model model = load(kThree + only({"work"}));
  State s = make_state(model, 1);
  work(model, s);

  SECTION("optimum at 0.5") {
    s.params.work.pressure_optimum = 0.5;
    double previous = productivity_at(s, 0.0);
    for (const double c : {0.1, 0.2, 0.3, 0.4, 0.5}) {
      const double y = productivity_at(s, c);
      CHECK(y > previous);
      previous = y;
    }
    for (const double c : {0.6, 0.7, 0.8, 0.9, 1.0}) {
      const double y = productivity_at(s, c);
      CHECK(y < previous);
      previous = y;
    }
  }
  SECTION("the peak follows pressure_optimum") {
    s.params.work.pressure_optimum = 0.3;
    const double peak = productivity_at(s, 0.3);
    CHECK(peak > productivity_at(s, 0.2));
    CHECK(peak > productivity_at(s, 0.4));
    CHECK(productivity_at(s, 1.0) < productivity_at(s, 0.0));  // far past 2 x optimum pressure hurts
  }
  SECTION("no bump without pressure_gain") {
    s.params.work.pressure_gain = 0.0;
    CHECK(productivity_at(s, 0.5) == productivity_at(s, 0.0));
  }
}

TEST_CASE("Engagement, stance and peer trust raise productivity and change load lowers it", "[work]") {
  const Model model = load(kThree + only({"work"}));
  State s = make_state(model, 1);
  s.performance.setConstant(0.8);
  compute_productivity(s.params, s);
  const double reference = s.productivity[0];

  State low_stance = s;
  low_stance.stance[0] = 0.0;
  compute_productivity(low_stance.params, low_stance);
  CHECK(low_stance.productivity[0] < reference);

  State low_engagement = s;
  low_engagement.engagement[0] = 0.0;
  compute_productivity(low_engagement.params, low_engagement);
  CHECK(low_engagement.productivity[0] < reference);

  State high_trust = s;
  high_trust.trust(0, 1) = high_trust.trust(0, 2) = 1.0;
  compute_productivity(high_trust.params, high_trust);
  CHECK(high_trust.productivity[0] > reference);

  State disrupted = s;
  disrupted.change_load = 0.5;
  disrupted.params.work.change_support = 0.0;
  compute_productivity(disrupted.params, disrupted);
  // disruption = 0.5 per unit of load: a quarter of the output is lost.
  CHECK(disrupted.productivity[0] == Approx(0.75 * reference));
  // Vision and openness take part of the load off: (vision + openness) / 2 x change_support of it.
  State supported = disrupted;
  supported.params.work.change_support = 0.6;
  supported.params.manager.vision = 0.4;
  supported.params.manager.openness = 1.0;
  compute_productivity(supported.params, supported);
  CHECK(supported.productivity[0] == Approx((1.0 - 0.5 * 0.5 * (1.0 - 0.6 * 0.7)) * reference));
  CHECK(disrupted.signals.productivity < s.signals.productivity);
}

TEST_CASE("Team productivity counts an empty seat as zero", "[work]") {
  const Model model = load(kThree + only({"work"}));
  State s = make_state(model, 1);
  work(model, s);
  const double full = s.signals.productivity;
  CHECK(full == Approx(s.productivity.sum() / 3.0));
  vacate_seat(s, 2, -1);
  work(model, s);
  CHECK(s.productivity[2] == 0.0);
  CHECK(s.signals.productivity == Approx((s.productivity[0] + s.productivity[1]) / 3.0));
  CHECK(s.signals.mean_performance == Approx((0.75 + 0.25) / 2.0));
}

TEST_CASE("Turbulence flips reality even when work is off", "[work]") {
  const Model model = load(kThree + only({}) + "[environment]\nturbulence = 1.0\n");
  State s = make_state(model, 1);
  const VectorXb reality = s.reality;
  work(model, s);
  CHECK(s.reality == VectorXb(-reality));
  work(model, s);
  CHECK(s.reality == reality);

  const Model calm = load(kThree + only({"work"}));
  State c = make_state(calm, 1);
  for (int t = 0; t < 20; ++t) work(calm, c);
  CHECK(c.reality == reality);
}

TEST_CASE("Work switched off leaves performance and productivity unchanged", "[work]") {
  const Model model = load(kThree + only({}));
  State s = make_state(model, 1);
  const Eigen::VectorXd performance = s.performance, productivity = s.productivity;
  const auto words = s.rng.words_drawn();
  for (int t = 0; t < 5; ++t) work(model, s);
  CHECK(s.performance == performance);
  CHECK(s.productivity == productivity);
  CHECK(s.rng.words_drawn() == words);
}

TEST_CASE("for_each_marked visits exactly the marked dimensions in ascending order", "[work]") {
  // Block edges (63, 64, 65, 128) and counts that are and are not multiples of 64.
  for (const int count : {0, 1, 30, 63, 64, 65, 130}) {
    std::vector<int> visited;
    teamsim::for_each_marked(
        count, [](int k) { return k % 3 == 0 || k == 63 || k == 64 || k == 128; },
        [&](int k) { visited.push_back(k); });
    std::vector<int> expected;
    for (int k = 0; k < count; ++k) {
      if (k % 3 == 0 || k == 63 || k == 64 || k == 128) expected.push_back(k);
    }
    CHECK(visited == expected);
  }
}

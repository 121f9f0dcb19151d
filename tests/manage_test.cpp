// The manager acts (sim/manage.cpp): the adaptive policy within the attention budget, recognition of good
// work and mentoring.
#include <catch2/catch.hpp>

#include <cmath>

#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

const std::string kTeam = R"(
[team]
size = 6
dims = 10
)";

double budget(const ManagerParams& m) {
  return m.control + m.structure + m.recognition + m.mentoring + m.vision;
}

}  // namespace

TEST_CASE("A steady manager keeps the style", "[manage]") {
  const Model model = load(kTeam + only({"manage"}));
  State s = make_state(model, 1);
  const ManagerParams before = s.params.manager;
  for (int t = 0; t < 20; ++t) {
    s.signals.productivity = 0.0;  // far below target: would trigger push
    manage(model, s);
  }
  CHECK(s.params.manager.control == before.control);
  CHECK(s.params.manager.vision == before.vision);
  CHECK(s.params.manager.openness == before.openness);
  CHECK(s.signals.style_change == 0.0);
}

TEST_CASE("A push manager raises control below the KPI target, within the budget", "[manage]") {
  const Model model = load(kTeam + only({"manage"}) + R"(
[manager]
policy = "push"
kpi_target = 0.5
policy_rate = 0.05
control = 0.25
structure = 0.0
recognition = 0.25
mentoring = 0.25
vision = 0.25
)");
  State s = make_state(model, 1);
  double control = s.params.manager.control;

  s.signals.productivity = 0.6;  // above target: nothing happens
  manage(model, s);
  CHECK(s.params.manager.control == control);
  CHECK(s.signals.style_change == 0.0);

  for (int t = 0; t < 10; ++t) {
    s.signals.productivity = 0.3;
    manage(model, s);
    CHECK(s.params.manager.control > control);
    CHECK(budget(s.params.manager) <= 1.0 + 1e-12);
    CHECK(s.signals.style_change > 0.0);
    control = s.params.manager.control;
  }
  // The other shares gave way in proportion: they stay equal to each other.
  CHECK(s.params.manager.recognition == Approx(s.params.manager.mentoring));
  CHECK(s.params.manager.recognition < 0.25);
  CHECK(control == Approx(0.25 + 10 * 0.05));
  CHECK(budget(s.params.manager) == Approx(1.0));

  // Comfortably above target (beyond kpi_margin) control relaxes step by step back to the intended 0.25,
  // and the other shares come back with it.
  for (int t = 0; t < 20; ++t) {
    s.signals.productivity = 0.5 + s.params.manage.kpi_margin + 0.01;
    manage(model, s);
  }
  CHECK(s.params.manager.control == Approx(0.25));
  CHECK(s.params.manager.recognition == Approx(0.25));
  // Between target and target + margin nothing moves.
  s.signals.productivity = 0.5 + 0.5 * s.params.manage.kpi_margin;
  manage(model, s);
  CHECK(s.signals.style_change == 0.0);
}

TEST_CASE("A lead manager raises vision and openness when morale falls", "[manage]") {
  const Model model = load(kTeam + only({"manage"}) + R"(
[manager]
policy = "lead"
policy_rate = 0.05
)");
  State s = make_state(model, 1);
  const ManagerParams before = s.params.manager;

  s.signals.morale_before = 0.5;
  s.signals.morale = 0.6;  // rising: nothing happens
  manage(model, s);
  CHECK(s.params.manager.vision == before.vision);
  CHECK(s.params.manager.openness == before.openness);

  s.signals.morale = 0.4;  // falling
  manage(model, s);
  CHECK(s.params.manager.vision == Approx(before.vision + 0.05));
  CHECK(s.params.manager.openness == Approx(before.openness + 0.05));
  // Vision takes its room from recognition and mentoring, never from control or structure.
  CHECK(s.params.manager.control == before.control);
  CHECK(s.params.manager.structure == before.structure);
  CHECK(budget(s.params.manager) <= 1.0 + 1e-12);
  for (int t = 0; t < 5; ++t) {
    s.signals.morale = 0.3 - 0.01 * t;  // falling further: vision fills the budget
    s.signals.morale_before = s.signals.morale + 0.01;
    manage(model, s);
  }
  CHECK(s.params.manager.control == before.control);
  CHECK(s.params.manager.structure == before.structure);
  CHECK(budget(s.params.manager) <= 1.0 + 1e-12);
  // Morale no longer falling: vision and openness relax back to the intended style.
  for (int t = 0; t < 40; ++t) {
    s.signals.morale_before = s.signals.morale = 0.5;
    manage(model, s);
  }
  CHECK(s.params.manager.vision == Approx(before.vision));
  CHECK(s.params.manager.openness == Approx(before.openness));
  CHECK(s.params.manager.recognition == Approx(before.recognition));
}

TEST_CASE("Recognition goes to good work and is remembered", "[manage]") {
  const Model model = load(R"(
[team]
size = 2
dims = 10
[manager]
control = 0.0
recognition = 0.5
mentoring = 0.0
vision = 0.0
)" + only({"manage"}));
  State s = make_state(model, 3);
  constexpr int kSteps = 4000;
  int recognized[2] = {0, 0};
  for (int t = 0; t < kSteps; ++t) {
    // Seat 0 performs three times as well as seat 1: chances 0.5 * q / mean q = 0.75 and 0.25.
    s.performance[0] = 0.9;
    s.performance[1] = 0.3;
    s.signals.mean_performance = 0.6;
    const Eigen::VectorXd memory = s.recognition;
    manage(model, s);
    for (int i = 0; i < 2; ++i) {
      const auto ui = static_cast<std::size_t>(i);
      recognized[i] += s.recognized[ui];
      // Remembered recognition moves toward this step's with weight recognition_memory.
      const double w = s.params.manage.recognition_memory;
      REQUIRE(s.recognition[i] == Approx((1.0 - w) * memory[i] + w * s.recognized[ui]));
      REQUIRE(s.mentored[ui] == 0);
    }
  }
  const double se = std::sqrt(0.75 * 0.25 / kSteps);
  CHECK(std::abs(recognized[0] / static_cast<double>(kSteps) - 0.75) < 5 * se);
  CHECK(std::abs(recognized[1] / static_cast<double>(kSteps) - 0.25) < 5 * se);
}

TEST_CASE("Mentoring reaches each employee with probability mentoring", "[manage]") {
  const Model model = load(kTeam + only({"manage"}) + R"(
[manager]
control = 0.0
recognition = 0.0
mentoring = 0.3
vision = 0.0
)");
  State s = make_state(model, 5);
  constexpr int kSteps = 3000;
  int mentored = 0;
  for (int t = 0; t < kSteps; ++t) {
    manage(model, s);
    for (int i = 0; i < 6; ++i) {
      mentored += s.mentored[static_cast<std::size_t>(i)];
      REQUIRE(s.recognized[static_cast<std::size_t>(i)] == 0);  // recognition 0
    }
  }
  const double rate = mentored / (6.0 * kSteps);
  CHECK(std::abs(rate - 0.3) < 5 * std::sqrt(0.3 * 0.7 / (6.0 * kSteps)));
}

TEST_CASE("Manage switched off: no recognition, no mentoring, no style change", "[manage]") {
  const Model model = load(kTeam + only({}) + "[manager]\npolicy = \"push\"\n");
  State s = make_state(model, 1);
  const ManagerParams before = s.params.manager;
  const Eigen::VectorXd memory = s.recognition;
  const auto words = s.rng.words_drawn();
  s.signals.productivity = 0.0;
  manage(model, s);
  CHECK(s.params.manager.control == before.control);
  CHECK(s.recognition == memory);
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(s.recognized[i] == 0);
    CHECK(s.mentored[i] == 0);
  }
  CHECK(s.rng.words_drawn() == words);
}

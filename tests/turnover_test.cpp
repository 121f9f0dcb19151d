// Turnover (sim/turnover.cpp): quits rise as morale falls; a vacated seat is filled after the hiring delay by
// a newcomer drawn from the team's distributions (not the explicit t = 0 values).
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

// Explicit t = 0 values that differ from the distributions newcomers are drawn from.
const std::string kTeam = R"(
[team]
size = 4
dims = 10
[team.initial]
stance = 0.33
trust_peer = 0.42
trust_manager = 0.61
[team.agents]
stance = [0.9, 0.9, 0.9, 0.9]
trust_manager = [0.8, 0.8, 0.8, 0.8]
)";

int count_log(const State& s, const std::string& event) {
  int n = 0;
  for (const auto& e : s.log) n += e.event == event;
  return n;
}

}  // namespace

TEST_CASE("Everyone quits at hazard 1 and seats refill after the hiring delay", "[turnover]") {
  const Model model = load(kTeam + only({"turnover"}) + "[turnover]\nbase_hazard = 1.0\nhiring_delay = 3\n");
  State s = make_state(model, 1);
  std::set<PersonId> before(s.person.begin(), s.person.end());
  s.t = 5;
  turnover(model, s);
  CHECK(s.quits == 4);
  CHECK(s.headcount() == 0);
  CHECK(count_log(s, "quit") == 4);
  for (std::size_t i = 0; i < 4; ++i) CHECK(s.hire_at[i] == 8);

  s.params.turnover.base_hazard = 0.0;
  for (const int t : {6, 7}) {
    s.t = t;
    s.log.clear();
    turnover(model, s);
    CHECK(s.headcount() == 0);
    CHECK(count_log(s, "hire") == 0);
  }
  s.t = 8;
  s.log.clear();
  turnover(model, s);
  CHECK(s.headcount() == 4);
  CHECK(count_log(s, "hire") == 4);
  for (int i = 0; i < 4; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    CHECK(before.count(s.person[ui]) == 0);  // new people
    CHECK(s.tenure[ui] == 1);
    CHECK(s.hire_at[ui] == -1);
    // Newcomers come from the distributions, not from the explicit t = 0 values.
    CHECK(s.stance[i] == 0.33);
    CHECK(s.trust_manager[i] == 0.61);
  }
}

TEST_CASE("A newcomer gets prior trust both ways with every present teammate", "[turnover]") {
  const Model model = load(kTeam + only({"turnover"}) + "[turnover]\nbase_hazard = 0.0\nhiring_delay = 1\n");
  State s = make_state(model, 1);
  s.trust.matrix().setConstant(0.9);
  vacate_seat(s, 2, 1);
  vacate_seat(s, 3, -1);  // closed: never refilled
  s.t = 1;
  turnover(model, s);
  CHECK(s.active[2] == 1);
  CHECK(s.active[3] == 0);
  for (const int j : {0, 1}) {
    CHECK(s.trust(2, j) == 0.42);
    CHECK(s.trust(j, 2) == 0.42);
  }
  CHECK(s.trust(0, 1) == 0.9);  // others' trust is untouched
}

TEST_CASE("Low morale raises quits and at the reference morale the hazard is the base hazard", "[turnover]") {
  const Model model = load(R"(
[team]
size = 4
dims = 10
[turnover]
base_hazard = 0.02
morale_reference = 0.6
)" + only({"turnover"}));
  constexpr int kTrials = 5000;
  auto quit_rate = [&](double morale) {
    State s = make_state(model, 7);
    const State start = s;
    int quits = 0;
    for (int trial = 0; trial < kTrials; ++trial) {
      s.active = start.active;
      s.morale.setConstant(morale);  // what turnover reads (from this step's wellbeing)
      s.quits = 0;
      s.log.clear();
      turnover(model, s);
      quits += s.quits;
    }
    return quits / (4.0 * kTrials);
  };
  auto se = [](double p) { return std::sqrt(p * (1 - p) / (4.0 * kTrials)); };
  const double content = quit_rate(0.9);
  const double reference = quit_rate(0.6);
  const double unhappy = quit_rate(0.2);
  CHECK(std::abs(reference - 0.02) < 5 * se(0.02));
  CHECK(content < reference);
  CHECK(unhappy > reference + 5 * se(reference));
}

TEST_CASE("Turnover switched off: nobody quits, tenure still counts", "[turnover]") {
  const Model model = load(kTeam + only({"turnover"}) + "[turnover]\nenabled = false\nbase_hazard = 1.0\n");
  State s = make_state(model, 1);
  for (int t = 1; t <= 10; ++t) {
    s.t = t;
    turnover(model, s);
    CHECK(s.quits == 0);
  }
  CHECK(s.headcount() == 4);
  for (std::size_t i = 0; i < 4; ++i) CHECK(s.tenure[i] == 10);
}

TEST_CASE("Scheduled refills happen even with turnover off", "[turnover]") {
  // A layoff with rehire or a promotion schedules a hire; the hire itself is not a quit decision.
  const Model model = load(kTeam + only({}));
  State s = make_state(model, 1);
  vacate_seat(s, 1, 4);
  for (int t = 1; t <= 4; ++t) {
    s.t = t;
    turnover(model, s);
    CHECK(s.active[1] == (t >= 4 ? 1 : 0));
  }
}

TEST_CASE("The quit hazard is capped at max_ratio times the base hazard", "[turnover]") {
  // Morale 0 is far below the reference: exp(4 x 0.75) = 20 is capped at 2, so the hazard is 0.2 a week.
  const Model model = load(kTeam + only({"turnover"}) +
                           "[turnover]\nbase_hazard = 0.1\nmax_ratio = 2.0\nhiring_delay = 10000\n");
  int quits = 0, trials = 0;
  for (std::uint64_t seed = 1; seed <= 500; ++seed) {
    State s = make_state(model, seed);
    s.morale.setZero();
    turnover(model, s);
    quits += s.quits;
    trials += 4;
  }
  // Binomial(2000, 0.2): sd 0.0089; 4 sd either side.
  const double share = static_cast<double>(quits) / trials;
  CHECK(share == Approx(0.2).margin(4 * std::sqrt(0.2 * 0.8 / trials)));
}

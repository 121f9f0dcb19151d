// Learning (sim/learn.cpp), after March (1991): gradual socialization into the code, the code learning
// from the superior group, the couplings to trust, stance and control, and the March special case.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "metrics.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

VectorXb vec(std::initializer_list<int> values) {
  VectorXb v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index k = 0;
  for (const int x : values) v[k++] = static_cast<std::int8_t>(x);
  return v;
}

// Three people, four dimensions, reality all +1; `more` adds lines to [team.agents].
std::string three(const std::string& more = "") {
  return R"(
[team]
size = 3
dims = 4
[team.agents]
beliefs = [[-1, 0, 1, 1], [1, -1, -1, 1], [-1, -1, -1, -1]]
reality = [1, 1, 1, 1]
)" + more +
         "\n";
}

// True when the March process can no longer change: every present person's beliefs equal the code and the
// code has no 0 left. (A 0 in the code is acted on by coin flips, so the code could still jump there.)
bool settled(const State& s) {
  for (Eigen::Index k = 0; k < s.code.size(); ++k) {
    if (s.code[k] == 0) return false;
  }
  for (int i = 0; i < s.seats(); ++i) {
    if (s.active[static_cast<std::size_t>(i)] && s.beliefs.col(i) != s.code) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Socialization moves a belief one step toward a non-zero code", "[learn]") {
  const Model model = load(three("code = [1, 1, -1, 0]") + only({"learning"}) + R"(
[learning]
p1 = 1.0
p2 = 0.0
couplings = false
)");
  State s = make_state(model, 1);
  learn(model, s);
  // -1 -> 0 (not straight to +1), 0 -> +1, +1 -> 0 toward -1; a 0 in the code teaches nothing.
  CHECK(VectorXb(s.beliefs.col(0)) == vec({0, 1, 0, 1}));
  learn(model, s);
  CHECK(VectorXb(s.beliefs.col(0)) == vec({1, 1, -1, 1}));
  CHECK(VectorXb(s.beliefs.col(2)) == vec({1, 1, -1, -1}));
  CHECK(s.code == vec({1, 1, -1, 0}));  // p2 = 0: the code never moves
}

TEST_CASE("With p1 = 0 nobody is socialized", "[learn]") {
  const Model model = load(three("code = [1, 1, -1, 1]") + only({"learning"}) + R"(
[learning]
p1 = 0.0
p2 = 0.0
couplings = false
)");
  State s = make_state(model, 1);
  const MatrixXb beliefs = s.beliefs;
  for (int t = 0; t < 50; ++t) learn(model, s);
  CHECK(s.beliefs == beliefs);
}

TEST_CASE("The code learns the majority action of those who beat it", "[learn]") {
  // Scores (right - wrong actions): seats 0 and 1 score 2, seat 2 scores -4; the empty code scores 0.
  const Model model = load(R"(
[team]
size = 3
dims = 4
[team.agents]
beliefs = [[1, 1, -1, 1], [1, -1, 1, 1], [-1, -1, -1, -1]]
reality = [1, 1, 1, 1]
[learning]
p1 = 0.0
p2 = 1.0
couplings = false
)" + only({"work", "learning"}));
  State s = make_state(model, 1);
  REQUIRE(s.code == vec({0, 0, 0, 0}));
  work(model, s);  // acts and realizes performance
  learn(model, s);
  // Superior group = seats 0 and 1: dims 0 and 3 unanimous +1; dims 1 and 2 ties. Had seat 2 been heard,
  // dims 1 and 2 would have gone to -1.
  CHECK(s.code == vec({1, 0, 0, 1}));
}

TEST_CASE("A tie in the superior group leaves the code unchanged", "[learn]") {
  const Model model = load(R"(
[team]
size = 2
dims = 3
[team.agents]
beliefs = [[1, -1, 1], [-1, 1, 1]]
code = [-1, 1, -1]
reality = [1, 1, 1]
)" + only({"work", "learning"}) +
                           "[learning]\np1 = 0.0\np2 = 1.0\ncouplings = false\n");
  State s = make_state(model, 1);
  for (int t = 0; t < 20; ++t) {
    work(model, s);  // both score 1 > the code's -1
    learn(model, s);
  }
  CHECK(s.code == vec({-1, 1, 1}));  // dims 0 and 1 tie; dim 2 is unanimous (a jump from -1 to +1)
}

TEST_CASE("Nobody who fails to beat the code changes it", "[learn]") {
  const Model model = load(R"(
[team]
size = 3
dims = 4
[team.agents]
beliefs = [[1, 1, -1, 1], [1, -1, 1, 1], [-1, -1, -1, -1]]
code = [1, 1, 1, -1]
reality = [1, 1, 1, 1]
[learning]
p1 = 0.0
p2 = 1.0
couplings = false
)" + only({"work", "learning"}));
  State s = make_state(model, 1);
  work(model, s);  // the best score is 2, equal to the code's: nobody is strictly better
  learn(model, s);
  CHECK(s.code == vec({1, 1, 1, -1}));
}

TEST_CASE("The code follows this step's actions, not the socialized beliefs", "[learn]") {
  // Everyone believes -1 (right) and the code says +1: socialization (p1 = 1) moves the beliefs to 0 before
  // the code learns, but the superior group acted -1, so the code goes to -1.
  const Model model = load(R"(
[team]
size = 2
dims = 1
[team.agents]
beliefs = [[-1], [-1]]
code = [1]
reality = [-1]
[learning]
p1 = 1.0
p2 = 1.0
couplings = false
)" + only({"work", "learning"}));
  State s = make_state(model, 1);
  work(model, s);
  learn(model, s);
  CHECK(s.beliefs(0, 0) == 0);
  CHECK(s.beliefs(0, 1) == 0);
  CHECK(s.code[0] == -1);
}

TEST_CASE("The code adopts a dominant belief with probability 1 - (1 - p2)^margin", "[learn]") {
  const Model model = load(R"(
[team]
size = 3
dims = 2
[team.agents]
beliefs = [[1, 1], [1, 1], [1, -1]]
code = [-1, -1]
reality = [1, 1]
)" + only({"work", "learning"}) +
                           "[learning]\np1 = 0.0\np2 = 0.3\ncouplings = false\n");
  State start = make_state(model, 1);
  work(model, start);  // scores 2, 2 and 0 all beat the code's -2
  constexpr int kTrials = 20000;
  int margin3 = 0, margin1 = 0;
  State s = start;
  for (int trial = 0; trial < kTrials; ++trial) {
    s.code = start.code;
    s.beliefs = start.beliefs;
    learn(model, s);
    margin3 += s.code[0] == 1;  // 3 for +1, 0 against
    margin1 += s.code[1] == 1;  // 2 for +1, 1 against
  }
  const double p3 = 1 - std::pow(0.7, 3), p1 = 0.3;
  CHECK(std::abs(margin3 / static_cast<double>(kTrials) - p3) < 5 * std::sqrt(p3 * (1 - p3) / kTrials));
  CHECK(std::abs(margin1 / static_cast<double>(kTrials) - p1) < 5 * std::sqrt(p1 * (1 - p1) / kTrials));
}

TEST_CASE("Couplings: people do not adopt the way of working of a manager they oppose", "[learn]") {
  // Seat 0 opposes the manager and distrusts them; seat 1 is aligned and trusting.
  const std::string text = R"(
[team]
size = 2
dims = 20
[team.agents]
stance = [0.0, 1.0]
trust_manager = [0.05, 1.0]
learning_speed = [1.0, 1.0]
code = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
beliefs = [[-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1],
           [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]]
[manager]
control = 0.0
recognition = 0.0
mentoring = 0.0
vision = 0.0
[learning]
p1 = 0.2
p2 = 0.0
couplings = true
experience = 0.0
)" + only({"learning"});
  // Moves toward the code in one learn() from the starting beliefs, summed over trials.
  auto moves = [](const Model& model, int seat) {
    const State start = make_state(model, 1);
    State s = start;
    long count = 0;
    for (int trial = 0; trial < 500; ++trial) {
      s.beliefs = start.beliefs;
      learn(model, s);
      for (int k = 0; k < 20; ++k) count += s.beliefs(k, seat) != -1;
    }
    return count;
  };
  const Model plain = load(text);
  CHECK(moves(plain, 0) == 0);  // stance 0: acceptance 0
  const long aligned = moves(plain, 1);
  CHECK(aligned > 0);
  const long pushed = moves(load(text, {"manager.control=0.8"}), 1);
  CHECK(pushed > aligned);  // control raises p1
  const Model uncoupled = load(text, {"learning.couplings=false"});
  CHECK(moves(uncoupled, 0) > 0);  // without couplings the opponent is socialized too
}

TEST_CASE("Learning switched off leaves beliefs and code unchanged", "[learn]") {
  const Model model = load(three("code = [1, 1, -1, 1]") + only({}));
  State s = make_state(model, 1);
  const MatrixXb beliefs = s.beliefs;
  const VectorXb code = s.code;
  const auto words = s.rng.words_drawn();
  s.performance.setConstant(1.0);
  for (int t = 0; t < 10; ++t) learn(model, s);
  CHECK(s.beliefs == beliefs);
  CHECK(s.code == code);
  CHECK(s.rng.words_drawn() == words);
}

// ---- March (1991) ---------------------------------------------------------------------------------

namespace {

struct MarchResult {
  double mean = 0, se = 0;
  int unsettled = 0;        // runs not at equilibrium by the step limit
  int longest = 0;          // steps the slowest run took to settle
  int metric_mismatch = 0;  // settled runs where march_knowledge != 2 * code_knowledge - 1
};

// The March (1991) setting: m = 30, n = 50, p3 = p4 = 0, couplings off. Only work (people act and realize
// performance) and learning are on; influence.gamma = 2 only keeps the influence matrix, which step() builds
// even with influence off, cheap to build.
Model march_model(double p1, double p2) {
  return load(R"(
[scenario]
name = "march"
[team]
size = 50
dims = 30
[environment]
turbulence = 0.0
[influence]
enabled = false
gamma = 2.0
[learning]
couplings = false
p1 = )" + std::to_string(p1) +
              "\np2 = " + std::to_string(p2) + "\n" + only({"work", "learning", "influence"}));
}

// March's knowledge of the code: (right - wrong) / m = sum_k C_k z_k / m, so that a neutral code (or random
// beliefs) has knowledge 0 ("on average, no knowledge", March 1991: 75). This is the measure of March's
// Figure 1 and of the published values; it is not teamsim's code_knowledge metric (the share of dimensions
// right), but with no 0 left in the code the two are tied: march = 2 * code_knowledge - 1.
double march_knowledge(const State& s) {
  int score = 0;
  for (Eigen::Index k = 0; k < s.code.size(); ++k) score += s.code[k] * s.reality[k];
  return static_cast<double>(score) / static_cast<double>(s.code.size());
}

// Equilibrium knowledge over `runs` runs (seeds 1..runs). A run stops as soon as it is settled, which is
// absorbing (tested below), so the value at that step is the equilibrium value.
MarchResult march(double p1, double p2, int runs, int step_limit) {
  const Model model = march_model(p1, p2);
  MarchResult r;
  double sum = 0, sum_sq = 0;
  for (int run = 1; run <= runs; ++run) {
    State s = make_state(model, static_cast<std::uint64_t>(run));
    int t = 0;
    while (t < step_limit && !settled(s)) {
      step(model, s);
      ++t;
    }
    r.unsettled += !settled(s);
    r.longest = std::max(r.longest, t);
    const double k = march_knowledge(s);
    r.metric_mismatch += settled(s) && std::abs(k - (2 * measure(s).code_knowledge - 1)) > 1e-12;
    sum += k;
    sum_sq += k * k;
  }
  r.mean = sum / runs;
  const double variance = (sum_sq - runs * r.mean * r.mean) / (runs - 1);
  r.se = std::sqrt(std::max(0.0, variance) / runs);
  return r;
}

void check_march(double p1, double p2, double expected) {
  constexpr int kRuns = 2000, kStepLimit = 1000;
  const MarchResult r = march(p1, p2, kRuns, kStepLimit);
  INFO("p1 = " << p1 << ", p2 = " << p2 << ": mean equilibrium knowledge " << r.mean << " (SE " << r.se
               << ", " << kRuns << " runs; slowest settled in " << r.longest << " steps; " << r.unsettled
               << " unsettled), expected " << expected);
  CHECK(r.unsettled == 0);
  CHECK(r.metric_mismatch == 0);
  CHECK(r.se < 0.004);
  CHECK(std::abs(r.mean - expected) < 0.01);
}

}  // namespace

TEST_CASE("March equilibrium is absorbing", "[learn][special]") {
  // Once settled nothing changes any more, which is what lets march() stop early: the code knowledge at the
  // settling step equals the one after a long fixed run.
  for (const auto& [p1, p2] : {std::pair{0.1, 0.9}, {0.9, 0.9}, {0.5, 0.1}}) {
    const Model model = march_model(p1, p2);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      INFO("p1 = " << p1 << ", p2 = " << p2 << ", seed " << seed);
      State s = make_state(model, seed);
      int t = 0;
      while (!settled(s) && t < 2000) {
        step(model, s);
        ++t;
      }
      REQUIRE(settled(s));
      const VectorXb code = s.code;
      const MatrixXb beliefs = s.beliefs;
      for (int more = 0; more < 100; ++more) step(model, s);
      CHECK(s.code == code);
      CHECK(s.beliefs == beliefs);
    }
  }
}

TEST_CASE("March 1991 slow learning and fast code learning: 0.972", "[learn][special][slow]") {
  check_march(0.1, 0.9, 0.972);
}

TEST_CASE("March 1991 slow learning and slow code learning: 0.863", "[learn][special][slow]") {
  check_march(0.1, 0.1, 0.863);
}

TEST_CASE("March 1991 fast learning and fast code learning: 0.728", "[learn][special][slow]") {
  check_march(0.9, 0.9, 0.728);
}

TEST_CASE("Experience: a belief acted wrongly moves one step toward reality", "[learn]") {
  // Seat 2 believes -1 everywhere and reality is +1; no code, so only experience moves beliefs.
  const std::string text = three() + R"(
[learning]
p1 = 0.0
p2 = 0.0
experience = 0.25
[team.traits]
learning_speed = 1.0
)" + only({"learning"});
  const Model model = load(text);
  int moved = 0, tried = 0;
  for (int trial = 0; trial < 400; ++trial) {
    State s = make_state(model, static_cast<std::uint64_t>(trial + 1));
    s.actions = s.beliefs;  // act as believed (no zeros in seat 2)
    learn(model, s);
    for (int k = 0; k < 4; ++k) {
      REQUIRE((s.beliefs(k, 2) == -1 || s.beliefs(k, 2) == 0));  // one step, never a jump to +1
      moved += s.beliefs(k, 2) == 0;
      ++tried;
    }
    // Right actions never move.
    CHECK(s.beliefs(3, 0) == 1);
  }
  // Binomial(1600, 0.25): sd 0.011; 4 sd either side.
  const double n = tried;
  CHECK(moved / n == Approx(0.25).margin(4 * std::sqrt(0.25 * 0.75 / n)));
  // March's setting (couplings off) has no experience.
  const Model march = load(text, {"learning.couplings=false"});
  State s = make_state(march, 1);
  s.actions = s.beliefs;
  learn(march, s);
  CHECK(s.beliefs == make_state(march, 1).beliefs);
}

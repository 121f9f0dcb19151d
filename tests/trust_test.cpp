// Trust (sim/trust.cpp): peer trust and trust in the manager relax toward the evidence of ability,
// benevolence and integrity (Mayer, Davis & Schoorman 1995).
#include <catch2/catch.hpp>

#include <cmath>

#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

// Four identical colleagues except for the initial trust, which the caller sets.
std::string team(double trust_peer, double trust_manager) {
  return R"(
[team]
size = 4
dims = 10
[team.initial]
trust_peer = )" +
         std::to_string(trust_peer) + "\ntrust_manager = " + std::to_string(trust_manager) + R"(
[team.agents]
persuasiveness = [0.6, 0.6, 0.6, 0.6]
agreeability = [0.7, 0.7, 0.7, 0.7]
stance = [0.8, 0.8, 0.8, 0.8]
self_weight = [1.5, 1.5, 1.5, 1.5]
)";
}

}  // namespace

TEST_CASE("One trust update is the relaxation T += eta (evidence - T)", "[trust]") {
  // Same seed, so the same meetings; only the starting trust differs. For a pair that met k times,
  // T' - E = (1 - eta)^k (T - E): the two runs' difference shrinks by (1 - eta)^k and both imply the same E.
  const std::string rest = only({"trust"}) + "[trust]\nrate = 0.1\nmanager_rate = 0.05\nmeetings = 3\n";
  const Model low = load(team(0.05, 0.05) + rest);
  const Model high = load(team(0.95, 0.95) + rest);
  State a = make_state(low, 9);
  State b = make_state(high, 9);
  update_trust(low, a);
  update_trust(high, b);
  for (int i = 0; i < 4; ++i) {
    int meetings = 0;
    for (int j = 0; j < 4; ++j) {
      if (i == j) continue;
      const double shrink = (a.trust(i, j) - b.trust(i, j)) / (0.05 - 0.95);
      const int k = static_cast<int>(std::lround(std::log(shrink) / std::log(0.9)));
      INFO("pair " << i << "," << j << " shrink " << shrink);
      REQUIRE(k >= 0);
      CHECK(shrink == Approx(std::pow(0.9, k)).epsilon(1e-12));
      meetings += k;
      if (k > 0) {
        const double c = std::pow(0.9, k);
        const double evidence_a = (a.trust(i, j) - c * 0.05) / (1 - c);
        const double evidence_b = (b.trust(i, j) - c * 0.95) / (1 - c);
        CHECK(evidence_a == Approx(evidence_b).epsilon(1e-9));
        CHECK(evidence_a > 0.05);
        CHECK(evidence_a < 0.95);
      }
    }
    CHECK(meetings == 3);  // each employee meets `meetings` teammates per step
    // The manager is observed by everyone every step.
    CHECK((a.trust_manager[i] - b.trust_manager[i]) / (0.05 - 0.95) == Approx(0.95));
  }
  // The diagonal is the self weight in influence, not trust: it does not move.
  for (int i = 0; i < 4; ++i) CHECK(a.trust(i, i) == 1.5);
}

TEST_CASE("Peer trust converges to the same level from low and high starts", "[trust]") {
  const std::string rest = only({"trust"});
  const Model low = load(team(0.05, 0.5) + rest);
  const Model high = load(team(0.95, 0.5) + rest);
  State a = make_state(low, 2);
  State b = make_state(high, 2);
  for (int t = 0; t < 400; ++t) {
    const Eigen::MatrixXd before_a = a.trust.matrix(), before_b = b.trust.matrix();
    update_trust(low, a);
    update_trust(high, b);
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) {
        REQUIRE(a.trust(i, j) >= before_a(i, j));  // moves up toward the evidence, never past it
        REQUIRE(b.trust(i, j) <= before_b(i, j));
        REQUIRE(a.trust(i, j) <= b.trust(i, j));
      }
    }
  }
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      if (i != j) CHECK(a.trust(i, j) == Approx(b.trust(i, j)).margin(1e-6));
    }
  }
}

TEST_CASE("A more able and benevolent colleague of integrity is trusted more", "[trust]") {
  const Model model = load(R"(
[team]
size = 4
dims = 10
[team.agents]
persuasiveness = [0.3, 0.3, 0.3, 1.0]
agreeability = [0.3, 0.3, 0.3, 1.0]
integrity = [0.8, 0.8, 0.1, 0.8]
beliefs = [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
           [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]
reality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
)" + only({"trust"}));
  State s = make_state(model, 4);
  for (int t = 0; t < 300; ++t) update_trust(model, s);
  // Seat 3: higher ability (performance and persuasiveness) and benevolence; seat 2: little integrity.
  for (const int i : {0, 1}) {
    const int peer = 1 - i;
    CHECK(s.trust(i, 3) > s.trust(i, peer) + 0.1);
    CHECK(s.trust(i, 2) < s.trust(i, peer) - 0.1);
  }
}

TEST_CASE("Control lowers and recognition raises trust in the manager", "[trust]") {
  const std::string base =
      team(0.5, 0.5) + only({"trust"}) + "[manager]\nrecognition = 0.0\nmentoring = 0.0\nvision = 0.0\n";
  auto settle = [](const Model& model, double recognition) {
    State s = make_state(model, 1);
    for (int t = 0; t < 300; ++t) {
      s.recognition.setConstant(recognition);  // what manage() would have remembered
      update_trust(model, s);
    }
    return s.trust_manager.mean();
  };
  const double hands_off = settle(load(base, {"manager.control=0.1"}), 0.0);
  const double micromanaged = settle(load(base, {"manager.control=0.7"}), 0.0);
  const double recognized = settle(load(base, {"manager.control=0.1"}), 1.0);
  CHECK(micromanaged < hands_off - 0.02);
  CHECK(recognized > hands_off + 0.02);  // P8
}

TEST_CASE("Trust switched off leaves trust unchanged and draws nothing", "[trust]") {
  const Model model = load(team(0.5, 0.5) + only({}));
  State s = make_state(model, 1);
  const Eigen::MatrixXd trust = s.trust.matrix();
  const Eigen::VectorXd manager = s.trust_manager;
  const auto words = s.rng.words_drawn();
  for (int t = 0; t < 10; ++t) update_trust(model, s);
  CHECK(s.trust.matrix() == trust);
  CHECK(s.trust_manager == manager);
  CHECK(s.rng.words_drawn() == words);
}

TEST_CASE("Zero meetings: peer trust stays, trust in the manager still moves", "[trust]") {
  const Model model = load(team(0.5, 0.2) + only({"trust"}) + "[trust]\nmeetings = 0\n");
  State s = make_state(model, 1);
  const Eigen::MatrixXd trust = s.trust.matrix();
  update_trust(model, s);
  CHECK(s.trust.matrix() == trust);
  for (int i = 0; i < 4; ++i) CHECK(s.trust_manager[i] != 0.2);
}

TEST_CASE("Trust in absent colleagues does not move", "[trust]") {
  const Model model = load(team(0.5, 0.5) + only({"trust"}));
  State s = make_state(model, 1);
  vacate_seat(s, 1, -1);
  const Eigen::MatrixXd trust = s.trust.matrix();
  const double manager = s.trust_manager[1];
  for (int t = 0; t < 50; ++t) update_trust(model, s);
  for (int i = 0; i < 4; ++i) {
    CHECK(s.trust(i, 1) == trust(i, 1));
    CHECK(s.trust(1, i) == trust(1, i));
  }
  CHECK(s.trust_manager[1] == manager);
}

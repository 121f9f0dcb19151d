// Calibration (sim/calibration.cpp): the posterior summary's weighted quantiles, and ABC-SMC's invariants
// (weights sum to 1, tolerances shrink, particles inside the prior, the same particles for any thread
// count) on a short baseline run.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibration.hpp"
#include "calibration_shards.hpp"
#include "input_error.hpp"
#include "scenario.hpp"
#include "test_util.hpp"

using namespace teamsim;
using Catch::Matchers::Contains;

namespace {

CalibrationSpec spec_in(test::TempDir& dir, const std::string& extra = "") {
  test::write_file(dir.path() / "observed.csv", "t,morale,productivity\n6,0.70,0.50\n13,0.72,0.55\n");
  test::write_file(dir.path() / "c.toml",
                   "[calibration]\nscenario = \"baseline\"\nobserved = \"observed.csv\"\n"
                   "seed = 5\nparticles = 20\nsimulations = 60\ngenerations = 2\nsteps = 13\n" +
                       extra +
                       "[parameters]\n\"manager.control\" = { min = 0.05, max = 0.4 }\n"
                       "\"manager.openness\" = { min = 0.0, max = 1.0 }\n");
  return load_calibration(dir.str("c.toml"), {TEAMSIM_TEST_SCENARIOS});
}

}  // namespace

TEST_CASE("Posterior summaries are weighted means and weighted quantiles", "[calibration]") {
  Generation g;
  g.particles = {1, 2, 3, 4};  // one parameter
  g.weights = {0.1, 0.2, 0.3, 0.4};
  const auto s = summarize(g, 1);
  CHECK(std::abs(s[0].mean - 3.0) < 1e-12);
  CHECK(std::abs(s[0].sd - 1.0) < 1e-12);  // 0.1*4 + 0.2*1 + 0 + 0.4*1 = 1
  CHECK(s[0].lo == 1);
  CHECK(s[0].hi == 4);
  CHECK(std::abs(g.ess() - 1 / 0.3) < 1e-12);
}

TEST_CASE("ABC-SMC keeps its invariants and does not depend on the thread count", "[calibration]") {
  test::TempDir dir;
  const CalibrationSpec spec = spec_in(dir);
  Model base = load_scenario(spec.scenario, LoadOptions{{TEAMSIM_TEST_SCENARIOS}, spec.sets});
  base.steps = spec.steps;
  const CalibrationResult one = calibrate(spec, base, 1, nullptr);
  const CalibrationResult three = calibrate(spec, base, 3, nullptr);
  REQUIRE(one.generations.size() == 3);
  CHECK(one.stopped.empty());
  for (std::size_t g = 0; g < one.generations.size(); ++g) {
    const Generation& a = one.generations[g];
    CHECK(a.particles == three.generations[g].particles);
    CHECK(a.weights == three.generations[g].weights);
    REQUIRE(a.weights.size() == 20);
    double total = 0;
    for (const double w : a.weights) total += w;
    CHECK(std::abs(total - 1) < 1e-12);
    CHECK(a.ess() <= 20 + 1e-9);
    CHECK(a.ess() >= 1);
    for (std::size_t i = 0; i < 20; ++i) {
      CHECK(a.particles[2 * i] >= 0.05);
      CHECK(a.particles[2 * i] <= 0.4);
      CHECK(a.distances[i] <= a.epsilon);
    }
    if (g > 0) CHECK(a.epsilon <= one.generations[g - 1].epsilon);
  }
  CHECK(std::abs(one.generations[0].acceptance_rate() - 20.0 / 60) < 1e-12);
}

TEST_CASE("A bad calibration file is reported at file:line:column", "[calibration]") {
  test::TempDir dir;
  auto error = [&](const std::string& extra) {
    try {
      spec_in(dir, extra);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK_THAT(error("method = \"abc\"\n"),
             Contains("c.toml:9:10: calibration.method: expected one of rejection, smc"));
  CHECK_THAT(error("quantile = 1.5\n"),
             Contains("c.toml:9:12: calibration.quantile: expected a number in (0, 1]"));
  CHECK_THAT(error("particlez = 3\n"), Contains("c.toml:9:1: unknown key 'particlez'"));
}

namespace {

// Rounds of a chosen size on one thread: the particles must not depend on it.
class SizedRounds final : public RoundRunner {
 public:
  SizedRounds(const TaskSimulator& simulator, long long size) : simulator_(simulator), size_(size) {}
  bool run(CalibrationRound& round) override {
    ++rounds_;
    simulator_.simulate(round.tasks, 0, round.tasks.size(), 1, 1);
    return true;
  }
  long long smc_round_size(long long, long long, double) const override { return size_; }
  int rounds_ = 0;

 private:
  const TaskSimulator& simulator_;
  long long size_;
};

}  // namespace

TEST_CASE("ABC-SMC's particles and counts do not depend on the size of its rounds", "[calibration]") {
  test::TempDir dir;
  for (const char* limit : {"", "max_simulations = 25\n"}) {
    const CalibrationSpec spec = spec_in(dir, limit);
    Model base = load_scenario(spec.scenario, LoadOptions{{TEAMSIM_TEST_SCENARIOS}, spec.sets});
    base.steps = spec.steps;
    const TaskSimulator simulator(spec, base);
    SizedRounds small(simulator, 7), large(simulator, 300);
    const CalibrationResult a = calibrate(spec, small, nullptr), b = calibrate(spec, large, nullptr);
    CHECK(small.rounds_ > large.rounds_);
    REQUIRE(a.generations.size() == b.generations.size());
    CHECK(a.stopped == b.stopped);
    for (std::size_t g = 0; g < a.generations.size(); ++g) {
      CHECK(a.generations[g].particles == b.generations[g].particles);
      CHECK(a.generations[g].weights == b.generations[g].weights);
      CHECK(a.generations[g].simulations == b.generations[g].simulations);
      CHECK(a.generations[g].proposals == b.generations[g].proposals);
    }
    if (*limit) {
      // max_simulations is counted proposal by proposal: the generation that stops has simulated exactly 25.
      REQUIRE_FALSE(a.stopped.empty());
      CHECK_THAT(a.stopped, Contains("in 25 simulations"));
    }
  }
}

TEST_CASE("Shard files: any shard count gives the threads' result; a pending round is reported",
          "[calibration]") {
  test::TempDir dir;
  const CalibrationSpec spec = spec_in(dir);
  Model base = load_scenario(spec.scenario, LoadOptions{{TEAMSIM_TEST_SCENARIOS}, spec.sets});
  base.steps = spec.steps;
  const TaskSimulator simulator(spec, base);
  const CalibrationResult reference = calibrate(spec, base, 2, nullptr);
  const std::string folder = dir.str("rounds"), identity = calibration_identity(spec, base);
  // Round by round: shards 0 and 1 of 2 write their shares, then the gather replays.
  CalibrationResult result;
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 2; ++i) {
      ShardRounds shard(simulator, folder, identity, Shard{i, 2}, 1);
      CHECK_FALSE(calibrate(spec, shard, nullptr).complete);
      CHECK(shard.wrote());
      CHECK(shard.pending().round == round);
    }
    ShardRounds gather(simulator, folder, identity, Shard{0, 0}, 1);
    result = calibrate(spec, gather, nullptr);
    if (result.complete) break;
    CHECK(gather.pending().round == round + 1);
    CHECK(gather.pending().shards == 2);
    CHECK(gather.pending().done.empty());
  }
  REQUIRE(result.complete);
  REQUIRE(result.generations.size() == reference.generations.size());
  for (std::size_t g = 0; g < result.generations.size(); ++g) {
    CHECK(result.generations[g].particles == reference.generations[g].particles);
    CHECK(result.generations[g].weights == reference.generations[g].weights);
    CHECK(result.generations[g].predicted == reference.generations[g].predicted);
  }
  CHECK(result.scales == reference.scales);
  // Another calibration (another seed) does not take these rounds for its own.
  const CalibrationSpec other = spec_in(dir, "max_simulations = 1000\n");
  ShardRounds gather(simulator, folder, calibration_identity(other, base), Shard{0, 0}, 1);
  CHECK_THROWS_AS(calibrate(other, gather, nullptr), InputError);
}

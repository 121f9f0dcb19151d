// The sweep library (sim/sweep_spec.cpp, sim/sweep_run.cpp): design points, run seeds, typed values,
// size limits, failing points and the byte form of a result. The writer, ledger, resume and merge are
// tested in sweep_writer_test.cpp. Runs in the sanitizer pass (not [slow]).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <string>

#include "input_error.hpp"
#include "simulate.hpp"
#include "sweep_run.hpp"
#include "sweep_spec.hpp"
#include "test_util.hpp"

using namespace teamsim;
using Catch::Matchers::Contains;
using teamsim::test::TempDir;
using teamsim::test::write_file;

namespace {

const std::vector<std::string> kDirs = {TEAMSIM_TEST_SCENARIOS};

// Writes a sweep file into `dir` and loads it.
SweepSpec sweep(const TempDir& dir, const std::string& text) {
  write_file(dir.str("sweep.toml"), text);
  return load_sweep(dir.str("sweep.toml"), kDirs);
}

// The message load_sweep throws for `text` ("" when it loads).
std::string sweep_error(const std::string& text) {
  TempDir dir;
  try {
    sweep(dir, text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string kHead = "[sweep]\nname = \"t\"\nscenario = \"baseline\"\nsteps = 3\n";

// SplitMix64 (Steele, Lea & Flood 2014) written out again, to check run_seed against docs/MODEL.md 8.3.
std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

TEST_CASE("A grid enumerates every combination, the last parameter fastest", "[sweep]") {
  TempDir dir;
  const SweepSpec spec = sweep(dir, kHead +
                                        "[parameters]\n\"manager.control\" = [0.1, 0.2]\n"
                                        "\"manager.vision\" = [0.05, 0.1, 0.15]\n");
  REQUIRE(spec.points == 6);
  CHECK(spec.runs() == 6);
  std::set<std::pair<double, double>> seen;
  for (int p = 0; p < spec.points; ++p) {
    const auto v = point_values(spec, p);
    REQUIRE(v.size() == 2);
    seen.emplace(v[0], v[1]);
  }
  CHECK(seen.size() == 6);
  CHECK(point_values(spec, 0) == std::vector<double>{0.1, 0.05});
  CHECK(point_values(spec, 1) == std::vector<double>{0.1, 0.1});
  CHECK(point_values(spec, 3) == std::vector<double>{0.2, 0.05});
  CHECK(point_values(spec, 5) == std::vector<double>{0.2, 0.15});
}

TEST_CASE("A list pairs the i-th values, and choices and booleans keep their names", "[sweep]") {
  TempDir dir;
  const SweepSpec spec = sweep(dir, kHead +
                                        "design = \"list\"\n[parameters]\n\"manager.policy\" = [\"push\", "
                                        "\"lead\"]\n\"leaders.enabled\" = [true, false]\n");
  REQUIRE(spec.points == 2);
  // Parameters come in key order: leaders.enabled, then manager.policy.
  REQUIRE(spec.parameters[0].key == "leaders.enabled");
  CHECK(value_text(spec.parameters[0], point_values(spec, 1)[0]) == "false");
  CHECK(value_text(spec.parameters[1], point_values(spec, 1)[1]) == "lead");
  CHECK(value_text(spec.parameters[1], point_values(spec, 0)[1]) == "push");
  const auto overrides = point_overrides(spec, 1);
  REQUIRE(overrides.size() == 2);
  CHECK(std::get<bool>(overrides[0].value) == false);
  CHECK(std::get<std::string>(overrides[1].value) == "lead");
}

TEST_CASE("Sampled designs stay inside their ranges and round integers", "[sweep]") {
  // (sobol is left out: on main it scales Boost's 64-bit output by 2^-32; branch analysis owns the designs.)
  for (const std::string design : {"random", "latin-hypercube"}) {
    TempDir dir;
    const SweepSpec spec = sweep(dir, kHead + "design = \"" + design +
                                          "\"\npoints = 50\n[parameters]\n\"manager.control\" = { min = 0.1, "
                                          "max = 0.3 }\n\"team.size\" = { min = 4, max = 9 }\n");
    REQUIRE(spec.points == 50);
    for (int p = 0; p < spec.points; ++p) {
      const auto v = point_values(spec, p);
      CHECK(v[0] >= 0.1);
      CHECK(v[0] <= 0.3);
      CHECK(v[1] == std::round(v[1]));
      CHECK(v[1] >= 4);
      CHECK(v[1] <= 9);
    }
  }
}

TEST_CASE("Run seeds are the SplitMix64 chain of base seed, point and replicate", "[sweep]") {
  // The published first output of SplitMix64 from state 0 pins the reference itself.
  CHECK(splitmix(0) == 0xe220a8397b1dcdafULL);
  for (const std::uint64_t base : {0ULL, 1ULL, 123456789012345678ULL, ~0ULL}) {
    for (int p : {0, 1, 99999999}) {
      for (int r : {0, 7}) {
        CHECK(run_seed(base, p, r) == splitmix(splitmix(splitmix(base) ^ static_cast<std::uint64_t>(p)) ^
                                               static_cast<std::uint64_t>(r)));
      }
    }
  }
  std::set<std::uint64_t> seeds;
  for (int p = 0; p < 100; ++p) {
    for (int r = 0; r < 100; ++r) seeds.insert(run_seed(42, p, r));
  }
  CHECK(seeds.size() == 10000);
}

TEST_CASE("Sweep seeds are unsigned 64-bit: exact, as an integer or a string of digits", "[sweep]") {
  TempDir dir;
  CHECK(sweep(dir, kHead + "seed = 123456789012345678\n").seed == 123456789012345678ULL);
  CHECK(sweep(dir, kHead + "seed = \"18446744073709551615\"\n").seed == 18446744073709551615ULL);
  CHECK(sweep(dir, kHead + "seed = \"9223372036854775808\"\n").seed == 9223372036854775808ULL);
  CHECK_THAT(sweep_error(kHead + "seed = -1\n"), Contains("sweep.seed: expected an integer in [0, "));
  CHECK_THAT(sweep_error(kHead + "seed = \"18446744073709551616\"\n"), Contains("sweep.seed: expected"));
  CHECK_THAT(sweep_error(kHead + "seed = \"-1\"\n"), Contains("sweep.seed: expected"));
  CHECK_THAT(sweep_error(kHead + "seed = 1.5\n"), Contains("sweep.seed: expected"));
  // The run seeds a sweep records are exact too.
  const SweepSpec spec = sweep(dir, kHead + "seed = \"18446744073709551615\"\n");
  ModelCache models(spec, kDirs);
  CHECK(execute_run(spec, models, 0).seed == run_seed(18446744073709551615ULL, 0, 0));
}

TEST_CASE("A sweep refuses scenario.seed: its runs' seeds come from sweep.seed", "[sweep]") {
  CHECK_THAT(sweep_error(kHead + "[parameters]\n\"scenario.seed\" = [1, 2]\n"),
             Contains("sweep.toml:6:19: scenario.seed: a sweep's runs take their seeds from sweep.seed"));
  CHECK_THAT(sweep_error(kHead + "[set]\n\"scenario.seed\" = 5\n"),
             Contains("take their seeds from sweep.seed"));
}

TEST_CASE("Integer values stay integers end to end (200000 is not 2e+05)", "[sweep]") {
  TempDir dir;
  const SweepSpec spec = sweep(dir,
                               "[sweep]\nname = \"t\"\nscenario = \"baseline\"\n[parameters]\n"
                               "\"scenario.steps\" = [200000, 1000000]\n\"team.size\" = [3]\n");
  REQUIRE(spec.points == 2);
  CHECK(spec.parameters[0].integer);
  CHECK(value_text(spec.parameters[0], point_values(spec, 0)[0]) == "200000");
  CHECK(value_text(spec.parameters[0], point_values(spec, 1)[0]) == "1000000");
  CHECK_THAT(spec.canonical, Contains("parameter=scenario.steps integer 200000 1000000"));
  const auto overrides = point_overrides(spec, 0);
  CHECK(std::get<std::int64_t>(overrides[0].value) == 200000);
  // The point's model, built through the typed overrides (team.size is not a registry parameter).
  ModelCache models(spec, kDirs);
  CHECK(models.get(0)->steps == 200000);
  CHECK(models.get(1)->steps == 1000000);
  CHECK(models.get(1)->team.size == 3);
}

TEST_CASE("Sizes are checked without overflow against a documented maximum", "[sweep]") {
  // 4 parameters of 65536 values: 2^64 points, which an unchecked 64-bit product counts as 0.
  std::string values;
  for (int i = 0; i < 65536; ++i) values += (i ? "," : "") + std::to_string(i % 100 / 100.0);
  std::string grid = kHead + "[parameters]\n";
  for (const char* key : {"manager.control", "manager.vision", "manager.openness", "manager.mentoring"})
    grid += std::string("\"") + key + "\" = [" + values + "]\n";
  CHECK_THAT(sweep_error(grid),
             Contains("sweep.toml:5:1: parameters: the grid has 65536 x 65536 x 65536 x 65536 "
                      "points, more than the maximum of 100000000 points"));
  // Just over the maximum, and points x replicates over the run maximum.
  CHECK_THAT(sweep_error(kHead + "design = \"random\"\npoints = 100000001\n"),
             Contains("sweep.points: expected an integer in [1, 100000000]"));
  CHECK_THAT(sweep_error(kHead + "design = \"random\"\npoints = 100000000\nreplicates = 10001\n"
                                 "[parameters]\n\"manager.control\" = { min = 0, max = 0.5 }\n"),
             Contains("100000000 points x 10001 replicates is more than the maximum of 1000000000000 runs"));
  CHECK(kMaxPoints * kMaxPoints / kMaxPoints == kMaxPoints);  // the product of the maxima fits in 64 bits
  // An integer range of a sampled design stays within int32, so rounding and converting are exact.
  CHECK_THAT(sweep_error(
                 kHead +
                 "design = \"random\"\npoints = 3\n[parameters]\n\"team.size\" = { min = 1, max = 1e300 }\n"),
             Contains("parameters.team.size.max: expected a number in [-2147483648, 2147483647]"));
}

TEST_CASE("A point that breaks a rule is a failed run wherever it falls, point 0 included", "[sweep]") {
  TempDir dir;
  // Point 0 (control 0.9 + vision 0.2 + structure 0.1 + the baseline's recognition and mentoring) breaks the
  // budget.
  const SweepSpec spec = sweep(dir, kHead +
                                        "replicates = 2\n[parameters]\n\"manager.control\" = [0.9, 0.2]\n"
                                        "\"manager.vision\" = [0.2, 0.1]\n");
  ModelCache models(spec, kDirs);
  int broken = 0;
  for (int p = 0; p < spec.points; ++p) broken += !models.point_error(p).empty();
  CHECK(broken == 2);  // (0.9, 0.2) and (0.9, 0.1)
  CHECK_THAT(models.point_error(0), Contains("attention budget of at most 1"));
  CHECK(models.point_error(3).empty());
  const RunResult failed = execute_run(spec, models, 1);  // point 0, replicate 1
  CHECK_FALSE(failed.ok);
  CHECK(failed.point == 0);
  CHECK(failed.replicate == 1);
  CHECK_THAT(failed.error, Contains("attention budget"));
  CHECK(failed.series.empty());
  const RunResult ok = execute_run(spec, models, 7);  // point 3, replicate 1
  CHECK(ok.ok);
  CHECK(ok.rows() == 4);  // t = 0..3
}

TEST_CASE("Points with scenario keys are checked through the whole model", "[sweep]") {
  TempDir dir;
  // team.size is not a registry parameter: each point's model is loaded whole, and the budget rule
  // between manager.control and the scenario's other shares fails the points with control 0.9.
  const SweepSpec spec =
      sweep(dir, kHead + "[parameters]\n\"team.size\" = [4, 8]\n\"manager.control\" = [0.9, 0.2]\n");
  ModelCache models(spec, kDirs);
  CHECK_THAT(models.point_error(0), Contains("attention budget of at most 1"));
  CHECK_THAT(models.point_error(1),
             Contains("attention budget of at most 1"));  // keys in order: control, size
  CHECK(models.point_error(2).empty());
  CHECK(models.point_error(3).empty());
  CHECK_FALSE(execute_run(spec, models, 0).ok);
  CHECK(execute_run(spec, models, 3).ok);
  CHECK(models.get(3)->team.size == 8);
}

TEST_CASE("A result survives its byte form unchanged", "[sweep]") {
  RunResult r;
  r.run_id = 123456789012LL;
  r.point = 99999999;
  r.replicate = 7;
  r.seed = 18446744073709551615ULL;
  r.ok = true;
  r.error = "a, \"quoted\"\nmulti-line error";
  r.total_quits = 3;
  r.numeric_issues = 18446744073709551615ULL;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  r.series = {0, 0.5, -0.0, 1e-300, std::numeric_limits<double>::infinity(), nan, 0.1};
  const RunResult back = deserialize(serialize(r));
  CHECK(back.run_id == r.run_id);
  CHECK(back.point == r.point);
  CHECK(back.replicate == r.replicate);
  CHECK(back.seed == r.seed);
  CHECK(back.ok == r.ok);
  CHECK(back.error == r.error);
  CHECK(back.total_quits == r.total_quits);
  CHECK(back.numeric_issues == r.numeric_issues);
  REQUIRE(back.series.size() == r.series.size());
  for (std::size_t i = 0; i < r.series.size(); ++i) {
    std::uint64_t a, b;
    std::memcpy(&a, &r.series[i], sizeof a);
    std::memcpy(&b, &back.series[i], sizeof b);
    CHECK(a == b);  // bit for bit, NaN and -0 included
  }
  RunResult empty;
  empty.error = "";
  const RunResult empty_back = deserialize(serialize(empty));
  CHECK(empty_back.series.empty());
  CHECK(empty_back.error.empty());
}

TEST_CASE("A run of a sweep is the same as the scenario run alone with its seed", "[sweep]") {
  TempDir dir;
  const SweepSpec spec = sweep(dir, kHead +
                                        "seed = \"9223372036854775809\"\nreplicates = 2\n[parameters]\n"
                                        "\"manager.control\" = [0.25]\n\"team.size\" = [6]\n");
  ModelCache models(spec, kDirs);
  const RunResult r = execute_run(spec, models, 1);
  REQUIRE(r.ok);
  Model alone = load_scenario("baseline", LoadOptions{kDirs, {"manager.control=0.25", "team.size=6"}});
  alone.steps = 3;
  struct Rows final : Observer {
    std::vector<double> series;
    void on_record(const State& s, const Metrics& m) override {
      const auto row = metrics_row(s.t, m);
      series.insert(series.end(), row.begin(), row.end());
    }
    void on_event(const EventRecord&) override {}
  } rows;
  simulate(alone, RunSettings{3, run_seed(spec.seed, 0, 1), 1}, rows);
  REQUIRE(rows.series.size() == r.series.size());
  CHECK(std::memcmp(rows.series.data(), r.series.data(), r.series.size() * sizeof(double)) == 0);
}

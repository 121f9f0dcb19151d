// The scenario as a swept factor, replication sweeps, sweeps by name and the long aggregate form
// (sim/sweep_spec.cpp, sim/sweep_run.cpp, sim/sweep_writer.cpp).
#include <catch2/catch.hpp>

#include "input_error.hpp"
#include "sweep.hpp"
#include "sweep_spec.hpp"
#include "test_util.hpp"

using namespace teamsim;
using Catch::Matchers::Contains;
using teamsim::test::lines;
using teamsim::test::read_file;
using teamsim::test::TempDir;
using teamsim::test::write_file;

namespace {

const std::vector<std::string> kDirs = {TEAMSIM_TEST_SCENARIOS};

SweepSpec sweep_text(const TempDir& dir, const std::string& text) {
  write_file(dir.path() / "s.toml", text);
  return load_sweep(dir.str("s.toml"), kDirs);
}

std::string error_of(const TempDir& dir, const std::string& text) {
  try {
    sweep_text(dir, text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

void run_into(const SweepSpec& spec, const std::string& out, int threads) {
  ModelCache models(spec, kDirs);
  SweepWriter writer(spec, out, Shard{}, false);
  run_sweep(spec, models, writer, threads, nullptr);
  writer.finish({});
}

}  // namespace

TEST_CASE("A grid over scenarios pairs seeds: the same replicate seeds for every scenario", "[sweep]") {
  TempDir dir;
  const SweepSpec spec = sweep_text(dir,
                                    "[sweep]\nreplicates = 2\nseed = 9\n[parameters]\n"
                                    "scenario = [\"baseline\", \"micromanager\", \"recognition_none\"]\n"
                                    "\"manager.openness\" = [0.3, 0.7]\n");
  REQUIRE(spec.points == 6);
  REQUIRE(spec.scenario_paths.size() == 3);
  // Parameters in key order: manager.openness, then scenario (the last varies fastest).
  for (int point = 0; point < 6; ++point) {
    CHECK(seed_point(spec, point) == point / 3 * 3);
    CHECK(point_scenario(spec, point) == spec.scenario_paths[static_cast<std::size_t>(point % 3)]);
    const auto sets = point_sets(spec, point);
    REQUIRE(sets.size() == 1);
    CHECK(sets[0] == (point < 3 ? "manager.openness=0.3" : "manager.openness=0.7"));
  }
  // scenario.steps is a key of the [scenario] table, not the scenario factor.
  const SweepSpec steps =
      sweep_text(dir, "[sweep]\nscenario = \"baseline\"\n[parameters]\nscenario.steps = [10, 20]\n");
  CHECK(steps.scenario_paths.empty());
  CHECK(steps.parameters.at(0).key == "scenario.steps");
  CHECK(steps.points == 2);
  // A sweep that does not sweep the scenario keeps one seed stream per point.
  const SweepSpec plain =
      sweep_text(dir, "[sweep]\nscenario = \"baseline\"\n[parameters]\n\"manager.openness\" = [0.3, 0.7]\n");
  CHECK(seed_point(plain, 1) == 1);
}

TEST_CASE("A list over scenarios pairs points that differ only in the scenario", "[sweep]") {
  TempDir dir;
  const SweepSpec spec =
      sweep_text(dir,
                 "[sweep]\ndesign = \"list\"\n[parameters]\n"
                 "scenario = [\"baseline\", \"micromanager\", \"baseline\", \"micromanager\"]\n"
                 "\"team.size\" = [8, 8, 12, 12]\n");
  CHECK(seed_point(spec, 0) == 0);
  CHECK(seed_point(spec, 1) == 0);
  CHECK(seed_point(spec, 2) == 2);
  CHECK(seed_point(spec, 3) == 2);
}

TEST_CASE("Swept scenarios run as themselves, with the replicate seeds of their pair", "[sweep]") {
  TempDir dir;
  const SweepSpec spec = sweep_text(
      dir,
      "[sweep]\nreplicates = 3\nsteps = 12\n[parameters]\nscenario = [\"baseline\", \"micromanager\"]\n");
  ModelCache models(spec, kDirs);
  CHECK(models.get(0)->name == "baseline");
  CHECK(models.get(1)->name == "micromanager");
  for (int r = 0; r < 3; ++r) {
    const RunResult a = execute_run(spec, models, r);
    const RunResult b = execute_run(spec, models, 3 + r);
    REQUIRE((a.ok && b.ok));
    CHECK(a.seed == b.seed);
    CHECK(a.seed == run_seed(1, 0, r));  // the default base seed is 1
    CHECK(a.series != b.series);         // different scenarios, same seed
  }
}

TEST_CASE("Swept scenarios are checked: names, designs and the base scenario", "[sweep]") {
  TempDir dir;
  CHECK_THAT(error_of(dir, "[sweep]\n[parameters]\nscenario = [\"baseline\", \"micromanagr\"]\n"),
             Contains("s.toml:3:25: parameters.scenario[1]: no scenario file or built-in scenario named "
                      "'micromanagr'; did you mean 'micromanager'?"));
  CHECK_THAT(
      error_of(dir, "[sweep]\nscenario = \"baseline\"\n[parameters]\nscenario = [\"baseline\"]\n"),
      Contains("s.toml:2:12: sweep.scenario: the scenario is swept in parameters.scenario; remove one"));
  CHECK_THAT(
      error_of(dir, "[sweep]\ndesign = \"random\"\npoints = 4\n[parameters]\nscenario = [\"baseline\"]\n"),
      Contains(
          "parameters.scenario: only a grid or list design can sweep the scenario, found design random"));
  CHECK_THAT(error_of(dir, "[sweep]\n[parameters]\nscenario = []\n"),
             Contains("parameters.scenario: expected a non-empty array of scenario names or paths"));
  CHECK_THAT(error_of(dir, "[sweep]\nreplicates = 2\n"),
             Contains("s.toml:1:1: sweep: missing key 'scenario'"));
  // [set] values are checked against every swept scenario.
  CHECK_THAT(
      error_of(dir, "[sweep]\n[set]\n\"manager.control\" = 2.0\n[parameters]\nscenario = [\"baseline\"]\n"),
      Contains("set.manager.control: manager.control: expected a number in [0, 1], found 2"));
}

TEST_CASE("Built-in sweeps resolve by name, and sweep files are told from scenarios", "[sweep]") {
  const std::string path = resolve_sweep("style_grid", kDirs);
  CHECK(path == std::string(TEAMSIM_TEST_SCENARIOS) + "/sweeps/style_grid.toml");
  CHECK(is_sweep_file(path));
  CHECK_FALSE(is_sweep_file(std::string(TEAMSIM_TEST_SCENARIOS) + "/baseline.toml"));
  CHECK_THROWS_WITH(
      resolve_sweep("style_gird", kDirs),
      Contains("no sweep file or built-in sweep named 'style_gird'; did you mean 'style_grid'?"));
  bool listed = false;
  for (const auto& [name, file] : list_sweeps(kDirs))
    listed = listed || (name == "style_grid" && file == path);
  CHECK(listed);
}

TEST_CASE("The long aggregate holds the wide aggregate's numbers, a row per metric", "[sweep]") {
  TempDir dir;
  const std::string base =
      "[sweep]\nscenario = \"baseline\"\nreplicates = 3\nsteps = 8\n[parameters]\n"
      "\"manager.control\" = [0.1, 0.3]\n";
  const SweepSpec wide = sweep_text(dir, base);
  run_into(wide, dir.str("wide"), 2);
  const SweepSpec long_form = sweep_text(dir, base + "[record]\naggregate_form = \"long\"\n");
  CHECK(long_form.sha256 != wide.sha256);
  run_into(long_form, dir.str("long"), 1);
  CHECK(read_file(dir.path() / "wide/runs.csv") == read_file(dir.path() / "long/runs.csv"));

  const auto wide_lines = lines(read_file(dir.path() / "wide/aggregate.csv"));
  const auto long_lines = lines(read_file(dir.path() / "long/aggregate.csv"));
  REQUIRE(long_lines.front() == "point,t,metric,n,mean,sd,lo,hi");
  const std::size_t metrics = kMetricColumns.size() - 1;
  REQUIRE(long_lines.size() - 1 == (wide_lines.size() - 1) * metrics);
  // Row k of the wide form is rows k*metrics .. of the long form: same point, t, n and four numbers.
  for (std::size_t k = 1; k < wide_lines.size(); ++k) {
    std::vector<std::string> w;
    std::stringstream in(wide_lines[k]);
    for (std::string field; std::getline(in, field, ',');) w.push_back(field);
    for (std::size_t j = 0; j < metrics; ++j) {
      const std::string expected = w[0] + "," + w[1] + "," + std::string(kMetricColumns[j + 1]) + "," + w[2] +
                                   "," + w[3 + 4 * j] + "," + w[4 + 4 * j] + "," + w[5 + 4 * j] + "," +
                                   w[6 + 4 * j];
      REQUIRE(long_lines[1 + (k - 1) * metrics + j] == expected);
    }
  }
  CHECK_THAT(error_of(dir, base + "[record]\naggregate_form = \"tall\"\n"),
             Contains("record.aggregate_form: expected one of wide, long"));
}

// Sweep designs (sim/design.cpp, sim/sweep_spec.cpp): every design stays in its ranges, LHS fills every
// stratum once, Sobol gives the published points and beats random on discrepancy, Saltelli and Morris
// have the structure their estimators rely on, and a design file is read or rejected at line:column.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "design.hpp"
#include "input_error.hpp"
#include "sweep_spec.hpp"
#include "test_util.hpp"

using namespace teamsim;
using Catch::Matchers::Contains;

namespace {

std::vector<double> all_points(const DesignPoints& design) {
  std::vector<double> x(static_cast<std::size_t>(design.points() * design.dims()));
  for (int p = 0; p < design.points(); ++p) design.point(p, x.data() + p * design.dims());
  return x;
}

SweepSpec sweep_from(const std::string& text, test::TempDir& dir, const std::string& name = "s.toml") {
  test::write_file(dir.path() / name, text);
  return load_sweep(dir.str(name), {TEAMSIM_TEST_SCENARIOS});
}

std::string error_of(const std::string& text, test::TempDir& dir) {
  try {
    sweep_from(text, dir);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("Sobol points are the published first points of the Joe-Kuo sequence", "[design]") {
  // Dimensions 1-3 from the direction numbers of new-joe-kuo-6.21201 (dim 2: s=1, a=0, m=1; dim 3:
  // s=2, a=1, m=1,3), Gray-code order: x_n = x_{n-1} xor v_c, c the lowest zero bit of n - 1.
  const double expected[7][3] = {{0.5, 0.5, 0.5},       {0.75, 0.25, 0.25},    {0.25, 0.75, 0.75},
                                 {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875},
                                 {0.125, 0.625, 0.375}};
  CHECK(sobol_point(0, 3) == std::vector<double>{0, 0, 0});
  for (int n = 1; n <= 7; ++n) {
    const auto x = sobol_point(static_cast<std::uint64_t>(n), 3);
    for (int k = 0; k < 3; ++k) CHECK(x[static_cast<std::size_t>(k)] == expected[n - 1][k]);
  }
  // The sweep design skips the zero point: its point p is point p + 1 of the sequence.
  const DesignPoints design(Design::sobol, 1, 7, 3);
  const auto x = all_points(design);
  for (int p = 0; p < 7; ++p) {
    for (int k = 0; k < 3; ++k) CHECK(x[static_cast<std::size_t>(p * 3 + k)] == expected[p][k]);
  }
}

TEST_CASE("Sobol points have lower discrepancy than random points", "[design]") {
  for (const int dims : {2, 5}) {
    const DesignPoints sobol(Design::sobol, 1, 256, dims);
    const double d_sobol = centred_l2_discrepancy(all_points(sobol), dims);
    // Against every one of 10 random designs of the same size, not just their mean.
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      const DesignPoints random(Design::random, seed, 256, dims);
      CHECK(d_sobol < centred_l2_discrepancy(all_points(random), dims));
    }
  }
}

TEST_CASE("Latin hypercube points fill every stratum exactly once in every dimension", "[design]") {
  for (const int n : {1, 7, 1000}) {
    const DesignPoints design(Design::latin_hypercube, 42, n, 4);
    const auto x = all_points(design);
    for (int k = 0; k < 4; ++k) {
      std::set<int> strata;
      for (int p = 0; p < n; ++p) {
        const double v = x[static_cast<std::size_t>(p * 4 + k)];
        REQUIRE(v >= 0);
        REQUIRE(v < 1);
        strata.insert(static_cast<int>(std::floor(v * n)));
      }
      CHECK(static_cast<int>(strata.size()) == n);
    }
  }
}

TEST_CASE("A latin hypercube is computed once, in linear time", "[design]") {
  // 32,000 points cost 23.7 s when every point redrew every permutation; now the permutations are drawn
  // once. Linear: 10x the points cost about 10x, far below the 100x of the old quadratic code.
  auto seconds = [](int n) {
    const auto start = std::chrono::steady_clock::now();
    const DesignPoints design(Design::latin_hypercube, 7, n, 5);
    std::vector<double> x(5);
    for (int p = 0; p < n; ++p) design.point(p, x.data());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  // The best of three for each size, so a busy machine does not decide the ratio; no absolute bound
  // (sanitizer builds are many times slower).
  double small = 1e9, large = 1e9;
  for (int i = 0; i < 3; ++i) {
    small = std::min(small, seconds(20000));
    large = std::min(large, seconds(200000));
  }
  CHECK(large < 40 * small + 0.05);
}

TEST_CASE("Random, sobol, saltelli and morris coordinates lie in the unit cube", "[design]") {
  for (const Design d :
       {Design::random, Design::latin_hypercube, Design::sobol, Design::saltelli, Design::morris}) {
    const int points = d == Design::saltelli ? 50 * 5 : d == Design::morris ? 20 * 4 : 200;
    const DesignPoints design(d, 3, points, 3, 4);
    for (const double v : all_points(design)) {
      REQUIRE(v >= 0);
      REQUIRE(v <= 1);
    }
  }
}

TEST_CASE("A saltelli design holds A, the k AB matrices and B, block by block", "[design]") {
  const int k = 3, n = 16;
  const DesignPoints design(Design::saltelli, 1, n * (k + 2), k);
  const auto x = all_points(design);
  auto at = [&](int row, int which, int dim) {
    return x[static_cast<std::size_t>((row * (k + 2) + which) * k + dim)];
  };
  for (int i = 0; i < n; ++i) {
    const auto ab = sobol_point(static_cast<std::uint64_t>(i) + 1, 2 * k);
    for (int j = 0; j < k; ++j) {
      CHECK(at(i, 0, j) == ab[static_cast<std::size_t>(j)]);          // A
      CHECK(at(i, k + 1, j) == ab[static_cast<std::size_t>(k + j)]);  // B
      for (int m = 0; m < k; ++m)                                     // AB^(m): A with column m from B
        CHECK(at(i, m + 1, j) == (j == m ? at(i, k + 1, j) : at(i, 0, j)));
    }
  }
}

TEST_CASE("A morris trajectory moves one parameter by half the levels at each step", "[design]") {
  const int k = 4, r = 30, levels = 6;
  const DesignPoints design(Design::morris, 9, r * (k + 1), k, levels);
  const auto x = all_points(design);
  const double delta = levels / (2.0 * (levels - 1));
  std::set<double> seen;
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    for (int j = 1; j <= k; ++j) {
      int changed = -1;
      for (int m = 0; m < k; ++m) {
        const double a = x[static_cast<std::size_t>(((t * (k + 1)) + j - 1) * k + m)];
        const double b = x[static_cast<std::size_t>(((t * (k + 1)) + j) * k + m)];
        seen.insert(b);
        if (a != b) {
          CHECK(changed == -1);
          changed = m;
          CHECK(std::abs(std::abs(b - a) - delta) < 1e-12);
        }
      }
      moved.insert(changed);
    }
    CHECK(static_cast<int>(moved.size()) == k);  // each parameter once
    CHECK(moved.count(-1) == 0);
  }
  CHECK(static_cast<int>(seen.size()) == levels);  // every level is visited
}

TEST_CASE("Sweep designs map onto their ranges and round integers", "[design]") {
  test::TempDir dir;
  for (const std::string design : {"random", "latin-hypercube", "sobol"}) {
    const SweepSpec spec =
        sweep_from("[sweep]\nscenario = \"baseline\"\ndesign = \"" + design +
                       "\"\npoints = 64\n[parameters]\n\"manager.control\" = { min = 0.1, max = 0.3 }\n"
                       "\"team.size\" = { min = 4, max = 9 }\n",
                   dir);
    std::set<double> sizes;
    for (int p = 0; p < spec.points; ++p) {
      const auto v = point_values(spec, p);
      CHECK(v[0] >= 0.1);
      CHECK(v[0] <= 0.3);
      CHECK(v[1] == std::round(v[1]));
      sizes.insert(v[1]);
    }
    CHECK(*sizes.begin() >= 4);
    CHECK(*sizes.rbegin() <= 9);
    CHECK(sizes.size() >= 5);
  }
}

TEST_CASE("Saltelli and morris sweeps have N(k+2) and r(k+1) points", "[design]") {
  test::TempDir dir;
  const std::string parameters =
      "[parameters]\n\"manager.control\" = { min = 0.1, max = 0.3 }\n\"manager.vision\" = { min = 0.0, max = "
      "0.2 }\n"
      "\"manager.openness\" = { min = 0.2, max = 0.8 }\n";
  const SweepSpec saltelli =
      sweep_from("[sweep]\nscenario = \"baseline\"\ndesign = \"saltelli\"\nbase = 32\n" + parameters, dir);
  CHECK(saltelli.points == 32 * 5);
  const SweepSpec morris = sweep_from(
      "[sweep]\nscenario = \"baseline\"\ndesign = \"morris\"\ntrajectories = 10\nlevels = 6\n" + parameters,
      dir);
  CHECK(morris.points == 10 * 4);
  CHECK(morris.levels == 6);
  for (int p = 0; p < morris.points; ++p) {
    const auto v = point_values(morris, p);
    CHECK(v[0] >= 0.1);
    CHECK(v[0] <= 0.3 + 1e-15);
  }
}

TEST_CASE("Bad saltelli and morris settings are reported at their position", "[design]") {
  test::TempDir dir;
  const std::string one = "[parameters]\n\"manager.control\" = { min = 0.1, max = 0.3 }\n";
  CHECK_THAT(error_of("[sweep]\nscenario = \"baseline\"\ndesign = \"saltelli\"\npoints = 10\n" + one, dir),
             Contains("s.toml:4:10: sweep.points: a saltelli design has base x (parameters + 2) points; "
                      "give 'base' instead"));
  CHECK_THAT(error_of("[sweep]\nscenario = \"baseline\"\ndesign = \"saltelli\"\n" + one, dir),
             Contains("sweep: a saltelli design needs 'base'"));
  CHECK_THAT(
      error_of("[sweep]\nscenario = \"baseline\"\ndesign = \"morris\"\ntrajectories = 5\nlevels = 5\n" + one,
               dir),
      Contains("s.toml:5:10: sweep.levels: expected an even number of levels"));
  CHECK_THAT(
      error_of("[sweep]\nscenario = \"baseline\"\ndesign = \"random\"\npoints = 5\nlevels = 4\n" + one, dir),
      Contains("s.toml:5:10: sweep.levels: not used by a random design; remove it"));
  CHECK_THAT(error_of("[sweep]\nscenario = \"baseline\"\ndesign = \"morris\"\ntrajectories = 5\n", dir),
             Contains("a morris design needs parameters"));
}

TEST_CASE("A file design reads its points from a CSV next to the sweep file", "[design]") {
  test::TempDir dir;
  test::write_file(dir.path() / "points.csv",
                   "manager.control,manager.policy,trust.meetings\n0.1,push,4\n0.25,steady,6\n0.3,lead,8\n");
  const SweepSpec spec =
      sweep_from("[sweep]\nscenario = \"baseline\"\ndesign = \"file\"\nfile = \"points.csv\"\n", dir);
  REQUIRE(spec.points == 3);
  REQUIRE(spec.parameters.size() == 3);
  CHECK(point_values(spec, 1) == std::vector<double>{0.25, 0, 6});
  CHECK(point_sets(spec, 2).back() == "trust.meetings=8");
  CHECK(point_sets(spec, 0)[1] == "manager.policy=push");
}

TEST_CASE("A bad design file is reported at file:line:column", "[design]") {
  test::TempDir dir;
  const std::string sweep = "[sweep]\nscenario = \"baseline\"\ndesign = \"file\"\nfile = \"points.csv\"\n";
  auto error_with = [&](const std::string& csv) {
    test::write_file(dir.path() / "points.csv", csv);
    return error_of(sweep, dir);
  };
  const std::string csv = dir.str("points.csv");
  CHECK_THAT(error_with("manager.control\n0.1\n1.5\n"),
             Contains(csv + ":3:1: manager.control: expected a number in [0, 1], found 1.5"));
  CHECK_THAT(error_with("manager.control,manager.vision\n0.1,abc\n"),
             Contains(csv + ":2:5: manager.vision: expected a finite number, found 'abc'"));
  CHECK_THAT(error_with("manager.control,manager.vison\n0.1,0.1\n"),
             Contains(csv + ":1:17: unknown parameter 'manager.vison' (did you mean 'manager.vision'?)"));
  CHECK_THAT(error_with("manager.control,manager.vision\n0.1\n"),
             Contains(csv + ":2:1: expected 2 fields (as in the header), found 1"));
  CHECK_THAT(error_with("manager.control\n"), Contains(csv + ":2:1: no points"));
  CHECK_THAT(error_of("[sweep]\nscenario = \"baseline\"\ndesign = \"file\"\nfile = \"none.csv\"\n", dir),
             Contains("s.toml:4:8: sweep.file: expected a CSV file next to the sweep file"));
  CHECK_THAT(error_of(sweep + "[parameters]\n\"manager.control\" = [0.1]\n", dir),
             Contains("a file design takes its parameters from the header of its CSV file"));
}

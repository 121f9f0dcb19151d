#!/usr/bin/env bash
# The installed package works downstream: `cmake --install` into a temporary prefix, then examples/ is
# configured with find_package(teamsim), built, and run; its run must equal the CLI's to the last digit.
# When the build has the Python package, the installed copy must import and find the installed scenarios.
#
# usage: tests/downstream_test.sh BUILD_DIR SOURCE_DIR TEAMSIM_BIN [PYTHON]
set -euo pipefail
[[ $# -ge 3 ]] || { echo "usage: $0 BUILD_DIR SOURCE_DIR TEAMSIM_BIN [PYTHON]" >&2; exit 2; }
build=$(realpath "$1")
src=$(realpath "$2")
bin=$(realpath "$3")
python=${4:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-downstream.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
for f in include/teamsim/scenario.hpp include/teamsim/simulate.hpp include/teamsim/version.hpp \
         lib/cmake/teamsim/teamsimConfig.cmake lib/cmake/teamsim/teamsimConfigVersion.cmake \
         share/teamsim/scenarios/baseline.toml share/doc/teamsim/LICENSE; do
  [[ -f $prefix/$f ]] || { echo "FAIL: cmake --install did not install $f"; exit 1; }
done
echo "installed: $(find "$prefix" -type f | wc -l) files in \$TMP/prefix"

# Configure and build examples/ against the installed package only (no source tree on the include path).
cmake -S "$src/examples" -B "$tmp/example" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; echo "FAIL: configuring examples/"; exit 1; }
cmake --build "$tmp/example" -j 2 >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; echo "FAIL: building examples/"; exit 1; }
if grep -q -- "-I$src" "$tmp/example/CMakeFiles/team_report.dir/flags.make"; then
  echo "FAIL: the example compiles with the source tree on its include path"; exit 1
fi
echo "built:   examples/ with find_package(teamsim) and teamsim::sim"

# A version the package is not compatible with is refused.
mkdir -p "$tmp/wrong"
printf 'cmake_minimum_required(VERSION 3.22)\nproject(w LANGUAGES CXX)\nfind_package(teamsim 99 REQUIRED)\n' \
  >"$tmp/wrong/CMakeLists.txt"
if cmake -S "$tmp/wrong" -B "$tmp/wrong/build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/wrong.log" 2>&1; then
  echo "FAIL: find_package(teamsim 99) succeeded"; exit 1
fi

# Its run equals the CLI's, to the last digit.
"$tmp/example/team_report" baseline 7 manager.control=0.2 >"$tmp/report.txt"
cat "$tmp/report.txt"
"$bin" run baseline --seed 7 --set manager.control=0.2 -q -o "$tmp/cli"
expected=$(tail -n 1 "$tmp/cli/timeseries.csv")
got=$(sed -n 's/^timeseries.csv last row: //p' "$tmp/report.txt")
[[ $got == "$expected" ]] || { echo "FAIL: last row differs from the CLI's:"; echo " got $got"; echo " cli $expected"; exit 1; }
grep -q "^teamsim $("$bin" --version | cut -d' ' -f2): baseline, seed 7, 104 steps$" "$tmp/report.txt" \
  || { echo "FAIL: the report's first line"; exit 1; }
# Bad input: the library's InputError with file:line:column.
if "$tmp/example/team_report" baseline 7 manager.control=2 2>"$tmp/error.txt"; then
  echo "FAIL: team_report accepted manager.control=2"; exit 1
fi
grep -q "^error: .*manager.control" "$tmp/error.txt" || { cat "$tmp/error.txt"; echo "FAIL: the error message"; exit 1; }
echo "ran:     team_report baseline 7 equals teamsim run baseline --seed 7 to the last digit"

# The installed Python package, when built: imports from the prefix and finds the installed scenarios.
if [[ -n $python ]]; then
  site=$(find "$prefix/lib" -maxdepth 3 -type d -name dist-packages | head -n 1)
  [[ -n $site && -f $site/teamsim/__init__.py ]] || { echo "FAIL: the Python package was not installed"; exit 1; }
  (cd "$tmp" && env -u TEAMSIM_SCENARIOS PYTHONPATH="$site" "$python" - "$tmp/cli" "$prefix" <<'PY'
import sys
import pandas as pd
import teamsim, teamsim.io
assert teamsim.__file__.startswith(sys.argv[2]), teamsim.__file__
assert teamsim.scenario_dirs()[0] == f"{sys.argv[2]}/share/teamsim/scenarios", teamsim.scenario_dirs()
r = teamsim.run("baseline", seed=7, set={"manager.control": 0.2})
pd.testing.assert_frame_equal(r.timeseries, teamsim.io.load_run(sys.argv[1]).timeseries, check_exact=True)
print(f"python:  the installed package ({teamsim.__file__}) equals the CLI")
PY
  )
fi

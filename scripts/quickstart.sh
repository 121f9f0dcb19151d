#!/usr/bin/env bash
# The README's first command: install what a first run and its plot need (nothing for tests, clusters or
# notebook servers; no daemon), build (Release), run the default scenario and plot it.
# Leaves out/baseline/{timeseries.csv,events.csv,run.json,plot.png}.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# Benchmarks need Google Benchmark, which the first run does not: configure without them.
cmake --preset release -DTEAMSIM_BUILD_BENCH=OFF >/dev/null
cmake --build --preset release -j "$(nproc)"
scripts/build-python.sh release  # `import teamsim` in Debian's python3 (README "Python")
build/release/sim/teamsim run baseline -o out/baseline
/usr/bin/python3 scripts/plot_run.py out/baseline

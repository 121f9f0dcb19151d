#!/usr/bin/env bash
# The README's first command: install what is missing, build (Release), run the default scenario and
# plot it. Leaves out/baseline/{timeseries.csv,events.csv,run.json,plot.png}.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
build/release/sim/teamsim run baseline -o out/baseline
/usr/bin/python3 scripts/plot_run.py out/baseline

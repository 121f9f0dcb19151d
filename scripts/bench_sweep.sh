#!/usr/bin/env bash
# Sweep throughput (runs per second) of the default scenario with 1 and 2 threads and with 2 MPI ranks,
# and the share of wall time spent writing output; figures for docs/PERFORMANCE.md.
# usage: scripts/bench_sweep.sh [TEAMSIM_BIN] [REPLICATES]   (default build/release/sim/teamsim, 2000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/release/sim/teamsim}
replicates=${2:-2000}
work=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-bench-sweep.XXXXXX")
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

# 20 points of the baseline (a random design over control), summaries and aggregates only.
cat > "$work/bench.toml" <<TOML
[sweep]
name = "bench"
scenario = "baseline"
design = "random"
points = 20
replicates = $((replicates / 20))
seed = 1
[set]
"manager.mentoring" = 0.1
[parameters]
"manager.control" = { min = 0.1, max = 0.4 }
[record]
every = 4
TOML

report() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
s = json.load(open(sys.argv[2] + "/sweep.json"))
wall = s["wall_time_seconds"]
print(f"| {sys.argv[1]} | {s['runs']} | {wall:.2f} | {s['runs_per_second']:.0f} | {100 * s['write_seconds'] / wall:.1f}% |")
PY
}

echo "| configuration | runs | wall s | runs/s | writing |"
echo "|---|---|---|---|---|"
"$bin" sweep "$work/bench.toml" -o "$work/t1" --threads 1 -q && report "1 thread" "$work/t1"
"$bin" sweep "$work/bench.toml" -o "$work/t2" --threads 2 -q && report "2 threads" "$work/t2"
if command -v mpirun >/dev/null; then
  mpirun --oversubscribe -n 2 "$bin" sweep "$work/bench.toml" -o "$work/m2" -q && report "MPI, 2 ranks (1 worker)" "$work/m2"
  mpirun --oversubscribe -n 3 "$bin" sweep "$work/bench.toml" -o "$work/m3" -q && report "MPI, 3 ranks (2 workers)" "$work/m3"
fi

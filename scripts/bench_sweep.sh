#!/usr/bin/env bash
# Sweep throughput (runs per second) of the default scenario with 1, 2 and 3 threads and with 2 and 3 MPI
# ranks (teamsim-mpi, next to TEAMSIM_BIN), CPU time, and the share of wall time spent writing output;
# figures for docs/PERFORMANCE.md ("Parallel runs"). Each configuration runs REPS times (default 3).
# usage: [REPS=3] scripts/bench_sweep.sh [TEAMSIM_BIN] [REPLICATES]   (default build/release/sim/teamsim, 2000)
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

# Runs one configuration REPS times (the machine may be shared: the best counts) and prints its table row:
# runs, the sweep's own runs/s (sweep.json: from its start to its last run written), the process's wall and
# CPU seconds (user + system, all ranks) of that best repetition, and the share of wall time spent writing.
measure() {  # label command...
  local label=$1 best="" i
  shift
  for ((i = 1; i <= reps; i++)); do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" -o "$work/out" -q || return 0
    /usr/bin/python3 - "$work/out/sweep.json" "$work/time" >>"$work/rows" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
wall, user, system = map(float, open(sys.argv[2]).read().split()[-3:])
print(f"{s['runs_per_second']:.1f} {s['runs']} {wall:.2f} {user + system:.2f} {100 * s['write_seconds'] / s['wall_time_seconds']:.1f}")
PY
  done
  best=$(sort -g -r "$work/rows" | head -n 1)
  rm -f "$work/rows"
  read -r rate runs wall cpu writing <<<"$best"
  echo "| $label | $runs | $rate | $wall | $cpu | $writing% |"
}

reps=${REPS:-3}
echo "| configuration | runs | runs/s (best of $reps) | wall s | CPU s | writing |"
echo "|---|---|---|---|---|---|"
measure "1 thread" "$bin" sweep "$work/bench.toml" --threads 1
measure "2 threads" "$bin" sweep "$work/bench.toml" --threads 2
measure "3 threads" "$bin" sweep "$work/bench.toml" --threads 3
mpi_bin=$(dirname "$bin")/teamsim-mpi
if command -v mpirun >/dev/null && [[ -x $mpi_bin ]]; then
  measure "MPI, 2 ranks" mpirun --oversubscribe -n 2 "$mpi_bin" sweep "$work/bench.toml"
  measure "MPI, 3 ranks" mpirun --oversubscribe -n 3 "$mpi_bin" sweep "$work/bench.toml"
fi

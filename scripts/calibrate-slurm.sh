#!/usr/bin/env bash
# Runs a teamsim calibration on a Slurm cluster as a sequence of job arrays, one per round (ABC-SMC's
# generations are sequential): submits scripts/calibrate.sbatch with `sbatch --wait`, then
# `teamsim calibrate --gather`, until the gather writes the results. Run it on a login node (under nohup or
# tmux: it waits for the jobs) or as a small job of its own. It can be stopped and started again at any
# point: every finished round stays in $OUT.
#   usage: CALIBRATION=cal.toml OUT=$PWD/out/cal [TASKS=8] [TEAMSIM=teamsim] scripts/calibrate-slurm.sh [SBATCH_OPTION]...
# SBATCH_OPTIONs (partition, account, --cpus-per-task, ...) are passed to every array submission.
set -euo pipefail

: "${CALIBRATION:?set CALIBRATION to the calibration file}"
: "${OUT:?set OUT to the output folder (on a file system the nodes share)}"
TEAMSIM=${TEAMSIM:-teamsim}
TASKS=${TASKS:-8}
MAX_ROUNDS=${MAX_ROUNDS:-200}  # a guard against a task that fails every time
here=$(cd "$(dirname "$0")" && pwd)
export CALIBRATION OUT TEAMSIM

for ((round = 1; round <= MAX_ROUNDS; round++)); do
  if [[ -f $OUT/calibration.json ]]; then
    echo "done: $OUT/calibration.json"
    exit 0
  fi
  sbatch --wait --array="0-$((TASKS - 1))" "$@" "$here/calibrate.sbatch" ||
    echo "warning: the array of round $round did not end cleanly; --gather names any shard missing" >&2
  # Exit 3: a round is still pending (the normal case until the last round); anything else but 0 is an error.
  status=0
  "$TEAMSIM" calibrate "$CALIBRATION" -o "$OUT" --gather || status=$?
  if ((status != 0 && status != 3)); then
    echo "error: teamsim calibrate --gather exited $status" >&2
    exit "$status"
  fi
done
echo "error: not finished after $MAX_ROUNDS arrays (a task that fails every time? see its log)" >&2
exit 1

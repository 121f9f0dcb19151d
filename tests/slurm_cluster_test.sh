#!/usr/bin/env bash
# A sweep on a real Slurm cluster: usage: slurm_cluster_test.sh TEAMSIM_EXECUTABLE SOURCE_DIR
# Starts a single-node cluster (munged, slurmctld, slurmd) in a temporary folder with scripts/start-slurm.sh,
# submits scripts/sweep.sbatch as an 8-task job array on scenarios/sweeps/style_grid.toml, checks every
# task's exit code in the job completion log, merges the shards with `teamsim merge` and compares the merged
# runs.csv, timeseries.csv and aggregate.csv with a one-process run (cmp). Then deletes one shard and
# resubmits only that task (SHARDS=8 RESUME=1, as docs/CLUSTER.md says) and checks the merge again. Then a
# small calibration run by scripts/calibrate-slurm.sh (one 4-task array a round, then --gather) must give the
# posterior.csv and predictive.csv of a one-process run.
# The daemons are stopped by their PIDs on exit, also on failure or timeout.
# Needs root and the Debian packages slurmctld slurmd slurm-client munge (scripts/install-deps.sh --test); installs
# nothing. Takes about 20-30 s.
set -euo pipefail

cli_test_name=slurm
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"  # $teamsim, $source_dir, $work, fail, calibration_fixture, finish
overall_limit=${SLURM_TEST_TIMEOUT:-600}  # seconds for the whole test
job_limit=${SLURM_TEST_JOB_TIMEOUT:-240}  # seconds for one sbatch --wait

fail_now() {
  echo "FAIL: $*" >&2
  exit 1
}
[[ $(id -u) -eq 0 ]] || fail_now "must run as root (slurmd and munged are started here)"
for tool in slurmctld slurmd sbatch scontrol munged setpriv timeout; do
  command -v "$tool" >/dev/null || fail_now "$tool not found; install slurmctld slurmd slurm-client munge (scripts/install-deps.sh --test)"
done

chmod 0755 "$work"
cluster=$work/cluster
watchdog_pid=""
sbatch_pid=""
cleanup() {
  local code=$?
  set +e
  # Cancels what is left in this private cluster (a hung task), then stops slurmd, slurmctld and munged by
  # the PIDs start-slurm.sh recorded (only those it started).
  if [[ -n $sbatch_pid ]]; then kill "$sbatch_pid" 2>/dev/null; fi
  if [[ -f $cluster/pids && -f $cluster/slurm.conf ]]; then
    export SLURM_CONF=$cluster/slurm.conf  # never a real cluster's
    local jobs
    mapfile -t jobs < <(timeout 10 squeue -h -o %i 2>/dev/null)
    if ((${#jobs[@]})); then
      echo "cancelling jobs left in the test cluster: ${jobs[*]}" >&2
      timeout 10 scancel "${jobs[@]}"
      for _ in $(seq 100); do  # up to 10 s for slurmd to kill their processes
        [[ -z $(timeout 5 squeue -h -o %i 2>/dev/null) ]] && break
        sleep 0.1
      done
    fi
  fi
  bash "$source_dir/scripts/start-slurm.sh" --stop "$cluster"
  [[ -n $watchdog_pid ]] && kill "$watchdog_pid" 2>/dev/null
  if [[ $code -ne 0 && -d $cluster/log ]]; then
    echo "---- slurmctld.log (tail)" >&2
    tail -n 15 "$cluster/log/slurmctld.log" >&2
    echo "---- slurmd.log (tail)" >&2
    tail -n 15 "$cluster/log/slurmd.log" >&2
  fi
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT  # in place of cli_lib.sh's, which only removes $work
trap 'echo "FAIL: the test took more than ${overall_limit} s" >&2; exit 1' TERM
# Watchdog: nothing below may hang.
# Its stdio goes nowhere, so it holds no pipe of whoever runs the test; stopped in cleanup with its sleep.
(
  trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  sleep "$overall_limit" &
  nap=$!
  wait "$nap" && kill -TERM $$
) </dev/null >/dev/null 2>&1 &
watchdog_pid=$!

unset SLURM_JOB_ID SHARDS SHARD_BASE RESUME
sweep=$source_dir/scenarios/sweeps/style_grid.toml
started=$SECONDS

# ---- The cluster ----
timeout -k 5 120 bash "$source_dir/scripts/start-slurm.sh" "$cluster" >start.log 2>&1 &
if ! wait $!; then
  cat start.log >&2
  fail_now "could not start the single-node Slurm cluster (see above)"
fi
cat start.log
# shellcheck disable=SC1091
source "$cluster/env"
echo "cluster up after $((SECONDS - started)) s"

# Submits scripts/sweep.sbatch with extra sbatch options, waits for it, and checks that the job completion
# log holds one line per expected array task with " ExitCode=0:0" (the leading space: DerivedExitCode also
# contains that text). Sets $jobid.
submit_and_check() {  # description expected_tasks sbatch-options...
  local what=$1 tasks=$2
  shift 2
  local t0=$SECONDS status
  set +e
  # In the background, so that the watchdog's TERM is handled at once (bash defers traps while a
  # foreground command runs).
  timeout -k 10 "$job_limit" sbatch --wait --parsable -D "$work/jobs" "$@" "$source_dir/scripts/sweep.sbatch" \
    >sbatch.out 2>sbatch.err &
  sbatch_pid=$!
  wait "$sbatch_pid"
  status=$?
  sbatch_pid=""
  set -e
  jobid=$(head -n 1 sbatch.out | cut -d';' -f1)
  if [[ $status -eq 124 || $status -eq 137 ]]; then
    squeue >&2 || true
    [[ -n $jobid ]] && scancel "$jobid"
    fail_now "$what: sbatch --wait did not return within ${job_limit} s"
  fi
  [[ -n $jobid ]] || fail_now "$what: sbatch printed no job id: $(cat sbatch.err)"
  [[ $status -eq 0 ]] || fail "$what: sbatch --wait exited with $status: $(cat sbatch.err)"
  # The completion records may land just after sbatch returns.
  local lines=0
  for _ in $(seq 100); do
    lines=$(grep -c "ArrayJobId=$jobid " "$cluster/jobcomp.log" 2>/dev/null || true)
    [[ $lines -ge $tasks ]] && break
    sleep 0.1
  done
  [[ $lines -eq $tasks ]] || fail "$what: $lines array tasks of job $jobid in the job completion log, expected $tasks"
  local bad
  bad=$(grep "ArrayJobId=$jobid " "$cluster/jobcomp.log" | grep -v " ExitCode=0:0" || true)
  if [[ -n $bad ]]; then
    fail "$what: array tasks that did not exit 0:"
    echo "$bad" | grep -oE 'ArrayTaskId=[0-9]+|JobState=[A-Z_]+| ExitCode=[0-9:]+' | paste -sd' ' >&2
    local task
    for task in $(echo "$bad" | grep -oE 'ArrayTaskId=[0-9]+' | cut -d= -f2); do
      echo "---- task $task: $work/jobs/teamsim-sweep-${jobid}_$task.out" >&2
      tail -n 5 "$work/jobs/teamsim-sweep-${jobid}_$task.out" >&2 || true
    done
  fi
  echo "$what: job $jobid, $lines tasks, $((SECONDS - t0)) s"
}

# Compares the three result files of folder $1 with the one-process run.
same_as_single() {  # dir description
  local f
  for f in runs.csv timeseries.csv aggregate.csv; do
    if [[ ! -f $1/$f ]]; then
      fail "$2: no $f"
    elif ! cmp -s "single/$f" "$1/$f"; then
      fail "$2: $f differs from the one-process sweep ($(cmp "single/$f" "$1/$f" 2>&1 | head -n 1))"
    fi
  done
}

# ---- The one-process reference ----
"$teamsim" sweep "$sweep" -o single --threads 2 --quiet || fail_now "the one-process sweep failed"

# ---- The job array: 8 tasks, shards 0..7 from SLURM_ARRAY_TASK_ID/COUNT ----
mkdir -p jobs
# The settings travel in the environment (sbatch's default --export=ALL). Not --export=ALL,SWEEP=...: any
# variable list makes slurmd load the user's login environment first (su -), about 10 s per task here.
export SWEEP=$sweep OUT=$work/out TEAMSIM=$teamsim
submit_and_check "job array 0-7" 8
for i in $(seq 0 7); do
  if ! grep -q "\"shard_index\": $i," "out/shard-$i/sweep.json" 2>/dev/null ||
    ! grep -q '"shard_count": 8,' "out/shard-$i/sweep.json"; then
    fail "out/shard-$i: no sweep.json of shard $i/8"
  fi
done
if "$teamsim" merge out/shard-* -o out/merged 2>merge.err; then
  same_as_single out/merged "8 Slurm array tasks merged"
else
  fail "teamsim merge: $(cat merge.err)"
fi

# ---- A lost task, run again on its own: SHARDS=8 keeps it shard 5/8 although the array has one task ----
rm -rf out/shard-5 out/merged
export SHARDS=8 RESUME=1
submit_and_check "task 5 again" 1 --array=5
if "$teamsim" merge out/shard-* -o out/merged 2>merge.err; then
  same_as_single out/merged "8 shards merged after task 5 ran again"
else
  fail "teamsim merge after task 5 ran again: $(cat merge.err)"
fi

# ---- A calibration, one job array a round (scripts/calibrate-slurm.sh), against one process ----
unset SHARDS RESUME
calibration_fixture "$work" 52 'scenario = "baseline"' 'seed = 3' 'replicates = 2' 'particles = 24' \
  'simulations = 96' 'generations = 2' 'steps = 52'
"$teamsim" calibrate cal.toml -o cal-single --threads 2 -q || fail_now "the one-process calibration failed"
t0=$SECONDS
set +e
CALIBRATION=$work/cal.toml OUT=$work/cal-out TASKS=4 timeout -k 10 "$job_limit" \
  bash "$source_dir/scripts/calibrate-slurm.sh" -D "$work/jobs" >calibrate.log 2>&1 &
sbatch_pid=$!
wait "$sbatch_pid"
status=$?
sbatch_pid=""
set -e
rounds=$(grep -c '^Submitted batch job' calibrate.log || true)
if [[ $status -ne 0 ]]; then
  fail "scripts/calibrate-slurm.sh exited with $status: $(tail -n 5 calibrate.log)"
else
  for f in posterior.csv predictive.csv; do
    cmp -s "cal-single/$f" "cal-out/$f" || fail "calibration on Slurm arrays: $f differs from the one-process run"
  done
  grep -q '"from_shards": true' cal-out/calibration.json || fail "calibration on Slurm arrays: not gathered from shards"
  echo "calibration: $rounds job arrays of 4 tasks, $((SECONDS - t0)) s"
fi

echo "slurm cluster test: $((SECONDS - started)) s"
finish "slurm cluster"

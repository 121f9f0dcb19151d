#!/usr/bin/env bash
# Sweep determinism and bad input: usage: sweep_determinism_test.sh TEAMSIM_EXECUTABLE SOURCE_DIR
# One small sweep (grid, 12 points x 30 replicates, per-run time series, two points that break the attention
# budget and so fail) run as: 1 thread (the reference), 2 threads, 3 shards merged, mpirun teamsim-mpi with
# 1, 2 and 3 ranks, and killed with SIGKILL part-way then resumed (on 2 threads; under mpirun -n 3). Every one must
# give byte-identical runs.csv, timeseries.csv and aggregate.csv; the seed column must follow
# docs/MODEL.md 8.3, and `teamsim run` with a run's seed must repeat it. Then: a TOML syntax error, an unknown parameter, an empty range, a bad
# shard, an output folder holding another sweep (nothing overwritten), and --dry-run (writes nothing); plain
# teamsim under mpirun refuses (exit 2) and names teamsim-mpi.
# Needs Open MPI's mpirun (fails without it). Takes about 15-25 s on 2 cores.
set -euo pipefail
cli_test_name=sweepdet
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"  # $work, $background_pid, fail, run, expect_status, expect_in, finish

# The three result files of folder $1 must equal the reference's byte for byte.
same_as_reference() {  # dir description
  local f
  for f in runs.csv timeseries.csv aggregate.csv; do
    if [[ ! -f $1/$f ]]; then
      fail "$2: no $f in $1"
    elif ! cmp -s reference/$f "$1/$f"; then
      fail "$2: $f differs from the 1-thread run ($(cmp reference/$f "$1/$f" 2>&1 | head -n 1))"
    fi
  done
}

if ! command -v mpirun >/dev/null; then
  echo "FAIL: mpirun not found; install openmpi-bin (scripts/install-deps.sh --test does)" >&2
  exit 1
fi
teamsim_mpi=$(dirname "$teamsim")/teamsim-mpi  # built next to teamsim when Open MPI is found
if [[ ! -x $teamsim_mpi ]]; then
  echo "FAIL: no $teamsim_mpi (teamsim was built without Open MPI: install libopenmpi-dev and reconfigure)" >&2
  exit 1
fi

started=$SECONDS
cat >sweep.toml <<'EOF'
# 12 points x 30 replicates = 360 runs of 400 steps: 1-2 s on one core, so a kill lands part-way.
[sweep]
name = "determinism"
scenario = "baseline"
design = "grid"
replicates = 30
seed = 77
steps = 400

[set]
"manager.structure" = 0.0
"manager.mentoring" = 0.1
"manager.vision" = 0.1

[parameters]
"manager.control" = [0.1, 0.3, 0.5, 0.75]   # 0.75 with recognition 0.15 or 0.25 breaks the budget: failed runs
"manager.recognition" = [0.0, 0.15, 0.25]

[record]
timeseries = true
every = 4
EOF

# ---- The reference: one process, one thread ----
run "$teamsim" sweep sweep.toml -o reference --threads 1 --quiet
expect_status 0 "1 thread"
if [[ $status -ne 0 ]]; then
  echo "the reference sweep failed; stopping" >&2
  exit 1
fi
[[ $(wc -l <reference/runs.csv) -eq 361 ]] || fail "1 thread: runs.csv has $(wc -l <reference/runs.csv) lines, expected 361"
[[ $(grep -c ',failed,' reference/runs.csv) -eq 60 ]] || fail "1 thread: expected 60 failed runs (2 points over budget)"
[[ $(grep -c ',ok,' reference/runs.csv) -eq 300 ]] || fail "1 thread: expected 300 ok runs"
[[ -s reference/timeseries.csv && -s reference/aggregate.csv ]] || fail "1 thread: empty timeseries.csv or aggregate.csv"
# The seed column is the documented function of base seed, point and replicate (docs/MODEL.md 8.3), and
# run_id = point * replicates + replicate.
if command -v python3 >/dev/null; then
  python3 - reference/runs.csv 77 30 <<'PY' || fail "1 thread: runs.csv seeds or run ids differ from docs/MODEL.md 8.3"
import csv, sys
M = (1 << 64) - 1
def sm(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M
    return x ^ (x >> 31)
base, replicates = int(sys.argv[2]), int(sys.argv[3])
bad = 0
for row in csv.DictReader(open(sys.argv[1])):
    p, r = int(row["point"]), int(row["replicate"])
    if int(row["seed"]) != sm(sm(sm(base) ^ p) ^ r) or int(row["run_id"]) != p * replicates + r:
        bad += 1
sys.exit(1 if bad else 0)
PY
fi
# One run repeated on its own with `teamsim run` and its seed gives that run's rows (run 100: point 3,
# control 0.3, recognition 0, replicate 10: the last parameter varies fastest).
row=$(awk -F, '$1 == 100' reference/runs.csv)
if [[ $(cut -d, -f2,3,5,6 <<<"$row") != "3,10,0.3,0" ]]; then
  fail "1 thread: run 100 is not point 3, replicate 10 at (0.3, 0): ${row:0:80}"
else
  run "$teamsim" run baseline --set manager.structure=0 --set manager.mentoring=0.1 --set manager.vision=0.1 \
    --set manager.control=0.3 --set manager.recognition=0 --seed "$(cut -d, -f4 <<<"$row")" --steps 400 --every 4 -o single-run --quiet
  expect_status 0 "teamsim run with run 100's seed"
  if ! cmp -s <(tail -n +2 single-run/timeseries.csv 2>/dev/null) <(grep '^100,' reference/timeseries.csv | cut -d, -f2-); then
    fail "teamsim run with run 100's seed does not reproduce run 100's rows of timeseries.csv"
  fi
fi
for f in ledger.json runs.csv.partial timeseries.csv.partial aggregate.csv.partial; do
  [[ ! -e reference/$f ]] || fail "1 thread: $f left behind after a finished sweep"
done

# ---- Threads ----
run "$teamsim" sweep sweep.toml -o threads2 --threads 2 --quiet
expect_status 0 "2 threads"
same_as_reference threads2 "2 threads"

# ---- Shards, merged (given out of order; shard 1 takes its index from Slurm's variables) ----
run "$teamsim" sweep sweep.toml -o shard0 --shard 0/3 --threads 1 --quiet
expect_status 0 "shard 0/3"
run env SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3 \
  "$teamsim" sweep sweep.toml -o shard1 --threads 2 --quiet
expect_status 0 "shard 1/3 from SLURM_ARRAY_TASK_ID"
grep -q '"shard_index": 1' shard1/sweep.json 2>/dev/null || fail "SLURM_ARRAY_TASK_ID=2, MIN=1, COUNT=3 did not give shard 1"
run "$teamsim" sweep sweep.toml -o shard2 --shard 2/3 --threads 1 --quiet
expect_status 0 "shard 2/3"
run "$teamsim" merge shard0 shard2 -o incomplete
expect_status 2 "merge with a shard missing"
expect_in stderr "missing" "merge with a shard missing"
run "$teamsim" merge shard2 shard0 shard1 -o merged
expect_status 0 "merge 3 shards"
same_as_reference merged "3 shards merged"

# ---- MPI (teamsim-mpi): rank 0 schedules, writes and runs; the others run blocks of runs ----
for ranks in 1 2 3; do
  run mpirun --oversubscribe -n "$ranks" "$teamsim_mpi" sweep sweep.toml -o "mpi$ranks" --threads 1 --quiet
  expect_status 0 "mpirun -n $ranks"
  same_as_reference "mpi$ranks" "mpirun -n $ranks"
  if [[ $ranks -gt 1 ]] && ! grep -q "\"mpi_ranks\": $ranks" "mpi$ranks/sweep.json" 2>/dev/null; then
    fail "mpirun -n $ranks: sweep.json does not say mpi_ranks $ranks (was it built with MPI?)"
  fi
done

# teamsim itself (no MPI) refuses mpirun and names teamsim-mpi, instead of every rank running the sweep.
run mpirun --oversubscribe -n 2 "$teamsim" sweep sweep.toml -o plain-mpi --quiet
expect_status 2 "teamsim (without MPI) under mpirun -n 2"
expect_in stderr "teamsim-mpi" "teamsim (without MPI) under mpirun -n 2"
[[ ! -e plain-mpi ]] || fail "teamsim (without MPI) under mpirun wrote plain-mpi"

# ---- Killed part-way (SIGKILL), then resumed: on 2 threads, and under mpirun -n 3 ----
# Starts the sweep on 1 thread into folder $1 and kills it with SIGKILL once the ledger says some runs are
# on disk (waiting at most 30 s). Returns 1 (after a FAIL) when it was not really interrupted.
start_and_kill() {  # dir
  "$teamsim" sweep sweep.toml -o "$1" --threads 1 --quiet >/dev/null 2>"$work/err.kill" &
  background_pid=$!
  for _ in $(seq 600); do
    if grep -qE '"runs_done": [1-9]' "$1/ledger.json" 2>/dev/null || ! kill -0 "$background_pid" 2>/dev/null; then break; fi
    sleep 0.05
  done
  kill -9 "$background_pid" 2>/dev/null || true
  wait "$background_pid" 2>/dev/null || true
  background_pid=""
  if [[ -f $1/sweep.json || ! -f $1/ledger.json || ! -f $1/runs.csv.partial ]]; then
    fail "$1: the sweep to interrupt was not interrupted (it finished before the kill, or left no ledger.json and runs.csv.partial): $(ls "$1" 2>&1 | tr '\n' ' ')"
    return 1
  fi
  echo "$1: killed after $(grep -oE '"runs_done": [0-9]+' "$1/ledger.json" | grep -oE '[0-9]+$') of 360 runs were checkpointed" >&2
}

check_resumed() {  # dir description
  same_as_reference "$1" "$2"
  grep -qE '"resumed_runs": [1-9]' "$1/sweep.json" 2>/dev/null || fail "$2: sweep.json has no resumed_runs > 0"
  for f in ledger.json runs.csv.partial timeseries.csv.partial aggregate.csv.partial; do
    [[ ! -e $1/$f ]] || fail "$2: $f left behind"
  done
}

if start_and_kill resumed; then
  run "$teamsim" sweep sweep.toml -o resumed --threads 2 --quiet
  expect_status 2 "an unfinished sweep without --resume"
  expect_in stderr "--resume" "an unfinished sweep without --resume"
  run "$teamsim" sweep sweep.toml -o resumed --resume --threads 2 --quiet
  expect_status 0 "--resume on 2 threads after kill -9"
  check_resumed resumed "killed, resumed on 2 threads"
  # Resuming a finished sweep does nothing.
  run "$teamsim" sweep sweep.toml -o resumed --resume --quiet
  expect_status 0 "--resume of a finished sweep"
  same_as_reference resumed "--resume of a finished sweep"
fi
if start_and_kill resumed-mpi; then
  run mpirun --oversubscribe -n 3 "$teamsim_mpi" sweep sweep.toml -o resumed-mpi --resume --quiet
  expect_status 0 "mpirun -n 3 --resume after kill -9"
  check_resumed resumed-mpi "killed, resumed under mpirun -n 3"
fi
echo "determinism part: $((SECONDS - started)) s" >&2

# ---- Bad input: exit code 2, a message at file:line:column, nothing written ----
cat >syntax.toml <<'EOF'
[sweep]
name = "syntax"
scenario = "baseline"
[parameters
"manager.control" = [0.1, 0.2]
EOF
run "$teamsim" sweep syntax.toml -o bad-syntax
expect_status 2 "TOML syntax error"
expect_in stderr "syntax.toml:4:" "TOML syntax error"
grep -qE 'syntax\.toml:[0-9]+:[0-9]+: ' stderr || fail "TOML syntax error: no file:line:column in: $(cat stderr)"

cat >unknown.toml <<'EOF'
[sweep]
name = "unknown"
scenario = "baseline"
[parameters]
"manager.contrl" = [0.1, 0.2]
EOF
run "$teamsim" sweep unknown.toml -o bad-unknown
expect_status 2 "unknown parameter"
expect_in stderr "unknown.toml:5:" "unknown parameter"
expect_in stderr "contrl" "unknown parameter names it"
expect_in stderr "did you mean 'control'" "unknown parameter suggests"

for range in "min = 0.3, max = 0.3" "min = 0.4, max = 0.2"; do
  cat >range.toml <<EOF
[sweep]
name = "range"
scenario = "baseline"
design = "random"
points = 8
[parameters]
"manager.control" = { $range }
EOF
  run "$teamsim" sweep range.toml -o bad-range
  expect_status 2 "empty range ($range)"
  expect_in stderr "range.toml:7:" "empty range ($range)"
  expect_in stderr "empty range" "empty range ($range)"
done

for shard in 3/2 2/2 -1/2 1/0 x/2 1; do
  run "$teamsim" sweep sweep.toml -o bad-shard --shard "$shard"
  expect_status 2 "--shard $shard"
  expect_in stderr "--shard" "--shard $shard"
done
run env SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_COUNT=2 "$teamsim" sweep sweep.toml -o bad-shard
expect_status 2 "SLURM_ARRAY_TASK_ID=3 of 2"
for d in bad-syntax bad-unknown bad-range bad-shard; do
  [[ ! -e $d ]] || fail "bad input wrote $d"
done

# An output folder holding another sweep (another seed): refused, with or without --resume; nothing changes.
sed 's/^seed = 77$/seed = 78/' sweep.toml >other.toml
(cd reference && find . -type f -exec sha256sum {} + | sort) >before.sha
for extra in "" --resume; do
  run "$teamsim" sweep other.toml -o reference --threads 1 --quiet $extra
  expect_status 2 "output folder holding another sweep ${extra}"
  expect_in stderr "holds a different sweep" "output folder holding another sweep ${extra}"
done
(cd reference && find . -type f -exec sha256sum {} + | sort) >after.sha
cmp -s before.sha after.sha || fail "a refused sweep changed the output folder: $(diff before.sha after.sha | head -n 4)"
# And the same sweep again without --resume: refused too.
run "$teamsim" sweep sweep.toml -o reference --threads 1 --quiet
expect_status 2 "output folder holding this finished sweep, without --resume"
(cd reference && find . -type f -exec sha256sum {} + | sort) >after.sha
cmp -s before.sha after.sha || fail "a refused sweep changed the output folder (same sweep)"

# --dry-run: prints points, runs and the output folder; writes nothing (not even the default out/NAME).
mkdir dry && cd dry
run "$teamsim" sweep ../sweep.toml --dry-run
expect_status 0 "--dry-run"
expect_in "$work/stdout" "12 points x 30 replicates = 360 runs" "--dry-run"
expect_in "$work/stdout" "out/determinism" "--dry-run"
run "$teamsim" sweep ../sweep.toml --dry-run --shard 1/3 -o somewhere
expect_status 0 "--dry-run --shard 1/3"
expect_in "$work/stdout" "points 4..7, 120 runs" "--dry-run --shard 1/3"
[[ -z $(ls -A .) ]] || fail "--dry-run wrote: $(ls -A . | tr '\n' ' ')"
cd ..

echo "sweep determinism test: $((SECONDS - started)) s" >&2
finish "sweep determinism"

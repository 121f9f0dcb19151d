#!/usr/bin/env bash
# Calibration on threads, MPI ranks and shards gives the same result: usage:
#   calibration_parallel_test.sh TEAMSIM SOURCE_DIR
# A small ABC-SMC calibration (3 generations) run on 1 thread (the reference), 2 threads, `mpirun -n 2` and
# `-n 3` of teamsim-mpi (next to TEAMSIM; skipped with a note when it was not built), and as shards: 3 shards
# a round (one taking its index from SLURM_ARRAY_TASK_*), a shard count that changes between rounds, and a
# shard killed with SIGKILL then run again. posterior.csv, predictive.csv, the printed summary and
# calibration.json without its provenance must equal the reference's. Then: bad shards, --gather with
# --shard, a folder holding another calibration's rounds (exit 2, nothing written), plain teamsim under
# mpirun (exit 2, naming teamsim-mpi), and neither `ldd teamsim` nor `teamsim --version` loads libmpi.
set -euo pipefail
cli_test_name=calpar
# shellcheck source=tests/cli_lib.sh
source "$(dirname "$0")/cli_lib.sh"  # fail, run, calibration_fixture, finish
teamsim_mpi=$(dirname "$teamsim")/teamsim-mpi
started=$SECONDS

# Observed: one team simulated at control 0.3, recognition 0.15; quarterly morale and productivity.
calibration_fixture . 52 'name = "parallel"' 'scenario = "baseline"' \
  'method = "smc"' 'seed = 9' 'replicates = 2' 'particles = 24' 'simulations = 96' 'generations = 3' \
  'quantile = 0.5' 'steps = 52'

# calibration.json without what says how and where it ran.
strip_provenance() {  # file
  python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
for k in ("threads", "mpi_ranks", "from_shards", "rounds", "host", "start_time", "wall_time_seconds"):
    j.pop(k, None)
print(json.dumps(j, indent=1))' "$1"
}

same_as_reference() {  # dir description [stdout file]
  local f
  for f in posterior.csv predictive.csv; do
    if [[ ! -f $1/$f ]]; then
      fail "$2: no $f"
    elif ! cmp -s reference/$f "$1/$f"; then
      fail "$2: $f differs from 1 thread ($(cmp reference/$f "$1/$f" 2>&1 | head -n 1))"
    fi
  done
  if [[ -f $1/calibration.json ]] && ! cmp -s <(strip_provenance reference/calibration.json) <(strip_provenance "$1/calibration.json"); then
    fail "$2: calibration.json (without provenance) differs from 1 thread"
  fi
  if [[ -n ${3:-} ]] && ! cmp -s reference.stdout "$3"; then
    fail "$2: the printed summary differs from 1 thread: $(diff reference.stdout "$3" | head -n 3)"
  fi
}

run "$teamsim" calibrate cal.toml -o reference --threads 1
[[ $status -eq 0 ]] || { cat "$work/stderr" >&2; echo "FAIL: the reference calibration failed" >&2; exit 1; }
cp "$work/stdout" reference.stdout
grep -q "generation 3:" reference.stdout || fail "the reference did not reach generation 3: $(cat reference.stdout)"

run "$teamsim" calibrate cal.toml -o threads2 --threads 2
[[ $status -eq 0 ]] || fail "2 threads: exit $status"
same_as_reference threads2 "2 threads" "$work/stdout"

# ---- MPI ----
if [[ -x $teamsim_mpi ]] && command -v mpirun >/dev/null; then
  for ranks in 2 3; do
    run timeout 120 mpirun --oversubscribe -n "$ranks" "$teamsim_mpi" calibrate cal.toml -o "mpi$ranks" --threads 1
    [[ $status -eq 0 ]] || fail "mpirun -n $ranks: exit $status: $(tail -n 3 "$work/stderr")"
    same_as_reference "mpi$ranks" "mpirun -n $ranks" "$work/stdout"
    grep -q "\"mpi_ranks\": $ranks" "mpi$ranks/calibration.json" 2>/dev/null ||
      fail "mpirun -n $ranks: calibration.json does not say mpi_ranks $ranks"
  done
  # Plain teamsim refuses mpirun instead of letting every rank run the whole calibration.
  run timeout 60 mpirun --oversubscribe -n 2 "$teamsim" calibrate cal.toml -o plain-mpi
  [[ $status -eq 2 ]] || fail "teamsim (no MPI) under mpirun: exit $status, expected 2"
  grep -q "teamsim-mpi" "$work/stderr" || fail "teamsim under mpirun does not name teamsim-mpi: $(head -n 2 "$work/stderr")"
  [[ ! -e plain-mpi ]] || fail "teamsim under mpirun wrote plain-mpi"
else
  echo "note: no teamsim-mpi or mpirun; the MPI part is skipped" >&2
fi

# ---- Shards: every round's shards, then --gather, until the results are written ----
# Runs rounds with the shard counts given (the last one repeats) until --gather writes calibration.json.
run_shards() {  # dir counts...
  local dir=$1 round=0 count i
  shift
  local counts=("$@")
  while [[ ! -f $dir/calibration.json ]]; do
    ((round < 20)) || { fail "$dir: not finished after 20 rounds"; return 1; }
    count=${counts[$((round < ${#counts[@]} ? round : ${#counts[@]} - 1))]}
    for ((i = 0; i < count; i++)); do
      if ((i == 1)); then  # this one as a Slurm array task would: task ids from 1
        run env SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT="$count" \
          "$teamsim" calibrate cal.toml -o "$dir" --threads 1
      else
        run "$teamsim" calibrate cal.toml -o "$dir" --shard "$i/$count" --threads 1
      fi
      [[ $status -eq 0 ]] || { fail "$dir: shard $i/$count of round $round: exit $status: $(cat "$work/stderr")"; return 1; }
      if ((count > 1)); then
        grep -qE "^round $round .*shard $i/$count (written|was already in)" "$work/stdout" ||
          fail "$dir: shard $i/$count did not write round $round: $(cat "$work/stdout")"
      else  # a single shard goes on to the last round
        grep -q "^every round is in" "$work/stdout" || fail "$dir: shard 0/1 did not finish: $(cat "$work/stdout")"
      fi
    done
    run "$teamsim" calibrate cal.toml -o "$dir" --gather
    # 3: a round is still pending, nothing written; 0: the results are written.
    if [[ -f $dir/calibration.json ]]; then
      [[ $status -eq 0 ]] || { fail "$dir: --gather wrote the results but exited $status"; return 1; }
    else
      [[ $status -eq 3 ]] || { fail "$dir: --gather after round $round: exit $status, expected 3 (pending): $(cat "$work/stderr")"; return 1; }
    fi
    round=$((round + 1))
  done
  cp "$work/stdout" "$dir.stdout"
}

# A round that is not all in: --gather names the missing shards.
run "$teamsim" calibrate cal.toml -o shards3 --shard 0/3 --threads 1
run "$teamsim" calibrate cal.toml -o shards3 --gather
[[ $status -eq 3 ]] || fail "--gather with shards missing: exit $status, expected 3 (pending)"
grep -q "round 0 .* 1 of 3 shards in, missing 1 2" "$work/stdout" || fail "--gather with shards missing: $(cat "$work/stdout")"
[[ ! -e shards3/calibration.json ]] || fail "--gather with shards missing wrote calibration.json"
run_shards shards3 3 && same_as_reference shards3 "3 shards a round" shards3.stdout
grep -q '"from_shards": true' shards3/calibration.json || fail "3 shards: calibration.json does not say from_shards"
run_shards shards-mixed 2 3 1 && same_as_reference shards-mixed "2, then 3, then 1 shard a round" shards-mixed.stdout

# A single shard runs every round, one file each; killed (SIGKILL) once round 0 is in, then run again, it
# continues from the rounds on disk (round 0 is not simulated again) to the same result.
"$teamsim" calibrate cal.toml -o killed --shard 0/1 --threads 1 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 400); do
  [[ -f killed/shard-0-of-1/round-0.bin ]] && break
  sleep 0.01
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [[ ! -f killed/shard-0-of-1/round-0.bin || -f killed/shard-0-of-1/round-3.bin ]]; then
  fail "the shard to kill was not killed part-way: $(ls killed/shard-0-of-1 2>&1 | tr '\n' ' ')"
fi
stamp=$(stat -c %Y.%i killed/shard-0-of-1/round-0.bin 2>/dev/null || true)
run_shards killed 1 && same_as_reference killed "a shard killed, then run again" killed.stdout
[[ $(stat -c %Y.%i killed/shard-0-of-1/round-0.bin 2>/dev/null) == "$stamp" ]] ||
  fail "running the killed shard again rewrote round 0"

# ---- Bad input: exit 2, nothing written ----
for shard in 3/2 2/2 -1/2 1/0 x/2; do
  run "$teamsim" calibrate cal.toml -o bad-shard --shard "$shard"
  [[ $status -eq 2 ]] || fail "--shard $shard: exit $status, expected 2"
  grep -q -- "--shard" "$work/stderr" || fail "--shard $shard: $(cat "$work/stderr")"
done
run "$teamsim" calibrate cal.toml -o bad-shard --shard 0/2 --gather
[[ $status -eq 2 ]] || fail "--shard with --gather: exit $status, expected 2"
[[ ! -e bad-shard ]] || fail "bad shards wrote bad-shard"
# Another calibration (another seed) gathered from this one's rounds: refused at the round file.
sed 's/^seed = 9$/seed = 10/' cal.toml >other.toml
mkdir other && cp -r shards3/shard-* other/
run "$teamsim" calibrate other.toml -o other --gather
[[ $status -eq 2 ]] || fail "rounds of another calibration: exit $status, expected 2"
grep -qE "other/shard-[0-9]-of-3/round-0\.bin:1:1: .*another calibration" "$work/stderr" ||
  fail "rounds of another calibration: $(cat "$work/stderr")"
[[ ! -e other/calibration.json && ! -e other/posterior.csv ]] || fail "rounds of another calibration: results written"

# ---- A run that cannot be done ends the calibration with exit 1, naming the run (and under MPI aborts it) ----
# A team of 9000 needs a state of 1.3 GB, more than the 1.0 GB ulimit -v allows: the run refuses to start.
printf 't,morale\n1,0.7\n' >engine-observed.csv
cat >engine.toml <<'TOML'
[calibration]
scenario = "baseline"
observed = "engine-observed.csv"
method = "rejection"
particles = 10
simulations = 10
steps = 2
[set]
"team.size" = 9000
[parameters]
"manager.control" = { min = 0.1, max = 0.3 }
TOML
engine_error() {  # description dir command...
  local what=$1 dir=$2
  shift 2
  set +e
  (ulimit -v 1000000 && exec timeout 120 "$@" -o "$dir") >"$work/stdout" 2>"$work/stderr"
  status=$?
  set -e
  [[ $status -eq 1 ]] || fail "$what: exit $status, expected 1: $(head -c 400 "$work/stderr")"
  grep -qE "the run of manager.control = [0-9.e-]+ with seed [0-9]+ failed" "$work/stderr" ||
    fail "$what: the failed run is not named: $(head -c 400 "$work/stderr")"
  [[ ! -e $dir/calibration.json ]] || fail "$what: the results were written anyway"
}
engine_error "a failed run on 2 threads" engine-threads "$teamsim" calibrate engine.toml --threads 2 -q
engine_error "a failed run in a shard" engine-shard "$teamsim" calibrate engine.toml --shard 0/2 --threads 1 -q
if [[ -x $teamsim_mpi ]] && command -v mpirun >/dev/null; then
  engine_error "a failed run under mpirun -n 2" engine-mpi mpirun --oversubscribe -n 2 "$teamsim_mpi" calibrate engine.toml --threads 1 -q
fi

# ---- teamsim does not load Open MPI ----
if ldd "$teamsim" | grep -q libmpi; then fail "ldd teamsim lists libmpi: $(ldd "$teamsim" | grep libmpi)"; fi
if LD_DEBUG=libs "$teamsim" --version 2>&1 | grep -q 'libmpi'; then fail "teamsim --version loads libmpi"; fi
if [[ -x $teamsim_mpi ]] && ! ldd "$teamsim_mpi" | grep -q libmpi; then fail "ldd teamsim-mpi lists no libmpi"; fi

echo "calibration parallel test: $((SECONDS - started)) s" >&2
finish "calibration parallel"

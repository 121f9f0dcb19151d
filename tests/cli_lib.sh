# Shared by the CLI test scripts (source it after `set -euo pipefail`): usage: SCRIPT TEAMSIM SOURCE_DIR
# (a script with other arguments passes these two: `source cli_lib.sh "$1" "$3"`).
# Sets $teamsim and $source_dir, works in a fresh temporary folder $work (removed on exit, with the process
# in $background_pid killed if one is left) with the source tree's scenarios, and defines fail (counts into
# $failures), run (keeps stdout, stderr and $status), expect_status, expect_in, calibration_fixture and
# finish. $cli_test_name names the temporary folder.
teamsim=$(realpath "$1")
source_dir=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-${cli_test_name:-cli}-XXXXXX")
background_pid=""
cli_cleanup() {
  if [[ -n $background_pid ]]; then kill -9 "$background_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cli_cleanup EXIT
cd "$work"
export TEAMSIM_SCENARIOS="$source_dir/scenarios"
unset SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_COUNT SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_STEP  # when the suite runs under Slurm
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1                             # mpirun as root (containers, CI)
limit=${limit:-120}  # seconds for any one command run by `run`: nothing may hang

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Runs a command under a time limit of $limit seconds, keeping stdout in $work/stdout, stderr in
# $work/stderr and the exit code in $status. A timeout fails, as does a SIGKILL (137) unless $expect_kill
# is set. (In a subshell, so bash does not report a process killed on purpose.)
run() {
  set +e
  (timeout -k 5 "$limit" "$@" >"$work/stdout" 2>"$work/stderr"; exit $?) 2>/dev/null
  status=$?
  set -e
  if [[ $status -eq 124 || $status -eq 137 && -z ${expect_kill:-} ]]; then fail "timed out after $limit s: $*"; fi
}

expect_status() {  # expected description
  if [[ $status -ne $1 ]]; then
    fail "$2: exit code $status, expected $1"
    sed 's/^/  stderr: /' "$work/stderr" >&2 || true
  fi
}

expect_in() {  # file text description
  if ! grep -qF -- "$2" "$1" 2>/dev/null; then
    fail "$3: '$2' not in $(basename "$1")"
    sed 's/^/  /' "$1" >&2 || true
  fi
}

# The calibration fixture: one team of scenarios/baseline.toml simulated for STEPS steps (seed 21) at
# manager.control = 0.3 and manager.recognition = 0.15, mentoring fixed at 0.1, gives DIR/truth/,
# DIR/observed.csv (morale and productivity every 13 steps) and DIR/cal.toml, which calibrates control
# (prior 0.05-0.45) and recognition (0-0.3) against it with mentoring fixed; the other lines of its
# [calibration] table are the remaining arguments, one a line (scenario, method, seed, sizes, ...).
calibration_fixture() {  # dir steps calibration-line...
  local dir=$1 steps=$2
  shift 2
  mkdir -p "$dir"
  "$teamsim" run baseline --seed 21 --set manager.control=0.3 --set manager.recognition=0.15 \
    --set manager.mentoring=0.1 --steps "$steps" -q -o "$dir/truth"
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "t,morale,productivity"; next }
           $1 % 13 == 0 && $1 > 0 { print $c["t"] "," $c["morale"] "," $c["productivity"] }' \
    "$dir/truth/timeseries.csv" >"$dir/observed.csv"
  {
    echo "[calibration]"
    echo 'observed = "observed.csv"'
    printf '%s\n' "$@"
    cat <<'TOML'
[set]
"manager.mentoring" = 0.1
[parameters]
"manager.control" = { min = 0.05, max = 0.45 }
"manager.recognition" = { min = 0.0, max = 0.3 }
TOML
  } >"$dir/cal.toml"
}

# Ends the script: exit 1 after counting the failures, or says that every check of NAME passed.
finish() {  # name
  if [[ $failures -gt 0 ]]; then
    echo "$1: $failures check(s) failed" >&2
    exit 1
  fi
  echo "$1: all checks passed"
}

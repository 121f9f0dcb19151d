# Shared by the CLI test scripts (source it after `set -euo pipefail`): usage: SCRIPT TEAMSIM SOURCE_DIR.
# Sets $teamsim and $source_dir, works in a fresh temporary folder $work (removed on exit) with the source
# tree's scenarios, and defines fail (counts into $failures) and run (keeps stdout, stderr and $status).
teamsim=$(realpath "$1")
source_dir=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-${cli_test_name:-cli}-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
export TEAMSIM_SCENARIOS="$source_dir/scenarios"

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Runs a command, keeping stdout in $work/stdout, stderr in $work/stderr and the exit code in $status.
run() {
  set +e
  "$@" >"$work/stdout" 2>"$work/stderr"
  status=$?
  set -e
}

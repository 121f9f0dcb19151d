#!/usr/bin/env bash
# CLI smoke tests: usage: cli_test.sh TEAMSIM_EXECUTABLE SOURCE_DIR
# Checks the commands, exit codes (0 ok, 2 bad input), messages with file:line:column, that bad input writes
# nothing, and that two runs with the same seed are byte-identical.
set -euo pipefail

teamsim=$(realpath "$1")
source_dir=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-cli-XXXXXX")
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

# ---- Information commands ----
run "$teamsim" --version
expect_status 0 "--version"
expect_in stdout "teamsim " "--version"

run "$teamsim" --help
expect_status 0 "--help"
expect_in stdout "usage:" "--help"
expect_in stdout "teamsim run SCENARIO" "--help"

run "$teamsim" list
expect_status 0 "list"
expect_in stdout "baseline" "list"

run "$teamsim" show baseline
expect_status 0 "show baseline"
cp stdout shown.toml
expect_in shown.toml "name = 'baseline'" "show baseline"
run "$teamsim" validate shown.toml
expect_status 0 "validate of the shown baseline"
expect_in stdout "shown.toml: ok" "validate of the shown baseline"
run "$teamsim" show shown.toml
if ! cmp -s stdout shown.toml; then fail "show of the shown baseline differs from the first show"; fi

# ---- Runs ----
for dir in A B; do
  run "$teamsim" run baseline --seed 7 -o "$dir" --quiet
  expect_status 0 "run baseline -o $dir"
  for file in timeseries.csv events.csv run.json; do
    [[ -s $dir/$file ]] || fail "run baseline -o $dir: no $file"
  done
done
cmp -s A/timeseries.csv B/timeseries.csv || fail "timeseries.csv differs between two runs with seed 7"
cmp -s A/events.csv B/events.csv || fail "events.csv differs between two runs with seed 7"
expect_in A/run.json '"seed": 7' "run.json"
expect_in A/run.json '"numeric_issues": 0' "run.json"
[[ $(wc -l <A/timeseries.csv) -eq 106 ]] || fail "timeseries.csv: expected 106 lines (header, t = 0..104)"
if ls A/*.tmp >/dev/null 2>&1; then fail "temporary files left in A"; fi

run "$teamsim" run baseline --seed 8 -o C --quiet --steps 20 --every 5 --agents --network 10
expect_status 0 "run with options"
[[ $(wc -l <C/timeseries.csv) -eq 6 ]] || fail "--steps 20 --every 5: expected 6 lines"
[[ -s C/agents.csv && -s C/network.csv ]] || fail "--agents/--network: files missing"

# ---- Bad input: exit 2, file:line:column, nothing written ----
printf '[scenario]\nname = "bad"\n\n[manager]\ncontrl = 0.5\n' >misspelt.toml
printf '[scenario]\nname = "bad"\n\n[manager]\ncontrol = 1.5\n' >range.toml
printf '[scenario]\nname = "bad"\nsteps = = 3\n' >syntax.toml

run "$teamsim" validate misspelt.toml
expect_status 2 "validate misspelt.toml"
expect_in stderr "misspelt.toml:5:1:" "validate misspelt.toml"
expect_in stderr "did you mean 'control'" "validate misspelt.toml"

run "$teamsim" validate range.toml
expect_status 2 "validate range.toml"
expect_in stderr "range.toml:5:" "validate range.toml"
expect_in stderr "manager.control: expected a number in [0, 1], found 1.5" "validate range.toml"

run "$teamsim" validate syntax.toml
expect_status 2 "validate syntax.toml"
expect_in stderr "syntax.toml:3:" "validate syntax.toml"

run "$teamsim" validate shown.toml misspelt.toml
expect_status 2 "validate of a good and a bad file"
expect_in stdout "shown.toml: ok" "validate of a good and a bad file"

for bad in misspelt range syntax; do
  run "$teamsim" run "$bad.toml" -o "out-$bad" --quiet
  expect_status 2 "run $bad.toml"
  expect_in stderr "$bad.toml:" "run $bad.toml"
  [[ ! -e out-$bad ]] || fail "run $bad.toml created out-$bad"
done

run "$teamsim" run baseline --set manager.contrl=0.5 -o out-set --quiet
expect_status 2 "run --set with an unknown key"
expect_in stderr "did you mean 'control'" "run --set with an unknown key"
[[ ! -e out-set ]] || fail "run --set with an unknown key created out-set"

run "$teamsim" run baseline --steps 0 -o out-steps --quiet
expect_status 2 "run --steps 0"
expect_in stderr "--steps" "run --steps 0"
[[ ! -e out-steps ]] || fail "run --steps 0 created out-steps"

run "$teamsim" run no_such_scenario -o out-missing --quiet
expect_status 2 "run of an unknown scenario"
[[ ! -e out-missing ]] || fail "run of an unknown scenario created out-missing"

run "$teamsim" frobnicate
expect_status 2 "unknown command"
expect_in stderr "unknown command 'frobnicate'" "unknown command"

run "$teamsim" run baseline --no-such-option
expect_status 2 "unknown option"

run "$teamsim"
expect_status 2 "no command"

if [[ $failures -gt 0 ]]; then
  echo "$failures CLI check(s) failed" >&2
  exit 1
fi
echo "all CLI checks passed"

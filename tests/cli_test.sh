#!/usr/bin/env bash
# CLI smoke tests: usage: cli_test.sh TEAMSIM_EXECUTABLE SOURCE_DIR
# Checks the commands, exit codes (0 ok, 2 bad input), messages with file:line:column, that bad input writes
# nothing, that two runs with the same seed are byte-identical, and which output folders a run may write.
set -euo pipefail

cli_test_name=cli
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"  # fail, run, expect_status, expect_in, finish

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
expect_in shown.toml 'name = "baseline"' "show baseline"
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

# ---- Output folders: an earlier run is replaced whole; other folders are refused (exit 2) ----
run "$teamsim" run baseline --seed 9 -o C --quiet --steps 10
expect_status 0 "a run into an earlier run's folder"
[[ ! -e C/agents.csv && ! -e C/network.csv ]] || fail "a run into an earlier run's folder left its agents.csv/network.csv"
[[ $(wc -l <C/timeseries.csv) -eq 12 ]] || fail "a run into an earlier run's folder: timeseries.csv is not the new run's"
expect_in C/run.json '"seed": 9' "a run into an earlier run's folder"
mkdir notes && echo mine >notes/notes.txt
run "$teamsim" run baseline -o notes --steps 5 --quiet
expect_status 2 "a run into a folder holding other files"
expect_in stderr "notes.txt" "a run into a folder holding other files"
expect_in stderr "--force" "a run into a folder holding other files"
[[ $(ls -A notes) == notes.txt ]] || fail "a refused run changed its folder: $(ls -A notes | tr '\n' ' ')"
run "$teamsim" run baseline -o notes --steps 5 --quiet --force
expect_status 0 "a run with --force"
[[ -s notes/run.json && $(cat notes/notes.txt) == mine ]] || fail "a run with --force: no run.json, or notes.txt changed"
mkdir sweep-folder && echo '{}' >sweep-folder/sweep.json && echo 'run_id,t' >sweep-folder/timeseries.csv
for extra in "" --force; do
  run "$teamsim" run baseline -o sweep-folder --steps 5 --quiet $extra
  expect_status 2 "a run into a sweep folder $extra"
  expect_in stderr "sweep folder" "a run into a sweep folder $extra"
done
[[ $(cat sweep-folder/timeseries.csv) == run_id,t && $(ls -A sweep-folder | wc -l) -eq 2 ]] || fail "a run changed a sweep folder"

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

# ---- The first hour: help, did you mean, show, --set errors, validate sweeps, sweeps by name ----
for command in run validate list show sweep merge compare; do
  run "$teamsim" $command --help
  expect_status 0 "$command --help"
  expect_in stdout "teamsim $command" "$command --help"
  expect_in stdout "--help" "$command --help"
done
run "$teamsim" list --help
if grep -q "^baseline " stdout; then fail "list --help printed the list"; fi

run "$teamsim" rn baseline
expect_status 2 "mistyped command"
expect_in stderr "unknown command 'rn'; did you mean 'run'?" "mistyped command"
run "$teamsim" run baseline --sed 3 -o out-sed
expect_status 2 "mistyped option"
expect_in stderr "unknown option '--sed'; did you mean '--seed'? (see \`teamsim run --help\`)" "mistyped option"
[[ ! -e out-sed ]] || fail "a mistyped option created out-sed"
run "$teamsim" sweep style_grid --dry-runn
expect_status 2 "mistyped sweep option"
expect_in stderr "did you mean '--dry-run'?" "mistyped sweep option"

# show: shortest numbers, keys in the registry's order (manager.control before manager.recognition,
# [manager] before [work]), the scenario first and the team second.
run "$teamsim" show baseline
if grep -Eq '[0-9]\.[0-9]{15,}' stdout; then fail "show prints a long round-trip number"; grep -E '[0-9]{15,}' stdout >&2; fi
order=$(grep -E '^\[(scenario|team|manager|work)\]$|^(control|recognition) = ' stdout | sed 's/ = .*/ =/' | tr '\n' ' ')
[[ $order == "[scenario] [team] [manager] control = recognition = [work] " ]] || fail "show key order: $order"

# --set errors name the --set and print readable numbers.
run "$teamsim" run baseline --set manager.control=0.8 -o out-budget
expect_status 2 "--set breaking the attention budget"
expect_in stderr "error: --set manager.control=0.8: manager: control + structure + recognition + mentoring + vision is an attention budget of at most 1, found 1.55" "--set budget"
[[ ! -e out-budget ]] || fail "--set breaking the budget created out-budget"
run "$teamsim" show baseline --set manager.control=2
expect_status 2 "--set out of range"
expect_in stderr "error: --set manager.control=2: manager.control: expected a number in [0, 1], found 2" "--set range"

# validate recognizes sweep files; built-in sweeps run by name.
run "$teamsim" validate "$source_dir/scenarios/sweeps/style_grid.toml"
expect_status 0 "validate a sweep file"
expect_in stdout "style_grid.toml: ok (sweep style_grid, 12 points x 10 replicates = 120 runs)" "validate a sweep"
printf '[sweep]\nscenario = "baseline"\n[parameters]\n"manager.control" = [0.1, 1.5]\n' >badsweep.toml
run "$teamsim" validate badsweep.toml
expect_status 2 "validate a bad sweep file"
expect_in stderr "badsweep.toml:4:" "validate a bad sweep file"
expect_in stderr "parameters.manager.control: expected a number in [0, 1], found 1.5" "validate a bad sweep file"
run "$teamsim" list
expect_in stdout "style_grid" "list shows the built-in sweeps"
run "$teamsim" sweep style_grid --dry-run
expect_status 0 "sweep by name"
expect_in stdout "sweep style_grid: 12 points x 10 replicates = 120 runs" "sweep by name"
run "$teamsim" sweep style_gird --dry-run
expect_status 2 "mistyped sweep name"
expect_in stderr "did you mean 'style_grid'?" "mistyped sweep name"

# Progress on a non-terminal stderr: plain lines (every TEAMSIM_PROGRESS_SECONDS), none with --quiet.
printf '[sweep]\nscenario = "baseline"\nreplicates = 6\nsteps = 30\n' >reps.toml
TEAMSIM_PROGRESS_SECONDS=0 run "$teamsim" sweep reps.toml -o reps --threads 1
expect_status 0 "sweep with log progress"
grep -Eq '^[0-9]+/6 runs  [0-9.]+ runs/s  left [0-9]+:[0-9]{2}:[0-9]{2}$' stderr || fail "no progress line in a log"
if grep -q $'\r' stderr; then fail "carriage returns in a log"; fi
TEAMSIM_PROGRESS_SECONDS=0 run "$teamsim" run baseline --steps 5 -o logrun
grep -qx "step 1/5" stderr || fail "run: no progress line in a log"
TEAMSIM_PROGRESS_SECONDS=0 run "$teamsim" run baseline --steps 5 -o logrun2 --quiet
[[ ! -s stderr ]] || fail "run --quiet wrote to stderr"
TEAMSIM_PROGRESS_SECONDS=x run "$teamsim" run baseline --steps 5 -o logrun3
expect_status 2 "bad TEAMSIM_PROGRESS_SECONDS"

# Replications: a sweep without parameters; the scenario as a factor on paired seeds.
[[ $(wc -l <reps/runs.csv) -eq 7 ]] || fail "replication sweep: expected 6 runs"
printf '[sweep]\nreplicates = 3\nsteps = 10\n[parameters]\nscenario = ["baseline", "micromanager"]\n"manager.openness" = [0.2, 0.8]\n' >pair.toml
run "$teamsim" sweep pair.toml -o pair --quiet
expect_status 0 "sweep over scenarios"
[[ $(head -1 pair/runs.csv | cut -d, -f5,6) == "manager.openness,scenario" ]] || fail "runs.csv: swept columns"
seeds_a=$(awk -F, 'NR > 1 && $6 == "baseline" { print $5, $3, $4 }' pair/runs.csv | sort)
seeds_b=$(awk -F, 'NR > 1 && $6 == "micromanager" { print $5, $3, $4 }' pair/runs.csv | sort)
[[ $(awk -F, 'NR > 1 { print $4 }' pair/runs.csv | sort -u | wc -l) -eq 6 ]] || fail "expected 6 distinct seeds"

[[ -n $seeds_a && $seeds_a == "$seeds_b" ]] || fail "scenarios do not share replicate seeds: $seeds_a vs $seeds_b"
printf '[sweep]\nreplicates = 3\nsteps = 10\n[record]\naggregate_form = "long"\n' >long.toml
sed -i '2i scenario = "baseline"' long.toml
run "$teamsim" sweep long.toml -o long --quiet
expect_status 0 "sweep with a long aggregate"
[[ $(head -1 long/aggregate.csv) == "point,t,metric,n,mean,sd,lo,hi" ]] || fail "long aggregate header"

# compare: paired runs, in-process; same scenarios give a zero difference.
run "$teamsim" compare baseline micromanager --replicates 4 --steps 20 --window 10:20 --threads 2
expect_status 0 "compare"
expect_in stdout "A = baseline, B = micromanager: 4 pairs on paired seeds (base seed 1), mean over steps 10..20" "compare"
expect_in stdout "productivity" "compare"
run "$teamsim" compare baseline baseline --replicates 3 --steps 10 --csv
expect_status 0 "compare a scenario with itself"
awk -F, 'NR > 1 && ($5 != 0 || $6 != 0 || $7 != 0) { bad = 1 } END { exit bad }' stdout ||
  fail "compare of a scenario with itself: nonzero difference"
run "$teamsim" compare baseline micromanager --replicates 1
expect_status 2 "compare --replicates 1"
expect_in stderr "--replicates: expected an integer >= 2" "compare --replicates 1"
run "$teamsim" compare baseline micromanager --window 5:500 --steps 20
expect_status 2 "compare with a window past the end"
expect_in stderr "--window: expected a:b with 0 <= a <= b <= 20" "compare --window"
run "$teamsim" compare baseline micromanagr
expect_status 2 "compare with a mistyped scenario"
expect_in stderr "did you mean 'micromanager'?" "compare with a mistyped scenario"

finish "CLI"

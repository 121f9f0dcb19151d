#!/usr/bin/env bash
# Input integrity through the CLI (issue 12, items 5-7 and 9): usage: input_cli_test.sh TEAMSIM SOURCE_DIR
# Seeds are unsigned 64-bit and a run repeats from its run.json; text toml++ 3.3.0 cannot parse is refused
# at line:column; a state that cannot fit in memory is refused before anything is written; a point that
# breaks a rule is a failed run wherever it falls and --dry-run counts such points; sizes have a maximum.
set -euo pipefail

cli_test_name=input
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
expect() {  # status, then a text stderr or stdout must contain
  if [[ $status -ne $1 ]]; then fail "exit $status, expected $1: $(cat "$work/stderr")"; fi
  if [[ -n "${2:-}" ]] && ! grep -qF -- "$2" "$work/stderr" "$work/stdout"; then
    fail "expected '$2' in the output: $(cat "$work/stderr" "$work/stdout")"
  fi
}

# ---- Seeds -------------------------------------------------------------------------------------------
run "$teamsim" run baseline --seed -1 -o neg -q
expect 2 "--seed: expected an integer in [0, 18446744073709551615], found '-1'"
[[ ! -e neg ]] || fail "--seed -1 wrote output"
run "$teamsim" compare baseline micromanager --seed -1 --replicates 2 --steps 2
expect 2 "--seed: expected an integer in [0, 18446744073709551615], found '-1'"
run "$teamsim" run baseline --seed 1e3 -o e3 -q
expect 2 "--seed: expected"
run "$teamsim" run baseline --seed 18446744073709551615 --steps 6 --every 2 -o big -q
expect 0
grep -q '"seed": 18446744073709551615' big/run.json || fail "run.json does not hold the seed 2^64-1"
# The record resolves back to the same run, byte for byte (seed, steps and every come from it).
run "$teamsim" run big/run.json -o again -q
expect 0
cmp -s big/timeseries.csv again/timeseries.csv || fail "teamsim run RUN.json did not repeat the run"
cmp -s big/events.csv again/events.csv || fail "teamsim run RUN.json: events differ"
grep -q '"every": 2' again/run.json || fail "every was not taken from the record"
! grep -q "written by teamsim revision" "$work/stderr" || fail "a record of this build got the other-build note"
# A record written by another revision repeats too, with a note that newer keys take this build's defaults.
sed 's/"git_revision": "[^"]*"/"git_revision": "0123abc"/' big/run.json >old.json
run "$teamsim" run old.json -o older -q
expect 0 "old.json was written by teamsim revision 0123abc"
cmp -s big/timeseries.csv older/timeseries.csv || fail "a record of another revision did not repeat the run"
run "$teamsim" run baseline --seed 9223372036854775808 --steps 3 -o half -q
expect 0
python3 - "$work/half/run.json" "$work/resolved.toml" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
open(sys.argv[2], "w").write(record["resolved_scenario"])
PY
run "$teamsim" validate resolved.toml
expect 0 "resolved.toml: ok"

# ---- toml++ defects ----------------------------------------------------------------------------------
printf '[manager]\ncontrol = 1\xc3\xa9\n' >nonascii.toml
run "$teamsim" validate nonascii.toml
expect 2 "nonascii.toml:2:12: a non-ASCII character outside a string or comment"
printf '[:x]\n' >header.toml
run "$teamsim" validate header.toml
expect 2 "header.toml:1:2: a table header must start with a key"
run "$teamsim" show baseline --set 'scenario.name=caf\xc3\xa9'
expect 0

# ---- Memory ------------------------------------------------------------------------------------------
run "$teamsim" run baseline --set team.size=100000 -o huge -q
expect 2 "team.size = 100000, team.dims = 30: the state needs about 160.0 GB"
[[ ! -e huge ]] || fail "a refused run wrote output"

printf '[sweep]\nname = "m"\nscenario = "baseline"\nsteps = 1\n[parameters]\n"team.size" = [5, 100000]\n' >mem.toml
run "$teamsim" sweep mem.toml -o mem -q --threads 1
expect 2 "team.size = 100000, team.dims = 30: the state needs about 160.0 GB"
[[ ! -e mem ]] || fail "a refused sweep wrote output"

# ---- Sweeps: failing points, dry-run counts, typed values, sizes -------------------------------------
cat >budget.toml <<'TOML'
[sweep]
name = "budget"
scenario = "baseline"
replicates = 2
steps = 3
seed = 123456789012345678
[parameters]
"manager.control" = [0.9, 0.2, 0.15]
"scenario.steps" = [200000]
TOML
run "$teamsim" sweep budget.toml --dry-run
expect 0 "points that break a rule: 1 (2 runs will be recorded as failed; first: point 0: "
grep -q "attention budget of at most 1" stdout || fail "the dry-run does not say which rule point 0 breaks"
run "$teamsim" sweep budget.toml --dry-run --shard 1/2
expect 0 "points that break a rule: 0"
run "$teamsim" sweep budget.toml -o budget -q
expect 0
[[ $(grep -c ',failed,' budget/runs.csv) -eq 2 ]] || fail "point 0 is not two failed runs: $(cat budget/runs.csv)"
grep -q '^0,0,0,.*,0.9,200000,failed,' budget/runs.csv || fail "the integer 200000 is not written as one"
grep -q '"failed": 2' budget/sweep.json || fail "sweep.json does not count the failed runs"
run "$teamsim" sweep budget.toml -o shard0 -q --shard 0/3
expect 0
[[ $(grep -c ',failed,' shard0/runs.csv) -eq 2 ]] || fail "shard 0 does not record point 0 as failed"

python3 - <<'PY'
values = ",".join(str(i % 100 / 100) for i in range(65536))
keys = ["manager.control", "manager.vision", "manager.openness", "manager.mentoring"]
with open("huge_grid.toml", "w") as f:
    f.write('[sweep]\nname = "g"\nscenario = "baseline"\n[parameters]\n')
    for k in keys:
        f.write(f'"{k}" = [{values}]\n')
PY
run "$teamsim" sweep huge_grid.toml --dry-run
expect 2 "the grid has 65536 x 65536 x 65536 x 65536 points, more than the maximum of 100000000 points"
printf '[sweep]\nname = "r"\nscenario = "baseline"\ndesign = "random"\npoints = 100000000\nreplicates = 100000000\n[parameters]\n"manager.vision" = { min = 0, max = 0.1 }\n' >runs.toml
run "$teamsim" sweep runs.toml --dry-run
expect 2 "100000000 points x 100000000 replicates is more than the maximum of 1000000000000 runs"
printf '[sweep]\nname = "s"\nscenario = "baseline"\nseed = -1\n' >seed.toml
run "$teamsim" sweep seed.toml --dry-run
expect 2 "seed.toml:4:8: sweep.seed: expected an integer in [0, 9223372036854775807] or a string of digits"

finish "input CLI"

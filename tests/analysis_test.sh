#!/usr/bin/env bash
# `teamsim sensitivity` and `teamsim calibrate` end to end (README "Sensitivity analysis", "Calibration").
#
# usage: tests/analysis_test.sh TEAMSIM_BIN SOURCE_DIR
#
# 1. Ishigami through the CLI: a saltelli sweep (1 step per run) whose productivity column is replaced by
#    the Ishigami function of the points' parameters; `teamsim sensitivity` must give intervals holding
#    the analytic indices, and an ST interval holding 0 for the fourth, dummy parameter.
# 2. A small saltelli sweep of the real model with manager.kpi_target, which the steady policy never
#    reads: its ST interval for final morale holds 0.
# 3. A small calibration (rejection ABC) against data simulated from known parameters: the posterior 95%
#    intervals hold the truth; the same files for 1 and 2 threads.
# 4. Bad input: exit 2 with file:line:column, nothing written.
set -euo pipefail
cli_test_name=analysis
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"  # $teamsim, $source_dir, $work, fail, run, calibration_fixture, finish
python=${TEAMSIM_PYTHON:-/usr/bin/python3}
if ! "$python" -c "import pandas" 2>/dev/null; then
  echo "SKIP: $python lacks pandas"
  exit 77
fi

# 1. Ishigami through the CLI.
cat > "$work/ishigami.toml" <<TOML
[sweep]
name = "ishigami"
scenario = "$source_dir/scenarios/baseline.toml"
design = "saltelli"
base = 2048
replicates = 1
seed = 5
steps = 1
[parameters]
"manager.openness" = { min = 0.0, max = 1.0 }
"manager.kpi_target" = { min = 0.0, max = 1.0 }
"manager.authority" = { min = 0.0, max = 1.0 }
"learning.control_boost" = { min = 0.0, max = 1.0 }
TOML
"$teamsim" sweep "$work/ishigami.toml" -o "$work/ishigami" -q --threads 2
"$python" - "$work/ishigami/runs.csv" <<'PY'
import sys, numpy as np, pandas as pd
path = sys.argv[1]
runs = pd.read_csv(path, keep_default_na=False)
u = [runs[k].astype(float) for k in ("manager.openness", "manager.kpi_target", "manager.authority")]
x = [-np.pi + 2 * np.pi * v for v in u]
runs["productivity"] = np.sin(x[0]) + 7 * np.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * np.sin(x[0])
runs.to_csv(path, index=False, float_format="%.17g")
PY
"$teamsim" sensitivity "$work/ishigami" -q
"$python" - "$work/ishigami/sensitivity.csv" <<'PY' || fail "teamsim sensitivity does not reproduce the Ishigami indices"
import sys, math, pandas as pd
s = pd.read_csv(sys.argv[1])
s = s[s.metric == "final_productivity"].set_index("parameter")
a, b = 7, 0.1
v1 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2; v2 = a * a / 8; v13 = b * b * math.pi ** 8 * (1 / 18 - 1 / 50)
v = v1 + v2 + v13
expected = {"manager.openness": (v1 / v, (v1 + v13) / v), "manager.kpi_target": (v2 / v, v2 / v),
            "manager.authority": (0, v13 / v), "learning.control_boost": (0, 0)}
bad = []
for p, (s1, st) in expected.items():
    r = s.loc[p]
    print(f"  {p:24s} S1 {r.S1:6.3f} [{r.S1_lo:6.3f}, {r.S1_hi:6.3f}] (analytic {s1:.3f})"
          f"  ST {r.ST:6.3f} [{r.ST_lo:6.3f}, {r.ST_hi:6.3f}] (analytic {st:.3f})")
    if not (r.S1_lo <= s1 <= r.S1_hi and r.ST_lo <= st <= r.ST_hi):
        bad.append(p)
sys.exit(f"outside their intervals: {bad}" if bad else 0)
PY
echo "ok: Ishigami indices from teamsim sensitivity (dummy learning.control_boost included)"

# 2. The real model: a parameter it does not read.
cat > "$work/dummy.toml" <<TOML
[sweep]
name = "dummy"
scenario = "$source_dir/scenarios/baseline.toml"
design = "saltelli"
base = 64
replicates = 2
seed = 3
steps = 26
[parameters]
"manager.control" = { min = 0.05, max = 0.4 }
"manager.openness" = { min = 0.0, max = 1.0 }
"manager.kpi_target" = { min = 0.2, max = 1.0 }
TOML
"$teamsim" sweep "$work/dummy.toml" -o "$work/dummy" -q --threads 2
"$teamsim" sensitivity "$work/dummy" -q -o "$work/dummy.csv"
"$python" - "$work/dummy.csv" <<'PY' || fail "the dummy parameter's ST interval does not hold 0"
import sys, pandas as pd
s = pd.read_csv(sys.argv[1]).set_index(["metric", "parameter"])
r = s.loc[("final_morale", "manager.kpi_target")]
print(f"  final_morale, manager.kpi_target: ST {r.ST:.3f} [{r.ST_lo:.3f}, {r.ST_hi:.3f}]")
c = s.loc[("final_morale", "manager.control")]
sys.exit(0 if r.ST_lo <= 0 <= r.ST_hi and c.ST_lo > 0 else 1)
PY
[[ ! -e $work/dummy/sensitivity.csv ]] || fail "-o was not honoured"
echo "ok: a parameter the model does not read gets an ST interval holding 0"

# 3. Calibration: rejection ABC against data simulated at control = 0.3, recognition = 0.15. Mentoring is
# fixed at 0.1 so that the truth lies away from the attention budget's edge (control + recognition <= 0.6),
# where the prior is cut by runs that break the budget.
calibration_fixture "$work/cal" 104 "scenario = \"$source_dir/scenarios/baseline.toml\"" \
  'method = "rejection"' 'seed = 4' 'replicates = 2' 'particles = 40' 'simulations = 400'
"$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/one" --threads 1 -q
"$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/two" --threads 2 -q
cmp -s "$work/cal/one/posterior.csv" "$work/cal/two/posterior.csv" || fail "posterior.csv differs between 1 and 2 threads"
cmp -s "$work/cal/one/predictive.csv" "$work/cal/two/predictive.csv" || fail "predictive.csv differs between 1 and 2 threads"
"$python" - "$work/cal/one/calibration.json" <<'PY' || fail "the posterior intervals miss the truth"
import json, sys
j = json.load(open(sys.argv[1]))
truth = {"manager.control": 0.3, "manager.recognition": 0.15}
ok = True
for k, t in truth.items():
    p = j["posterior"][k]
    print(f"  {k}: truth {t}, posterior mean {p['mean']:.3f}, 95% [{p['lo95']:.3f}, {p['hi95']:.3f}]")
    ok = ok and p["lo95"] <= t <= p["hi95"]
g = j["generations"][0]
ok = ok and g["accepted"] == 40 and abs(g["acceptance_rate"] - 0.1) < 1e-12 and abs(g["ess"] - 40) < 1e-9
sys.exit(0 if ok else 1)
PY
echo "ok: calibration covers the truth and is the same on 1 and 2 threads"

# 4. Bad input: exit 2, a located message, nothing written.
expect_bad() {  # expect_bad MESSAGE COMMAND...
  local message=$1
  shift
  run "$@"
  [[ $status -eq 2 ]] || fail "$*: exit $status, expected 2"
  grep -qF -- "$message" "$work/stderr" || fail "$*: expected '$message' in: $(cat "$work/stderr")"
}
printf 't,morale,productivty\n13,0.7,0.5\n' > "$work/cal/observed.csv"
expect_bad "observed.csv:1:10: unknown metric 'productivty' (did you mean 'productivity'?)" \
  "$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/bad" -q
printf 't,morale\n13,0.7\n13,0.8\n' > "$work/cal/observed.csv"
expect_bad "observed.csv:3:1: t: expected times in increasing order" "$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/bad" -q
printf 't,morale\n13,0.7\n500,x\n' > "$work/cal/observed.csv"
expect_bad "observed.csv:3:5: morale: expected a finite number, found 'x'" "$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/bad" -q
printf 't,morale\n13,0.7\n500,0.8\n' > "$work/cal/observed.csv"
expect_bad "observed.csv:3:1: t: observed at t = 500, after the last step (104)" "$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/bad" -q
printf 't,morale\n13,0.7\n' > "$work/cal/observed.csv"
sed -i 's/"manager.recognition" = { min = 0.0, max = 0.3 }/"manager.recognition" = { min = 0.0, max = 1.3 }/' "$work/cal/cal.toml"
expect_bad "cal.toml:13:44: parameters.manager.recognition.max: expected a number in [0, 1], found 1.3" \
  "$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/bad" -q
sed -i 's/method = "rejection"/method = "rejection"\ngenerations = 3/' "$work/cal/cal.toml"
expect_bad "cal.toml:5:15: calibration.generations: used by method = \"smc\" only" \
  "$teamsim" calibrate "$work/cal/cal.toml" -o "$work/cal/bad" -q
[[ ! -e $work/cal/bad ]] || fail "a calibration with bad input wrote $work/cal/bad"
expect_bad "not a sweep folder (no sweep.json)" "$teamsim" sensitivity "$work/cal"

rm -f "$work/dummy/sensitivity.csv"
sed -i 's/design=saltelli/design=random/' "$work/dummy/sweep.json"
expect_bad "a random sweep; sensitivity indices need design = \"saltelli\" or \"morris\"" "$teamsim" sensitivity "$work/dummy"
[[ ! -e $work/dummy/sensitivity.csv ]] || fail "teamsim sensitivity wrote sensitivity.csv for bad input"
echo "ok: bad input exits 2 with file:line:column and writes nothing"

finish "analysis"

#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless against fresh teamsim output and fails on any error
# (each notebook ends with assertion cells: required columns present, every plot draws data).
#
# usage: tests/notebooks_test.sh TEAMSIM_BIN SOURCE_DIR
#
# Makes, in a temporary folder: one run with --agents --network 10 (one_run.ipynb; scenarios_side_by_side.ipynb
# runs its 30 replications of each scenario itself, with teamsim.replicate); a small grid sweep
# (sweep.ipynb); Saltelli and Morris sweeps with `teamsim sensitivity` (sensitivity.ipynb); a calibration
# (calibration.ipynb). Each notebook starts (in the background) as soon as its input is ready. Also
# checks that the committed notebooks hold no outputs, and the loader's dtypes and error messages.
#
# Environment: TEAMSIM_PYTHON (default /usr/bin/python3, which needs pandas, matplotlib, networkx,
# nbformat, nbconvert and ipykernel); TEAMSIM_FIGURES_DIR, passed on to the notebooks, makes them save
# their figures as PNG (scripts/make_figures.sh); TEAMSIM_KEEP=1 keeps the temporary folder.
# Exit status: 0 passed, 1 failed, 2 bad usage, 77 skipped (the Python packages are missing).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 TEAMSIM_BIN SOURCE_DIR" >&2
  exit 2
fi
bin=$(realpath "$1")
src=$(realpath "$2")
python=${TEAMSIM_PYTHON:-/usr/bin/python3}
[[ -x $bin ]] || { echo "error: $bin is not an executable" >&2; exit 2; }
[[ -d $src/notebooks && -d $src/scenarios ]] || { echo "error: $src is not the teamsim source folder" >&2; exit 2; }

# The notebooks load output with teamsim.io, from the Python package built beside the CLI (BUILD/python).
export PYTHONPATH="$(dirname "$(dirname "$bin")")/python${PYTHONPATH:+:$PYTHONPATH}"
if ! "$python" -c "import teamsim.io" 2>/dev/null; then
  echo "SKIP: $python cannot import teamsim.io (the Python package is not built: scripts/build-python.sh)"
  exit 77
fi
if ! "$python" -c "import pandas, matplotlib, networkx, nbformat, nbconvert, ipykernel" 2>/dev/null; then
  echo "SKIP: $python lacks one of pandas, matplotlib, networkx, nbformat, nbconvert, ipykernel"
  echo "      (Debian: apt-get install python3-pandas python3-matplotlib python3-networkx python3-nbconvert python3-ipykernel)"
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-notebooks.XXXXXX")
declare -A pids
cleanup() {
  local status=$? pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done  # notebooks still running
  if [[ $status -ne 0 || ${TEAMSIM_KEEP:-0} == 1 ]]; then
    echo "kept $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
jobs=$(nproc 2>/dev/null || echo 2)
started=$SECONDS
elapsed() { echo "$((SECONDS - started)) s"; }

echo "teamsim: $bin ($("$bin" --version 2>/dev/null | head -n 1))"
echo "python:  $python; output in $tmp"

# 1. One run for one_run.ipynb.
"$bin" run "$src/scenarios/broker_dissent.toml" --seed 3 --agents --network 10 -q -o "$tmp/run"
echo "ran:     teamsim run broker_dissent --seed 3 --agents --network 10 -q -o \$TMP/run ($(elapsed))"

# Start one_run.ipynb now; it runs while the other notebooks' input is made.
mkdir -p "$tmp/executed" "$tmp/logs"
export TEAMSIM_RUN="$tmp/run" TEAMSIM_SWEEP="$tmp/sweep"
unset TEAMSIM_REPLICATIONS  # scenarios_side_by_side.ipynb replicates in-process
export PYTHONDONTWRITEBYTECODE=1 PYDEVD_DISABLE_FILE_VALIDATION=1
notebooks=()
execute() {  # execute NAME: runs notebooks/NAME.ipynb in the background
  "$python" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
    --output-dir "$tmp/executed" "$src/notebooks/$1.ipynb" > "$tmp/logs/$1.log" 2>&1 &
  pids[$1]=$!
  notebooks+=("$1")
}
execute one_run

# The committed notebooks hold no outputs; the loader (python/teamsim/io.py) gives the right dtypes,
# a known interval, and errors that name the missing column or file.
"$python" - "$src/notebooks" "$tmp/run" "$tmp/broken" <<'EOF'
import math, os, pathlib, shutil, sys
import nbformat
import teamsim.io as tio
dirty = []
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    if any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code"):
        dirty.append(path.name)
if dirty:
    sys.exit(f"error: notebooks with stored outputs (clear them before committing): {', '.join(dirty)}")
print("clean:   no stored outputs in notebooks/*.ipynb")
folder, broken = sys.argv[2], sys.argv[3]
run = tio.load_run(folder)
assert str(run.timeseries["t"].dtype) == "int64" and str(run.timeseries["top_leader"].dtype) == "int64"
assert str(run.events["event"].dtype) == "category" and str(run.events["agent"].dtype) == "Int64"
assert str(run.agents["role"].dtype) == "category" and run.agents["power"].dtype == float
assert run.network["trust"].isna().any(), "network.csv: the manager's trust in employees should be nan"
x = run.timeseries.head(4).assign(g=0, x=[1.0, 2.0, 3.0, 4.0])
band = tio.mean_band(x, "g", "x").iloc[0]  # mean 2.5, sd sqrt(5/3), t(0.975, 3) = 3.182446
assert band["n"] == 4 and abs(band["mean"] - 2.5) < 1e-12
assert abs(band["hi"] - 2.5 - 3.182446 * math.sqrt(5 / 3) / 2) < 1e-5, band
shutil.copytree(folder, broken)
run.timeseries.drop(columns="alignment").to_csv(f"{broken}/timeseries.csv", index=False)
for expected in ("'alignment'", "events.csv"):
    if expected == "events.csv":
        os.remove(f"{broken}/events.csv")
    try:
        tio.load_run(broken)
        sys.exit(f"error: load_run accepted a run folder without {expected}")
    except tio.TeamsimFormatError as e:
        assert expected in str(e), f"the error does not name {expected}: {e}"
print("loader:  teamsim.io reads the run with the right dtypes and names a missing column or file")
EOF

# 2. scenarios_side_by_side.ipynb makes its own replications (teamsim.replicate: seeds 1..30 of each
#    scenario it compares, in-process).
execute scenarios_side_by_side

# 3. A sweep for sweep.ipynb.
cat > "$tmp/notebook_sweep.toml" <<EOF
# A 3 x 3 grid over the manager's control and openness, 5 replicates, one year.
[sweep]
name = "notebook_sweep"
scenario = "$src/scenarios/baseline.toml"
design = "grid"
replicates = 5
seed = 7
steps = 52

[set]
"manager.mentoring" = 0.1   # with structure 0.1, every point fits the attention budget

[parameters]
"manager.control" = [0.05, 0.2, 0.35]
"manager.openness" = [0.1, 0.5, 0.9]

[record]
every = 1
EOF
"$bin" sweep "$tmp/notebook_sweep.toml" -o "$tmp/sweep" -q
echo "ran:     teamsim sweep notebook_sweep.toml -o \$TMP/sweep -q (3 x 3 grid x 5 replicates, $(elapsed))"
execute sweep

# 3b. Saltelli and morris sweeps with `teamsim sensitivity` (sensitivity.ipynb) and a calibration
#     (calibration.ipynb).
for design in saltelli morris; do
  count=$([[ $design == saltelli ]] && echo "base = 32" || echo "trajectories = 10")
  cat > "$tmp/notebook_$design.toml" <<EOF
[sweep]
name = "notebook_$design"
scenario = "$src/scenarios/baseline.toml"
design = "$design"
$count
replicates = 2
seed = 7
steps = 52
[parameters]
"manager.control" = { min = 0.05, max = 0.4 }
"manager.openness" = { min = 0.0, max = 1.0 }
"manager.kpi_target" = { min = 0.2, max = 1.0 }
EOF
  "$bin" sweep "$tmp/notebook_$design.toml" -o "$tmp/$design" -q
  "$bin" sensitivity "$tmp/$design" -q
done
# The observed data: morale and productivity of the one run above, quarterly.
mkdir -p "$tmp/calibration_input"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "t,morale,productivity"; next }
         $1 % 13 == 0 && $1 > 0 { print $c["t"] "," $c["morale"] "," $c["productivity"] }' \
  "$tmp/run/timeseries.csv" > "$tmp/calibration_input/observed.csv"
cat > "$tmp/calibration_input/calibration.toml" <<EOF
[calibration]
scenario = "$src/scenarios/dissenting_informal_leader.toml"
observed = "observed.csv"
method = "smc"
seed = 3
particles = 40
simulations = 200
generations = 1
[parameters]
"manager.control" = { min = 0.05, max = 0.4 }
EOF
"$bin" calibrate "$tmp/calibration_input/calibration.toml" -o "$tmp/calibration" -q --threads "$jobs"
echo "ran:     saltelli and morris sweeps + teamsim sensitivity, teamsim calibrate ($(elapsed))"
export TEAMSIM_SENSITIVITY="$tmp/saltelli" TEAMSIM_MORRIS="$tmp/morris" TEAMSIM_CALIBRATION="$tmp/calibration"
execute sensitivity
execute calibration

# 4. Wait for the notebooks; print each one's summary, or its log if it failed.
failed=()
for nb in "${notebooks[@]}"; do
  if wait "${pids[$nb]}"; then
    unset "pids[$nb]"
    # The last cell prints "ok: ..." (what its checks covered).
    summary=$(grep -o '"ok: [0-9][^"\\]*' "$tmp/executed/$nb.ipynb" | tail -n 1 | cut -c2-)
    echo "passed:  notebooks/$nb.ipynb: ${summary:-(no summary)}"
  else
    unset "pids[$nb]"
    echo "FAILED:  notebooks/$nb.ipynb; its log:"
    sed 's/^/    /' "$tmp/logs/$nb.log" | tail -n 60
    failed+=("$nb")
  fi
done
echo "total:   $(elapsed)"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "notebooks failed: ${failed[*]}"
  exit 1
fi

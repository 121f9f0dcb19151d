"""teamsim.io (python/teamsim/io.py) on sweeps: replications without parameters, scenarios as a factor, the long
aggregate form (read back into the wide layout) and Python-friendly column names.
usage: loader_sweep_test.py TEAMSIM_EXECUTABLE SOURCE_DIR"""
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

teamsim, source = sys.argv[1], Path(sys.argv[2])
# The loader alone, from its file: it needs pandas but not the compiled part of the package.
_spec = importlib.util.spec_from_file_location("teamsim_io", source / "python" / "teamsim" / "io.py")
tio = importlib.util.module_from_spec(_spec)
sys.modules["teamsim_io"] = tio  # dataclasses look their module up
_spec.loader.exec_module(tio)


def sweep(folder: Path, name: str, text: str) -> Path:
    (folder / f"{name}.toml").write_text(text)
    subprocess.run([teamsim, "sweep", str(folder / f"{name}.toml"), "-o", str(folder / name), "--quiet",
                    "--threads", "2"], check=True)
    return folder / name


with tempfile.TemporaryDirectory() as tmp:
    work = Path(tmp)
    # Replications: a sweep without parameters loads with no parameters and one point.
    reps = tio.load_sweep(sweep(work, "reps", '[sweep]\nscenario = "baseline"\nreplicates = 4\nsteps = 12\n'))
    assert reps.parameters == [], reps.parameters
    assert len(reps.runs) == 4 and reps.runs["point"].eq(0).all()
    assert list(reps.points.columns) == ["point"]
    assert reps.aggregate["n"].eq(4).all()

    # Scenarios as a factor, wide and long aggregates of the same sweep.
    body = ('replicates = 3\nsteps = 10\n[parameters]\nscenario = ["baseline", "micromanager"]\n'
            '"manager.openness" = [0.2, 0.8]\n')
    wide = tio.load_sweep(sweep(work, "wide", "[sweep]\n" + body))
    long = tio.load_sweep(sweep(work, "long", "[sweep]\n" + body + '[record]\naggregate_form = "long"\n'))
    assert wide.parameters == ["manager.openness", "scenario"], wide.parameters
    assert list(long.aggregate.columns) == list(wide.aggregate.columns)
    assert long.aggregate.equals(wide.aggregate), "the long form read back differs from the wide form"
    assert long.aggregate_metrics == wide.aggregate_metrics
    assert set(wide.runs["scenario"]) == {"baseline", "micromanager"}
    # Paired seeds: the same seeds for both scenarios at each openness value and replicate.
    seeds = wide.runs.pivot_table(index=["manager.openness", "replicate"], columns="scenario", values="seed",
                                  aggfunc="first")
    assert (seeds["baseline"] == seeds["micromanager"]).all()

    # Tidy form from either layout: a row per point, step and metric, with the wide numbers.
    tidy = tio.aggregate_long(wide)
    assert list(tidy.columns) == ["point", "t", "metric", "n", "mean", "sd", "lo", "hi"]
    assert len(tidy) == len(wide.aggregate) * len(wide.aggregate_metrics)
    row = tidy.query('metric == "morale" and point == 1 and t == 10').iloc[0]
    ref = wide.aggregate.query("point == 1 and t == 10").iloc[0]
    assert row["mean"] == ref["morale_mean"] and row["hi"] == ref["morale_hi"]

    # Python-friendly names: DataFrame.query on a swept key.
    friendly = tio.load_sweep(work / "wide", python_names=True)
    assert friendly.parameters == ["manager_openness", "scenario"]
    assert "manager_openness" in friendly.aggregate.columns
    assert len(friendly.runs.query("manager_openness > 0.5")) == 6
print("loader sweep checks passed")

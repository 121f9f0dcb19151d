"""Tests of the Python package teamsim (python/teamsim): in-process runs and sweeps equal the CLI's files to
the last digit, bad input raises teamsim.InputError with the CLI's message, the GIL is released during a
sweep, and the version is the same everywhere.

Run by ctest (test `python`) as: python3 -m pytest tests/python, with PYTHONPATH=BUILD/python and
TEAMSIM_BIN (the CLI), TEAMSIM_SOURCE (the source tree) in the environment.
"""
import csv
import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import teamsim
import teamsim.io as tio
from teamsim import _teamsim

BIN = os.environ["TEAMSIM_BIN"]
SOURCE = Path(os.environ["TEAMSIM_SOURCE"])


def cli(*args, check=True):
    """Runs the CLI; returns the CompletedProcess."""
    done = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"teamsim {' '.join(map(str, args))}: exit {done.returncode}: {done.stderr}")
    return done


def csv_numbers(path):
    """Every field of a CSV file as the CLI wrote it: {column: [text, ...]}."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return {name: [row[i] for row in rows[1:]] for i, name in enumerate(rows[0])}


def assert_same_numbers(df, path):
    """Each numeric value of `df` is the very double the CLI's text stands for (float() rounds correctly)."""
    fields = csv_numbers(path)
    assert list(df.columns) == list(fields), path
    for column, texts in fields.items():
        values = df[column]
        if not pd.api.types.is_numeric_dtype(values):
            continue
        for i, (value, text) in enumerate(zip(values.tolist(), texts)):
            if text in ("", "nan", "-nan"):
                assert pd.isna(value), (path, column, i, value, text)
            else:
                assert float(value) == float(text), (path, column, i, repr(value), text)


@pytest.mark.parametrize("scenario,args,kwargs", [
    ("baseline", ["--seed", "7"], dict(seed=7)),
    ("dissenting_informal_leader", ["--seed", "3", "--steps", "60", "--agents", "--network", "10", "--every", "2"],
     dict(seed=3, steps=60, agents=True, network=10, every=2)),
    ("micromanager", ["--seed", "18446744073709551615", "--set", "manager.control=0.2", "--set", "team.size=9"],
     dict(seed=2**64 - 1, set={"manager.control": 0.2, "team.size": 9})),
])
def test_run_equals_cli_to_the_last_digit(tmp_path, scenario, args, kwargs):
    cli("run", scenario, *args, "-q", "-o", tmp_path / "cli")
    result = teamsim.run(scenario, **kwargs)
    on_disk = tio.load_run(tmp_path / "cli")
    for name in ("timeseries", "events", "agents", "network"):
        frame, expected = getattr(result, name), getattr(on_disk, name)
        assert (frame is None) == (expected is None), name
        if frame is None:
            continue
        pd.testing.assert_frame_equal(frame, expected, check_exact=True)
        assert_same_numbers(frame, tmp_path / "cli" / f"{name}.csv")
    # The compiled module's text is the CLI's file, byte for byte.
    sets = [] if "set" not in kwargs else [f"{k}={v}" for k, v in kwargs["set"].items()]
    texts = _teamsim.run(scenario, sets, teamsim.scenario_dirs(), True, kwargs["seed"], kwargs.get("steps", 0),
                         kwargs.get("every", 1), kwargs.get("agents", False), kwargs.get("network", 0))
    for name in ("timeseries", "events", "agents", "network"):
        path = tmp_path / "cli" / f"{name}.csv"
        if path.exists():
            assert texts[name] == path.read_text(), name
    # Provenance: run.json's fields, equal except where and when it ran.
    expected = json.loads((tmp_path / "cli" / "run.json").read_text())
    assert list(result.provenance) == list(expected)
    for key in expected:
        if key not in ("host", "start_time", "wall_time_seconds"):
            assert result.provenance[key] == expected[key], key


def test_run_is_deterministic_and_seed_matters():
    a = teamsim.run("baseline", seed=11, steps=30)
    b = teamsim.run("baseline", seed=11, steps=30)
    c = teamsim.run("baseline", seed=12, steps=30)
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries, check_exact=True)
    assert not a.timeseries["productivity"].equals(c.timeseries["productivity"])
    assert a.timeseries["t"].tolist() == list(range(31))
    assert a.provenance["seed"] == 11 and a.provenance["steps"] == 30


def test_replicate_runs_seeds_1_to_n_like_the_cli(tmp_path):
    reps = teamsim.replicate("micromanager", 3, steps=12, set={"manager.kpi_target": 0.5}, threads=2)
    assert reps.n == 3 and [m["seed"] for m in reps.meta] == [1, 2, 3]
    assert reps.timeseries.groupby("replicate")["seed"].first().tolist() == [1, 2, 3]
    assert reps.timeseries["t"].max() == 12 and len(reps.timeseries) == 3 * 13
    # Each replicate holds the numbers of `teamsim run micromanager --seed K`, and the CLI's folders
    # NAME/seed_K/ load (teamsim.io.load_replications) into the same Replications.
    for k in (1, 2, 3):
        cli("run", "micromanager", "--seed", k, "--steps", 12, "--set", "manager.kpi_target=0.5", "-q",
            "-o", tmp_path / "micromanager" / f"seed_{k}")
    second = reps.timeseries[reps.timeseries["seed"] == 2].drop(columns=["replicate", "seed"])
    assert_same_numbers(second.reset_index(drop=True), tmp_path / "micromanager" / "seed_2" / "timeseries.csv")
    loaded = tio.load_scenarios(tmp_path)["micromanager"]
    assert loaded.n == 3 and loaded.name == reps.name == "micromanager"
    pd.testing.assert_frame_equal(loaded.timeseries, reps.timeseries, check_exact=True)
    pd.testing.assert_frame_equal(loaded.events, reps.events, check_exact=True)
    # Paired: other seeds give the same Replications for the seeds they share, in the order given.
    again = teamsim.replicate("micromanager", seeds=[3, 1], steps=12, set={"manager.kpi_target": 0.5})
    pd.testing.assert_frame_equal(again.timeseries[again.timeseries["seed"] == 3].drop(columns="replicate")
                                  .reset_index(drop=True),
                                  reps.timeseries[reps.timeseries["seed"] == 3].drop(columns="replicate")
                                  .reset_index(drop=True), check_exact=True)
    for kwargs, expected in [(dict(), "give either replications=N"),
                             (dict(replications=2, seeds=[1]), "give either replications=N"),
                             (dict(replications=0), "replications: expected an integer >= 1, found 0"),
                             (dict(seeds=[]), "seeds: expected at least one seed"),
                             (dict(replications=2, set={"manager.nope": 1}), "manager.nope")]:
        with pytest.raises(teamsim.InputError, match=re.escape(expected)):
            teamsim.replicate("micromanager", steps=3, **kwargs)


def test_t_quantile_is_students_t():
    # Two-sided 95% and 99% quantiles (tables of Student's t): df 3, 39, and Welch's fractional df.
    assert abs(float(tio.t_quantile(3)) - 3.182446) < 1e-6
    assert abs(float(tio.t_quantile(39, 0.99)) - 2.707913) < 1e-6
    assert abs(float(tio.t_quantile(39.5)) - 2.021873) < 1e-6
    assert tio.t_quantile([0, 1]).tolist()[0] != tio.t_quantile([0, 1]).tolist()[0]  # nan for df < 1


def test_run_from_path_and_dtypes():
    r = teamsim.run(SOURCE / "scenarios" / "baseline.toml", steps=5, agents=True)
    assert str(r.timeseries["t"].dtype) == "int64" and r.timeseries["morale"].dtype == float
    assert str(r.events["agent"].dtype) == "Int64" and str(r.agents["role"].dtype) == "category"
    assert r.network is None
    assert r.name == "baseline"


def test_bad_set_raises_input_error_with_the_cli_message():
    done = cli("run", "baseline", "--set", "manager.control=0.6", "-q", "-o", "/nonexistent/never", check=False)
    assert done.returncode == 2
    with pytest.raises(teamsim.InputError) as e:
        teamsim.run("baseline", set={"manager.control": 0.6})
    assert isinstance(e.value, ValueError)
    assert done.stderr.strip() == f"error: {e.value}"
    assert str(e.value).startswith("--set manager.control=0.6: manager: "), str(e.value)


def test_bad_scenario_file_names_file_line_column(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "bad"\nsteps = 10\n\n[manager]\ncontrol = "high"\n')
    done = cli("validate", bad, check=False)
    with pytest.raises(teamsim.InputError) as e:
        teamsim.run(bad)
    message = str(e.value)
    assert message.startswith(f"{bad}:6:"), message
    assert "manager.control" in message or "control" in message
    assert f"error: {message}" in done.stderr
    with pytest.raises(teamsim.InputError) as e:
        teamsim.show(bad)
    assert str(e.value) == message


def test_unknown_scenario_and_bad_arguments():
    with pytest.raises(teamsim.InputError, match="no_such_scenario"):
        teamsim.run("no_such_scenario")
    for kwargs, expected in [(dict(seed=-1), "seed: expected an integer in [0, 18446744073709551615], found -1"),
                             (dict(seed=2**64), "seed: expected an integer in [0, 18446744073709551615]"),
                             (dict(seed=1.5), "seed: expected an integer, found 1.5"),
                             (dict(steps=0), "steps: expected an integer >= 1, found 0"),
                             (dict(network=0), "network: expected an integer >= 1, found 0"),
                             (dict(every=0), "every: expected an integer >= 1, found 0"),
                             (dict(set="manager.control=0.2"), "set: expected a dict")]:
        with pytest.raises(teamsim.InputError) as e:
            teamsim.run("baseline", **kwargs)
        assert str(e.value).startswith(expected), (kwargs, str(e.value))


def test_scenarios_and_show_match_the_cli():
    table = teamsim.scenarios()
    listed = [line.split()[0] for line in cli("list").stdout.split("\n\n")[0].splitlines() if line.strip()]
    assert table["name"].tolist() == listed
    assert "baseline" in listed
    assert teamsim.show("baseline") == cli("show", "baseline").stdout
    assert (teamsim.show("baseline", set={"manager.control": 0.2}) ==
            cli("show", "baseline", "--set", "manager.control=0.2").stdout)


SWEEP = """
[sweep]
name = "py_sweep"
scenario = "baseline"
design = "grid"
replicates = 3
seed = 5
steps = 40

[parameters]
"manager.control" = [0.1, 0.2]

[record]
every = 2
timeseries = true
"""


def test_sweep_equals_cli_files(tmp_path):
    spec = tmp_path / "py_sweep.toml"
    spec.write_text(SWEEP)
    cli("sweep", spec, "-q", "--threads", "1", "-o", tmp_path / "cli")
    kept = teamsim.sweep(spec, out=tmp_path / "py", threads=2)
    for name in ("runs.csv", "aggregate.csv", "timeseries.csv"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    in_memory = teamsim.sweep(spec, threads=3)
    expected = tio.load_sweep(tmp_path / "cli")
    for name in ("runs", "aggregate", "timeseries"):
        pd.testing.assert_frame_equal(getattr(in_memory, name), getattr(expected, name), check_exact=True)
        pd.testing.assert_frame_equal(getattr(kept, name), getattr(expected, name), check_exact=True)
    assert len(in_memory.runs) == 6 and in_memory.meta["sweep_sha256"] == expected.meta["sweep_sha256"]
    assert str(in_memory.path) == "<py_sweep in memory>"
    assert repr(in_memory).startswith("Sweep('py_sweep', 2 points, 6 runs")
    with pytest.raises(teamsim.InputError):  # the folder holds a finished sweep; no resume
        teamsim.sweep(spec, out=tmp_path / "py")
    before = (tmp_path / "py" / "sweep.json").read_bytes()
    resumed = teamsim.sweep(spec, out=tmp_path / "py", resume=True)  # finished: nothing to do
    assert (tmp_path / "py" / "sweep.json").read_bytes() == before
    pd.testing.assert_frame_equal(resumed.runs, expected.runs, check_exact=True)
    other = tmp_path / "other.toml"
    other.write_text(SWEEP.replace("seed = 5", "seed = 6"))
    with pytest.raises(teamsim.InputError):  # another sweep's folder
        teamsim.sweep(other, out=tmp_path / "py", resume=True)
    with pytest.raises(teamsim.InputError, match="resume: needs out="):
        teamsim.sweep(spec, resume=True)


def test_builtin_sweep_by_name_and_replications(tmp_path):
    # A built-in sweep by name, as `teamsim sweep NAME`.
    runs = int(re.search(r"= (\d+) runs", cli("sweep", "style_grid", "--dry-run").stdout).group(1))
    assert len(teamsim.sweep("style_grid", threads=2).runs) == runs
    spec = tmp_path / "replicate.toml"  # a sweep without parameters replicates its scenario
    spec.write_text('[sweep]\nname = "replicate"\nscenario = "baseline"\nreplicates = 4\nseed = 9\nsteps = 20\n')
    cli("sweep", spec, "-q", "-o", tmp_path / "cli")
    got = teamsim.sweep(spec, out=tmp_path / "py", threads=2)
    for name in ("runs.csv", "aggregate.csv"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert len(got.runs) == 4
    with pytest.raises(teamsim.InputError, match="no_such_sweep"):
        teamsim.sweep("no_such_sweep")


def test_bad_sweep_raises_input_error(tmp_path):
    spec = tmp_path / "bad_sweep.toml"
    spec.write_text(SWEEP.replace('design = "grid"', 'design = "gird"'))
    done = cli("sweep", spec, "-q", "-o", tmp_path / "cli", check=False)
    assert done.returncode == 2
    with pytest.raises(teamsim.InputError) as e:
        teamsim.sweep(spec, out=tmp_path / "py")
    assert done.stderr.strip() == f"error: {e.value}"
    assert str(e.value).startswith(f"{spec}:")
    assert not (tmp_path / "py").exists()
    with pytest.raises(teamsim.InputError, match="threads: expected an integer in"):
        teamsim.sweep(spec, threads=0)


def test_sweep_releases_the_gil(tmp_path):
    # The sweep must last long enough to tell (> 0.1 s inside the window): the replicates double until it
    # does, so the test holds on a fast machine as on a slow one.
    replicates = 40
    while True:
        spec = tmp_path / f"gil_sweep_{replicates}.toml"
        spec.write_text(
            SWEEP.replace("replicates = 3", f"replicates = {replicates}").replace("steps = 40", "steps = 104")
        )
        window = {}

        def work():
            window["start"] = time.monotonic()
            teamsim.sweep(spec, threads=1)
            window["end"] = time.monotonic()

        worker = threading.Thread(target=work)
        ticks = []
        worker.start()
        while worker.is_alive():
            ticks.append(time.monotonic())
            time.sleep(0.005)
        worker.join()
        start, end = window["start"] + 0.05, window["end"] - 0.05
        if end - start > 0.1 or replicates >= 40 * 64:
            break
        replicates *= 2
    assert end - start > 0.1, "the sweep was too short to tell"
    inside = [t for t in ticks if start < t < end]
    # Holding the GIL, the sweep would stop this thread for its whole length: no tick inside the window.
    assert len(inside) >= 3, (len(inside), end - start)


def test_version_is_the_same_everywhere():
    project = re.search(r"project\(teamsim VERSION ([0-9.]+)", (SOURCE / "CMakeLists.txt").read_text()).group(1)
    citation = re.search(r"^version: *\"?([0-9.]+)\"?$", (SOURCE / "CITATION.cff").read_text(), re.M).group(1)
    assert teamsim.__version__ == project == citation
    assert cli("--version").stdout.split()[1] == project


def test_notebooks_import_the_package_loaders():
    for notebook in sorted((SOURCE / "notebooks").glob("*.ipynb")):
        text = notebook.read_text()
        assert "import teamsim.io as tio" in text, notebook.name
        assert "teamsim_io" not in text, notebook.name

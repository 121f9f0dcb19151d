#!/usr/bin/python3
"""Runs per second of the baseline scenario (104 steps): in-process from Python against one CLI process
per run; figures for docs/PERFORMANCE.md and README "Python".

usage: /usr/bin/python3 scripts/bench_python.py [BUILD_DIR] [RUNS]   (default build/release, 200)

Measures, one after the other on one core each unless said:
  cli        `teamsim run baseline --seed K -q -o DIR`, a process per run (what a shell loop does)
  python     teamsim.run("baseline", seed=K).timeseries: the run, its CSV text, the timeseries DataFrame
             (and with .events, both DataFrames)
  text-only  the compiled module's run alone (CSV text and run.json, no pandas)
  sweep      teamsim.sweep of RUNS replicates (no parameters) on 1 thread and on every core
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
build = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "build" / "release"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
sys.path.insert(0, str(build / "python"))
import teamsim  # noqa: E402
from teamsim import _teamsim  # noqa: E402

cli = build / "sim" / "teamsim"


def rate(label, n, work):
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {n:>6} runs {seconds:8.2f} s {n / seconds:10.1f} runs/s")
    return n / seconds


print(f"teamsim {teamsim.__version__} ({_teamsim.build_type}, {_teamsim.git_revision}), {os.cpu_count()} cores, "
      f"baseline, 104 steps")
with tempfile.TemporaryDirectory() as tmp:
    n_cli = max(20, runs // 4)
    r_cli = rate("cli: a process per run", n_cli, lambda: [
        subprocess.run([cli, "run", "baseline", "--seed", str(k), "-q", "-o", f"{tmp}/run{k}"], check=True)
        for k in range(1, n_cli + 1)])
    r_py = rate("python: teamsim.run(...).timeseries", runs, lambda: [
        teamsim.run("baseline", seed=k).timeseries for k in range(1, runs + 1)])
    rate("python: .timeseries and .events", runs, lambda: [
        (lambda r: (r.timeseries, r.events))(teamsim.run("baseline", seed=k)) for k in range(1, runs + 1)])
    dirs = teamsim.scenario_dirs()
    r_text = rate("python: _teamsim.run (text only)", runs, lambda: [
        _teamsim.run("baseline", [], dirs, True, k, 0, 1, False, 0) for k in range(1, runs + 1)])
    spec = Path(tmp) / "replicate.toml"
    # Replications of the baseline: one design point (its own mentoring value), RUNS replicates.
    spec.write_text(f'[sweep]\nname = "replicate"\nscenario = "baseline"\nreplicates = {runs}\nseed = 1\n'
                    f'[parameters]\n"manager.mentoring" = [0.2]\n[record]\nevery = 1\n')
    rate("python: teamsim.sweep, 1 thread", runs, lambda: teamsim.sweep(spec, threads=1))
    rate(f"python: teamsim.sweep, {os.cpu_count()} threads", runs, lambda: teamsim.sweep(spec))
print(f"in-process teamsim.run is {r_py / r_cli:.1f}x the CLI's runs/s ({r_text / r_cli:.1f}x without pandas)")

"""teamsim from Python: run scenarios and sweeps in-process and get pandas DataFrames.

    import teamsim
    r = teamsim.run("baseline", seed=7)                      # same numbers as `teamsim run baseline --seed 7`
    r.timeseries.tail()                                      # DataFrames: timeseries, events, agents, network
    r.provenance["scenario_sha256"]                          # run.json as a dict
    r = teamsim.run("micromanager", steps=52, set={"manager.control": 0.6}, agents=True, network=10)
    reps = teamsim.replicate("micromanager", 20)             # seeds 1..20: .timeseries with a seed column
    s = teamsim.sweep("my_sweep.toml", threads=4)            # runs.csv, aggregate.csv, ... as DataFrames
    teamsim.scenarios()                                      # the built-in scenarios (a DataFrame)
    print(teamsim.show("baseline"))                          # the resolved scenario as TOML

Bad input raises teamsim.InputError (a ValueError) with the CLI's message: file:line:column, the key,
what was expected and what was found. teamsim.io loads folders written by the CLI (load_run,
load_replications, load_sweep, mean_band). README "Python" documents the API.
"""
from __future__ import annotations

import io as _io
import json as _json
import os as _os
import shutil as _shutil
import sys as _sys
import tempfile as _tempfile
from pathlib import Path as _Path
from typing import Iterable, Mapping, Optional, Union

try:
    from . import _teamsim
except ImportError as _e:  # the compiled module is built by CMake (scripts/build-python.sh)
    raise ImportError(
        f"teamsim: the compiled module _teamsim is missing or does not load into {_sys.executable} "
        f"({_e}). Build it with scripts/build-python.sh (Debian's /usr/bin/python3), or put "
        f"BUILD/python on PYTHONPATH after building the CMake target teamsim_python.") from None
try:
    import pandas as _pd  # noqa: F401
except ImportError:
    raise ImportError(f"teamsim needs pandas, which {_sys.executable} lacks: use Debian's /usr/bin/python3 "
                      f"(apt-get install python3-pandas)") from None

from . import io
from .io import Run, Sweep, TeamsimFormatError

__version__: str = _teamsim.__version__
InputError = _teamsim.InputError
InputError.__doc__ = ("Bad input (a scenario, sweep file or argument): the message gives file:line:column, "
                      "the key, what was expected and what was found. A subclass of ValueError.")

__all__ = ["run", "replicate", "sweep", "scenarios", "show", "scenario_dirs", "InputError", "Run", "Sweep",
           "TeamsimFormatError", "io", "__version__"]


def scenario_dirs() -> list:
    """Where scenario names are looked up, in order: $TEAMSIM_SCENARIOS (colon-separated), the scenarios
    installed beside the package (PREFIX/share/teamsim/scenarios), the source tree's scenarios/."""
    dirs = [d for d in _os.environ.get("TEAMSIM_SCENARIOS", "").split(":") if d]
    here = _Path(__file__).resolve()
    if len(here.parents) > 4:  # installed: PREFIX/lib/python3.X/dist-packages/teamsim/__init__.py
        installed = here.parents[4] / "share" / "teamsim" / "scenarios"
        if here.parents[1].name in ("dist-packages", "site-packages") and installed.is_dir():
            dirs.append(str(installed))
    dirs.append(_teamsim.source_scenarios)
    return dirs


def _set_text(value) -> str:
    """A Python value as `--set` text: true/false, shortest round-trip numbers, strings as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):  # numpy floats too
        return repr(float(value))
    return str(value)


def _sets(set: Union[Mapping, Iterable[str], None]) -> list:
    if set is None:
        return []
    if isinstance(set, str):
        raise InputError(f"set: expected a dict {{key: value}} or a list of 'KEY=VALUE' strings, found {set!r}")
    if isinstance(set, Mapping):
        return [f"{k}={_set_text(v)}" for k, v in set.items()]
    return [str(s) for s in set]


def _int_arg(name: str, value, low: int, high: Optional[int] = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            import numpy as np
            ok = isinstance(value, np.integer)
        except ImportError:
            ok = False
        if not ok:
            raise InputError(f"{name}: expected an integer, found {value!r}")
        value = int(value)
    if value < low or (high is not None and value > high):
        bound = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise InputError(f"{name}: expected an integer {bound}, found {value}")
    return value


class _Text(_io.StringIO):
    """CSV text held in memory, named like the file it would be (for error messages)."""

    def __init__(self, text: str, name: str):
        super().__init__(text)
        self.name = name

    def __str__(self) -> str:
        return self.name


class _MemoryRun(Run):
    """A Run made in memory: each DataFrame is parsed from the CLI's CSV text when first used."""

    _readers = {"timeseries": "read_timeseries", "events": "read_events", "agents": "read_agents",
                "network": "read_network"}

    def __init__(self, texts: dict, meta: dict):  # noqa: D107 (not the dataclass __init__)
        self.path = _Path(f"<{meta['scenario']} in memory>")
        self.meta = meta
        self._texts = texts
        self._frames = {}

    def _frame(self, name: str):
        if name not in self._frames:
            text = self._texts[name]
            where = f"teamsim.run({self.meta['scenario']!r}): {name}.csv"
            self._frames[name] = None if text is None else getattr(io, self._readers[name])(_Text(text, where))
        return self._frames[name]

    timeseries = property(lambda self: self._frame("timeseries"))
    events = property(lambda self: self._frame("events"))
    agents = property(lambda self: self._frame("agents"))
    network = property(lambda self: self._frame("network"))


def run(scenario: Union[str, _os.PathLike], seed: Optional[int] = None, steps: Optional[int] = None,
        set: Union[Mapping, Iterable[str], None] = None, agents: bool = False, network: Optional[int] = None,
        every: int = 1) -> Run:
    """Runs a scenario in-process, like `teamsim run SCENARIO --seed N --steps N --set K=V... [--agents]
    [--network K] [--every K]`, and returns a Run: DataFrames `timeseries`, `events`, `agents` (with
    agents=True, else None), `network` (with network=K, else None) and `provenance` (run.json as a dict).
    The DataFrames are parsed from the exact text the CLI writes, so every number equals the CLI's; each is
    parsed when first used (a loop that reads only `timeseries` does not pay for the others).

    scenario: a built-in name (teamsim.scenarios()) or a path to a .toml file; seed: 0 <= seed < 2**64
    (default: the scenario's); steps: >= 1 (default: the scenario's); set: {"manager.control": 0.2} or
    ["manager.control=0.2"]; network: write the network every K steps, at t = 0 and at event steps.
    Raises InputError for bad input."""
    seed_value = 0 if seed is None else _int_arg("seed", seed, 0, 2**64 - 1)
    steps_value = 0 if steps is None else _int_arg("steps", steps, 1)
    network_value = 0 if network is None else _int_arg("network", network, 1)
    every_value = _int_arg("every", every, 1)
    out = _teamsim.run(_os.fspath(scenario), _sets(set), scenario_dirs(), seed is not None, seed_value,
                       steps_value, every_value, bool(agents), network_value)
    return _MemoryRun(out, _json.loads(out["run_json"]))


def replicate(scenario: Union[str, _os.PathLike], replications: Optional[int] = None,
              seeds: Optional[Iterable[int]] = None, steps: Optional[int] = None,
              set: Union[Mapping, Iterable[str], None] = None, every: int = 1,
              threads: Optional[int] = None) -> io.Replications:
    """Runs a scenario in-process once per seed: seeds 1..replications, or the given `seeds`. Two scenarios
    replicated with the same seeds are paired seed by seed (the same team until the scenarios part), as
    the pattern tests and scripts/scenario_report.py compare them. The runs go on `threads` threads
    (default: one per core; the simulation releases the GIL). Returns teamsim.io.Replications: `timeseries`
    and `events` of every run with `replicate` (0, 1, ...) and `seed` columns, and `meta` (each run.json),
    the numbers of `teamsim run SCENARIO --seed K` for each K. steps, set and every are those of run().
    Raises InputError for bad input."""
    if (replications is None) == (seeds is None):
        raise InputError("replicate: give either replications=N (seeds 1..N) or seeds=[...], not both or neither")
    if seeds is None:
        seeds = range(1, _int_arg("replications", replications, 1) + 1)
    seeds = list(seeds)
    if not seeds:
        raise InputError("seeds: expected at least one seed, found none")
    threads_value = (_os.cpu_count() or 1) if threads is None else _int_arg("threads", threads, 1, 4096)
    set = _sets(set)  # checked once, before any run starts

    def one(seed):
        return run(scenario, seed=seed, steps=steps, set=set, every=every)

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=min(threads_value, len(seeds))) as pool:
        runs = list(pool.map(one, seeds))
    return io.stack_runs(runs)


def sweep(path: Union[str, _os.PathLike], out: Union[str, _os.PathLike, None] = None, threads: Optional[int] = None,
          resume: bool = False) -> Sweep:
    """Runs a sweep in-process, like `teamsim sweep PATH -o OUT --threads N [--resume]` (PATH: a sweep file
    or the name of a built-in sweep, e.g. "style_grid"), on `threads`
    threads (default: one per core) with the GIL released, and returns it loaded (teamsim.io.load_sweep):
    DataFrames `runs`, `aggregate`, `timeseries` (when the sweep records it) and `meta` (sweep.json).
    With `out`, the folder is written there and kept (the CLI's files, byte for byte); without, it is
    written to a temporary folder that is removed once loaded (then `path` is "<NAME in memory>").
    Raises InputError for bad input."""
    threads_value = 0 if threads is None else _int_arg("threads", threads, 1, 4096)
    if out is not None:
        _teamsim.sweep(_os.fspath(path), _os.fspath(out), threads_value, bool(resume), scenario_dirs())
        return io.load_sweep(out)
    if resume:
        raise InputError("resume: needs out= (the folder of the interrupted sweep)")
    folder = _tempfile.mkdtemp(prefix="teamsim-sweep-")
    try:
        _teamsim.sweep(_os.fspath(path), _os.path.join(folder, "sweep"), threads_value, False, scenario_dirs())
        result = io.load_sweep(_os.path.join(folder, "sweep"))
        result.path = _Path(f"<{result.meta.get('sweep', 'sweep')} in memory>")  # the folder is gone
        return result
    finally:
        _shutil.rmtree(folder, ignore_errors=True)


def scenarios():
    """The built-in scenarios as a DataFrame: name, description, path (`teamsim list`)."""
    rows = _teamsim.scenarios(scenario_dirs())
    return _pd.DataFrame(rows, columns=["name", "description", "path"])


def show(scenario: Union[str, _os.PathLike], set: Union[Mapping, Iterable[str], None] = None) -> str:
    """The resolved scenario (after `extends` and `set`) as TOML text, as `teamsim show` prints it."""
    return _teamsim.show(_os.fspath(scenario), _sets(set), scenario_dirs())

"""Load teamsim's output into pandas: one run, replications of a run, and a sweep.

    import teamsim.io as tio
    run = tio.load_run("out/dissenting_informal_leader")   # .timeseries .events .agents .network .meta
    reps = tio.load_replications("out/replications/micromanager")   # seed_1/, seed_2/, ... below it
    band = tio.mean_band(reps.timeseries, "t", "productivity")       # t, mean, sd, n, lo, hi
    sweep = tio.load_sweep("out/my_sweep")                 # .runs .aggregate .meta .timeseries

The file formats are described in the README ("Run output") and docs/MODEL.md. Columns this module does
not know are kept (as numbers when they parse as numbers); a missing file or a missing required column
raises TeamsimFormatError (a ValueError) that names the file and the column.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import numpy as np
import pandas as pd

PathLike = Union[str, os.PathLike]

# ---------------------------------------------------------------------------------------------------------
# Column contracts (README "Run output").

TIMESERIES_INT = ["t", "headcount", "quits", "informal_leaders", "top_leader"]
TIMESERIES_FLOAT = ["productivity", "morale", "morale_sd", "trust_in_manager", "peer_trust", "alignment",
                    "dissent_share", "knowledge", "code_knowledge", "strain", "autonomy", "psych_safety",
                    "top_leader_power", "manager_power", "lmx_differentiation"]
EVENTS_COLUMNS = ["t", "event", "agent", "detail"]
AGENTS_INT = ["t", "agent", "active", "in_group", "degree"]
AGENTS_FLOAT = ["productivity", "morale", "strain", "stance", "trust_in_manager", "power", "knowledge", "lmx",
                "attention"]
NETWORK_INT = ["t", "source", "target"]
NETWORK_FLOAT = ["trust", "weight", "contact"]
MANAGER = -1  # the manager's node in network.csv

# Sweep output: the columns every sweep has; the loaders accept extra ones (one per parameter, metric).
SWEEP_RUNS_REQUIRED = ["run_id", "point", "replicate", "seed", "status"]
SWEEP_AGGREGATE_REQUIRED = ["point", "t"]


class TeamsimFormatError(ValueError):
    """A teamsim output file is missing, or lacks a column, or holds a value of the wrong kind."""


# ---------------------------------------------------------------------------------------------------------
# Helpers.

def _need_file(folder: Path, name: str, hint: str = "") -> Path:
    path = folder / name
    if not path.is_file():
        what = "is not a folder" if not folder.is_dir() else f"has no {name}"
        raise TeamsimFormatError(f"{folder}: {what}{hint}")
    return path


def require_columns(df: pd.DataFrame, columns: Iterable[str], where: str) -> None:
    """Raises TeamsimFormatError naming the columns of `columns` that `df` lacks."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise TeamsimFormatError(f"{where}: missing column(s) {', '.join(repr(c) for c in missing)}; "
                                 f"found {', '.join(map(str, df.columns))}")


def _bad_row(df: pd.DataFrame, column: str, bad: pd.Series, where: str, expected: str) -> None:
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise TeamsimFormatError(f"{where}: column {column!r}, data row {row + 1}: expected {expected}, "
                                 f"found {df[column].iloc[row]!r}")


def _as_int(df: pd.DataFrame, column: str, where: str, nullable: bool = False) -> None:
    values = df[column]
    if str(values.dtype) == ("Int64" if nullable else "int64"):
        return
    if not pd.api.types.is_integer_dtype(values):
        values = pd.to_numeric(values, errors="coerce")
        _bad_row(df, column, values.isna() & df[column].notna() if nullable else values.isna(), where,
                 "an integer")
        whole = values.isna() | (values == np.round(values))
        _bad_row(df, column, ~whole, where, "an integer")
    df[column] = values.astype("Int64" if nullable else "int64")


def _as_float(df: pd.DataFrame, column: str, where: str) -> None:
    values = df[column]
    if values.dtype == np.float64:
        return
    if not pd.api.types.is_numeric_dtype(values):
        values = pd.to_numeric(values, errors="coerce")
        _bad_row(df, column, values.isna() & df[column].notna(), where, "a number")
    df[column] = values.astype("float64")


def _numeric_if_possible(df: pd.DataFrame, skip: Iterable[str]) -> None:
    """Columns not named in `skip` become numbers when every value parses as one."""
    for column in df.columns:
        if column in skip or pd.api.types.is_numeric_dtype(df[column]):
            continue
        values = pd.to_numeric(df[column], errors="coerce")
        if not (values.isna() & df[column].notna()).any():
            df[column] = values


# What teamsim writes for a missing value: `nan` (and an empty field for "none", e.g. events.csv agent).
_NA = ["", "nan", "-nan", "NaN", "-NaN"]


def _source(path):
    """A path, or CSV text already in memory (a readable buffer named by str(), from teamsim.run)."""
    return path if hasattr(path, "read") else Path(path)


def _read_csv(path: Path, text: Sequence[str] = ()) -> pd.DataFrame:
    """Reads a CSV file: numbers parsed by pandas, `nan` and empty fields as NaN, `text` columns as str.
    float_precision="round_trip": every number is the double the file's shortest text stands for."""
    try:
        return pd.read_csv(path, keep_default_na=False, na_values=_NA, dtype={c: str for c in text},
                           float_precision="round_trip")
    except pd.errors.EmptyDataError:
        raise TeamsimFormatError(f"{path}: empty file (no header row)") from None
    except pd.errors.ParserError as e:
        raise TeamsimFormatError(f"{path}: not a well-formed CSV file: {e}") from None


# ---------------------------------------------------------------------------------------------------------
# One run.

@dataclass
class Run:
    """One run folder: its CSV files as DataFrames and run.json as a dict."""
    path: Path
    timeseries: pd.DataFrame
    events: pd.DataFrame
    agents: Optional[pd.DataFrame]
    network: Optional[pd.DataFrame]
    meta: dict

    @property
    def name(self) -> str:
        return str(self.meta.get("scenario", self.path.name))

    @property
    def provenance(self) -> dict:
        """run.json: version, git revision, scenario and its hash, seed, steps, host, times, ..."""
        return self.meta

    def __repr__(self) -> str:
        parts = [f"{len(self.timeseries)} steps"]
        parts.append(f"{len(self.events)} events")
        if self.agents is not None:
            parts.append(f"agents: {self.agents['agent'].nunique()} seats")
        if self.network is not None:
            parts.append(f"network at {self.network['t'].nunique()} steps")
        return f"Run({self.name!r}, seed {self.meta.get('seed')}, {', '.join(parts)}, path={str(self.path)!r})"


def read_timeseries(path: PathLike) -> pd.DataFrame:
    path = _source(path)
    df = _read_csv(path)
    where = str(path)
    require_columns(df, TIMESERIES_INT + TIMESERIES_FLOAT, where)
    for c in TIMESERIES_INT:
        _as_int(df, c, where)
    for c in TIMESERIES_FLOAT:
        _as_float(df, c, where)
    _numeric_if_possible(df, skip=TIMESERIES_INT + TIMESERIES_FLOAT)
    return df


def read_events(path: PathLike) -> pd.DataFrame:
    path = _source(path)
    df = _read_csv(path, text=["event", "detail"])
    where = str(path)
    require_columns(df, EVENTS_COLUMNS, where)
    _as_int(df, "t", where)
    _as_int(df, "agent", where, nullable=True)  # empty when the event concerns no one seat
    df["event"] = df["event"].astype("category")
    df["detail"] = df["detail"].fillna("").astype(str)
    return df


def read_agents(path: PathLike) -> pd.DataFrame:
    path = _source(path)
    df = _read_csv(path, text=["role"])
    where = str(path)
    require_columns(df, AGENTS_INT + ["role"] + AGENTS_FLOAT, where)
    for c in AGENTS_INT:
        _as_int(df, c, where)
    for c in AGENTS_FLOAT:
        _as_float(df, c, where)  # `nan` for a vacant seat
    df["role"] = df["role"].astype("category")
    _numeric_if_possible(df, skip=AGENTS_INT + AGENTS_FLOAT + ["role"])
    return df


def read_network(path: PathLike) -> pd.DataFrame:
    path = _source(path)
    df = _read_csv(path)
    where = str(path)
    require_columns(df, NETWORK_INT + NETWORK_FLOAT, where)
    for c in NETWORK_INT:
        _as_int(df, c, where)
    for c in NETWORK_FLOAT:
        _as_float(df, c, where)  # the manager's trust in employees is `nan` (not modelled)
    return df


def load_run(path: PathLike) -> Run:
    """Loads a run folder written by `teamsim run`. agents and network are None when the run was made
    without --agents / --network."""
    folder = Path(path).expanduser()
    hint = " (is this a folder written by `teamsim run -o DIR`?)"
    ts_path = _need_file(folder, "timeseries.csv", hint)
    ev_path = _need_file(folder, "events.csv", hint)
    meta_path = _need_file(folder, "run.json", hint)
    try:
        meta = json.loads(meta_path.read_text())
    except json.JSONDecodeError as e:
        raise TeamsimFormatError(f"{meta_path}: not valid JSON: {e}") from None
    agents = read_agents(folder / "agents.csv") if (folder / "agents.csv").is_file() else None
    network = read_network(folder / "network.csv") if (folder / "network.csv").is_file() else None
    return Run(folder, read_timeseries(ts_path), read_events(ev_path), agents, network, meta)


# ---------------------------------------------------------------------------------------------------------
# Replications: the same scenario run with several seeds.

@dataclass
class Replications:
    """Runs of one scenario concatenated, each row tagged with `replicate` (0, 1, ...) and `seed`."""
    paths: list
    timeseries: pd.DataFrame
    events: pd.DataFrame
    agents: Optional[pd.DataFrame]
    network: Optional[pd.DataFrame]
    meta: list = field(default_factory=list)

    @property
    def name(self) -> str:
        names = sorted({str(m.get("scenario", "")) for m in self.meta})
        return names[0] if len(names) == 1 else "+".join(names)

    @property
    def n(self) -> int:
        return len(self.meta)

    def __repr__(self) -> str:
        return f"Replications({self.name!r}, n={self.n})"


def _natural_key(path: Path):
    return [int(s) if s.isdigit() else s for s in re.split(r"(\d+)", path.name)]


def run_folders(folder: PathLike) -> list:
    """The run folders directly below `folder` (those holding a timeseries.csv), in natural order
    (seed_2 before seed_10)."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise TeamsimFormatError(f"{folder}: is not a folder")
    found = sorted((p for p in folder.iterdir() if (p / "timeseries.csv").is_file()), key=_natural_key)
    if not found:
        raise TeamsimFormatError(f"{folder}: no run folders below it (subfolders with a timeseries.csv)")
    return found


def load_replications(paths: Union[PathLike, Sequence[PathLike]]) -> Replications:
    """Loads several run folders and concatenates them with a `replicate` column (the position in
    `paths`, from 0) and a `seed` column (from run.json). `paths` is a list of run folders, or one folder
    whose subfolders are run folders (e.g. NAME/ holding seed_1/, seed_2/, ...)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [Path(paths)] if (Path(paths) / "timeseries.csv").is_file() else run_folders(paths)
    runs = [load_run(p) for p in paths]
    if not runs:
        raise TeamsimFormatError("load_replications: no run folders given")
    return stack_runs(runs)


def stack_runs(runs: Sequence[Run]) -> Replications:
    """Runs of one scenario (loaded, or made by teamsim.run) as Replications: each DataFrame concatenated
    with a `replicate` column (the position in `runs`, from 0) and a `seed` column (from run.json)."""

    def stack(attribute: str) -> Optional[pd.DataFrame]:
        frames = [getattr(r, attribute) for r in runs]
        if any(f is None for f in frames):
            return None
        tagged = []
        for i, (r, f) in enumerate(zip(runs, frames)):
            f = f.copy()
            f.insert(0, "replicate", i)
            f.insert(1, "seed", int(r.meta.get("seed", -1)))
            tagged.append(f)
        out = pd.concat(tagged, ignore_index=True)
        for c in ("event", "role"):  # categories with different levels per run come back as object
            if c in out.columns:
                out[c] = out[c].astype("category")
        return out

    return Replications([r.path for r in runs], stack("timeseries"), stack("events"), stack("agents"),
                        stack("network"), [r.meta for r in runs])


def load_scenarios(folder: PathLike, names: Optional[Iterable[str]] = None) -> dict:
    """A folder of replication folders, NAME/seed_K/: returns {NAME: Replications}. With `names`, only
    those (a missing one raises TeamsimFormatError)."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise TeamsimFormatError(f"{folder}: is not a folder")
    if names is None:
        names = sorted(p.name for p in folder.iterdir() if p.is_dir())
    out = {}
    for name in names:
        if not (folder / name).is_dir():
            raise TeamsimFormatError(f"{folder}: has no replications of {name!r} (expected {folder / name}/seed_K/)")
        out[name] = load_replications(folder / name)
    return out


# ---------------------------------------------------------------------------------------------------------
# Means with 95% intervals.

def t_quantile(df: Union[int, float, np.ndarray], level: float = 0.95) -> np.ndarray:
    """Two-sided `level` quantile of Student's t with `df` degrees of freedom (scipy.stats; a fractional df,
    as Welch's, is fine): the half-width of a `level` interval in standard errors. nan for df < 1."""
    try:
        from scipy import stats
    except ImportError:
        raise ImportError(f"teamsim.io.t_quantile needs scipy, which {sys.executable} lacks "
                          "(Debian: apt-get install python3-scipy)") from None
    df = np.asarray(df, dtype=float)
    return np.where(df >= 1, stats.t.ppf(0.5 + level / 2, np.maximum(np.nan_to_num(df, nan=0), 1)), np.nan)


def mean_band(df: pd.DataFrame, by: Union[str, Sequence[str], None], col: str, level: float = 0.95) -> pd.DataFrame:
    """Mean of `col` in each group of `by` with a `level` confidence interval for the mean
    (mean ± t(n-1) sd / sqrt(n)). NaN values are left out. Returns the `by` columns and
    mean, sd, n, lo, hi (lo and hi are nan when n < 2). With by=None: one row over all of `df`."""
    require_columns(df, [col] + ([] if by is None else [by] if isinstance(by, str) else list(by)), "mean_band")
    values = df[col].astype(float)
    if by is None:
        g = values.to_frame().assign(_all=0).groupby("_all")[col]
    else:
        g = df.assign(**{col: values}).groupby(by, observed=True, sort=True)[col]
    out = g.agg(mean="mean", sd="std", n="count").reset_index()
    if by is None:
        out = out.drop(columns="_all")
    half = t_quantile(out["n"] - 1, level) * out["sd"] / np.sqrt(out["n"].clip(lower=1))
    out["lo"] = out["mean"] - half
    out["hi"] = out["mean"] + half
    out["n"] = out["n"].astype("int64")
    return out


# ---------------------------------------------------------------------------------------------------------
# Sweeps.

@dataclass
class Sweep:
    """A sweep folder: runs.csv (one row per run), aggregate.csv (per point and step), sweep.json, and
    timeseries.csv when per-run time series were recorded."""
    path: Path
    runs: pd.DataFrame
    aggregate: pd.DataFrame
    meta: dict
    timeseries: Optional[pd.DataFrame]
    parameters: list   # swept parameter columns of runs.csv, e.g. ["manager.control", "team.size"]
    metrics: list      # summary metric columns of runs.csv
    aggregate_metrics: list  # metrics M with M_mean, M_lo, M_hi in aggregate.csv

    @property
    def ok(self) -> pd.Series:
        """True for the runs that finished (status ok / empty error)."""
        status = self.runs["status"].astype(str).str.strip().str.lower()
        failed = status.isin(["failed", "fail", "error", "crashed", "timeout"])
        if "error" in self.runs.columns:
            failed |= self.runs["error"].fillna("").astype(str).str.strip() != ""
        return ~failed

    @property
    def points(self) -> pd.DataFrame:
        """One row per design point: point and the parameter values."""
        return self.runs[["point"] + self.parameters].drop_duplicates("point").sort_values("point").reset_index(drop=True)

    def __repr__(self) -> str:
        return (f"Sweep({self.meta.get('sweep', self.meta.get('name', self.path.name))!r}, {self.runs['point'].nunique()} points, "
                f"{len(self.runs)} runs, parameters={self.parameters}, metrics={self.metrics})")


def _sweep_parameter_keys(meta: dict) -> list:
    params = meta.get("parameters")
    keys = []
    if isinstance(params, list):
        for p in params:
            if isinstance(p, dict) and "key" in p:
                keys.append(str(p["key"]))
            elif isinstance(p, str):
                keys.append(p)
    elif isinstance(params, dict):
        keys = [str(k) for k in params]
    if not keys:  # sweep.json's canonical text has a line "parameter=KEY integer|real VALUES..." per parameter
        for line in str(meta.get("canonical", "")).splitlines():
            if line.startswith("parameter="):
                keys.append(line[len("parameter="):].split()[0])
    return keys


def python_name(column: str) -> str:
    """A column name usable in DataFrame.query and as an attribute: "manager.control" -> "manager_control"."""
    return column.replace(".", "_")


def load_sweep(path: PathLike, python_names: bool = False) -> Sweep:
    """Loads a folder written by `teamsim sweep`. runs.csv: run_id, point, replicate, seed, one column per
    swept parameter, status, error, then summary metrics; aggregate.csv: point, t, n, M_mean, M_sd, M_lo,
    M_hi for each metric M (or its long form: point, t, metric, n, mean, sd, lo, hi, which is pivoted to
    the wide form here); sweep.json; optional timeseries.csv (run_id, t, metrics).
    The swept parameters are those named in sweep.json, else the columns between `seed` and `status`; a
    sweep without parameters (replications of one scenario) has none.
    python_names=True renames dotted columns (manager.control -> manager_control) in runs, aggregate and
    `parameters`, so that `sweep.runs.query("manager_control > 0.3")` works."""
    folder = Path(path).expanduser()
    hint = " (is this a folder written by `teamsim sweep`?)"
    runs_path = _need_file(folder, "runs.csv", hint)
    agg_path = _need_file(folder, "aggregate.csv", hint)
    meta_path = _need_file(folder, "sweep.json", hint)
    try:
        meta = json.loads(meta_path.read_text())
    except json.JSONDecodeError as e:
        raise TeamsimFormatError(f"{meta_path}: not valid JSON: {e}") from None

    # runs.csv
    runs = _read_csv(runs_path, text=["status", "error"])
    where = str(runs_path)
    require_columns(runs, SWEEP_RUNS_REQUIRED, where)
    for c in ("run_id", "point", "replicate"):
        _as_int(runs, c, where)
    try:  # seeds are 64-bit unsigned
        runs["seed"] = runs["seed"].astype("uint64")
    except (ValueError, OverflowError, TypeError):
        raise TeamsimFormatError(f"{where}: column 'seed' holds a value that is not an unsigned integer") from None
    columns = list(runs.columns)
    keys = [k for k in _sweep_parameter_keys(meta) if k in runs.columns]
    if not keys:
        lo, hi = columns.index("seed") + 1, columns.index("status")
        keys = columns[lo:hi] if hi > lo else []
    runs["status"] = runs["status"].fillna("").astype("category")
    if "error" in runs.columns:
        runs["error"] = runs["error"].fillna("").astype(str)
    _numeric_if_possible(runs, skip=["status", "error"])
    for k in keys:  # choice parameters (e.g. manager.policy = "push") stay labels
        if not pd.api.types.is_numeric_dtype(runs[k]):
            runs[k] = runs[k].astype("category")
    start = columns.index("error") + 1 if "error" in columns else columns.index("status") + 1
    metrics = [c for c in columns[start:] if c not in keys and pd.api.types.is_numeric_dtype(runs[c])]

    # aggregate.csv
    aggregate = _read_csv(agg_path, text=["metric"])
    where = str(agg_path)
    require_columns(aggregate, SWEEP_AGGREGATE_REQUIRED, where)
    if "metric" in aggregate.columns:  # long form (record.aggregate_form = "long"): back to wide
        require_columns(aggregate, ["n", "mean", "sd", "lo", "hi"], where)
        order = list(dict.fromkeys(aggregate["metric"]))
        wide = aggregate.pivot(index=["point", "t"], columns="metric", values=["mean", "sd", "lo", "hi"])
        wide.columns = [f"{m}_{stat}" for stat, m in wide.columns]
        wide = wide[[f"{m}_{stat}" for m in order for stat in ("mean", "sd", "lo", "hi")]]
        n = aggregate.drop_duplicates(["point", "t"]).set_index(["point", "t"])["n"]
        aggregate = wide.join(n).reset_index()
        aggregate = aggregate[["point", "t", "n"] + [c for c in wide.columns]]
    _as_int(aggregate, "point", where)
    _as_int(aggregate, "t", where)
    if "n" in aggregate.columns:
        _as_int(aggregate, "n", where)
    _numeric_if_possible(aggregate, skip=[])
    agg_metrics = [c[:-5] for c in aggregate.columns
                   if c.endswith("_mean") and f"{c[:-5]}_lo" in aggregate.columns and f"{c[:-5]}_hi" in aggregate.columns]
    if not agg_metrics:
        raise TeamsimFormatError(f"{where}: no metric columns (expected M_mean, M_sd, M_lo, M_hi for each metric M)")
    for c in [f"{m}_{stat}" for m in agg_metrics for stat in ("mean", "sd", "lo", "hi")]:
        if c in aggregate.columns:  # statistics are floats, even when every value is a whole number
            aggregate[c] = aggregate[c].astype("float64")
    # Parameter values per point, for plotting (unless aggregate.csv already carries them).
    extra = [k for k in keys if k not in aggregate.columns]
    if extra:
        aggregate = aggregate.merge(runs[["point"] + extra].drop_duplicates("point"), on="point", how="left")

    # timeseries.csv (optional)
    timeseries = None
    if (folder / "timeseries.csv").is_file():
        timeseries = _read_csv(folder / "timeseries.csv")
        where = str(folder / "timeseries.csv")
        require_columns(timeseries, ["run_id", "t"], where)
        _as_int(timeseries, "run_id", where)
        _as_int(timeseries, "t", where)
        _numeric_if_possible(timeseries, skip=[])
    if python_names:
        runs = runs.rename(columns=python_name)
        aggregate = aggregate.rename(columns=python_name)
        keys = [python_name(k) for k in keys]
    return Sweep(folder, runs, aggregate, meta, timeseries, keys, metrics, agg_metrics)


def aggregate_long(sweep: Sweep) -> pd.DataFrame:
    """A sweep's aggregate in long (tidy) form: point, t, metric, n, mean, sd, lo, hi (one row per metric)."""
    rows = []
    for m in sweep.aggregate_metrics:
        part = sweep.aggregate[["point", "t", "n"]].copy()
        part.insert(2, "metric", m)
        for stat in ("mean", "sd", "lo", "hi"):
            part[stat] = sweep.aggregate.get(f"{m}_{stat}")
        rows.append(part)
    return pd.concat(rows).sort_values(["point", "t"], kind="stable").reset_index(drop=True)


# Summary statistic names the sweep may use for "final productivity", "mean morale", ...
_STAT_ALIASES = {"final": ["final", "end", "last"], "mean": ["mean", "avg", "average"],
                 "min": ["min"], "max": ["max"]}


def sweep_metric(sweep: Sweep, stat: str, metric: str) -> str:
    """Adds (if needed) and returns the name of a runs.csv column holding `stat` ("final", "mean", "min",
    "max") of the time-series metric `metric` for each run: an existing summary column such as
    `mean_morale` or `morale_mean` (for "final", also a summary column named like the metric itself,
    e.g. `productivity`), else one computed from the sweep's per-run timeseries.csv.
    Raises TeamsimFormatError listing the summary columns found when neither is available."""
    for alias in _STAT_ALIASES.get(stat, [stat]):
        for name in (f"{metric}_{alias}", f"{alias}_{metric}", f"{metric}.{alias}", f"{alias}.{metric}"):
            if name in sweep.runs.columns:
                return name
    if stat == "final" and metric in sweep.metrics:  # summary columns named as in timeseries.csv: final values
        return metric
    name = f"{metric}_{stat}"
    ts = sweep.timeseries
    if ts is not None and metric in ts.columns:
        ordered = ts.sort_values(["run_id", "t"])
        if stat == "final":
            per_run = ordered.groupby("run_id")[metric].last()
        else:  # over the recorded steps t >= 1, as runs.csv's means
            per_run = ordered[ordered["t"] >= 1].groupby("run_id")[metric].agg(stat)
        sweep.runs[name] = sweep.runs["run_id"].map(per_run)
        sweep.metrics.append(name)
        return name
    raise TeamsimFormatError(f"{sweep.path}: runs.csv has no {stat} of {metric!r} (looked for {metric}_{stat}, "
                             f"{stat}_{metric}, ...; summary columns: {', '.join(sweep.metrics) or 'none'}) "
                             "and there is no per-run timeseries.csv to compute it from")


# ---------------------------------------------------------------------------------------------------------
# Where the notebooks find their input.

def repo_root() -> Path:
    """The clone the notebooks run from: the nearest folder holding scenarios/ and notebooks/ at or above
    the current folder, else above this file (python/teamsim/io.py, or the package built in build/*/python/),
    else the current folder."""
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder / "scenarios").is_dir() and (folder / "notebooks").is_dir():
                return folder
    return Path.cwd()


def folder_from_env(variable: str, default: str, hint: str = "") -> Path:
    """The folder named by environment variable `variable` (else `default`). A relative path is tried
    from the current folder (a notebook's kernel runs in notebooks/) and then from the repository root.
    Raises TeamsimFormatError with `hint` (how to make the folder) when it does not exist."""
    value = os.environ.get(variable, "").strip() or default
    given = Path(value).expanduser()
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, repo_root() / given]
    for c in candidates:
        if c.is_dir():
            return c.resolve()
    source = f"${variable}" if os.environ.get(variable, "").strip() else f"the default (set {variable} to change it)"
    raise TeamsimFormatError(f"{value}: no such folder ({source}; looked in "
                             f"{', '.join(str(c) for c in candidates)}).{(' ' + hint) if hint else ''}")


def scenario_value(meta: dict, table: str, key: str, default=None):
    """A value of the resolved scenario stored in run.json (e.g. scenario_value(meta, "leaders",
    "threshold")), or `default` when it cannot be read."""
    try:
        import tomllib  # Python 3.11+
    except ImportError:  # pragma: no cover
        return default
    try:
        return tomllib.loads(meta.get("resolved_scenario", "")).get(table, {}).get(key, default)
    except tomllib.TOMLDecodeError:
        return default


# ---------------------------------------------------------------------------------------------------------
# Figures: saving and checking.

def save_figure(fig, name: str, dpi: int = 100) -> None:
    """Saves `fig` as NAME.png in $TEAMSIM_FIGURES_DIR when that variable is set (scripts/make_figures.sh)."""
    folder = os.environ.get("TEAMSIM_FIGURES_DIR")
    if not folder:
        return
    out = Path(folder).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    print(f"saved {path}")


def _finite(a) -> bool:
    a = np.asarray(a, dtype=float)
    return a.size > 0 and bool(np.isfinite(a).any())


def axes_has_data(ax) -> bool:
    """True when `ax` draws some data: a line in data coordinates with a finite point, a non-empty
    collection (markers, bands, error bars, network nodes), an image with a finite pixel, or a bar/arrow.
    Vertical and horizontal marker lines (axvline/axhline) and text do not count."""
    from matplotlib.collections import Collection
    from matplotlib.patches import FancyArrowPatch, Rectangle
    for line in ax.get_lines():
        if line.get_transform() == ax.transData and _finite(line.get_xdata()) and _finite(line.get_ydata()):
            return True
    for c in ax.collections:
        if isinstance(c, Collection):
            offsets = c.get_offsets()
            if len(c.get_paths()) > 0 and (np.size(offsets) == 0 or _finite(offsets)):
                if any(len(p.vertices) > 0 and _finite(p.vertices) for p in c.get_paths()):
                    return True
            if np.size(offsets) > 0 and _finite(offsets):
                return True
    for im in ax.get_images():
        if _finite(np.ma.filled(np.ma.asarray(im.get_array(), dtype=float), np.nan)):
            return True
    for p in ax.patches:
        if isinstance(p, FancyArrowPatch):
            return True
        if isinstance(p, Rectangle) and p.get_height() != 0 and np.isfinite(p.get_height()):
            return True
    return False


def check_figures(figures: dict) -> None:
    """Asserts that every visible axes of every figure in {name: figure} draws data (colorbars excepted)."""
    assert figures, "no figures were made"
    for name, fig in figures.items():
        axes = [ax for ax in fig.axes if ax.get_visible() and not hasattr(ax, "_colorbar")]
        assert axes, f"figure {name!r} has no axes"
        for i, ax in enumerate(axes):
            assert axes_has_data(ax), f"figure {name!r}, axes {i} ({ax.get_title() or ax.get_ylabel()!r}) draws no data"

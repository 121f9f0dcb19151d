#!/usr/bin/env python3
"""Robustness of the patterns P1-P8 over the plausible ranges of the behavioural constants.

The design: a Latin hypercube over the constants' ranges, as `teamsim sweep` draws it (sweep seed 909), with
each point's run seeds (docs/MODEL.md 8.3); a one-step sweep of it gives the points and seeds. At every point
each scenario that a pattern compares is run with teamsim.replicate on those seeds, the point's constants
set, so the scenarios are paired point by point and replicate by replicate. At each point a pattern holds when
the mean paired difference over the replicates has the claimed sign in every comparison it makes. Writes
docs/pattern_robustness.csv (one row per point) and docs/pattern_robustness.md (the share of points where each
pattern holds, and which constants separate the points where it fails). The windows and measures are those of
tests/patterns_test.cpp and docs/SCENARIOS.md.

    /usr/bin/python3 scripts/robustness.py --points 200 --replicates 6
(needs the Python package teamsim: scripts/build-python.sh, or PYTHONPATH=build/release/python)
"""
import argparse
import csv
import pathlib
import sys
import tempfile

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "build" / "release" / "python"))  # when teamsim is not installed
import teamsim  # noqa: E402

# Behavioural constants and their plausible ranges (docs/MODEL.md section 9). Switches, the special-case
# settings of March (p1, p2), the scenario data (style, events) and the definitional thresholds are not varied.
RANGES = {
    "work.pressure_gain": (0.1, 0.5),
    "work.pressure_optimum": (0.4, 0.8),
    "work.strain_cost": (0.1, 0.5),
    "work.change_support": (0.3, 0.9),
    "work.disruption": (0.3, 0.7),
    "work.collaboration_floor": (0.4, 0.8),
    "trust.rate": (0.05, 0.2),
    "trust.manager_rate": (0.015, 0.06),
    "trust.micromanage_penalty": (0.25, 1.0),
    "trust.status_weight": (0.0, 0.4),
    "trust.charisma": (0.25, 0.75),
    "trust.own_ability": (0.25, 0.75),
    "trust.inconsistency": (5.0, 20.0),
    "influence.gamma": (2.0, 4.0),
    "learning.experience": (0.01, 0.04),
    "learning.control_boost": (0.5, 2.0),
    "learning.openness_boost": (0.5, 2.0),
    "wellbeing.rate": (0.015, 0.05),
    "wellbeing.autonomy_rate": (0.015, 0.05),
    "wellbeing.contagion": (0.05, 0.2),
    "wellbeing.buffer": (0.25, 0.75),
    "wellbeing.drain": (0.15, 0.45),
    "wellbeing.meaning": (0.15, 0.45),
    "wellbeing.ambiguity_demand": (0.25, 0.75),
    "wellbeing.structure_need": (0.1, 0.2),
    "wellbeing.vision_clarity": (0.1, 0.4),
    "wellbeing.rescope_rate": (0.025, 0.1),
    "turnover.hazard_slope": (2.0, 6.0),
    "turnover.max_ratio": (2.0, 6.0),
    "manage.recognition_memory": (0.05, 0.2),
    "manager.policy_rate": (0.005, 0.02),
}

# "NAME@null": NAME with every trait constant (persuasiveness 0.55, agreeability 0.6, integrity 0.7), so that
# only noise tells people apart: the reference against which P1's concentration is judged.
NULL_TRAITS = ["team.traits.persuasiveness=0.55", "team.traits.agreeability=0.6", "team.traits.integrity=0.7"]

SCENARIOS = ["baseline", "baseline@null", "dissenting_informal_leader", "dissenting_informal_leader_crackdown",
             "dissenting_informal_leader_dialogue", "micromanager", "manager_who_leads",
             "leader_without_structure", "change_crisis", "change_crisis_leading", "change_crisis_controlling",
             "promote_natural_leader", "outside_hire", "recognition_none", "layoffs"]


def design_text(points, replicates, seed):
    """The design as a sweep file of one step per run: its runs.csv holds every point and run seed."""
    lines = ["[sweep]", 'name = "robust_design"', f'scenario = "{ROOT / "scenarios" / "baseline.toml"}"',
             'design = "latin-hypercube"', f"points = {points}", f"replicates = {replicates}", f"seed = {seed}",
             "steps = 1", "", "[parameters]"]
    lines += [f'"{k}" = {{ min = {lo}, max = {hi} }}' for k, (lo, hi) in RANGES.items()]
    return "\n".join(lines) + "\n"


def draw_design(points, replicates, seed, threads, work):
    """The design's points: for each, its constants as `--set` text (exactly as the sweep wrote them) and its
    run seeds in replicate order; and the points' values as a frame indexed by point."""
    spec = work / "design.toml"
    spec.write_text(design_text(points, replicates, seed))
    teamsim.sweep(spec, out=work / "design", threads=threads)
    with open(work / "design" / "runs.csv", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: (int(r["point"]), int(r["replicate"])))
    plan = {}
    for row in rows:
        sets, seeds = plan.setdefault(int(row["point"]), ([f"{k}={row[k]}" for k in RANGES], []))
        seeds.append(int(row["seed"]))
    values = pd.read_csv(work / "design" / "runs.csv").groupby("point")[list(RANGES)].first()
    return plan, values


def run_points(plan, threads):
    """Per scenario: a frame indexed by (point, replicate, t) with the metrics."""
    series = {}
    for name in SCENARIOS:
        scenario, _, variant = name.partition("@")
        fixed = NULL_TRAITS if variant == "null" else []
        frames = []
        for point, (sets, seeds) in plan.items():
            ts = teamsim.replicate(scenario, seeds=seeds, set=fixed + sets, threads=threads).timeseries
            ts.insert(0, "point", point)
            frames.append(ts.drop(columns="seed"))
        series[name] = pd.concat(frames, ignore_index=True).set_index(["point", "replicate", "t"]).sort_index()
        print(f"  {name}: {sum(len(seeds) for _, seeds in plan.values())} runs", file=sys.stderr)
    return series


def window(s, name, column, t0, t1):
    """Per (point, replicate): the mean of a metric over weeks t0..t1."""
    frame = s[name][column]
    sel = frame[(frame.index.get_level_values("t") >= t0) & (frame.index.get_level_values("t") <= t1)]
    return sel.groupby(level=["point", "replicate"]).mean()


def at(s, name, column, t):
    return window(s, name, column, t, t)


def effect(d):
    """Mean paired difference per point."""
    return d.groupby(level="point").mean()


def slope_per_year(s, name, column, t0, t1):
    frame = s[name][column]
    sel = frame[(frame.index.get_level_values("t") >= t0) & (frame.index.get_level_values("t") <= t1)]
    def fit(g):
        t = g.index.get_level_values("t").to_numpy(float)
        return 52.0 * np.polyfit(t, g.to_numpy(float), 1)[0]
    return sel.groupby(level=["point", "replicate"]).apply(fit)


def patterns(s):
    """For each pattern, a boolean Series over points (True: holds) and its comparisons' effects."""
    w = lambda n, c, a, b: window(s, n, c, a, b)
    conc = lambda n: at(s, n, "top_leader_power", 104) * at(s, n, "headcount", 104) / (1 - at(s, n, "manager_power", 104))
    checks = {
        "B no start-up trend": [effect(slope_per_year(s, "baseline", "productivity", 1, 104)).abs() - 0.02 < 0,
                                effect(slope_per_year(s, "baseline", "morale", 1, 104)).abs() - 0.02 < 0],
        "B turnover 5-20%/yr": [effect(w("baseline", "quits", 1, 104) * 52).between(0.05 * 12, 0.20 * 12)],
        "P1 concentration beyond chance": [effect(conc("baseline") - conc("baseline@null")) > 0],
        "P2 dissent spreads": [effect(w("baseline", "alignment", 31, 60) - w("dissenting_informal_leader", "alignment", 31, 60)) > 0,
                               effect(w("baseline", "productivity", 31, 60) - w("dissenting_informal_leader", "productivity", 31, 60)) > 0],
        "P2 dialogue > crackdown": [effect(w("dissenting_informal_leader_dialogue", c, 60, 104) - w("dissenting_informal_leader_crackdown", c, 60, 104)) > 0
                                    for c in ("alignment", "morale", "trust_in_manager", "productivity")],
        "P3 short-run gain (2-12)": [effect(w("micromanager", "productivity", 2, 12) - w("manager_who_leads", "productivity", 2, 12)) > 0],
        "P3 long-run loss (80-104)": [effect(w("manager_who_leads", "productivity", 80, 104) - w("micromanager", "productivity", 80, 104)) > 0],
        "P4 shallower dip (30-45)": [effect(w("change_crisis_leading", "productivity", 30, 45) - w("change_crisis", "productivity", 30, 45)) > 0],
        "P4 faster recovery (46-70)": [effect(w("change_crisis_leading", "productivity", 46, 70) - w("change_crisis", "productivity", 46, 70)) > 0],
        "P4 control slower (46-70)": [effect(w("change_crisis", "productivity", 46, 70) - w("change_crisis_controlling", "productivity", 46, 70)) > 0],
        "P5 trust 41-52": [effect(w("promote_natural_leader", "trust_in_manager", 41, 52) - w("outside_hire", "trust_in_manager", 41, 52)) > 0],
        "P5 trust 79-104": [effect(w("promote_natural_leader", "trust_in_manager", 79, 104) - w("outside_hire", "trust_in_manager", 79, 104)) > 0],
        "P6 leads > micromanager": [effect(w("manager_who_leads", c, 53, 104) - w("micromanager", c, 53, 104)) > 0 for c in ("productivity", "morale")],
        "P6 leads > no structure (productivity)": [effect(w("manager_who_leads", "productivity", 53, 104) - w("leader_without_structure", "productivity", 53, 104)) > 0],
        "P6 leads > no structure (morale)": [effect(w("manager_who_leads", "morale", 53, 104) - w("leader_without_structure", "morale", 53, 104)) > 0],
        "P8 recognition": [effect(w("baseline", c, 80, 104) - w("recognition_none", c, 80, 104)) > 0 for c in ("morale", "trust_in_manager")],
        "Layoffs strain rises then eases": [effect(w("layoffs", "strain", 41, 52) - w("baseline", "strain", 41, 52)) > 0,
                                            effect((w("layoffs", "strain", 41, 52) - w("baseline", "strain", 41, 52))
                                                   - (w("layoffs", "strain", 90, 104) - w("baseline", "strain", 90, 104))) > 0],
    }
    return {name: pd.concat(parts, axis=1).all(axis=1) for name, parts in checks.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--replicates", type=int, default=6)
    parser.add_argument("--seed", type=int, default=909)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plan, values = draw_design(args.points, args.replicates, args.seed, args.threads, pathlib.Path(tmp))
    series = run_points(plan, args.threads)
    held = patterns(series)
    table = values.copy()
    for name, ok in held.items():
        table[name] = ok.reindex(values.index).astype(int)
    out = pathlib.Path(args.out)
    table.to_csv(out / "pattern_robustness.csv")

    lines = [f"Latin hypercube of {args.points} points over the {len(RANGES)} behavioural constants of "
             f"docs/MODEL.md section 9 (ranges there), {args.replicates} paired replicates per point and "
             f"scenario (sweep seed {args.seed}); a pattern holds at a point when the mean paired difference "
             "has the claimed sign in every comparison it makes. Generated by `scripts/robustness.py`.", "",
             "| pattern | share of the space where it holds | where it fails (constants whose mean differs most between failing and holding points, in units of their range) |",
             "|---|---|---|"]
    low_prestige = values["trust.status_weight"] < 0.1
    for name, ok in held.items():
        ok = ok.reindex(values.index).fillna(False).astype(bool)
        if name.startswith("P1"):
            lines.append(f"| {name}, prestige weight < 0.1 only | {ok[low_prestige].mean():.0%} "
                         f"({int(ok[low_prestige].sum())}/{int(low_prestige.sum())}) | |")
        share = ok.mean()
        where = ""
        if 0 < ok.sum() < len(ok):
            span = pd.Series({k: hi - lo for k, (lo, hi) in RANGES.items()})
            gap = (values[~ok].mean() - values[ok].mean()) / span
            top = gap.abs().sort_values(ascending=False).head(3).index
            where = "; ".join(f"`{k}` {'higher' if gap[k] > 0 else 'lower'} ({gap[k]:+.2f})" for k in top)
        elif ok.sum() == len(ok):
            where = "holds everywhere"
        else:
            where = "fails everywhere"
        lines.append(f"| {name} | {share:.0%} ({int(ok.sum())}/{len(ok)}) | {where} |")
    (out / "pattern_robustness.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Sensitivity of the LMX claims (docs/SCENARIOS.md, docs/review/network/plan2.md) to the unfairness constants.

Over a grid of lmx.fairness_cost x lmx.fairness_climate, runs lmx_even and lmx_in_group on paired seeds
through teamsim.run (the CLI's numbers, with agents.csv) and computes the claims L1-L6 and Nc1-Nc5 exactly as
tests/network_patterns_test.cpp does: the groups are the in-group / out-group the model forms each week
(agents.csv in_group of the lmx_in_group run), the lmx_even value is that of the same seats in the same week.
Per point and claim: mean paired effect, 99% Student-t interval, verdict (holds / fails / reversed).

    nice scripts/lmx_sensitivity.py [--seeds 20] [--threads 2] [--csv docs/lmx_sensitivity.csv]

Needs the Python package (scripts/build-python.sh, or PYTHONPATH=build/ci/python) and /usr/bin/python3's
pandas. Writes the CSV (atomically: a temporary file renamed) and prints the markdown table of
docs/SCENARIOS.md.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

import teamsim

COSTS = [0, 0.25, 0.5, 1, 1.5, 2]
CLIMATES = [0, 0.5, 1]
WEEKS = range(1, 105)
CLAIMS = [  # id, text; every one claims a positive effect
    ("L1", "in-group trust in the manager: in-group - even"),
    ("L2", "in-group morale: in-group - even"),
    ("L3", "out-group trust in the manager: even - in-group"),
    ("L4", "out-group morale: even - in-group"),
    ("L5", "trust in the manager: in-group - out-group"),
    ("L6", "morale: in-group - out-group"),
    ("Nc1", "team morale: even - in-group"),
    ("Nc2", "peer trust: even - in-group"),
    ("Nc3", "s.d. of trust in the manager: in-group - even"),
    ("Nc4", "quits per run: in-group - even"),
    ("Nc5", "quits per seat-week: out-group - in-group"),
]


def seat_table(agents, column, steps, seats):
    """[t][seat] array of an agents.csv column, NaN for vacant seats."""
    table = np.full((steps, seats), np.nan)
    table[agents["t"].to_numpy(), agents["agent"].to_numpy()] = agents[column].to_numpy(dtype=float)
    return table


class Runs:
    """One seed's run of a scenario: per-seat tables, team series and quits."""

    def __init__(self, scenario, seed, sets):
        r = teamsim.run(scenario, seed=seed, set=sets, agents=True)
        a = r.agents
        steps, seats = int(a["t"].max()) + 1, int(a["agent"].max()) + 1
        self.trust = seat_table(a, "trust_in_manager", steps, seats)
        self.morale = seat_table(a, "morale", steps, seats)
        self.in_group = seat_table(a, "in_group", steps, seats)
        self.in_group[np.isnan(self.trust)] = np.nan  # vacant: in no group
        ts = r.timeseries.set_index("t")
        self.team_morale = ts["morale"]
        self.peer_trust = ts["peer_trust"]
        ev = r.events
        self.quits = ev[(ev["event"] == "quit") & (ev["t"] >= 1) & (ev["t"] <= 104)][["t", "agent"]]


def nanmean_or_nan(values):
    values = values[~np.isnan(values)]
    return values.mean() if values.size else math.nan


def weeks_mean(of):
    values = [of(t) for t in WEEKS]
    values = [v for v in values if not math.isnan(v)]
    return sum(values) / len(values) if values else 0.0


def group_mean(grouped, measured_table, t, in_group):
    members = grouped.in_group[t] == (1.0 if in_group else 0.0)
    return nanmean_or_nan(measured_table[t][members])


def spread(table, t):
    v = table[t][~np.isnan(table[t])]
    return float(np.sqrt(max(0.0, (v * v).mean() - v.mean() ** 2))) if v.size >= 2 else math.nan


def quit_rate(run, in_group):
    flag = 1.0 if in_group else 0.0
    seat_weeks = float(np.sum(run.in_group[0:104] == flag))
    quits = sum(1 for t, seat in run.quits.itertuples(index=False) if run.in_group[t - 1][seat] == flag)
    return quits / seat_weeks if seat_weeks > 0 else 0.0


def effects(even, fav):
    """The per-replicate values of every claim for one seed (even = lmx_even, fav = lmx_in_group)."""
    def gain(field, in_group):
        mine, theirs = getattr(fav, field), getattr(even, field)
        sign = 1 if in_group else -1
        return weeks_mean(lambda t: sign * (group_mean(fav, mine, t, in_group) - group_mean(fav, theirs, t, in_group)))

    def within(field):
        table = getattr(fav, field)
        return weeks_mean(lambda t: group_mean(fav, table, t, True) - group_mean(fav, table, t, False))

    return {
        "L1": gain("trust", True), "L2": gain("morale", True),
        "L3": gain("trust", False), "L4": gain("morale", False),
        "L5": within("trust"), "L6": within("morale"),
        "Nc1": even.team_morale.loc[1:104].mean() - fav.team_morale.loc[1:104].mean(),
        "Nc2": even.peer_trust.loc[1:104].mean() - fav.peer_trust.loc[1:104].mean(),
        "Nc3": weeks_mean(lambda t: spread(fav.trust, t)) - weeks_mean(lambda t: spread(even.trust, t)),
        "Nc4": float(len(fav.quits) - len(even.quits)),
        "Nc5": quit_rate(fav, False) - quit_rate(fav, True),
    }


def summarize(values, z):
    n = len(values)
    mean = sum(values) / n
    se = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1) / n)
    lo, hi = mean - z * se, mean + z * se
    verdict = "holds" if lo > 0 else ("reversed" if hi < 0 else "fails")
    return mean, lo, hi, verdict


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds 1..N per point (default 20)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--csv", default="docs/lmx_sensitivity.csv")
    args = parser.parse_args()
    if args.seeds < 2 or args.threads < 1:
        sys.exit("error: --seeds must be >= 2 and --threads >= 1")
    from scipy.stats import t as student_t
    z = float(student_t.ppf(0.995, args.seeds - 1))
    seeds = range(1, args.seeds + 1)
    rows, cache = [], {}
    for cost in COSTS:
        for climate in CLIMATES:
            # With no cost the climate weight changes nothing: those points repeat the first.
            key = (cost, climate if cost > 0 else CLIMATES[0])
            if key not in cache:
                sets = {"lmx.fairness_cost": cost, "lmx.fairness_climate": key[1]}

                def one(seed, sets=sets):
                    return effects(Runs("lmx_even", seed, sets), Runs("lmx_in_group", seed, sets))

                with ThreadPoolExecutor(max_workers=args.threads) as pool:
                    per_seed = list(pool.map(one, seeds))
                cache[key] = {c: summarize([e[c] for e in per_seed], z) for c, _ in CLAIMS}
                print(f"fairness_cost {cost}, fairness_climate {key[1]}: done", file=sys.stderr)
            for claim, text in CLAIMS:
                mean, lo, hi, verdict = cache[key][claim]
                rows.append((cost, climate, claim, text, mean, lo, hi, verdict))
    out = Path(args.csv)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with open(tmp, "w") as f:
        f.write("fairness_cost,fairness_climate,claim,what,effect,lo99,hi99,verdict\n")
        for cost, climate, claim, text, mean, lo, hi, verdict in rows:
            f.write(f"{cost},{climate},{claim},\"{text}\",{mean:.5g},{lo:.5g},{hi:.5g},{verdict}\n")
    os.replace(tmp, out)
    # Markdown: one row per point (fairness_cost 0 once: the climate weight then changes nothing), one column
    # per claim; the effect, marked when it does not hold at 99%.
    mark = {"holds": "", "fails": " (n.s.)", "reversed": " **(rev.)**"}
    print("| fairness_cost | fairness_climate | " + " | ".join(c for c, _ in CLAIMS) + " |")
    print("|---|---|" + "---|" * len(CLAIMS))
    for cost in COSTS:
        for climate in CLIMATES if cost > 0 else CLIMATES[:1]:
            cells = []
            for claim, _ in CLAIMS:
                mean, _, _, verdict = next(r[4:] for r in rows if r[:3] == (cost, climate, claim))
                cells.append(f"{mean:.3g}{mark[verdict]}")
            print(f"| {cost} | {climate if cost > 0 else 'any'} | " + " | ".join(cells) + " |")

if __name__ == "__main__":
    main()

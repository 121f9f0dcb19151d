#!/usr/bin/python3
"""Check (c): agents.csv in_group / attention against docs/MODEL.md 7.12 on runs/SCEN/SEED.
Usage: check_membership.py FIRST LAST"""
import math
import sys
import numpy as np
import pandas as pd

RUNS = "/work/review/lmx2/runs"
FOCUS, FAVOUR = 0.25, 0.6


def lround(x):
    return int(math.floor(x + 0.5))


def check(sc, seed, stats):
    a = pd.read_csv(f"{RUNS}/{sc}/{seed}/agents.csv")
    for t, g in a.groupby("t"):
        g = g.sort_values("agent")
        act = g.active.to_numpy() == 1
        vac = g[~act]
        stats["vacant_rows"] += len(vac)
        stats["vacant_bad"] += int(((vac.in_group != 0) | vac.attention.notna()).sum())
        n = int(act.sum())
        att = g.attention.to_numpy(float)[act]
        ing = g.in_group.to_numpy()[act]
        lmx = g.lmx.to_numpy(float)[act]
        seats = g.agent.to_numpy()[act]
        stats["weeks"] += 1
        if n == 0:
            continue
        stats["max_abs_mean_att_minus_1"] = max(stats["max_abs_mean_att_minus_1"], abs(att.mean() - 1.0))
        if sc == "lmx_even":
            stats["bad"] += int(((att != 1.0) | (ing != 0)).sum() > 0)
            continue
        k = min(max(lround(FOCUS * n), 0), n)
        want = k if 0 < k < n else 0
        if int(ing.sum()) != want:
            stats["bad_count"] += 1
        if 0 < k < n:
            pf = k / n + FAVOUR * (1 - k / n)
            ai, ao = n * pf / k, n * (1 - pf) / (n - k)
            err = max(np.abs(att[ing == 1] - ai).max(initial=0), np.abs(att[ing == 0] - ao).max(initial=0))
            stats["max_att_err"] = max(stats["max_att_err"], err)
            stats["in_group_iff_att_gt_1"] += int(np.all((att > 1) == (ing == 1)))
            stats["checked_weeks"] += 1
    return a


def ranking(sc, seed, stats):
    """in_group style: F(t) = top-k of the previous record's lmx among seats active at t (ties: lower seat).
    developmental: F(t) = bottom-k of this week's productivity (ties: lower seat)."""
    a = pd.read_csv(f"{RUNS}/{sc}/{seed}/agents.csv")
    steps, seats = a.t.max() + 1, a.agent.max() + 1
    def tab(c):
        x = np.full((steps, seats), np.nan)
        x[a.t, a.agent] = a[c].to_numpy(float)
        return x
    act, ing, lmx, prod = tab("active") == 1, tab("in_group") == 1, tab("lmx"), tab("productivity")
    for t in range(1, steps):
        present = np.flatnonzero(act[t])
        n = len(present)
        k = lround(FOCUS * n)
        if not 0 < k < n:
            continue
        if sc == "lmx_in_group":
            key = lmx[t - 1, present]
            if np.isnan(key).any():   # a seat that was vacant at the previous record
                stats["rank_skipped"] += 1
                continue
            order = present[np.argsort(-key, kind="stable")]
        else:
            key = prod[t, present]
            order = present[np.argsort(key, kind="stable")]
        want = set(order[:k].tolist())
        got = set(np.flatnonzero(ing[t]).tolist())
        stats["rank_weeks"] += 1
        stats["rank_match"] += int(want == got)


if __name__ == "__main__":
    first, last = int(sys.argv[1]), int(sys.argv[2])
    for sc in ["lmx_even", "lmx_in_group", "lmx_developmental"]:
        st = dict(weeks=0, vacant_rows=0, vacant_bad=0, max_abs_mean_att_minus_1=0.0, bad=0, bad_count=0,
                  max_att_err=0.0, in_group_iff_att_gt_1=0, checked_weeks=0, rank_weeks=0, rank_match=0,
                  rank_skipped=0)
        for s in range(first, last + 1):
            check(sc, s, st)
            if sc != "lmx_even":
                ranking(sc, s, st)
        print(sc, st)

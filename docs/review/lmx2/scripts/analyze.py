#!/usr/bin/python3
"""Claims of docs/review/network/plan2.md measured from CLI outputs (runs/SCEN/SEED), as fixed in plan.md.
Usage: analyze.py FIRST LAST OUT.csv  -> per-claim effect, 95%/99% t intervals, verdict; per-replicate CSV."""
import sys
import numpy as np
import pandas as pd
from scipy import stats

RUNS = "/work/review/lmx2/runs"
W = np.arange(1, 105)


class Run:
    def __init__(self, sc, seed):
        d = f"{RUNS}/{sc}/{seed}"
        a = pd.read_csv(f"{d}/agents.csv")
        self.ts = pd.read_csv(f"{d}/timeseries.csv").set_index("t")
        self.ev = pd.read_csv(f"{d}/events.csv")
        steps, seats = int(a.t.max()) + 1, int(a.agent.max()) + 1
        self.steps, self.seats = steps, seats
        def table(col):
            x = np.full((steps, seats), np.nan)
            x[a.t.to_numpy(), a.agent.to_numpy()] = a[col].to_numpy(dtype=float)
            return x
        self.active = table("active") == 1
        self.tab = {c: table(c) for c in ["power", "stance", "trust_in_manager", "morale", "in_group", "lmx",
                                          "attention"]}
        self.F = self.active & (self.tab["in_group"] == 1)
        self.O = self.active & ~(self.tab["in_group"] == 1)


def wmean(vals):
    v = np.asarray(vals, float)
    v = v[~np.isnan(v)]
    return v.mean() if len(v) else 0.0


def gmean(x, mask):
    """mean of x over seats in mask that are finite (nan if none)"""
    sel = mask & ~np.isnan(x)
    return x[sel].mean() if sel.any() else np.nan


def sd_active(x):
    v = x[~np.isnan(x)]
    if len(v) < 2:
        return np.nan
    m = v.mean()
    return np.sqrt(max(0.0, (v * v).mean() - m * m))


def quits(run, lo, hi):
    q = run.ev[(run.ev.event == "quit") & (run.ev.t >= lo) & (run.ev.t <= hi)]
    return q


def quit_rate(run, group):
    M = run.F if group == "in" else run.O
    seat_weeks = M[0:104].sum()
    q = quits(run, 1, 104)
    n = sum(1 for _, e in q.iterrows() if M[int(e.t) - 1, int(e.agent)])
    return n / seat_weeks if seat_weeks > 0 else 0.0


def lmx_claims(ev, fa):
    out = {}
    for key, col in (("1", "trust_in_manager"), ("2", "morale")):
        # L1/L2: in-group gain
        out["L" + key] = wmean([gmean(fa.tab[col][t], fa.F[t]) - gmean(ev.tab[col][t], fa.F[t]) for t in W])
    for key, col in (("3", "trust_in_manager"), ("4", "morale")):
        out["L" + key] = wmean([gmean(ev.tab[col][t], fa.O[t]) - gmean(fa.tab[col][t], fa.O[t]) for t in W])
    for key, col in (("5", "trust_in_manager"), ("6", "morale")):
        out["L" + key] = wmean([gmean(fa.tab[col][t], fa.F[t]) - gmean(fa.tab[col][t], fa.O[t]) for t in W])
    out["Nc1"] = ev.ts.loc[W, "morale"].mean() - fa.ts.loc[W, "morale"].mean()
    out["Nc2"] = ev.ts.loc[W, "peer_trust"].mean() - fa.ts.loc[W, "peer_trust"].mean()
    out["Nc3"] = wmean([sd_active(fa.tab["trust_in_manager"][t]) for t in W]) - \
        wmean([sd_active(ev.tab["trust_in_manager"][t]) for t in W])
    out["Nc4"] = len(quits(fa, 1, 104)) - len(quits(ev, 1, 104))
    out["Nc5"] = quit_rate(fa, "out") - quit_rate(fa, "in")
    return out


def seat_mean_w(run, col, seat, weeks):
    return wmean(run.tab[col][weeks, seat])


def top_share(run, seat, weeks):
    return float((run.ts.loc[weeks, "top_leader"] == seat).mean())


def group_stance(run, lo, hi, weeks):
    vals = []
    for t in weeks:
        x = run.tab["stance"][t, lo:hi + 1]
        vals.append(np.nanmean(x) if np.isfinite(x).any() else np.nan)
    return wmean(vals)


def net_claims(br, bd, bdis, cdis):
    out = {}
    out["Na1"] = seat_mean_w(br, "power", 0, W) - seat_mean_w(br, "power", 1, W)
    out["Na2"] = top_share(br, 0, W) - top_share(br, 1, W)
    out["Na-d1"] = seat_mean_w(bd, "power", 0, W) - seat_mean_w(bd, "power", 8, W)
    out["Na-d2"] = top_share(bd, 0, W) - top_share(bd, 8, W)
    W2 = np.arange(31, 61)
    out["Nb1"] = group_stance(br, 6, 11, W2) - group_stance(bdis, 6, 11, W2)
    out["Nb2"] = group_stance(br, 1, 5, W2) - group_stance(bdis, 1, 5, W2)
    out["Nb3"] = group_stance(cdis, 6, 11, W2) - group_stance(bdis, 6, 11, W2)
    out["Nb4"] = (group_stance(br, 2, 5, W2) - group_stance(cdis, 2, 5, W2)) - \
        (group_stance(br, 6, 11, W2) - group_stance(cdis, 6, 11, W2))
    return out


ORDER = ["Na1", "Na2", "Na-d1", "Na-d2", "Nb1", "Nb2", "Nb3", "Nb4", "L1", "L2", "L3", "L4", "L5", "L6",
         "Nc1", "Nc2", "Nc3", "Nc4", "Nc5"]


def summarize(df):
    rows = []
    n = len(df)
    t95, t99 = stats.t.ppf(0.975, n - 1), stats.t.ppf(0.995, n - 1)
    for c in ORDER:
        v = df[c].to_numpy(float)
        m, se = v.mean(), v.std(ddof=1) / np.sqrt(n)
        lo99, hi99 = m - t99 * se, m + t99 * se
        verdict = "holds" if lo99 > 0 else ("reversed" if hi99 < 0 else "fails")
        rows.append(dict(claim=c, n=n, effect=m, se=se, lo95=m - t95 * se, hi95=m + t95 * se,
                         lo99=lo99, hi99=hi99, verdict=verdict))
    return pd.DataFrame(rows)


if __name__ == "__main__":
    first, last, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    per = []
    for s in range(first, last + 1):
        r = {"seed": s}
        r.update(net_claims(Run("broker", s), Run("broker_degree", s), Run("broker_dissent", s),
                            Run("clique_dissent", s)))
        r.update(lmx_claims(Run("lmx_even", s), Run("lmx_in_group", s)))
        per.append(r)
    per = pd.DataFrame(per)
    per.to_csv(out.replace(".csv", "_per_replicate.csv"), index=False)
    summ = summarize(per)
    summ.to_csv(out, index=False)
    pd.set_option("display.width", 200)
    print(summ.to_string(index=False, float_format=lambda x: f"{x:.4f}"))

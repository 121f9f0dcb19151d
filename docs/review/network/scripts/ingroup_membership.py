#!/usr/bin/python3
"""Post-hoc (not in the plan): are seats 0-2 the in-group that the lmx_in_group manager actually favours?
The favoured set each week is the top-k active seats by lmx (k = round(0.25 N)), per docs/MODEL.md 7.12.
Also the LMX in-group measures with that dynamic membership (the same seats read in the paired lmx_even run)."""
import math, numpy as np, pandas as pd
from scipy import stats
OUT = "/tmp/revnet_runs"
rows = []
for seed in range(5001, 5061):
    ig = pd.read_csv(f"{OUT}/lmx_in_group/{seed}/agents.csv")
    ev = pd.read_csv(f"{OUT}/lmx_even/{seed}/agents.csv")
    L = ig.pivot(index="t", columns="agent", values="lmx")
    match, weeks, dyn_in = 0, 0, {}
    for t in range(0, 105):
        row = L.loc[t].dropna()
        k = int(math.floor(0.25 * len(row) + 0.5))
        top = list(row.sort_values(ascending=False, kind="stable").index[:k])
        if t >= 1:
            weeks += 1; match += set(top) == {0, 1, 2}
            dyn_in[t] = top
    t0 = L.loc[0]
    top0 = set(t0.sort_values(ascending=False, kind="stable").index[:3])
    def dyn(df, field):
        P = df.pivot(index="t", columns="agent", values=field)
        return np.nanmean([np.nanmean(P.loc[t, s].values) for t, s in dyn_in.items()])
    rows.append(dict(seed=seed, share_weeks_top3_is_seats012=match / weeks, t0_top3_is_seats012=top0 == {0, 1, 2},
                     lmx_seats012_t0=float(t0[[0, 1, 2]].mean()),
                     dyn_in_trust=dyn(ig, "trust_in_manager") - dyn(ev, "trust_in_manager"),
                     dyn_in_morale=dyn(ig, "morale") - dyn(ev, "morale")))
df = pd.DataFrame(rows)
df.to_csv("/work/review/network/ingroup_membership.csv", index=False, float_format="%.6g")
print("runs where seats 0-2 are the top-3 at t=0:", int(df.t0_top3_is_seats012.sum()), "of", len(df))
print("mean share of weeks 1-104 where the favoured set is exactly seats 0-2:", round(df.share_weeks_top3_is_seats012.mean(), 3))
print("distribution of that share:", df.share_weeks_top3_is_seats012.describe().round(3).to_dict())
for m in ["dyn_in_trust", "dyn_in_morale"]:
    x = df[m].values; n = len(x); mu = x.mean(); se = x.std(ddof=1) / math.sqrt(n)
    q95, q99 = stats.t.ppf(.975, n - 1), stats.t.ppf(.995, n - 1)
    print(f"{m}: {mu:.4f} 95% [{mu-q95*se:.4f}, {mu+q95*se:.4f}] 99% [{mu-q99*se:.4f}, {mu+q99*se:.4f}]")

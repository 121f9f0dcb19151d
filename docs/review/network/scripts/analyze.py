#!/usr/bin/python3
"""Per-replicate measures (the authors' definitions, tests/network_patterns_test.cpp) from CLI outputs,
paired differences, 95%/99% t intervals. Writes results.csv (and per_replicate.csv)."""
import math, os
import numpy as np, pandas as pd
from scipy import stats

OUT = os.environ.get("REVNET_OUT", "/tmp/revnet_runs")
SEEDS = list(range(int(os.environ.get("REVNET_SEED0", 5001)), int(os.environ.get("REVNET_SEED0", 5001)) + int(os.environ.get("REVNET_N", 60))))
RES = os.environ.get("REVNET_RES", "/work/review/network")

def load(tag, seed):
    d = f"{OUT}/{tag}/{seed}"
    ag = pd.read_csv(f"{d}/agents.csv")
    ts = pd.read_csv(f"{d}/timeseries.csv").set_index("t")
    ev = pd.read_csv(f"{d}/events.csv")
    piv = {f: ag.pivot(index="t", columns="agent", values=f)
           for f in ["power", "stance", "trust_in_manager", "morale", "lmx"]}
    quits = ev[(ev.event == "quit") & (ev.t >= 1)].agent.astype(int).tolist()
    return dict(piv=piv, ts=ts, quits=quits)

def win_group(run, field, a, b, seats):
    """Mean over weeks a..b of the mean over the active seats (NaN weeks skipped; 0 if none, as the test)."""
    g = run["piv"][field].loc[a:b, list(seats)].mean(axis=1, skipna=True)
    return float(g.mean()) if g.notna().any() else 0.0

def win_top(run, a, b, seat):
    return float((run["ts"].loc[a:b, "top_leader"] == seat).mean())

def win_ts(run, col, a, b):
    return float(run["ts"].loc[a:b, col].mean())

def win_sd(run, field, a, b):
    p = run["piv"][field].loc[a:b]
    sd = p.std(axis=1, ddof=0)[p.notna().sum(axis=1) >= 2]
    return float(sd.mean())

def quits_of(run, seats, a=1, b=10**9, tsq=None):
    return 0.0  # replaced below

def broker_measures(cfg, win, base, bd, cq):
    n = cfg["n"]; half = n // 2
    own_b = range(1, half); own_c = range(2, half); second = range(half, n)
    a, b = win["nb"]
    r = {}
    fa, fb = win["na"]
    r["Na.power"] = win_group(base, "power", fa, fb, [0]) - win_group(base, "power", fa, fb, [1])
    r["Na.top"] = win_top(base, fa, fb, 0) - win_top(base, fa, fb, 1)
    r["Nb.second"] = win_group(base, "stance", a, b, second) - win_group(bd, "stance", a, b, second)
    r["Nb.own"] = win_group(base, "stance", a, b, own_b) - win_group(bd, "stance", a, b, own_b)
    r["Nb.cmp"] = win_group(cq, "stance", a, b, second) - win_group(bd, "stance", a, b, second)
    r["Nb.clique"] = ((win_group(base, "stance", a, b, own_c) - win_group(cq, "stance", a, b, own_c))
                      - (win_group(base, "stance", a, b, second) - win_group(cq, "stance", a, b, second)))
    return r

def lmx_measures(cfg, win, ev, ig):
    n = cfg["n"]; k = cfg["k"]
    a, b = win["lmx"]
    ins, outs = range(0, k), range(k, n)
    oq = lambda run: float(sum(1 for t, s in run["quits"] if s >= k and a <= t <= b))
    r = {}
    r["Nc.morale"] = win_ts(ev, "morale", a, b) - win_ts(ig, "morale", a, b)
    r["Nc.peer"] = win_ts(ev, "peer_trust", a, b) - win_ts(ig, "peer_trust", a, b)
    r["Nc.sdtrust"] = win_sd(ig, "trust_in_manager", a, b) - win_sd(ev, "trust_in_manager", a, b)
    r["Nc.quits"] = oq(ig) - oq(ev)
    r["LMX.out_trust"] = win_group(ev, "trust_in_manager", a, b, outs) - win_group(ig, "trust_in_manager", a, b, outs)
    r["LMX.out_morale"] = win_group(ev, "morale", a, b, outs) - win_group(ig, "morale", a, b, outs)
    r["LMX.in_trust"] = win_group(ig, "trust_in_manager", a, b, ins) - win_group(ev, "trust_in_manager", a, b, ins)
    r["LMX.in_morale"] = win_group(ig, "morale", a, b, ins) - win_group(ev, "morale", a, b, ins)
    # descriptive: mean lmx of in/out seats under each style, weeks a..b
    r["desc.lmx_in_ingroup"] = win_group(ig, "lmx", a, b, ins)
    r["desc.lmx_out_ingroup"] = win_group(ig, "lmx", a, b, outs)
    r["desc.lmx_even_all"] = win_group(ev, "lmx", a, b, range(n))
    r["desc.quits_out_even"] = oq(ev)
    r["desc.quits_out_ingroup"] = oq(ig)
    return r

def load_q(tag, seed):
    run = load(tag, seed)
    ev = pd.read_csv(f"{OUT}/{tag}/{seed}/events.csv")
    run["quits"] = [(int(t), int(s)) for t, s in ev[(ev.event == "quit") & (ev.t >= 1)][["t", "agent"]].values]
    return run

AUTHORS = {"Na.power": 0.0470, "Na.top": 0.845, "Nb.second": 0.0925, "Nb.own": 0.0973, "Nb.cmp": 0.0894,
           "Nb.clique": 0.0414, "Nc.morale": 0.1404, "Nc.peer": 0.0328, "Nc.sdtrust": 0.0452, "Nc.quits": 1.93,
           "LMX.out_trust": 0.0470, "LMX.out_morale": 0.1477, "LMX.in_trust": 0.0101, "LMX.in_morale": -0.1186}
AUTHORS95 = {"Na.power": (0.0415, 0.0525), "Na.top": (0.747, 0.943), "Nb.second": (0.0833, 0.1018),
             "Nb.own": (0.0868, 0.1077), "Nb.cmp": (0.0806, 0.0983), "Nb.clique": (0.0319, 0.0509),
             "Nc.morale": (0.1349, 0.1459), "Nc.peer": (0.0250, 0.0405), "Nc.sdtrust": (0.0396, 0.0508),
             "Nc.quits": (0.99, 2.86), "LMX.out_trust": (0.0405, 0.0535), "LMX.out_morale": (0.1415, 0.1539),
             "LMX.in_trust": (-0.0055, 0.0258), "LMX.in_morale": (-0.1247, -0.1125)}

VARIANTS = {
    "main": dict(b=("broker", "broker_dissent", "clique_dissent"), l=("lmx_even", "lmx_in_group"),
                 bn=12, ln=12, k=3, win=dict(na=(1, 104), nb=(31, 60), lmx=(1, 104))),
    "V1_window": dict(b=("broker", "broker_dissent", "clique_dissent"), l=("lmx_even", "lmx_in_group"),
                      bn=12, ln=12, k=3, win=dict(na=(53, 104), nb=(61, 90), lmx=(53, 104))),
    "V2_bigger": dict(b=("broker18", "broker18_dissent", "clique18_dissent"), l=("lmx24_even", "lmx24_in_group"),
                      bn=18, ln=24, k=6, win=dict(na=(1, 104), nb=(31, 60), lmx=(1, 104))),
}

def summarize(x):
    x = np.asarray(x, float); n = len(x); m = x.mean(); se = x.std(ddof=1) / math.sqrt(n)
    t95, t99 = stats.t.ppf(0.975, n - 1), stats.t.ppf(0.995, n - 1)
    return dict(n=n, effect=m, se=se, lo95=m - t95 * se, hi95=m + t95 * se, lo99=m - t99 * se, hi99=m + t99 * se)

def main():
    rows, per = [], []
    cache = {}
    def get(tag, seed):
        if (tag, seed) not in cache:
            cache[(tag, seed)] = load_q(tag, seed)
        return cache[(tag, seed)]
    for vname, v in VARIANTS.items():
        if not all(os.path.isdir(f"{OUT}/{t}") for t in v["b"] + v["l"]):
            print("skip", vname); continue
        recs = []
        for seed in SEEDS:
            r = {"variant": vname, "seed": seed}
            r.update(broker_measures(dict(n=v["bn"]), v["win"], *[get(t, seed) for t in v["b"]]))
            r.update(lmx_measures(dict(n=v["ln"], k=v["k"]), v["win"], *[get(t, seed) for t in v["l"]]))
            recs.append(r)
        df = pd.DataFrame(recs); per.append(df)
        for m in [c for c in df.columns if c not in ("variant", "seed")]:
            s = summarize(df[m])
            if m.startswith("desc."):
                verdict = "descriptive"
            elif s["lo99"] > 0:
                verdict = "holds"
            elif s["hi99"] < 0:
                verdict = "reversed"
            else:
                verdict = "does not hold"
            row = dict(variant=vname, measure=m, **s, verdict=verdict)
            if vname == "main" and m in AUTHORS:
                row["authors_effect_seeds1_40"] = AUTHORS[m]
                row["authors_lo95"], row["authors_hi95"] = AUTHORS95[m]
                row["authors_in_our95"] = s["lo95"] <= AUTHORS[m] <= s["hi95"]
            rows.append(row)
    out = pd.DataFrame(rows)
    out.to_csv(f"{RES}/results.csv", index=False, float_format="%.5g")
    pd.concat(per).to_csv(f"{RES}/per_replicate.csv", index=False, float_format="%.6g")
    with pd.option_context("display.width", 250, "display.max_rows", 200):
        print(out[["variant", "measure", "effect", "lo95", "hi95", "lo99", "hi99", "verdict"]
                  + (["authors_effect_seeds1_40", "authors_in_our95"] if "authors_in_our95" in out else [])]
              .to_string(float_format=lambda x: f"{x:.4f}"))

if __name__ == "__main__":
    main()

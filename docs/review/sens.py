import pandas as pd, numpy as np, scipy.stats as st
runs = pd.read_csv("out_fresh/runs.csv"); ts = pd.read_csv("out_fresh/timeseries.csv").merge(runs[["run_id","scenario","replicate"]], on="run_id")
ts["scenario"] = ts.scenario.str.replace(".toml","")
P = ts.pivot_table(index=["replicate","t"], columns="scenario", values="productivity")
def ci(x):
    x=np.asarray(x); m=x.mean(); h=st.t.ppf(.975,len(x)-1)*x.std(ddof=1)/np.sqrt(len(x)); return f"{m:+.4f} [{m-h:+.4f},{m+h:+.4f}]"
d = (P.micromanager - P.manager_who_leads).groupby("t").mean()
print("micro-leads productivity by week:", " ".join(f"{t}:{v:+.3f}" for t,v in d.loc[0:30].items()))
def w(s,a,b): return P[s].loc[(slice(None),slice(a,b))].groupby("replicate").mean()
for a,b in [(1,12),(2,12),(1,4),(2,8),(2,26),(13,26),(1,52)]:
    print(f"P3 micro-leads {a}-{b}:", ci(w("micromanager",a,b)-w("manager_who_leads",a,b)))
cc = P.change_crisis.groupby("t").mean()
print("change_crisis mean prod wk 25-50:", " ".join(f"{t}:{v:.3f}" for t,v in cc.loc[25:50].items()))
print("pre (1-29) vs 90-104:", ci(w("change_crisis",90,104)-w("change_crisis",1,29)))
dl = (P.change_crisis_leading - P.change_crisis).groupby("t").mean()
print("leading-plain by week 30-104 (every 4):", " ".join(f"{t}:{v:+.3f}" for t,v in dl.loc[30:104:4].items()))
for a,b in [(30,45),(46,70),(71,104),(46,104),(30,104)]:
    print(f"P4 leading-plain {a}-{b}:", ci(w("change_crisis_leading",a,b)-w("change_crisis",a,b)))
for a,b in [(46,70),(71,104)]:
    print(f"P4 plain-controlling {a}-{b}:", ci(w("change_crisis",a,b)-w("change_crisis_controlling",a,b)))
# weeks to recover to 95% of pre-shock mean, per run
def rec(s):
    out=[]
    for r,g in P[s].groupby("replicate"):
        g=g.droplevel(0); pre=g.loc[1:29].mean(); post=g.loc[31:]
        hit=post[post>=0.95*pre]; out.append(hit.index[0]-30 if len(hit) else np.nan)
    return pd.Series(out)
for s in ["change_crisis","change_crisis_leading","change_crisis_controlling"]:
    r=rec(s); print(s,"weeks to 95% of pre-shock: median",r.median(),"mean",round(r.mean(),1),"not recovered",r.isna().sum())
T = ts.pivot_table(index=["replicate","t"], columns="scenario", values="trust_in_manager")
print("P5 promoted-outsider trust, wk 100-104:", ci(T.promote_natural_leader.loc[(slice(None),slice(100,104))].groupby("replicate").mean()-T.outside_hire.loc[(slice(None),slice(100,104))].groupby("replicate").mean()))
# P1 proxy: share of runs with any informal leader in sw0 over all t
IL = ts[ts.scenario=="sw_p1"].groupby("replicate").informal_leaders.apply(lambda s:(s>0).mean())
print("sw0: mean share of weeks with an informal leader:", round(IL.mean(),3))

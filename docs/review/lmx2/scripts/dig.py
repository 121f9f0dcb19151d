import math, sys, numpy as np, pandas as pd
RUNS="/work/review/lmx2/runs"
sc=sys.argv[1]; shown=0
for seed in range(7001,7061):
    a=pd.read_csv(f"{RUNS}/{sc}/{seed}/agents.csv"); ev=pd.read_csv(f"{RUNS}/{sc}/{seed}/events.csv")
    for t,g in a.groupby("t"):
        act=g[g.active==1]; n=len(act); k=math.floor(0.25*n+0.5)
        if act.in_group.sum()!=(k if 0<k<n else 0) or abs(act.attention.mean()-1)>1e-9:
            if shown<6:
                print(seed,t,"n",n,"k",k,"in_group",act.in_group.sum(),"att",act.attention.round(3).tolist(),
                      "events t-1..t:",ev[(ev.t>=t-1)&(ev.t<=t)][["t","event","agent"]].values.tolist())
            shown+=1
print("total",shown)

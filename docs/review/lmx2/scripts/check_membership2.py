#!/usr/bin/python3
"""Check (c), timing-aware (added after the first check showed mismatches; see report): the attention of week t
is allocated at stage `attend` over the seats active then = the seats active at record t-1 (no scheduled events
in these scenarios); quits/hires later in week t change the recorded headcount. Usage: check_membership2.py F L"""
import math, sys
import numpy as np, pandas as pd
RUNS = "/work/review/lmx2/runs"
FOCUS, FAVOUR = 0.25, 0.6
lround = lambda x: int(math.floor(x + 0.5))

for sc in ["lmx_in_group", "lmx_developmental"]:
    st = dict(weeks=0, no_quit_weeks=0, count_exact_no_quit=0, count_in_range=0, share_ok=0, share_bad=0,
              new_seat_attention=[], rank_weeks=0, rank_match=0, naive_count_mismatch=0, naive_mean_ne_1=0)
    for seed in range(int(sys.argv[1]), int(sys.argv[2]) + 1):
        a = pd.read_csv(f"{RUNS}/{sc}/{seed}/agents.csv")
        ev = pd.read_csv(f"{RUNS}/{sc}/{seed}/events.csv")
        steps, seats = a.t.max() + 1, a.agent.max() + 1
        def tab(c):
            x = np.full((steps, seats), np.nan); x[a.t, a.agent] = a[c].to_numpy(float); return x
        act, ing, att, lmx = tab("active") == 1, tab("in_group") == 1, tab("attention"), tab("lmx")
        for t in range(1, steps):
            n_rec = act[t].sum(); k_rec = lround(FOCUS * n_rec)
            st["naive_count_mismatch"] += int(ing[t].sum() != (k_rec if 0 < k_rec < n_rec else 0))
            st["naive_mean_ne_1"] += int(abs(np.nanmean(att[t][act[t]]) - 1) > 1e-9)
            S = np.flatnonzero(act[t - 1]); n = len(S); k = lround(FOCUS * n)
            q = int(((ev.event == "quit") & (ev.t == t)).sum()) + int(((ev.event == "laid_off") & (ev.t == t)).sum())
            st["weeks"] += 1
            got = int(ing[t].sum())
            if q == 0:
                st["no_quit_weeks"] += 1; st["count_exact_no_quit"] += int(got == k)
            st["count_in_range"] += int(k - q <= got <= k)
            pf = k / n + FAVOUR * (1 - k / n)
            ai, ao = n * pf / k, n * (1 - pf) / (n - k)
            for i in np.flatnonzero(act[t]):
                if not act[t - 1][i]:
                    st["new_seat_attention"].append(att[t][i]); continue
                want = ai if ing[t][i] else ao
                st["share_ok" if abs(att[t][i] - want) < 1e-12 else "share_bad"] += 1
            if sc == "lmx_in_group":
                order = S[np.argsort(-lmx[t - 1, S], kind="stable")]
                want = set(order[:k].tolist()) & set(np.flatnonzero(act[t]).tolist())
                st["rank_weeks"] += 1; st["rank_match"] += int(want == set(np.flatnonzero(ing[t]).tolist()))
    v = st.pop("new_seat_attention")
    print(sc, st, "attention of seats active at t but not t-1:", sorted(set(np.round(v, 6)))[:10], "n=", len(v))

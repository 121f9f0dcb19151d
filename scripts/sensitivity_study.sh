#!/usr/bin/env bash
# The sensitivity study of docs/ANALYSIS.md: runs scenarios/sweeps/manager_style_saltelli.toml, computes the
# Sobol indices with `teamsim sensitivity`, and regenerates the study's numbers and figure in docs:
# docs/sensitivity_manager_style.csv (every metric), the table between the markers in docs/ANALYSIS.md and
# docs/figures/sensitivity_manager_style.png. Rerun it whenever the model changes.
#
# usage: scripts/sensitivity_study.sh [TEAMSIM_BIN]   (default build/release/sim/teamsim, else build/ci)
# Environment: THREADS (nproc); OUT (a temporary folder) keeps the sweep there.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/sim/teamsim}
[[ -x $bin ]] || bin=build/ci/sim/teamsim
threads=${THREADS:-$(nproc)}
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/teamsim-sensitivity.XXXXXX")}
[[ -n ${OUT:-} ]] || trap 'rm -rf "$out"' EXIT
start=$SECONDS
"$bin" sweep scenarios/sweeps/manager_style_saltelli.toml -o "$out/sweep" --threads "$threads" -q --resume
echo "sweep: $((SECONDS - start)) s"
"$bin" sensitivity "$out/sweep" -q -o docs/sensitivity_manager_style.csv
/usr/bin/python3 - docs/sensitivity_manager_style.csv docs/ANALYSIS.md docs/figures/sensitivity_manager_style.png <<'PY'
import re, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
csv, doc, png = sys.argv[1:]
s = pd.read_csv(csv)
metrics = ["final_productivity", "final_morale", "mean_productivity", "mean_morale", "total_quits"]
# The table: S1 and ST with intervals, parameters ranked by ST within each metric.
lines = ["| metric (noise share) | parameter | S1 [95% interval] | ST [95% interval] |", "|---|---|---|---|"]
for m in metrics:
    g = s[s.metric == m].sort_values("ST", ascending=False)
    for i, r in enumerate(g.itertuples()):
        name = f"{m} ({100 * r.noise_share:.0f}%)" if i == 0 else ""
        lines.append(f"| {name} | {r.parameter} | {r.S1:.3f} [{r.S1_lo:.3f}, {r.S1_hi:.3f}] | "
                     f"{r.ST:.3f} [{r.ST_lo:.3f}, {r.ST_hi:.3f}] |")
text = open(doc).read()
text = re.sub(r"(<!-- sensitivity-table:begin -->\n).*?(<!-- sensitivity-table:end -->)",
              lambda mt: mt.group(1) + "\n".join(lines) + "\n" + mt.group(2), text, flags=re.S)
open(doc, "w").write(text)
# The figure: S1 and ST with their intervals, one panel per metric.
fig, axes = plt.subplots(1, len(metrics), figsize=(4 * len(metrics), 4), sharey=True)
params = list(s.parameter.unique())
for ax, m in zip(axes, metrics):
    g = s[s.metric == m].set_index("parameter").loc[params]
    y = range(len(params))
    ax.errorbar(g.S1, [v + 0.15 for v in y], xerr=[g.S1 - g.S1_lo, g.S1_hi - g.S1], fmt="o", label="S1 (first order)")
    ax.errorbar(g.ST, [v - 0.15 for v in y], xerr=[g.ST - g.ST_lo, g.ST_hi - g.ST], fmt="s", label="ST (total)")
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_title(f"{m}\nnoise {100 * g.noise_share.iloc[0]:.0f}% of variance", fontsize=10)
    ax.set_yticks(list(y))
    ax.set_yticklabels([p.replace("manager.", "") for p in params])
axes[0].legend(loc="lower right", fontsize=8)
fig.suptitle("Sobol indices of baseline's manager style (saltelli, 512 base points, 5 replicates; 95% bootstrap intervals)")
fig.tight_layout()
fig.savefig(png, dpi=110)
print(f"wrote {csv}, {png} and the table in {doc}")
PY
echo "total: $((SECONDS - start)) s"

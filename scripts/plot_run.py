#!/usr/bin/python3
"""Plot one run's productivity and morale over time, with scheduled events marked.

usage: scripts/plot_run.py RUN_DIR [OUTPUT.png]   (default: RUN_DIR/plot.png)
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

# Event types drawn as vertical lines; quits and hires (mostly emergent) are drawn as markers.
SCHEDULED = {"set", "dissent", "change", "promote", "replace_manager", "layoff", "dialogue"}


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    run = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) == 3 else run / "plot.png"
    ts = pd.read_csv(run / "timeseries.csv")
    events = pd.read_csv(run / "events.csv", dtype={"detail": str})

    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.plot(ts["t"], ts["productivity"], label="productivity", color="tab:blue")
    ax.plot(ts["t"], ts["morale"], label="morale", color="tab:orange")
    ax.fill_between(ts["t"], ts["morale"] - ts["morale_sd"], ts["morale"] + ts["morale_sd"],
                    color="tab:orange", alpha=0.15, label="morale ± sd")
    marked = events[events["event"].isin(SCHEDULED)]
    for _, e in marked.drop_duplicates(["t", "event"]).iterrows():
        ax.axvline(e["t"], color="grey", linestyle=":", linewidth=1)
        ax.annotate(e["event"], (e["t"], 1.0), xycoords=("data", "axes fraction"), rotation=90,
                    va="top", ha="right", fontsize=8, color="grey")
    for name, marker, color in (("quit", "x", "tab:red"), ("hire", "+", "tab:green")):
        rows = events[events["event"] == name]
        if len(rows):
            ax.plot(rows["t"], [0.02] * len(rows), marker, color=color, label=name, transform=ax.get_xaxis_transform())
    ax.set_xlabel("week (t)")
    ax.set_ylabel("level")
    ax.set_ylim(0, 1)
    ax.set_title(f"{run.name}: productivity and morale")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

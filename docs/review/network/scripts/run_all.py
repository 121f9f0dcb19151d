#!/usr/bin/python3
"""Runs every (scenario, seed) of the review through the CLI. Usage: run_all.py [main|v2|all]"""
import os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

BIN = "/work/wt/review-net/build/release/sim/teamsim"
OUT = os.environ.get("REVNET_OUT", "/tmp/revnet_runs")
SEEDS = range(int(os.environ.get("REVNET_SEED0", 5001)), int(os.environ.get("REVNET_SEED0", 5001)) + int(os.environ.get("REVNET_N", 60)))
SC = "/work/review/network/scenarios"
MAIN = ["broker", "broker_dissent", "clique_dissent", "lmx_even", "lmx_in_group"]
V2 = [f"{SC}/{n}.toml" for n in ["broker18", "broker18_dissent", "clique18_dissent", "lmx24_even", "lmx24_in_group"]]

def tag(s):
    return os.path.basename(s).removesuffix(".toml")

def one(job):
    scen, seed = job
    d = f"{OUT}/{tag(scen)}/{seed}"
    if os.path.exists(f"{d}/run.json"):
        return 0
    os.makedirs(os.path.dirname(d), exist_ok=True)
    r = subprocess.run(["nice", BIN, "run", scen, "--seed", str(seed), "-o", d, "--agents"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL", scen, seed, r.returncode, r.stderr[:500], flush=True)
    return r.returncode

which = sys.argv[1] if len(sys.argv) > 1 else "all"
scens = (MAIN if which in ("main", "all") else []) + (V2 if which in ("v2", "all") else [])
jobs = [(s, seed) for s in scens for seed in SEEDS]
with ThreadPoolExecutor(2) as ex:
    rcs = list(ex.map(one, jobs))
print("runs", len(rcs), "failed", sum(1 for r in rcs if r))

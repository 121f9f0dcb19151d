#!/bin/bash
# Usage: run_all.sh FIRST LAST SCEN... ; runs teamsim for each scenario x seed into runs/SCEN/SEED (2 at a time, nice'd).
set -u
BIN=/work/wt/review2/build/release/sim/teamsim
OUT=/work/review/lmx2/runs
first=$1; last=$2; shift 2
for sc in "$@"; do for s in $(seq $first $last); do
  [ -f $OUT/$sc/$s/agents.csv ] || echo "$sc $s"
done; done | xargs -P2 -n2 sh -c 'mkdir -p '$OUT'/$0 && nice -n 10 '$BIN' run $0 --seed $1 --agents -q -o '$OUT'/$0/$1 || echo FAIL $0 $1 >&2'

#!/bin/bash
# (d) determinism: 5 runs rerun, cmp all files.  (e) baseline vs main's build.
set -u
BIN=/work/wt/review2/build/release/sim/teamsim
MAIN=/work/main/build/release/sim/teamsim
D=/work/review/lmx2/det
rm -rf $D; mkdir -p $D
echo "== (d) determinism"
for pair in "lmx_in_group 7001" "lmx_even 7002" "broker_dissent 7003" "broker_degree 7004" "lmx_developmental 7005"; do
  set -- $pair
  for rep in a b; do nice -n 10 $BIN run $1 --seed $2 --agents --network 13 -q -o $D/$1_$2_$rep; done
  for f in $(cd $D/$1_$2_a && ls); do
    if cmp -s $D/$1_$2_a/$f $D/$1_$2_b/$f; then echo "$1 $2 $f identical"; else echo "$1 $2 $f DIFFERS"; fi
  done
done
echo "== (e) baseline: branch $($BIN --version) vs main build $($MAIN --version)"
for seed in default 7001 7002; do
  arg=""; [ $seed != default ] && arg="--seed $seed"
  nice -n 10 $BIN run baseline $arg --agents --network 13 -q -o $D/base_branch_$seed
  nice -n 10 $MAIN run baseline $arg --agents --network 13 -q -o $D/base_main_$seed
  for f in $(cd $D/base_main_$seed && ls); do
    if cmp -s $D/base_branch_$seed/$f $D/base_main_$seed/$f; then echo "baseline $seed $f identical"; else echo "baseline $seed $f DIFFERS"; fi
  done
done

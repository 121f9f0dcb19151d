#!/bin/bash
# Malformed network specs: message, exit code, and whether anything is written.
BIN=/work/wt/review-net/build/release/sim/teamsim
B=/work/review/network/bad
O=/tmp/revnet_bad
rm -rf $O; mkdir -p $O
echo "case|exit|stderr|output_dir_after"
for f in $B/*.toml; do
  n=$(basename $f .toml)
  err=$($BIN run $f --seed 1 -o $O/$n --agents 2>&1 >/dev/null); rc=$?
  if [ -e $O/$n ]; then w="exists: $(ls -A $O/$n | tr '\n' ' ')"; else w="not created"; fi
  echo "$n|$rc|$(echo "$err" | tr '\n' ' ')|$w"
done
# via --set on the command line
i=0
for s in 'network.kind=scale_free' 'network.edges=[[0,6],[0,99]]' 'network.edges=[[0,6,-1]]'; do
  i=$((i+1)); d=$O/set_$i
  err=$($BIN run broker --set "$s" --seed 1 -o $d 2>&1 >/dev/null); rc=$?
  if [ -e $d ]; then w="exists: $(ls -A $d | tr '\n' ' ')"; else w="not created"; fi
  echo "--set $s|$rc|$(echo "$err" | tr '\n' ' ')|$w"
done
# into an existing empty folder: still empty afterwards?
mkdir -p $O/pre_existing
err=$($BIN run $B/edge_out_of_range.toml --seed 1 -o $O/pre_existing 2>&1 >/dev/null); rc=$?
echo "edge_out_of_range into existing empty dir|$rc|$(echo "$err" | tr '\n' ' ')|contents: '$(ls -A $O/pre_existing | tr '\n' ' ')'"
# validate
for f in $B/negative_weight.toml $B/csv_malformed.toml; do
  err=$($BIN validate $f 2>&1); rc=$?
  echo "validate $(basename $f)|$rc|$(echo "$err" | tr '\n' ' ')|-"
done

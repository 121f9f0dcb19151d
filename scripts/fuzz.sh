#!/usr/bin/env bash
# Builds the libFuzzer harnesses (preset `fuzz`: clang, ASan + UBSan, toml++'s own assertions on) and runs
# each for a bounded time from the seed corpus in fuzz/corpus/. Usage: scripts/fuzz.sh [SECONDS] (default
# 25 per harness). New inputs go to a temporary folder, never into the repository; a crash leaves its
# input as build/fuzz/crash-* and fails the script. Prints the number of executions of each harness.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-25}"
cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target scenario_fuzz sweep_fuzz
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for name in scenario sweep; do
  mkdir -p "$work/$name"
  log="$work/$name.log"
  if ! build/fuzz/fuzz/${name}_fuzz -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=20 \
      -artifact_prefix=build/fuzz/ -print_final_stats=1 "$work/$name" "fuzz/corpus/$name" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: ${name}_fuzz found a failure (input saved under build/fuzz/)" >&2
    exit 1
  fi
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  echo "fuzz: ${name}_fuzz ran ${runs} inputs in ${seconds} s, no failure"
done

#!/usr/bin/env bash
# Lint and format checks (run by scripts/test.sh): clang-tidy with the committed .clang-tidy on the sources
# of sim/ and sim/cli/, using the ci build's compile_commands.json, and clang-format --dry-run --Werror
# (the committed .clang-format) on every tracked C++ file. Fails on any finding.
#
# usage: scripts/lint.sh [BUILD_DIR]    (default build/ci; configure it first: cmake --preset ci)
# Environment: JOBS (default: nproc) parallel clang-tidy processes.
# To fix formatting: clang-format -i FILE...; CONTRIBUTING.md says which checks are on and why.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/ci}
jobs=${JOBS:-$(nproc)}

for tool in clang-tidy clang-format run-clang-tidy; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found (scripts/install-deps.sh --test)" >&2; exit 2; }
done
if [[ ! -f $build/compile_commands.json ]]; then
  echo "error: $build/compile_commands.json is missing; configure first: cmake --preset ci" >&2
  exit 2
fi
# The files are git's tracked ones; a tarball without .git has no list.
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "error: $PWD is not a git checkout (scripts/lint.sh lints the tracked files)" >&2
  exit 2
fi

started=$SECONDS
status=0
mapfile -t cpp < <(git ls-files '*.cpp' '*.hpp' '*.h')
if clang-format --dry-run --Werror "${cpp[@]}"; then
  echo "format:     ${#cpp[@]} files match .clang-format"
else
  echo "format:     files differ from .clang-format (fix: clang-format -i FILE...)" >&2
  status=1
fi

# Only the sources of sim/ and sim/cli/ (their headers through HeaderFilterRegex); tests, fuzzers and
# benchmarks are left out. run-clang-tidy takes a regular expression over compile_commands.json's files.
mapfile -t sources < <(git ls-files 'sim/*.cpp' 'sim/cli/*.cpp')
pattern="^$PWD/($(IFS='|'; echo "${sources[*]}" | sed 's/\./\\./g'))\$"
log=$(mktemp "${TMPDIR:-/tmp}/teamsim-lint.XXXXXX")
trap 'rm -f "$log"' EXIT
if run-clang-tidy -p "$build" -j "$jobs" -quiet "$pattern" >"$log" 2>&1 && ! grep -q "error:" "$log"; then
  echo "clang-tidy: ${#sources[@]} sources of sim/ and sim/cli/ pass .clang-tidy"
else
  grep -v "^clang-tidy\|warnings generated\|^Suppressed\|^Use -header-filter\|^Running clang-tidy" "$log" >&2 || true
  echo "clang-tidy: findings above (.clang-tidy; every check is an error)" >&2
  status=1
fi
echo "lint:       $((SECONDS - started)) s"
exit "$status"

#!/usr/bin/env bash
# The README's second command (and what CI runs): install what is missing, build with warnings as
# errors (gcc), run the whole test suite and the lint and format checks; then build with the second
# compiler, clang, with AddressSanitizer + UBSan and warnings as errors, and run the fast tests again;
# then fuzz the parsers for a short, bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh ci
ctest --preset ci -j "$(nproc)"
# clang-tidy (.clang-tidy) on sim/ and sim/cli/, clang-format --dry-run --Werror on every C++ file.
scripts/lint.sh build/ci
scripts/build.sh dev  # clang (CMakePresets.json): CI builds and tests with both compilers
ctest --preset dev -j "$(nproc)" -LE slow
# libFuzzer on the scenario and sweep parsers, 25 s each (clang, ASan + UBSan; see fuzz/).
scripts/fuzz.sh 25

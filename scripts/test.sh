#!/usr/bin/env bash
# The README's second command (and what CI runs): install what is missing, build with warnings as
# errors, run the whole test suite; then build with AddressSanitizer + UBSan and run it again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh ci
ctest --preset ci -j "$(nproc)"
scripts/build.sh dev
ctest --preset dev -j "$(nproc)" -LE slow

#!/usr/bin/env bash
# Regenerates docs/figures/*.png from the notebooks: runs tests/notebooks_test.sh (fresh teamsim output,
# every notebook executed headless) with TEAMSIM_FIGURES_DIR set, then shrinks the PNGs to 256-colour
# palettes and copies them into docs/figures/ (a figure no notebook saves any more is left as it is).
#
# usage: scripts/make_figures.sh [TEAMSIM_BIN]   (default: $TEAMSIM_BIN, else build/release/sim/teamsim,
#                                                  else the newest build/*/sim/teamsim)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${TEAMSIM_PYTHON:-/usr/bin/python3}

bin=${1:-${TEAMSIM_BIN:-}}
if [[ -z $bin ]]; then
  if [[ -x $root/build/release/sim/teamsim ]]; then
    bin=$root/build/release/sim/teamsim
  else
    bin=$(ls -t "$root"/build/*/sim/teamsim 2>/dev/null | head -n 1 || true)
  fi
fi
if [[ -z $bin || ! -x $bin ]]; then
  echo "error: no teamsim binary; build one (scripts/build.sh release) or pass its path" >&2
  exit 2
fi

figures=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-figures.XXXXXX")
trap 'rm -rf "$figures"' EXIT
TEAMSIM_FIGURES_DIR=$figures "$root/tests/notebooks_test.sh" "$bin" "$root"

# 256-colour palette PNGs are about a third of the size and look the same for line plots.
"$python" - "$figures" <<'EOF'
import sys, pathlib
try:
    from PIL import Image
except ImportError:
    sys.exit(0)
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.png")):
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
EOF

mkdir -p "$root/docs/figures"
cp "$figures"/*.png "$root/docs/figures/"
echo "figures in docs/figures/:"
(cd "$root/docs/figures" && ls -l --block-size=K -- *.png | awk '{print "  " $NF " (" $5 ")"}')

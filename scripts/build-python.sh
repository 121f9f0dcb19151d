#!/usr/bin/env bash
# Builds the Python package teamsim (CMake target teamsim_python, in build/PRESET/python; default preset
# release) and makes it importable by Debian's python3: writes teamsim.pth, naming that folder, into the
# user site-packages of /usr/bin/python3 (no root needed, nothing copied; rebuilding updates the package).
# Run by scripts/quickstart.sh. Environment: TEAMSIM_PYTHON, the interpreter (default /usr/bin/python3).
# To install a copy instead: cmake --install build/release (README "Python").
set -euo pipefail
preset=${1:-release}
python=${TEAMSIM_PYTHON:-/usr/bin/python3}
cd "$(dirname "$0")/.."
cmake --preset "$preset" -DTEAMSIM_PYTHON=ON -DPython_EXECUTABLE="$python" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)" --target teamsim_python
folder=$PWD/build/$preset/python
if ! compgen -G "$folder/teamsim/_teamsim*.so" >/dev/null; then
  echo "error: the Python module was not built (CMake found no pybind11 or Python headers:" \
       "apt-get install pybind11-dev python3-dev, or run scripts/install-deps.sh)" >&2
  exit 1
fi
site=$("$python" -c 'import site, sys; sys.exit(0 if site.ENABLE_USER_SITE else 1); ' 2>/dev/null &&
       "$python" -c 'import site; print(site.getusersitepackages())') || {
  echo "error: $python has no user site-packages; use PYTHONPATH=$folder or cmake --install build/$preset" >&2
  exit 1
}
mkdir -p "$site"
echo "$folder" > "$site/teamsim.pth"
(cd / && "$python" -c 'import teamsim; print(f"teamsim {teamsim.__version__}: importable by '"$python"' ({teamsim.__file__})")')

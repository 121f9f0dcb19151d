#!/usr/bin/env bash
# Installs the Debian packages teamsim needs, only those that are missing. Idempotent.
#
#   scripts/install-deps.sh              what a first run and its plot need (scripts/quickstart.sh):
#                                        the compiler, CMake, the libraries, Python with pandas + matplotlib +
#                                        scipy (t quantiles), pybind11 and the Python headers (the package teamsim)
#   scripts/install-deps.sh --test       also the test suite's (scripts/test.sh): Catch2, Google Benchmark, pytest,
#                                        clang + libFuzzer (scripts/fuzz.sh), clang-tidy + clang-format
#                                        (scripts/lint.sh),
#                                        headless notebooks (nbconvert), Open MPI, and a Slurm cluster's
#                                        packages (slurmctld, slurmd, munge) for tests/slurm_cluster_test.sh
#   scripts/install-deps.sh --notebook   also the interactive Jupyter server (`jupyter notebook`)
#
# No daemon is started or enabled by installing: Slurm's and munge's services are kept from starting
# while they install (a temporary policy-rc.d) and disabled afterwards; the tests start their own
# throwaway cluster (scripts/start-slurm.sh) and stop it by PID.
set -euo pipefail

usage() {
  echo "usage: $0 [--test] [--notebook]" >&2
  exit 2
}

packages=(
  build-essential cmake git pkg-config
  libeigen3-dev libboost-program-options-dev libboost-random-dev libboost-math-dev
  libtomlplusplus-dev nlohmann-json3-dev librandom123-dev libssl-dev
  python3 python3-pandas python3-matplotlib python3-scipy
  pybind11-dev python3-dev
)
daemons=()
for option in "$@"; do
  case $option in
    --test)
      packages+=(
        catch2 libbenchmark-dev
        python3-networkx jupyter-nbconvert python3-ipykernel python3-nbformat
        python3-pytest
        openmpi-bin libopenmpi-dev
        slurmctld slurmd slurm-client munge
        clang libclang-rt-14-dev # the dev preset (ASan + UBSan runtimes) and the libFuzzer harnesses
        clang-tidy clang-format  # scripts/lint.sh
      )
      daemons=(munge slurmctld slurmd)
      ;;
    --notebook) packages+=(jupyter-notebook python3-ipykernel python3-networkx) ;;
    -h | --help)
      sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) usage ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0

echo "installing: ${missing[*]}" >&2
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

# Keep services from starting while they install (policy-rc.d exit code 101: "action forbidden").
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null
  $sudo_cmd chmod 755 "$policy"
  own_policy=1
fi
cleanup() {
  if ((own_policy)); then $sudo_cmd rm -f "$policy"; fi
}
trap cleanup EXIT

$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

# Services installed just now are disabled: nothing starts at boot that a test did not ask for.
for daemon in "${daemons[@]}"; do
  [[ " ${missing[*]} " == *" $daemon "* ]] || continue
  if [ -e "/lib/systemd/system/$daemon.service" ]; then
    $sudo_cmd deb-systemd-helper disable "$daemon.service" ||
      echo "install-deps: warning: could not disable the $daemon service" >&2
  fi
  if [ -e "/etc/init.d/$daemon" ]; then
    $sudo_cmd update-rc.d "$daemon" disable >/dev/null 2>&1 ||
      echo "install-deps: warning: could not disable /etc/init.d/$daemon" >&2
  fi
done

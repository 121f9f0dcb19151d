#!/usr/bin/env bash
# Installs the Debian packages teamsim needs, only those that are missing. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake git pkg-config
  libeigen3-dev libboost-program-options-dev libboost-random-dev catch2 libbenchmark-dev
  libtomlplusplus-dev nlohmann-json3-dev librandom123-dev libssl-dev
  python3 python3-pandas python3-matplotlib python3-networkx python3-scipy
  jupyter-nbconvert python3-ipykernel python3-nbformat
  openmpi-bin libopenmpi-dev
  slurmctld slurmd slurm-client munge
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

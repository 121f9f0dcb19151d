#!/usr/bin/env bash
# Starts a throwaway single-node Slurm cluster (munge, slurmctld, slurmd) whose configuration, state, spool,
# logs and PID files all live in one folder, for trying the sbatch script or testing on one machine.
#
#   sudo scripts/start-slurm.sh DIR          # start; prints the PIDs and the line to source
#   source DIR/env                           # sets SLURM_CONF for sbatch, squeue, scontrol, sinfo ...
#   sbatch --wait scripts/sweep.sbatch ...
#   sudo scripts/start-slurm.sh --stop DIR   # stop exactly the daemons this script started, by PID
#
# Needs root (slurmd runs jobs as their submitter; SlurmUser=root), the Debian/Ubuntu packages slurmctld,
# slurmd, slurm-client and munge, and neither systemd nor cgroups: process tracking is proctrack/linuxproc.
# Files in DIR: slurm.conf, env, pids (one "NAME PID" a line), jobcomp.log (one line per finished job or
# array task, with its ExitCode), log/*.log, state/, spool/.
# munged runs as user munge (it refuses root) with the system key /etc/munge/munge.key and socket
# /run/munge; when a munged already answers there, it is used and not started (nor stopped) here.
# Environment: SLURM_PORT (slurmctld port, slurmd uses the next one; default: the first free pair from
# 6817), START_TIMEOUT (seconds to wait for each daemon, default 30), SLURM_DEBUG (log level, default info).
set -euo pipefail

usage() {
  echo "usage: $0 DIR | $0 --stop DIR" >&2
  exit 2
}

# ---- stop ----
# True while PID $1 is a live (not zombie) process named $2. Orphaned daemons may not be reaped where PID 1
# is not an init system, and a zombie still answers kill -0; the name check guards against a reused PID.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]] || return 1
  stat=${stat##*) }  # the state letter follows "(comm) "
  [[ ${stat:0:1} != Z ]]
}

stop_cluster() {
  local dir=$1 name pid
  [[ -f $dir/pids ]] || return 0
  # Reverse start order: slurmd, slurmctld, munged.
  for name in slurmd slurmctld munged; do
    pid=$(awk -v n="$name" '$1 == n { print $2 }' "$dir/pids" | tail -n 1)
    [[ -n $pid ]] || continue
    if alive "$pid" "$name"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do  # up to 5 s, then SIGKILL
        alive "$pid" "$name" || break
        sleep 0.1
      done
      if alive "$pid" "$name"; then
        echo "start-slurm: $name ($pid) ignored SIGTERM; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    wait "$pid" 2>/dev/null || true  # reap it when it is our child
  done
  mv "$dir/pids" "$dir/pids.stopped"
}

if [[ ${1:-} == --stop ]]; then
  [[ $# -eq 2 ]] || usage
  stop_cluster "$2"
  exit 0
fi
[[ $# -eq 1 && ${1:-} != -* ]] || usage

dir=$1
timeout_s=${START_TIMEOUT:-30}

die() {
  echo "start-slurm: $*" >&2
  exit 1
}

[[ $(id -u) -eq 0 ]] || die "must run as root (slurmd starts jobs as their submitter; SlurmUser=root)"
for tool in munged munge unmunge slurmctld slurmd scontrol sinfo sbatch setpriv; do
  command -v "$tool" >/dev/null || die "$tool not found; install the packages slurmctld slurmd slurm-client munge"
done
getent passwd munge >/dev/null || die "no user munge (install the munge package)"

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
[[ ! -f $dir/pids ]] || die "$dir/pids exists: a cluster may be running there; stop it with $0 --stop $dir"
chmod 0755 "$dir"  # clients that are not root read slurm.conf from here
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
: >"$dir/pids"

# Whatever fails from here on stops what was started.
started_ok=0
on_exit() {
  if [[ $started_ok -ne 1 ]]; then
    echo "start-slurm: failed; logs:" >&2
    for f in "$dir"/log/*.log; do
      [[ -f $f ]] && { echo "---- $f" >&2; tail -n 20 "$f" >&2; }
    done
    stop_cluster "$dir"
  fi
}
trap on_exit EXIT

# Waits up to $timeout_s seconds for a command to succeed while the daemon with PID $1 lives.
wait_for() {
  local pid=$1 what=$2
  shift 2
  local deadline=$((SECONDS + timeout_s))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || die "$what exited during start-up"
    ((SECONDS < deadline)) || die "$what not ready after ${timeout_s} s"
    sleep 0.2
  done
}

# ---- munge ----
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  echo "munged: already running, using it"
else
  if [[ ! -f /etc/munge/munge.key ]]; then
    mungekey --create --keyfile=/etc/munge/munge.key
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
  install -d -o munge -g munge -m 0755 /run/munge
  # -F: stay in the foreground, so the PID recorded is the daemon's.
  setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F \
    </dev/null >"$dir/log/munged.log" 2>&1 &
  munged_pid=$!
  echo "munged $munged_pid" >>"$dir/pids"
  check_munge() { munge -n | unmunge; }
  wait_for "$munged_pid" munged check_munge
fi

# ---- configuration ----
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -n ${SLURM_PORT:-} ]]; then
  port=$SLURM_PORT
else
  port=6817
  until port_free "$port" && port_free $((port + 1)); do
    port=$((port + 2))
    ((port < 6917)) || die "no free pair of ports in 6817..6916"
  done
fi
node_line=$(slurmd -C | head -n 1)  # NodeName=... CPUs=... Boards=... ... RealMemory=...
[[ $node_line == NodeName=* ]] || die "slurmd -C printed '$node_line'"
node=${node_line#NodeName=}
node=${node%% *}
ctld_host=$(hostname -s)

cat >"$dir/slurm.conf" <<EOF
# Single-node test cluster written by scripts/start-slurm.sh
ClusterName=teamsim-test
SlurmctldHost=${ctld_host}(127.0.0.1)
SlurmctldPort=${port}
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=${dir}/state
SlurmdSpoolDir=${dir}/spool/%n
SlurmctldPidFile=${dir}/slurmctld.pid
SlurmdPidFile=${dir}/slurmd.pid
SlurmctldLogFile=${dir}/log/slurmctld.log
SlurmdLogFile=${dir}/log/slurmd.log
SlurmctldDebug=${SLURM_DEBUG:-info}
SlurmdDebug=${SLURM_DEBUG:-info}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=${dir}/jobcomp.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MailProg=/bin/true
ReturnToService=2
MpiDefault=none
${node_line} NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF
export SLURM_CONF=$dir/slurm.conf
echo "export SLURM_CONF=$dir/slurm.conf" >"$dir/env"

# ---- slurmctld, then slurmd ----
slurmctld -D -f "$SLURM_CONF" </dev/null >>"$dir/log/slurmctld.out" 2>&1 &
ctld_pid=$!
echo "slurmctld $ctld_pid" >>"$dir/pids"
ping_up() { scontrol ping | grep -q UP; }
wait_for "$ctld_pid" slurmctld ping_up

slurmd -D -f "$SLURM_CONF" -N "$node" </dev/null >>"$dir/log/slurmd.out" 2>&1 &
slurmd_pid=$!
echo "slurmd $slurmd_pid" >>"$dir/pids"
node_idle() { sinfo -h -n "$node" -o %T | grep -qx idle; }
wait_for "$slurmd_pid" slurmd node_idle

started_ok=1
echo "slurm cluster up: node $node ($(sinfo -h -n "$node" -o '%c CPUs')), ports $port/$((port + 1))"
echo "PIDs ($dir/pids):"
sed 's/^/  /' "$dir/pids"
echo "use it:  source $dir/env"
echo "stop it: $0 --stop $dir"

#!/usr/bin/env bash
# Starts a one-node Slurm cluster on loopback for the sandbox's Slurm tests (dev.clade.sandbox.job).
# Installs nothing: `.ci/run` installs the Debian packages `slurm-wlm munge` before calling this.
# Idempotent: a cluster whose node is already idle is left alone, and a daemon this script started
# earlier and that is still running is not started twice. What it starts is recorded in
# $CLADE_SLURM_STATE (default: $TMPDIR/clade-slurm), so that .ci/slurm-down.sh stops exactly that.
# Needs root: it writes /etc/munge/munge.key (when missing), /etc/slurm/slurm.conf and /etc/slurm/gres.conf.
# The node declares $CLADE_SLURM_FAKE_GPUS (default 2) pretend GPUs, backed by /dev/null and /dev/zero, so that
# tests can check --gres=gpu:N and the CUDA_VISIBLE_DEVICES Slurm sets; no program can compute on them.
set -euo pipefail

state="${CLADE_SLURM_STATE:-${TMPDIR:-/tmp}/clade-slurm}"
conf=/etc/slurm/slurm.conf
gres_conf=/etc/slurm/gres.conf
fake_gpus="${CLADE_SLURM_FAKE_GPUS:-2}"
key=/etc/munge/munge.key
marker="# written by clade .ci/slurm-up.sh"
ready_limit_s="${CLADE_SLURM_READY_LIMIT_S:-60}"

say() { echo "slurm-up: $*" >&2; }

node_idle() {
  # sinfo prints one state per node; "idle" (or "mix") means it takes jobs
  sinfo -h -N -o '%t' 2>/dev/null | grep -Eq '^(idle|mix)$'
}

# Whether the daemon this script started earlier (pid file in $state) is still running.
running() {
  local pid_file="$state/$1.pid"
  [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Starts a daemon in the foreground of its own session, so it outlives this script; records its pid.
start() {
  local name="$1"
  shift
  if running "$name"; then
    say "$name already running (pid $(cat "$state/$name.pid"))"
    return
  fi
  setsid "$@" >"$state/$name.out" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
  say "started $name (pid $!)"
}

for tool in munge munged slurmctld slurmd sinfo setsid; do
  command -v "$tool" >/dev/null || { say "$tool not found; install the Debian packages slurm-wlm and munge"; exit 1; }
done
[ "$(id -u)" = 0 ] || { say "must run as root"; exit 1; }

if node_idle; then
  say "a Slurm node is already idle; nothing to start"
  exit 0
fi
mkdir -p "$state"

if [ ! -s "$key" ]; then
  mkdir -p "$(dirname "$key")"
  dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
  chown munge:munge "$key" 2>/dev/null || true
  chmod 400 "$key"
  say "created $key"
fi

if munge -n >/dev/null 2>&1; then
  say "munged already answers"
else
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  start munged munged --foreground --force
  for _ in $(seq 1 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n >/dev/null || { say "munged does not answer; see $state/munged.out"; exit 1; }
fi

host="$(hostname -s)"
if [ -f "$conf" ] && ! grep -qxF "$marker" "$conf"; then
  say "$conf was not written by this script; using it as it is"
else
  # the node's real CPUs, sockets and memory, as slurmd itself sees them, so it does not drain the node
  node="$(slurmd -C | head -n 1 | sed -e "s/^NodeName=[^ ]*/NodeName=$host NodeAddr=127.0.0.1/")"
  mkdir -p "$(dirname "$conf")" "$state/ctld" "$state/slurmd"
  gres=""
  if [ "$fake_gpus" -gt 0 ]; then
    [ "$fake_gpus" -le 2 ] || { say "at most 2 pretend GPUs (there are two harmless device files)"; exit 1; }
    gres=" Gres=gpu:$fake_gpus"
    { echo "$marker"; printf 'Name=gpu File=%s\n' /dev/null /dev/zero | head -n "$fake_gpus"; } >"$gres_conf"
  elif [ -f "$gres_conf" ] && grep -qxF "$marker" "$gres_conf"; then
    rm "$gres_conf"
  fi
  cat >"$conf" <<CONF
$marker
ClusterName=clade-ci
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
# memory is checked at submission (--mem above RealMemory is refused) but not consumed, so jobs share the node
SelectTypeParameters=CR_Core
GresTypes=gpu
MpiDefault=none
SlurmUser=root
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/slurmd
SlurmctldPidFile=$state/slurmctld.daemon.pid
SlurmdPidFile=$state/slurmd.daemon.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
# sacct needs accounting; this keeps a line per finished job for people debugging a run
JobCompType=jobcomp/filetxt
JobCompLoc=$state/jobcomp.log
$node$gres State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  say "wrote $conf for node $host"
fi

# -c: a fresh controller forgets jobs of an earlier run
start slurmctld slurmctld -D -c
start slurmd slurmd -D

deadline=$((SECONDS + ready_limit_s))
until node_idle; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "no node became idle within ${ready_limit_s}s"
    sinfo -N -l >&2 || true
    tail -n 20 "$state"/*.out "$state"/*.log >&2 2>/dev/null || true
    exit 1
  fi
  sleep 0.5
done
say "node $host is idle"
sinfo -N >&2

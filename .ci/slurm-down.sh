#!/usr/bin/env bash
# Stops exactly the daemons .ci/slurm-up.sh started (their pids are in $CLADE_SLURM_STATE, default
# $TMPDIR/clade-slurm), after cancelling the jobs left on that cluster. A cluster that was already
# running before slurm-up.sh is left alone. Safe to run twice.
set -uo pipefail

state="${CLADE_SLURM_STATE:-${TMPDIR:-/tmp}/clade-slurm}"
stop_limit_s=20

say() { echo "slurm-down: $*" >&2; }

alive() { [ -s "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

stop() {
  local name="$1" pid
  if ! alive "$name"; then
    rm -f "$state/$name.pid"
    return
  fi
  pid="$(cat "$state/$name.pid")"
  kill -TERM "$pid"
  for _ in $(seq 1 $((stop_limit_s * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) ignored SIGTERM for ${stop_limit_s}s; killing it"
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$state/$name.pid"
  say "stopped $name (pid $pid)"
}

if alive slurmctld; then
  # jobs of our own cluster: their slurmstepd processes would outlive slurmd
  squeue -h -o %i 2>/dev/null | xargs -r scancel 2>/dev/null
  for _ in $(seq 1 100); do
    [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
    sleep 0.2
  done
fi
stop slurmd
stop slurmctld
stop munged
exit 0

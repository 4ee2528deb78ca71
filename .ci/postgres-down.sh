#!/usr/bin/env bash
# Stops the PostgreSQL cluster that .ci/postgres-up.sh started; one that was running before is left alone.
set -uo pipefail

state="${CLADE_POSTGRES_STATE:-${TMPDIR:-/tmp}/clade-postgres}"
if [ -e "$state/started" ]; then
  pg_ctlcluster 15 main stop || echo "postgres-down: could not stop cluster 15/main" >&2
  rm -f "$state/started"
fi

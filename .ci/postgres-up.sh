#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 cluster "main" on loopback for the tests that run against an external server,
# creates (or updates) a role "clade" that may create databases, with a password made for this run, and prints
# the variables the tests read (see orchestrator's testing/Databases): eval "$(.ci/postgres-up.sh)".
# A cluster that was already running is used as it is and left running by postgres-down.sh.
set -euo pipefail

state="${CLADE_POSTGRES_STATE:-${TMPDIR:-/tmp}/clade-postgres}"
version=15
cluster=main
mkdir -p "$state"

say() { echo "postgres-up: $*" >&2; }

if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
  say "creating cluster $version/$cluster"
  pg_createcluster "$version" "$cluster" >/dev/null
fi
if pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -qx online; then
  say "cluster $version/$cluster was running already; it stays running"
  rm -f "$state/started"
else
  # stdout is what the caller evaluates: pg_ctlcluster says things there ("Removed stale pid file."), so it goes to
  # stderr, as does every other tool's output below
  pg_ctlcluster "$version" "$cluster" start >&2
  touch "$state/started"
fi
port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')"
password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
su postgres -c "psql -q -p $port" >&2 <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = 'clade') then create role clade login createdb; end if;
end \$\$;
alter role clade login createdb password '$password';
SQL
if ! su postgres -c "psql -p $port -tAc \"select 1 from pg_database where datname = 'clade'\"" | grep -q 1; then
  su postgres -c "createdb -p $port -O clade clade" >&2
fi
say "PostgreSQL $version on 127.0.0.1:$port, role clade"
echo "export CLADE_TEST_EXTERNAL_DATABASE=jdbc:postgresql://127.0.0.1:$port/clade"
echo "export CLADE_TEST_EXTERNAL_DATABASE_USER=clade"
echo "export CLADE_TEST_EXTERNAL_DATABASE_PASSWORD=$password"
echo "export CLADE_TEST_REQUIRE_EXTERNAL_DATABASE=true"

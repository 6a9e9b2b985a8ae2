#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${PGPORT:-55432} for the test suites and
# prints its admin URL. PostgreSQL refuses to run as root, so the cluster belongs to `postgres`.
# Run again, it replaces the cluster it made before; it refuses to touch a folder or a port that
# something else holds.
set -euo pipefail
port=${PGPORT:-55432}
dir=${PGTEST_DIR:-/tmp/todo-pgtest}
marker="$dir/made-by-todo-postgres.sh"
fail() {
  echo "postgres.sh: $1" >&2
  exit 1
}
# Clusters made before the marker existed are known by the options this script starts them with.
made_here() {
  [ -f "$marker" ] || grep -qs -- '"fsync=off" "-c" "synchronous_commit=off"' "$dir/postmaster.opts"
}
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

if [ -e "$dir" ] && ! made_here; then
  fail "$dir exists and was not made by this script: set PGTEST_DIR to a folder that does not exist"
fi
bindir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ -f "$dir/postmaster.pid" ] && [ -x "$bindir/pg_ctl" ] && runuser -u postgres -- "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  runuser -u postgres -- "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null
fi
port_taken && fail "127.0.0.1:$port is in use by a server this script did not start: set PGPORT to a free port"
[ -x "$bindir/initdb" ] || fail "PostgreSQL is not installed: apt-get install postgresql"

id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
rm -rf "$dir"
install -d -o postgres -g postgres "$dir"
echo "postgres" >"$dir.pw"
chown postgres "$dir.pw"
runuser -u postgres -- "$bindir/initdb" -D "$dir" -U postgres --pwfile="$dir.pw" -A scram-sha-256 >/dev/null ||
  { rm -rf "$dir" "$dir.pw"; fail "initdb failed in $dir"; }
rm -f "$dir.pw"
touch "$marker"
runuser -u postgres -- "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k /tmp -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null
echo "postgres://postgres:postgres@127.0.0.1:$port/postgres"

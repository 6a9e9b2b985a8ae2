#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${PGPORT:-55432} for the test suites and
# prints its admin URL. PostgreSQL refuses to run as root, so the cluster belongs to `postgres`.
set -euo pipefail
port=${PGPORT:-55432}
dir=${PGTEST_DIR:-/tmp/todo-pgtest}
bindir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
if [ -f "$dir/postmaster.pid" ] && runuser -u postgres -- "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  runuser -u postgres -- "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null
fi
rm -rf "$dir"
install -d -o postgres -g postgres "$dir"
echo "postgres" >"$dir.pw"
chown postgres "$dir.pw"
runuser -u postgres -- "$bindir/initdb" -D "$dir" -U postgres --pwfile="$dir.pw" -A scram-sha-256 >/dev/null
rm -f "$dir.pw"
runuser -u postgres -- "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k /tmp -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null
echo "postgres://postgres:postgres@127.0.0.1:$port/postgres"

#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for the tests and CI: `tests/postgres/pg-start.sh DIR`.
# DIR (new or empty) gets the cluster (DIR/data), its log (DIR/log) and its unix socket, so nothing outside DIR is
# written and no /var/run permissions are needed. The server listens only on 127.0.0.1, on a random free port, trusts
# every local connection and skips fsync (the data is thrown away). Prints exactly one line on stdout, the Npgsql
# connection string of the postgres superuser:
#   Host=127.0.0.1;Port=NNNN;Username=postgres;Database=postgres
# Everything else goes to stderr. Stop it with tests/postgres/pg-stop.sh DIR. Used by .ci/run and by
# tests/PromiseBot.Testing/PostgresServer.cs, so both start the server the same way.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"

[ $# -eq 1 ] || pg_fail "usage: pg-start.sh DIR (a new or empty folder)"
dir=$(realpath -m "$1")
# The socket path (DIR/.s.PGSQL.NNNNN) must fit in a sockaddr_un (107 bytes).
[ "${#dir}" -le 90 ] || pg_fail "$dir is too long for a unix socket path (keep it under 90 characters)"
mkdir -p "$dir"
[ -z "$(ls -A "$dir")" ] || pg_fail "$dir is not empty; give pg-start.sh a new or empty folder"

bin=$(pg_bindir install) || pg_fail "no initdb/pg_ctl/postgres on PATH, in /usr/local/bin or /usr/lib/postgresql/15/bin; install PostgreSQL 15 (Debian: apt-get install postgresql)"
user=$(pg_server_user)
if [ "$(id -u)" -eq 0 ]; then
  chown "$user" "$dir"
  chmod 700 "$dir"
fi
pg_as "$user" test -w "$dir" || pg_fail "$user cannot write to $dir (is a parent folder closed to it?)"

pg_as "$user" "$bin/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; pg_fail "initdb failed in $dir/data (log above)"; }

quoted_dir=${dir//\'/\'\'}
pg_as "$user" tee -a "$dir/data/postgresql.conf" >/dev/null <<CONF

# tests/postgres/pg-start.sh: a throwaway server for the tests, reachable only from this machine.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$quoted_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF

# A port is free if nothing answers on it; another process may still take it before the server binds, so a failed
# start is retried on another port.
port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

isready=$(command -v "$bin/pg_isready" || command -v pg_isready || true)
started=
for _ in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  port_answers "$port" && continue
  if pg_as "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port" -w -t 60 -s start >&2; then
    started=$port
    break
  fi
  echo "pg-start: the server did not start on port $port; trying another" >&2
  pg_as "$user" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
done
if [ -z "$started" ]; then
  tail -n 20 "$dir/log" >&2 2>/dev/null || true
  pg_fail "PostgreSQL did not start in $dir (log: $dir/log)"
fi

if [ -n "$isready" ]; then
  for _ in $(seq 1 100); do
    "$isready" -q -h 127.0.0.1 -p "$started" -U postgres -d postgres && break
    sleep 0.1
  done
  "$isready" -q -h 127.0.0.1 -p "$started" -U postgres -d postgres \
    || { tail -n 20 "$dir/log" >&2; pg_fail "PostgreSQL in $dir does not accept connections on 127.0.0.1:$started"; }
fi

echo "pg-start: $("$bin/postgres" --version) as $user in $dir on 127.0.0.1:$started" >&2
echo "Host=127.0.0.1;Port=$started;Username=postgres;Database=postgres"

#!/usr/bin/env bash
# Stops the server tests/postgres/pg-start.sh DIR started (immediately: its data is thrown away) and removes DIR.
# Safe to call twice, or on a DIR whose start failed halfway.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"

[ $# -eq 1 ] || pg_fail "usage: pg-stop.sh DIR"
dir=$1
[ -e "$dir" ] || exit 0

if [ -f "$dir/data/postmaster.pid" ]; then
  # The server runs as whoever owns its data folder (pg-start.sh's choice); pg_ctl must be run as that user.
  owner=$(stat -c %U "$dir/data")
  if bin=$(pg_bindir); then
    pg_as "$owner" "$bin/pg_ctl" -D "$dir/data" -m immediate -s stop >&2 || true
  fi
  # pg_ctl missing or failed: end the postmaster itself, so removing DIR does not leave a server running.
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(stat -c %U "/proc/$pid" 2>/dev/null)" = "$owner" ]; then
    kill -QUIT "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$dir"

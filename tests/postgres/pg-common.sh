# Shared by pg-start.sh and pg-stop.sh (sourced, not run): where the PostgreSQL 15 binaries are and which user runs
# the server. Kept in one file so that starting and stopping can never disagree about either.

pg_fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# Prints the folder holding initdb, pg_ctl and postgres: the ones on PATH (here /usr/local/bin), else Debian's
# PostgreSQL 15 folder. Nothing found and $1 = install: installs Debian's postgresql package (root only) and looks again.
pg_bindir() {
  local candidate dirs=()
  if command -v initdb >/dev/null 2>&1; then
    dirs+=("$(dirname "$(command -v initdb)")")
  fi
  dirs+=(/usr/local/bin /usr/lib/postgresql/15/bin)
  for candidate in "${dirs[@]}"; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/postgres" ]; then
      echo "$candidate"
      return 0
    fi
  done
  if [ "${1:-}" = install ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "pg-start: no PostgreSQL binaries found; installing Debian's postgresql package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 \
      || pg_fail "apt-get install postgresql failed"
    pg_bindir
    return
  fi
  return 1
}

# The user the server runs as. initdb and postgres refuse to run as root, so as root: promisebot-pg, a system user
# without a home, created on first use (nobody if it cannot be created). Anyone else runs the server as themselves.
pg_server_user() {
  if [ "$(id -u)" -ne 0 ]; then
    id -un
    return
  fi
  local user=promisebot-pg
  if ! getent passwd "$user" >/dev/null 2>&1; then
    # Parallel test processes may race to create it: losing the race is fine, the user exists either way.
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user" >/dev/null 2>&1 || true
  fi
  if getent passwd "$user" >/dev/null 2>&1; then
    echo "$user"
  else
    echo nobody
  fi
}

# Runs a command as $1 (the server's user): directly when that is who we are, through runuser when we are root.
pg_as() {
  local user=$1
  shift
  if [ "$(id -un)" = "$user" ]; then
    "$@"
  else
    runuser -u "$user" -- "$@"
  fi
}

#!/usr/bin/env bash
# Crash proof: starts the Release host on a fresh database, drives signed Slack slash creates and Slack events at full
# rate (bench/crash/crash-load.js), kills the host with kill -9 at random moments mid-burst, restarts it, and after the
# final restart checks (bench/crash/verify.js) that every acknowledged create is stored exactly once with its title
# and the number its reply named, that numbers are unique per workspace, that every acknowledged event was stored
# once and processed, and that every outbox row was delivered to the fake Slack (bench/crash/fake-slack.js) exactly
# once. Prints the counts; exits 1 on any loss or duplicate. Only 127.0.0.1 is ever contacted.
#
#   bench/crash-test.sh [sqlite|postgres] [ROUNDS=5]     ROUNDS kills, each 1.5-4 s (random) into a burst
#   PROMISEBOT_TEST_POSTGRES=<connection string> ...    postgres: use this server (a fresh database on it) instead
#                                                       of starting a throwaway one (tests/postgres/pg-start.sh)
#   HOST_DIR=<published host>                           skip the publish (.ci/run passes its build)
#   KEEP=<folder>                                       on failure, copy the run's files (logs, dumps) there
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-sqlite} ROUNDS=${2:-5}
case "$DB" in sqlite|postgres) ;; *) echo "usage: bench/crash-test.sh [sqlite|postgres] [ROUNDS]" >&2; exit 2 ;; esac
SECRET=crash-signing-secret
WORK=$(mktemp -d /tmp/promisebot-crash.XXXXXX)
OUT=${HOST_DIR:-bench/out/host}
PGDIR=
PID=
FAKE_PID=
LOAD_PID=

cleanup() {
  for p in $PID $LOAD_PID $FAKE_PID; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$PGDIR" ]; then tests/postgres/pg-stop.sh "$PGDIR" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${HOST_DIR:-}" ]; then
  echo "[crash] publishing Release build ..." >&2
  dotnet publish src/PromiseBot.Host -c Release -o "$OUT" --nologo -v quiet >/dev/null
fi

# The database, and how to read it (psql; sqlite3, or Python's sqlite3 module where the CLI is missing).
if [ "$DB" = postgres ]; then
  if [ -n "${PROMISEBOT_TEST_POSTGRES:-}" ]; then
    server=$PROMISEBOT_TEST_POSTGRES
  else
    PGDIR=$(mktemp -d /tmp/promisebot-crashpg.XXXXXX)
    server=$(tests/postgres/pg-start.sh "$PGDIR")
  fi
  port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$server")
  name="crash_$$_$RANDOM"
  psql -q "postgresql://postgres@127.0.0.1:$port/postgres" -c "CREATE DATABASE $name" >/dev/null
  CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=$name"
  query() { psql -At -F $'\t' "postgresql://postgres@127.0.0.1:$port/$name" -c "$1"; }
else
  CONNECTION="Data Source=$WORK/crash.db"
  if command -v sqlite3 >/dev/null 2>&1; then
    query() { sqlite3 -separator $'\t' "$WORK/crash.db" "$1"; }
  else
    query() { python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("\t".join("" if v is None else str(v) for v in row))' "$WORK/crash.db" "$1"; }
  fi
fi

node bench/crash/fake-slack.js "$WORK/fake.port" 2>"$WORK/fake.log" &
FAKE_PID=$!
until [ -s "$WORK/fake.port" ]; do sleep 0.05; done
FAKE=http://127.0.0.1:$(cat "$WORK/fake.port")

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 5197)
start_host() {
  ASPNETCORE_URLS=http://127.0.0.1:$PORT \
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__PromiseBot="$CONNECTION" \
  Slack__SigningSecret=$SECRET \
  Slack__BotToken=xoxb-crash-test \
  Slack__ApiBaseUrl="$FAKE/api/" \
  Slack__EventClaimLease=00:00:05 \
  PromiseBot__Outbox__ClaimLease=00:00:05 \
  PromiseBot__Outbox__IdlePoll=00:00:01 \
  PromiseBot__DefaultTimeZone=America/New_York \
  PromiseBot__Playground=false \
  PromiseBot__RateLimits__Enabled=false \
  Logging__LogLevel__Default=Warning \
    dotnet "$OUT/PromiseBot.Host.dll" >>"$WORK/host.log" 2>&1 &
  PID=$!
  until curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { tail -50 "$WORK/host.log" >&2; exit 1; }
    sleep 0.05
  done
}

start_host
# The load runs through every kill and restart (its requests fail while the host is down, as Slack's would). Each
# round waits until the (re)started host acknowledges creates again, lets the burst run 1.5-4 s (random), then
# kill -9. After the last restart the load runs 2 s more and stops; unacknowledged events are then sent again until
# acknowledged.
node bench/crash/crash-load.js --url "http://127.0.0.1:$PORT" --secret "$SECRET" --seconds 600 \
  --stop-file "$WORK/stop" --progress-file "$WORK/progress" --out "$WORK/load.json" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!
before=0
acked() { local n; n=$(cat "$WORK/progress" 2>/dev/null || true); echo "${n:-0}"; }
wait_answering() { # until the host acknowledges a create it had not before (up to 60 s)
  local before=$1 until=$(( $(date +%s) + 60 ))
  while [ "$(acked)" -le "$before" ]; do
    [ "$(date +%s)" -lt "$until" ] || { echo "[crash] the host acknowledged nothing for 60 s" >&2; tail -30 "$WORK/host.log" >&2; exit 1; }
    sleep 0.05
  done
}
for _ in $(seq "$ROUNDS"); do
  wait_answering "$(acked)"
  g=$(( 1500 + RANDOM % 2500 ))
  sleep "$(awk -v g="$g" 'BEGIN { printf "%.3f", g / 1000 }')"
  { kill -9 "$PID"; date +%s%3N >>"$WORK/kills"; wait "$PID"; } 2>/dev/null || true  # quiet: no "Killed" job notice
  echo "[crash] killed the host ${g} ms into a burst ($(acked) creates acknowledged so far); restarting" >&2
  before=$(acked)
  start_host
done
wait_answering "$before"
sleep 2
touch "$WORK/stop"
wait "$LOAD_PID" || { cat "$WORK/load.log" >&2; exit 1; }
LOAD_PID=
cat "$WORK/load.log" >&2

# Let the restarted host finish: every inbox event done, every outbox row sent (claims of the killed hosts run out
# after their 5 s leases). The dispatcher paces each DM channel at about one message a second (Slack's rate), and the
# events go to 20 DMs, so draining takes about events / 20 seconds; up to DRAIN_SECONDS (600).
drain=${DRAIN_SECONDS:-600}
deadline=$(( $(date +%s) + drain ))
while :; do
  open=$(query "SELECT (SELECT COUNT(*) FROM inbox WHERE next_attempt_at IS NOT NULL) + (SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending'))")
  [ "$open" = 0 ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "[crash] $open inbox/outbox rows still open after $drain s:" >&2
    now_ms=$(( $(date +%s) * 1000 ))
    query "SELECT 'inbox', attempts, COALESCE(claimed_by, '-'), next_attempt_at - $now_ms, COALESCE(last_error, '-') FROM inbox WHERE next_attempt_at IS NOT NULL LIMIT 10" >&2
    query "SELECT 'outbox', status, attempts, next_attempt_at - $now_ms, COALESCE(last_error, '-'), destination_kind, address FROM outbox WHERE status IN ('pending', 'sending') LIMIT 10" >&2
    grep -E '^(fail|crit|warn)' "$WORK/host.log" | sort | uniq -c | sort -rn | head -10 >&2 || true
    break
  fi
  sleep 0.5
done
echo "[crash] drained $(( $(date +%s) + drain - deadline )) s after the load ended" >&2
# A last kill and restart with nothing in flight: what is stored must not be sent again.
curl -fsS "$FAKE/deliveries" >"$WORK/deliveries-before.json"
{ kill -9 "$PID"; wait "$PID"; } 2>/dev/null || true
start_host
sleep 3

query "SELECT workspace, number, title FROM promises WHERE workspace LIKE 'T0CRASH%'" >"$WORK/promises.tsv"
query "SELECT id, CASE WHEN done_at IS NULL THEN 0 ELSE 1 END, CASE WHEN next_attempt_at IS NULL THEN 0 ELSE 1 END FROM inbox" >"$WORK/inbox.tsv"
query "SELECT id, idempotency_key, status, COALESCE(message_id, '') FROM outbox" >"$WORK/outbox.tsv"
curl -fsS "$FAKE/deliveries" >"$WORK/deliveries.json"
echo
echo "PromiseBot crash test on $DB ($(nproc) cores)"
node bench/crash/verify.js "$WORK/load.json" "$WORK/promises.tsv" "$WORK/inbox.tsv" "$WORK/outbox.tsv" "$WORK/deliveries.json" \
  "$WORK/kills" "$WORK/deliveries-before.json" || { [ -z "${KEEP:-}" ] || cp -r "$WORK" "$KEEP"; exit 1; }

#!/usr/bin/env bash
# Slack Events API benchmark: starts the Release host on a fresh SQLite database, sends distinct signed DM events
# ("Send invoice N to Acme by Friday") as fast as N connections allow, and prints how fast they are acknowledged
# (stored in the inbox) and how long the worker takes to run them all (each creates a promise and queues a reply).
# The events come from 50 people, each in their own DM with the bot.
# Only 127.0.0.1 is ever contacted.
#
#   bench/events-bench.sh [SECONDS=10] [CONNS=16]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10} CONNS=${2:-16}
PORT=${PORT:-5198}
SECRET=bench-signing-secret
WORK=$(mktemp -d /tmp/promisebot-events-bench.XXXXXX)
OUT=bench/out/host

echo "[bench] publishing Release build ..." >&2
dotnet publish src/PromiseBot.Host -c Release -o "$OUT" --nologo -v quiet >/dev/null

ASPNETCORE_URLS=http://127.0.0.1:$PORT \
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__PromiseBot="Data Source=$WORK/bench.db" \
Slack__SigningSecret=$SECRET \
PromiseBot__DefaultTimeZone=America/New_York PromiseBot__RateLimits__Enabled=false \
Logging__LogLevel__Default=Warning \
  dotnet "$OUT/PromiseBot.Host.dll" >"$WORK/host.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

until curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/host.log" >&2; exit 1; }
  sleep 0.05
done

echo "[bench] $CONNS connections x ${SECS}s of distinct DM events ..." >&2
sent_at=$(date +%s%3N)
summary=$(node bench/events-load.js --url "http://127.0.0.1:$PORT/slack/events" --secret "$SECRET" --connections "$CONNS" --duration "$SECS")
acked_at=$(date +%s%3N)

# The worker keeps going after the last acknowledgement; wait until the inbox has nothing pending.
pending() { sqlite3 "$WORK/bench.db" "SELECT COUNT(*) FROM inbox WHERE next_attempt_at IS NOT NULL" 2>/dev/null || echo 1; }
until [ "$(pending)" = 0 ]; do sleep 0.05; done
drained_at=$(date +%s%3N)

events=$(sqlite3 "$WORK/bench.db" "SELECT COUNT(*) FROM inbox")
promises=$(sqlite3 "$WORK/bench.db" "SELECT COUNT(*) FROM promises")
failed=$(sqlite3 "$WORK/bench.db" "SELECT COUNT(*) FROM inbox WHERE done_at IS NULL")
rss_kb=$(awk '/VmHWM/ { print $2 }' /proc/$PID/status)

echo "events acknowledged: $summary"
awk -v n="$events" -v p="$promises" -v f="$failed" -v s="$sent_at" -v a="$acked_at" -v d="$drained_at" -v r="$rss_kb" 'BEGIN {
  printf "events stored=%d promises created=%d failed=%d\n", n, p, f
  printf "processing: all done %.2f s after the first event (%.2f s after the last ack) = %.0f events/s end to end\n", (d - s) / 1000, (d - a) / 1000, n / ((d - s) / 1000)
  printf "peak RSS=%.0f MB\n", r / 1024
}'

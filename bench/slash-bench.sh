#!/usr/bin/env bash
# Slash-command benchmark: starts the Release host on a fresh SQLite database and drives signed creates with our
# load generator (bench/loadgen/loadgen.js, Node.js), rotating through the phrase mix in bench/loadgen/texts-mix.txt.
# Prints throughput, latency, peak RSS and the time of the first command after start. Only 127.0.0.1 is ever contacted.
#
#   bench/slash-bench.sh [SECONDS=15] [CONNS=16] [RATE=200]
#   DB=postgres bench/slash-bench.sh ...   the same load on a throwaway PostgreSQL 15 (tests/postgres/pg-start.sh)
#   HOSTS=2 DB=postgres bench/slash-bench.sh ...   two host processes on that one database (ports PORT and PORT+1),
#                                                the load sent to them in turn, as a load balancer would
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15} CONNS=${2:-16} OPEN_RATE=${3:-200}
PORT=${PORT:-5199}
SECRET=bench-signing-secret
LOADGEN=bench/loadgen/loadgen.js
TEXTS=bench/loadgen/texts-mix.txt
URL=http://127.0.0.1:$PORT/slack/commands
HOSTS=${HOSTS:-1}
case "$HOSTS" in
  1) ;;
  2) [ "${DB:-sqlite}" = postgres ] || { echo "HOSTS=2 needs DB=postgres: two hosts cannot share a SQLite file" >&2; exit 2; } ;;
  *) echo "HOSTS must be 1 or 2, not $HOSTS" >&2; exit 2 ;;
esac
WORK=$(mktemp -d /tmp/promisebot-bench.XXXXXX)
OUT=${HOST_DIR:-bench/out/host}   # HOST_DIR=<a published build> compares another build with the same load

if [ -z "${HOST_DIR:-}" ]; then
  echo "[bench] publishing Release build ..." >&2
  dotnet publish src/PromiseBot.Host -c Release -o "$OUT" --nologo -v quiet >/dev/null
fi

sign() { # sign BODY TS -> signature
  printf 'v0=%s' "$(printf 'v0:%s:%s' "$2" "$1" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)"
}

now_ms() { date +%s%3N; }

# shellcheck source=bench-db.sh
. bench/bench-db.sh
bench_db_start "$WORK"

start_host() { # start_host PORT LOG: starts a host in the background
  ASPNETCORE_URLS=http://127.0.0.1:$1 \
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__PromiseBot="$CONNECTION" \
  Slack__SigningSecret=$SECRET \
  Slack__RejectReplays=false \
  PromiseBot__DefaultTimeZone=America/New_York PromiseBot__RateLimits__Enabled=false \
  Logging__LogLevel__Default=Warning \
    dotnet "$OUT/PromiseBot.Host.dll" >"$2" 2>&1 &
}

wait_healthy() { # wait_healthy PORT PID LOG
  until curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.02
  done
}

start_ms=$(now_ms)
start_host "$PORT" "$WORK/host.log"
PID=$!
PID2=
trap 'kill $PID $PID2 2>/dev/null || true; wait $PID $PID2 2>/dev/null || true; bench_db_stop; rm -rf "$WORK"' EXIT
wait_healthy "$PORT" "$PID" "$WORK/host.log"
healthy_ms=$(( $(now_ms) - start_ms ))

body='token=x&team_id=T0BENCH01&channel_id=C0BENCH01&channel_name=bench&user_id=U0BENCH01&command=%2Fpromise&text=add+Call+back+Dana+at+Globex+tomorrow+10am&trigger_id=first.1&api_app_id=A1'
ts=$(date +%s)
first=$(curl -sS -o "$WORK/first.json" -w '%{http_code} %{time_total}' -X POST "$URL" \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $(sign "$body" "$ts")" --data-binary "$body")
first_total_ms=$(( $(now_ms) - start_ms ))
first_code=${first%% *}
first_latency_ms=$(awk -v t="${first##* }" 'BEGIN { printf "%.1f", t * 1000 }')
[ "$first_code" = 200 ] || { echo "first command failed: $first" >&2; cat "$WORK/first.json" >&2; exit 1; }

TARGETS=$URL
if [ "$HOSTS" = 2 ]; then
  start_host $((PORT + 1)) "$WORK/host2.log"
  PID2=$!
  wait_healthy $((PORT + 1)) "$PID2" "$WORK/host2.log"
  # Its first command too, so neither host meets the load cold.
  body2=${body/first.1/first.2}
  ts=$(date +%s)
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$((PORT + 1))/slack/commands" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $(sign "$body2" "$ts")" --data-binary "$body2"
  TARGETS="$URL,http://127.0.0.1:$((PORT + 1))/slack/commands"
fi

echo "[bench] closed loop: $CONNS connections x ${SECS}s ..." >&2
closed=$(node "$LOADGEN" slack "$TARGETS" --secret "$SECRET" --texts "$TEXTS" --connections "$CONNS" --seconds "$SECS" 2>"$WORK/closed.err" | tail -n 1)
echo "[bench] open loop: ${OPEN_RATE} req/s x ${SECS}s ..." >&2
open=$(node "$LOADGEN" slack "$TARGETS" --secret "$SECRET" --texts "$TEXTS" --rate "$OPEN_RATE" --seconds "$SECS" 2>"$WORK/open.err" | tail -n 1)

rss_kb=$(awk '/VmHWM/ { print $2 }' /proc/$PID/status)
if [ -n "$PID2" ]; then rss_kb=$(( rss_kb + $(awk '/VmHWM/ { print $2 }' /proc/$PID2/status) )); fi
rows=$(bench_db_scalar 'SELECT COUNT(*) FROM promises')
wal_kb=$(( $(stat -c %s "$WORK/bench.db-wal" 2>/dev/null || echo 0) / 1024 ))

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo
echo "PromiseBot slash-command benchmark on $DB, $HOSTS host(s) ($(nproc) cores; the load generator and the database share the machine)"
printf '  %-34s %s\n' "start -> healthy" "${healthy_ms} ms"
printf '  %-34s %s\n' "first command latency" "${first_latency_ms} ms (start -> answered: ${first_total_ms} ms)"
printf '  %-34s %s\n' "closed loop ${CONNS}x${SECS}s: creates/s" "$(field rps "$closed")"
printf '  %-34s %s\n' "closed loop p50 / p99" "$(field p50_ms "$closed") / $(field p99_ms "$closed") ms (errors $(field errors "$closed"))"
printf '  %-34s %s\n' "open loop ${OPEN_RATE}/s: p50 / p99" "$(field p50_ms "$open") / $(field p99_ms "$open") ms (errors $(field errors "$open"))"
printf '  %-34s %s\n' "peak RSS (all hosts)" "$(( rss_kb / 1024 )) MB"
printf '  %-34s %s\n' "promises stored / WAL size" "$rows / ${wal_kb} KB"
echo "  raw closed: $closed"
echo "  raw open:   $open"

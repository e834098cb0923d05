#!/usr/bin/env bash
# Teams benchmark: starts the Release host on a fresh SQLite database with the Teams adapter pointed at fake Bot
# Framework servers on 127.0.0.1 (token endpoint, Bot Connector, OpenID/JWKS; bench/PromiseBot.Bench.TeamsFakes),
# then drives message activities carrying a valid bearer token with our load generator (bench/loadgen/loadgen.js json):
# closed loop (16 connections) and open loop (RATE=200). Every activity is fully processed: JWT validated (signature,
# issuer, audience, lifetime, endorsement, serviceurl), translated, a promise created and committed, the reply card
# queued in the outbox, then HTTP 200. The loadgen sends one fixed body, so the activity carries no `id` (an id would make every
# repeat a duplicate that is answered without work). Replies go to the fake connector through the outbox, paced to
# about one per second per conversation as in production, so most replies of a one-conversation flood are still
# queued when the run ends; the script reports how many arrived.
#
#   bench/teams-bench.sh [SECONDS=15] [CONNS=16] [RATE=200]
#   DB=postgres bench/teams-bench.sh ...   the same load on a throwaway PostgreSQL 15 (bench/bench-db.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15} CONNS=${2:-16} OPEN_RATE=${3:-200}
PORT=${PORT:-5198}
LOADGEN=bench/loadgen/loadgen.js
URL=http://127.0.0.1:$PORT/api/messages
WORK=$(mktemp -d /tmp/promisebot-teams-bench.XXXXXX)
OUT=bench/out/host
FAKES_OUT=bench/out/teams-fakes

echo "[bench] publishing Release builds ..." >&2
dotnet publish src/PromiseBot.Host -c Release -o "$OUT" --nologo -v quiet >/dev/null
dotnet publish bench/PromiseBot.Bench.TeamsFakes -c Release -o "$FAKES_OUT" --nologo -v quiet >/dev/null

# The fakes talk over a pipe pair: their settings first, then one status line per line we send.
mkfifo "$WORK/fakes.in" "$WORK/fakes.out"
dotnet "$FAKES_OUT/PromiseBot.Bench.TeamsFakes.dll" <"$WORK/fakes.in" >"$WORK/fakes.out" 2>"$WORK/fakes.err" &
FAKES=$!
exec 3>"$WORK/fakes.in" 4<"$WORK/fakes.out"
declare -A CFG
while IFS= read -r line <&4; do
  [ "$line" = READY ] && break
  CFG[${line%%=*}]=${line#*=}
done

# shellcheck source=bench-db.sh
. bench/bench-db.sh
bench_db_start "$WORK"

now_ms() { date +%s%3N; }
start_ms=$(now_ms)
ASPNETCORE_URLS=http://127.0.0.1:$PORT \
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__PromiseBot="$CONNECTION" \
Teams__AppId=${CFG[TEAMS_APP_ID]} \
Teams__AppPassword=${CFG[TEAMS_APP_PASSWORD]} \
Teams__TenantId=contoso \
Teams__TokenEndpoint=${CFG[TEAMS_TOKEN_ENDPOINT]} \
Teams__OpenIdMetadataUrl=${CFG[TEAMS_METADATA_URL]} \
PromiseBot__DefaultTimeZone=America/New_York PromiseBot__RateLimits__Enabled=false \
Logging__LogLevel__Default=Warning \
  dotnet "$OUT/PromiseBot.Host.dll" >"$WORK/host.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; exec 3>&- 4<&-; wait $FAKES 2>/dev/null || true; bench_db_stop; rm -rf "$WORK"' EXIT

until curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/host.log" >&2; exit 1; }
  sleep 0.02
done
healthy_ms=$(( $(now_ms) - start_ms ))

cat >"$WORK/activity.json" <<JSON
{"type":"message","channelId":"msteams","serviceUrl":"${CFG[SERVICE_URL]}",
 "from":{"id":"29:bench-user","name":"Bench User","aadObjectId":"00000000-0000-0000-0000-0000000000be"},
 "recipient":{"id":"28:${CFG[TEAMS_APP_ID]}","name":"PromiseBot"},
 "conversation":{"id":"a:bench-personal","conversationType":"personal","tenantId":"contoso"},
 "channelData":{"tenant":{"id":"contoso"}},
 "entities":[{"type":"clientInfo","timezone":"America/New_York","locale":"en-US"}],
 "text":"Send the quote to Acme by Friday 5pm"}
JSON
AUTH="Bearer ${CFG[BEARER]}"

first=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -X POST "$URL" -H 'Content-Type: application/json' \
  -H "Authorization: $AUTH" --data-binary @"$WORK/activity.json")
[ "${first%% *}" = 200 ] || { echo "first activity failed: $first" >&2; cat "$WORK/host.log" >&2; exit 1; }
first_latency_ms=$(awk -v t="${first##* }" 'BEGIN { printf "%.1f", t * 1000 }')

echo "[bench] closed loop: $CONNS connections x ${SECS}s ..." >&2
closed=$(node "$LOADGEN" json "$URL" --body "$WORK/activity.json" --authorization "$AUTH" --connections "$CONNS" --seconds "$SECS" 2>"$WORK/closed.err" | tail -n 1)
echo "[bench] open loop: ${OPEN_RATE} req/s x ${SECS}s ..." >&2
open=$(node "$LOADGEN" json "$URL" --body "$WORK/activity.json" --authorization "$AUTH" --rate "$OPEN_RATE" --seconds "$SECS" 2>"$WORK/open.err" | tail -n 1)

rss_kb=$(awk '/VmHWM/ { print $2 }' /proc/$PID/status)
echo >&3; IFS= read -r status <&4
rows=$(bench_db_scalar 'SELECT COUNT(*) FROM promises')
pending=$(bench_db_scalar "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')")

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo
echo "PromiseBot Teams activity benchmark on $DB ($(nproc) cores; the load generator and the fake Bot Framework share the machine)"
printf '  %-36s %s\n' "start -> healthy" "${healthy_ms} ms"
printf '  %-36s %s\n' "first activity latency" "${first_latency_ms} ms"
printf '  %-36s %s\n' "closed loop ${CONNS}x${SECS}s: activities/s" "$(field rps "$closed")"
printf '  %-36s %s\n' "closed loop p50 / p99" "$(field p50_ms "$closed") / $(field p99_ms "$closed") ms (errors $(field errors "$closed"))"
printf '  %-36s %s\n' "open loop ${OPEN_RATE}/s: p50 / p99" "$(field p50_ms "$open") / $(field p99_ms "$open") ms (errors $(field errors "$open"))"
printf '  %-36s %s\n' "peak RSS" "$(( rss_kb / 1024 )) MB"
printf '  %-36s %s\n' "promises stored" "$rows"
printf '  %-36s %s\n' "replies at the fake connector" "$(field SENT "$status") sent, ${pending} still queued (one conversation, ~1/s pacing); tokens fetched: $(field TOKENS "$status")"
echo "  raw closed: $closed"
echo "  raw open:   $open"

#!/usr/bin/env bash
# Start-up benchmark: publishes the Release host once, then RUNS times (default 5) starts it on a fresh SQLite file
# and prints start -> healthy (the first 200 from /healthz, which waits for the date reader's checked warm-up) and
# start -> first signed slash command answered. Only 127.0.0.1 is ever contacted.
#
#   bench/startup-bench.sh [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PORT=${PORT:-5198}
SECRET=bench-signing-secret
URL=http://127.0.0.1:$PORT
OUT=bench/out/startup
WORK=$(mktemp -d /tmp/promisebot-startup.XXXXXX)
PID=
trap '[ -n "$PID" ] && { kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; }; rm -rf "$WORK"' EXIT

echo "[bench] publishing Release build ..." >&2
dotnet publish src/PromiseBot.Host -c Release -o "$OUT" --nologo -v quiet >/dev/null

sign() { printf 'v0=%s' "$(printf 'v0:%s:%s' "$2" "$1" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)"; }
now_ms() { date +%s%3N; }

healthy_all=() first_all=()
for run in $(seq 1 "$RUNS"); do
  rm -f "$WORK"/bench.db*
  start_ms=$(now_ms)
  ASPNETCORE_URLS=$URL ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__PromiseBot="Data Source=$WORK/bench.db" \
  Slack__SigningSecret=$SECRET PromiseBot__DefaultTimeZone=America/New_York PromiseBot__Playground=false \
  Logging__LogLevel__Default=Warning \
    dotnet "$OUT/PromiseBot.Host.dll" >"$WORK/host.log" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz" 2>/dev/null)" = 200 ]; do
    kill -0 $PID 2>/dev/null || { cat "$WORK/host.log" >&2; exit 1; }
    sleep 0.01
  done
  healthy_ms=$(( $(now_ms) - start_ms ))
  body="team_id=T0BENCH01&channel_id=C0BENCH01&channel_name=bench&user_id=U0BENCH01&command=%2Fpromise&text=add+Call+back+Dana+at+Globex+tomorrow+10am&trigger_id=start.$run&api_app_id=A1"
  ts=$(date +%s)
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$URL/slack/commands" -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $(sign "$body" "$ts")" --data-binary "$body")
  first_ms=$(( $(now_ms) - start_ms ))
  [ "$code" = 200 ] || { echo "first command failed: HTTP $code" >&2; exit 1; }
  kill $PID; wait $PID 2>/dev/null || true; PID=
  echo "[bench] run $run: healthy ${healthy_ms} ms, first command answered ${first_ms} ms after start" >&2
  healthy_all+=("$healthy_ms") first_all+=("$first_ms")
done

range() { printf '%s\n' "$@" | sort -n | awk 'NR==1{min=$1} {a[NR]=$1} END{printf "%d-%d ms (median %d ms)", min, a[NR], a[int((NR+1)/2)]}'; }
echo
echo "PromiseBot start-up, Release, $RUNS runs on $(nproc) cores"
printf '  %-30s %s\n' "start -> healthy" "$(range "${healthy_all[@]}")"
printf '  %-30s %s\n' "start -> first command" "$(range "${first_all[@]}")"

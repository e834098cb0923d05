#!/usr/bin/env bash
# HTTP fuzz run: starts the Release host (Slack signing secret, Teams local mode, the playground; a fresh SQLite
# file) and sends COUNT malformed or hostile requests with bench/http-fuzz/http-fuzz.js (Node.js): bad signatures,
# stale timestamps, truncated bodies, wrong content types, oversized bodies, invalid UTF-8, huge headers, signed but
# mutated payloads, broken HTTP framing and a few slowloris connections, to /slack/commands, /slack/events,
# /slack/interactions, /api/messages and /playground/api/command. Prints the responses by status class, the host's
# RSS before and after, and then sends one correctly signed slash command, which must be answered 200 with its reply.
# Fails when any response was >= 500, the host died, or the last command was not answered. Only 127.0.0.1 is contacted.
#
#   bench/http-fuzz.sh [COUNT=50000] [CONNS=16] [SLOW=4]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-50000} CONNS=${2:-16} SLOW=${3:-4}
PORT=${PORT:-5198}
SECRET=fuzz-signing-secret
WORK=$(mktemp -d /tmp/promisebot-fuzz.XXXXXX)
OUT=${HOST_DIR:-bench/out/host}

if [ -z "${HOST_DIR:-}" ]; then
  echo "[fuzz] publishing Release build ..." >&2
  dotnet publish src/PromiseBot.Host -c Release -o "$OUT" --nologo -v quiet >/dev/null
fi

ASPNETCORE_URLS=http://127.0.0.1:$PORT \
ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__PromiseBot="Data Source=$WORK/promisebot.db" \
Slack__SigningSecret=$SECRET \
Teams__AllowUnauthenticatedLocal=true \
PromiseBot__Playground=true \
PromiseBot__DefaultTimeZone=America/New_York \
Logging__LogLevel__Default=Warning \
  dotnet "$OUT/PromiseBot.Host.dll" >"$WORK/host.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/host.log" >&2; exit 1; }
  sleep 0.05
done

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
hwm() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
rss_before=$(rss)
# Two halves, so "memory flat" can be read: the first half warms every path (JIT, pools, caches), the second must not
# add much to it.
half=$(( COUNT / 2 ))
echo "[fuzz] host up (pid $PID, RSS $rss_before MB); sending 2 x $half requests, $CONNS connections, $SLOW slowloris ..." >&2
FUZZ_SEED=1 node bench/http-fuzz/http-fuzz.js "$PORT" "$SECRET" "$half" "$CONNS" "$SLOW" | tee "$WORK/result1.txt"
kill -0 "$PID" 2>/dev/null || { echo "[fuzz] the host died" >&2; tail -50 "$WORK/host.log" >&2; exit 1; }
rss_half=$(rss)
FUZZ_SEED=2 node bench/http-fuzz/http-fuzz.js "$PORT" "$SECRET" "$(( COUNT - half ))" "$CONNS" "$SLOW" | tee "$WORK/result.txt"
kill -0 "$PID" 2>/dev/null || { echo "[fuzz] the host died" >&2; tail -50 "$WORK/host.log" >&2; exit 1; }
rss_after=$(rss)
peak=$(hwm)

# One correctly signed command afterwards: it must be answered 200 with its reply.
body='token=x&team_id=T0FUZZ&channel_id=C0FINAL&channel_name=final&user_id=U0FINAL&command=%2Fpromise&text=add+Fuzz+survivor+check+for+Acme+by+Friday+5pm&trigger_id=final.1&api_app_id=A1'
ts=$(date +%s)
sig="v0=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)"
code=$(curl -sS -o "$WORK/final.json" -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/slack/commands" \
  -H 'Content-Type: application/x-www-form-urlencoded' -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" --data-binary "$body")
five=$(tail -qn1 "$WORK/result1.txt" "$WORK/result.txt" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s.trim().split("\n").reduce((n,l)=>n+JSON.parse(l).fiveXX,0)))')
unhandled=$(grep -c "An unhandled exception\|Unhandled exception" "$WORK/host.log" || true)

echo "RSS before: $rss_before MB, after the first half: $rss_half MB, after the second: $rss_after MB (peak $peak MB)"
echo "responses >= 500: $five; unhandled exceptions in the host log: $unhandled"
if [ "$unhandled" != 0 ]; then
  grep -A2 "An unhandled exception\|Unhandled exception" "$WORK/host.log" | grep -oE "[A-Za-z.]+(Exception|Error)[:a-zA-Z ,'.]{0,80}" | sort | uniq -c | sort -rn | head -8
fi
[ -z "${KEEP_LOG:-}" ] || cp "$WORK/host.log" "$KEEP_LOG"
echo "signed command afterwards: HTTP $code, reply: $(head -c 300 "$WORK/final.json")"
status=0
[ "$five" = 0 ] || { echo "FAIL: $five responses >= 500" >&2; grep -m5 -A5 "fail:\|crit:" "$WORK/host.log" >&2 || true; status=1; }
[ "$code" = 200 ] && grep -q "Fuzz survivor check" "$WORK/final.json" || { echo "FAIL: the signed command was not answered" >&2; status=1; }
exit $status

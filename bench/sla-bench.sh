#!/usr/bin/env bash
# Business-time benchmark, three parts, each a Release build of the real code; no network, only a temp folder.
#  1. bench/PromiseBot.Bench.Sla on one thread: business-time additions (BusinessClock.Add, spans up to 5 business
#     days over calendars with holidays), business-day additions and elapsed business time. Target >= 1,000,000/s.
#  2. A recount: 1,000,000 open promises counted in business time in one workspace (generated through the app's
#     migrations), a holiday added to their calendar, SlaRecounter recounting them all. Target < 10 s, RSS < 400 MB.
#  3. The escalation scan over 1,000,000 promises in 100 workspaces, 30% counted in business time
#     (bench/PromiseBot.Bench.Digests "measure": query plans, digests, scans). Target: a scan < 200 ms on its index.
#
#   bench/sla-bench.sh [SECONDS_PER_MEASURE=3] [PROMISES=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-3} PROMISES=${2:-1000000}
WORK=$(mktemp -d /tmp/promisebot-sla-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "[bench] publishing Release builds ..." >&2
dotnet publish bench/PromiseBot.Bench.Sla -c Release -o bench/out/sla --nologo -v quiet >/dev/null
dotnet publish bench/PromiseBot.Bench.Digests -c Release -o bench/out/digests --nologo -v quiet >/dev/null

echo "== 1. business-time arithmetic"
dotnet bench/out/sla/PromiseBot.Bench.Sla.dll "$SECONDS_PER"

echo "== 2. recount after a calendar change"
echo "[bench] generating $PROMISES promises counted in business time, one workspace ..." >&2
dotnet bench/out/digests/PromiseBot.Bench.Digests.dll generate "$WORK/recount.db" 100 "$PROMISES" 100
dotnet bench/out/digests/PromiseBot.Bench.Digests.dll recount "$WORK/recount.db" holiday
dotnet bench/out/digests/PromiseBot.Bench.Digests.dll recount "$WORK/recount.db" hours
rm -f "$WORK"/recount.db*

echo "== 3. escalation scan with promises counted in business time mixed in"
echo "[bench] generating $PROMISES promises in 100 workspaces, 30% counted in business time ..." >&2
dotnet bench/out/digests/PromiseBot.Bench.Digests.dll generate "$WORK/scan.db" 10000 "$PROMISES" 30
dotnet bench/out/digests/PromiseBot.Bench.Digests.dll measure "$WORK/scan.db" | grep -E "^(open promises|plan escalation|escalation|peak RSS|targets)"

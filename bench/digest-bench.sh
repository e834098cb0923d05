#!/usr/bin/env bash
# Digest and escalation benchmark: builds bench/PromiseBot.Bench.Digests in Release, generates a fresh SQLite
# database through the app's migrations (10,000 subscribed channels in 100 workspaces, 1,000,000 open promises due
# from 3 days ago to 30 days ahead, the escalation ladder as the previous minute's scan left it), then, in a second
# process, builds every channel's digest, runs escalation scans, prints each query plan and the peak RSS.
# Targets: all digests < 5 s, one scan < 200 ms, RSS < 500 MB. Touches only a temp folder; no network.
#
#   bench/digest-bench.sh [CHANNELS=10000] [PROMISES=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
CHANNELS=${1:-10000} PROMISES=${2:-1000000}
OUT=bench/out/digests
WORK=$(mktemp -d /tmp/promisebot-digest-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "[bench] publishing Release build ..." >&2
dotnet publish bench/PromiseBot.Bench.Digests -c Release -o "$OUT" --nologo -v quiet >/dev/null

echo "[bench] generating $CHANNELS channels, $PROMISES promises ..." >&2
dotnet "$OUT/PromiseBot.Bench.Digests.dll" generate "$WORK/digests.db" "$CHANNELS" "$PROMISES"
echo "[bench] measuring ..." >&2
dotnet "$OUT/PromiseBot.Bench.Digests.dll" measure "$WORK/digests.db"

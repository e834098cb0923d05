#!/usr/bin/env bash
# Report and export benchmark (issue 16): builds bench/PromiseBot.Bench.Reports in Release, generates a fresh SQLite
# database through the app's migrations (1,000,000 promises and 5,000,000 events in 100 workspaces, made over the
# last two years with every outcome, recovery notes and customer feedback; one workspace holds a tenth), then, in a
# second process, prints each report and export query plan (exit 1 on a full scan of promises or promise_events),
# times ReportService.BuildAsync on SqlReportStore for a weekly and a monthly report with and without the ScottPlot
# charts, one warm chart render, a ~50,000-row CSV export, and the peak RSS.
# Targets: weekly < 200 ms, monthly < 500 ms, chart < 150 ms, export < 1 s, RSS < 300 MB. Temp folder only; no network.
#
#   bench/report-bench.sh [PROMISES=1000000] [EVENTS=5000000] [WORKSPACES=100] [index]
#   ("index": measure again after adding the proposed indexes to the bench database only; since migration 0025 has
#   them and SqlReportStore.InPeriod the rewritten condition, this only compares the store's queries with themselves)
set -euo pipefail
cd "$(dirname "$0")/.."
PROMISES=${1:-1000000} EVENTS=${2:-5000000} WORKSPACES=${3:-100} INDEX=${4:-}
OUT=bench/out/reports
WORK=$(mktemp -d /tmp/promisebot-report-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "[bench] publishing Release build ..." >&2
dotnet publish bench/PromiseBot.Bench.Reports -c Release -o "$OUT" --nologo -v quiet >/dev/null

echo "[bench] generating $PROMISES promises, $EVENTS events in $WORKSPACES workspaces ..." >&2
dotnet "$OUT/PromiseBot.Bench.Reports.dll" generate "$WORK/reports.db" "$PROMISES" "$EVENTS" "$WORKSPACES"
echo "[bench] measuring ..." >&2
status=0
dotnet "$OUT/PromiseBot.Bench.Reports.dll" measure "$WORK/reports.db" || status=$?
if [ "$INDEX" = index ]; then
  echo "[bench] measuring with the proposed indexes (bench database only) ..." >&2
  dotnet "$OUT/PromiseBot.Bench.Reports.dll" measure "$WORK/reports.db" index || status=$?
fi
exit $status

#!/usr/bin/env bash
# Business-time benchmark: builds bench/PromiseBot.Bench.Sla in Release and measures, on one thread, business-time
# additions (BusinessClock.Add, spans up to 5 business days over calendars with holidays), business-day additions and
# elapsed business time. Target: >= 1,000,000 additions per second. No network, no files beyond the build output.
#
#   bench/sla-bench.sh [SECONDS_PER_MEASURE=3]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/sla
echo "[bench] publishing Release build ..." >&2
dotnet publish bench/PromiseBot.Bench.Sla -c Release -o "$OUT" --nologo -v quiet >/dev/null
dotnet "$OUT/PromiseBot.Bench.Sla.dll" "${1:-3}"

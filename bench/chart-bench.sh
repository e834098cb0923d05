#!/usr/bin/env bash
# Report chart rendering (src/PromiseBot.Charts, ScottPlot 5 on SkiaSharp 3.119): a Release build of the real code,
# no network. Prints ms per chart: the first of each kind in a fresh process (font registration, Skia and JIT
# warm-up), then warm renders (mean and median), and each PNG's size. A figure for the README, not a test.
#
#   bench/chart-bench.sh [WARM_RENDERS=50] [OUTPUT_FOLDER]   (OUTPUT_FOLDER: also write the sample PNGs there)
set -euo pipefail
cd "$(dirname "$0")/.."
WARM=${1:-50}
echo "[bench] publishing a Release build ..." >&2
dotnet publish bench/PromiseBot.Bench.Charts -c Release -o bench/out/charts --nologo -v quiet >/dev/null
dotnet bench/out/charts/PromiseBot.Bench.Charts.dll "$WARM" ${2:+"$2"}

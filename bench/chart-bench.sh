#!/usr/bin/env bash
# Report chart rendering (src/PromiseBot.Charts, ScottPlot 5 on SkiaSharp 3.119): a Release build of the real code,
# no network. Prints ms per chart: the first of each kind in a fresh process (font registration, Skia and JIT
# warm-up), then warm renders (mean and median), and each PNG's size. A figure for the README, not a test.
# As root with unshare(1), it then draws the charts again with /usr/share/fonts hidden (an empty tmpfs in a private
# mount namespace) and compares the PNGs byte for byte: the shipped font makes the host's fonts irrelevant.
#
#   bench/chart-bench.sh [WARM_RENDERS=50] [OUTPUT_FOLDER]   (OUTPUT_FOLDER: keep the sample PNGs there)
set -euo pipefail
cd "$(dirname "$0")/.."
WARM=${1:-50}
OUT=${2:-}
WORK=$(mktemp -d /tmp/promisebot-chart-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "[bench] publishing a Release build ..." >&2
dotnet publish bench/PromiseBot.Bench.Charts -c Release -o bench/out/charts --nologo -v quiet >/dev/null
dotnet bench/out/charts/PromiseBot.Bench.Charts.dll "$WARM" "$WORK/with-fonts"

if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1; then
  unshare -m bash -c "mount -t tmpfs none /usr/share/fonts && dotnet bench/out/charts/PromiseBot.Bench.Charts.dll 0 '$WORK/no-fonts'" >/dev/null
  if diff -r -q "$WORK/with-fonts" "$WORK/no-fonts" >/dev/null; then
    echo "without the host's fonts (/usr/share/fonts hidden): identical PNGs ($(ls "$WORK/no-fonts" | wc -l) charts)"
  else
    echo "without the host's fonts (/usr/share/fonts hidden): PNGs DIFFER"; diff -r -q "$WORK/with-fonts" "$WORK/no-fonts" || true
  fi
fi

if [ -n "$OUT" ]; then mkdir -p "$OUT" && cp "$WORK/with-fonts"/*.png "$OUT"/ && echo "PNGs in $OUT"; fi

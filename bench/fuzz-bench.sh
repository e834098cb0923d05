#!/usr/bin/env bash
# Fuzz bench: runs every fuzz property (tests/*/Fuzzing: the command, date, calendar, SLA, guarantee and authority
# grammars; Slack slash forms, interaction and events JSON; the Teams activity translator; Slack and Teams escaping)
# with COUNT generated inputs each (PROMISEBOT_FUZZ_COUNT) and prints, per property: inputs, refusals, accepted,
# exceptions (must be 0), property violations (must be 0) and seconds. The normal `dotnet test` runs 2,000 each.
#
#   bench/fuzz-bench.sh [COUNT=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
REPORT=${FUZZ_REPORT:-$(mktemp /tmp/promisebot-fuzz-report.XXXXXX)}   # FUZZ_REPORT=file keeps the lines as they come
[ -n "${FUZZ_REPORT:-}" ] || trap 'rm -f "$REPORT"' EXIT

echo "[fuzz] building ..." >&2
dotnet build tests/PromiseBot.Core.Tests --nologo -v quiet >/dev/null
dotnet build tests/PromiseBot.Slack.Tests --nologo -v quiet >/dev/null
dotnet build tests/PromiseBot.Teams.Tests --nologo -v quiet >/dev/null

status=0
for project in Slack Teams Core; do
  echo "[fuzz] PromiseBot.$project.Tests, $COUNT inputs per property ..." >&2
  PROMISEBOT_FUZZ_COUNT=$COUNT PROMISEBOT_FUZZ_REPORT=$REPORT \
    dotnet test "tests/PromiseBot.$project.Tests" --no-build --nologo --filter "FullyQualifiedName~.Fuzzing." \
      > "$REPORT.$project.log" 2>&1 || { status=1; grep -m3 -A3 "FuzzViolation" "$REPORT.$project.log" >&2 || tail -20 "$REPORT.$project.log" >&2; }
  rm -f "$REPORT.$project.log"
done

printf '%-28s %9s %9s %9s %10s %10s %8s\n' property inputs refusals accepted exceptions violations seconds
sed -E 's/^FUZZ (.{28}) +inputs= *([0-9]+) refusals= *([0-9]+) accepted= *([0-9]+) exceptions=([0-9]+) violations=([0-9]+) seconds=([0-9.]+)/\1 \2 \3 \4 \5 \6 \7/' "$REPORT" \
  | awk '{ s=$NF; v=$(NF-1); e=$(NF-2); a=$(NF-3); r=$(NF-4); i=$(NF-5); name=""; for (k=1; k<=NF-6; k++) name=name (k>1?" ":"") $k;
           printf "%-28s %9d %9d %9d %10d %10d %8.1f\n", name, i, r, a, e, v, s; if (e > 0 || v > 0 || i < '"$COUNT"') bad=1 }
         END { exit bad }' || status=1
exit $status

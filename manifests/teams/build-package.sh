#!/usr/bin/env bash
# Builds the Teams app package (the zip you upload in Teams or the Developer Portal) from manifest.json and the two
# icons. The bot's Microsoft App ID (the Azure Bot registration) replaces the placeholder botId:
#   TEAMS_APP_ID=<guid> manifests/teams/build-package.sh          (or Teams__AppId=<guid>, as the host reads it)
# Without either, the placeholder 00000000-0000-0000-0000-000000000000 stays (fine for validation, not for upload).
# Output: manifests/teams/build/promisebot-teams.zip (git-ignored), or OUT_DIR=... to choose the directory.
# Validate it with: tests/validators/validate-teams-manifest.sh manifests/teams/build/promisebot-teams.zip
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out_dir="${OUT_DIR:-$here/build}"
placeholder="00000000-0000-0000-0000-000000000000"
app_id="${TEAMS_APP_ID:-${Teams__AppId:-$placeholder}}"

if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "build-package: the app id must be a GUID (the Azure Bot's Microsoft App ID), got '$app_id'" >&2
  exit 2
fi
if [ "$app_id" = "$placeholder" ]; then
  echo "build-package: TEAMS_APP_ID / Teams__AppId not set; the package keeps the placeholder bot id" >&2
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# Only the botId line holds the placeholder; a plain text substitution keeps the file byte-for-byte otherwise.
sed "s/\"botId\": \"$placeholder\"/\"botId\": \"$app_id\"/" "$here/manifest.json" > "$stage/manifest.json"
if [ "$app_id" != "$placeholder" ] && ! grep -q "\"botId\": \"$app_id\"" "$stage/manifest.json"; then
  echo "build-package: could not find the botId placeholder in manifest.json" >&2
  exit 1
fi
cp "$here/color.png" "$here/outline.png" "$stage/"

mkdir -p "$out_dir"
zip_path="$out_dir/promisebot-teams.zip"
rm -f "$zip_path"
# Files at the root of the zip, not in a folder: Teams rejects nested packages. -X: no extra attributes, so the same
# inputs give the same bytes apart from timestamps.
(cd "$stage" && zip -q -X "$zip_path" manifest.json color.png outline.png)
echo "$zip_path"

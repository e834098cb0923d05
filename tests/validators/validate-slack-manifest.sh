#!/usr/bin/env bash
# A Slack app manifest (YAML or JSON): Slack's manifest schema + rules across fields.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
validate_with slack-manifest "validate-slack-manifest.sh FILE [--schema-only]" "$@"

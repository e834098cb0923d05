#!/usr/bin/env bash
# A Slack message {text, blocks}, a view (modal or Home tab) or an array of blocks: @slack/types + Slack's limits.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
validate_with block-kit "validate-block-kit.sh FILE" "$@"

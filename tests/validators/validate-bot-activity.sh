#!/usr/bin/env bash
# An outgoing Bot Framework activity (or an array): Microsoft's activity schema + Bot Connector rules.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
validate_with bot-activity "validate-bot-activity.sh FILE" "$@"

#!/usr/bin/env bash
# An Adaptive Card (bare or as an attachment): the 1.5 schema + Microsoft's parser + Teams limits.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
validate_with adaptive-card "validate-adaptive-card.sh FILE" "$@"

#!/usr/bin/env bash
# A Teams manifest.json or app package .zip: Microsoft's schema for its manifestVersion + package rules.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
validate_with teams-manifest "validate-teams-manifest.sh FILE" "$@"

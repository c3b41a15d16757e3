#!/usr/bin/env bash
# The pipeline end to end on embedded defaults (a local upstream repository; nothing configured).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node dist/cli/index.cjs run --demo "$@"

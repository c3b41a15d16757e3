#!/usr/bin/env bash
# The test command: set up what is missing, then typecheck, check that the committed bundles are a
# fresh build, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s typecheck
npm run -s check-dist
npx vitest run

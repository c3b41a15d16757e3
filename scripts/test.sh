#!/usr/bin/env bash
# The test command: set up what is missing, then typecheck, check that the committed bundles are a
# fresh build, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s typecheck
npm run -s check-dist
# The build tests use a real Docker engine (buildx, containerd image store, QEMU) and a registry: start
# them, installing what is missing, unless they already run; stop afterwards what this run started.
if ! bash scripts/services.sh status 2>/dev/null; then
  trap 'bash scripts/services.sh stop' EXIT
  bash scripts/services.sh start
fi
npx vitest run

#!/usr/bin/env bash
# The pipeline end to end on embedded defaults: a local upstream repository, a local registry, a local
# config repository in Kustomize form; nothing configured. It starts a Docker engine and a registry on
# 127.0.0.1 (scripts/services.sh) when it can; without them the build runs as a printed plan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! bash scripts/services.sh status 2>/dev/null; then
  if ! bash scripts/services.sh start; then
    echo "offmain demo: could not start a Docker engine here; the build will be a printed plan" >&2
  fi
fi
node dist/cli/index.mjs run --demo "$@"
echo "(the Docker engine and the registry keep running for a look around; stop them with: bash scripts/services.sh stop)" >&2

#!/usr/bin/env bash
# Installs what offmain needs on a fresh machine (Debian with Node.js 20 and npm): git (with jq and curl for
# the workflow tests), and the npm dependencies from package-lock.json. Idempotent: it does only what is
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v git >/dev/null 2>&1 || need_apt+=(git)
# The workflow scripts the tests run (as a runner would) use jq and curl, as GitHub's images have them.
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "offmain setup: missing ${need_apt[*]}; install it (apt-get install ${need_apt[*]}) and run again" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -x "$(git --exec-path)/git-http-backend" ]; then
  echo "offmain setup: git-http-backend is missing from $(git --exec-path); install Debian's git package" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

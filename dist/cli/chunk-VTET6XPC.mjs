#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  parse,
  required
} from "./chunk-KV2BBYS3.mjs";
import {
  DEFAULT_PATCH_SETS,
  failureLine,
  headOf,
  patchSummaryMarkdown,
  patchTree,
  resolveUpstream,
  versionOf
} from "./chunk-L3EOFOQF.mjs";
import {
  OffmainError,
  pathOption
} from "./chunk-DG7S4ZZ7.mjs";

// src/cli/upstream.ts
import { resolve } from "node:path";
var resolveOptions = {
  repository: { type: "string" },
  ref: { type: "string" },
  commit: { type: "string" },
  track: { type: "string" },
  path: { type: "string" }
};
var patchOptions = {
  "patch-set": { type: "string", multiple: true },
  patch: { type: "string", multiple: true }
};
function track(value) {
  if (value === void 0 || value === "main" || value === "release") return value ?? "main";
  throw new OffmainError(`--track is "${value}": expected main or release`);
}
function token() {
  return process.env.OFFMAIN_UPSTREAM_TOKEN || void 0;
}
function printPatchResult(out, result, json) {
  if (json) {
    out.stdout(JSON.stringify(result.report, null, 2));
  } else {
    out.stdout(patchSummaryMarkdown(result));
  }
  const failed = failureLine(result);
  if (failed) {
    out.log.error(failed);
    return 1;
  }
  return 0;
}
var upstreamCommands = {
  async resolve(args, out) {
    const name = "resolve";
    const v = parse(name, args, resolveOptions);
    const u = await resolveUpstream({
      repository: required(name, "repository", v.repository),
      ref: v.ref,
      commit: v.commit,
      track: track(v.track),
      path: pathOption(name, "path", v.path ?? "mastodon", "directory"),
      token: token()
    });
    out.stdout(v.json ? JSON.stringify(u, null, 2) : `${u.sha} ${u.date} ${u.tag ?? u.ref} ${u.path}`);
    return 0;
  },
  async version(args, out) {
    const name = "version";
    const v = parse(name, args, { dir: { type: "string" }, commit: { type: "string" } });
    const dir = pathOption(name, "dir", required(name, "dir", v.dir), "directory");
    const commit = v.commit ?? await headOf(dir);
    const info = await versionOf(dir, commit);
    out.stdout(v.json ? JSON.stringify({ version: info.display, imageTag: info.imageTag, declared: info.declared.text }) : info.display);
    return 0;
  },
  async patch(args, out) {
    const name = "patch";
    const v = parse(name, args, { dir: { type: "string" }, commit: { type: "string" }, ...patchOptions });
    pathOption(name, "dir", required(name, "dir", v.dir), "directory");
    const result = await patchTree(
      {
        dir: required(name, "dir", v.dir),
        commit: v.commit,
        patchSets: v["patch-set"] ?? DEFAULT_PATCH_SETS,
        diffs: (v.patch ?? []).map((p) => resolve(p))
      },
      out.log
    );
    return printPatchResult(out, result, Boolean(v.json));
  }
};

export {
  resolveOptions,
  patchOptions,
  track,
  token,
  printPatchResult,
  upstreamCommands
};

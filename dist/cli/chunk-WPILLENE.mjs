#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  decide
} from "./chunk-3LAYXXTM.mjs";
import {
  parse
} from "./chunk-KV2BBYS3.mjs";
import {
  DEFAULT_PATCH_SETS
} from "./chunk-L3EOFOQF.mjs";
import {
  OffmainError,
  pathOption
} from "./chunk-DG7S4ZZ7.mjs";

// src/cli/decide.ts
import { appendFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
var DECIDE_USAGE = `  decide   --image NAME [--image ...] [--streaming-image NAME ...] [--platforms P]
           [--repository URL] [--ref BRANCH] [--track main|release] [--commit SHA]
           [--patch-set NAME|FILE ...] [--patch FILE.diff ...] [--config OWNER/NAME|URL [--config-branch B] [--config-path DIR]
            [--adopt REPOSITORY[=TARGET] ...]]
           [--checks require|names|off] [--required-check NAME ...] [--checks-app SLUG ...] [--min-age 2h]
           [--checks-repository OWNER/NAME] [--github-output FILE] [--summary FILE] [--json]
           what a run needs: which platforms to build, a merge, a deploy; nothing when nothing moved`;
function items(values, commas = false) {
  return (values ?? []).flatMap((v) => v.split(commas ? /[\n,]/ : /\n/)).map((v) => v.trim()).filter(Boolean);
}
function outputs(d) {
  const first = d.images.find((i) => i.key === "mastodon")?.repositories[0];
  return {
    commit: d.commit,
    version: d.version,
    "image-tag": d.imageTag,
    platforms: d.platforms.join(","),
    merge: String(d.merge),
    deploy: String(d.deploy),
    image: d.pinned.length && first ? `${first.repository}:${d.imageTag}@${first.digest}` : "",
    images: d.pinned.join("\n"),
    "lag-hours": !d.deploy && d.head && d.pinned.length ? "0" : "",
    "gate-lag-hours": d.gate ? String(d.gate.lagHours) : ""
  };
}
var decideCommand = async (args, out) => {
  const v = parse("decide", args, {
    repository: { type: "string" },
    ref: { type: "string" },
    track: { type: "string" },
    commit: { type: "string" },
    "patch-set": { type: "string", multiple: true },
    patch: { type: "string", multiple: true },
    image: { type: "string", multiple: true },
    "streaming-image": { type: "string", multiple: true },
    platforms: { type: "string" },
    config: { type: "string" },
    "config-branch": { type: "string" },
    "config-path": { type: "string" },
    adopt: { type: "string", multiple: true },
    "github-output": { type: "string" },
    summary: { type: "string" },
    checks: { type: "string" },
    "required-check": { type: "string", multiple: true },
    "checks-app": { type: "string", multiple: true },
    "min-age": { type: "string" },
    "checks-repository": { type: "string" }
  });
  const images = items(v.image, true);
  if (!images.length) throw new OffmainError("offmain decide: --image is required (the repositories the mastodon image is pushed to)");
  const track = v.track || "main";
  if (track !== "main" && track !== "release") throw new OffmainError(`offmain decide: --track is "${track}": expected main or release`);
  const githubOutput = v["github-output"] ? pathOption("decide", "github-output", v["github-output"], "file") : void 0;
  const summary = v.summary ? pathOption("decide", "summary", v.summary, "file") : void 0;
  const sets = items(v["patch-set"]);
  const d = await decide({
    upstream: v.repository || void 0,
    track,
    ref: v.ref || void 0,
    commit: v.commit || void 0,
    upstreamToken: process.env.OFFMAIN_UPSTREAM_TOKEN || void 0,
    patchSets: sets.length ? sets : DEFAULT_PATCH_SETS,
    patches: items(v.patch),
    baseDir: process.cwd(),
    images,
    streamingImages: items(v["streaming-image"], true),
    platforms: v.platforms || void 0,
    config: v.config ? {
      repository: v.config,
      branch: v["config-branch"] || void 0,
      path: v["config-path"] || void 0,
      token: process.env.OFFMAIN_CONFIG_TOKEN || void 0,
      // In a workflow the decision gets the deploy job's token: it goes where action-deploy sends it, only there.
      tokenForGitHubOnly: process.env.GITHUB_ACTIONS === "true"
    } : void 0,
    adopt: items(v.adopt),
    gate: { checks: v.checks || void 0, requiredChecks: items(v["required-check"], true), checksApps: items(v["checks-app"], true), minAge: v["min-age"] || void 0, checksRepository: v["checks-repository"] || void 0 },
    log: out.log
  });
  if (githubOutput) {
    const eof = `OFFMAIN_${randomBytes(8).toString("hex")}`;
    const text = Object.entries(outputs(d)).map(([k, val]) => val.includes("\n") ? `${k}<<${eof}
${val}
${eof}
` : `${k}=${val}
`).join("");
    appendFileSync(githubOutput, text);
  }
  if (summary) appendFileSync(summary, `### offmain

${d.line}

${d.gateMarkdown ? `${d.gateMarkdown}
` : ""}`);
  out.stdout(v.json ? JSON.stringify(d, null, 2) : d.line);
  return 0;
};

export {
  DECIDE_USAGE,
  decideCommand
};

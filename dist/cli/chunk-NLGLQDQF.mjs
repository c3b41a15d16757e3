#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DEFAULT_MAX_LAG_HOURS,
  bump,
  deploy,
  deploySummaryMarkdown,
  freshness,
  freshnessFailure,
  freshnessLine,
  freshnessMarkdown,
  parseMergeMethod,
  parsePolicies,
  parseSetArg
} from "./chunk-NUSJ3E7V.mjs";
import {
  parse,
  required
} from "./chunk-KV2BBYS3.mjs";
import {
  OffmainError,
  isOffmainError,
  pathOption
} from "./chunk-DG7S4ZZ7.mjs";

// src/cli/deploy.ts
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
var DEPLOY_USAGE = `  bump      --dir DIR --set REPOSITORY=TAG[@DIGEST] [--set ...] [--no-digest] [--digest-in-tag] [--allow-downgrade]
            [--policy NAMESPACE:NAME=REPOSITORY ...] [--adopt REPOSITORY[=TARGET] ...] [--dry-run] [--json]
            set the image tags (and digests) in a config directory, changing only those scalars;
            --adopt switches references to another image (ghcr.io/mastodon/mastodon) to ours
  deploy    --repository OWNER/NAME|URL --image REPOSITORY=TAG[@DIGEST] [--image ...] [--branch BRANCH]
            [--mode push|pull-request] [--path SUBDIR] [--author "Name <email>"]
            [--upstream URL] [--upstream-ref BRANCH] [--upstream-commit SHA] [--upstream-path DIR]
            [--version VERSION] [--patch-report FILE] [--no-digest] [--digest-in-tag] [--allow-downgrade] [--policy ...]
            [--adopt REPOSITORY[=TARGET] ...]
            [--label LABEL ...] [--auto-merge merge|squash|rebase] [--keep-superseded]
            [--max-lag HOURS] [--warn-only] [--hold REASON] [--json]
            clone the config repo, bump, commit, push (or open one pull request), report the lag
  freshness --upstream URL [--ref BRANCH] --deployed SHA|TAG [--max-lag HOURS] [--warn-only] [--cache DIR] [--json]
            how far the deployed commit is behind upstream (goal: ${DEFAULT_MAX_LAG_HOURS} h)`;
function hours(command, value) {
  if (value === void 0) return void 0;
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n) || n < 0) throw new OffmainError(`offmain ${command}: --max-lag is "${value}": expected a number of hours, e.g. 48`);
  return n;
}
function date(command, value) {
  if (value === void 0) return void 0;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new OffmainError(`offmain ${command}: --now is "${value}": expected an ISO 8601 time`);
  return d;
}
var policyOption = { policy: { type: "string", multiple: true } };
var adoptOption = { adopt: { type: "string", multiple: true } };
function adoptValues(values) {
  const out = (values ?? []).flatMap((v) => v.split("\n")).map((v) => v.trim()).filter(Boolean);
  return out.length ? out : void 0;
}
function guarded(fn) {
  return async (args, out) => {
    try {
      return await fn(args, out);
    } catch (e) {
      if (isOffmainError(e)) {
        const { file, line } = e.location;
        const said = file !== void 0 && e.message.startsWith(`${file}${line ? `:${line}` : ""}: `);
        out.log.error(e.message, file && !said ? { file, line } : void 0);
        return 1;
      }
      throw e;
    }
  };
}
var bumpCommand = async (args, out) => {
  const v = parse("bump", args, {
    dir: { type: "string" },
    set: { type: "string", multiple: true },
    "no-digest": { type: "boolean" },
    "digest-in-tag": { type: "boolean" },
    "allow-downgrade": { type: "boolean" },
    "dry-run": { type: "boolean" },
    ...policyOption,
    ...adoptOption
  });
  const dir = pathOption("bump", "dir", required("bump", "dir", v.dir), "directory");
  if (!v.set?.length) throw new OffmainError("offmain bump: --set REPOSITORY=TAG[@DIGEST] is required (see offmain --help)");
  const r = await bump({
    dir,
    targets: v.set.map(parseSetArg),
    pinDigest: !v["no-digest"],
    digestInTag: Boolean(v["digest-in-tag"]),
    allowDowngrade: Boolean(v["allow-downgrade"]),
    policies: parsePolicies(v.policy),
    adopt: adoptValues(v.adopt),
    dryRun: Boolean(v["dry-run"]),
    log: out.log
  });
  if (v.json) {
    out.stdout(JSON.stringify({ changed: r.changed, files: r.files, changes: r.changes, unchanged: r.unchanged, previous: r.previous }, null, 2));
  } else {
    for (const c of r.changes) out.stdout(`${c.file}:${c.line}: ${c.old} -> ${c.new}${c.note ? `  (${c.note})` : ""}`);
    out.stdout(
      r.changed ? `${v["dry-run"] ? "would change" : "changed"} ${r.files.length} file${r.files.length === 1 ? "" : "s"}, ${r.changes.length} reference${r.changes.length === 1 ? "" : "s"}` : `already at the target: ${r.unchanged.length} reference${r.unchanged.length === 1 ? "" : "s"}, nothing changed`
    );
  }
  return 0;
};
var deployCommand = async (args, out) => {
  const v = parse("deploy", args, {
    repository: { type: "string" },
    branch: { type: "string" },
    image: { type: "string", multiple: true },
    mode: { type: "string" },
    path: { type: "string" },
    author: { type: "string" },
    upstream: { type: "string" },
    "upstream-ref": { type: "string" },
    "upstream-commit": { type: "string" },
    "upstream-path": { type: "string" },
    cache: { type: "string" },
    version: { type: "string" },
    "patch-report": { type: "string" },
    "no-digest": { type: "boolean" },
    "digest-in-tag": { type: "boolean" },
    "allow-downgrade": { type: "boolean" },
    label: { type: "string", multiple: true },
    "auto-merge": { type: "string" },
    "keep-superseded": { type: "boolean" },
    "max-lag": { type: "string" },
    "warn-only": { type: "boolean" },
    hold: { type: "string" },
    attempts: { type: "string" },
    "server-url": { type: "string" },
    "api-url": { type: "string" },
    now: { type: "string" },
    ...policyOption,
    ...adoptOption
  });
  const repository = required("deploy", "repository", v.repository);
  if (!v.image?.length) throw new OffmainError("offmain deploy: --image REPOSITORY=TAG[@DIGEST] is required (see offmain --help)");
  const mode = v.mode ?? "push";
  if (mode !== "push" && mode !== "pull-request") throw new OffmainError(`offmain deploy: --mode is "${v.mode}": expected push or pull-request`);
  let patchReport;
  if (v["patch-report"]) {
    try {
      patchReport = readFileSync(resolve(v["patch-report"]), "utf8");
    } catch {
      throw new OffmainError(`offmain deploy: cannot read the patch report ${v["patch-report"]}: pass the file \`offmain patch --json\` wrote`);
    }
  }
  const attempts = v.attempts === void 0 ? void 0 : Number(v.attempts);
  if (attempts !== void 0 && !(Number.isInteger(attempts) && attempts >= 1)) {
    throw new OffmainError(`offmain deploy: --attempts is "${v.attempts}": expected a whole number of at least 1`);
  }
  const upstream = v.upstream || v["upstream-path"] ? {
    repository: v.upstream,
    ref: v["upstream-ref"],
    commit: v["upstream-commit"],
    path: v["upstream-path"] ? pathOption("deploy", "upstream-path", v["upstream-path"], "directory") : void 0,
    token: process.env.OFFMAIN_UPSTREAM_TOKEN || void 0,
    cacheDir: v.cache ? pathOption("deploy", "cache", v.cache, "directory") : void 0
  } : void 0;
  const r = await deploy({
    repository,
    branch: v.branch,
    token: process.env.OFFMAIN_CONFIG_TOKEN || void 0,
    serverUrl: v["server-url"],
    apiUrl: v["api-url"],
    images: v.image.map(parseSetArg),
    path: v.path,
    mode,
    pinDigest: !v["no-digest"],
    digestInTag: Boolean(v["digest-in-tag"]),
    allowDowngrade: Boolean(v["allow-downgrade"]),
    policies: parsePolicies(v.policy),
    adopt: adoptValues(v.adopt),
    author: v.author,
    upstream,
    version: v.version,
    patchReport,
    labels: v.label,
    autoMerge: parseMergeMethod(v["auto-merge"]),
    closeSuperseded: !v["keep-superseded"],
    maxLagHours: hours("deploy", v["max-lag"]),
    warnOnly: Boolean(v["warn-only"]),
    hold: v.hold,
    now: date("deploy", v.now),
    attempts,
    log: out.log
  });
  if (v.json) out.stdout(JSON.stringify(r, null, 2));
  else out.stdout(deploySummaryMarkdown(r));
  if (r.freshness?.status === "fail") {
    out.log.error(freshnessFailure(r.freshness));
    return 1;
  }
  return 0;
};
var freshnessCommand = async (args, out) => {
  const v = parse("freshness", args, {
    upstream: { type: "string" },
    ref: { type: "string" },
    deployed: { type: "string" },
    "max-lag": { type: "string" },
    "warn-only": { type: "boolean" },
    cache: { type: "string" },
    now: { type: "string" }
  });
  const r = await freshness({
    repository: required("freshness", "upstream", v.upstream),
    ref: v.ref,
    deployed: required("freshness", "deployed", v.deployed),
    maxLagHours: hours("freshness", v["max-lag"]),
    warnOnly: Boolean(v["warn-only"]),
    cacheDir: v.cache ? pathOption("freshness", "cache", v.cache, "directory") : void 0,
    token: process.env.OFFMAIN_UPSTREAM_TOKEN || void 0,
    now: date("freshness", v.now)
  });
  if (v.json) out.stdout(JSON.stringify(r, null, 2));
  else out.stdout(`${freshnessLine(r)}

${freshnessMarkdown(r, "## offmain freshness")}`);
  if (r.status === "fail") {
    out.log.error(freshnessFailure(r));
    return 1;
  }
  if (r.status === "warn") out.log.warning(freshnessFailure(r));
  return 0;
};
var deployCommands = {
  bump: guarded(bumpCommand),
  deploy: guarded(deployCommand),
  freshness: guarded(freshnessCommand)
};

export {
  DEPLOY_USAGE,
  adoptValues,
  deployCommands
};

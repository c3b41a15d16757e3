#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  patchOptions,
  printPatchResult,
  resolveOptions,
  token,
  track
} from "./chunk-VTET6XPC.mjs";
import {
  adoptValues
} from "./chunk-NLGLQDQF.mjs";
import {
  decideForRun,
  gateBeforePatch,
  gateMarkdown
} from "./chunk-3LAYXXTM.mjs";
import {
  ConfigCheckout,
  UpstreamHistory,
  configRemote,
  deploy,
  deploySummaryMarkdown,
  freshness,
  freshnessFailure,
  freshnessLine,
  freshnessMarkdown
} from "./chunk-NUSJ3E7V.mjs";
import {
  parse
} from "./chunk-KV2BBYS3.mjs";
import {
  PUBLIC_BUILD_ARGS,
  build,
  buildSummaryMarkdown,
  planBuild,
  readBuildTree,
  runningRepository,
  validateSourceRepository
} from "./chunk-4LXDK5L3.mjs";
import {
  DEFAULT_PATCH_SETS,
  DEFAULT_REPOSITORY,
  cell,
  commitUrl,
  failureLine,
  git,
  inline,
  parseImageTag,
  patchSummaryMarkdown,
  prepare,
  redactUrl
} from "./chunk-L3EOFOQF.mjs";
import {
  OffmainError,
  errorMessage,
  pathOption
} from "./chunk-DG7S4ZZ7.mjs";

// src/cli/run.ts
import { resolve as resolve2 } from "node:path";

// src/pipeline/run.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/pipeline/nothingnew.ts
var DIGEST = /^sha256:[0-9a-f]{64}$/;
function nothingNewMarkdown(n, upstream) {
  const url = commitUrl(upstream.repository, upstream.commit);
  const short = `\`${upstream.commit.slice(0, 7)}\``;
  const rows = [
    ["Upstream", `${url ? `[${short}](${url})` : short} of ${cell(upstream.repository)}`],
    ["Version", `\`${cell(upstream.version)}\` (tag \`${cell(upstream.imageTag)}\`)`],
    ["Config repository", `${cell(n.config.repository)} (${cell(n.config.branch)} at \`${n.config.commit.slice(0, 7)}\`): runs these images`],
    ["Done", "nothing: no checkout, no patch, no build, no commit"]
  ];
  const images = n.images.flatMap(
    (i) => i.repositories.map((r) => {
      const digest = r.digest && DIGEST.test(r.digest) ? `\`${r.digest}\`` : "unreadable";
      return `| ${i.key} | \`${cell(r.repository)}:${cell(upstream.imageTag)}\` | ${digest} | ${cell(inline(r.platforms.join(", "), 200))} |`;
    })
  );
  const parts = [
    "## offmain: nothing new",
    "",
    cell(inline(n.line, 400)),
    "",
    "| | |",
    "| --- | --- |",
    ...rows.map(([a, b]) => `| ${a} | ${b} |`),
    "",
    "### Images",
    "",
    "| Image | Reference | Digest | Platforms |",
    "| --- | --- | --- | --- |",
    ...images,
    ""
  ];
  if (n.freshness) parts.push(freshnessMarkdown(n.freshness));
  else if (n.freshnessError) parts.push(`### Freshness

not measured: ${cell(inline(n.freshnessError, 400))}
`);
  return parts.join("\n");
}

// src/pipeline/run.ts
async function planOnly(prepared, opts) {
  const u = prepared.upstream;
  return planBuild(
    {
      dir: prepared.dir,
      commit: u.sha,
      commitTime: u.date,
      version: prepared.version,
      upstream: u.repository,
      sourceRepository: opts.build.sourceRepository,
      track: u.track,
      branch: u.track === "main" ? u.ref : void 0,
      images: opts.build.images,
      streamingImages: opts.build.streamingImages,
      platforms: opts.build.platforms,
      tags: opts.build.tags,
      buildArgs: Array.isArray(opts.build.buildArgs) ? void 0 : opts.build.buildArgs,
      prerelease: opts.build.prerelease,
      patches: prepared.report.patches.filter((p) => p.status === "applied" || p.status === "already-applied").map((p) => p.id)
    },
    await readBuildTree(prepared.dir)
  );
}
function deployTargets(result) {
  if (result.build) {
    return result.build.images.flatMap(
      (img) => img.repositories.map((repository) => ({ repository, tag: result.build.plan.imageTag, digest: img.digest }))
    );
  }
  const plan = result.plan;
  return plan.images.flatMap((img) => img.repositories.map((repository) => ({ repository, tag: plan.imageTag })));
}
function later(p) {
  p.catch(() => void 0);
  return p;
}
function decidesFirst(opts) {
  const commit = opts.upstream.commit?.trim();
  return Boolean(opts.deploy) && !opts.build.planOnly && !opts.build.force && (!commit || /^[0-9a-f]{40}$/i.test(commit));
}
async function runPipeline(opts, log) {
  const t0 = performance.now();
  const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
  const repository = opts.upstream.repository ?? DEFAULT_REPOSITORY;
  const track2 = opts.upstream.track ?? "main";
  const workDir = opts.deploy ? opts.deploy.workDir ?? await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), "offmain-config-")) : void 0;
  let checkout;
  let mainHistory;
  try {
    const d = opts.deploy;
    const remote = d && configRemote(d.repository, { token: d.token, serverUrl: d.serverUrl, tokenForGitHubOnly: d.tokenForGitHubOnly });
    checkout = remote && later(ConfigCheckout.clone({ remote, dir: join(workDir, "config"), branch: d.branch?.trim() || void 0 }));
    const openHistory = (ref) => UpstreamHistory.open({ repository, ref, token: opts.upstream.token });
    mainHistory = track2 === "main" && d ? later(openHistory(opts.upstream.ref)) : void 0;
    const gated = await gateBeforePatch({
      ...opts.gate,
      repository,
      ref: opts.upstream.ref,
      track: opts.upstream.track,
      commit: opts.upstream.commit,
      token: opts.upstream.token,
      ...mainHistory ? { history: mainHistory } : {},
      log
    });
    const upstreamOptions = gated ? { ...opts.upstream, commit: gated.chosen.sha } : opts.upstream;
    let decision;
    if (decidesFirst(opts)) {
      decision = await log.group(
        "Decide",
        () => decideForRun({
          upstream: repository,
          track: track2,
          ref: opts.upstream.ref,
          commit: upstreamOptions.commit,
          upstreamToken: opts.upstream.token,
          patchSets: opts.upstream.patchSets ?? DEFAULT_PATCH_SETS,
          patches: opts.upstream.diffs,
          baseDir: opts.upstream.baseDir,
          images: opts.build.images,
          streamingImages: opts.build.streamingImages,
          platforms: Array.isArray(opts.build.platforms) ? opts.build.platforms.join(",") : opts.build.platforms,
          config: { repository: d.repository, branch: d.branch, path: d.path, token: d.token },
          adopt: d.adopt,
          checkout,
          gate: opts.gate,
          env: opts.build.env,
          log
        })
      );
      const co = await checkout;
      if (decision) log.info(decision.line);
      if (decision && !decision.deploy && !decision.merge && !decision.platforms.length) {
        return await stopHere(decision, co, { opts, history: mainHistory ?? later(openHistory(decision.ref)), gate: gated?.result, log, seconds });
      }
    }
    return await goOn(opts, { upstreamOptions, gated, decision, checkout, history: mainHistory, openHistory, log, seconds });
  } finally {
    await Promise.allSettled([checkout, mainHistory]);
    if (workDir && !opts.deploy?.workDir) await rm(workDir, { recursive: true, force: true });
  }
}
async function stopHere(decision, co, c) {
  const d = c.opts.deploy;
  const configHead = later(co.head());
  const nothingNew = {
    line: decision.line,
    images: decision.images,
    pinned: decision.pinned,
    config: { repository: co.remote.display, branch: co.branch, commit: "" }
  };
  try {
    const history = await c.history;
    nothingNew.freshness = await c.log.group("Freshness", async () => {
      const f = await freshness({ history, deployed: decision.commit, now: d.now, maxLagHours: d.maxLagHours, warnOnly: d.warnOnly });
      if (c.gate) f.gateLagHours = c.gate.lagHours;
      c.log.info(freshnessLine(f));
      if (f.status === "warn") c.log.warning(freshnessFailure(f));
      return f;
    });
  } catch (e) {
    nothingNew.freshnessError = errorMessage(e);
    c.log.warning(`the lag cannot be measured: ${nothingNew.freshnessError}`);
  }
  nothingNew.config.commit = await configHead;
  return {
    ok: true,
    upstream: { repository: redactUrl(c.opts.upstream.repository ?? DEFAULT_REPOSITORY), ref: decision.ref, commit: decision.commit, version: decision.version, imageTag: decision.imageTag },
    decision,
    nothingNew,
    ...c.gate ? { gate: c.gate } : {},
    ...nothingNew.freshness ? { freshness: nothingNew.freshness } : {},
    seconds: c.seconds()
  };
}
async function goOn(opts, c) {
  const { log, gated, seconds } = c;
  const prepared = await prepare(c.upstreamOptions, log);
  const u = prepared.upstream;
  const upstream = { repository: u.repository, ref: u.ref, commit: u.sha, version: prepared.version.display, imageTag: prepared.version.imageTag };
  const failure = failureLine(prepared);
  const decided = c.decision ? { decision: c.decision } : {};
  if (failure) return { ok: false, failure, upstream, ...decided, prepared, gate: gated?.result, seconds: seconds() };
  let history;
  const historyOnce = () => history ??= c.history ?? later(c.openHistory(u.ref));
  const deployOptions = async (images) => ({
    ...opts.deploy,
    images,
    // The repository as given (credentials written in its URL serve the history fetch too), not u.repository (redacted).
    upstream: { repository: opts.upstream.repository ?? u.repository, ref: u.ref, commit: u.sha, token: opts.upstream.token, history: await historyOnce() },
    checkout: await c.checkout,
    version: prepared.version.display,
    patchReport: prepared.report,
    // The lag the gate causes, reported apart from the pipeline's own.
    ...gated ? { gateLagHours: gated.result.lagHours } : {},
    log
  });
  if (opts.deploy && !opts.build.planOnly) {
    await log.group("Check the deploy before building", async () => {
      const check = await deploy({ ...await deployOptions(deployTargets({ plan: await planOnly(prepared, opts) })), pinDigest: false, dryRun: true });
      log.info(
        check.changed ? `${check.files.join(", ")} will move from ${check.previous.version ?? "an unknown version"} to ${check.next.version}` : `the config repository already runs ${check.next.version}`
      );
    });
  }
  let built;
  let plan;
  if (opts.build.planOnly) {
    plan = await log.group("Build plan (no Docker engine: nothing is built)", async () => {
      const p = await planOnly(prepared, opts);
      for (const img of p.images) {
        log.info(`${img.key}: ${img.dockerfile} for ${p.platforms.join(", ")} -> ${img.refs.join(", ")}`);
        const args = Object.entries(img.buildArgs).map(([k, v]) => `${k}=${PUBLIC_BUILD_ARGS.has(k) ? v : "***"}`);
        log.info(`  build args: ${args.join(" ") || "none"}`);
      }
      return p;
    });
  } else {
    const { planOnly: _ignored, ...buildOptions } = opts.build;
    built = await build(
      {
        ...buildOptions,
        dir: prepared.dir,
        commit: u.sha,
        commitDate: u.date,
        upstream: u.repository,
        track: u.track,
        branch: u.track === "main" ? u.ref : void 0,
        patchReport: prepared.report,
        mode: "all",
        push: true
      },
      log
    );
  }
  let deployed;
  let planFreshness;
  if (opts.deploy && plan) {
    deployed = await log.group("Deploy (plan only: nothing is written)", async () => {
      const r = await deploy({ ...await deployOptions(deployTargets({ plan })), pinDigest: false, dryRun: true });
      log.info(
        r.changed ? `the bump would move ${r.files.join(", ")} from ${r.previous.version ?? "an unknown version"} to ${r.next.version}; nothing was committed or pushed` : `the config repository already names ${r.next.version}`
      );
      return r;
    });
    planFreshness = await lagOfDeployed(deployed, await historyOnce(), opts.deploy, gated?.result.lagHours, log);
  } else if (opts.deploy) {
    deployed = await log.group("Deploy", async () => deploy(await deployOptions(deployTargets({ build: built, plan }))));
  }
  return {
    ok: true,
    upstream,
    ...decided,
    prepared,
    gate: gated?.result,
    plan,
    build: built,
    deploy: deployed,
    ...deployed?.freshness ? { freshness: deployed.freshness } : planFreshness ? { freshness: planFreshness } : {},
    seconds: seconds()
  };
}
async function lagOfDeployed(r, history, d, gateLagHours, log) {
  const running = r.previous.tag ? parseImageTag(r.previous.tag)?.shortSha : void 0;
  if (!running) return void 0;
  try {
    const f = await freshness({ history, deployed: running, now: d.now, maxLagHours: d.maxLagHours, warnOnly: true });
    if (gateLagHours !== void 0) f.gateLagHours = gateLagHours;
    log.info(`the cluster still runs ${running}: ${freshnessLine(f)}`);
    return f;
  } catch (e) {
    log.warning(`the lag cannot be measured: ${errorMessage(e)}`);
    return void 0;
  }
}
function planMarkdown(plan) {
  const rows = plan.images.map(
    (img) => `| ${img.key} | \`${img.dockerfile}\` | ${plan.platforms.join(", ")} | ${img.refs.map((r) => `\`${r}\``).join("<br>")} |`
  );
  return [
    "## offmain build plan",
    "",
    "_No Docker engine here: this is what would be built._",
    "",
    "| Image | Dockerfile | Platforms | Tags |",
    "| --- | --- | --- | --- |",
    ...rows,
    ""
  ].join("\n");
}
function pipelineSummaryMarkdown(r) {
  const parts = [];
  if (r.gate) parts.push(gateMarkdown(r.gate, r.upstream.repository));
  if (r.nothingNew) parts.push(nothingNewMarkdown(r.nothingNew, r.upstream));
  if (r.prepared) parts.push(patchSummaryMarkdown(r.prepared));
  if (r.build) parts.push(buildSummaryMarkdown(r.build));
  if (r.plan) parts.push(planMarkdown(r.plan));
  if (r.deploy) parts.push(deploySummaryMarkdown(r.deploy));
  if (r.deploy?.dryRun && r.freshness) parts.push(freshnessMarkdown(r.freshness));
  if (r.failure) parts.push(`**Stopped before anything was built or pushed:** ${r.failure}
`);
  return parts.join("\n");
}

// src/cli/demo.ts
import { cpSync, existsSync as existsSync2, mkdirSync, mkdtempSync, readdirSync, readFileSync as readFileSync2, rmSync, writeFileSync } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join3, resolve } from "node:path";

// src/cli/localservices.ts
import { existsSync, readFileSync } from "node:fs";
import { join as join2 } from "node:path";
function servicesEnvFile(root) {
  return join2(root, ".tmp", "services.env");
}
function readServicesEnv(root) {
  const file = servicesEnvFile(root);
  if (!existsSync(file)) return void 0;
  const vars = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) vars[line.slice(0, i)] = line.slice(i + 1);
  }
  return vars;
}

// src/cli/demo.ts
function fixturesRoot() {
  const candidates = [
    typeof __dirname !== "undefined" ? resolve(__dirname, "../../test/fixtures/mastodon") : void 0,
    resolve("test/fixtures/mastodon")
  ].filter((p) => p !== void 0);
  const found = candidates.find((p) => existsSync2(p));
  if (!found) {
    throw new OffmainError(`the demo needs offmain's fixture trees (test/fixtures/mastodon): run it from a clone of offmain`);
  }
  return found;
}
var MINI_DOCKERFILE = `# Mastodon-shaped for the offmain demo: same ARGs as upstream's, builds offline.
ARG BASE_IMAGE=busybox
FROM \${BASE_IMAGE}
ARG MASTODON_VERSION_PRERELEASE=""
ARG MASTODON_VERSION_METADATA=""
ARG SOURCE_COMMIT=""
COPY lib/mastodon/version.rb /opt/mastodon/lib/mastodon/version.rb
RUN echo "metadata=\${MASTODON_VERSION_METADATA} commit=\${SOURCE_COMMIT}" > /opt/mastodon/BUILD
`;
var MINI_STREAMING_DOCKERFILE = `# Mastodon-shaped streaming image for the offmain demo (context: the repository root).
ARG BASE_IMAGE=busybox
FROM \${BASE_IMAGE}
ARG MASTODON_VERSION_METADATA=""
COPY package.json /opt/mastodon/package.json
RUN echo "streaming metadata=\${MASTODON_VERSION_METADATA}" > /opt/mastodon/BUILD
`;
function miniDockerfiles(work) {
  writeFileSync(join3(work, "Dockerfile"), MINI_DOCKERFILE);
  if (existsSync2(join3(work, "streaming"))) writeFileSync(join3(work, "streaming", "Dockerfile"), MINI_STREAMING_DOCKERFILE);
}
async function commitTree(work, tree, message, date, edit) {
  for (const entry of readdirSync(work)) if (entry !== ".git") rmSync(join3(work, entry), { recursive: true, force: true });
  cpSync(tree, work, { recursive: true });
  miniDockerfiles(work);
  edit?.(work);
  await git(["add", "-A"], { cwd: work });
  const env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await git(["-c", "user.name=Upstream Dev", "-c", "user.email=dev@upstream.invalid", "commit", "-q", "-m", message], {
    cwd: work,
    env
  });
  return (await git(["rev-parse", "HEAD"], { cwd: work })).stdout.trim();
}
var DEMO_ENV = "LOCAL_DOMAIN=example.com\nREDIS_HOST=localhost\n# REDIS_PASSWORD=\n";
function demoMainChanges(w) {
  writeFileSync(join3(w, ".env.production.sample"), `${DEMO_ENV}# Fetch all replies of a thread
FETCH_REPLIES_ENABLED=false
`);
  mkdirSync(join3(w, "db/migrate"), { recursive: true });
  mkdirSync(join3(w, "db/post_migrate"), { recursive: true });
  writeFileSync(join3(w, "db/migrate/20260817020000_add_fetch_replies_to_statuses.rb"), "class AddFetchRepliesToStatuses < ActiveRecord::Migration[8.0]; end\n");
  writeFileSync(join3(w, "db/post_migrate/20260817030000_remove_legacy_columns.rb"), "class RemoveLegacyColumns < ActiveRecord::Migration[8.0]; end\n");
}
var iso = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
async function makeDemoUpstream(root, fixtures = fixturesRoot()) {
  const work = join3(root, "upstream-work");
  const bare = join3(root, "upstream.git");
  await git(["init", "-q", "-b", "main", work]);
  const hour = 36e5;
  const now = Date.now();
  await commitTree(work, join3(fixtures, "v4.2"), "Bump version to v4.2.0", iso(now - 400 * 24 * hour), (w) => writeFileSync(join3(w, ".env.production.sample"), DEMO_ENV));
  await git(["tag", "v4.2.0"], { cwd: work });
  await git(["checkout", "-q", "-b", "stable-4.2"], { cwd: work });
  const stableRelease = await commitTree(work, join3(fixtures, "v4.2"), "Bump version to v4.2.1", iso(now - 390 * 24 * hour), (w) => {
    const file = join3(w, "lib/mastodon/version.rb");
    writeFileSync(file, readFileSync2(file, "utf8").replace(/(def patch\s+)\d+/, "$11"));
  });
  await git(["-c", "user.name=Upstream Dev", "-c", "user.email=dev@upstream.invalid", "tag", "-a", "v4.2.1", "-m", "v4.2.1"], { cwd: work });
  await git(["checkout", "-q", "main"], { cwd: work });
  const main = await commitTree(work, join3(fixtures, "main"), "Add a feature on main", iso(now - 2 * hour), demoMainChanges);
  await git(["clone", "-q", "--bare", work, bare]);
  await git(["config", "uploadpack.allowFilter", "true"], { cwd: bare });
  await git(["config", "uploadpack.allowAnySHA1InWant", "true"], { cwd: bare });
  return { url: `file://${bare}`, dir: bare, shas: { stableRelease, main }, releaseTag: "v4.2.1" };
}
function demoKustomization(imagePrefix, tag = "4.7.0_c5b3651") {
  return `# Mastodon on the demo cluster. Flux reconciles this directory; offmain bumps the images below.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: mastodon
resources:
  - web.yaml        # puma
  - sidekiq.yaml    # default, push, pull queues
  - streaming.yaml

images:
  # Upstream's images are replaced by ours (patched: Redis over TLS).
  - name: ghcr.io/mastodon/mastodon
    newName: ${imagePrefix}/mastodon
    newTag: "${tag}"
  - name: ghcr.io/mastodon/mastodon-streaming
    newName: ${imagePrefix}/mastodon-streaming
    newTag: '${tag}'
`;
}
async function demoDeployedTag(root) {
  const r = await git(["rev-parse", "--verify", "-q", "v4.2.0^{commit}"], { cwd: join3(root, "upstream.git"), allowFailure: true });
  return r.code === 0 ? `4.2.0_${r.stdout.trim().slice(0, 7)}` : "4.7.0_c5b3651";
}
async function makeDemoConfigRepo(root, imagePrefix) {
  const work = join3(root, "config-work");
  const bare = join3(root, "config.git");
  mkdirSync(join3(work, "apps/mastodon"), { recursive: true });
  writeFileSync(join3(work, "apps/mastodon/kustomization.yaml"), demoKustomization(imagePrefix, await demoDeployedTag(root)));
  const workload = (name, image) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
  writeFileSync(join3(work, "apps/mastodon/web.yaml"), workload("web", "ghcr.io/mastodon/mastodon"));
  writeFileSync(join3(work, "apps/mastodon/sidekiq.yaml"), workload("sidekiq", "ghcr.io/mastodon/mastodon"));
  writeFileSync(join3(work, "apps/mastodon/streaming.yaml"), workload("streaming", "ghcr.io/mastodon/mastodon-streaming"));
  await git(["init", "-q", "-b", "main", work]);
  await git(["add", "-A"], { cwd: work });
  await git(["-c", "user.name=Admin", "-c", "user.email=admin@example.invalid", "commit", "-q", "-m", "Mastodon 4.2.0"], { cwd: work });
  await git(["clone", "-q", "--bare", work, bare]);
  return `file://${bare}`;
}
async function demoServices(root = resolve(fixturesRoot(), "../../..")) {
  const vars = readServicesEnv(root);
  if (!vars) return void 0;
  const { DOCKER_HOST, DOCKER_CONFIG, OFFMAIN_TEST_REGISTRY: registry, OFFMAIN_TEST_BASE_IMAGE: baseImage } = vars;
  if (!DOCKER_HOST || !DOCKER_CONFIG || !registry || !baseImage) return void 0;
  const socket = DOCKER_HOST.replace(/^unix:\/\//, "");
  if (DOCKER_HOST.startsWith("unix://") && !existsSync2(socket)) return void 0;
  try {
    const r = await fetch(`http://${registry}/v2/`, { signal: AbortSignal.timeout(2e3) });
    if (r.status !== 200 && r.status !== 401) return void 0;
  } catch {
    return void 0;
  }
  return {
    env: { ...process.env, DOCKER_HOST, DOCKER_CONFIG },
    registry,
    baseImage,
    sbomGenerator: vars.OFFMAIN_TEST_SBOM_GENERATOR
  };
}
async function runDemo(out, opts = {}) {
  const services = opts.services === null ? void 0 : opts.services ?? await demoServices();
  out.stdout(
    services ? `offmain demo: real build with the Docker engine and registry at ${services.registry} (scripts/services.sh)` : "offmain demo: no Docker engine is available here, so the build runs as a printed plan and the deploy as a dry run (start one with `bash scripts/services.sh start`); every other step is real"
  );
  const root = opts.root ?? mkdtempSync(join3(tmpdir2(), "offmain-demo-"));
  const registry = services?.registry ?? "127.0.0.1:5000";
  const upstream = await makeDemoUpstream(root);
  const config = await makeDemoConfigRepo(root, `${registry}/offmain-demo`);
  out.stdout(`upstream:    ${upstream.url} (main at 4.8.0-alpha.1; stable-4.2 with ${upstream.releaseTag})`);
  out.stdout(`config repo: ${config} (apps/mastodon, Kustomize, deployed: ${await demoDeployedTag(root)})
`);
  const options = {
    upstream: { repository: upstream.url, track: "main", path: join3(root, "mastodon") },
    build: {
      images: [`${registry}/offmain-demo/mastodon`],
      platforms: "linux/amd64,linux/arm64",
      planOnly: !services,
      cache: "none",
      ...services ? {
        env: services.env,
        buildArgs: { BASE_IMAGE: services.baseImage },
        sbom: services.sbomGenerator ?? false
      } : {}
    },
    deploy: { repository: config, mode: "push", workDir: join3(root, "config-checkout"), maxLagHours: 48 }
  };
  const first = await runPipeline(options, out.log);
  out.stdout(pipelineSummaryMarkdown(first));
  if (!first.ok) {
    out.log.error(first.failure ?? "the pipeline failed");
    return 1;
  }
  rmSync(join3(root, "config-checkout"), { recursive: true, force: true });
  const second = await runPipeline(options, out.log);
  if (second.nothingNew) {
    out.stdout(`
second run: nothing new, stopped at the decision (no upstream checkout, no patch, no build); deploy changed nothing (the config repository runs it); ${second.seconds} s
`);
    out.stdout(pipelineSummaryMarkdown(second));
  } else {
    const built = second.build ? `${second.build.builds} builds${second.build.skipped ? " (skipped: already in the registry)" : ""}` : "plan only";
    out.stdout(
      `
second run: ${built}; deploy ${second.deploy?.dryRun ? "shown as a dry run (nothing built, so nothing written)" : second.deploy?.changed ? `committed ${second.deploy.commit}` : "changed nothing (already at the target)"}; ${second.seconds} s`
    );
  }
  const release = await prepare({ repository: upstream.url, track: "release", path: join3(root, "mastodon-release") }, out.log);
  out.stdout(`
# The newest release (${upstream.releaseTag}, on stable-4.2) needs the Redis TLS patch:
`);
  out.stdout(patchSummaryMarkdown(release));
  out.stdout(`work files: ${root}`);
  return second.ok && release.report.ok ? 0 : 1;
}

// src/cli/run.ts
async function runCommand(args, out) {
  const name = "run";
  const v = parse(name, args, {
    ...resolveOptions,
    ...patchOptions,
    demo: { type: "boolean" },
    image: { type: "string", multiple: true },
    "streaming-image": { type: "string", multiple: true },
    platforms: { type: "string" },
    tag: { type: "string", multiple: true },
    "plan-only": { type: "boolean" },
    "source-repository": { type: "string" },
    config: { type: "string" },
    "config-branch": { type: "string" },
    "config-path": { type: "string" },
    mode: { type: "string" },
    "max-lag": { type: "string" },
    "warn-only": { type: "boolean" },
    "allow-downgrade": { type: "boolean" },
    hold: { type: "string" },
    adopt: { type: "string", multiple: true },
    checks: { type: "string" },
    "required-check": { type: "string", multiple: true },
    "checks-app": { type: "string", multiple: true },
    "min-age": { type: "string" },
    "checks-repository": { type: "string" }
  });
  if (v.demo) return runDemo(out);
  const upstream = {
    repository: v.repository ?? DEFAULT_REPOSITORY,
    ref: v.ref,
    commit: v.commit,
    track: track(v.track),
    path: pathOption(name, "path", v.path ?? "mastodon", "directory"),
    token: token(),
    patchSets: v["patch-set"] ?? DEFAULT_PATCH_SETS,
    diffs: (v.patch ?? []).map((p) => resolve2(p))
  };
  if (!v.image?.length) {
    if (v.config) throw new OffmainError("offmain run: --config needs --image (the images to build and deploy)");
    return printPatchResult(out, await prepare(upstream, out.log), Boolean(v.json));
  }
  const mode = v.mode ?? "push";
  if (mode !== "push" && mode !== "pull-request") throw new OffmainError(`--mode is "${mode}": expected push or pull-request`);
  const maxLag = v["max-lag"] === void 0 ? void 0 : Number(v["max-lag"]);
  if (maxLag !== void 0 && !(maxLag >= 0)) throw new OffmainError(`--max-lag is "${v["max-lag"]}": expected a number of hours, e.g. 48`);
  const result = await runPipeline(
    {
      upstream,
      build: {
        images: v.image,
        streamingImages: v["streaming-image"],
        platforms: v.platforms,
        tags: v.tag,
        planOnly: v["plan-only"],
        sourceRepository: v["source-repository"] !== void 0 ? validateSourceRepository(v["source-repository"], "--source-repository") : runningRepository(process.env)
      },
      deploy: v.config ? {
        repository: v.config,
        branch: v["config-branch"],
        path: v["config-path"],
        token: process.env.OFFMAIN_CONFIG_TOKEN,
        mode,
        maxLagHours: maxLag,
        warnOnly: v["warn-only"],
        allowDowngrade: v["allow-downgrade"],
        hold: v.hold,
        adopt: adoptValues(v.adopt)
      } : void 0,
      gate: { checks: v.checks, requiredChecks: v["required-check"], checksApps: v["checks-app"], minAge: v["min-age"], checksRepository: v["checks-repository"] }
    },
    out.log
  );
  out.stdout(
    v.json ? JSON.stringify({ ok: result.ok, failure: result.failure, upstream: result.upstream, nothingNew: Boolean(result.nothingNew), patch: result.prepared?.report, images: result.build?.images.flatMap((i) => i.pinned) ?? result.nothingNew?.pinned, deploy: result.deploy && { changed: result.deploy.changed, ...result.deploy.dryRun ? { dryRun: true } : {}, commit: result.deploy.commit, pullRequest: result.deploy.pullRequest?.url, lagHours: result.deploy.freshness?.lag.hours, rollout: result.deploy.rollout, holds: result.deploy.holds }, lagHours: result.freshness?.lag.hours, gate: result.gate }, null, 2) : pipelineSummaryMarkdown(result)
  );
  if (result.failure) out.log.error(result.failure);
  const late = result.freshness?.status === "fail";
  if (late) out.log.error(freshnessFailure(result.freshness));
  return result.ok && !late ? 0 : 1;
}
export {
  runCommand
};

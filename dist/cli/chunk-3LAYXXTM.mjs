#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  ConfigCheckout,
  DEFAULT_API_URL,
  UpstreamHistory,
  bump,
  computeLag,
  configRemote,
  formatHours,
  githubClient,
  imageKind,
  parseSetArg
} from "./chunk-NUSJ3E7V.mjs";
import {
  RegistryClient,
  describeTag,
  parseImageRef,
  parsePlatforms,
  streamingName
} from "./chunk-4LXDK5L3.mjs";
import {
  DEFAULT_REPOSITORY,
  cell,
  commitUrl,
  git,
  gitRemote,
  githubRepoSlug,
  inline,
  isoUtc,
  parseImageTag,
  parseLsRemote,
  patchesDigest,
  redactText,
  stableTags,
  stripHidden,
  versionOf
} from "./chunk-L3EOFOQF.mjs";
import {
  OffmainError,
  errorMessage
} from "./chunk-DG7S4ZZ7.mjs";

// src/pipeline/decide.ts
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/pipeline/checks.ts
function parseChecksMode(value) {
  const v = (value ?? "").trim().toLowerCase();
  if (!v) return void 0;
  if (v === "require" || v === "names" || v === "off") return v;
  throw new OffmainError(`checks "${inline(value, 60)}" is not a mode: use require, names or off`);
}
var DEFAULT_CHECK_APPS = ["github-actions"];
var MAX_CHECK_PAGES = 10;
var CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
function requiredCheckName(name) {
  const n = name.trim();
  if (!n || CONTROL.test(n) || stripHidden(n) !== n) {
    throw new OffmainError(`required check "${inline(n, 80)}" holds a control or invisible character: write the name exactly as GitHub shows it`);
  }
  return n;
}
function runState(status, conclusion) {
  if (status !== "completed") return "pending";
  if (conclusion === "success") return "pass";
  if (conclusion === "neutral" || conclusion === "skipped") return "neutral";
  if (conclusion === "cancelled" || conclusion === "stale") return "unfinished";
  return "fail";
}
function statusState(state) {
  return state === "success" ? "pass" : state === "pending" ? "pending" : "fail";
}
function verdictOf(sha, checks, mode, required = [], apps = DEFAULT_CHECK_APPS) {
  const trusted = (c) => c.kind === "check-run" && c.app !== void 0 && apps.includes(c.app);
  const blocking = [];
  if (mode === "names") {
    for (const name of required) {
      const named = checks.filter((c) => (c.rawName ?? c.name) === name && (c.kind === "status" || trusted(c)));
      if (!named.length) {
        blocking.push({ name: inline(name, 200), kind: "check-run", state: "pending", detail: "not reported yet" });
        continue;
      }
      for (const c of named) if (c.state !== "pass") blocking.push(c.state === "neutral" ? { ...c, state: "unfinished" } : c);
    }
  } else {
    blocking.push(...checks.filter((c) => c.state === "fail" || c.state === "pending" || c.state === "unfinished"));
  }
  const has = (s) => blocking.some((c) => c.state === s);
  let verdict;
  if (has("fail")) verdict = "fail";
  else if (has("pending")) verdict = "pending";
  else if (has("unfinished")) verdict = "unfinished";
  else if (mode === "names") verdict = "pass";
  else verdict = checks.some((c) => c.state === "pass" && trusted(c)) ? "pass" : "none";
  return { sha, verdict, checks, blocking };
}
function header(headers, name) {
  const v = Number(headers[name]);
  return Number.isFinite(v) ? v : void 0;
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function checksReader(opts) {
  const rateLimit = {};
  const self = { rateLimit, requests: 0, read };
  const apps = opts.apps?.length ? opts.apps : DEFAULT_CHECK_APPS;
  const required = (opts.required ?? []).map(requiredCheckName);
  const where = `${opts.owner}/${opts.repo}`;
  const note = (headers) => {
    const limit = header(headers, "x-ratelimit-limit");
    const remaining = header(headers, "x-ratelimit-remaining");
    const reset = header(headers, "x-ratelimit-reset");
    if (limit !== void 0) rateLimit.limit = limit;
    if (remaining !== void 0) rateLimit.remaining = remaining;
    if (reset !== void 0) rateLimit.reset = new Date(reset * 1e3).toISOString().replace(/\.\d{3}Z$/, "Z");
  };
  const unreadable = (what, why) => new OffmainError(`cannot read the ${what} of ${where} from the GitHub API (${why}): nothing is taken as passed; run again, or set checks: off`);
  const call = async (what, fn) => {
    self.requests++;
    try {
      const r = await fn();
      note(r.headers);
      return r;
    } catch (e) {
      const err = e;
      if (err.response?.headers) note(err.response.headers);
      if ((err.status === 403 || err.status === 429) && rateLimit.remaining === 0) {
        throw new OffmainError(
          `the GitHub API rate limit (${rateLimit.limit ?? "?"} requests an hour) is used up until ${rateLimit.reset ?? "the next hour"}: pass a token (upstream-token) for a higher limit, or run again after the reset`
        );
      }
      throw new OffmainError(`cannot read the ${what} of ${where} from the GitHub API (${errorMessage(e)}): check the API URL and token, or set checks: off`);
    }
  };
  async function all(what, key, page) {
    const items = [];
    for (let n = 1; ; n++) {
      const { data } = await call(what, () => page(n));
      if (!isObject(data) || !Array.isArray(data[key]) || typeof data.total_count !== "number" || !Number.isInteger(data.total_count) || data.total_count < 0) {
        throw unreadable(what, `the reply is not GitHub's list of ${key} with its total_count`);
      }
      const got = data[key];
      items.push(...got);
      if (items.length > data.total_count) throw unreadable(what, `${items.length} ${key} where ${data.total_count} were announced`);
      if (items.length === data.total_count) return items;
      if (got.length === 0) throw unreadable(what, `${data.total_count} ${key} announced, the pages held ${items.length}`);
      if (n >= MAX_CHECK_PAGES) throw unreadable(what, `more than ${MAX_CHECK_PAGES * 100} ${key}: more than offmain reads`);
    }
  }
  async function firstSeenOf(sha) {
    const { data } = await call("check suites", () => opts.client.rest.checks.listSuitesForRef({ owner: opts.owner, repo: opts.repo, ref: sha, per_page: 100 }));
    if (!isObject(data) || !Array.isArray(data.check_suites)) throw unreadable("check suites", "the reply is not a list of check suites");
    let first;
    for (const s of data.check_suites) {
      const t = isObject(s) && typeof s.created_at === "string" ? Date.parse(s.created_at) : NaN;
      if (!Number.isFinite(t)) throw unreadable("check suites", "a check suite without a creation time");
      first = first === void 0 ? t : Math.min(first, t);
    }
    return first === void 0 ? void 0 : Math.floor(first / 1e3);
  }
  async function read(sha, o = {}) {
    const runs = await all(
      "check runs",
      "check_runs",
      (page) => opts.client.rest.checks.listForRef({ owner: opts.owner, repo: opts.repo, ref: sha, filter: "latest", per_page: 100, page })
    );
    const statuses = await all(
      "commit statuses",
      "statuses",
      (page) => opts.client.rest.repos.getCombinedStatusForRef({ owner: opts.owner, repo: opts.repo, ref: sha, per_page: 100, page })
    );
    const checks = [];
    for (const r of runs) {
      if (!isObject(r) || typeof r.name !== "string" || typeof r.status !== "string" || !(r.conclusion === null || r.conclusion === void 0 || typeof r.conclusion === "string")) {
        throw unreadable("check runs", "a check run without its name, status or conclusion");
      }
      const app = isObject(r.app) && typeof r.app.slug === "string" ? r.app.slug : void 0;
      checks.push({
        name: inline(r.name, 200),
        rawName: r.name,
        kind: "check-run",
        state: runState(r.status, r.conclusion),
        detail: r.status === "completed" ? `completed/${inline(r.conclusion ?? "none", 40)}` : inline(r.status, 40),
        ...app !== void 0 ? { app } : {},
        ...typeof r.html_url === "string" ? { url: r.html_url } : {}
      });
    }
    for (const s of statuses) {
      if (!isObject(s) || typeof s.context !== "string" || typeof s.state !== "string") throw unreadable("commit statuses", "a status without its context or state");
      checks.push({
        name: inline(s.context, 200),
        rawName: s.context,
        kind: "status",
        state: statusState(s.state),
        detail: inline(s.state, 40),
        ...typeof s.target_url === "string" ? { url: s.target_url } : {}
      });
    }
    const verdict = verdictOf(sha, checks, opts.mode, required, apps);
    if (o.firstSeen) {
      const first = await firstSeenOf(sha);
      if (first !== void 0) verdict.firstSeen = first;
    }
    return verdict;
  }
  return self;
}

// src/pipeline/gate.ts
var MAX_GATE_COMMITS = 20;
var NO_CHECKS_GRACE_HOURS = 24;
function parseMinAge(value) {
  const v = (value ?? "").trim();
  if (!v) return void 0;
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)?$/i.exec(v);
  if (!m) throw new OffmainError(`min-age "${inline(v, 40)}" is not a duration: pass e.g. 2h, 90m or 1d`);
  const n = Number(m[1]);
  const unit = (m[2] ?? "h").toLowerCase();
  return unit === "d" ? n * 24 : unit.startsWith("m") ? n / 60 : n;
}
async function gate(opts) {
  const slug = opts.checksRepository?.trim() || githubRepoSlug(opts.repository);
  const mode = opts.mode ?? (slug ? "require" : "off");
  if (mode === "names" && !opts.required?.length) throw new OffmainError("checks: names needs the required-checks list: name the checks that must pass, or use checks: require");
  const history = await opts.history ?? await UpstreamHistory.open({ repository: opts.repository, ref: opts.ref, cacheDir: opts.cacheDir, token: opts.token });
  const head = await history.head();
  const now = (opts.now ?? /* @__PURE__ */ new Date()).getTime();
  const minAge = opts.minAgeHours ?? 0;
  const max = opts.maxCommits ?? MAX_GATE_COMMITS;
  const listed = await history.read(["rev-list", "--first-parent", "--format=%ct", "-n", String(max), history.tracking]);
  const line = [];
  const rows = listed.stdout.split("\n");
  for (let i = 0; i < rows.length; i++) {
    const m = /^commit ([0-9a-f]{40,64})$/.exec(rows[i]);
    if (m) line.push({ sha: m[1], time: Number(rows[++i]) });
  }
  if (mode === "off" && !minAge) return { mode, head, chosen: head, heldBack: [], lagHours: 0, requests: 0 };
  if (mode !== "off" && !slug) {
    throw new OffmainError(`the upstream checks are read from GitHub, and ${inline(opts.repository, 200)} is not on GitHub: set checks: off, or name the GitHub repository whose checks count`);
  }
  const [owner, repo] = (slug ?? "/").split("/");
  const apiUrl = opts.apiUrl || DEFAULT_API_URL;
  const token = apiToken(opts.repository, apiUrl, opts.token);
  const reader = mode === "off" ? void 0 : checksReader({ client: githubClient({ token, apiUrl, log: opts.log }), owner, repo, mode, required: opts.required, apps: opts.apps });
  const heldBack = [];
  let chosen;
  let failure;
  for (const c of line) {
    const ageHours = (now - c.time * 1e3) / 36e5;
    if (ageHours < minAge) {
      heldBack.push({ ...c, why: "too young", checks: [] });
      continue;
    }
    if (!reader) {
      chosen = c;
      break;
    }
    if (reader.rateLimit.remaining !== void 0 && reader.rateLimit.remaining < 2) {
      failure = `the GitHub API rate limit is nearly used up (${reader.rateLimit.remaining} left until ${reader.rateLimit.reset ?? "the reset"}): pass a token (upstream-token), or run again later`;
      break;
    }
    const v = await reader.read(c.sha, { firstSeen: minAge > 0 });
    if (minAge > 0) {
      const seenHours = v.firstSeen === void 0 ? void 0 : (now - v.firstSeen * 1e3) / 36e5;
      if (seenHours === void 0 || seenHours < minAge) {
        heldBack.push({ ...c, why: "too young", checks: seenHours === void 0 ? [{ name: "(none)", kind: "check-run", state: "pending", detail: "GitHub has no record of when it first saw it" }] : [] });
        continue;
      }
    }
    if (v.verdict === "pass") {
      chosen = c;
      break;
    }
    const why = v.verdict === "fail" ? "failed" : v.verdict === "pending" ? "pending" : v.verdict === "unfinished" ? "unfinished" : ageHours < NO_CHECKS_GRACE_HOURS ? "pending" : "unproven";
    const nothing = { name: "(none)", kind: "check-run", state: "pending", detail: why === "pending" ? "no check reported yet" : "no check of upstream's CI succeeded" };
    heldBack.push({ ...c, why, checks: v.blocking.length ? v.blocking : [nothing] });
    opts.log.info(`held back ${c.sha.slice(0, 7)}: ${heldLine(heldBack[heldBack.length - 1])}`);
  }
  if (!chosen && !failure) {
    failure = `none of the newest ${line.length} commits of ${history.ref} passed the upstream checks gate (${mode}${minAge ? `, min-age ${minAge} h` : ""}): nothing is built; the next run looks again`;
  }
  const lag = computeLag([...heldBack].reverse(), now, chosen);
  const result = { mode, head, heldBack, lagHours: lag.hours, requests: reader?.requests ?? 0 };
  if (slug) result.checksRepository = slug;
  if (chosen) result.chosen = chosen;
  if (reader) result.rateLimit = { ...reader.rateLimit };
  if (failure) result.failure = failure;
  return result;
}
function apiToken(repository, apiUrl, token) {
  if (!token || !githubRepoSlug(repository)) return void 0;
  try {
    return new URL(apiUrl).origin === new URL(DEFAULT_API_URL).origin ? token : void 0;
  } catch {
    return void 0;
  }
}
function heldLine(h) {
  if (h.why === "too young") return h.checks.length ? `younger than min-age: ${h.checks[0].detail}` : "younger than min-age";
  const names = h.checks.slice(0, 5).map((c) => `${c.name} (${c.detail})`);
  const more = h.checks.length > 5 ? `, and ${h.checks.length - 5} more` : "";
  const what = { failed: "checks failed", pending: "checks still running", unfinished: "checks never finished", unproven: "nothing proves it passed" }[h.why];
  return `${what}: ${names.join(", ")}${more}`;
}
function gateMarkdown(g, upstream) {
  const link = (sha) => {
    const u = commitUrl(upstream, sha);
    return u ? `[\`${sha.slice(0, 7)}\`](${u})` : `\`${sha.slice(0, 7)}\``;
  };
  const rows = [
    ["Mode", `${g.mode}${g.checksRepository ? ` (checks of ${cell(g.checksRepository)})` : ""}`],
    ["Chosen", g.chosen ? `${link(g.chosen.sha)} (${isoUtc(g.chosen.time)})${g.chosen.sha === g.head.sha ? ": the branch head" : ""}` : `none: ${cell(g.failure ?? "")}`],
    ...g.heldBack.map((h) => [`Held back ${link(h.sha)}`, cell(heldLine(h))]),
    ["Gate lag", formatHours(g.lagHours)]
  ];
  if (g.rateLimit?.remaining !== void 0) rows.push(["API rate limit", `${g.rateLimit.remaining} of ${g.rateLimit.limit ?? "?"} left${g.rateLimit.reset ? `, resets ${g.rateLimit.reset}` : ""} (${g.requests} requests)`]);
  return ["### Upstream checks gate", "", "| | |", "| --- | --- |", ...rows.map(([a, b]) => `| ${a} | ${b} |`), ""].join("\n");
}
async function gateBeforePatch(o) {
  if ((o.track ?? "main") !== "main" || o.commit?.trim()) return void 0;
  const minAgeHours = parseMinAge(o.minAge);
  const slug = o.checksRepository?.trim() || githubRepoSlug(o.repository);
  const mode = parseChecksMode(o.checks) ?? (slug ? "require" : "off");
  if (mode === "off" && !minAgeHours) return void 0;
  const result = await o.log.group(
    "Upstream checks gate",
    () => gate({
      mode,
      required: o.requiredChecks,
      apps: o.checksApps?.map((a) => a.trim()).filter(Boolean),
      minAgeHours,
      repository: o.repository,
      ref: o.ref,
      token: o.token,
      apiUrl: o.apiUrl,
      checksRepository: o.checksRepository,
      now: o.now,
      history: o.history,
      log: o.log
    })
  );
  if (!result.chosen) throw new OffmainError(result.failure);
  for (const h of result.heldBack) o.log.warning(`upstream ${h.sha.slice(0, 7)} is held back: ${heldLine(h)}`);
  return { result, chosen: result.chosen, markdown: gateMarkdown(result, o.repository) };
}

// src/pipeline/decide.ts
var VERSION_FILE = "lib/mastodon/version.rb";
async function upstreamCommit(opts, env) {
  const pinned = opts.commit?.trim();
  if (pinned) {
    if (!/^[0-9a-f]{40}$/i.test(pinned)) throw new OffmainError(`commit "${pinned}" is not a full 40-character sha: the decision needs the full sha`);
    return { sha: pinned.toLowerCase(), head: false };
  }
  const gated = await gateBeforePatch({
    ...opts.gate,
    repository: opts.upstream ?? DEFAULT_REPOSITORY,
    ref: opts.ref,
    track: opts.track,
    token: opts.upstreamToken,
    log: opts.log
  });
  if (gated) return { sha: gated.chosen.sha, head: gated.chosen.sha === gated.result.head.sha, gated };
  const remote = gitRemote(opts.upstream ?? DEFAULT_REPOSITORY, opts.upstreamToken);
  const track = opts.track ?? "main";
  const ref = opts.ref || "main";
  const args = track === "main" ? ["ls-remote", "--", remote.fetchUrl, `refs/heads/${ref}`] : ["ls-remote", "--tags", "--", remote.fetchUrl];
  const r = await git(args, { env: { ...env, ...remote.env }, allowFailure: true });
  if (r.code !== 0) {
    throw new OffmainError(`cannot read the git repository ${remote.display} (${redactText(r.stderr.trim().split("\n").pop() ?? "", remote.secrets)}): check the URL, and the token if it is private`);
  }
  const refs = parseLsRemote(r.stdout);
  if (track === "main") {
    const hit = refs.find((x) => x.ref === `refs/heads/${ref}`);
    if (!hit) throw new OffmainError(`${remote.display} has no branch ${ref}: check the ref input`);
    return { sha: hit.sha, head: true };
  }
  const newest = stableTags(refs)[0];
  if (!newest) throw new OffmainError(`${remote.display} has no stable vX.Y.Z tag to follow with track release`);
  return { sha: newest.sha, head: true };
}
async function upstreamTree(opts, sha, env, dir) {
  const remote = gitRemote(opts.upstream ?? DEFAULT_REPOSITORY, opts.upstreamToken);
  const genv = { ...env, ...remote.env };
  const bare = join(dir, "upstream.git");
  await git(["init", "--quiet", "--bare", bare], { env: genv });
  await git(["remote", "add", "origin", remote.fetchUrl], { cwd: bare, env: genv });
  const f = await git(["fetch", "--quiet", "--no-tags", "--depth=1", "--filter=blob:none", "origin", sha], { cwd: bare, env: genv, allowFailure: true });
  if (f.code !== 0) throw new OffmainError(`cannot fetch ${sha.slice(0, 12)} from ${remote.display} (${redactText(f.stderr.trim().split("\n").pop() ?? "", remote.secrets)})`);
  const v = await git(["cat-file", "blob", `${sha}:${VERSION_FILE}`], { cwd: bare, env: genv, allowFailure: true, maxStdout: 64 * 1024 });
  if (v.overflow) throw new OffmainError(`${remote.display} ${sha.slice(0, 12)}: ${VERSION_FILE} is larger than the 64 KiB offmain reads: it is not a Mastodon version file`);
  if (v.code !== 0) throw new OffmainError(`${remote.display} ${sha.slice(0, 12)} has no ${VERSION_FILE}: it is not a Mastodon tree`);
  const tree = join(dir, "tree");
  await mkdir(join(tree, "lib/mastodon"), { recursive: true });
  await writeFile(join(tree, VERSION_FILE), v.stdout);
  const streaming = (await git(["ls-tree", "--name-only", sha, "--", "streaming/Dockerfile"], { cwd: bare, env: genv, allowFailure: true })).stdout.trim() !== "";
  return { version: await versionOf(tree, sha), streaming };
}
async function platformOf(registry, repository, digest) {
  const m = await registry.manifest(repository, digest);
  if (!m?.json.config) return "unknown";
  let c;
  try {
    c = JSON.parse((await registry.blob(repository, m.json.config.digest)).toString("utf8"));
  } catch {
    return "unknown";
  }
  const parts = [c.os, c.architecture, c.variant].filter((x) => typeof x === "string" && /^[a-z0-9]+$/.test(x));
  return parts.length >= 2 ? parts.join("/") : "unknown";
}
async function repositoryState(opts, registry, repository, tag, sha) {
  const t = await describeTag(registry, repository, tag);
  if (!t) {
    const unreadable = registry.unreadable(repository);
    return { repository, state: "missing", platforms: [], ...unreadable ? { unreadable } : {} };
  }
  const platforms = await Promise.all(t.description.platforms.map((p) => p.platform === "unknown" ? platformOf(registry, repository, p.digest) : p.platform));
  if (t.revision !== sha) return { repository, state: "other", digest: t.description.digest, platforms };
  if (t.patchesDigest) {
    const inEffect = (t.patches ?? "").split(",").filter(Boolean);
    const want = await patchesDigest(opts.patchSets, opts.patches ?? [], opts.baseDir, inEffect);
    if (want !== t.patchesDigest) return { repository, state: "repatched", digest: t.description.digest, platforms };
  }
  return { repository, state: "same", digest: t.description.digest, platforms };
}
function cloneConfig(opts, env, dir) {
  const c = opts.config;
  const remote = configRemote(c.repository, { token: c.token, serverUrl: env.GITHUB_SERVER_URL, tokenForGitHubOnly: c.tokenForGitHubOnly });
  return ConfigCheckout.clone({ remote, dir: join(dir, "config"), branch: c.branch?.trim() || void 0 });
}
async function deployedTag(configDir, repository, sha) {
  try {
    const r = await bump({ dir: configDir, targets: [{ repository, tag: `0.0.0_${sha.slice(0, 7)}` }], dryRun: true, allowDowngrade: true });
    const tag = Object.values(r.previous)[0]?.tag;
    return tag && parseImageTag(tag)?.shortSha === sha.slice(0, 7) ? tag : void 0;
  } catch {
    return void 0;
  }
}
function adoptionFor(adopt, images) {
  if (!adopt?.length) return void 0;
  return adopt.map((a) => {
    if (a.includes("=")) return a;
    const key = imageKind(a) === "streaming" ? "mastodon-streaming" : "mastodon";
    const to = images.find((i) => i.key === key)?.repositories[0]?.repository;
    return to ? `${a}=${to}` : a;
  });
}
var MovedTagError = class extends OffmainError {
};
function tagAndDigest(ref) {
  const r = parseImageRef(ref);
  const tag = r.tag ?? (r.repository.includes("/") ? void 0 : r.repository || void 0);
  return { ...tag ? { tag } : {}, ...r.digest !== void 0 ? { digest: r.digest } : {} };
}
function movedTag(changes) {
  for (const c of changes) {
    const was = tagAndDigest(c.old);
    const now = tagAndDigest(c.new);
    if (was.tag && was.tag === now.tag && was.digest && now.digest && was.digest !== now.digest) {
      return new MovedTagError(
        `${c.repository}:${was.tag} names ${now.digest} in the registry, but ${c.file}:${c.line} pins ${was.digest}, what offmain pushed and deployed: the tag moved after offmain pushed it, and nothing is re-pinned to it. Find out who pushed the new digest (anyone who can push to that repository can run code in your cluster), then restore the tag to the pinned digest or delete it`
      );
    }
  }
  return void 0;
}
async function decide(opts) {
  return await decideWith(opts, true);
}
function decideForRun(opts) {
  return decideWith(opts, false);
}
async function decideWith(opts, standalone) {
  const started = performance.now();
  const env = opts.env ?? process.env;
  const { log } = opts;
  const platforms = parsePlatforms(opts.platforms ?? "linux/amd64,linux/arm64");
  const dir = await mkdtemp(join(tmpdir(), "offmain-decide-"));
  let config;
  try {
    const cloning = opts.checkout ?? (opts.config ? cloneConfig(opts, env, dir) : void 0);
    config = cloning?.then((co) => ({ co }), (error) => ({ error }));
    const { sha, head, gated } = await upstreamCommit(opts, env);
    const cloned = await config;
    const sub = opts.config?.path?.trim();
    const configDir = cloned && "co" in cloned ? sub ? join(cloned.co.dir, sub) : cloned.co.dir : void 0;
    const registry = new RegistryClient({ env });
    const streamingRepos = opts.streamingImages?.some((s) => s.trim()) ? opts.streamingImages.filter((s) => s.trim()) : opts.images.map(streamingName);
    const check = (repos, tag2) => Promise.all(repos.map((r) => repositoryState(opts, registry, r, tag2, sha)));
    let tag = configDir ? await deployedTag(configDir, opts.images[0], sha) : void 0;
    let display = tag ? parseImageTag(tag).display : "";
    let images;
    if (tag) {
      const [m, st] = await Promise.all([check(opts.images, tag), check(streamingRepos, tag)]);
      if (st.some((r) => r.state !== "missing")) images = [{ key: "mastodon", repositories: m }, { key: "mastodon-streaming", repositories: st }];
    }
    if (!images) {
      if (!standalone) return void 0;
      const { version, streaming } = await upstreamTree(opts, sha, env, dir);
      tag = version.imageTag;
      display = version.display;
      const [m, st] = await Promise.all([check(opts.images, tag), streaming ? check(streamingRepos, tag) : Promise.resolve([])]);
      images = [{ key: "mastodon", repositories: m }, ...streaming ? [{ key: "mastodon-streaming", repositories: st }] : []];
    }
    const legs = /* @__PURE__ */ new Set();
    let merge = false;
    for (const image of images) {
      const bad = image.repositories.find((r) => r.state === "other" || r.state === "repatched");
      if (bad) {
        if (!standalone) return void 0;
        throw new OffmainError(
          `${bad.repository}:${tag} already exists with ${bad.state === "other" ? "another upstream revision" : "other patches"}: an immutable tag is never overwritten; remove it, or run the build with force`
        );
      }
      const same = image.repositories.filter((r) => r.state === "same");
      if (same.length === 0) for (const p of platforms) legs.add(p);
      else for (const p of platforms) if (!same[0].platforms.includes(p)) legs.add(p);
      if (same.length < image.repositories.length || legs.size) merge = true;
      for (const r of image.repositories) {
        const missing = r.unreadable ? `missing (not readable, ${r.unreadable}: taken as not built yet; the build checks the push access)` : "missing";
        log.info(`${r.repository}:${tag}: ${r.state === "same" ? `there (${r.platforms.join(", ")})` : missing}`);
      }
    }
    const everywhere = !merge && legs.size === 0;
    const pinned = everywhere ? images.flatMap((i) => i.repositories.map((r) => `${r.repository}:${tag}@${r.digest}`)) : [];
    let runs;
    if (everywhere && cloned) {
      try {
        if ("error" in cloned) throw cloned.error;
        const targets = pinned.map(parseSetArg);
        const asked = await bump({ dir: configDir, targets, adopt: adoptionFor(opts.adopt, images), dryRun: true, allowDowngrade: true });
        const moved = movedTag(asked.changes);
        if (moved) throw moved;
        runs = !asked.changed;
      } catch (e) {
        if (e instanceof MovedTagError) throw e;
        log.warning(`the config repository could not be asked (${e.message}): deploying`);
        runs = false;
      }
    }
    const deploy = Boolean(opts.config) && runs !== true;
    const short = sha.slice(0, 7);
    const line = everywhere && !deploy ? `nothing new since ${display} (${short})${head ? ", lag 0 h" : ""}: every image is in every registry${opts.config ? " and the config repository runs it" : ""}` : [
      legs.size ? `build ${[...legs].join(", ")}` : "",
      merge && !legs.size ? "copy to the registries that lack it" : "",
      deploy ? everywhere ? "deploy (the config repository is behind)" : "deploy" : ""
    ].filter(Boolean).join(", ").replace(/^./, (c) => c.toUpperCase()) + ` for ${display} (${short})`;
    const series = /^(\d+)\.(\d+)\./.exec(display);
    const ref = opts.ref?.trim() || ((opts.track ?? "main") === "main" || !series ? "main" : `stable-${series[1]}.${series[2]}`);
    return {
      commit: sha,
      head,
      ref,
      version: display,
      imageTag: tag,
      images,
      platforms: platforms.filter((p) => legs.has(p)),
      merge,
      deploy,
      pinned,
      ...runs !== void 0 ? { configRuns: runs } : {},
      line: gated?.result.heldBack.length ? `${line}; upstream ${gated.result.heldBack.map((h) => h.sha.slice(0, 7)).join(", ")} held back by its checks` : line,
      ...gated ? { gate: gated.result, gateMarkdown: gated.markdown } : {},
      seconds: (performance.now() - started) / 1e3
    };
  } finally {
    await config;
    await rm(dir, { recursive: true, force: true });
  }
}

export {
  gateMarkdown,
  gateBeforePatch,
  decide,
  decideForRun
};

#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DEFAULT_REPOSITORY,
  cell,
  git,
  githubRepoSlug,
  inline,
  isLoopbackHost,
  isValidOciTag,
  redactUrl,
  versionOf
} from "./chunk-L3EOFOQF.mjs";
import {
  OffmainError
} from "./chunk-DG7S4ZZ7.mjs";

// src/build/sourcerepo.ts
var UNWANTED = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
function quoted(value) {
  return JSON.stringify(value.slice(0, 200)).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function validateSourceRepository(value, what = "source-repository") {
  const v = value.trim();
  const shown = quoted(redactUrl(v));
  const refuse = (why) => new OffmainError(`${what} ${shown} ${why}: give the web address of the repository that runs offmain, e.g. https://github.com/OWNER/REPOSITORY`);
  if (UNWANTED.test(v)) throw refuse("contains white space or a control character");
  let url;
  try {
    url = new URL(v);
  } catch {
    throw refuse("is not a URL");
  }
  if (url.protocol !== "https:") throw refuse("is not an https URL");
  if (url.username || url.password || /^https:\/\/[^/]*@/i.test(v)) throw refuse("carries credentials (user:token@)");
  if (url.search || url.hash || /[?#]/.test(v)) throw refuse("has a query or fragment");
  const path = url.pathname.replace(/\/+$/, "").replace(/\.git$/, "");
  if (!url.hostname || !path || path === "/") throw refuse("names no repository (no path)");
  return `${url.origin}${path}`;
}
function runningRepository(env = process.env) {
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (env.GITHUB_ACTIONS !== "true" || !repository) return void 0;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new OffmainError(`GITHUB_REPOSITORY is ${quoted(repository)}, not OWNER/REPOSITORY: pass source-repository`);
  }
  const server = (env.GITHUB_SERVER_URL?.trim() || "https://github.com").replace(/\/+$/, "");
  return validateSourceRepository(`${server}/${repository}`, "GITHUB_SERVER_URL/GITHUB_REPOSITORY");
}

// src/build/buildx.ts
import { spawn } from "node:child_process";
import { existsSync as existsSync2, readFileSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

// src/build/plan.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

// src/build/dockerfile.ts
function dockerfileArgs(text) {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split(/\n(?!\s*#)/)[0] ?? "") ? "`" : "\\";
  const logical = [];
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (current && /^\s*#/.test(line)) continue;
    if (line.endsWith(escape)) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = "";
  }
  if (current) logical.push(current);
  const args = /* @__PURE__ */ new Map();
  for (const line of logical) {
    const m = /^\s*ARG\s+(.+)$/i.exec(line);
    if (!m) continue;
    for (const tok of m[1].match(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g) ?? []) {
      const eq = tok.indexOf("=");
      const name = eq < 0 ? tok : tok.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      const value = eq < 0 ? void 0 : tok.slice(eq + 1).replace(/^"(.*)"$/s, "$1").replace(/^'(.*)'$/s, "$1");
      if (!args.has(name) || args.get(name) === void 0 && value !== void 0) args.set(name, value);
    }
  }
  return args;
}

// src/build/imageref.ts
function parseImageRef(ref) {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : void 0;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.indexOf(":", rest.lastIndexOf("/") + 1);
  const out = { repository: colon >= 0 ? rest.slice(0, colon) : rest };
  if (colon >= 0) out.tag = rest.slice(colon + 1);
  if (digest !== void 0) out.digest = digest;
  return out;
}
function formatImageRef(ref) {
  return `${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}
var DOCKER_HUB = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)\//;
function canonicalRepository(repository) {
  let r = repository.trim().toLowerCase().replace(DOCKER_HUB, "");
  if (/^library\/[^/]+$/.test(r)) r = r.slice("library/".length);
  return r;
}
function sameRepository(a, b) {
  return canonicalRepository(a) === canonicalRepository(b);
}
function repositoryPath(repository) {
  const c = canonicalRepository(repository);
  const slash = c.indexOf("/");
  return slash >= 0 && hasRegistryHost(c) ? c.slice(slash + 1) : c;
}
function hasRegistryHost(repository) {
  const slash = repository.indexOf("/");
  if (slash < 0) return false;
  const first = repository.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase();
}
var HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::\d+)?$/;
var PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
function isValidRepository(repository) {
  const parts = repository.split("/");
  if (hasRegistryHost(repository) && !HOST.test(parts.shift())) return false;
  return parts.length > 0 && parts.every((p) => PATH_COMPONENT.test(p)) && repository.length <= 255;
}
var DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
function isValidDigest(digest) {
  return DIGEST.test(digest);
}
function validateTarget(t, what = t.repository) {
  if (!isValidRepository(t.repository)) {
    throw new OffmainError(
      `${what}: "${t.repository}" is not an image repository (expected e.g. ghcr.io/acme/mastodon, lower case, no tag)`
    );
  }
  if (!isValidOciTag(t.tag)) {
    throw new OffmainError(`${what}: "${t.tag}" is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`);
  }
  if (t.digest !== void 0 && !isValidDigest(t.digest)) {
    throw new OffmainError(`${what}: "${t.digest}" is not an image digest (expected sha256: and 64 lower-case hex digits)`);
  }
}

// src/build/tags.ts
var TAG_PLACEHOLDERS = [
  "version",
  "display",
  "declared",
  "major",
  "minor",
  "patch",
  "sha7",
  "sha",
  "commit_time",
  "branch"
];
function sortableTime(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) {
    throw new OffmainError(`commit time "${iso}" is not an ISO 8601 date (e.g. 2026-08-21T14:03:11Z)`);
  }
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "").replace(/[-:T]/g, "");
}
function tagSafe(text) {
  return text.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[.-]+/, "");
}
function values(ctx) {
  return {
    version: ctx.version,
    display: ctx.version,
    declared: ctx.declared,
    major: String(ctx.major),
    minor: String(ctx.minor),
    patch: String(ctx.patch),
    sha7: ctx.sha.slice(0, 7),
    sha: ctx.sha,
    commit_time: sortableTime(ctx.commitTime),
    branch: tagSafe(ctx.branch)
  };
}
function renderTag(template, ctx) {
  const v = values(ctx);
  const t = template.trim();
  const out = t.replace(/\{([^{}]*)\}/g, (_all, name) => {
    const key = name.trim();
    if (!(key in v)) {
      throw new OffmainError(
        `tag template "${t}": unknown placeholder {${name}}; use ${TAG_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`
      );
    }
    return v[key];
  });
  if (/[{}]/.test(out)) throw new OffmainError(`tag template "${t}": unbalanced { or }`);
  if (!isValidOciTag(out)) {
    throw new OffmainError(
      `tag template "${t}" gives "${out}", which is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`
    );
  }
  return out;
}
function renderTags(templates, ctx) {
  const out = [];
  for (const t of templates) {
    if (!t.trim()) continue;
    const tag = renderTag(t, ctx);
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}
function defaultTagTemplates(track) {
  return track === "main" ? ["edge"] : ["latest", "v{major}.{minor}"];
}

// src/build/plan.ts
var DEFAULT_PLATFORMS = ["linux/amd64", "linux/arm64"];
var DOCKERFILES = {
  mastodon: "Dockerfile",
  "mastodon-streaming": "streaming/Dockerfile"
};
var LABEL = {
  source: "org.opencontainers.image.source",
  revision: "org.opencontainers.image.revision",
  version: "org.opencontainers.image.version",
  created: "org.opencontainers.image.created",
  title: "org.opencontainers.image.title",
  description: "org.opencontainers.image.description",
  licenses: "org.opencontainers.image.licenses",
  url: "org.opencontainers.image.url",
  patches: "offmain.patches",
  patchesDigest: "offmain.patches.digest",
  upstreamSource: "offmain.upstream.source",
  upstreamRevision: "offmain.upstream.revision"
};
var MASTODON_LICENSE = "AGPL-3.0";
var ARCHES = {
  amd64: ["v1", "v2", "v3", "v4"],
  arm64: ["v8"],
  arm: ["v5", "v6", "v7"],
  "386": [],
  ppc64le: [],
  s390x: [],
  riscv64: [],
  mips64le: [],
  loong64: []
};
function parsePlatforms(input) {
  const items = (typeof input === "string" ? input.split(/[\s,]+/) : [...input ?? []]).map((p) => p.trim()).filter(Boolean);
  const list = items.length ? items : [...DEFAULT_PLATFORMS];
  const out = [];
  for (const p of list) {
    const [os, arch, variant, ...rest] = p.split("/");
    const variants = arch !== void 0 ? ARCHES[arch] : void 0;
    if (os !== "linux" || !variants || rest.length > 0 || variant !== void 0 && !variants.includes(variant)) {
      throw new OffmainError(
        `platform "${p}" is not one offmain builds: expected linux/ARCH[/VARIANT] with ARCH one of ${Object.keys(ARCHES).join(", ")} (e.g. linux/amd64,linux/arm64)`
      );
    }
    if (!out.includes(p)) out.push(p);
  }
  return out;
}
function platformSlug(platform) {
  return platform.replace(/\//g, "-");
}
function validateImageName(name, what = "image") {
  const n = name.trim();
  const ref = parseImageRef(n);
  if (ref.tag !== void 0 || ref.digest !== void 0) {
    throw new OffmainError(
      `${what} "${n}" carries a ${ref.digest ? "digest" : "tag"}: give the repository only (e.g. ghcr.io/owner/mastodon); tags come from the tags input`
    );
  }
  const parts = n.split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasHost && !isValidRepository(`${first}/x`)) {
    throw new OffmainError(
      `${what} "${n}": "${first}" is not a registry host (expected e.g. ghcr.io, docker.io or localhost:5000)`
    );
  }
  if (n !== n.toLowerCase() && isValidRepository(n.toLowerCase())) {
    const path = hasHost ? parts.slice(1).join("/") : n;
    if (path !== path.toLowerCase()) {
      throw new OffmainError(
        `${what} "${n}" has capital letters: image repositories must be lower case (e.g. "${hasHost ? `${first}/` : ""}${path.toLowerCase()}")`
      );
    }
  }
  if (!isValidRepository(n)) {
    throw new OffmainError(
      `${what} "${n}" is not an image repository: expected [REGISTRY/]PATH with lower-case letters, digits and . _ - separators (e.g. ghcr.io/owner/mastodon)`
    );
  }
  return n;
}
function streamingName(repository) {
  return `${repository}-streaming`;
}
function unique(names) {
  const out = [];
  for (const n of names) if (!out.some((o) => sameRepository(o, n))) out.push(n);
  return out;
}
function parseBuildArgs(input) {
  if (!input) return {};
  if (!Array.isArray(input)) return { ...input };
  const out = {};
  for (const line of input) {
    const l = line.trim();
    if (!l || l.startsWith("#")) continue;
    const eq = l.indexOf("=");
    const key = eq < 0 ? "" : l.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new OffmainError(`build argument "${l}" is not KEY=VALUE (e.g. RUBY_YJIT_ENABLE=1)`);
    }
    out[key] = l.slice(eq + 1);
  }
  return out;
}
function sourceUrl(repository) {
  const slug = githubRepoSlug(repository);
  if (slug) return `https://github.com/${slug}`;
  return redactUrl(repository.trim()).replace(/\.git\/?$/, "").replace(/\/$/, "");
}
async function readBuildTree(dir) {
  const read = async (p) => existsSync(join(dir, p)) ? readFile(join(dir, p), "utf8") : void 0;
  return { dockerfile: await read(DOCKERFILES.mastodon), streamingDockerfile: await read(DOCKERFILES["mastodon-streaming"]) };
}
function argsFor(declared, input) {
  const sha = input.commit;
  const wanted = {};
  wanted.MASTODON_VERSION_METADATA = sha.slice(0, 7);
  if (input.version.declared.shape === "env-suffix") wanted.MASTODON_VERSION_SUFFIX = `+${sha.slice(0, 7)}`;
  wanted.SOURCE_COMMIT = sha;
  const asked = { ...input.buildArgs ?? {} };
  if (input.prerelease !== void 0) asked.MASTODON_VERSION_PRERELEASE = input.prerelease;
  const args = {};
  const skipped = [];
  for (const [k, v] of Object.entries(wanted)) if (declared.has(k)) args[k] = v;
  for (const [k, v] of Object.entries(asked)) {
    if (declared.has(k)) args[k] = v;
    else skipped.push(k);
  }
  return { args, skipped };
}
function planBuild(input, files) {
  const sha = input.commit.trim().toLowerCase();
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) {
    throw new OffmainError(`commit "${input.commit}" is not a full sha: pass all 40 hexadecimal characters of the upstream commit`);
  }
  if (files.dockerfile === void 0) {
    throw new OffmainError(
      `${input.dir}: no Dockerfile at the tree root, so there is no mastodon image to build; point dir at a patched Mastodon checkout (the patch step's path output)`,
      { file: "Dockerfile" }
    );
  }
  if (!isValidOciTag(input.version.imageTag)) {
    throw new OffmainError(`image tag "${input.version.imageTag}" is not a valid OCI tag`);
  }
  const platforms = parsePlatforms(input.platforms);
  const track = input.track ?? "main";
  const declared = input.version.declared;
  const branch = input.branch?.trim() || (track === "main" ? "main" : `stable-${declared.major}.${declared.minor}`);
  const warnings = [];
  if (input.images.length === 0) {
    throw new OffmainError("no image name given: pass at least one repository for the mastodon image (e.g. ghcr.io/owner/mastodon)");
  }
  const images = unique(input.images.map((n) => validateImageName(n, "image")));
  const streamingGiven = (input.streamingImages ?? []).filter((n) => n.trim());
  const streamingImages = unique(
    streamingGiven.length ? streamingGiven.map((n) => validateImageName(n, "streaming image")) : images.map(streamingName)
  );
  for (const s of streamingImages) {
    if (images.some((i) => sameRepository(i, s))) {
      throw new OffmainError(`streaming image "${s}" is also a mastodon image name: give the streaming image its own repository`);
    }
  }
  const ctx = {
    version: input.version.imageTag,
    declared: declared.text,
    major: declared.major,
    minor: declared.minor,
    patch: declared.patch,
    sha,
    commitTime: input.commitTime,
    branch
  };
  const tags = renderTags([input.version.imageTag, ...input.tags ?? defaultTagTemplates(track)], ctx);
  const created = new Date(Date.parse(input.commitTime)).toISOString().replace(/\.\d{3}Z$/, "Z");
  const upstream = sourceUrl(input.upstream ?? DEFAULT_REPOSITORY);
  const source = input.sourceRepository?.trim() ? validateSourceRepository(input.sourceRepository) : upstream;
  const patches = [...new Set(input.patches ?? [])];
  const plans = [];
  const entries = [
    ["mastodon", files.dockerfile, images],
    ["mastodon-streaming", files.streamingDockerfile, streamingImages]
  ];
  for (const [key, text, repositories] of entries) {
    if (text === void 0) {
      if (key === "mastodon-streaming" && streamingGiven.length) {
        warnings.push(`streaming images were given but ${DOCKERFILES[key]} does not exist (Mastodon has a separate streaming image from v4.3 on): not built`);
      }
      continue;
    }
    const { args, skipped } = argsFor(dockerfileArgs(text), input);
    for (const k of skipped) {
      warnings.push(`build argument ${k} is not declared by ${DOCKERFILES[key]}: not passed to the ${key} image`);
    }
    const labels = {
      [LABEL.source]: source,
      [LABEL.url]: upstream,
      [LABEL.revision]: sha,
      [LABEL.upstreamSource]: upstream,
      [LABEL.upstreamRevision]: sha,
      [LABEL.version]: input.version.display,
      [LABEL.created]: created,
      [LABEL.title]: key,
      [LABEL.description]: key === "mastodon" ? `Mastodon ${input.version.display} (web and Sidekiq), built by offmain from ${upstream} at ${sha.slice(0, 7)}` : `Mastodon ${input.version.display} streaming server, built by offmain from ${upstream} at ${sha.slice(0, 7)}`,
      [LABEL.licenses]: MASTODON_LICENSE,
      [LABEL.patches]: patches.join(","),
      ...input.patchesDigest ? { [LABEL.patchesDigest]: input.patchesDigest } : {}
    };
    plans.push({
      key,
      dockerfile: DOCKERFILES[key],
      context: ".",
      repositories,
      tags,
      refs: repositories.flatMap((r) => tags.map((t) => `${r}:${t}`)),
      buildArgs: args,
      skippedArgs: skipped,
      labels,
      annotations: { ...labels }
    });
  }
  return {
    commit: sha,
    shortSha: sha.slice(0, 7),
    commitTime: created,
    version: input.version.display,
    imageTag: input.version.imageTag,
    track,
    branch,
    upstream,
    sourceRepository: source,
    platforms,
    tags,
    patches,
    images: plans,
    warnings
  };
}
function appliedPatchIds(report) {
  return (report?.patches ?? []).filter((p) => p.status === "applied" || p.status === "already-applied").map((p) => p.id);
}
function pinnedRefs(image, tag, digestByRepo) {
  return image.repositories.map((r) => `${r}:${tag}@${digestByRepo.get(r)}`);
}

// src/build/buildx.ts
var BUILD_MODES = ["all", "platform", "merge"];
var CACHE_MODES = ["gha", "registry", "none"];
function hasIndex(s) {
  return s.platforms.length > 1 || s.provenance || s.sbom !== false;
}
function csvField(field) {
  return /[",]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
function ghaCacheAvailable(env = process.env) {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL));
}
function cacheArgs(image, s) {
  const suffix = s.mode === "platform" ? `-${platformSlug(s.platforms[0])}` : "";
  if (s.cache === "gha") {
    const env = s.env ?? {};
    const from = [`type=gha`, `scope=${image.key}-${s.platforms.map(platformSlug).join("_")}`];
    if (env.GITHUB_REPOSITORY) from.push(`repository=${env.GITHUB_REPOSITORY}`);
    if (env.OFFMAIN_CACHE_GHTOKEN) from.push(`ghtoken=${env.OFFMAIN_CACHE_GHTOKEN}`);
    return ["--cache-from", from.join(","), ...s.push ? ["--cache-to", [...from, "mode=max", "ignore-error=true"].join(",")] : []];
  }
  if (s.cache === "registry") {
    const ref = `${image.repositories[0]}:buildcache${suffix}`;
    return [
      "--cache-from",
      `type=registry,ref=${ref}`,
      ...s.push ? ["--cache-to", `type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`] : []
    ];
  }
  return [];
}
function buildxBuildArgs(image, s) {
  const args = ["buildx", "build"];
  if (s.builder) args.push("--builder", s.builder);
  args.push("--progress", "plain", "--file", `${s.dir}/${image.dockerfile}`, "--platform", s.platforms.join(","));
  for (const [k, v] of Object.entries(image.buildArgs)) args.push("--build-arg", `${k}=${v}`);
  for (const [k, v] of Object.entries(image.labels)) args.push("--label", `${k}=${v}`);
  const index = hasIndex(s);
  for (const [k, v] of Object.entries(image.annotations)) {
    args.push("--annotation", `manifest:${k}=${v}`);
    if (index) args.push("--annotation", `index:${k}=${v}`);
  }
  args.push("--provenance", s.provenance ? "mode=max" : "false");
  args.push("--sbom", s.sbom === false ? "false" : s.sbom === true ? "true" : `generator=${s.sbom}`);
  args.push(...cacheArgs(image, s));
  if (s.mode === "all") {
    for (const ref of image.refs) args.push("--tag", ref);
    args.push("--output", s.push ? "type=image,push=true,oci-mediatypes=true" : "type=image,push=false");
  } else if (s.push && s.digestPush === "native") {
    args.push(
      "--output",
      ["type=image", csvField(`name=${image.repositories.join(",")}`), "push-by-digest=true", "name-canonical=true", "oci-mediatypes=true", "push=true"].join(",")
    );
  } else {
    if (!s.ociLayoutDir) throw new Error("buildxBuildArgs: ociLayoutDir is required in platform mode without native push-by-digest");
    args.push("--output", `type=oci,dest=${s.ociLayoutDir},tar=false,oci-mediatypes=true`);
  }
  args.push("--metadata-file", s.metadataFile, s.dir);
  return args;
}
var PUBLIC_BUILD_ARGS = /* @__PURE__ */ new Set([
  "MASTODON_VERSION_METADATA",
  "MASTODON_VERSION_SUFFIX",
  "MASTODON_VERSION_PRERELEASE",
  "SOURCE_COMMIT"
]);
function commandLine(args, shown = (n) => PUBLIC_BUILD_ARGS.has(n)) {
  const value = (flag, v) => {
    if (flag === "--secret") {
      const id = /(?:^|,)id=([^,]*)/.exec(v)?.[1];
      return id ? `id=${id},***` : "***";
    }
    const eq = v.indexOf("=");
    return eq < 0 || shown(v.slice(0, eq)) ? v : `${v.slice(0, eq)}=***`;
  };
  const words = args.map((a, i) => {
    const prev = args[i - 1];
    if (prev === "--build-arg" || prev === "--secret") return value(prev, a);
    if (prev === "--cache-from" || prev === "--cache-to") return a.replace(/(^|,)ghtoken=[^,]*/, "$1ghtoken=***");
    const joined = /^(--build-arg|--secret)=(.*)$/s.exec(a);
    return joined ? `${joined[1]}=${value(joined[1], joined[2])}` : a;
  });
  return `docker ${words.map((w) => /[\s"']/.test(w) ? JSON.stringify(w) : w).join(" ")}`;
}
function imagetoolsCreateArgs(opts) {
  const args = ["buildx", "imagetools", "create"];
  if (opts.builder) args.push("--builder", opts.builder);
  for (const [k, v] of Object.entries(opts.annotations)) args.push("--annotation", `index:${k}=${v}`);
  for (const t of opts.tags) args.push("--tag", `${opts.repository}:${t}`);
  args.push(...opts.sources);
  return args;
}
function docker(args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("docker", args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    const log = opts.stream ? opts.log : void 0;
    const emit = (l) => {
      if (!l.trim()) return;
      if (log?.output) log.output(l);
      else log?.info(l);
    };
    const decoder = new StringDecoder("utf8");
    let partial = "";
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => {
      err.push(b);
      if (log) {
        const lines = (partial + decoder.write(b)).split(/\r\n|\r|\n/);
        partial = lines.pop() ?? "";
        lines.forEach(emit);
      }
    });
    child.on("error", (e) => {
      if (e.code === "ENOENT") {
        reject(new OffmainError("docker was not found on PATH: install Docker with the buildx plugin (on GitHub: docker/setup-buildx-action)"));
      } else reject(e);
    });
    child.on("close", (code) => {
      if (log) {
        (partial + decoder.end()).split(/\r\n|\r|\n/).forEach(emit);
        log.endOutput?.();
      }
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}
function buildxError(stderr) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const error = [...lines].reverse().find((l) => /^(ERROR|error)\b:?/.test(l));
  return (error ?? lines[lines.length - 1] ?? "no output").replace(/^ERROR:\s*/, "");
}
async function builderDriver(builder, opts = {}) {
  const r = await docker(["buildx", "inspect", ...builder ? [builder] : []], opts);
  if (r.code !== 0) {
    if (/is not a docker command|unknown command/i.test(r.stderr)) {
      throw new OffmainError("docker buildx is not installed: install the buildx plugin (Debian: docker-buildx; on GitHub: docker/setup-buildx-action)");
    }
    throw new OffmainError(`docker buildx inspect${builder ? ` ${builder}` : ""} failed: ${buildxError(r.stderr)}`);
  }
  const m = /^Driver:\s*(\S+)/m.exec(r.stdout);
  return m?.[1] ?? "unknown";
}
function progressStats(stderr) {
  const steps = /* @__PURE__ */ new Set();
  const cached = /* @__PURE__ */ new Set();
  for (const line of stderr.split("\n")) {
    const step = /^#(\d+) \[(?:[^\]]*\s)?\d+\/\d+\]/.exec(line);
    if (step) steps.add(step[1]);
    const c = /^#(\d+) CACHED\s*$/.exec(line);
    if (c) cached.add(c[1]);
  }
  return { steps: steps.size, cached: [...cached].filter((c) => steps.has(c)).length };
}
async function runBuildxBuild(args, metadataFile, what, opts) {
  const t0 = performance.now();
  const r = await docker(args, { ...opts, stream: true });
  const seconds = (performance.now() - t0) / 1e3;
  if (r.code !== 0) {
    if (/is not a docker command|unknown command/i.test(r.stderr)) {
      throw new OffmainError("docker buildx is not installed: install the buildx plugin (Debian: docker-buildx; on GitHub: docker/setup-buildx-action)");
    }
    const error = buildxError(r.stderr);
    const hint = /docker driver/i.test(error) ? ' (the default "docker" builder cannot do this: create a docker-container builder, e.g. with docker/setup-buildx-action, and pass it as builder)' : "";
    throw new OffmainError(`docker buildx build of ${what} failed: ${error}${hint}`);
  }
  if (!existsSync2(metadataFile)) throw new OffmainError(`docker buildx build of ${what} wrote no metadata file (${metadataFile}); is buildx 0.10 or newer installed?`);
  const metadata = JSON.parse(readFileSync(metadataFile, "utf8"));
  const digest = metadata["containerimage.digest"];
  if (typeof digest !== "string" || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new OffmainError(`docker buildx build of ${what} reported no image digest in its metadata (containerimage.digest)`);
  }
  return { digest, metadata, seconds, ...progressStats(r.stderr) };
}

// src/build/step.ts
import { existsSync as existsSync4, mkdtempSync, rmSync } from "node:fs";
import { readFile as readFile4 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join4, resolve as resolvePath } from "node:path";

// src/build/refusal.ts
import { readFileSync as readFileSync2 } from "node:fs";
var GHCR = "ghcr.io";
function isGhcr(registry, challenge) {
  return registry === GHCR || challenge?.scheme === "bearer" && challenge.service === GHCR;
}
function errorDetail(body, secrets = []) {
  let text = "";
  try {
    const json = JSON.parse(body);
    if (Array.isArray(json.errors)) {
      text = json.errors.slice(0, 3).map((e) => [e?.code, e?.message].filter((x) => typeof x === "string" && x).join(": ")).filter(Boolean).join("; ");
    } else if (typeof json.details === "string") text = json.details;
  } catch {
  }
  for (const s of secrets) if (s && s.length >= 4) text = text.split(s).join("***");
  return inline(text, 200);
}
function who(creds) {
  return `${creds.username ? `user "${creds.username}"` : "the identity token"} (from ${creds.source})`;
}
function status(code, detail) {
  return `HTTP ${code}${detail ? `, ${detail}` : ""}`;
}
function anonymousRefused(c, code) {
  return `registry ${c.registry} refused anonymous access to ${c.path} (HTTP ${code}) and ${c.configPath} has no credentials for it: log in first (docker login ${c.registry}, or docker/login-action)`;
}
function credentialsRefused(c, code) {
  return `registry ${c.registry} refused the credentials of ${who(c.creds)} (HTTP ${code}): log in again (docker login ${c.registry}) with a valid password or token`;
}
function readRefused(c, code, detail, where) {
  const reason = `${status(code, detail)} from ${where}`;
  const subject = c.creds ? who(c.creds) : "anonymous access";
  return {
    reason,
    message: `registry ${c.registry} refused ${subject} read access to ${c.path} (${reason}): check that this account may read the repository${c.creds ? `, or log in again (docker login ${c.registry})` : ` (docker login ${c.registry})`}`
  };
}
function pushRefused(c, code, detail) {
  const head = `registry ${c.registry} refused ${who(c.creds)} push access to ${c.path} (${status(code, detail)})`;
  if (c.ghcr) return `${head}: ${ghcrAdvice(c.path, c.env)}`;
  return `${head}: give that account write access to the repository, or log in as one that has it`;
}
function ghcrPackage(path) {
  const [owner = "", ...rest] = path.split("/");
  return { owner, name: rest.join("/") };
}
function ownerIsOrganization(owner, env) {
  if (!env.GITHUB_EVENT_PATH || env.GITHUB_REPOSITORY_OWNER?.toLowerCase() !== owner.toLowerCase()) return void 0;
  try {
    const event = JSON.parse(readFileSync2(env.GITHUB_EVENT_PATH, "utf8"));
    const type = event.repository?.owner?.type;
    return type === "Organization" ? true : type === "User" ? false : void 0;
  } catch {
    return void 0;
  }
}
function ghcrSettingsUrl(path, env = {}) {
  const { owner, name } = ghcrPackage(path);
  const url = (kind) => `https://github.com/${kind}/${owner}/packages/container/${encodeURIComponent(name)}/settings`;
  const org = ownerIsOrganization(owner, env);
  if (org === void 0) return `${url("orgs")} (users/ instead of orgs/ for a personal account)`;
  return url(org ? "orgs" : "users");
}
function ghcrAdvice(path, env = {}) {
  const { owner, name } = ghcrPackage(path);
  const repo = env.GITHUB_REPOSITORY ? `the repository ${env.GITHUB_REPOSITORY}` : "the repository that runs offmain";
  return [
    `if the package ${owner}/${name} already exists but is not linked to ${repo}, add that repository under the package's "Manage Actions access" (Package settings) with the Write role: ${ghcrSettingsUrl(path, env)}`,
    `if it is new, the workflow job needs "permissions: packages: write" (and, in an organization, members must be allowed to create packages)`,
    `otherwise the token is not valid for ${owner} (expired, or a personal token without write:packages): log in again`
  ].join("; ");
}
var PUSH_REFUSED = /\b(?:401 Unauthorized|403 Forbidden)\b|(?:^|: )denied\b|permission_denied|write_package|installation not allowed|insufficient_scope/i;
function pushRefusalHint(error, repositories, env = {}) {
  if (!PUSH_REFUSED.test(error)) return "";
  const onGhcr = repositories.filter((r) => r.toLowerCase().startsWith(`${GHCR}/`));
  const named = (r) => error.split(r).slice(1).some((after) => !/^[a-z0-9._/-]/i.test(after));
  const ghcr = onGhcr.find(named) ?? onGhcr[0];
  if (!ghcr) return "";
  return `. ${GHCR} refused the push to ${ghcr}: ${ghcrAdvice(ghcr.slice(GHCR.length + 1), env)}`;
}

// src/build/registry.ts
import { createHash } from "node:crypto";
import { createReadStream, readFileSync as readFileSync3, statSync } from "node:fs";
import { readFile as readFile3 } from "node:fs/promises";
import { join as join3 } from "node:path";
import { Readable } from "node:stream";

// src/build/challenge.ts
function parseChallenge(header) {
  if (!header) return void 0;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return void 0;
  const scheme = m[1].toLowerCase();
  if (scheme === "basic") return { scheme: "basic" };
  if (scheme !== "bearer") return void 0;
  const params = {};
  for (const p of m[2].matchAll(/(\w+)="([^"]*)"/g)) params[p[1].toLowerCase()] = p[2];
  if (!params.realm) return void 0;
  return { scheme: "bearer", realm: params.realm, service: params.service };
}
function realmUrl(registry, realm) {
  let url;
  try {
    url = new URL(realm);
  } catch {
  }
  if (url && (url.protocol === "https:" || url.protocol === "http:" && isLoopbackHost(url.host))) return url;
  throw new OffmainError(
    `registry ${registry} names its token service as ${url ? `${url.protocol}//${url.host}` : "something that is not a URL"}: offmain sends credentials only over https (or to this machine); check the registry`
  );
}

// src/build/oci.ts
var MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json"
};
var MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(", ");
function isIndexMediaType(mediaType) {
  return mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList;
}
var DOCKER_HUB_NAMES = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);
function locate(repository) {
  const parts = repository.split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasHost ? first.toLowerCase() : "docker.io";
  let path = hasHost ? parts.slice(1).join("/") : repository;
  const hub = DOCKER_HUB_NAMES.has(registry);
  if (hub && !path.includes("/")) path = `library/${path}`;
  return {
    registry: hub ? "docker.io" : registry,
    apiHost: hub ? "registry-1.docker.io" : registry,
    path,
    scheme: isLoopbackHost(registry) ? "http" : "https"
  };
}
var RegistryError = class extends OffmainError {
  constructor(message, registry, status2, readRefusal) {
    super(message);
    this.registry = registry;
    this.status = status2;
    this.readRefusal = readRefusal;
    this.name = "RegistryError";
  }
  registry;
  status;
  readRefusal;
};
function parseReply(loc, what, bytes) {
  try {
    const v = JSON.parse(bytes.toString("utf8"));
    if (typeof v !== "object" || v === null) throw new Error("not an object");
    return v;
  } catch {
    throw new RegistryError(`registry ${loc.registry}: ${what} is not the JSON object the registry API returns (${bytes.length} bytes)`, loc.registry);
  }
}

// src/build/credentials.ts
import { execFile } from "node:child_process";
import { existsSync as existsSync3 } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
function dockerConfigPath(env = process.env) {
  return join2(env.DOCKER_CONFIG || join2(env.HOME || homedir(), ".docker"), "config.json");
}
function authKeys(registry) {
  if (registry === "docker.io") {
    return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io", "https://registry-1.docker.io"];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}
function runHelper(helper, registry, env) {
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ["get"], { env, timeout: 2e4 }, (error, stdout, stderr) => {
      if (error) {
        if (error.code === "ENOENT") {
          reject(
            new OffmainError(
              `the Docker config names the credential helper "${helper}" for ${registry}, but docker-credential-${helper} is not on PATH: install it, or log in with a config that stores credentials in auths`
            )
          );
          return;
        }
        if (/not found/i.test(`${stdout}${stderr}`)) resolve(void 0);
        else reject(new OffmainError(`docker-credential-${helper} get failed for ${registry}: ${(stderr || stdout).trim().split("\n").pop()}`));
        return;
      }
      try {
        const r = JSON.parse(stdout);
        if (!r.Secret) return resolve(void 0);
        resolve(
          r.Username === "<token>" ? { identityToken: r.Secret, source: `docker-credential-${helper}` } : { username: r.Username, password: r.Secret, source: `docker-credential-${helper}` }
        );
      } catch {
        reject(new OffmainError(`docker-credential-${helper} get returned something that is not JSON for ${registry}`));
      }
    });
    child.stdin?.end(registry === "docker.io" ? "https://index.docker.io/v1/" : registry);
  });
}
async function credentialsFor(registry, env = process.env) {
  const file = dockerConfigPath(env);
  if (!existsSync3(file)) return void 0;
  let config;
  try {
    config = JSON.parse(await readFile2(file, "utf8"));
  } catch {
    throw new OffmainError(`${file} is not valid JSON: fix or remove it (it is Docker's config with the registry credentials)`);
  }
  const keys = authKeys(registry);
  for (const key of keys) {
    const helper = config.credHelpers?.[key];
    if (helper) return runHelper(helper, registry, env);
  }
  for (const key of keys) {
    const a = config.auths?.[key];
    if (!a) continue;
    if (a.identitytoken) return { identityToken: a.identitytoken, source: file };
    if (a.auth) {
      const decoded = Buffer.from(a.auth, "base64").toString("utf8");
      const sep = decoded.indexOf(":");
      if (sep < 0) throw new OffmainError(`${file}: auths["${key}"].auth is not base64 of user:password; log in again with docker login ${registry}`);
      return { username: decoded.slice(0, sep), password: decoded.slice(sep + 1), source: file };
    }
    if (a.username && a.password) return { username: a.username, password: a.password, source: file };
  }
  if (config.credsStore) return runHelper(config.credsStore, registry, env);
  return void 0;
}

// src/build/registry.ts
function canonical(repository) {
  const loc = locate(repository);
  return `${loc.registry}/${loc.path}`;
}
function sha256(bytes) {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
var RegistryClient = class {
  env;
  timeoutMs;
  creds = /* @__PURE__ */ new Map();
  challenges = /* @__PURE__ */ new Map();
  tokens = /* @__PURE__ */ new Map();
  /** Per repository, why its last read was refused with 403 (taken as "not there"). */
  refusedReads = /* @__PURE__ */ new Map();
  /** Repositories read with the push token: their reads were refused, their push was not. */
  readAsPusher = /* @__PURE__ */ new Set();
  pushChecks = /* @__PURE__ */ new Map();
  /** Requests made, for tests and the benchmark. */
  requests = 0;
  constructor(opts = {}) {
    this.env = opts.env ?? process.env;
    this.timeoutMs = opts.timeoutMs ?? 3e4;
  }
  credentials(registry) {
    let c = this.creds.get(registry);
    if (!c) {
      c = credentialsFor(registry, this.env);
      this.creds.set(registry, c);
    }
    return c;
  }
  async authorization(loc, scope, challenge, push) {
    const creds = await this.credentials(loc.registry);
    if (challenge.scheme === "basic") {
      if (!creds?.username || creds.password === void 0) return void 0;
      return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
    }
    const key = `${loc.registry} ${scope}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const realm = realmUrl(loc.registry, challenge.realm);
    const url = new URL(realm);
    if (challenge.service) url.searchParams.set("service", challenge.service);
    url.searchParams.set("scope", scope);
    let res;
    try {
      this.requests++;
      if (creds?.identityToken) {
        const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: creds.identityToken, scope, client_id: "offmain" });
        if (challenge.service) form.set("service", challenge.service);
        res = await fetch(realm, { method: "POST", body: form, redirect: "error", signal: AbortSignal.timeout(this.timeoutMs) });
      } else {
        const headers = {};
        if (creds?.username && creds.password !== void 0) {
          headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
        }
        res = await fetch(url, { headers, redirect: "error", signal: AbortSignal.timeout(this.timeoutMs) });
      }
    } catch (e) {
      throw new RegistryError(`registry ${loc.registry}: its token service ${url.origin} cannot be reached (${e.message})`, loc.registry);
    }
    if (res.status === 401 || res.status === 403) {
      throw this.refused(loc, creds, res.status, { push, tokenService: true, detail: await this.detailOf(loc, res) });
    }
    if (!res.ok) throw new RegistryError(`registry ${loc.registry}: its token service answered HTTP ${res.status}`, loc.registry, res.status);
    const body = parseReply(loc, "its token service's answer", Buffer.from(await res.arrayBuffer()));
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`registry ${loc.registry}: its token service returned no token`, loc.registry);
    const value = `Bearer ${token}`;
    this.tokens.set(key, value);
    return value;
  }
  /**
   * The error for a refusal: a 401 from the token service, or on a read, is about the credentials; a 403 on a
   * read is a read refusal (the read methods take it as "not there"); anything refused on a push is a push
   * refusal, with what to do (for ghcr.io, GitHub's own three causes).
   */
  refused(loc, creds, status2, kind = {}) {
    const ghcr = isGhcr(loc.registry, this.challenges.get(loc.registry));
    const ctx = { registry: loc.registry, path: loc.path, creds, configPath: dockerConfigPath(this.env), ghcr, env: this.env };
    const detail = kind.detail ?? "";
    if (status2 === 403 && !kind.push) {
      const r = readRefused(ctx, status2, detail, kind.tokenService ? "its token service" : "the registry");
      return new RegistryError(r.message, loc.registry, status2, r.reason);
    }
    if (!creds) return new RegistryError(anonymousRefused(ctx, status2), loc.registry, status2);
    if (status2 === 401 && (kind.tokenService || !kind.push)) return new RegistryError(credentialsRefused({ ...ctx, creds }, status2), loc.registry, status2);
    return new RegistryError(pushRefused({ ...ctx, creds }, status2, detail), loc.registry, status2);
  }
  /** The error code and message of a refusal's body, without any secret offmain holds. */
  async detailOf(loc, res) {
    let body = "";
    try {
      body = (await res.text()).slice(0, 64 * 1024);
    } catch {
    }
    const creds = await this.credentials(loc.registry);
    const tokens = [...this.tokens.values()].map((t) => t.replace(/^Bearer /, ""));
    return errorDetail(body, [creds?.password, creds?.identityToken, ...tokens]);
  }
  /** One API request with authentication: anonymous first, then the challenge the registry answers with. */
  async request(loc, pathAndQuery, init) {
    const push = Boolean(init.push);
    const scope = `repository:${loc.path}:${push || this.readAsPusher.has(`${loc.registry}/${loc.path}`) ? "pull,push" : "pull"}`;
    const url = init.absolute ?? `${loc.scheme}://${loc.apiHost}/v2/${pathAndQuery}`;
    const hostKey = loc.registry;
    const origin = new URL(`${loc.scheme}://${loc.apiHost}/`).origin;
    const send = async (auth2) => {
      this.requests++;
      const body = init.body?.();
      const method = init.method ?? "GET";
      try {
        let target = new URL(url);
        for (let hop = 0; ; hop++) {
          const headers = { ...init.headers ?? {} };
          if (auth2 && target.origin === origin) headers.Authorization = auth2;
          const res2 = await fetch(target, {
            method,
            headers,
            body: hop === 0 ? body : void 0,
            redirect: "manual",
            ...body instanceof ReadableStream ? { duplex: "half" } : {},
            signal: init.timeout === false ? void 0 : AbortSignal.timeout(this.timeoutMs)
          });
          const location = res2.headers.get("location");
          if (![301, 302, 303, 307, 308].includes(res2.status) || !location || method !== "GET" && method !== "HEAD") return res2;
          await res2.body?.cancel();
          if (hop >= 5) throw new RegistryError(`registry ${loc.registry}: more than 5 redirects for ${loc.path}`, loc.registry);
          target = new URL(location, target);
          if (target.protocol !== "https:" && !(target.protocol === "http:" && isLoopbackHost(target.host))) {
            throw new RegistryError(
              `registry ${loc.registry} redirected a request for ${loc.path} to ${target.protocol}//${target.host}: offmain only follows https (or this machine); check the registry`,
              loc.registry
            );
          }
        }
      } catch (e) {
        if (e instanceof RegistryError) throw e;
        const cause = e.cause;
        throw new RegistryError(
          `registry ${loc.registry} cannot be reached at ${loc.scheme}://${loc.apiHost} (${cause?.code ?? cause?.message ?? e.message}): check the registry host in the image name`,
          loc.registry
        );
      }
    };
    let challenge = this.challenges.get(hostKey);
    let auth = challenge ? await this.authorization(loc, scope, challenge, push) : void 0;
    let res = await send(auth);
    if (res.status === 401) {
      await res.body?.cancel();
      const c = parseChallenge(res.headers.get("www-authenticate"));
      if (!c) throw this.refused(loc, await this.credentials(loc.registry), 401, { push });
      challenge = c;
      this.challenges.set(hostKey, c);
      this.tokens.delete(`${loc.registry} ${scope}`);
      auth = await this.authorization(loc, scope, c, push);
      if (!auth && c.scheme === "basic") throw this.refused(loc, void 0, 401, { push });
      res = await send(auth);
      if (res.status === 401) {
        await res.body?.cancel();
        throw this.refused(loc, await this.credentials(loc.registry), 401, { push });
      }
    }
    if (res.status === 403) {
      throw this.refused(loc, await this.credentials(loc.registry), 403, { push, detail: await this.detailOf(loc, res) });
    }
    return res;
  }
  async failed(loc, what, res) {
    const detail = await this.detailOf(loc, res);
    return new RegistryError(`registry ${loc.registry}: ${what} answered HTTP ${res.status}${detail ? ` (${detail})` : ""}`, loc.registry, res.status);
  }
  /**
   * A read that asks whether something exists: a 403 is "not there" (`absent`), and why is kept for
   * `unreadable`. Every other refusal or failure is thrown.
   */
  async existenceRead(repository, read, absent) {
    const key = canonical(repository);
    try {
      const value = await read();
      this.refusedReads.delete(key);
      return value;
    } catch (e) {
      if (!(e instanceof RegistryError) || !e.readRefusal) throw e;
      this.refusedReads.set(key, e.readRefusal);
      return absent;
    }
  }
  /**
   * Why the last read of a repository was refused (`HTTP 403, DENIED: denied from its token service`), when
   * it was: what offmain took as "not there" without knowing.
   */
  unreadable(repository) {
    return this.refusedReads.get(canonical(repository));
  }
  /**
   * Whether the credentials Docker has may push to a repository, asked the way every push starts: an upload
   * is opened and cancelled at once (no blob, manifest or tag is written). A refusal throws, with what to do.
   * Other answers are left to the push itself. Once a push is allowed, a repository whose reads were refused
   * is read with the push token from then on (ghcr.io gives it for a package this job may create).
   */
  checkPush(repository) {
    const key = canonical(repository);
    let check = this.pushChecks.get(key);
    if (!check) {
      check = this.probePush(repository).then(() => {
        if (this.refusedReads.has(key)) this.readAsPusher.add(key);
      });
      this.pushChecks.set(key, check);
    }
    return check;
  }
  async probePush(repository) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/uploads/`, { method: "POST", push: true, headers: { "Content-Length": "0" } });
    await res.body?.cancel();
    const location = res.headers.get("location");
    if (res.status !== 202 || !location) return;
    try {
      const url = new URL(location, `${loc.scheme}://${loc.apiHost}/`);
      const del = await this.request(loc, "", { method: "DELETE", push: true, absolute: url.toString() });
      await del.body?.cancel();
    } catch {
    }
  }
  /** Checks that the registry answers and accepts the credentials Docker has (GET /v2/ and a pull token). */
  async check(repository) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/tags/list?n=1`, {});
    await res.body?.cancel();
    if (res.status >= 500) throw await this.failed(loc, `listing ${loc.path}`, res);
  }
  /** A manifest or index by tag or digest, or undefined when the registry does not have it (404, or 403: see above). */
  manifest(repository, reference) {
    return this.existenceRead(repository, async () => {
      const loc = locate(repository);
      const res = await this.request(loc, `${loc.path}/manifests/${reference}`, { headers: { Accept: MANIFEST_ACCEPT } });
      if (res.status === 404) {
        await res.body?.cancel();
        return void 0;
      }
      if (!res.ok) throw await this.failed(loc, `GET ${loc.path}/manifests/${reference}`, res);
      const bytes = Buffer.from(await res.arrayBuffer());
      const json = parseReply(loc, `the manifest ${loc.path}:${reference}`, bytes);
      const mediaType = json.mediaType ?? res.headers.get("content-type")?.split(";")[0] ?? "";
      return { digest: res.headers.get("docker-content-digest") ?? sha256(bytes), mediaType, bytes, json };
    }, void 0);
  }
  /** The digest of a tag (HEAD), or undefined (404, or 403: see above). */
  async digest(repository, reference) {
    const head = await this.existenceRead(repository, async () => {
      const loc = locate(repository);
      const res = await this.request(loc, `${loc.path}/manifests/${reference}`, { method: "HEAD", headers: { Accept: MANIFEST_ACCEPT } });
      if (res.status === 404) return { found: false };
      if (!res.ok) throw new RegistryError(`registry ${loc.registry}: HEAD ${loc.path}/manifests/${reference} answered HTTP ${res.status}`, loc.registry, res.status);
      return { found: true, digest: res.headers.get("docker-content-digest") ?? void 0 };
    }, { found: false });
    if (!head.found) return void 0;
    return head.digest ?? (await this.manifest(repository, reference))?.digest;
  }
  /** The tags of a repository; none when it does not exist (404, or 403: see above). */
  tags(repository) {
    return this.existenceRead(repository, async () => {
      const loc = locate(repository);
      const res = await this.request(loc, `${loc.path}/tags/list`, {});
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      if (!res.ok) throw await this.failed(loc, `listing the tags of ${loc.path}`, res);
      const tags = parseReply(loc, `the tag list of ${loc.path}`, Buffer.from(await res.arrayBuffer())).tags ?? [];
      if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) throw new RegistryError(`registry ${loc.registry}: the tag list of ${loc.path} is not a list of tags`, loc.registry);
      return tags;
    }, []);
  }
  async blob(repository, digest) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/${digest}`, {});
    if (!res.ok) throw await this.failed(loc, `GET ${loc.path}/blobs/${digest}`, res);
    return Buffer.from(await res.arrayBuffer());
  }
  /** The labels of an image config blob. */
  async configLabels(repository, manifest) {
    if (!manifest.config) return {};
    const config = parseReply(locate(repository), `the image config ${manifest.config.digest}`, await this.blob(repository, manifest.config.digest));
    return config.config?.Labels ?? {};
  }
  /**
   * What a tag is: its digest, platforms (with sizes when `sizes`), annotations, attestation count and,
   * when `labels`, the config labels of its first platform. Undefined when the tag does not exist.
   */
  async describe(repository, reference, opts = {}) {
    const top = await this.manifest(repository, reference);
    if (!top) return void 0;
    const out = {
      repository,
      reference,
      digest: top.digest,
      mediaType: top.mediaType,
      annotations: top.json.annotations ?? {},
      platforms: [],
      attestations: 0
    };
    const size2 = (m) => (m.config?.size ?? 0) + (m.layers ?? []).reduce((s, l) => s + l.size, 0);
    let first;
    if (isIndexMediaType(top.mediaType)) {
      for (const d of top.json.manifests ?? []) {
        if (d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") {
          out.attestations++;
          continue;
        }
        const p = d.platform;
        const platform = p ? [p.os, p.architecture, p.variant].filter(Boolean).join("/") : "unknown";
        const entry = { platform, digest: d.digest, annotations: d.annotations ?? {} };
        if (opts.sizes || opts.labels && !first) {
          const m = await this.manifest(repository, d.digest);
          if (m) {
            if (opts.sizes) entry.size = size2(m.json);
            entry.annotations = { ...m.json.annotations ?? {}, ...entry.annotations };
            first ??= m.json;
          }
        }
        out.platforms.push(entry);
      }
    } else {
      first = top.json;
      out.platforms.push({ platform: "unknown", digest: top.digest, annotations: top.json.annotations ?? {}, ...opts.sizes ? { size: size2(top.json) } : {} });
    }
    if (opts.labels && first) out.labels = await this.configLabels(repository, first);
    return out;
  }
  // -------------------------------------------------------------------------------------------
  // Pushing by digest
  // -------------------------------------------------------------------------------------------
  async blobExists(repository, digest, push = false) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/${digest}`, { method: "HEAD", push });
    return res.ok;
  }
  /** Uploads one blob (monolithic: POST then PUT) unless the repository has it already. */
  async uploadBlob(repository, digest, size2, body) {
    if (await this.blobExists(repository, digest, true)) return false;
    const loc = locate(repository);
    const start = await this.request(loc, `${loc.path}/blobs/uploads/`, { method: "POST", push: true, headers: { "Content-Length": "0" } });
    if (start.status !== 202) throw await this.failed(loc, `starting an upload to ${loc.path}`, start);
    await start.body?.cancel();
    const location = start.headers.get("location");
    if (!location) throw new RegistryError(`registry ${loc.registry}: an upload started without a Location`, loc.registry);
    const url = new URL(location, `${loc.scheme}://${loc.apiHost}/`);
    url.searchParams.set("digest", digest);
    const put = await this.request(loc, "", {
      method: "PUT",
      push: true,
      absolute: url.toString(),
      timeout: false,
      headers: { "Content-Type": "application/octet-stream", "Content-Length": String(size2) },
      body
    });
    if (put.status !== 201) throw await this.failed(loc, `uploading ${digest} to ${loc.path}`, put);
    await put.body?.cancel();
    return true;
  }
  async putManifest(repository, reference, mediaType, bytes) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/manifests/${reference}`, {
      method: "PUT",
      push: true,
      headers: { "Content-Type": mediaType },
      body: () => bytes
    });
    if (res.status !== 201) throw await this.failed(loc, `PUT ${loc.path}/manifests/${reference}`, res);
    await res.body?.cancel();
    return res.headers.get("docker-content-digest") ?? sha256(bytes);
  }
  /** Points more tags at a manifest the repository already has (the same bytes, so the same digest). */
  async tag(repository, digest, tags) {
    const m = await this.manifest(repository, digest);
    if (!m) throw new RegistryError(`registry ${locate(repository).registry}: ${repository}@${digest} does not exist, so it cannot be tagged`, locate(repository).registry);
    for (const t of tags) {
      const d = await this.putManifest(repository, t, m.mediaType, m.bytes);
      if (d !== digest) throw new RegistryError(`registry ${locate(repository).registry}: tagging ${repository}:${t} gave ${d}, not ${digest}`, locate(repository).registry);
    }
  }
  /**
   * Pushes what an OCI image layout holds (the manifest or index its index.json names, with every
   * manifest and blob below it) to a repository, by digest only: no tag is created. Returns the digest.
   */
  async pushOciLayout(layoutDir, repository) {
    const index = JSON.parse(await readFile3(join3(layoutDir, "index.json"), "utf8"));
    const root = index.manifests?.[0];
    if (!root) throw new OffmainError(`${layoutDir}/index.json names no image: the build exported nothing`);
    const blobPath = (digest) => join3(layoutDir, "blobs", ...digest.split(":"));
    let uploaded = 0;
    let bytes = 0;
    const pushBlob = async (d) => {
      const file = blobPath(d.digest);
      const size2 = statSync(file).size;
      const did = await this.uploadBlob(
        repository,
        d.digest,
        size2,
        () => size2 < 4 * 1024 * 1024 ? readFileSync3(file) : Readable.toWeb(createReadStream(file))
      );
      if (did) {
        uploaded++;
        bytes += size2;
      }
    };
    const pushManifest = async (d) => {
      const raw = await readFile3(blobPath(d.digest));
      const json = JSON.parse(raw.toString("utf8"));
      if (isIndexMediaType(d.mediaType)) {
        for (const child of json.manifests ?? []) await pushManifest(child);
      } else {
        await Promise.all([...json.config ? [json.config] : [], ...json.layers ?? []].map(pushBlob));
      }
      await this.putManifest(repository, d.digest, d.mediaType, raw);
    };
    await pushManifest(root);
    return { digest: root.digest, uploaded, bytes };
  }
};

// src/build/skip.ts
async function describeTag(registry, repository, tag) {
  const d = await registry.describe(repository, tag);
  if (!d) return void 0;
  let about = d.annotations;
  if (!about[LABEL.revision]) about = (await registry.describe(repository, tag, { labels: true }))?.labels ?? {};
  return { description: d, revision: about[LABEL.revision], patches: about[LABEL.patches], patchesDigest: about[LABEL.patchesDigest] };
}
async function checkExisting(registry, image, plan) {
  const wantPatches = image.labels[LABEL.patchesDigest];
  return Promise.all(
    image.repositories.map(async (repository) => {
      let t = await describeTag(registry, repository, plan.imageTag);
      const refused = t ? void 0 : registry.unreadable(repository);
      let unreadable;
      if (refused) {
        await registry.checkPush(repository);
        t = await describeTag(registry, repository, plan.imageTag);
        unreadable = t ? void 0 : registry.unreadable(repository);
      }
      if (!t) return { repository, state: "missing", ...unreadable ? { unreadable } : refused ? { refused } : {} };
      const { revision, patchesDigest: digest } = t;
      const state = revision !== plan.commit ? "other" : wantPatches && digest && digest !== wantPatches ? "repatched" : "same";
      return { repository, state, description: t.description, revision, patches: t.patches };
    })
  );
}
async function skipExisting(plan, registry, ctx) {
  const { log } = ctx;
  const done = [];
  const pending = [];
  const keep = /* @__PURE__ */ new Map();
  const checks = await Promise.all(plan.images.map(async (image) => ({ image, existing: await checkExisting(registry, image, plan) })));
  for (const { image, existing } of checks) {
    const other = existing.filter((e) => e.state === "other");
    if (other.length && !ctx.force) {
      const o = other[0];
      throw new OffmainError(
        `${o.repository}:${plan.imageTag} already exists with upstream revision ${o.revision ? o.revision.slice(0, 12) : "(none)"}, not ${plan.commit.slice(0, 12)}: an immutable tag is never overwritten; remove it or pass force to rebuild it`
      );
    }
    const repatched = existing.filter((e) => e.state === "repatched");
    if (repatched.length && !ctx.force) {
      const o = repatched[0];
      throw new OffmainError(
        `${o.repository}:${plan.imageTag} already exists for this upstream commit but was built with other patches (${o.patches || "none"}; now: ${image.labels[LABEL.patches] || "none"}, or their text changed): an immutable tag is never overwritten silently; pass force to rebuild it with the new patches, or let the next upstream commit carry them`
      );
    }
    const same = existing.filter((e) => e.state === "same");
    for (const e of existing) {
      if (e.unreadable) {
        log.warning(
          `${e.repository}:${plan.imageTag}: not readable (${e.unreadable}), though this account may push there: taken as not there yet; offmain cannot see whether the tag exists, and a push replaces it`
        );
        continue;
      }
      log.info(`${e.repository}:${plan.imageTag}: ${e.state === "same" ? `exists (${e.description.digest}), revision ${plan.commit.slice(0, 7)}` : e.state === "missing" ? `not there yet${e.refused ? ` (a read was refused, ${e.refused}; this account may push there)` : ""}` : e.state === "repatched" ? "exists with other patches; force: rebuilding" : `exists with revision ${e.revision ?? "(none)"}; force: rebuilding`}`);
    }
    if (ctx.force || same.length === 0) {
      pending.push(image);
      continue;
    }
    const source = same[0];
    const have = source.description.platforms.map((p) => p.platform);
    const lacking = plan.platforms.filter((p) => !have.includes(p));
    if (lacking.length && same.length === existing.length && !have.includes("unknown")) {
      log.info(`${source.repository}:${plan.imageTag} lacks ${lacking.join(", ")}: building ${ctx.mode === "merge" ? "the index again with it" : "it"}`);
      if (ctx.mode === "merge") keep.set(image.key, [source.description.digest]);
      pending.push(image);
      continue;
    }
    const digests = new Map(same.map((e) => [e.repository, e.description.digest]));
    const missing = existing.filter((e) => e.state === "missing");
    let status2 = "skipped";
    const t = performance.now();
    if (missing.length && ctx.mode !== "platform") {
      status2 = "copied";
      await Promise.all(missing.map((m) => registry.checkPush(m.repository)));
      for (const m of missing) {
        const args = imagetoolsCreateArgs({
          repository: m.repository,
          tags: [plan.imageTag],
          sources: [`${source.repository}@${source.description.digest}`],
          annotations: {},
          builder: ctx.builder
        });
        log.info(`copying ${source.repository}@${source.description.digest} to ${m.repository} (${image.tags.join(", ")})`);
        const r = await docker(args, { env: ctx.env, log, stream: true });
        if (r.code !== 0) {
          const error = buildxError(r.stderr);
          throw new OffmainError(`copying ${image.key} to ${m.repository} failed: ${error}${pushRefusalHint(error, [m.repository], ctx.env)}`);
        }
        const copied = await registry.digest(m.repository, plan.imageTag);
        if (!copied) throw new OffmainError(`copying ${image.key} to ${m.repository}: ${plan.imageTag} is missing right after imagetools create`);
        await registry.tag(m.repository, copied, image.tags.slice(1));
        digests.set(m.repository, copied);
      }
    } else if (missing.length) {
      pending.push(image);
      continue;
    }
    done.push({
      key: image.key,
      repositories: image.repositories,
      // A skipped image keeps its moving tags where they are (a rerun of an older commit must not move
      // `edge` back); only the immutable tag is known to point at it.
      tags: status2 === "copied" ? image.tags : [plan.imageTag],
      digest: source.description.digest,
      pinned: pinnedRefs(image, plan.imageTag, digests),
      platforms: source.description.platforms.map((p) => ({ platform: p.platform, digest: p.digest })),
      status: status2,
      seconds: (performance.now() - t) / 1e3
    });
  }
  await Promise.all([...new Set(pending.flatMap((i) => i.repositories))].map((r) => registry.checkPush(r)));
  return { done, pending, keep };
}

// src/build/step.ts
async function commitDateOf(dir, commit) {
  const r = await git(["show", "-s", "--format=%cI", `${commit}^{commit}`], { cwd: dir, allowFailure: true });
  const date = r.stdout.trim();
  if (r.code !== 0 || !date) {
    throw new OffmainError(
      `the commit date of ${commit.slice(0, 7)} is unknown (${dir} is not a git checkout that has it): pass the commit date (the patch step's commit-date output, or --commit-date)`
    );
  }
  return date;
}
async function patchInfo(report, commit) {
  if (report === void 0 || report === "") return { ids: [] };
  let r;
  if (typeof report === "string") {
    const text = report.trim().startsWith("{") ? report : await readFile4(report, "utf8").catch(() => {
      throw new OffmainError(`patch report "${report}" is neither JSON nor a readable file: pass the patch step's patch-report output`);
    });
    try {
      r = JSON.parse(text);
    } catch {
      throw new OffmainError("the patch report is not valid JSON: pass the patch step's patch-report output as it is");
    }
  } else r = report;
  if (r.commit && !commit.startsWith(r.commit.toLowerCase()) && !r.commit.toLowerCase().startsWith(commit)) {
    throw new OffmainError(`the patch report is for commit ${r.commit.slice(0, 7)}, not ${commit.slice(0, 7)}: pass the report of the tree being built`);
  }
  if (r.ok === false) throw new OffmainError("the patch report says the patch step failed: fix the patches before building");
  return { ids: appliedPatchIds(r), ...typeof r.digest === "string" && r.digest ? { digest: r.digest } : {} };
}
function parseDigests(items, plan) {
  const out = /* @__PURE__ */ new Map();
  for (const raw of items.flatMap((i) => i.split(/[\s,]+/)).map((i) => i.trim()).filter(Boolean)) {
    const at = raw.lastIndexOf("@");
    const name = at > 0 ? raw.slice(0, at) : "";
    const digest = raw.slice(at + 1);
    if (at <= 0 || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
      throw new OffmainError(`digest "${raw}" is not IMAGE@sha256:<64 hex> (pass the digests output of each platform job)`);
    }
    const image = plan.images.find((i) => i.key === name || i.repositories.includes(name));
    if (!image) {
      throw new OffmainError(`digest "${raw}" names "${name}", which is none of ${plan.images.map((i) => i.key).join(", ")} nor their repositories`);
    }
    const list = out.get(image.key) ?? [];
    if (!list.includes(digest)) list.push(digest);
    out.set(image.key, list);
  }
  return out;
}
async function build(opts, log) {
  const t0 = performance.now();
  const env = opts.env ?? process.env;
  const mode = opts.mode ?? "all";
  const push = mode === "merge" ? true : Boolean(opts.push);
  const dir = resolvePath(opts.dir);
  if (!existsSync4(dir)) throw new OffmainError(`${dir} does not exist: point dir at the patched Mastodon tree (the patch step's path output)`);
  const commit = opts.commit.trim().toLowerCase();
  const plan = await log.group("Plan", async () => {
    const files = await readBuildTree(dir);
    if (files.dockerfile === void 0) {
      throw new OffmainError(
        `${dir}: no Dockerfile at the tree root, so there is no mastodon image to build; point dir at a patched Mastodon checkout (the patch step's path output)`,
        { file: "Dockerfile" }
      );
    }
    for (const n of opts.images) validateImageName(n, "image");
    for (const n of opts.streamingImages ?? []) if (n.trim()) validateImageName(n, "streaming image");
    parsePlatforms(opts.platforms);
    const version = await versionOf(dir, commit);
    const patched = await patchInfo(opts.patchReport, commit);
    const p = planBuild(
      {
        dir,
        commit,
        commitTime: opts.commitDate ?? await commitDateOf(dir, commit),
        version,
        upstream: opts.upstream,
        sourceRepository: opts.sourceRepository,
        track: opts.track,
        branch: opts.branch,
        images: opts.images,
        streamingImages: opts.streamingImages,
        platforms: opts.platforms,
        tags: opts.tags,
        buildArgs: parseBuildArgs(opts.buildArgs),
        prerelease: opts.prerelease,
        patches: patched.ids,
        patchesDigest: patched.digest
      },
      files
    );
    if (mode === "platform" && p.platforms.length !== 1) {
      throw new OffmainError(
        `mode platform builds one platform per job: pass exactly one platform (got ${p.platforms.join(",")}); run one job per platform, then mode merge`
      );
    }
    log.info(`${p.version} (${p.commit.slice(0, 7)}, ${p.commitTime}), tags ${p.tags.join(", ")}, platforms ${p.platforms.join(", ")}`);
    for (const i of p.images) {
      log.info(`${i.key}: ${i.dockerfile} -> ${i.repositories.join(", ")}; build args ${Object.keys(i.buildArgs).join(", ") || "none"}`);
    }
    for (const w of p.warnings) log.warning(w);
    return p;
  });
  const warnings = [...plan.warnings];
  let cache = opts.cache ?? "none";
  if (cache === "gha" && !ghaCacheAvailable(env)) {
    warnings.push("cache gha needs the GitHub Actions cache service (ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL): building without a cache");
    log.warning(warnings[warnings.length - 1]);
    cache = "none";
  }
  const registry = new RegistryClient({ env });
  const results = [];
  const pending = [];
  let keep = /* @__PURE__ */ new Map();
  if (push) {
    const skip = await log.group("Registry check", () => skipExisting(plan, registry, { mode, force: Boolean(opts.force), builder: opts.builder, env, log }));
    results.push(...skip.done);
    pending.push(...skip.pending);
    keep = skip.keep;
  } else {
    pending.push(...plan.images);
  }
  let builds = 0;
  if (pending.length) {
    const tmp = mkdtempSync(join4(env.RUNNER_TEMP || tmpdir(), "offmain-build-"));
    try {
      if (mode === "merge") {
        const byKey = parseDigests(opts.digests ?? [], plan);
        for (const image of pending) {
          results.push(await log.group(`Merge ${image.key}`, () => mergeImage(image, plan, [...byKey.get(image.key) ?? [], ...keep.get(image.key) ?? []], registry, opts, env, log)));
        }
      } else {
        const digestPush = mode === "platform" && push ? await builderDriver(opts.builder, { env }) === "docker" ? "oci-layout" : "native" : void 0;
        for (const image of pending) {
          results.push(
            await log.group(`Build ${image.key} (${plan.platforms.join(", ")})`, async () => {
              builds++;
              return buildImage(image, plan, { mode, push, cache, digestPush, tmp, registry, opts, env, log });
            })
          );
        }
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  results.sort((a, b) => plan.images.findIndex((i) => i.key === a.key) - plan.images.findIndex((i) => i.key === b.key));
  return {
    mode,
    push,
    skipped: push && results.every((r) => r.status === "skipped"),
    plan,
    images: results,
    builds,
    seconds: (performance.now() - t0) / 1e3,
    cache,
    warnings
  };
}
async function buildImage(image, plan, c) {
  const slug = `${image.key}-${plan.platforms.map(platformSlug).join("_")}`;
  const metadataFile = join4(c.tmp, `${slug}.metadata.json`);
  const ociLayoutDir = join4(c.tmp, `${slug}.oci`);
  const args = buildxBuildArgs(image, {
    mode: c.mode,
    platforms: plan.platforms,
    push: c.push,
    cache: c.cache,
    provenance: c.opts.provenance ?? true,
    sbom: c.opts.sbom ?? true,
    builder: c.opts.builder,
    digestPush: c.digestPush,
    ociLayoutDir,
    metadataFile,
    dir: resolvePath(c.opts.dir),
    env: c.env
  });
  const given = parseBuildArgs(c.opts.buildArgs);
  c.log.info(commandLine(args, (name) => PUBLIC_BUILD_ARGS.has(name) && !Object.hasOwn(given, name)));
  const r = await runBuildxBuild(args, metadataFile, `${image.key} (${plan.platforms.join(", ")})`, { env: c.env, log: c.log }).catch((e) => {
    if (e instanceof OffmainError && c.push) throw new OffmainError(`${e.message}${pushRefusalHint(e.message, image.repositories, c.env)}`);
    throw e;
  });
  c.log.info(`${image.key}: ${r.digest} in ${r.seconds.toFixed(1)} s, ${r.cached} of ${r.steps} steps from the cache`);
  const digests = /* @__PURE__ */ new Map();
  if (c.mode === "platform") {
    if (c.push && c.digestPush === "oci-layout") {
      for (const repository of image.repositories) {
        const p = await c.registry.pushOciLayout(ociLayoutDir, repository);
        if (p.digest !== r.digest) throw new OffmainError(`pushing ${image.key} to ${repository} gave ${p.digest}, not the built ${r.digest}`);
        c.log.info(`pushed ${repository}@${p.digest} by digest (${p.uploaded} new blobs, ${(p.bytes / 1e6).toFixed(1)} MB)`);
      }
    }
    for (const repo of image.repositories) digests.set(repo, r.digest);
    return {
      key: image.key,
      repositories: image.repositories,
      tags: [],
      digest: r.digest,
      pinned: image.repositories.map((repo) => `${repo}@${r.digest}`),
      platforms: [{ platform: plan.platforms[0], digest: r.digest }],
      status: "built",
      seconds: r.seconds,
      steps: r.steps,
      cached: r.cached,
      metadata: r.metadata
    };
  }
  let platforms = plan.platforms.map((p) => ({ platform: p, digest: "" }));
  if (c.push) {
    const d = await c.registry.describe(image.repositories[0], plan.imageTag, { sizes: true });
    if (!d || d.digest !== r.digest) {
      throw new OffmainError(`${image.repositories[0]}:${plan.imageTag} is not the image just built (${d?.digest ?? "missing"} instead of ${r.digest}): was it pushed meanwhile by another job?`);
    }
    platforms = d.platforms.map((p) => ({ platform: p.platform, digest: p.digest, ...p.size !== void 0 ? { size: p.size } : {} }));
  }
  for (const repo of image.repositories) digests.set(repo, r.digest);
  return {
    key: image.key,
    repositories: image.repositories,
    tags: image.tags,
    digest: r.digest,
    pinned: pinnedRefs(image, plan.imageTag, digests),
    platforms,
    status: "built",
    seconds: r.seconds,
    steps: r.steps,
    cached: r.cached,
    metadata: r.metadata
  };
}
async function mergeImage(image, plan, digests, registry, opts, env, log) {
  const t = performance.now();
  if (digests.length === 0) {
    throw new OffmainError(`merge: no per-platform digest for ${image.key}: pass the digests output of every platform job (e.g. ${image.key}@sha256:...)`);
  }
  const found = /* @__PURE__ */ new Map();
  for (const d2 of digests) {
    const desc = await registry.describe(image.repositories[0], d2);
    if (!desc) throw new OffmainError(`merge: ${image.repositories[0]}@${d2} does not exist: did the platform job push it?`);
    for (const p of desc.platforms) {
      if (found.has(p.platform)) throw new OffmainError(`merge: ${image.key} has two digests for ${p.platform} (${found.get(p.platform)} and ${d2}): pass one per platform`);
      found.set(p.platform, d2);
    }
  }
  const missing = plan.platforms.filter((p) => !found.has(p));
  if (missing.length) {
    throw new OffmainError(`merge: no digest for ${missing.join(", ")} of ${image.key} (got ${[...found.keys()].join(", ")}): did every platform job run?`);
  }
  const byRepo = /* @__PURE__ */ new Map();
  for (const repository of image.repositories) {
    const args = imagetoolsCreateArgs({
      repository,
      tags: [plan.imageTag],
      sources: digests.map((d2) => `${repository}@${d2}`),
      annotations: image.annotations,
      builder: opts.builder
    });
    log.info(commandLine(args));
    const r = await docker(args, { env, log, stream: true });
    if (r.code !== 0) {
      const error = buildxError(r.stderr);
      throw new OffmainError(`merging ${image.key} into ${repository} failed: ${error}${pushRefusalHint(error, [repository], env)}`);
    }
    const digest = await registry.digest(repository, plan.imageTag);
    if (!digest) throw new OffmainError(`merge: ${repository}:${plan.imageTag} is missing right after imagetools create`);
    await registry.tag(repository, digest, image.tags.slice(1));
    byRepo.set(repository, digest);
  }
  const first = byRepo.get(image.repositories[0]);
  const d = await registry.describe(image.repositories[0], first, { sizes: true });
  return {
    key: image.key,
    repositories: image.repositories,
    tags: image.tags,
    digest: first,
    pinned: pinnedRefs(image, plan.imageTag, byRepo),
    platforms: (d?.platforms ?? []).map((p) => ({ platform: p.platform, digest: p.digest, ...p.size !== void 0 ? { size: p.size } : {} })),
    status: "merged",
    seconds: (performance.now() - t) / 1e3
  };
}

// src/build/summary.ts
function buildOutputs(r) {
  const m = r.images.find((i) => i.key === "mastodon");
  const s = r.images.find((i) => i.key === "mastodon-streaming");
  const metadata = {};
  for (const i of r.images) if (i.metadata) metadata[i.key] = i.metadata;
  return {
    skipped: r.skipped,
    mode: r.mode,
    version: r.plan.version,
    "image-tag": r.plan.imageTag,
    digest: m?.digest ?? "",
    image: m?.pinned[0] ?? "",
    "streaming-digest": s?.digest ?? "",
    "streaming-image": s?.pinned[0] ?? "",
    images: r.images.flatMap((i) => i.pinned),
    digests: r.images.map((i) => `${i.key}@${i.digest}`),
    tags: r.images.flatMap((i) => i.repositories.flatMap((repo) => i.tags.map((t) => `${repo}:${t}`))),
    platforms: r.plan.platforms,
    metadata
  };
}
function size(bytes) {
  if (bytes === void 0) return "";
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}
var STATUS = {
  built: "\u{1F528} built",
  skipped: "\u23ED\uFE0F skipped (exists with this revision)",
  copied: "\u{1F4CB} copied (existed in another registry)",
  merged: "\u{1F517} merged"
};
function buildSummaryMarkdown(r) {
  const p = r.plan;
  const lines = [];
  lines.push(`### offmain build: ${r.skipped ? "nothing to build" : r.mode === "platform" ? `${p.platforms[0]} by digest` : "images pushed"}`);
  lines.push("");
  lines.push(`Upstream ${p.upstream} at \`${p.shortSha}\` (${p.commitTime}), version \`${p.version}\`, mode \`${r.mode}\`${r.push ? "" : " (not pushed)"}, cache \`${r.cache}\`.`);
  if (p.patches.length) lines.push(`Patches: ${p.patches.map((x) => `\`${x}\``).join(", ")}.`);
  if (p.sourceRepository !== p.upstream) lines.push(`Source label (the repository a new ghcr.io package links to): ${p.sourceRepository}.`);
  lines.push("");
  lines.push("| image | status | digest | platforms | size | time | cache |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const i of r.images) {
    const plats = i.platforms.map((x) => `${x.platform}${x.size !== void 0 ? ` (${size(x.size)})` : ""}`).join("<br>");
    const total = i.platforms.some((x) => x.size !== void 0) ? size(i.platforms.reduce((s, x) => s + (x.size ?? 0), 0)) : "";
    const cacheUse = i.steps !== void 0 ? `${i.cached}/${i.steps} steps cached` : "";
    lines.push(`| ${cell(i.repositories.join("<br>"))} | ${STATUS[i.status]} | \`${i.digest}\` | ${plats} | ${total} | ${i.seconds.toFixed(1)} s | ${cacheUse} |`);
  }
  if (r.mode !== "platform") {
    lines.push("");
    lines.push(`Tags: ${p.tags.map((t) => `\`${t}\``).join(", ")}`);
    lines.push("");
    lines.push("Pinned references (what a cluster should run):");
    lines.push("");
    for (const i of r.images) for (const ref of i.pinned) lines.push(`- \`${ref}\``);
  } else {
    lines.push("");
    lines.push("Pass these to the merge step:");
    lines.push("");
    for (const i of r.images) lines.push(`- \`${i.key}@${i.digest}\``);
  }
  if (r.warnings.length) {
    lines.push("");
    for (const w of r.warnings) lines.push(`> \u26A0\uFE0F ${w}`);
  }
  return `${lines.join("\n")}
`;
}

// src/build/runners.ts
var NATIVE_RUNNERS = Object.freeze({
  "linux/amd64": "ubuntu-24.04",
  "linux/arm64": "ubuntu-24.04-arm"
});
var EMULATE = "emulate";
function runnerMatrix(platforms, labels = {}) {
  const runners = { ...NATIVE_RUNNERS, ...labels };
  for (const [platform, label] of Object.entries(labels)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(label)) {
      throw new OffmainError(`runner label "${label}" for ${platform} is not a runner label: give one label such as ubuntu-24.04, or emulate`);
    }
  }
  return {
    include: parsePlatforms(platforms).map((platform) => {
      const emulate = runners[platform] === EMULATE && platform !== "linux/amd64";
      const runner = emulate ? runners["linux/amd64"] : runners[platform];
      if (!runner) {
        throw new OffmainError(
          `platform ${platform} has no native GitHub runner: expected one of ${Object.keys(NATIVE_RUNNERS).join(", ")} (or build it under QEMU with action-build mode all)`
        );
      }
      if (runner === EMULATE) throw new OffmainError("linux/amd64 cannot be emulated: give its runner a label");
      return { platform, runner, slug: platformSlug(platform), emulate };
    })
  };
}

export {
  parseImageRef,
  formatImageRef,
  canonicalRepository,
  repositoryPath,
  isValidRepository,
  validateTarget,
  validateSourceRepository,
  runningRepository,
  parsePlatforms,
  streamingName,
  readBuildTree,
  planBuild,
  BUILD_MODES,
  CACHE_MODES,
  PUBLIC_BUILD_ARGS,
  RegistryClient,
  describeTag,
  build,
  buildOutputs,
  buildSummaryMarkdown,
  runnerMatrix
};

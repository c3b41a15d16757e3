#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  BUILD_MODES,
  CACHE_MODES,
  build,
  buildOutputs,
  buildSummaryMarkdown,
  runningRepository,
  validateSourceRepository
} from "./chunk-4LXDK5L3.mjs";
import {
  headOf
} from "./chunk-L3EOFOQF.mjs";
import {
  OffmainError,
  errorMessage,
  isOffmainError,
  pathOption
} from "./chunk-DG7S4ZZ7.mjs";

// src/cli/build.ts
import { parseArgs } from "node:util";
var BUILD_USAGE = `usage: offmain build --dir DIR --image NAME [--image NAME ...] [options]

Builds the mastodon image (Dockerfile) and, from v4.3 on, mastodon-streaming (streaming/Dockerfile) of a
patched tree with docker buildx, tags them by upstream commit and pushes them once.

  --dir DIR                 the (patched) Mastodon tree (required)
  --commit SHA              the upstream commit the tree is at (default: the tree's git HEAD)
  --commit-date ISO         its committer date (default: from the tree's git checkout)
  --repository URL          upstream repository, for the offmain.upstream.source label (default upstream Mastodon)
  --source-repository URL   the repository that runs offmain (https), for the source label a new ghcr.io
                            package links to (default: in GitHub Actions the job's repository, else upstream)
  --track main|release      main: moving tag edge; release: latest and vX.Y (default main)
  --ref BRANCH              the upstream branch, for {branch} (default main / stable-X.Y)
  --image NAME              a repository of the mastodon image, one per registry (repeatable, required)
  --streaming-image NAME    a repository of the streaming image (default: each --image + "-streaming")
  --platforms LIST          default linux/amd64,linux/arm64
  --tag TEMPLATE            a tag besides the immutable one (repeatable; replaces the default moving tags);
                            placeholders {version} {sha7} {sha} {commit_time} {branch} {declared} {major} {minor} {patch}
  --build-arg KEY=VALUE     passed only when the Dockerfile declares KEY (repeatable)
  --prerelease TEXT         MASTODON_VERSION_PRERELEASE
  --patch-report FILE|JSON  the patch step's report: its applied patch ids become the offmain.patches label
  --push                    push (and first check the registries: an existing tag with this revision is skipped)
  --mode all|platform|merge all platforms here; one platform pushed by digest; or merge the digests (default all)
  --digest IMAGE@sha256:..  merge mode: a per-platform digest (repeatable; the platform runs' "digests")
  --cache gha|registry|none default none
  --no-provenance           no provenance attestation (default: mode=max)
  --no-sbom                 no SBOM attestation (default: on)
  --sbom-generator IMAGE    the SBOM generator image (default: BuildKit's)
  --force                   rebuild and overwrite even when the immutable tag exists
  --builder NAME            the buildx builder to use
  --json                    print the outputs as one JSON object (the action's output names)`;
var options = {
  dir: { type: "string" },
  commit: { type: "string" },
  "commit-date": { type: "string" },
  repository: { type: "string" },
  "source-repository": { type: "string" },
  track: { type: "string" },
  ref: { type: "string" },
  image: { type: "string", multiple: true },
  "streaming-image": { type: "string", multiple: true },
  platforms: { type: "string" },
  tag: { type: "string", multiple: true },
  "build-arg": { type: "string", multiple: true },
  prerelease: { type: "string" },
  "patch-report": { type: "string" },
  push: { type: "boolean" },
  mode: { type: "string" },
  digest: { type: "string", multiple: true },
  cache: { type: "string" },
  "no-provenance": { type: "boolean" },
  "no-sbom": { type: "boolean" },
  "sbom-generator": { type: "string" },
  force: { type: "boolean" },
  builder: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" }
};
function choice(name, value, choices, fallback) {
  if (value === void 0) return fallback;
  if (!choices.includes(value)) throw new OffmainError(`--${name} is "${value}": expected ${choices.join(", ")}`);
  return value;
}
async function buildCommand(args, out) {
  try {
    let v;
    try {
      v = parseArgs({ args, options, allowPositionals: false, strict: true }).values;
    } catch (e) {
      throw new OffmainError(`offmain build: ${errorMessage(e)} (see offmain build --help)`);
    }
    if (v.help) {
      out.stdout(BUILD_USAGE);
      return 0;
    }
    if (!v.dir) throw new OffmainError("offmain build: --dir is required (see offmain build --help)");
    if (!v.image?.length) throw new OffmainError("offmain build: --image is required: the repository of the mastodon image, e.g. ghcr.io/owner/mastodon");
    if (v["no-sbom"] && v["sbom-generator"]) throw new OffmainError("offmain build: --no-sbom and --sbom-generator contradict each other");
    const dir = pathOption("build", "dir", v.dir, "directory");
    const source = v["source-repository"];
    const sourceRepository = source !== void 0 ? validateSourceRepository(source, "--source-repository") : runningRepository(process.env);
    const result = await build(
      {
        dir,
        commit: v.commit ?? await headOf(dir),
        commitDate: v["commit-date"],
        upstream: v.repository,
        sourceRepository,
        track: choice("track", v.track, ["main", "release"], "main"),
        branch: v.ref,
        images: v.image,
        streamingImages: v["streaming-image"],
        platforms: v.platforms,
        tags: v.tag,
        buildArgs: v["build-arg"],
        prerelease: v.prerelease,
        patchReport: v["patch-report"],
        push: Boolean(v.push),
        mode: choice("mode", v.mode, BUILD_MODES, "all"),
        digests: v.digest,
        cache: choice("cache", v.cache, CACHE_MODES, "none"),
        provenance: !v["no-provenance"],
        sbom: v["no-sbom"] ? false : v["sbom-generator"] ?? true,
        force: Boolean(v.force),
        builder: v.builder
      },
      out.log
    );
    out.stdout(v.json ? JSON.stringify(buildOutputs(result), null, 2) : buildSummaryMarkdown(result));
    return 0;
  } catch (e) {
    if (isOffmainError(e)) {
      out.log.error(e.message);
      return 1;
    }
    throw e;
  }
}

export {
  BUILD_USAGE,
  buildCommand
};

/**
 * The build step as one core call: plan the images of a (patched) Mastodon tree, ask the registries whether
 * the immutable tag already exists for this upstream revision (then build nothing), otherwise build with
 * `docker buildx`, push, and read back what the registry holds. The action and the CLI are thin adapters.
 *
 * The skip check is skip.ts; the modes (all, platform, merge) are buildx.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { OffmainError } from '../core/errors.js';
import { git } from '../core/git.js';
import type { Logger } from '../core/log.js';
import { versionOf, type Track } from '../patch/index.js';
import {
  builderDriver,
  buildxBuildArgs,
  buildxError,
  commandLine,
  docker,
  ghaCacheAvailable,
  imagetoolsCreateArgs,
  PUBLIC_BUILD_ARGS,
  runBuildxBuild,
  type BuildMode,
  type CacheMode,
} from './buildx.js';
import {
  appliedPatchIds,
  parseBuildArgs,
  parsePlatforms,
  pinnedRefs,
  planBuild,
  platformSlug,
  readBuildTree,
  validateImageName,
  type BuildPlan,
  type ImageKey,
  type ImagePlan,
} from './plan.js';
import { pushRefusalHint } from './refusal.js';
import { RegistryClient } from './registry.js';
import { skipExisting } from './skip.js';

export interface BuildOptions {
  /** The (patched) Mastodon tree. */
  dir: string;
  /** Full sha of the upstream commit the tree is at. */
  commit: string;
  /** Its committer date (ISO 8601); read from the tree's git checkout when omitted. */
  commitDate?: string;
  /** Upstream repository URL, for the `offmain.upstream.source` label; default upstream Mastodon. */
  upstream?: string;
  /**
   * The repository that runs offmain, an https URL, for the `org.opencontainers.image.source` label (ghcr.io
   * links a new package to it); default the upstream repository. The adapters pass the job's repository.
   */
  sourceRepository?: string;
  track?: Track;
  branch?: string;
  /** Repositories of the mastodon image, one per registry. */
  images: string[];
  /** Repositories of the streaming image; default each image name + `-streaming`. */
  streamingImages?: string[];
  platforms?: string | string[];
  /** Tag templates besides the immutable tag (see tags.ts). */
  tags?: string[];
  buildArgs?: Record<string, string> | string[];
  prerelease?: string;
  /** The patch step's report (JSON text, a path to it, or the object); its applied ids become a label. */
  patchReport?: string | { commit?: string; ok?: boolean; patches?: { id: string; status: string }[]; digest?: string };
  push?: boolean;
  mode?: BuildMode;
  /** Merge mode: the per-platform digests, `mastodon@sha256:...` / `REPOSITORY@sha256:...`, one per item. */
  digests?: string[];
  cache?: CacheMode;
  provenance?: boolean;
  /** SBOM attestation: true (BuildKit's default scanner), false, or a generator image. */
  sbom?: boolean | string;
  /** Rebuild and overwrite even when the immutable tag exists. */
  force?: boolean;
  /** buildx builder instance; default the current one. */
  builder?: string;
  /** Environment for docker and the registry client (DOCKER_HOST, DOCKER_CONFIG, ...). */
  env?: NodeJS.ProcessEnv;
}

export interface ImageResult {
  key: ImageKey;
  repositories: string[];
  /** The tags that point at it after this run: none in platform mode, only the immutable one when skipped. */
  tags: string[];
  /** The digest (of the index; in platform mode of this platform's image). */
  digest: string;
  /** `repository:immutable-tag@digest` for each repository (platform mode: `repository@digest`). */
  pinned: string[];
  platforms: { platform: string; digest: string; size?: number }[];
  /** `built`, `skipped` (existed with this revision), `copied` (existed elsewhere, copied), `merged`. */
  status: 'built' | 'skipped' | 'copied' | 'merged';
  seconds: number;
  steps?: number;
  cached?: number;
  metadata?: Record<string, unknown>;
}

export interface BuildResult {
  mode: BuildMode;
  push: boolean;
  /** Nothing was built or merged: every image already existed with this revision. */
  skipped: boolean;
  plan: BuildPlan;
  images: ImageResult[];
  /** `docker buildx build` invocations (0 when skipped). */
  builds: number;
  seconds: number;
  cache: CacheMode;
  warnings: string[];
}

async function commitDateOf(dir: string, commit: string): Promise<string> {
  const r = await git(['show', '-s', '--format=%cI', `${commit}^{commit}`], { cwd: dir, allowFailure: true });
  const date = r.stdout.trim();
  if (r.code !== 0 || !date) {
    throw new OffmainError(
      `the commit date of ${commit.slice(0, 7)} is unknown (${dir} is not a git checkout that has it): pass the commit date (the patch step's commit-date output, or --commit-date)`,
    );
  }
  return date;
}

/** The ids of the patches in effect, and the digest of the patch sets and diffs, from the patch step's report. */
async function patchInfo(report: BuildOptions['patchReport'], commit: string): Promise<{ ids: string[]; digest?: string }> {
  if (report === undefined || report === '') return { ids: [] };
  let r: Exclude<BuildOptions['patchReport'], string | undefined>;
  if (typeof report === 'string') {
    const text = report.trim().startsWith('{') ? report : await readFile(report, 'utf8').catch(() => {
      throw new OffmainError(`patch report "${report}" is neither JSON nor a readable file: pass the patch step's patch-report output`);
    });
    try {
      r = JSON.parse(text) as typeof r;
    } catch {
      throw new OffmainError('the patch report is not valid JSON: pass the patch step\'s patch-report output as it is');
    }
  } else r = report;
  if (r.commit && !commit.startsWith(r.commit.toLowerCase()) && !r.commit.toLowerCase().startsWith(commit)) {
    throw new OffmainError(`the patch report is for commit ${r.commit.slice(0, 7)}, not ${commit.slice(0, 7)}: pass the report of the tree being built`);
  }
  if (r.ok === false) throw new OffmainError('the patch report says the patch step failed: fix the patches before building');
  return { ids: appliedPatchIds(r), ...(typeof r.digest === 'string' && r.digest ? { digest: r.digest } : {}) };
}

/** `mastodon@sha256:...` / `REPO@sha256:...` items -> digests per image key. */
export function parseDigests(items: readonly string[], plan: BuildPlan): Map<ImageKey, string[]> {
  const out = new Map<ImageKey, string[]>();
  for (const raw of items.flatMap((i) => i.split(/[\s,]+/)).map((i) => i.trim()).filter(Boolean)) {
    const at = raw.lastIndexOf('@');
    const name = at > 0 ? raw.slice(0, at) : '';
    const digest = raw.slice(at + 1);
    if (at <= 0 || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
      throw new OffmainError(`digest "${raw}" is not IMAGE@sha256:<64 hex> (pass the digests output of each platform job)`);
    }
    const image = plan.images.find((i) => i.key === name || i.repositories.includes(name));
    if (!image) {
      throw new OffmainError(`digest "${raw}" names "${name}", which is none of ${plan.images.map((i) => i.key).join(', ')} nor their repositories`);
    }
    const list = out.get(image.key) ?? [];
    if (!list.includes(digest)) list.push(digest);
    out.set(image.key, list);
  }
  return out;
}

/** The build step. Throws an OffmainError with one clear line on any failure. */
export async function build(opts: BuildOptions, log: Logger): Promise<BuildResult> {
  const t0 = performance.now();
  const env = opts.env ?? process.env;
  const mode: BuildMode = opts.mode ?? 'all';
  const push = mode === 'merge' ? true : Boolean(opts.push);
  const dir = resolvePath(opts.dir);
  if (!existsSync(dir)) throw new OffmainError(`${dir} does not exist: point dir at the patched Mastodon tree (the patch step's path output)`);
  const commit = opts.commit.trim().toLowerCase();

  const plan = await log.group('Plan', async () => {
    const files = await readBuildTree(dir);
    if (files.dockerfile === undefined) {
      throw new OffmainError(
        `${dir}: no Dockerfile at the tree root, so there is no mastodon image to build; point dir at a patched Mastodon checkout (the patch step's path output)`,
        { file: 'Dockerfile' },
      );
    }
    // Cheap checks first, so that a wrong name or platform is what the user hears about.
    for (const n of opts.images) validateImageName(n, 'image');
    for (const n of opts.streamingImages ?? []) if (n.trim()) validateImageName(n, 'streaming image');
    parsePlatforms(opts.platforms);
    const version = await versionOf(dir, commit);
    const patched = await patchInfo(opts.patchReport, commit);
    const p = planBuild(
      {
        dir,
        commit,
        commitTime: opts.commitDate ?? (await commitDateOf(dir, commit)),
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
        patchesDigest: patched.digest,
      },
      files,
    );
    if (mode === 'platform' && p.platforms.length !== 1) {
      throw new OffmainError(
        `mode platform builds one platform per job: pass exactly one platform (got ${p.platforms.join(',')}); run one job per platform, then mode merge`,
      );
    }
    log.info(`${p.version} (${p.commit.slice(0, 7)}, ${p.commitTime}), tags ${p.tags.join(', ')}, platforms ${p.platforms.join(', ')}`);
    for (const i of p.images) {
      log.info(`${i.key}: ${i.dockerfile} -> ${i.repositories.join(', ')}; build args ${Object.keys(i.buildArgs).join(', ') || 'none'}`);
    }
    for (const w of p.warnings) log.warning(w);
    return p;
  });
  const warnings = [...plan.warnings];

  let cache: CacheMode = opts.cache ?? 'none';
  if (cache === 'gha' && !ghaCacheAvailable(env)) {
    warnings.push('cache gha needs the GitHub Actions cache service (ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL): building without a cache');
    log.warning(warnings[warnings.length - 1]!);
    cache = 'none';
  }

  const registry = new RegistryClient({ env });
  const results: ImageResult[] = [];
  const pending: ImagePlan[] = [];
  let keep = new Map<string, string[]>();

  // ---- the skip check ----------------------------------------------------------------------
  if (push) {
    const skip = await log.group('Registry check', () => skipExisting(plan, registry, { mode, force: Boolean(opts.force), builder: opts.builder, env, log }));
    results.push(...skip.done);
    pending.push(...skip.pending);
    keep = skip.keep;
  } else {
    pending.push(...plan.images);
  }

  // ---- build / merge -------------------------------------------------------------------------
  let builds = 0;
  if (pending.length) {
    const tmp = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'offmain-build-'));
    try {
      if (mode === 'merge') {
        const byKey = parseDigests(opts.digests ?? [], plan);
        for (const image of pending) {
          results.push(await log.group(`Merge ${image.key}`, () => mergeImage(image, plan, [...(byKey.get(image.key) ?? []), ...(keep.get(image.key) ?? [])], registry, opts, env, log)));
        }
      } else {
        const digestPush = mode === 'platform' && push ? ((await builderDriver(opts.builder, { env })) === 'docker' ? 'oci-layout' : 'native') : undefined;
        for (const image of pending) {
          results.push(
            await log.group(`Build ${image.key} (${plan.platforms.join(', ')})`, async () => {
              builds++;
              return buildImage(image, plan, { mode: mode as 'all' | 'platform', push, cache, digestPush, tmp, registry, opts, env, log });
            }),
          );
        }
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  // Keep the plan's image order.
  results.sort((a, b) => plan.images.findIndex((i) => i.key === a.key) - plan.images.findIndex((i) => i.key === b.key));
  return {
    mode,
    push,
    skipped: push && results.every((r) => r.status === 'skipped'),
    plan,
    images: results,
    builds,
    seconds: (performance.now() - t0) / 1000,
    cache,
    warnings,
  };
}

interface BuildImageContext {
  mode: 'all' | 'platform';
  push: boolean;
  cache: CacheMode;
  digestPush?: 'native' | 'oci-layout';
  tmp: string;
  registry: RegistryClient;
  opts: BuildOptions;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

async function buildImage(image: ImagePlan, plan: BuildPlan, c: BuildImageContext): Promise<ImageResult> {
  const slug = `${image.key}-${plan.platforms.map(platformSlug).join('_')}`;
  const metadataFile = join(c.tmp, `${slug}.metadata.json`);
  const ociLayoutDir = join(c.tmp, `${slug}.oci`);
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
    env: c.env,
  });
  // Values of build arguments the user gave may be secrets: the logged command names them only.
  const given = parseBuildArgs(c.opts.buildArgs);
  c.log.info(commandLine(args, (name) => PUBLIC_BUILD_ARGS.has(name) && !Object.hasOwn(given, name)));
  const r = await runBuildxBuild(args, metadataFile, `${image.key} (${plan.platforms.join(', ')})`, { env: c.env, log: c.log }).catch((e: unknown) => {
    if (e instanceof OffmainError && c.push) throw new OffmainError(`${e.message}${pushRefusalHint(e.message, image.repositories, c.env)}`);
    throw e;
  });
  c.log.info(`${image.key}: ${r.digest} in ${r.seconds.toFixed(1)} s, ${r.cached} of ${r.steps} steps from the cache`);

  const digests = new Map<string, string>();
  if (c.mode === 'platform') {
    if (c.push && c.digestPush === 'oci-layout') {
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
      platforms: [{ platform: plan.platforms[0]!, digest: r.digest }],
      status: 'built',
      seconds: r.seconds,
      steps: r.steps,
      cached: r.cached,
      metadata: r.metadata,
    };
  }

  let platforms: ImageResult['platforms'] = plan.platforms.map((p) => ({ platform: p, digest: '' }));
  if (c.push) {
    const d = await c.registry.describe(image.repositories[0]!, plan.imageTag, { sizes: true });
    if (!d || d.digest !== r.digest) {
      throw new OffmainError(`${image.repositories[0]}:${plan.imageTag} is not the image just built (${d?.digest ?? 'missing'} instead of ${r.digest}): was it pushed meanwhile by another job?`);
    }
    platforms = d.platforms.map((p) => ({ platform: p.platform, digest: p.digest, ...(p.size !== undefined ? { size: p.size } : {}) }));
  }
  for (const repo of image.repositories) digests.set(repo, r.digest);
  return {
    key: image.key,
    repositories: image.repositories,
    tags: image.tags,
    digest: r.digest,
    pinned: pinnedRefs(image, plan.imageTag, digests),
    platforms,
    status: 'built',
    seconds: r.seconds,
    steps: r.steps,
    cached: r.cached,
    metadata: r.metadata,
  };
}

async function mergeImage(
  image: ImagePlan,
  plan: BuildPlan,
  digests: string[],
  registry: RegistryClient,
  opts: BuildOptions,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<ImageResult> {
  const t = performance.now();
  if (digests.length === 0) {
    throw new OffmainError(`merge: no per-platform digest for ${image.key}: pass the digests output of every platform job (e.g. ${image.key}@sha256:...)`);
  }
  // Every planned platform exactly once, found in the first repository (platform jobs push to all of them).
  const found = new Map<string, string>();
  for (const d of digests) {
    const desc = await registry.describe(image.repositories[0]!, d);
    if (!desc) throw new OffmainError(`merge: ${image.repositories[0]}@${d} does not exist: did the platform job push it?`);
    for (const p of desc.platforms) {
      if (found.has(p.platform)) throw new OffmainError(`merge: ${image.key} has two digests for ${p.platform} (${found.get(p.platform)} and ${d}): pass one per platform`);
      found.set(p.platform, d);
    }
  }
  const missing = plan.platforms.filter((p) => !found.has(p));
  if (missing.length) {
    throw new OffmainError(`merge: no digest for ${missing.join(', ')} of ${image.key} (got ${[...found.keys()].join(', ')}): did every platform job run?`);
  }
  const byRepo = new Map<string, string>();
  for (const repository of image.repositories) {
    const args = imagetoolsCreateArgs({
      repository,
      tags: [plan.imageTag],
      sources: digests.map((d) => `${repository}@${d}`),
      annotations: image.annotations,
      builder: opts.builder,
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
  const first = byRepo.get(image.repositories[0]!)!;
  const d = await registry.describe(image.repositories[0]!, first, { sizes: true });
  return {
    key: image.key,
    repositories: image.repositories,
    tags: image.tags,
    digest: first,
    pinned: pinnedRefs(image, plan.imageTag, byRepo),
    platforms: (d?.platforms ?? []).map((p) => ({ platform: p.platform, digest: p.digest, ...(p.size !== undefined ? { size: p.size } : {}) })),
    status: 'merged',
    seconds: (performance.now() - t) / 1000,
  };
}

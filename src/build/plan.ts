/**
 * The build plan: which images a Mastodon tree gives, their names, tags, build arguments, labels and
 * annotations, for which platforms. Pure: the Dockerfiles come in as text (`readBuildTree` reads them),
 * so every rule here is table-tested without Docker.
 *
 *   Dockerfile             -> mastodon            (web and Sidekiq), context: the tree root
 *   streaming/Dockerfile   -> mastodon-streaming  (v4.3 and later),  context: the tree root too
 *
 * Labels and annotations: `source` is the repository that runs offmain (ghcr.io links a new package to
 * the repository this label names, and only a linked package lets that repository's token push; see
 * sourcerepo.ts), by default the upstream one; the upstream commit is `revision` (what the skip check reads),
 * `offmain.upstream.source` and `offmain.upstream.revision`, with `url` and `description` pointing at
 * upstream too; version (display version), created (the upstream commit time, so a rebuild gives the same
 * value), title, licenses, plus `offmain.patches` listing the patch ids in effect.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OffmainError } from '../core/errors.js';
import { dockerfileArgs } from './dockerfile.js';
import { isValidRepository, parseImageRef, sameRepository } from './imageref.js';
import { validateSourceRepository } from './sourcerepo.js';
import { defaultTagTemplates, renderTags, type TagContext } from './tags.js';
import { githubRepoSlug, redactUrl } from '../core/remote.js';
import { DEFAULT_REPOSITORY, isValidOciTag, type Track, type VersionInfo } from '../patch/index.js';

export const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;

export const IMAGE_KEYS = ['mastodon', 'mastodon-streaming'] as const;
export type ImageKey = (typeof IMAGE_KEYS)[number];

export const DOCKERFILES: Record<ImageKey, string> = {
  mastodon: 'Dockerfile',
  'mastodon-streaming': 'streaming/Dockerfile',
};

export const LABEL = {
  source: 'org.opencontainers.image.source',
  revision: 'org.opencontainers.image.revision',
  version: 'org.opencontainers.image.version',
  created: 'org.opencontainers.image.created',
  title: 'org.opencontainers.image.title',
  description: 'org.opencontainers.image.description',
  licenses: 'org.opencontainers.image.licenses',
  url: 'org.opencontainers.image.url',
  patches: 'offmain.patches',
  patchesDigest: 'offmain.patches.digest',
  upstreamSource: 'offmain.upstream.source',
  upstreamRevision: 'offmain.upstream.revision',
} as const;

export const MASTODON_LICENSE = 'AGPL-3.0';

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const ARCHES: Record<string, string[]> = {
  amd64: ['v1', 'v2', 'v3', 'v4'],
  arm64: ['v8'],
  arm: ['v5', 'v6', 'v7'],
  '386': [],
  ppc64le: [],
  s390x: [],
  riscv64: [],
  mips64le: [],
  loong64: [],
};

/** `linux/amd64,linux/arm64` (or a list) -> validated, without duplicates. */
export function parsePlatforms(input: string | readonly string[] | undefined): string[] {
  const items = (typeof input === 'string' ? input.split(/[\s,]+/) : [...(input ?? [])])
    .map((p) => p.trim())
    .filter(Boolean);
  const list = items.length ? items : [...DEFAULT_PLATFORMS];
  const out: string[] = [];
  for (const p of list) {
    const [os, arch, variant, ...rest] = p.split('/');
    const variants = arch !== undefined ? ARCHES[arch] : undefined;
    if (os !== 'linux' || !variants || rest.length > 0 || (variant !== undefined && !variants.includes(variant))) {
      throw new OffmainError(
        `platform "${p}" is not one offmain builds: expected linux/ARCH[/VARIANT] with ARCH one of ${Object.keys(ARCHES).join(', ')} (e.g. linux/amd64,linux/arm64)`,
      );
    }
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** `linux/arm64` -> `linux-arm64` (cache scopes, file names). */
export function platformSlug(platform: string): string {
  return platform.replace(/\//g, '-');
}

/**
 * Checks an image repository a user gave (`ghcr.io/owner/mastodon`, `owner/mastodon` for Docker Hub,
 * `localhost:5000/x`); returns it trimmed. Throws an OffmainError that says what is wrong.
 */
export function validateImageName(name: string, what = 'image'): string {
  const n = name.trim();
  const ref = parseImageRef(n);
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new OffmainError(
      `${what} "${n}" carries a ${ref.digest ? 'digest' : 'tag'}: give the repository only (e.g. ghcr.io/owner/mastodon); tags come from the tags input`,
    );
  }
  const parts = n.split('/');
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost && !isValidRepository(`${first}/x`)) {
    throw new OffmainError(
      `${what} "${n}": "${first}" is not a registry host (expected e.g. ghcr.io, docker.io or localhost:5000)`,
    );
  }
  if (n !== n.toLowerCase() && isValidRepository(n.toLowerCase())) {
    const path = hasHost ? parts.slice(1).join('/') : n;
    if (path !== path.toLowerCase()) {
      throw new OffmainError(
        `${what} "${n}" has capital letters: image repositories must be lower case (e.g. "${hasHost ? `${first}/` : ''}${path.toLowerCase()}")`,
      );
    }
  }
  if (!isValidRepository(n)) {
    throw new OffmainError(
      `${what} "${n}" is not an image repository: expected [REGISTRY/]PATH with lower-case letters, digits and . _ - separators (e.g. ghcr.io/owner/mastodon)`,
    );
  }
  return n;
}

/** `ghcr.io/owner/mastodon` -> `ghcr.io/owner/mastodon-streaming`. */
export function streamingName(repository: string): string {
  return `${repository}-streaming`;
}

function unique(names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) if (!out.some((o) => sameRepository(o, n))) out.push(n);
  return out;
}

/** `KEY=VALUE` lines (or a record) -> a record; a line without `=` is an OffmainError. */
export function parseBuildArgs(input: readonly string[] | Record<string, string> | undefined): Record<string, string> {
  if (!input) return {};
  if (!Array.isArray(input)) return { ...(input as Record<string, string>) };
  const out: Record<string, string> = {};
  for (const line of input as readonly string[]) {
    const l = line.trim();
    if (!l || l.startsWith('#')) continue;
    const eq = l.indexOf('=');
    const key = eq < 0 ? '' : l.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new OffmainError(`build argument "${l}" is not KEY=VALUE (e.g. RUBY_YJIT_ENABLE=1)`);
    }
    out[key] = l.slice(eq + 1);
  }
  return out;
}

/** The web address of the upstream repository (`offmain.upstream.source`, `org.opencontainers.image.url`). */
export function sourceUrl(repository: string): string {
  const slug = githubRepoSlug(repository);
  if (slug) return `https://github.com/${slug}`;
  return redactUrl(repository.trim()).replace(/\.git\/?$/, '').replace(/\/$/, '');
}

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

export interface BuildTreeFiles {
  /** Text of the root `Dockerfile`, undefined when there is none. */
  dockerfile?: string;
  /** Text of `streaming/Dockerfile`, undefined when there is none. */
  streamingDockerfile?: string;
}

export async function readBuildTree(dir: string): Promise<BuildTreeFiles> {
  const read = async (p: string) => (existsSync(join(dir, p)) ? readFile(join(dir, p), 'utf8') : undefined);
  return { dockerfile: await read(DOCKERFILES.mastodon), streamingDockerfile: await read(DOCKERFILES['mastodon-streaming']) };
}

export interface PlanInput {
  /** The tree, only for messages. */
  dir: string;
  /** Full upstream commit sha. */
  commit: string;
  /** The upstream commit's committer time, ISO 8601. */
  commitTime: string;
  version: Pick<VersionInfo, 'display' | 'imageTag'> & {
    declared: { text: string; major: number; minor: number; patch: number; shape?: string };
  };
  /** Upstream repository URL (labels `offmain.upstream.source`, `url`); default upstream Mastodon. */
  upstream?: string;
  /**
   * The repository that runs offmain, an https URL (label `org.opencontainers.image.source`, which links a
   * ghcr.io package to it); default the upstream repository.
   */
  sourceRepository?: string;
  track?: Track;
  /** The upstream branch, for `{branch}`; default `main`, or `stable-X.Y` for a release. */
  branch?: string;
  /** Repositories of the `mastodon` image (one per registry). */
  images: readonly string[];
  /** Repositories of the streaming image; default: each of `images` with `-streaming`. */
  streamingImages?: readonly string[];
  platforms?: string | readonly string[];
  /** Tag templates besides the immutable tag; default `edge` (main) or `latest`, `v{major}.{minor}` (release). */
  tags?: readonly string[];
  /** Extra build arguments; passed only when the Dockerfile declares them. */
  buildArgs?: Record<string, string>;
  /** MASTODON_VERSION_PRERELEASE, only when asked. */
  prerelease?: string;
  /** Ids of the patches in effect (applied or already applied). */
  patches?: readonly string[];
  /** The patch step's `digest` of the patch sets and diffs (label `offmain.patches.digest`). */
  patchesDigest?: string;
}

export interface ImagePlan {
  key: ImageKey;
  /** Relative to the tree: `Dockerfile` or `streaming/Dockerfile`. */
  dockerfile: string;
  /** Relative to the tree: always the root. */
  context: '.';
  repositories: string[];
  /** Tag names, the immutable one first. */
  tags: string[];
  /** Every `repository:tag`. */
  refs: string[];
  buildArgs: Record<string, string>;
  /** Build arguments asked for that this Dockerfile does not declare (not passed). */
  skippedArgs: string[];
  labels: Record<string, string>;
  /** The same keys, set on every platform manifest and on the index. */
  annotations: Record<string, string>;
}

export interface BuildPlan {
  commit: string;
  shortSha: string;
  commitTime: string;
  version: string;
  imageTag: string;
  track: Track;
  branch: string;
  /** The upstream repository's web address. */
  upstream: string;
  /** The `org.opencontainers.image.source` label: the repository that runs offmain (default: upstream). */
  sourceRepository: string;
  platforms: string[];
  /** Every tag, the immutable one first. */
  tags: string[];
  patches: string[];
  images: ImagePlan[];
  warnings: string[];
}

function argsFor(
  declared: Map<string, string | undefined>,
  input: PlanInput,
): { args: Record<string, string>; skipped: string[] } {
  const sha = input.commit;
  const wanted: Record<string, string> = {};
  wanted.MASTODON_VERSION_METADATA = sha.slice(0, 7);
  if (input.version.declared.shape === 'env-suffix') wanted.MASTODON_VERSION_SUFFIX = `+${sha.slice(0, 7)}`;
  wanted.SOURCE_COMMIT = sha;
  const asked: Record<string, string> = { ...(input.buildArgs ?? {}) };
  if (input.prerelease !== undefined) asked.MASTODON_VERSION_PRERELEASE = input.prerelease;
  const args: Record<string, string> = {};
  const skipped: string[] = [];
  for (const [k, v] of Object.entries(wanted)) if (declared.has(k)) args[k] = v;
  for (const [k, v] of Object.entries(asked)) {
    if (declared.has(k)) args[k] = v;
    else skipped.push(k);
  }
  return { args, skipped };
}

/** Builds the plan; throws an OffmainError for any bad input, naming it. */
export function planBuild(input: PlanInput, files: BuildTreeFiles): BuildPlan {
  const sha = input.commit.trim().toLowerCase();
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) {
    throw new OffmainError(`commit "${input.commit}" is not a full sha: pass all 40 hexadecimal characters of the upstream commit`);
  }
  if (files.dockerfile === undefined) {
    throw new OffmainError(
      `${input.dir}: no Dockerfile at the tree root, so there is no mastodon image to build; point dir at a patched Mastodon checkout (the patch step's path output)`,
      { file: 'Dockerfile' },
    );
  }
  if (!isValidOciTag(input.version.imageTag)) {
    throw new OffmainError(`image tag "${input.version.imageTag}" is not a valid OCI tag`);
  }
  const platforms = parsePlatforms(input.platforms);
  const track: Track = input.track ?? 'main';
  const declared = input.version.declared;
  const branch = input.branch?.trim() || (track === 'main' ? 'main' : `stable-${declared.major}.${declared.minor}`);
  const warnings: string[] = [];

  if (input.images.length === 0) {
    throw new OffmainError('no image name given: pass at least one repository for the mastodon image (e.g. ghcr.io/owner/mastodon)');
  }
  const images = unique(input.images.map((n) => validateImageName(n, 'image')));
  const streamingGiven = (input.streamingImages ?? []).filter((n) => n.trim());
  const streamingImages = unique(
    streamingGiven.length ? streamingGiven.map((n) => validateImageName(n, 'streaming image')) : images.map(streamingName),
  );
  for (const s of streamingImages) {
    if (images.some((i) => sameRepository(i, s))) {
      throw new OffmainError(`streaming image "${s}" is also a mastodon image name: give the streaming image its own repository`);
    }
  }

  const ctx: TagContext = {
    version: input.version.imageTag,
    declared: declared.text,
    major: declared.major,
    minor: declared.minor,
    patch: declared.patch,
    sha,
    commitTime: input.commitTime,
    branch,
  };
  const tags = renderTags([input.version.imageTag, ...(input.tags ?? defaultTagTemplates(track))], ctx);

  const created = new Date(Date.parse(input.commitTime)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const upstream = sourceUrl(input.upstream ?? DEFAULT_REPOSITORY);
  const source = input.sourceRepository?.trim() ? validateSourceRepository(input.sourceRepository) : upstream;
  const patches = [...new Set(input.patches ?? [])];

  const plans: ImagePlan[] = [];
  const entries: [ImageKey, string | undefined, string[]][] = [
    ['mastodon', files.dockerfile, images],
    ['mastodon-streaming', files.streamingDockerfile, streamingImages],
  ];
  for (const [key, text, repositories] of entries) {
    if (text === undefined) {
      if (key === 'mastodon-streaming' && streamingGiven.length) {
        warnings.push(`streaming images were given but ${DOCKERFILES[key]} does not exist (Mastodon has a separate streaming image from v4.3 on): not built`);
      }
      continue;
    }
    const { args, skipped } = argsFor(dockerfileArgs(text), input);
    for (const k of skipped) {
      warnings.push(`build argument ${k} is not declared by ${DOCKERFILES[key]}: not passed to the ${key} image`);
    }
    const labels: Record<string, string> = {
      [LABEL.source]: source,
      [LABEL.url]: upstream,
      [LABEL.revision]: sha,
      [LABEL.upstreamSource]: upstream,
      [LABEL.upstreamRevision]: sha,
      [LABEL.version]: input.version.display,
      [LABEL.created]: created,
      [LABEL.title]: key,
      [LABEL.description]:
        key === 'mastodon'
          ? `Mastodon ${input.version.display} (web and Sidekiq), built by offmain from ${upstream} at ${sha.slice(0, 7)}`
          : `Mastodon ${input.version.display} streaming server, built by offmain from ${upstream} at ${sha.slice(0, 7)}`,
      [LABEL.licenses]: MASTODON_LICENSE,
      [LABEL.patches]: patches.join(','),
      ...(input.patchesDigest ? { [LABEL.patchesDigest]: input.patchesDigest } : {}),
    };
    plans.push({
      key,
      dockerfile: DOCKERFILES[key],
      context: '.',
      repositories,
      tags,
      refs: repositories.flatMap((r) => tags.map((t) => `${r}:${t}`)),
      buildArgs: args,
      skippedArgs: skipped,
      labels,
      annotations: { ...labels },
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
    warnings,
  };
}

/** The patch ids in effect in a patch report (applied or already applied). */
export function appliedPatchIds(report: { patches?: { id: string; status: string }[] } | undefined): string[] {
  return (report?.patches ?? []).filter((p) => p.status === 'applied' || p.status === 'already-applied').map((p) => p.id);
}

/** `repository:tag@digest` for each repository of an image. */
export function pinnedRefs(image: ImagePlan, tag: string, digestByRepo: Map<string, string>): string[] {
  return image.repositories.map((r) => `${r}:${tag}@${digestByRepo.get(r)}`);
}

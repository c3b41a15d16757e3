/**
 * The skip check: before anything is built, every repository of each image is asked whether the immutable
 * tag exists, and for which upstream revision and patches.
 *
 *   same revision and patches in every repository    -> nothing is built (`skipped`); a planned platform
 *                                                       the index lacks is built and joined to it
 *   same revision in some repositories only          -> copied to the others from one that has it (`copied`),
 *                                                       still without building (platform mode builds instead)
 *   another revision, or this revision with other patches -> refused unless `force`: an immutable tag is
 *                                                       never silently overwritten
 *   nowhere                                          -> built
 *
 * A read refused with 403 counts as "not there": ghcr.io answers so for a package that does not exist yet,
 * but also for a token that is not valid, and only a push tells the two apart. So such a repository's push
 * access is checked at once (a refusal fails the step here, with what to do), and its tag read again with
 * the push token. Before anything is built or copied, every repository it will push to is checked the same
 * way: a refused push fails in seconds, not after the build.
 */
import { OffmainError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { buildxError, docker, imagetoolsCreateArgs, type BuildMode } from './buildx.js';
import { LABEL, pinnedRefs, type BuildPlan, type ImagePlan } from './plan.js';
import { pushRefusalHint } from './refusal.js';
import type { ImageDescription, RegistryClient } from './registry.js';
import type { ImageResult } from './step.js';

type Existing = {
  repository: string;
  /** `other`: another upstream revision; `repatched`: this revision with other patches. */
  state: 'same' | 'missing' | 'other' | 'repatched';
  description?: ImageDescription;
  revision?: string;
  patches?: string;
  /** Missing, as far as offmain may see: its reads are refused (why), even with the push token. */
  unreadable?: string;
  /** Its first read was refused (why); the push token then read it. */
  refused?: string;
};

/** What one repository holds under a tag: the image, and the upstream revision and patches it was built from. */
export interface TagContent {
  description: ImageDescription;
  revision?: string;
  /** The patch ids in effect (comma-separated) and the digest of their texts. */
  patches?: string;
  patchesDigest?: string;
}

/** One repository's image under a tag (index annotations, else the image config's labels), or undefined. */
export async function describeTag(registry: RegistryClient, repository: string, tag: string): Promise<TagContent | undefined> {
  const d = await registry.describe(repository, tag);
  if (!d) return undefined;
  let about: Record<string, string> = d.annotations;
  if (!about[LABEL.revision]) about = (await registry.describe(repository, tag, { labels: true }))?.labels ?? {};
  return { description: d, revision: about[LABEL.revision], patches: about[LABEL.patches], patchesDigest: about[LABEL.patchesDigest] };
}

/**
 * Asks every repository of an image whether its immutable tag exists, for which revision and patches. A
 * repository whose read is refused (403) has its push access checked first (see the module comment).
 */
export async function checkExisting(registry: RegistryClient, image: ImagePlan, plan: BuildPlan): Promise<Existing[]> {
  const wantPatches = image.labels[LABEL.patchesDigest];
  return Promise.all(
    image.repositories.map(async (repository): Promise<Existing> => {
      let t = await describeTag(registry, repository, plan.imageTag);
      const refused = t ? undefined : registry.unreadable(repository);
      let unreadable: string | undefined;
      if (refused) {
        await registry.checkPush(repository);
        t = await describeTag(registry, repository, plan.imageTag);
        unreadable = t ? undefined : registry.unreadable(repository);
      }
      if (!t) return { repository, state: 'missing', ...(unreadable ? { unreadable } : refused ? { refused } : {}) };
      const { revision, patchesDigest: digest } = t;
      const state = revision !== plan.commit ? 'other' : wantPatches && digest && digest !== wantPatches ? 'repatched' : 'same';
      return { repository, state, description: t.description, revision, patches: t.patches };
    }),
  );
}

export interface SkipContext {
  mode: BuildMode;
  force: boolean;
  builder?: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

/** Images that need no build (skipped or copied), and those that must be built. Throws when a tag may not be overwritten. */
export async function skipExisting(
  plan: BuildPlan,
  registry: RegistryClient,
  ctx: SkipContext,
): Promise<{ done: ImageResult[]; pending: ImagePlan[]; keep: Map<string, string[]> }> {
  const { log } = ctx;
  const done: ImageResult[] = [];
  const pending: ImagePlan[] = [];
  /** Merge mode: per image, the index whose platforms the new ones join (the platforms input grew). */
  const keep = new Map<string, string[]>();
  const checks = await Promise.all(plan.images.map(async (image) => ({ image, existing: await checkExisting(registry, image, plan) })));
  for (const { image, existing } of checks) {
    const other = existing.filter((e) => e.state === 'other');
    if (other.length && !ctx.force) {
      const o = other[0]!;
      throw new OffmainError(
        `${o.repository}:${plan.imageTag} already exists with upstream revision ${o.revision ? o.revision.slice(0, 12) : '(none)'}, not ${plan.commit.slice(0, 12)}: an immutable tag is never overwritten; remove it or pass force to rebuild it`,
      );
    }
    const repatched = existing.filter((e) => e.state === 'repatched');
    if (repatched.length && !ctx.force) {
      const o = repatched[0]!;
      throw new OffmainError(
        `${o.repository}:${plan.imageTag} already exists for this upstream commit but was built with other patches (${o.patches || 'none'}; now: ${image.labels[LABEL.patches] || 'none'}, or their text changed): an immutable tag is never overwritten silently; pass force to rebuild it with the new patches, or let the next upstream commit carry them`,
      );
    }
    const same = existing.filter((e) => e.state === 'same');
    for (const e of existing) {
      if (e.unreadable) {
        log.warning(
          `${e.repository}:${plan.imageTag}: not readable (${e.unreadable}), though this account may push there: taken as not there yet; offmain cannot see whether the tag exists, and a push replaces it`,
        );
        continue;
      }
      log.info(`${e.repository}:${plan.imageTag}: ${e.state === 'same' ? `exists (${e.description!.digest}), revision ${plan.commit.slice(0, 7)}` : e.state === 'missing' ? `not there yet${e.refused ? ` (a read was refused, ${e.refused}; this account may push there)` : ''}` : e.state === 'repatched' ? 'exists with other patches; force: rebuilding' : `exists with revision ${e.revision ?? '(none)'}; force: rebuilding`}`);
    }
    if (ctx.force || same.length === 0) {
      pending.push(image);
      continue;
    }
    const source = same[0]!;
    // This revision's index lacks a planned platform (the platforms input grew): only that platform is
    // built (platform mode), and the merge joins it to the platforms the index has.
    const have = source.description!.platforms.map((p) => p.platform);
    const lacking = plan.platforms.filter((p) => !have.includes(p));
    if (lacking.length && same.length === existing.length && !have.includes('unknown')) {
      log.info(`${source.repository}:${plan.imageTag} lacks ${lacking.join(', ')}: building ${ctx.mode === 'merge' ? 'the index again with it' : 'it'}`);
      if (ctx.mode === 'merge') keep.set(image.key, [source.description!.digest]);
      pending.push(image);
      continue;
    }
    const digests = new Map(same.map((e) => [e.repository, e.description!.digest]));
    const missing = existing.filter((e) => e.state === 'missing');
    let status: ImageResult['status'] = 'skipped';
    const t = performance.now();
    if (missing.length && ctx.mode !== 'platform') {
      status = 'copied';
      await Promise.all(missing.map((m) => registry.checkPush(m.repository)));
      for (const m of missing) {
        // One tag per imagetools call (it pushes several tags concurrently, and a tag can then land
        // before the manifests it lists); the moving tags are then set on the same bytes.
        const args = imagetoolsCreateArgs({
          repository: m.repository,
          tags: [plan.imageTag],
          sources: [`${source.repository}@${source.description!.digest}`],
          annotations: {},
          builder: ctx.builder,
        });
        log.info(`copying ${source.repository}@${source.description!.digest} to ${m.repository} (${image.tags.join(', ')})`);
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
      tags: status === 'copied' ? image.tags : [plan.imageTag],
      digest: source.description!.digest,
      pinned: pinnedRefs(image, plan.imageTag, digests),
      platforms: source.description!.platforms.map((p) => ({ platform: p.platform, digest: p.digest })),
      status,
      seconds: (performance.now() - t) / 1000,
    });
  }
  // Every repository a build or merge will push to: a refused push fails now, not after the build.
  await Promise.all([...new Set(pending.flatMap((i) => i.repositories))].map((r) => registry.checkPush(r)));
  return { done, pending, keep };
}

/**
 * The decision a scheduled run starts with, made as cheaply as git and the registries allow, so that a run
 * where nothing moved is one short job:
 *
 *   upstream commit   `git ls-remote` (or the pinned commit); the tag is the one the config repository runs
 *                     when that is this commit's, else one commit's trees, blobless, give
 *                     lib/mastodon/version.rb (one blob) and whether streaming/Dockerfile exists
 *   each image        in every registry: the tag with this revision and these patches (the skip check of
 *                     the build step, src/build), and which platforms its index holds
 *   the config repo   a depth-1 clone (deploy/configrepo.ts, the deploy's own) and a dry-run bump to the
 *                     pinned references, with the deploy's adoption: does it run them already
 *
 * The upstream ls-remote and the config clone run side by side, and so do the registry questions.
 * `offmain run` makes the same decision first (`decideForRun`): it hands in its own config clone (the deploy
 * then bumps that one) and never fetches upstream here, so a run with nothing new fetches no upstream tree.
 *
 * It answers which platforms still need a build, whether a merge (or a copy to a registry that lacks the
 * image) is needed, and whether a deploy is: nothing of it when nothing moved.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OffmainError } from '../core/errors.js';
import { git } from '../core/git.js';
import type { Logger } from '../core/log.js';
import { gitRemote, parseLsRemote, redactText } from '../core/remote.js';
import { describeTag, parseImageRef, parsePlatforms, RegistryClient, streamingName, type TagContent } from '../build/index.js';
import { adoptedKind, bump, ConfigCheckout, configRemote, parseSetArg, type BumpChange } from '../deploy/index.js';
import { DEFAULT_REPOSITORY, parseImageTag, patchesDigest, stableTags, versionOf, type Track } from '../patch/index.js';
import { gateBeforePatch, type GateBeforePatchOptions, type GateResult } from './gate.js';

export interface DecideOptions {
  upstream?: string;
  track?: Track;
  ref?: string;
  /** A pinned upstream commit (full sha); else the head of `ref` (track main) or the newest stable tag. */
  commit?: string;
  upstreamToken?: string;
  patchSets: readonly string[];
  patches?: readonly string[];
  /** Where relative patch-set and diff paths are (the calling repository). */
  baseDir?: string;
  images: readonly string[];
  streamingImages?: readonly string[];
  platforms?: string;
  /**
   * The config repository. `tokenForGitHubOnly`: the token goes to the GitHub server only (GITHUB_SERVER_URL),
   * never to a config repository on another host, as action-deploy does with the same token.
   */
  config?: { repository: string; branch?: string; path?: string; token?: string; tokenForGitHubOnly?: boolean };
  /**
   * The deploy's adoption (`REPOSITORY[=TARGET]`, deploy/bump.ts BumpOptions.adopt): references to upstream's
   * images then mean the config repository does not run these yet (a deploy), not that it cannot be asked.
   */
  adopt?: readonly string[];
  /** The config repository already being cloned (the run's clone, which its deploy reuses); kept, not removed. */
  checkout?: Promise<ConfigCheckout>;
  /**
   * The upstream checks gate, as the patch step runs it (tracking main, no commit pinned): the decision is made
   * for the commit the gate lets through, which the later jobs are then given.
   */
  gate?: Pick<GateBeforePatchOptions, 'checks' | 'requiredChecks' | 'checksApps' | 'minAge' | 'checksRepository' | 'apiUrl' | 'now'>;
  env?: NodeJS.ProcessEnv;
  log: Logger;
}

export interface RepositoryState {
  repository: string;
  /** `same`: this revision and patches; `other`/`repatched`: an immutable tag holding something else. */
  state: 'same' | 'missing' | 'other' | 'repatched';
  digest?: string;
  platforms: string[];
  /** Missing because its read was refused (why): ghcr.io's answer for a package that does not exist yet. */
  unreadable?: string;
}

export interface Decision {
  commit: string;
  /** The commit is the tracked branch's head (not pinned). */
  head: boolean;
  /** The upstream branch it is tracked on: `ref` (track main), else the release's `stable-X.Y`. */
  ref: string;
  version: string;
  imageTag: string;
  images: { key: string; repositories: RepositoryState[] }[];
  /** Platforms that still need a build (empty: none). */
  platforms: string[];
  /** A merge is needed: a new build, or an image missing from some registry (copied, not rebuilt). */
  merge: boolean;
  /** The config repository does not run these images yet (or could not be asked). */
  deploy: boolean;
  /** `REPOSITORY:TAG@DIGEST` of every repository, when every image is everywhere. */
  pinned: string[];
  /** Whether the config repository already runs them (undefined: not asked). */
  configRuns?: boolean;
  /** One line for the run's summary. */
  line: string;
  /** The checks gate's choice and its summary section, when it ran. */
  gate?: GateResult;
  gateMarkdown?: string;
  seconds: number;
}

const VERSION_FILE = 'lib/mastodon/version.rb';

/** The upstream commit: pinned, the branch head, or the newest stable release tag. */
async function upstreamCommit(
  opts: DecideOptions,
  env: NodeJS.ProcessEnv,
): Promise<{ sha: string; head: boolean; gated?: Awaited<ReturnType<typeof gateBeforePatch>> }> {
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
    log: opts.log,
  });
  if (gated) return { sha: gated.chosen.sha, head: gated.chosen.sha === gated.result.head.sha, gated };
  const remote = gitRemote(opts.upstream ?? DEFAULT_REPOSITORY, opts.upstreamToken);
  const track = opts.track ?? 'main';
  const ref = opts.ref || 'main';
  const args = track === 'main' ? ['ls-remote', '--', remote.fetchUrl, `refs/heads/${ref}`] : ['ls-remote', '--tags', '--', remote.fetchUrl];
  const r = await git(args, { env: { ...env, ...remote.env }, allowFailure: true });
  if (r.code !== 0) {
    throw new OffmainError(`cannot read the git repository ${remote.display} (${redactText(r.stderr.trim().split('\n').pop() ?? '', remote.secrets)}): check the URL, and the token if it is private`);
  }
  const refs = parseLsRemote(r.stdout);
  if (track === 'main') {
    const hit = refs.find((x) => x.ref === `refs/heads/${ref}`);
    if (!hit) throw new OffmainError(`${remote.display} has no branch ${ref}: check the ref input`);
    return { sha: hit.sha, head: true };
  }
  // The newest stable vX.Y.Z (peeled), by the patch step's own rule.
  const newest = stableTags(refs)[0];
  if (!newest) throw new OffmainError(`${remote.display} has no stable vX.Y.Z tag to follow with track release`);
  return { sha: newest.sha, head: true };
}

/** One commit's trees (no blobs), then its version.rb: the tag, and whether there is a streaming image. */
async function upstreamTree(opts: DecideOptions, sha: string, env: NodeJS.ProcessEnv, dir: string) {
  const remote = gitRemote(opts.upstream ?? DEFAULT_REPOSITORY, opts.upstreamToken);
  const genv = { ...env, ...remote.env };
  const bare = join(dir, 'upstream.git');
  await git(['init', '--quiet', '--bare', bare], { env: genv });
  await git(['remote', 'add', 'origin', remote.fetchUrl], { cwd: bare, env: genv });
  const f = await git(['fetch', '--quiet', '--no-tags', '--depth=1', '--filter=blob:none', 'origin', sha], { cwd: bare, env: genv, allowFailure: true });
  if (f.code !== 0) throw new OffmainError(`cannot fetch ${sha.slice(0, 12)} from ${remote.display} (${redactText(f.stderr.trim().split('\n').pop() ?? '', remote.secrets)})`);
  // Upstream's version.rb is a few hundred bytes: read at most 64 KiB of it (the version reader's own bound).
  const v = await git(['cat-file', 'blob', `${sha}:${VERSION_FILE}`], { cwd: bare, env: genv, allowFailure: true, maxStdout: 64 * 1024 });
  if (v.overflow) throw new OffmainError(`${remote.display} ${sha.slice(0, 12)}: ${VERSION_FILE} is larger than the 64 KiB offmain reads: it is not a Mastodon version file`);
  if (v.code !== 0) throw new OffmainError(`${remote.display} ${sha.slice(0, 12)} has no ${VERSION_FILE}: it is not a Mastodon tree`);
  const tree = join(dir, 'tree');
  await mkdir(join(tree, 'lib/mastodon'), { recursive: true });
  await writeFile(join(tree, VERSION_FILE), v.stdout);
  // ls-tree reads the tree only: no lazy fetch of the blob.
  const streaming = (await git(['ls-tree', '--name-only', sha, '--', 'streaming/Dockerfile'], { cwd: bare, env: genv, allowFailure: true })).stdout.trim() !== '';
  return { version: await versionOf(tree, sha), streaming };
}

/** A single-platform image (no index): its platform, from the image config. */
async function platformOf(registry: RegistryClient, repository: string, digest: string): Promise<string> {
  const m = await registry.manifest(repository, digest);
  if (!m?.json.config) return 'unknown';
  let c: { os?: unknown; architecture?: unknown; variant?: unknown };
  try {
    c = JSON.parse((await registry.blob(repository, m.json.config.digest)).toString('utf8')) as typeof c;
  } catch {
    return 'unknown'; // a config blob that is not JSON: its text (the registry's) is never quoted
  }
  const parts = [c.os, c.architecture, c.variant].filter((x): x is string => typeof x === 'string' && /^[a-z0-9]+$/.test(x));
  return parts.length >= 2 ? parts.join('/') : 'unknown';
}

/**
 * The state of one repository's tag against this commit and these patches. A read refused with 403 is
 * "missing" (ghcr.io answers so for a package that does not exist yet): the build then checks its push
 * access before it builds, and a refused push fails there, with what to do.
 */
async function repositoryState(opts: DecideOptions, registry: RegistryClient, repository: string, tag: string, sha: string): Promise<RepositoryState> {
  const t: TagContent | undefined = await describeTag(registry, repository, tag);
  if (!t) {
    const unreadable = registry.unreadable(repository);
    return { repository, state: 'missing', platforms: [], ...(unreadable ? { unreadable } : {}) };
  }
  const platforms = await Promise.all(t.description.platforms.map((p) => (p.platform === 'unknown' ? platformOf(registry, repository, p.digest) : p.platform)));
  if (t.revision !== sha) return { repository, state: 'other', digest: t.description.digest, platforms };
  if (t.patchesDigest) {
    // The digest covers the patch texts and the ids in effect; for one commit and the same texts the ids in
    // effect are the same, so the image's own list stands in for them without applying anything.
    const inEffect = (t.patches ?? '').split(',').filter(Boolean);
    const want = await patchesDigest(opts.patchSets, opts.patches ?? [], opts.baseDir, inEffect);
    if (want !== t.patchesDigest) return { repository, state: 'repatched', digest: t.description.digest, platforms };
  }
  return { repository, state: 'same', digest: t.description.digest, platforms };
}

/** A depth-1 clone of the config repository, the deploy's own way (configrepo.ts). */
function cloneConfig(opts: DecideOptions, env: NodeJS.ProcessEnv, dir: string): Promise<ConfigCheckout> {
  const c = opts.config!;
  const remote = configRemote(c.repository, { token: c.token, serverUrl: env.GITHUB_SERVER_URL, tokenForGitHubOnly: c.tokenForGitHubOnly });
  return ConfigCheckout.clone({ remote, dir: join(dir, 'config'), branch: c.branch?.trim() || undefined });
}

/** The tag the config repository runs for the mastodon image, when it is this commit's (no tree fetch needed then). */
async function deployedTag(configDir: string, repository: string, sha: string): Promise<string | undefined> {
  try {
    const r = await bump({ dir: configDir, targets: [{ repository, tag: `0.0.0_${sha.slice(0, 7)}` }], dryRun: true, allowDowngrade: true });
    const tag = Object.values(r.previous)[0]?.tag;
    return tag && parseImageTag(tag)?.shortSha === sha.slice(0, 7) ? tag : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The adoption as the deploy will make it, each repository pinned (`FROM=TO`) to the first registry of the image
 * of its kind: the decision asks every registry's copy, of which the deploy job is given one.
 */
function adoptionFor(adopt: readonly string[] | undefined, images: { key: string; repositories: RepositoryState[] }[]): string[] | undefined {
  if (!adopt?.length) return undefined;
  return adopt.map((a) => {
    if (a.includes('=')) return a;
    const key = adoptedKind(a) === 'streaming' ? 'mastodon-streaming' : 'mastodon';
    const to = images.find((i) => i.key === key)?.repositories[0]?.repository;
    return to ? `${a}=${to}` : a;
  });
}

/** A tag the config repository pins by digest that now names another digest in the registry. */
class MovedTagError extends OffmainError {}

/** `tag` and `digest` of a reference as the bump reports it (`tag[@digest]`, or a whole `repo:tag@digest`). */
function tagAndDigest(ref: string): { tag?: string; digest?: string } {
  const r = parseImageRef(ref);
  // A split layout's `tag[@digest]` parses as a repository named like the tag.
  const tag = r.tag ?? (r.repository.includes('/') ? undefined : r.repository || undefined);
  return { ...(tag ? { tag } : {}), ...(r.digest !== undefined ? { digest: r.digest } : {}) };
}

/**
 * The registry's copy of a tag the config repository already pins, with another digest: the tag moved after
 * offmain pushed and deployed it (whoever can push to that registry repository could run code in the
 * cluster). The digest in the config repository is the record of what offmain built; it is never re-pinned
 * to what the tag names now: the run stops, naming both.
 */
function movedTag(changes: readonly BumpChange[]): MovedTagError | undefined {
  for (const c of changes) {
    const was = tagAndDigest(c.old);
    const now = tagAndDigest(c.new);
    if (was.tag && was.tag === now.tag && was.digest && now.digest && was.digest !== now.digest) {
      return new MovedTagError(
        `${c.repository}:${was.tag} names ${now.digest} in the registry, but ${c.file}:${c.line} pins ${was.digest}, what offmain pushed and ` +
          'deployed: the tag moved after offmain pushed it, and nothing is re-pinned to it. Find out who pushed the new digest (anyone who can ' +
          'push to that repository can run code in your cluster), then restore the tag to the pinned digest or delete it',
      );
    }
  }
  return undefined;
}

/** The decision; throws when a tag holds another revision or other patches (it is never overwritten). */
export async function decide(opts: DecideOptions): Promise<Decision> {
  return (await decideWith(opts, true))!;
}

/**
 * The decision as `offmain run` makes it first: without any upstream fetch. `undefined` when it cannot be
 * made that way (the config repository runs another build, a tag holds something else): the run then goes
 * the whole way, and the build says what it finds.
 */
export function decideForRun(opts: DecideOptions): Promise<Decision | undefined> {
  return decideWith(opts, false);
}

async function decideWith(opts: DecideOptions, standalone: boolean): Promise<Decision | undefined> {
  const started = performance.now();
  const env = opts.env ?? process.env;
  const { log } = opts;
  const platforms = parsePlatforms(opts.platforms ?? 'linux/amd64,linux/arm64');
  const dir = await mkdtemp(join(tmpdir(), 'offmain-decide-'));
  // The config clone and the upstream ls-remote run side by side; the config's tag spares the tree fetch.
  let config: Promise<{ co: ConfigCheckout } | { error: Error }> | undefined;
  try {
    const cloning = opts.checkout ?? (opts.config ? cloneConfig(opts, env, dir) : undefined);
    config = cloning?.then((co) => ({ co }), (error: Error) => ({ error }));
    const { sha, head, gated } = await upstreamCommit(opts, env);
    const cloned = await config;
    const sub = opts.config?.path?.trim();
    const configDir = cloned && 'co' in cloned ? (sub ? join(cloned.co.dir, sub) : cloned.co.dir) : undefined;
    const registry = new RegistryClient({ env });
    const streamingRepos = opts.streamingImages?.some((s) => s.trim()) ? opts.streamingImages.filter((s) => s.trim()) : opts.images.map(streamingName);
    const check = (repos: readonly string[], tag: string) => Promise.all(repos.map((r) => repositoryState(opts, registry, r, tag, sha)));

    let tag = configDir ? await deployedTag(configDir, opts.images[0]!, sha) : undefined;
    let display = tag ? parseImageTag(tag)!.display : '';
    let images: { key: string; repositories: RepositoryState[] }[] | undefined;
    if (tag) {
      const [m, st] = await Promise.all([check(opts.images, tag), check(streamingRepos, tag)]);
      // A streaming image nowhere: the tree says whether there should be one.
      if (st.some((r) => r.state !== 'missing')) images = [{ key: 'mastodon', repositories: m }, { key: 'mastodon-streaming', repositories: st }];
    }
    if (!images) {
      if (!standalone) return undefined;
      const { version, streaming } = await upstreamTree(opts, sha, env, dir);
      tag = version.imageTag;
      display = version.display;
      const [m, st] = await Promise.all([check(opts.images, tag), streaming ? check(streamingRepos, tag) : Promise.resolve([])]);
      images = [{ key: 'mastodon', repositories: m }, ...(streaming ? [{ key: 'mastodon-streaming', repositories: st }] : [])];
    }
    const legs = new Set<string>();
    let merge = false;
    for (const image of images) {
      const bad = image.repositories.find((r) => r.state === 'other' || r.state === 'repatched');
      if (bad) {
        if (!standalone) return undefined;
        throw new OffmainError(
          `${bad.repository}:${tag} already exists with ${bad.state === 'other' ? 'another upstream revision' : 'other patches'}: an immutable tag is never overwritten; remove it, or run the build with force`,
        );
      }
      const same = image.repositories.filter((r) => r.state === 'same');
      if (same.length === 0) for (const p of platforms) legs.add(p);
      else for (const p of platforms) if (!same[0]!.platforms.includes(p)) legs.add(p);
      if (same.length < image.repositories.length || legs.size) merge = true;
      for (const r of image.repositories) {
        const missing = r.unreadable ? `missing (not readable, ${r.unreadable}: taken as not built yet; the build checks the push access)` : 'missing';
        log.info(`${r.repository}:${tag}: ${r.state === 'same' ? `there (${r.platforms.join(', ')})` : missing}`);
      }
    }
    const everywhere = !merge && legs.size === 0;
    const pinned = everywhere ? images.flatMap((i) => i.repositories.map((r) => `${r.repository}:${tag}@${r.digest}`)) : [];
    let runs: boolean | undefined;
    if (everywhere && cloned) {
      try {
        if ('error' in cloned) throw cloned.error;
        const targets = pinned.map(parseSetArg);
        const asked = await bump({ dir: configDir!, targets, adopt: adoptionFor(opts.adopt, images), dryRun: true, allowDowngrade: true });
        const moved = movedTag(asked.changes);
        if (moved) throw moved;
        runs = !asked.changed;
      } catch (e) {
        if (e instanceof MovedTagError) throw e;
        // The deploy job says what is wrong with the config repository, with its own words.
        log.warning(`the config repository could not be asked (${(e as Error).message}): deploying`);
        runs = false;
      }
    }
    const deploy = Boolean(opts.config) && runs !== true;
    const short = sha.slice(0, 7);
    const line =
      everywhere && !deploy
        ? `nothing new since ${display} (${short})${head ? ', lag 0 h' : ''}: every image is in every registry${opts.config ? ' and the config repository runs it' : ''}`
        : [
            legs.size ? `build ${[...legs].join(', ')}` : '',
            merge && !legs.size ? 'copy to the registries that lack it' : '',
            deploy ? (everywhere ? 'deploy (the config repository is behind)' : 'deploy') : '',
          ]
            .filter(Boolean)
            .join(', ')
            .replace(/^./, (c) => c.toUpperCase()) + ` for ${display} (${short})`;
    const series = /^(\d+)\.(\d+)\./.exec(display);
    const ref = opts.ref?.trim() || ((opts.track ?? 'main') === 'main' || !series ? 'main' : `stable-${series[1]}.${series[2]}`);
    return {
      commit: sha,
      head,
      ref,
      version: display,
      imageTag: tag!,
      images,
      platforms: platforms.filter((p) => legs.has(p)),
      merge,
      deploy,
      pinned,
      ...(runs !== undefined ? { configRuns: runs } : {}),
      line: gated?.result.heldBack.length ? `${line}; upstream ${gated.result.heldBack.map((h) => h.sha.slice(0, 7)).join(', ')} held back by its checks` : line,
      ...(gated ? { gate: gated.result, gateMarkdown: gated.markdown } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await config; // never rejects; the clone must be done before its directory goes
    await rm(dir, { recursive: true, force: true });
  }
}

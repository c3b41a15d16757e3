/**
 * The build step against a real Docker engine (buildx, containerd image store, QEMU for arm64) and a real
 * registry with htpasswd auth, both started by scripts/services.sh (the test command does it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build/step.js';
import { buildOutputs, buildSummaryMarkdown } from '../../src/build/summary.js';
import { LABEL } from '../../src/build/plan.js';
import { buildCommand } from '../../src/cli/build.js';
import { memoryLogger } from '../../src/core/log.js';
import { RegistryClient, type ImageDescription } from '../../src/build/registry.js';
import { dockerConfigWith, miniMastodon, namespace, services, untar, unusedPort, type MiniTree, type Services } from '../support/services.js';
import { startTokenRegistry, type TokenRegistry } from '../support/token-registry.js';
import { tempDir } from '../support/tmp.js';

let s: Services;
let tree: MiniTree;
let registry: RegistryClient;

beforeAll(() => {
  s = services();
  tree = miniMastodon(s);
  registry = new RegistryClient({ env: s.env });
});

const PATCH_REPORT = (sha: string) =>
  JSON.stringify({
    commit: sha,
    version: '4.8.0-alpha.1+x',
    imageTag: 'x',
    ok: true,
    patches: [
      { id: 'redis-tls', status: 'not-needed', files: [] },
      { id: 'version-metadata', status: 'already-applied', files: [] },
      { id: 'custom-emoji', status: 'applied', files: ['app/x.rb'] },
    ],
    changedFiles: [],
    warnings: [],
  });

function options(images: string[], extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    dir: tree.dir,
    commit: tree.sha,
    images,
    push: true,
    sbom: s.sbomGenerator,
    patchReport: PATCH_REPORT(tree.sha),
    tags: ['edge', 'main-{commit_time}-{sha7}'],
    // The repository that runs offmain: what a new ghcr.io package links to.
    sourceRepository: 'https://github.com/acme/offmain-config',
    env: s.env,
    ...extra,
  };
}

/** The file a RUN step wrote, read out of the pushed layers of one platform's image. */
async function fileInImage(repository: string, manifestDigest: string, path: string): Promise<string> {
  const m = await registry.manifest(repository, manifestDigest);
  for (const layer of [...(m!.json.layers ?? [])].reverse()) {
    const file = untar(await registry.blob(repository, layer.digest)).get(path);
    if (file) return file.toString('utf8').trim();
  }
  throw new Error(`${path} is in no layer of ${repository}@${manifestDigest}`);
}

async function predicateTypes(repository: string, d: ImageDescription): Promise<string[]> {
  const index = await registry.manifest(repository, d.digest);
  const att = (index!.json.manifests ?? []).filter((x) => x.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
  const types = new Set<string>();
  for (const a of att) {
    const m = await registry.manifest(repository, a.digest);
    for (const l of m!.json.layers ?? []) types.add(l.annotations?.['in-toto.io/predicate-type'] ?? '?');
  }
  return [...types].sort();
}

const arch = { 'linux/amd64': 'x86_64', 'linux/arm64': 'aarch64' } as Record<string, string>;

describe('offmain build with a real engine and registry', () => {
  let ns: string;
  let first: BuildResult;

  it('builds mastodon and mastodon-streaming for amd64 and arm64, pushes every tag to every registry, and says what it is', async () => {
    ns = namespace(s);
    const images = [`${ns}/a/mastodon`, `${ns}/b/mastodon`];
    const log = memoryLogger();
    first = await build(options(images), log);
    expect(first.skipped).toBe(false);
    expect(first.builds).toBe(2);
    expect(first.images.map((i) => [i.key, i.status])).toEqual([
      ['mastodon', 'built'],
      ['mastodon-streaming', 'built'],
    ]);
    const sha7 = tree.sha.slice(0, 7);
    const immutable = `4.8.0-alpha.1_${sha7}`;
    expect(first.plan.tags).toEqual([immutable, 'edge', `main-20260821140311-${sha7}`]);

    for (const image of first.images) {
      for (const repository of image.repositories) {
        // Every tag, in every registry, is the one index.
        expect((await registry.tags(repository)).sort()).toEqual([...first.plan.tags].sort());
        for (const tag of first.plan.tags) expect(await registry.digest(repository, tag)).toBe(image.digest);
        const d = (await registry.describe(repository, immutable, { labels: true }))!;
        expect(d.mediaType).toBe('application/vnd.oci.image.index.v1+json');
        expect(d.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
        // Provenance and SBOM attestations, one per platform.
        expect(d.attestations).toBe(2);
        expect(await predicateTypes(repository, d)).toEqual(['https://slsa.dev/provenance/v0.2', 'https://spdx.dev/Document']);
        // Labels and annotations, at index and manifest level: the source is the repository that runs offmain
        // (a ghcr.io package links to it), the rest describes the upstream commit.
        const expected = {
          [LABEL.source]: 'https://github.com/acme/offmain-config',
          [LABEL.url]: 'https://github.com/mastodon/mastodon',
          [LABEL.revision]: tree.sha,
          [LABEL.upstreamSource]: 'https://github.com/mastodon/mastodon',
          [LABEL.upstreamRevision]: tree.sha,
          [LABEL.version]: `4.8.0-alpha.1+${sha7}`,
          [LABEL.created]: '2026-08-21T14:03:11Z',
          [LABEL.title]: image.key,
          [LABEL.licenses]: 'AGPL-3.0',
          [LABEL.patches]: 'version-metadata,custom-emoji',
        };
        expect(d.labels).toMatchObject(expected);
        expect(d.annotations).toMatchObject(expected);
        for (const p of d.platforms) {
          const m = await registry.manifest(repository, p.digest);
          expect(m!.json.annotations).toMatchObject(expected);
          // The build args inside the image, as the RUN step of each platform saw them.
          const text = await fileInImage(repository, p.digest, 'opt/mastodon/build-args.txt');
          expect(text).toBe(
            image.key === 'mastodon'
              ? `metadata=${sha7} commit=${tree.sha} prerelease= arch=${arch[p.platform]}`
              : `metadata=${sha7} commit=unset arch=${arch[p.platform]}`,
          );
        }
      }
      expect(image.pinned).toEqual(image.repositories.map((r) => `${r}:${immutable}@${image.digest}`));
      expect(image.platforms.every((p) => (p.size ?? 0) > 100_000)).toBe(true);
    }
    const out = buildOutputs(first);
    expect(out.skipped).toBe(false);
    expect(out.image).toBe(`${ns}/a/mastodon:${immutable}@${first.images[0]!.digest}`);
    expect(out['streaming-image']).toBe(`${ns}/a/mastodon-streaming:${immutable}@${first.images[1]!.digest}`);
    expect(out.tags).toHaveLength(2 * 2 * 3);
    expect((out.metadata.mastodon as Record<string, string>)['containerimage.digest']).toBe(first.images[0]!.digest);
    const summary = buildSummaryMarkdown(first);
    expect(summary).toMatch(/\| 🔨 built \| `sha256:[0-9a-f]{64}` \| linux\/amd64 \(\d/);
    expect(summary).toMatch(/\d+\/\d+ steps cached/);
    expect(summary).toContain('Source label (the repository a new ghcr.io package links to): https://github.com/acme/offmain-config.');
    expect(log.lines).toContain('== Registry check');
  });

  it('a second run for the same commit builds nothing and outputs the existing digests (npm run bench times it)', async () => {
    const images = [`${ns}/a/mastodon`, `${ns}/b/mastodon`];
    const log = memoryLogger();
    const again = await build(options(images), log);
    expect(again.builds).toBe(0);
    expect(log.lines.some((l) => l.includes('buildx build'))).toBe(false);
    expect(again.skipped).toBe(true);
    expect(again.images.map((i) => [i.status, i.digest, i.pinned])).toEqual(first.images.map((i) => ['skipped', i.digest, i.pinned]));
    expect(buildSummaryMarkdown(again)).toMatch(/nothing to build/);
    // Only the immutable tag is known to point at it: moving tags stay where they are.
    const tag = first.plan.imageTag;
    expect(buildOutputs(again).tags).toEqual([
      `${ns}/a/mastodon:${tag}`,
      `${ns}/b/mastodon:${tag}`,
      `${ns}/a/mastodon-streaming:${tag}`,
      `${ns}/b/mastodon-streaming:${tag}`,
    ]);
  });

  it('copies to a registry that lacks the image instead of building it again', async () => {
    const images = [`${ns}/a/mastodon`, `${ns}/c/mastodon`];
    const r = await build(options(images), memoryLogger());
    expect(r.builds).toBe(0);
    expect(r.skipped).toBe(false);
    expect(r.images.map((i) => i.status)).toEqual(['copied', 'copied']);
    expect(await registry.digest(`${ns}/c/mastodon`, 'edge')).toBe(first.images[0]!.digest);
    expect(await registry.digest(`${ns}/c/mastodon-streaming`, `4.8.0-alpha.1_${tree.sha.slice(0, 7)}`)).toBe(first.images[1]!.digest);
  });

  it('distributed: one build per platform by digest, then merge, gives the same index and tags', async () => {
    const dns = namespace(s, 'd');
    const images = [`${dns}/a/mastodon`, `${dns}/b/mastodon`];
    const perPlatform: string[] = [];
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const r = await build(options(images, { mode: 'platform', platforms: platform, cache: 'registry' }), memoryLogger());
      expect(r.builds).toBe(2);
      expect(r.images.every((i) => i.platforms.length === 1 && i.platforms[0]!.platform === platform)).toBe(true);
      perPlatform.push(...buildOutputs(r).digests);
      expect(buildOutputs(r).tags).toEqual([]);
    }
    // By digest only: no tag exists before the merge (the registry cache lives in its own tag).
    for (const repo of images) expect((await registry.tags(repo)).filter((t) => !t.startsWith('buildcache'))).toEqual([]);
    expect(perPlatform).toHaveLength(4);

    const merged = await build(options(images, { mode: 'merge', digests: perPlatform }), memoryLogger());
    expect(merged.builds).toBe(0);
    expect(merged.images.map((i) => i.status)).toEqual(['merged', 'merged']);
    for (const [i, image] of merged.images.entries()) {
      const all = first.images[i]!;
      for (const repository of image.repositories) {
        expect((await registry.tags(repository)).filter((t) => !t.startsWith('buildcache')).sort()).toEqual([...first.plan.tags].sort());
        for (const tag of first.plan.tags) expect(await registry.digest(repository, tag)).toBe(image.digest);
        const d = (await registry.describe(repository, first.plan.imageTag, { labels: true }))!;
        const a = (await registry.describe(all.repositories[0]!, first.plan.imageTag, { labels: true }))!;
        expect(d.mediaType).toBe(a.mediaType);
        expect(d.platforms.map((p) => p.platform)).toEqual(a.platforms.map((p) => p.platform));
        expect(d.attestations).toBe(a.attestations);
        expect(d.annotations).toEqual(a.annotations);
        expect(d.labels).toEqual(a.labels);
        for (const p of d.platforms) {
          expect((await registry.manifest(repository, p.digest))!.json.annotations).toMatchObject({ [LABEL.revision]: tree.sha });
          expect(await fileInImage(repository, p.digest, 'opt/mastodon/build-args.txt')).toContain(`arch=${arch[p.platform]}`);
        }
      }
    }
    // And a merge that already happened is skipped too.
    const again = await build(options(images, { mode: 'merge', digests: perPlatform }), memoryLogger());
    expect(again.skipped).toBe(true);
    // A merge that lacks a platform is refused.
    const third = namespace(s, 'm');
    await expect(build(options([`${third}/mastodon`], { mode: 'merge', digests: perPlatform.slice(0, 2) }), memoryLogger())).rejects.toThrow(
      /does not exist: did the platform job push it/,
    );
  });

  it('the CLI prints the outputs as JSON with the action output names', async () => {
    const lines: string[] = [];
    const log = memoryLogger();
    const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: process.env.DOCKER_CONFIG };
    Object.assign(process.env, { DOCKER_HOST: s.env.DOCKER_HOST, DOCKER_CONFIG: s.env.DOCKER_CONFIG });
    const code = await buildCommand(
      ['--dir', tree.dir, '--commit', tree.sha, '--image', `${ns}/a/mastodon`, '--image', `${ns}/b/mastodon`, '--push', '--json', '--tag', 'edge', '--tag', 'main-{commit_time}-{sha7}'],
      { stdout: (x) => lines.push(x), log },
    ).finally(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });
    expect(log.lines.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(code).toBe(0);
    const out = JSON.parse(lines.join('\n'));
    expect(out.skipped).toBe(true);
    expect(out['image-tag']).toBe(first.plan.imageTag);
    expect(out.digest).toBe(first.images[0]!.digest);
    expect(out['streaming-digest']).toBe(first.images[1]!.digest);
    expect(out.digests).toEqual([`mastodon@${first.images[0]!.digest}`, `mastodon-streaming@${first.images[1]!.digest}`]);
  });
});

describe('bad input is refused with one clear message, before anything is pushed', () => {
  it('no Dockerfile', async () => {
    const t = miniMastodon(s, { dockerfile: false, note: 'no dockerfile' });
    await expect(build({ ...options([`${namespace(s)}/mastodon`]), dir: t.dir, commit: t.sha }, memoryLogger())).rejects.toThrow(
      /no Dockerfile at the tree root, so there is no mastodon image to build/,
    );
  });

  it('an invalid platform', async () => {
    await expect(build(options([`${namespace(s)}/mastodon`], { platforms: 'linux/amd64,linux/arm65' }), memoryLogger())).rejects.toThrow(
      /platform "linux\/arm65" is not one offmain builds/,
    );
    await expect(build(options([`${namespace(s)}/mastodon`], { mode: 'platform' }), memoryLogger())).rejects.toThrow(
      /mode platform builds one platform per job/,
    );
  });

  it('an image name with capitals, or a bad registry', async () => {
    await expect(build(options([`${s.registry}/Acme/Mastodon`]), memoryLogger())).rejects.toThrow(/has capital letters/);
    await expect(build(options(['ghcr..io/acme/mastodon']), memoryLogger())).rejects.toThrow(/"ghcr\.\.io" is not a registry host/);
    // A registry that does not answer: named, and nothing is built.
    const log = memoryLogger();
    const port = await unusedPort();
    await expect(build(options([`127.0.0.1:${port}/acme/mastodon`]), log)).rejects.toThrow(`registry 127.0.0.1:${port} cannot be reached`);
    expect(log.lines.some((l) => l.includes('buildx build'))).toBe(false);
  });

  it('wrong registry credentials: the message names the registry, nothing is pushed', async () => {
    const repo = `${namespace(s)}/mastodon`;
    const env = { ...s.env, DOCKER_CONFIG: dockerConfigWith(s.registry, s.user, 'wrong-password') };
    const log = memoryLogger();
    const err = await build(options([repo], { env }), log).catch((e: Error) => e);
    expect(String(err)).toMatch(new RegExp(`registry ${s.registry.replace(/\./g, '\\.')} refused the credentials of user "offmain"`));
    expect(log.lines.some((l) => l.includes('buildx build'))).toBe(false);
    expect(await registry.tags(repo)).toEqual([]);
    // No credentials at all: says to log in.
    const anon = { ...s.env, DOCKER_CONFIG: dockerConfigWith('elsewhere.example', 'x', 'y') };
    await expect(build(options([repo], { env: anon }), memoryLogger())).rejects.toThrow(/has no credentials for it: log in first \(docker login 127/);
  });

  it('an immutable tag that exists with a different revision is not overwritten (unless force)', async () => {
    const repo = `${namespace(s)}/mastodon`;
    const tag = `4.8.0-alpha.1_${tree.sha.slice(0, 7)}`;
    // Somebody else's image under our immutable tag: the busybox base (no revision label).
    execFileSync('docker', ['buildx', 'imagetools', 'create', '--tag', `${repo}:${tag}`, s.baseImage], { env: s.env, stdio: 'ignore' });
    const before = await registry.digest(repo, tag);
    const log = memoryLogger();
    await expect(build(options([repo]), log)).rejects.toThrow(
      new RegExp(`${repo.replace(/[.]/g, '\\.')}:${tag.replace(/[.]/g, '\\.')} already exists with upstream revision \\(none\\), not ${tree.sha.slice(0, 12)}: an immutable tag is never overwritten`),
    );
    expect(log.lines.some((l) => l.includes('buildx build'))).toBe(false);
    expect(await registry.digest(repo, tag)).toBe(before);
    // force: rebuilt (one platform, to keep it short) and overwritten.
    const forced = await build(options([repo], { force: true, platforms: 'linux/amd64', sbom: false, provenance: false }), memoryLogger());
    expect(forced.builds).toBe(2);
    expect(await registry.digest(repo, tag)).toBe(forced.images[0]!.digest);
    expect(forced.images[0]!.digest).not.toBe(before);
  });

  it('a patch report of another commit, a build that fails, and a tree that is not a checkout', async () => {
    await expect(build(options([`${namespace(s)}/mastodon`], { patchReport: PATCH_REPORT('0'.repeat(40)) }), memoryLogger())).rejects.toThrow(
      /the patch report is for commit 0000000, not/,
    );
    const t = miniMastodon(s, { streaming: false, note: 'failing' });
    writeFileSync(join(t.dir, 'Dockerfile'), `FROM ${s.baseImage}\nRUN exit 3\n`);
    await expect(
      build({ ...options([`${namespace(s)}/mastodon`], { platforms: 'linux/amd64', patchReport: undefined }), dir: t.dir, commit: t.sha }, memoryLogger()),
    ).rejects.toThrow(/docker buildx build of mastodon \(linux\/amd64\) failed: .*exit code: 3/);
    rmSync(join(t.dir, '.git'), { recursive: true, force: true });
    await expect(build({ ...options([`${namespace(s)}/mastodon`], { patchReport: undefined }), dir: t.dir, commit: t.sha }, memoryLogger())).rejects.toThrow(
      /the commit date of [0-9a-f]{7} is unknown .*pass the commit date/,
    );
  });
});

describe('the first run against a registry that answers like ghcr.io (403 for a package that is not there yet)', () => {
  let gh: TokenRegistry;
  /** The test registry's login (the base image) and one for the ghcr.io-like registry. */
  const env = (user: string, password: string) => {
    const dir = tempDir('offmain-docker-config-');
    const auths = JSON.parse(readFileSync(join(s.env.DOCKER_CONFIG!, 'config.json'), 'utf8')).auths as Record<string, unknown>;
    auths[gh.registry] = { auth: Buffer.from(`${user}:${password}`).toString('base64') };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths }));
    return { ...s.env, DOCKER_CONFIG: dir };
  };
  const short: Partial<BuildOptions> = { platforms: 'linux/amd64', sbom: false, provenance: false, tags: ['edge'] };
  beforeAll(async () => {
    gh = await startTokenRegistry({ users: { writer: 'w-secret' }, readOnlyUsers: { reader: 'r-secret' }, ghcr: true });
  });
  afterAll(async () => {
    await gh?.close();
  });

  it('builds and pushes: the refused read is "not there yet", the push access is checked, and the next run skips', async () => {
    const repo = `${gh.registry}/acme/mastodon`;
    const log = memoryLogger();
    const r = await build(options([repo], { ...short, env: env('writer', 'w-secret') }), log);
    expect(r.images.map((i) => i.status)).toEqual(['built', 'built']);
    const tag = r.plan.imageTag;
    expect(log.lines).toContain(`${repo}:${tag}: not there yet (a read was refused, HTTP 403, DENIED: denied from its token service; this account may push there)`);
    const writer = new RegistryClient({ env: env('writer', 'w-secret') });
    expect(await writer.digest(repo, 'edge')).toBe(r.images[0]!.digest);
    const again = await build(options([repo], { ...short, env: env('writer', 'w-secret') }), memoryLogger());
    expect(again.skipped).toBe(true);
  });

  it('an account that may not push fails before anything is built, with what GitHub wants', async () => {
    const log = memoryLogger();
    const err = await build(options([`${gh.registry}/acme/other`], { ...short, env: env('reader', 'r-secret') }), log).catch((e: Error) => e.message);
    expect(err).toMatch(/refused user "reader" .* push access to acme\/other(-streaming)? \(HTTP 403, DENIED: permission_denied: write_package\): if the package acme\/other(-streaming)? already exists/);
    expect(err).toContain('"Manage Actions access" (Package settings) with the Write role');
    expect(err).toContain('"permissions: packages: write"');
    expect(err).not.toContain('r-secret');
    expect(log.lines.some((l) => l.includes('buildx build'))).toBe(false);
  });
});

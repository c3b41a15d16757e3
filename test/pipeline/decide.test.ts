/**
 * The decision a scheduled run starts with, against the real git repositories and the real registry and
 * Docker engine (scripts/services.sh): nothing new, a new upstream commit, an image missing in one
 * registry, a platform missing, the config repository behind, and a tag that holds other patches.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, buildOutputs, describeTag, LABEL, RegistryClient, type BuildOptions } from '../../src/build/index.js';
import { memoryLogger } from '../../src/core/log.js';
import { decide, type DecideOptions } from '../../src/pipeline/decide.js';
import { patchesDigest } from '../../src/patch/index.js';
import { rejection } from '../support/errors.js';
import { COMMIT_DATE, dockerConfigWith, miniMastodon, namespace, services, type MiniTree, type Services } from '../support/services.js';
import { startTokenRegistry, type TokenRegistry } from '../support/token-registry.js';
import { startGitHttpServer, type SeenRequest } from '../support/git-http-server.js';
import { tempDir } from '../support/tmp.js';

let s: Services;
let tree: MiniTree;
let config: string;
let ns: string;
const SETS = ['redis-tls'];

const g = (cwd: string, ...a: string[]) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...a], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE },
  }).trim();

/** A Kustomize config repository that runs `tag` (and `digest`s) of the two images. */
function writeConfig(tag: string, digests: { m?: string; s?: string } = {}): void {
  const at = (d?: string) => (d ? `\n    digest: ${d}` : '');
  writeFileSync(
    join(config, 'kustomization.yaml'),
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: ${ns}/mastodon\n    newTag: ${tag}${at(digests.m)}\n  - name: ${ns}/mastodon-streaming\n    newTag: ${tag}${at(digests.s)}\n`,
  );
  g(config, 'add', '-A');
  g(config, 'commit', '-q', '--allow-empty', '-m', `run ${tag}`);
}

async function buildOptions(images: string[], platforms: string): Promise<BuildOptions> {
  const sha = g(tree.dir, 'rev-parse', 'HEAD');
  return {
    dir: tree.dir,
    commit: sha,
    images,
    platforms,
    push: true,
    sbom: false,
    patchReport: { commit: sha, ok: true, patches: [], digest: await patchesDigest(SETS, [], process.cwd(), []) },
    env: s.env,
  };
}

async function buildAt(images: string[], platforms: string): Promise<void> {
  await build({ ...(await buildOptions(images, platforms)), provenance: false }, memoryLogger());
}

function options(extra: Partial<DecideOptions> = {}): DecideOptions {
  return {
    upstream: tree.dir,
    patchSets: SETS,
    images: [`${ns}/mastodon`],
    platforms: 'linux/amd64,linux/arm64',
    config: { repository: config },
    env: s.env,
    log: memoryLogger(),
    ...extra,
  };
}

beforeAll(() => {
  s = services();
  tree = miniMastodon(s);
  g(tree.dir, 'config', 'uploadpack.allowFilter', 'true');
  g(tree.dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  ns = namespace(s, 'decide');
  config = tempDir('offmain-decide-config-');
  g(config, 'init', '-q', '-b', 'main');
  writeConfig('4.8.0-alpha.1_0000000');
});

describe('decide', () => {
  it('walks a commit from new to nothing new: build both platforms, then deploy only, then nothing', async () => {
    const sha = g(tree.dir, 'rev-parse', 'HEAD');
    const tag = `4.8.0-alpha.1_${sha.slice(0, 7)}`;

    const fresh = await decide(options());
    expect(fresh).toMatchObject({ commit: sha, head: true, imageTag: tag, platforms: ['linux/amd64', 'linux/arm64'], merge: true, deploy: true, pinned: [] });
    expect(fresh.images.map((i) => i.key)).toEqual(['mastodon', 'mastodon-streaming']);
    expect(fresh.line).toBe(`Build linux/amd64, linux/arm64, deploy for 4.8.0-alpha.1+${sha.slice(0, 7)} (${sha.slice(0, 7)})`);

    await buildAt([`${ns}/mastodon`], 'linux/amd64,linux/arm64');
    const behind = await decide(options());
    expect(behind).toMatchObject({ platforms: [], merge: false, deploy: true, configRuns: false });
    expect(behind.pinned).toHaveLength(2);
    expect(behind.pinned[0]).toMatch(new RegExp(`^${ns}/mastodon:${tag}@sha256:[0-9a-f]{64}$`));
    expect(behind.line).toMatch(/^Deploy \(the config repository is behind\)/);

    const digest = (p: string) => p.slice(p.indexOf('@') + 1);
    writeConfig(tag, { m: digest(behind.pinned[0]!), s: digest(behind.pinned[1]!) });
    const idle = await decide(options());
    expect(idle).toMatchObject({ platforms: [], merge: false, deploy: false, configRuns: true });
    expect(idle.line).toBe(`nothing new since 4.8.0-alpha.1+${sha.slice(0, 7)} (${sha.slice(0, 7)}), lag 0 h: every image is in every registry and the config repository runs it`);

    // The same tag with other patch texts: an immutable tag is never overwritten, so the run stops here.
    const e = await rejection(decide(options({ patchSets: ['version-metadata'] })));
    expect(e.message).toMatch(new RegExp(`${ns}/mastodon:${tag} already exists with other patches`));

    // The config repository still on upstream's images: with the deploy's adoption it does not run these yet (a
    // deploy); without it, it cannot be asked (a deploy too, with a warning that says how to adopt).
    writeFileSync(
      join(config, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: ghcr.io/mastodon/mastodon\n    newTag: v4.3.2\n  - name: ghcr.io/mastodon/mastodon-streaming\n    newTag: v4.3.2\n',
    );
    g(config, 'commit', '-q', '-am', 'upstream images');
    const log = memoryLogger();
    expect(await decide(options({ adopt: ['ghcr.io/mastodon/mastodon', 'ghcr.io/mastodon/mastodon-streaming'], log }))).toMatchObject({ deploy: true, configRuns: false });
    expect(log.lines.join('\n')).not.toMatch(/could not be asked/);
    const unasked = memoryLogger();
    expect(await decide(options({ log: unasked }))).toMatchObject({ deploy: true, configRuns: false });
    expect(unasked.lines.join('\n')).toMatch(/could not be asked \(no reference to .*pass --adopt ghcr\.io\/mastodon\/mastodon \(action-deploy: adopt\)\): deploying/);
    writeConfig(tag, { m: digest(behind.pinned[0]!), s: digest(behind.pinned[1]!) });
  });

  it('sends the config token only to the GitHub server when asked to (the workflow asks, as action-deploy does)', async () => {
    const root = tempDir('offmain-decide-git-');
    const seen: SeenRequest[] = [];
    const server = await startGitHttpServer({ root, users: { 'x-access-token': 'ghs_config' }, seen });
    try {
      g(root, 'clone', '-q', '--bare', config, join(root, 'acme', 'cfg.git'));
      const url = `${server.url}/acme/cfg.git`;
      const log = memoryLogger();
      const env = { ...s.env, GITHUB_SERVER_URL: 'https://github.com' };
      const d = await decide(options({ config: { repository: url, token: 'ghs_config', tokenForGitHubOnly: true }, env, log }));
      // The config repository could not be read without the token: a deploy, said with why.
      expect(d.deploy).toBe(true);
      expect(log.lines.join('\n')).toMatch(/the token belongs to https:\/\/github\.com and is not sent to http:\/\/127\.0\.0\.1:\d+/);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((r) => r.headers.authorization)).toEqual([]);
      // The same server as the GitHub server: the token goes.
      const ok = await decide(options({ config: { repository: url, token: 'ghs_config', tokenForGitHubOnly: true }, env: { ...s.env, GITHUB_SERVER_URL: server.url } }));
      expect(ok.configRuns).toBe(true);
      expect(seen.some((r) => r.headers.authorization)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a new registry: the image is copied (a merge), nothing is built', async () => {
    const other = namespace(s, 'decide2');
    const d = await decide(options({ images: [`${ns}/mastodon`, `${other}/mastodon`] }));
    expect(d).toMatchObject({ platforms: [], merge: true, deploy: true, pinned: [] });
    expect(d.images[0]!.repositories.map((r) => r.state)).toEqual(['same', 'missing']);
    expect(d.line).toMatch(/^Copy to the registries that lack it, deploy for /);
  });

  it('a platform missing from the image builds that platform only, and the merge joins it to the index', async () => {
    const one = namespace(s, 'decide3');
    const images = [`${one}/mastodon`];
    const sha = g(tree.dir, 'rev-parse', 'HEAD');
    const leg = async (platform: string) => {
      const r = await build({ ...(await buildOptions(images, platform)), mode: 'platform' }, memoryLogger());
      return { built: r.builds, digests: buildOutputs(r).digests };
    };
    const merge = async (digests: string[]) => build({ ...(await buildOptions(images, 'linux/amd64,linux/arm64')), mode: 'merge', digests }, memoryLogger());

    const amd64 = await leg('linux/amd64');
    const first = await build({ ...(await buildOptions(images, 'linux/amd64')), mode: 'merge', digests: amd64.digests }, memoryLogger());
    expect(first.images[0]!.platforms.map((p) => p.platform)).toEqual(['linux/amd64']);

    const d = await decide(options({ images, config: undefined }));
    expect(d).toMatchObject({ commit: sha, platforms: ['linux/arm64'], merge: true, deploy: false });
    expect(d.images[0]!.repositories[0]).toMatchObject({ state: 'same', platforms: ['linux/amd64'] });

    // The amd64 leg has nothing to do; the arm64 leg builds; the merge keeps amd64 and adds arm64.
    expect((await leg('linux/amd64')).built).toBe(0);
    const arm64 = await leg('linux/arm64');
    expect(arm64.built).toBe(2);
    const merged = await merge(arm64.digests);
    expect(merged.images.map((i) => i.platforms.map((p) => p.platform).sort())).toEqual([
      ['linux/amd64', 'linux/arm64'],
      ['linux/amd64', 'linux/arm64'],
    ]);
    expect(merged.images[0]!.platforms.find((p) => p.platform === 'linux/amd64')!.digest).toBe(first.images[0]!.platforms[0]!.digest);
    expect(await decide(options({ images, config: undefined }))).toMatchObject({ platforms: [], merge: false, deploy: false });
  });

  it('a new upstream commit needs a build again; a pinned commit is taken as given, without ls-remote', async () => {
    const before = g(tree.dir, 'rev-parse', 'HEAD');
    writeFileSync(join(tree.dir, 'README.md'), '# mini mastodon, one commit later\n');
    g(tree.dir, 'commit', '-q', '-am', 'one more');
    const after = g(tree.dir, 'rev-parse', 'HEAD');
    const d = await decide(options());
    expect(d).toMatchObject({ commit: after, platforms: ['linux/amd64', 'linux/arm64'], merge: true, deploy: true });
    const pinned = await decide(options({ commit: before }));
    expect(pinned).toMatchObject({ commit: before, head: false, platforms: [], merge: false, deploy: false });
    expect(pinned.line).toMatch(/^nothing new since .*: every image/);
  });

  it('fails with one line for an upstream it cannot read or a short pinned sha', async () => {
    const missing = join(tempDir(), 'missing.git');
    mkdirSync(missing);
    expect((await rejection(decide(options({ upstream: missing })))).message).toMatch(/^cannot read the git repository .*missing\.git/);
    expect((await rejection(decide(options({ commit: 'abc1234' })))).message).toMatch(/not a full 40-character sha/);
  });
});

describe('decide against a registry that answers like ghcr.io', () => {
  let gh: TokenRegistry;
  beforeAll(async () => {
    gh = await startTokenRegistry({ users: { writer: 'w-secret' }, ghcr: true });
  });
  afterAll(async () => {
    await gh?.close();
  });

  it('a package that does not exist yet (403 on the read) is missing, to be built: not an error', async () => {
    const log = memoryLogger();
    const env = { ...s.env, DOCKER_CONFIG: dockerConfigWith(gh.registry, 'writer', 'w-secret') };
    const d = await decide(options({ images: [`${gh.registry}/acme/mastodon`], config: undefined, env, log }));
    expect(d).toMatchObject({ platforms: ['linux/amd64', 'linux/arm64'], merge: true, deploy: false });
    expect(d.images.map((i) => i.repositories[0])).toEqual([
      { repository: `${gh.registry}/acme/mastodon`, state: 'missing', platforms: [], unreadable: 'HTTP 403, DENIED: denied from its token service' },
      { repository: `${gh.registry}/acme/mastodon-streaming`, state: 'missing', platforms: [], unreadable: 'HTTP 403, DENIED: denied from its token service' },
    ]);
    expect(log.lines.some((l) => l.includes('acme/mastodon:') && l.includes('missing (not readable, HTTP 403, DENIED: denied from its token service: taken as not built yet'))).toBe(true);
  });
});

describe('a tag that moved after offmain pushed and deployed it', () => {
  it('is an error naming both digests, never a re-pin', async () => {
    const own = namespace(s, 'decide-moved');
    const sha = g(tree.dir, 'rev-parse', 'HEAD');
    const tag = `4.8.0-alpha.1_${sha.slice(0, 7)}`;
    await buildAt([`${own}/mastodon`], 'linux/amd64');
    const built = await decide(options({ images: [`${own}/mastodon`], platforms: 'linux/amd64', config: undefined }));
    const digest = (p: string) => p.slice(p.indexOf('@') + 1);
    const [m, st] = built.pinned.map(digest) as [string, string];
    const cfg = tempDir('offmain-decide-moved-');
    g(cfg, 'init', '-q', '-b', 'main');
    writeFileSync(join(cfg, 'kustomization.yaml'), `images:\n  - name: ${own}/mastodon\n    newTag: ${tag}\n    digest: ${m}\n  - name: ${own}/mastodon-streaming\n    newTag: ${tag}\n    digest: ${st}\n`);
    g(cfg, 'add', '-A');
    g(cfg, 'commit', '-q', '-m', 'deployed by offmain');
    const o = options({ images: [`${own}/mastodon`], platforms: 'linux/amd64', config: { repository: cfg } });
    expect(await decide(o)).toMatchObject({ deploy: false, configRuns: true });
    // Someone who can push to the registry repository pushes another image under the tag, with every label
    // offmain's build carries (labels are public: anyone can copy them).
    const labels = (await describeTag(new RegistryClient({ env: s.env }), `${own}/mastodon`, tag))!;
    const about = { [LABEL.revision]: labels.revision!, [LABEL.patches]: labels.patches ?? '', [LABEL.patchesDigest]: labels.patchesDigest ?? '' };
    const ctx = tempDir('offmain-planted-');
    writeFileSync(join(ctx, 'Dockerfile'), `FROM ${s.baseImage}\nRUN echo planted > /planted\n`);
    execFileSync('docker', ['buildx', 'build', '--platform', 'linux/amd64', '--provenance=false', '--sbom=false', ...Object.entries(about).flatMap(([k, v]) => ['--label', `${k}=${v}`]), '--tag', `${own}/mastodon:${tag}`, '--push', ctx], { env: s.env, stdio: 'pipe' });
    const e = await rejection(decide(o));
    expect(e.message).toMatch(new RegExp(`^${own}/mastodon:${tag} names sha256:[0-9a-f]{64} in the registry, but kustomization\\.yaml:3 pins ${m}, what offmain pushed and deployed: the tag moved after offmain pushed it, and nothing is re-pinned to it`));
    expect(e.message).not.toContain(`names ${m}`);
    // The config repository is untouched: the record of what offmain built stands.
    expect(g(cfg, 'status', '--porcelain')).toBe('');
  });
});

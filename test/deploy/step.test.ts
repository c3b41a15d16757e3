import { chmodSync, cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/cli/deploy.js';
import { deploySummaryMarkdown } from '../../src/deploy/message.js';
import { deploy, type DeployOptions, type DeployResult } from '../../src/deploy/step.js';
import { git } from '../../src/core/git.js';
import { memoryLogger } from '../../src/core/log.js';
import type { PatchReport } from '../../src/patch/step.js';
import { PR_MARKER } from '../../src/deploy/pullrequest.js';
import { resolveUpstream } from '../../src/patch/upstream.js';
import { parseVersionRb } from '../../src/patch/version.js';
import { createBareRepo, FixtureRepo } from '../support/git-fixture.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-api.js';
import { snapshot, tempDir } from '../support/tmp.js';
import { rejection } from '../support/errors.js';

import { DA, DB, FIXTURES, M, NEW, OLD, POLICIES, S, TARGETS } from '../support/configrepo.js';
const UPSTREAM_FIXTURES = join(dirname(FIXTURES), 'upstream');
const PUSH = 'push-token-5f3a9c1e';
const READ = 'read-token-77b2d0aa';
const IDENT = { GIT_AUTHOR_NAME: 'Admin', GIT_AUTHOR_EMAIL: 'admin@example.org', GIT_COMMITTER_NAME: 'Admin', GIT_COMMITTER_EMAIL: 'admin@example.org' };
const REPORT: PatchReport = {
  commit: '9c1e3d0aa1b2c3d4e5f60718293a4b5c6d7e8f90',
  version: '4.8.0-alpha.2+9c1e3d0',
  imageTag: NEW,
  ok: true,
  patches: [
    { id: 'redis-tls', status: 'not-needed', reason: 'hiredis-client supports TLS since 4.6', files: [] },
    { id: 'version-metadata', status: 'not-needed', reason: 'v4.2+ has MASTODON_VERSION_METADATA', files: [] },
    { id: 'custom-emoji', status: 'applied', files: ['app/x.rb'] },
  ],
  changedFiles: ['app/x.rb'],
  warnings: [],
};

let server: GitHttpServer;
let root: string;
let n = 0;

beforeAll(async () => {
  root = tempDir('offmain-git-');
  server = await startGitHttpServer({ root, users: { 'x-access-token': PUSH }, readOnlyUsers: { 'x-access-token': READ } });
});
afterAll(() => server.close());

interface Served {
  name: string;
  bare: string;
  /** `acme/NAME`, resolved against the git server as the GitHub server. */
  slug: string;
  url: string;
  head(): Promise<string>;
  show(file: string, rev?: string): Promise<string>;
  log(rev?: string): Promise<string[]>;
}

/** Serves a config repository made of `files` (or the fixture tree) on one commit of main. */
async function served(files: Record<string, string> | 'fixture'): Promise<Served> {
  const name = `config${++n}`;
  const work = tempDir('offmain-work-');
  if (files === 'fixture') cpSync(join(FIXTURES, 'before'), work, { recursive: true });
  else {
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(work, f)), { recursive: true });
      writeFileSync(join(work, f), text);
    }
  }
  await git(['init', '-q', '-b', 'main'], { cwd: work });
  await git(['-c', 'core.autocrlf=false', 'add', '-A'], { cwd: work });
  await git(['commit', '-q', '-m', 'initial'], { cwd: work, env: { ...IDENT, GIT_COMMITTER_DATE: '2026-08-20T10:00:00Z', GIT_AUTHOR_DATE: '2026-08-20T10:00:00Z' } });
  const bare = join(root, 'acme', `${name}.git`);
  await git(['clone', '-q', '--bare', work, bare]);
  await git(['config', 'http.receivepack', 'true'], { cwd: bare });
  const run = async (args: string[]) => (await git(args, { cwd: bare })).stdout;
  return {
    name,
    bare,
    slug: `acme/${name}`,
    url: `${server.url}/acme/${name}.git`,
    head: async () => (await run(['rev-parse', 'refs/heads/main'])).trim(),
    show: (file, rev = 'main') => run(['show', `${rev}:${file}`]),
    log: async (rev = 'main') => (await run(['log', '--format=%s', rev])).trim().split('\n'),
  };
}

/** Every file of a tree at `rev` (relative path -> text). */
async function treeFiles(s: Served, rev = 'main'): Promise<Record<string, string>> {
  const names = (await git(['ls-tree', '-r', '--name-only', rev], { cwd: s.bare })).stdout.trim().split('\n');
  const out: Record<string, string> = {};
  for (const f of names) out[f] = await s.show(f, rev);
  return out;
}

function opts(s: Served, more: Partial<DeployOptions> = {}): DeployOptions {
  return { repository: s.slug, serverUrl: server.url, token: PUSH, images: TARGETS, policies: POLICIES, backoffMs: 5, ...more };
}


/** A kustomization with both images; a digest line for each one given. */
const kustomization = (mTag: string, sTag = mTag, mDigest?: string, sDigest?: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
images:
  # offmain builds
  - name: ${M}
    newTag: "${mTag}"   # web and sidekiq
${mDigest ? `    digest: "${mDigest}"\n` : ''}  - name: ${S}
    newTag: '${sTag}'
${sDigest ? `    digest: '${sDigest}'\n` : ''}`;

describe('deploy, mode push, over smart HTTP', () => {
  it('bumps every layout byte for byte, commits what moved, pushes; a second run changes nothing', async () => {
    const s = await served('fixture');
    const before = await treeFiles(s);
    const log = memoryLogger();
    const r = await deploy(opts(s, { patchReport: JSON.stringify(REPORT), log }));

    const expected = snapshot(join(FIXTURES, 'expected'));
    expect(r.changed).toBe(true);
    expect(r.files).toEqual(Object.keys(expected).sort());
    const after = await treeFiles(s);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [f, text] of Object.entries(after)) expect([f, text]).toEqual([f, expected[f] ?? before[f]]);

    expect(r.commit).toBe(await s.head());
    expect(r.commitUrl).toBe(`${server.url}/acme/${s.name}/commit/${r.commit}`);
    expect(r.previous).toEqual({ tag: OLD, version: '4.8.0-alpha.1+2f40549' });
    expect(r.next).toEqual({ tag: NEW, version: '4.8.0-alpha.2+9c1e3d0' });
    const raw = (await git(['show', '-s', '--format=%an <%ae>%n%cn <%ce>%n%B', 'main'], { cwd: s.bare })).stdout;
    const [authorLine, committerLine, ...message] = raw.split('\n');
    expect(authorLine).toBe('offmain <offmain@users.noreply.github.com>');
    expect(committerLine).toBe(authorLine);
    const text = message.join('\n');
    expect(text).toMatch(/^mastodon 4\.8\.0-alpha\.1\+2f40549 -> 4\.8\.0-alpha\.2\+9c1e3d0\n\n/);
    expect(text).toContain('Patches:\n- redis-tls: not-needed (hiredis-client supports TLS since 4.6)\n');
    expect(text).toContain('- custom-emoji: applied\n');
    expect(text).toContain(`Images:\n- ${M}:${NEW}@${DA}\n- ${S}:${NEW}@${DB}\n`);
    expect(text).toContain('Files:\n- apps/custom/instance.yaml (4 references)\n- apps/mastodon/kustomization.yaml (2 references)\n');
    expect(text).toMatch(/- k8s\/mastodon\.yaml \(6 references\)/);
    expect(log.lines.join('\n')).toMatch(/k8s\/mastodon\.yaml:14: .* -> /);

    const again = await deploy(opts(s));
    expect(again).toMatchObject({ changed: false, files: [], previous: { tag: NEW } });
    expect(again.reason).toMatch(/^already at the target/);
    expect(again.commit).toBeUndefined();
    expect(await s.log()).toHaveLength(2);
  });

  it('a dry run reports what would move and commits nothing; it refuses what the real run would refuse', async () => {
    const s = await served({ 'apps/mastodon/kustomization.yaml': kustomization(OLD) });
    const before = await s.head();
    const r = await deploy(opts(s, { dryRun: true, policies: undefined }));
    expect(r).toMatchObject({ changed: true, files: ['apps/mastodon/kustomization.yaml'], previous: { tag: OLD }, attempts: 0 });
    expect(r.reason).toMatch(/^dry run/);
    expect(r.commit).toBeUndefined();
    expect(await s.head()).toBe(before);
    expect(await s.show('apps/mastodon/kustomization.yaml')).toBe(kustomization(OLD));
    const older = [{ repository: M, tag: '4.7.0_c5b3651' }];
    await expect(deploy(opts(s, { dryRun: true, policies: undefined, images: older }))).rejects.toThrow(/downgrade/);
  });

  it('bumps only under path, and names files from the repository root', async () => {
    const s = await served({ 'prod/kustomization.yaml': kustomization(OLD), 'staging/kustomization.yaml': kustomization(OLD) });
    const r = await deploy(opts(s, { path: 'prod/', policies: undefined }));
    expect(r.files).toEqual(['prod/kustomization.yaml']);
    expect(await s.show('prod/kustomization.yaml')).toBe(kustomization(NEW, NEW, DA, DB));
    expect(await s.show('staging/kustomization.yaml')).toBe(kustomization(OLD));
    expect(await s.log()).toEqual([`mastodon 4.8.0-alpha.1+2f40549 -> 4.8.0-alpha.2+9c1e3d0`, 'initial']);
    await expect(deploy(opts(s, { path: '../x' }))).rejects.toThrow(/must be a directory inside the config repository/);
  });

  it('refuses a path that goes through a committed symbolic link (out of the clone or not): nothing outside is written', async () => {
    const outside = tempDir('offmain-outside-');
    mkdirSync(join(outside, 'prod'));
    writeFileSync(join(outside, 'prod/kustomization.yaml'), kustomization(OLD));
    const s = await served({ 'apps/prod/kustomization.yaml': kustomization(OLD) });
    // Commit the links: `escape` and `deep/escape` point out of the clone, `alias` into it.
    const work = tempDir('offmain-work-');
    await git(['clone', '-q', s.bare, work]);
    mkdirSync(join(work, 'deep'));
    symlinkSync(outside, join(work, 'escape'));
    symlinkSync(outside, join(work, 'deep/escape'));
    symlinkSync('apps', join(work, 'alias'));
    await git(['add', '-A'], { cwd: work });
    await git(['commit', '-q', '-m', 'links'], { cwd: work, env: IDENT });
    await git(['push', '-q', 'origin', 'main'], { cwd: work });
    const head = await s.head();
    for (const [path, link] of [
      ['escape', 'escape'],
      ['escape/prod/', 'escape'],
      ['deep/escape/prod', 'deep/escape'],
      ['alias/prod', 'alias'],
    ]) {
      const e = await rejection(deploy(opts(s, { path, policies: undefined })));
      expect(e.message).toBe(
        `path "${path}" goes through ${link}, a symbolic link in the config repository: offmain bumps only real directories of the clone; give the directory the link points to`,
      );
    }
    expect(snapshot(outside)).toEqual({ 'prod/kustomization.yaml': kustomization(OLD) });
    expect(await s.head()).toBe(head);
    // The real directory works.
    expect((await deploy(opts(s, { path: 'apps/prod', policies: undefined }))).files).toEqual(['apps/prod/kustomization.yaml']);
  });

  it('never puts the token in a log line or a message; credentials in a URL move to a header', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    const log = memoryLogger();
    await deploy(opts(s, { log, policies: undefined }));
    const bad = memoryLogger();
    const e = await rejection(deploy(opts(s, { token: 'wrong-token-0xdeadbeef', log: bad })));
    expect(e.message).toMatch(/credentials were refused \(HTTP 401\)/);
    const all = [...log.lines, ...bad.lines, e.message].join('\n');
    expect(all).not.toContain(PUSH);
    expect(all).not.toContain('wrong-token-0xdeadbeef');
    // Credentials written in the URL.
    const t = await served({ 'k.yaml': kustomization(OLD) });
    const withCreds = t.url.replace('http://', `http://x-access-token:${PUSH}@`);
    const r = await deploy(opts(t, { repository: withCreds, token: undefined, log, policies: undefined }));
    expect(r.repository).toBe(t.url);
    expect(r.changed).toBe(true);
    expect(log.lines.join('\n')).not.toContain(PUSH);
  });
});

describe('deploy: two at once', () => {
  /** Both runs clone and commit before either pushes: one of them must lose the race. */
  function barrier(count: number) {
    let arrived = 0;
    let open!: () => void;
    const all = new Promise<void>((r) => (open = r));
    return async (attempt: number) => {
      if (attempt !== 1) return;
      if (++arrived === count) open();
      await all;
    };
  }

  it('two different images, racing: both land, nothing lost', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    const gate = barrier(2);
    const [a, b] = await Promise.all([
      deploy(opts(s, { images: [{ repository: M, tag: NEW, digest: DA }], beforePush: gate })),
      deploy(opts(s, { images: [{ repository: S, tag: NEW, digest: DB }], beforePush: gate })),
    ]);
    expect(a.changed && b.changed).toBe(true);
    expect([a.attempts, b.attempts].sort()).toEqual([1, 2]);
    expect(await s.show('k.yaml')).toBe(kustomization(NEW, NEW, DA, DB));
    const subjects = await s.log();
    expect(subjects).toHaveLength(3);
    expect(subjects.slice(0, 2).sort()).toEqual([`mastodon 4.8.0-alpha.1+2f40549 -> 4.8.0-alpha.2+9c1e3d0`, `mastodon-streaming 4.8.0-alpha.1+2f40549 -> 4.8.0-alpha.2+9c1e3d0`]);
  });

  it('three different images with plain Promise.all: all land', async () => {
    const X = 'ghcr.io/acme/mastodon-extra';
    const s = await served({ 'k.yaml': `${kustomization(OLD)}  - name: ${X}\n    newTag: ${OLD}\n` });
    const results = await Promise.all(
      [M, S, X].map((repository) => deploy(opts(s, { images: [{ repository, tag: NEW }], policies: undefined }))),
    );
    expect(results.every((r) => r.changed)).toBe(true);
    expect(await s.show('k.yaml')).toBe(`${kustomization(NEW)}  - name: ${X}\n    newTag: ${NEW}\n`);
    expect(await s.log()).toHaveLength(4);
  });

  const OLDER = '4.8.0-alpha.2_bbbbbbb';
  const NEWER = '4.8.0-alpha.3_ccccccc';

  it('one image, older then newer landing in that order: both land, in order', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    let newerCommitted!: () => void;
    const ready = new Promise<void>((r) => (newerCommitted = r));
    const older = deploy(opts(s, { images: [{ repository: M, tag: OLDER }], beforePush: () => ready }));
    const newer = deploy(
      opts(s, {
        images: [{ repository: M, tag: NEWER }],
        beforePush: async (attempt) => {
          if (attempt > 1) return;
          newerCommitted();
          await older.catch(() => undefined);
        },
      }),
    );
    const [o, w] = await Promise.all([older, newer]);
    expect([o.changed, o.attempts, w.changed, w.attempts]).toEqual([true, 1, true, 2]);
    expect(await s.log()).toEqual(['mastodon 4.8.0-alpha.2+bbbbbbb -> 4.8.0-alpha.3+ccccccc', 'mastodon 4.8.0-alpha.1+2f40549 -> 4.8.0-alpha.2+bbbbbbb', 'initial']);
    expect(await s.show('k.yaml')).toBe(kustomization(NEWER, OLD));
  });

  it('one image, the newer landing first: the older one is superseded, not a downgrade', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    let olderCommitted!: () => void;
    const ready = new Promise<void>((r) => (olderCommitted = r));
    const newer = deploy(opts(s, { images: [{ repository: M, tag: NEWER }], beforePush: () => ready }));
    const log = memoryLogger();
    const older = deploy(
      opts(s, {
        log,
        images: [{ repository: M, tag: OLDER }],
        beforePush: async (attempt) => {
          if (attempt > 1) return;
          olderCommitted();
          await newer.catch(() => undefined);
        },
      }),
    );
    const [w, o] = await Promise.all([newer, older]);
    expect(w.changed).toBe(true);
    expect(o).toMatchObject({ changed: false, attempts: 2 });
    expect(o.reason).toBe('superseded: a newer version is already deployed on main (4.8.0-alpha.3+ccccccc)');
    expect(await s.log()).toEqual(['mastodon 4.8.0-alpha.1+2f40549 -> 4.8.0-alpha.3+ccccccc', 'initial']);
  });
});

describe('deploy: nothing is pushed when a step fails', () => {
  async function refused(s: Served, more: Partial<DeployOptions>): Promise<string> {
    const head = await s.head();
    const e = await rejection(deploy(opts(s, { policies: undefined, ...more })));
    expect(await s.head()).toBe(head);
    expect((await git(['for-each-ref', '--format=%(refname)'], { cwd: s.bare })).stdout.trim()).toBe('refs/heads/main');
    return e.message;
  }

  it('malformed YAML: the file and line, nothing pushed', async () => {
    const broken = `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${M}:${OLD}\n       name: [web\n`;
    const s = await served({ 'k.yaml': kustomization(OLD), 'zz/web.yaml': broken });
    expect(await refused(s, {})).toMatch(/^zz\/web\.yaml:\d+: YAML syntax error: .*nothing was changed$/);
  });

  it('no reference to the image: says what was searched', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    expect(await refused(s, { images: [{ repository: 'ghcr.io/acme/other', tag: NEW }] })).toMatch(
      /^no reference to ghcr\.io\/acme\/other found in .* \(searched 1 YAML files: kustomization images, .*\); add an offmain marker/,
    );
  });

  it('a downgrade is refused unless allowed', async () => {
    const s = await served({ 'k.yaml': kustomization(NEW) });
    expect(await refused(s, { images: [{ repository: M, tag: OLD }] })).toMatch(
      /^k\.yaml:\d+: refusing to downgrade ghcr\.io\/acme\/mastodon from 4\.8\.0-alpha\.2\+9c1e3d0 \(deployed\) to 4\.8\.0-alpha\.1\+2f40549 \(an older version\); pass --allow-downgrade/,
    );
    const r = await deploy(opts(s, { images: [{ repository: M, tag: OLD }], allowDowngrade: true, policies: undefined }));
    expect(r.changed).toBe(true);
  });

  it('a token without push rights (403): names the repository and contents: write', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    expect(await refused(s, { token: READ })).toBe(
      `the token may not push to main of the config repository ${s.url} (HTTP 403): give it write access to the repository contents (contents: write), or use a deploy key or token with push rights`,
    );
  });

  it('a protected branch: suggests mode pull-request', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    const hook = join(s.bare, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\nwhile read o n ref; do [ "$ref" = refs/heads/main ] && { echo "protected branch hook declined" >&2; exit 1; }; done\nexit 0\n');
    chmodSync(hook, 0o755);
    expect(await refused(s, {})).toMatch(/the branch is protected \(.*\); set mode to pull-request to open a pull request instead/);
  });

  it('wrong credentials (401), an unknown branch, a bad patch report', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    expect(await refused(s, { token: 'not-a-token-123' })).toMatch(/^cannot read the config repository .*: the credentials were refused \(HTTP 401\)/);
    expect(await refused(s, { branch: 'production' })).toMatch(/^branch production was not found in the config repository .* \(the default branch is main\)/);
    expect(await refused(s, { patchReport: '{"oops"' })).toMatch(/^the patch report is not the patch step's JSON/);
  });

  it('a race lost every time: gives up after the bounded attempts', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD), 'other.txt': '0\n' });
    const writer = new FixtureRepo(s.bare);
    const head = await s.head();
    const e = await rejection(
      deploy(
        opts(s, {
          policies: undefined,
          attempts: 2,
          beforePush: async (attempt) => {
            await writer.commit({ files: { 'other.txt': `${attempt}\n` }, message: `other ${attempt}`, date: '2026-08-20T12:00:00Z', parents: ['main'], ref: 'refs/heads/main' });
          },
        }),
      ),
    );
    expect(e.message).toMatch(/lost the race 2 times .*nothing of this run was pushed/);
    expect(await s.log()).toEqual(['other 2', 'other 1', 'initial']);
    expect(await s.show('k.yaml')).toBe(kustomization(OLD));
    expect(head).not.toBe(await s.head());
  });
});

const tag = (sha: string, v = '4.8.0-alpha.1') => `${v}_${sha.slice(0, 7)}`;

/** Upstream main a <- b <- c, and a fork commit off a that only a pull request ref holds. */
async function upstreamWithFork(): Promise<{ up: FixtureRepo; u: Record<string, string> }> {
  const up = await createBareRepo(join(tempDir('offmain-up-'), 'mastodon.git'));
  const u: Record<string, string> = {};
  u.a = await up.commit({ files: { 'x.rb': '1\n' }, message: 'a', date: '2026-08-19T12:00:00Z' });
  u.b = await up.commit({ files: { 'x.rb': '2\n' }, message: 'b', date: '2026-08-20T12:00:00Z', parents: [u.a] });
  u.c = await up.commit({ files: { 'x.rb': '3\n' }, message: 'c', date: '2026-08-21T17:00:00Z', parents: [u.b], ref: 'refs/heads/main' });
  u.side = await up.commit({ files: { 'x.rb': 'fork\n' }, message: 'fork', date: '2026-08-20T13:00:00Z', parents: [u.a], ref: 'refs/pull/9/head' });
  return { up, u };
}

describe('deploy with the upstream history', () => {
  let up: FixtureRepo;
  let u: Record<string, string>;
  beforeAll(async () => {
    ({ up, u } = await upstreamWithFork());
  });

  it('same version, newer commit: checks ancestry, deploys, and measures the lag', async () => {
    const s = await served({ 'k.yaml': kustomization(tag(u.a!)) });
    const r = await deploy(
      opts(s, {
        policies: undefined,
        images: [{ repository: M, tag: tag(u.b!) }, { repository: S, tag: tag(u.b!) }],
        upstream: { repository: up.dir, commit: u.b, cacheDir: tempDir() },
        now: new Date('2026-08-24T09:00:00Z'),
      }),
    );
    expect(r.changed).toBe(true);
    expect(r.next.commit).toBe(u.b);
    expect(r.freshness).toMatchObject({ lag: { hours: 64, behind: 1 }, status: 'fail', deployed: { sha: u.b }, head: { sha: u.c } });
    expect(r.message).toContain(`Upstream commit: ${u.b} of ${up.dir} (main)`);
    expect(deploySummaryMarkdown(r)).toMatch(/\| Lag \| 64 h \(2\.7 days\) \(goal 48 h\): ❌ past goal \|/);
  });

  it("main's version drops on a descendant (f440615 4.7.1-alpha.1, then 6d9d399 4.7.0-alpha.1): deployed forward, not back", async () => {
    const real = (sha10: string) => readFileSync(join(UPSTREAM_FIXTURES, sha10, 'lib/mastodon/version.rb'), 'utf8');
    const main = await createBareRepo(join(tempDir('offmain-up-'), 'mastodon.git'));
    const f1 = await main.commit({ files: { 'lib/mastodon/version.rb': real('f440615b01') }, message: 'Bump version to v4.6.1 (#39597)', date: '2026-06-24T10:00:00Z' });
    const f2 = await main.commit({ files: { 'lib/mastodon/version.rb': real('6d9d399aa7') }, message: 'Bump version to v4.6.2 (#39613)', date: '2026-06-25T10:00:00Z', parents: [f1], ref: 'refs/heads/main' });
    const tagAt = async (sha: string) => tag(sha, parseVersionRb(await main.run(['show', `${sha}:lib/mastodon/version.rb`])).text);
    const [t1, t2] = [await tagAt(f1), await tagAt(f2)];
    expect([t1.split('_')[0], t2.split('_')[0]]).toEqual(['4.7.1-alpha.1', '4.7.0-alpha.1']);
    const s = await served({ 'k.yaml': kustomization(t1) });
    const r = await deploy(opts(s, { policies: undefined, images: [{ repository: M, tag: t2 }], upstream: { repository: main.dir, cacheDir: tempDir() }, now: new Date('2026-06-25T12:00:00Z') }));
    expect(r.changed).toBe(true);
    expect(r.freshness).toMatchObject({ lag: { behind: 0 }, status: 'ok' });
    const back = await rejection(deploy(opts(s, { policies: undefined, images: [{ repository: M, tag: t1 }], upstream: { repository: main.dir, cacheDir: tempDir() } })));
    expect(back.message).toMatch(new RegExp(`refusing to downgrade .* to 4\\.7\\.1-alpha\\.1\\+${f1.slice(0, 7)} \\(an older commit than ${f2.slice(0, 7)}\\)`));
  });

  it('same version, a commit that is not a descendant: refused as a downgrade', async () => {
    const s = await served({ 'k.yaml': kustomization(tag(u.b!)) });
    const head = await s.head();
    const e = await rejection(
      deploy(opts(s, { policies: undefined, images: [{ repository: M, tag: tag(u.a!) }], upstream: { repository: up.dir, cacheDir: tempDir() } })),
    );
    expect(e.message).toMatch(new RegExp(`refusing to downgrade .* to 4\\.8\\.0-alpha\\.1\\+${u.a!.slice(0, 7)} \\(not a descendant of ${u.b!.slice(0, 7)}\\)`));
    expect(await s.head()).toBe(head);
  });

  it("reuses the patch step's shallow checkout, deepening it as needed", async () => {
    const checkout = join(tempDir(), 'mastodon');
    await resolveUpstream({ repository: up.dir, path: checkout });
    expect((await git(['rev-parse', '--is-shallow-repository'], { cwd: checkout })).stdout.trim()).toBe('true');
    const s = await served({ 'k.yaml': kustomization(tag(u.a!)) });
    const r = await deploy(
      opts(s, { policies: undefined, images: [{ repository: M, tag: tag(u.c!) }], upstream: { path: checkout }, now: new Date('2026-08-22T09:00:00Z') }),
    );
    expect(r.changed).toBe(true);
    expect(r.freshness).toMatchObject({ lag: { hours: 0, behind: 0 }, status: 'ok' });
    expect(r.upstream?.repository).toBe(up.dir);
  });
});

describe('deploy fails closed: what it cannot show to go forward is refused, nothing pushed', () => {
  let up: FixtureRepo;
  let u: Record<string, string>;
  beforeAll(async () => {
    ({ up, u } = await upstreamWithFork());
  });
  const fresh = () => ({ repository: up.dir, cacheDir: tempDir() });
  /** A checkout of upstream holding every ref, the pull request's too (as the patch step's may). */
  const mirror = async () => {
    const dir = join(tempDir(), 'mastodon.git');
    await git(['clone', '-q', '--mirror', up.dir, dir]);
    return { path: dir };
  };

  /** Deploys `images` over `deployed`: refused (the message returned), nothing pushed; with allowDowngrade it lands. */
  async function refused(deployed: string, images: DeployOptions['images'], more: Partial<DeployOptions> = {}): Promise<string> {
    const s = await served({ 'k.yaml': kustomization(deployed) });
    const head = await s.head();
    const e = await rejection(deploy(opts(s, { policies: undefined, images, ...more })));
    expect(await s.head()).toBe(head);
    expect((await git(['for-each-ref', '--format=%(refname)'], { cwd: s.bare })).stdout.trim()).toBe('refs/heads/main');
    expect(e.message).toMatch(/pass --allow-downgrade to deploy it anyway$/);
    const forced = await deploy(opts(s, { policies: undefined, images, ...more, allowDowngrade: true, now: new Date('2026-08-22T00:00:00Z') }));
    expect(forced.changed).toBe(true);
    return e.message;
  }

  it('a new commit that is only on a fork, or nowhere in upstream', async () => {
    expect(await refused(tag(u.a!), [{ repository: M, tag: tag(u.side!, '4.8.0-alpha.2') }], { upstream: await mirror() })).toMatch(
      new RegExp(`: its commit ${u.side!.slice(0, 7)} is in upstream but not on main of .*mastodon\\.git \\(a fork or an unmerged branch\\)`),
    );
    expect(await refused(tag(u.a!), [{ repository: M, tag: tag(u.side!, '4.8.0-alpha.2') }], { upstream: fresh() })).toMatch(
      new RegExp(`: its commit ${u.side!.slice(0, 7)} was not found in upstream`),
    );
    // The same version on a commit upstream does not have: the ancestry answer used to be "unknown", and passed.
    expect(await refused(tag(u.b!), [{ repository: M, tag: tag('deadbee') }], { upstream: fresh() })).toMatch(/: its commit deadbee was not found in upstream/);
  });

  it('a deployed commit that is not on the tracked branch', async () => {
    expect(await refused(tag(u.side!), [{ repository: M, tag: tag(u.c!, '4.8.0-alpha.2') }], { upstream: await mirror() })).toMatch(
      new RegExp(`over 4\\.8\\.0-alpha\\.1\\+${u.side!.slice(0, 7)} \\(deployed\\): the deployed commit ${u.side!.slice(0, 7)} is in upstream but not on main`),
    );
  });

  it('an upstream commit that is not the one in the image tag', async () => {
    const s = await served({ 'k.yaml': kustomization(tag(u.a!)) });
    const e = await rejection(deploy(opts(s, { policies: undefined, images: [{ repository: M, tag: tag(u.c!) }], upstream: { ...fresh(), commit: u.b } })));
    expect(e.message).toBe(
      `the upstream commit ${u.b} is not the commit ${u.c!.slice(0, 7)} in the image tag ${M}:${tag(u.c!)}: ` +
        'give the commit the images were built from (or none: it is read from the tag), or pass --allow-downgrade to deploy it anyway',
    );
    expect(await s.log()).toEqual(['initial']);
    const r = await deploy(opts(s, { policies: undefined, images: [{ repository: M, tag: tag(u.c!) }], upstream: { ...fresh(), commit: u.c!.slice(0, 10) } }));
    expect(r.changed).toBe(true);
  });

  it('a plain tag over an offmain one; the first offmain tag over a plain one lands', async () => {
    expect(await refused(tag(u.a!), [{ repository: M, tag: 'latest' }], { upstream: fresh() })).toMatch(
      /refusing to deploy ghcr\.io\/acme\/mastodon latest over 4\.8\.0-alpha\.1\+\w{7} \(deployed\): "latest" is not an offmain image tag/,
    );
    const s = await served({ 'k.yaml': kustomization('v4.3.1') });
    const r = await deploy(opts(s, { policies: undefined, images: [{ repository: M, tag: tag(u.c!) }], upstream: fresh(), now: new Date('2026-08-22T00:00:00Z') }));
    expect(r).toMatchObject({ changed: true, previous: { tag: 'v4.3.1' } });
  });

  it('the same version on another commit, with no upstream history to tell', async () => {
    expect(await refused(tag(u.a!), [{ repository: M, tag: tag(u.b!) }])).toMatch(/without the upstream history nothing tells whether \w{7} descends from \w{7}/);
  });

  it('a history that fails while it is asked: says why', async () => {
    const long = await createBareRepo(join(tempDir('offmain-up-'), 'long.git'));
    const line = await long.linearHistory('main', 120, Date.parse('2026-08-01T00:00:00Z') / 1000);
    const s = await served({ 'k.yaml': kustomization(tag(line[9]!)) });
    const moved = `${long.dir}.gone`;
    // The history is opened (100 commits deep) first; the upstream goes away before the deployed commit,
    // 110 commits back, is looked for.
    const base = memoryLogger();
    const log = { ...base, group: <T>(name: string, fn: () => Promise<T>) => (name === 'Clone the config repository' && renameSync(long.dir, moved), base.group(name, fn)) };
    const more = { policies: undefined, images: [{ repository: M, tag: tag(line[119]!) }], upstream: { repository: long.dir, cacheDir: tempDir() } };
    try {
      const e = await rejection(deploy(opts(s, { ...more, log })));
      expect(e.message).toMatch(
        /over 4\.8\.0-alpha\.1\+\w{7} \(deployed\): the upstream history could not be checked \(cannot read the upstream repository .*long\.git .*\); pass --allow-downgrade to deploy it anyway$/,
      );
      expect(await s.log()).toEqual(['initial']);
    } finally {
      renameSync(moved, long.dir);
    }
    expect((await deploy(opts(s, { ...more, allowDowngrade: true, now: new Date('2026-08-22T00:00:00Z') }))).changed).toBe(true);
  });
});

describe('deploy, mode pull-request', () => {
  let api: GitHubStandIn;
  const BOT = 'github-actions[bot]';
  const repos: Record<string, { gitDir?: string; allowAutoMerge?: boolean }> = {};
  beforeAll(async () => {
    api = await startGitHubStandIn({ tokens: { [PUSH]: { login: BOT }, [READ]: { login: 'reader', readOnly: true } }, repos });
  });
  afterAll(() => api.close());

  async function servedOnApi(files: Record<string, string>, allowAutoMerge = true) {
    const s = await served(files);
    repos[s.slug] = { gitDir: s.bare, allowAutoMerge };
    return s;
  }
  const pr = (more: Partial<DeployOptions> = {}) => ({ mode: 'pull-request' as const, apiUrl: api.url, policies: undefined, ...more });

  it('measures the lag for what the base branch runs until the pull request is merged', async () => {
    const up = await createBareRepo(join(tempDir('offmain-up-'), 'mastodon.git'));
    const a = await up.commit({ files: { 'x.rb': '1\n' }, message: 'a', date: '2026-08-19T12:00:00Z' });
    const b = await up.commit({ files: { 'x.rb': '2\n' }, message: 'b', date: '2026-08-20T12:00:00Z', parents: [a], ref: 'refs/heads/main' });
    const t = (sha: string) => `4.8.0-alpha.1_${sha.slice(0, 7)}`;
    const s = await servedOnApi({ 'k.yaml': kustomization(t(a), t(a)) });
    const r = await deploy(
      opts(
        s,
        pr({
          images: [{ repository: M, tag: t(b) }, { repository: S, tag: t(b) }],
          upstream: { repository: up.dir, commit: b, cacheDir: tempDir() },
          now: new Date('2026-08-21T12:00:00Z'),
        }),
      ),
    );
    expect(r.changed).toBe(true);
    expect(r.pullRequest?.created).toBe(true);
    // The cluster still runs `a`: it lacks `b`, which landed 24 h ago.
    expect(r.freshness).toMatchObject({ deployed: { sha: a }, lag: { behind: 1, hours: 24 } });
  });

  it('pushes offmain/<tag> and opens one pull request (labels, auto-merge); a rerun updates it', async () => {
    const s = await servedOnApi({ 'k.yaml': kustomization(OLD) });
    const base = await s.head();
    const r = await deploy(opts(s, pr({ labels: ['deploy', 'offmain'], autoMerge: 'squash', patchReport: REPORT })));
    expect(await s.head()).toBe(base);
    const branch = `offmain/${NEW}`;
    expect(await s.log(branch)).toEqual(['mastodon 4.8.0-alpha.1+2f40549 -> 4.8.0-alpha.2+9c1e3d0', 'initial']);
    expect(await s.show('k.yaml', branch)).toBe(kustomization(NEW, NEW, DA, DB));
    const p = api.pulls.find((x) => x.repo === s.name)!;
    expect(p).toMatchObject({ state: 'open', head: branch, base: 'main', user: BOT, labels: ['deploy', 'offmain'], autoMerge: 'SQUASH' });
    expect(p.title).toBe('mastodon 4.8.0-alpha.1+2f40549 -> 4.8.0-alpha.2+9c1e3d0');
    expect(p.body).toContain(`Images:\n- ${M}:${NEW}@${DA}`);
    expect(p.body).toContain(PR_MARKER);
    expect(r).toMatchObject({
      changed: true,
      commit: (await git(['rev-parse', branch], { cwd: s.bare })).stdout.trim(),
      pullRequest: { number: p.number, url: `https://github.com/${s.slug}/pull/${p.number}`, created: true, branch, autoMerge: 'enabled', closed: [] },
    });

    const again = await deploy(opts(s, pr()));
    expect(again.pullRequest).toMatchObject({ number: p.number, created: false });
    expect(again.commit).toBe(r.commit);
    expect(api.pulls.filter((x) => x.repo === s.name)).toHaveLength(1);
  });

  it('closes only the older offmain pull requests it opened itself, never a person\'s', async () => {
    const s = await servedOnApi({ 'k.yaml': kustomization(OLD) });
    const common = { owner: 'acme', repo: s.name, base: 'main' };
    const mine = `Earlier deploy\n\n${PR_MARKER}\n`;
    const olderBot = api.addPull({ ...common, head: 'offmain/4.8.0-alpha.1_aaaaaaa', user: BOT, title: 'older', body: mine });
    const person = api.addPull({ ...common, head: 'offmain/4.8.0-alpha.1_bbbbbbb', user: 'alice', title: 'by hand', body: mine });
    const newerBot = api.addPull({ ...common, head: 'offmain/4.9.0_ccccccc', user: BOT, title: 'newer', body: mine });
    const feature = api.addPull({ ...common, head: 'feature/ingress', user: BOT, title: 'feature', body: mine });
    const fork = api.addPull({ ...common, head: 'offmain/4.8.0-alpha.1_ddddddd', headRepo: 'mallory/config', user: BOT, title: 'fork', body: mine });
    const unmarked = api.addPull({ ...common, head: 'offmain/4.8.0-alpha.1_eeeeeee', user: BOT, title: 'no marker', body: 'hand-written' });
    const log = memoryLogger();
    const r = await deploy(opts(s, pr({ log })));
    expect(r.pullRequest?.closed).toEqual([olderBot.number]);
    expect(olderBot.state).toBe('closed');
    expect(olderBot.comments).toEqual([`Superseded by #${r.pullRequest!.number} (offmain/${NEW}). Closed by offmain.`]);
    for (const p of [person, newerBot, feature, fork, unmarked]) expect([p.title, p.state, p.comments]).toEqual([p.title, 'open', []]);
    expect(log.lines.join('\n')).toMatch(/left pull request #\d+ \(offmain\/4\.8\.0-alpha\.1_bbbbbbb\) open: it was not opened by offmain/);

    const kept = await deploy(opts(s, pr({ images: [{ repository: M, tag: '4.8.0-alpha.3_fffffff' }], closeSuperseded: false })));
    expect(kept.pullRequest?.closed).toEqual([]);
  });

  it('auto-merge not allowed: the pull request stands, with a warning', async () => {
    const s = await servedOnApi({ 'k.yaml': kustomization(OLD) }, false);
    const log = memoryLogger();
    const r = await deploy(opts(s, pr({ autoMerge: 'merge', log })));
    expect(r.pullRequest?.autoMerge).toBe('Pull request Auto merge is not allowed for this repository');
    expect(log.lines.join('\n')).toMatch(/warning: auto-merge is not allowed in acme\/config\d+'s settings/);
    expect(log.lines.join('\n')).toMatch(/warning: auto-merge could not be enabled on pull request #\d+ \(Pull request Auto merge is not allowed/);
  });

  it('when the pull request cannot be opened, the pushed branch is removed again', async () => {
    const s = await servedOnApi({ 'k.yaml': kustomization(OLD) });
    // The token may push with git but not write through the API (a fine-grained token without pull-requests: write).
    const standIn = await startGitHubStandIn({ tokens: { [PUSH]: { login: BOT, readOnly: true } }, repos: { [s.slug]: { gitDir: s.bare } } });
    try {
      const e = await rejection(deploy(opts(s, pr({ apiUrl: standIn.url }))));
      expect(e.message).toBe(
        `GitHub refused opening a pull request in ${s.slug} (403 Resource not accessible by personal access token): the token needs pull-requests: write and contents: write (for GITHUB_TOKEN, also allow GitHub Actions to create pull requests in the repository settings)`,
      );
    } finally {
      await standIn.close();
    }
    expect((await git(['for-each-ref', '--format=%(refname)'], { cwd: s.bare })).stdout.trim()).toBe('refs/heads/main');
  });

  it('needs a GitHub repository; with nothing to change opens nothing', async () => {
    const s = await servedOnApi({ 'k.yaml': kustomization(NEW, NEW, DA, DB) });
    await expect(deploy(opts(s, pr({ repository: '/srv/git/config.git' })))).rejects.toThrow(/mode pull-request needs a repository on GitHub .*use mode push/);
    const r = await deploy(opts(s, pr()));
    expect(r).toMatchObject({ changed: false });
    expect(r.pullRequest).toBeUndefined();
    expect(api.pulls.filter((x) => x.repo === s.name)).toHaveLength(0);
  });
});

describe('offmain bump and offmain deploy', () => {
  async function cli(command: keyof typeof deployCommands, args: string[]) {
    const out: string[] = [];
    const log = memoryLogger();
    const code = await deployCommands[command](args, { stdout: (x) => out.push(x), log });
    return { code, stdout: out.join('\n'), log: log.lines };
  }

  it('bump --json lists each file, line, old and new value', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'k.yaml'), kustomization(OLD));
    const r = await cli('bump', ['--dir', dir, '--set', `${M}=${NEW}@${DA}`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      changed: true,
      files: ['k.yaml'],
      changes: [{ file: 'k.yaml', line: 6, repository: M, kind: 'kustomize', old: OLD, new: `${NEW}@${DA}` }],
    });
    const text = await cli('bump', ['--dir', dir, '--set', `${M}=${NEW}@${DA}`]);
    expect(text.stdout).toBe('already at the target: 1 reference, nothing changed');
  });

  it('bump exits 1 and touches no file for a missing reference or a downgrade', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'k.yaml'), kustomization(NEW));
    const before = snapshot(dir);
    const missing = await cli('bump', ['--dir', dir, '--set', `ghcr.io/acme/nope=${NEW}`]);
    expect([missing.code, missing.log[0]]).toEqual([1, expect.stringMatching(/^error: no reference to ghcr\.io\/acme\/nope found/)]);
    const down = await cli('bump', ['--dir', dir, '--set', `${M}=${OLD}`]);
    expect([down.code, down.log[0]]).toEqual([1, expect.stringMatching(/^error: k\.yaml:\d+: refusing to downgrade/)]);
    expect(snapshot(dir)).toEqual(before);
    expect((await cli('bump', ['--dir', dir])).log).toEqual(['error: offmain bump: --set REPOSITORY=TAG[@DIGEST] is required (see offmain --help)']);
  });

  it('deploy pushes and prints JSON, with the token from the environment only; a bad option is one line', async () => {
    const s = await served({ 'k.yaml': kustomization(OLD) });
    // A token argument would show in `ps` and shell history: there is none.
    const flag = await cli('deploy', ['--repository', s.url, '--token', PUSH, '--image', `${M}=${NEW}@${DA}`]);
    expect(flag.code).toBe(1);
    expect(flag.log.join('\n')).toMatch(/Unknown option '--token'/);
    const saved = process.env.OFFMAIN_CONFIG_TOKEN;
    process.env.OFFMAIN_CONFIG_TOKEN = PUSH;
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli('deploy', ['--repository', s.url, '--image', `${M}=${NEW}@${DA}`, '--author', 'Jane <jane@example.org>', '--json']);
    } finally {
      if (saved === undefined) delete process.env.OFFMAIN_CONFIG_TOKEN;
      else process.env.OFFMAIN_CONFIG_TOKEN = saved;
    }
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as DeployResult;
    expect(result).toMatchObject({ changed: true, files: ['k.yaml'], commit: await s.head(), previous: { version: '4.8.0-alpha.1+2f40549' } });
    expect((await git(['show', '-s', '--format=%an <%ae>', 'main'], { cwd: s.bare })).stdout.trim()).toBe('Jane <jane@example.org>');
    const bad = await cli('deploy', ['--repository', s.url, '--image', `${M}=${NEW}`, '--mode', 'merge']);
    expect(bad).toMatchObject({ code: 1, log: ['error: offmain deploy: --mode is "merge": expected push or pull-request'] });
  });
});

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/core/git.js';
import { commitUrl } from '../../src/core/remote.js';
import { normalizeCommit, resolveUpstream, type ResolveOptions } from '../../src/patch/upstream.js';
import { createBareRepo, makeUpstream, VERSION_RB, type UpstreamFixture } from '../support/git-fixture.js';
import { tempDir } from '../support/tmp.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';
import { rejection } from '../support/errors.js';

const A = 'a'.repeat(40);

describe('normalizeCommit', () => {
  it('validates shas', () => {
    expect(normalizeCommit(' ABCDEF1 ')).toBe('abcdef1');
    expect(normalizeCommit(A)).toBe(A);
    for (const bad of ['abc123', 'g123456', 'main', `${A}0`, '-abcdef1']) {
      expect(() => normalizeCommit(bad)).toThrow(/is not a valid sha/);
    }
  });
});

// -----------------------------------------------------------------------------------------------
// Integration: real git, served over file:// and over smart HTTP with Basic auth.
// -----------------------------------------------------------------------------------------------

const TOKEN = 'ghs_fixtureToken123';
let root: string;
let fx: UpstreamFixture;
let counter = 0;

beforeAll(async () => {
  root = tempDir('offmain-upstream-');
  fx = await makeUpstream(path.join(root, 'served', 'upstream.git'));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function newPath(): string {
  return path.join(root, 'checkouts', `c${++counter}`);
}

async function out(cwd: string, args: string[]): Promise<string> {
  return (await git(args, { cwd })).stdout.trim();
}

async function missingObjects(cwd: string): Promise<number> {
  const list = await out(cwd, ['rev-list', '--objects', '--all', '--missing=print']);
  return list.split('\n').filter((l) => l.startsWith('?')).length;
}


describe.each(['file', 'http'] as const)('resolveUpstream over %s', (transport) => {
  let server: GitHttpServer | undefined;
  let url: string;
  const resolve = (o: Partial<ResolveOptions> = {}) =>
    resolveUpstream({
      repository: url,
      token: transport === 'http' ? TOKEN : undefined,
      path: newPath(),
      ...o,
    });

  beforeAll(async () => {
    if (transport === 'http') {
      server = await startGitHttpServer({ root: path.join(root, 'served'), users: { 'x-access-token': TOKEN } });
      url = `${server.url}/upstream.git`;
    } else {
      url = fx.url;
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('checks out the newest main commit, shallow, with its UTC committer date', async () => {
    const r = await resolve();
    expect(r).toEqual({
      repository: url,
      track: 'main',
      ref: 'main',
      sha: fx.shas.mainHead,
      shortSha: fx.shas.mainHead.slice(0, 7),
      date: '2026-08-21T14:03:11Z',
      path: r.path,
    });
    expect(path.isAbsolute(r.path)).toBe(true);
    expect(await out(r.path, ['rev-parse', 'HEAD'])).toBe(fx.shas.mainHead);
    expect(await out(r.path, ['rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(await out(r.path, ['rev-list', '--count', 'HEAD'])).toBe('1');
    expect(await readFile(path.join(r.path, VERSION_RB), 'utf8')).toMatch(/def minor\n\s+4\n/);
    expect(existsSync(path.join(r.path, 'app/four.rb'))).toBe(true);
    expect(existsSync(path.join(r.path, 'app/one.rb'))).toBe(false);
    expect(await out(r.path, ['status', '--porcelain'])).toBe('');
  });

  it('track release picks v4.3.1 although it is not on main', async () => {
    const r = await resolve({ track: 'release' });
    expect(r).toMatchObject({ track: 'release', tag: 'v4.3.1', ref: 'stable-4.3', sha: fx.shas.v431 });
    expect(r.date).toBe('2026-04-10T10:00:00Z');
    expect(await out(r.path, ['rev-parse', 'HEAD'])).toBe(fx.shas.v431);
    expect(await readFile(path.join(r.path, VERSION_RB), 'utf8')).toMatch(/def patch\n\s+1\n/);
    expect(await out(r.path, ['rev-parse', '--is-shallow-repository'])).toBe('true');
  });

  it('track release with ref stable-4.2 picks the newest 4.2 release', async () => {
    const r = await resolve({ track: 'release', ref: 'stable-4.2' });
    expect(r).toMatchObject({ tag: 'v4.2.1', ref: 'stable-4.2', sha: fx.shas.v421 });
  });

  it('accepts a full sha on main and fetches blobless', async () => {
    const r = await resolve({ commit: fx.shas.main4 });
    expect(r).toMatchObject({ ref: 'main', sha: fx.shas.main4, date: '2026-02-02T10:00:00Z' });
    expect(r.tag).toBeUndefined();
    expect(await out(r.path, ['rev-parse', 'HEAD'])).toBe(fx.shas.main4);
    expect(existsSync(path.join(r.path, 'app/two.rb'))).toBe(true);
    expect(existsSync(path.join(r.path, 'app/four.rb'))).toBe(false);
    expect(await readFile(path.join(r.path, 'app/one.rb'), 'utf8')).toBe('one\n');
    expect(await out(r.path, ['config', 'remote.origin.partialclonefilter'])).toBe('blob:none');
    // Blobs of other commits (e.g. app/four.rb at main's head) were not downloaded.
    expect(await missingObjects(r.path)).toBeGreaterThan(0);
  });

  it('expands an abbreviated sha on main and names the release tag of that commit', async () => {
    const r = await resolve({ commit: fx.shas.v420.slice(0, 9).toUpperCase() });
    expect(r).toMatchObject({ ref: 'main', sha: fx.shas.v420, shortSha: fx.shas.v420.slice(0, 7), tag: 'v4.2.0' });
    expect(await out(r.path, ['rev-parse', 'HEAD'])).toBe(fx.shas.v420);
    expect(await missingObjects(r.path)).toBeGreaterThan(0);
  });

  it('accepts a commit on stable-4.3 with track release, and a release tag commit by sha', async () => {
    const fix = await resolve({ track: 'release', commit: fx.shas.stable43Head.slice(0, 7) });
    expect(fix).toMatchObject({ ref: 'stable-4.3', sha: fx.shas.stable43Head });
    expect(fix.tag).toBeUndefined();
    expect(existsSync(path.join(fix.path, 'app/fix.rb'))).toBe(true);

    const rel = await resolve({ track: 'release', commit: fx.shas.v430 });
    expect(rel).toMatchObject({ ref: 'stable-4.3', sha: fx.shas.v430, tag: 'v4.3.0' });
  });

  it('refuses a fork-only commit as not on main', async () => {
    const e = await rejection(resolve({ commit: fx.shas.fork }));
    expect(e.message).toBe(
      `commit ${fx.shas.fork.slice(0, 7)} exists but is not on main of ${url}: it is probably from a fork, an unmerged pull request or another branch; pass a commit from that branch, or set ref/track`,
    );
  });

  it('refuses a release commit on track main, pointing at track release', async () => {
    const e = await rejection(resolve({ commit: fx.shas.v431 }));
    expect(e.message).toMatch(/exists but is not on main of .*: it is release v4\.3\.1; set track to release/);
  });

  it('refuses a fork-only commit on track release too', async () => {
    const e = await rejection(resolve({ track: 'release', commit: fx.shas.fork }));
    expect(e.message).toMatch(/^commit \w{7} exists but is not on stable-4\.3, stable-4\.2 or main of /);
  });

  it('refuses unknown commits, full and abbreviated', async () => {
    const full = await rejection(resolve({ commit: '1234567890abcdef1234567890abcdef12345678' }));
    expect(full.message).toBe(`commit 1234567 was not found in ${url}: check the sha, or pass the full 40-character sha`);
    const short = await rejection(resolve({ commit: fx.shas.fork.slice(0, 8) }));
    expect(short.message).toBe(
      `commit ${fx.shas.fork.slice(0, 8)} was not found in ${url}: check the sha, or pass the full 40-character sha`,
    );
  });

  it('refuses the sha of a tree, a file or an annotated tag as no commit', async () => {
    const served = path.join(root, 'served', 'upstream.git');
    const tagObject = (await git(['rev-parse', 'refs/tags/v4.2.0'], { cwd: served })).stdout.trim();
    for (const spec of [`${fx.shas.main4}^{tree}`, `${fx.shas.main4}:app/one.rb`, tagObject]) {
      const sha = (await git(['rev-parse', spec], { cwd: served })).stdout.trim();
      if (spec === tagObject) expect((await git(['cat-file', '-t', sha], { cwd: served })).stdout.trim()).toBe('tag');
      const e = await rejection(resolve({ commit: sha }));
      expect(e.message).toBe(`commit ${sha.slice(0, 7)} was not found in ${url}: check the sha, or pass the full 40-character sha`);
    }
  });

  it('refuses an unknown branch and an invalid sha', async () => {
    expect((await rejection(resolve({ ref: 'develop' }))).message).toBe(
      `branch develop was not found in ${url}: check the ref setting (and the repository URL)`,
    );
    expect((await rejection(resolve({ commit: 'main~1' }))).message).toMatch(/^commit "main~1" is not a valid sha: /);
    expect((await rejection(resolve({ ref: '--upload-pack=touch /tmp/x' }))).message).toMatch(/is not a valid branch name/);
  });

  it('reuses an earlier checkout of the same repository and resets its tree', async () => {
    const p = newPath();
    const first = await resolve({ path: p });
    await writeFile(path.join(p, 'untracked.txt'), 'x');
    await writeFile(path.join(p, 'app/four.rb'), 'patched\n');
    const second = await resolve({ path: p, commit: fx.shas.main5 });
    expect(second.sha).toBe(fx.shas.main5);
    expect(second.date).toBe('2026-03-02T08:00:00Z');
    expect(first.path).toBe(second.path);
    expect(existsSync(path.join(p, 'untracked.txt'))).toBe(false);
    expect(existsSync(path.join(p, 'app/four.rb'))).toBe(false);
    expect(await out(p, ['status', '--porcelain'])).toBe('');
    const third = await resolve({ path: p, track: 'release' });
    expect(third.sha).toBe(fx.shas.v431);
    expect(await out(p, ['rev-parse', 'HEAD'])).toBe(fx.shas.v431);
  });
});

describe('resolveUpstream: paths, auth and servers', () => {
  let server: GitHttpServer;
  let httpUrl: string;

  beforeAll(async () => {
    server = await startGitHttpServer({ root: path.join(root, 'served'), users: { 'x-access-token': TOKEN } });
    httpUrl = `${server.url}/upstream.git`;
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives a clear error for a wrong or missing token, without the token', async () => {
    const wrong = await rejection(resolveUpstream({ repository: httpUrl, token: 'wrong-token-value', path: newPath() }));
    expect(wrong.message).toMatch(new RegExp(`^cannot read the git repository ${httpUrl} \\(.+\\): check the repository URL, and the token if it is private$`));
    expect(wrong.message).not.toContain('wrong-token-value');
    const none = await rejection(resolveUpstream({ repository: httpUrl, path: newPath() }));
    expect(none.message).toContain(`cannot read the git repository ${httpUrl}`);
  });

  it('takes credentials from the URL, and never shows them', async () => {
    const withCreds = httpUrl.replace('http://', `http://x-access-token:${TOKEN}@`);
    const r = await resolveUpstream({ repository: withCreds, path: newPath(), commit: fx.shas.main4 });
    expect(r.sha).toBe(fx.shas.main4);
    expect(r.repository).toBe(httpUrl);
    const config = await readFile(path.join(r.path, '.git', 'config'), 'utf8');
    expect(config).not.toContain(TOKEN);

    const bad = httpUrl.replace('http://', 'http://x-access-token:sekrit-password@');
    const e = await rejection(resolveUpstream({ repository: bad, path: newPath() }));
    expect(e.message).not.toContain('sekrit-password');
    expect(e.message).toContain(httpUrl);
  });

  it('names an unreachable repository', async () => {
    const missing = `${server.url}/nope.git`;
    const e = await rejection(resolveUpstream({ repository: missing, token: TOKEN, path: newPath() }));
    expect(e.message).toMatch(new RegExp(`^cannot read the git repository ${missing} .*check the repository URL`));
    const local = await rejection(resolveUpstream({ repository: path.join(root, 'nothing-here'), path: newPath() }));
    expect(local.message).toContain(`cannot read the git repository ${path.join(root, 'nothing-here')}`);
  });

  it('works with a local path repository', async () => {
    const r = await resolveUpstream({ repository: fx.repo.dir, path: newPath(), commit: fx.shas.main1 });
    expect(r.sha).toBe(fx.shas.main1);
    expect(r.webUrl).toBeUndefined();
  });

  it('refuses a non-empty path and a checkout of another repository', async () => {
    const p = newPath();
    await mkdir(p, { recursive: true });
    await writeFile(path.join(p, 'file.txt'), 'x');
    expect((await rejection(resolveUpstream({ repository: fx.url, path: p }))).message).toBe(
      `path ${p} is not empty and is not an offmain checkout: choose an empty or new directory for the upstream tree`,
    );
    const other = newPath();
    await resolveUpstream({ repository: fx.url, path: other });
    expect((await rejection(resolveUpstream({ repository: httpUrl, token: TOKEN, path: other }))).message).toBe(
      `path ${other} holds a checkout of ${fx.url}, not ${httpUrl}: choose another path, or empty it`,
    );
  });

  it('falls back to a full fetch when the server refuses filters', async () => {
    const up = await makeUpstream(path.join(root, 'served', 'nofilter.git'), { allowFilter: false });
    for (const repository of [up.url, `${server.url}/nofilter.git`]) {
      const r = await resolveUpstream({ repository, token: TOKEN, path: newPath(), commit: up.shas.main4.slice(0, 10) });
      expect(r.sha).toBe(up.shas.main4);
      expect(await missingObjects(r.path)).toBe(0);
      expect(existsSync(path.join(r.path, 'app/two.rb'))).toBe(true);
    }
  });

  it('deepens the history step by step to find an old commit, and fetches it all to refuse one', async () => {
    const long = await createBareRepo(path.join(root, 'served', 'long.git'));
    const shas = await long.linearHistory('main', 250, Date.UTC(2026, 0, 1) / 1000);
    const oldest = shas[0]!;
    const side = await long.commit({ files: { 'x.txt': 'x' }, message: 'side', date: '2026-01-01T00:00:00Z', parents: [oldest] });
    await long.setRef('refs/pull/7/head', side);
    const longUrl = `${server.url}/long.git`;

    const p = newPath();
    const recent = await resolveUpstream({ repository: longUrl, token: TOKEN, path: p, commit: shas[240]! });
    expect(recent.sha).toBe(shas[240]);
    expect(await out(p, ['rev-parse', '--is-shallow-repository'])).toBe('true');
    // Bounded by the commit's date: its 10 descendants and itself (and the boundary), not a step of 100.
    expect(Number(await out(p, ['rev-list', '--count', 'refs/remotes/origin/main']))).toBeLessThanOrEqual(12);

    const r = await resolveUpstream({ repository: longUrl, token: TOKEN, path: p, commit: oldest.slice(0, 7) });
    expect(r.sha).toBe(oldest);
    expect(r.date).toBe('2026-01-01T00:01:00Z');
    expect(await out(p, ['rev-parse', '--is-shallow-repository'])).toBe('false');
    expect(await out(p, ['rev-list', '--count', 'refs/remotes/origin/main'])).toBe('250');
    expect(await readFile(path.join(p, 'counter.txt'), 'utf8')).toBe('1\n');

    const e = await rejection(resolveUpstream({ repository: longUrl, token: TOKEN, path: newPath(), commit: side }));
    expect(e.message).toMatch(/^commit \w{7} exists but is not on main of /);
  });

  it('says so when there is no stable release tag', async () => {
    const bare = await createBareRepo(path.join(root, 'served', 'notags.git'));
    await bare.commit({ files: { 'a.txt': 'a' }, message: 'a', date: '2026-01-01T00:00:00Z', ref: 'refs/heads/main' });
    const e = await rejection(resolveUpstream({ repository: bare.url, track: 'release', path: newPath() }));
    expect(e.message).toBe(`no stable release tag (vX.Y.Z) was found in ${bare.url}: use track main, or check the repository`);
  });

  it('adds a github commit URL for github repositories (URL shape only, no network)', () => {
    expect(commitUrl('https://github.com/mastodon/mastodon.git', fx.shas.mainHead)).toBe(
      `https://github.com/mastodon/mastodon/commit/${fx.shas.mainHead}`,
    );
  });

  it('serves pushes over HTTP, and refuses them for read-only users', async () => {
    const ro = await startGitHttpServer({
      root: path.join(root, 'served'),
      users: { writer: 'w-pass' },
      readOnlyUsers: { reader: 'r-pass' },
    });
    try {
      const work = newPath();
      const src = ro.url.replace('http://', 'http://writer:w-pass@') + '/upstream.git';
      const pushTarget = await createBareRepo(path.join(root, 'served', 'pushed.git'));
      await git(['clone', '-q', src, work]);
      const writer = ro.url.replace('http://', 'http://writer:w-pass@') + '/pushed.git';
      const reader = ro.url.replace('http://', 'http://reader:r-pass@') + '/pushed.git';
      await git(['push', '-q', writer, 'HEAD:refs/heads/main'], { cwd: work });
      expect(await out(pushTarget.dir, ['rev-parse', 'main'])).toBe(fx.shas.mainHead);
      const denied = await git(['push', reader, 'HEAD:refs/heads/other'], { cwd: work, allowFailure: true });
      expect(denied.code).not.toBe(0);
      expect(denied.stderr).toMatch(/403/);
      const ls = await git(['ls-remote', reader], { allowFailure: true });
      expect(ls.stdout).toContain(fx.shas.mainHead);
    } finally {
      await ro.close();
    }
  });
});

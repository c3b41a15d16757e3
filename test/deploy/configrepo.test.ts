import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  classifyPushFailure,
  ConfigCheckout,
  configRemote,
  parseAuthor,
  updateBranch,
} from '../../src/deploy/configrepo.js';
import { git } from '../../src/core/git.js';
import { memoryLogger } from '../../src/core/log.js';
import { createBareRepo } from '../support/git-fixture.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';
import { tempDir } from '../support/tmp.js';
import { rejection } from '../support/errors.js';

const PUSH = 'push-token-5f3a9c1e';
const READ = 'read-token-77b2d0aa';
const AUTHOR = { name: 'offmain', email: 'offmain@users.noreply.github.com' };

let server: GitHttpServer;
let root: string;
let n = 0;

beforeAll(async () => {
  root = tempDir('offmain-git-');
  server = await startGitHttpServer({
    root,
    users: { 'x-access-token': PUSH, alice: 'alice-s3cret' },
    readOnlyUsers: { 'x-access-token': READ },
  });
});
afterAll(() => server.close());

/** A served config repository with one commit on `branch` (its default branch). */
async function served(files: Record<string, string> = { 'app.yaml': 'image: ghcr.io/acme/mastodon:1\n' }, branch = 'main') {
  const name = `config${++n}`;
  const bare = join(root, 'acme', `${name}.git`);
  const repo = await createBareRepo(bare);
  const sha = await repo.commit({ files, message: 'initial', date: '2026-08-20T10:00:00Z', ref: `refs/heads/${branch}` });
  if (branch !== 'main') await repo.run(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  return { repo, bare, sha, url: `${server.url}/acme/${name}.git`, name };
}


describe('configRemote', () => {
  it('maps OWNER/NAME to the GitHub server, overridable', () => {
    expect(configRemote('acme/mastodon-config', { serverUrl: 'https://github.com' })).toMatchObject({
      fetchUrl: 'https://github.com/acme/mastodon-config.git',
      github: { owner: 'acme', repo: 'mastodon-config' },
      webUrl: 'https://github.com/acme/mastodon-config',
    });
    expect(configRemote('acme/config.git', { serverUrl: 'http://127.0.0.1:9/' })).toMatchObject({
      fetchUrl: 'http://127.0.0.1:9/acme/config.git',
      github: { owner: 'acme', repo: 'config' },
    });
  });

  it('takes any git URL; github.com URLs are known as GitHub repositories, others are not', () => {
    expect(configRemote('git@github.com:acme/config.git').github).toEqual({ owner: 'acme', repo: 'config' });
    const other = configRemote('https://git.example.com/ops/config.git', { serverUrl: 'https://github.com' });
    expect(other.fetchUrl).toBe('https://git.example.com/ops/config.git');
    expect(other.github).toBeUndefined();
    expect(configRemote('./local/config').fetchUrl).toMatch(/^\/.*\/local\/config$/);
  });

  it('moves credentials out of the URL into a header, and remembers them as secrets', () => {
    const r = configRemote('https://bob:hunter22@git.example.com/ops/config.git');
    expect(r.fetchUrl).toBe('https://git.example.com/ops/config.git');
    expect(r.display).toBe('https://git.example.com/ops/config.git');
    expect(r.env?.GIT_CONFIG_KEY_0).toBe('http.https://git.example.com/ops/config.git.extraHeader');
    expect(r.env?.GIT_CONFIG_VALUE_0).toBe(`Authorization: Basic ${Buffer.from('bob:hunter22').toString('base64')}`);
    expect(r.secrets).toContain('hunter22');
    // A token wins over URL credentials.
    const t = configRemote('https://bob:hunter22@git.example.com/ops/config.git', { token: 'tok-123456' });
    expect(t.env?.GIT_CONFIG_VALUE_0).toBe(`Authorization: Basic ${Buffer.from('x-access-token:tok-123456').toString('base64')}`);
  });

  it('refuses what is not a repository', () => {
    expect(() => configRemote('')).toThrow(/not a git URL or OWNER\/NAME/);
    expect(() => configRemote('--upload-pack=x')).toThrow(/not a git URL/);
  });
});

describe('pure helpers', () => {
  it('parses an author', () => {
    expect(parseAuthor('offmain <offmain@users.noreply.github.com>')).toEqual(AUTHOR);
    expect(parseAuthor(' Jane Q. Admin  <jane@example.org> ')).toEqual({ name: 'Jane Q. Admin', email: 'jane@example.org' });
    expect(() => parseAuthor('jane@example.org')).toThrow(/not "Name <email>"/);
    expect(() => parseAuthor('<jane@example.org>')).toThrow(/not "Name <email>"/);
  });

  it('classifies push failures from git and from GitHub', () => {
    expect(classifyPushFailure('!\tHEAD:refs/heads/main\t[rejected] (fetch first)')).toBe('race');
    expect(classifyPushFailure('!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)')).toBe('race');
    expect(classifyPushFailure('!\tHEAD:refs/heads/offmain/x\t[rejected] (stale info)')).toBe('race');
    expect(classifyPushFailure("!\tHEAD:refs/heads/main\t[remote rejected] (cannot lock ref 'refs/heads/main': is at 1 but expected 2)")).toBe('race');
    expect(classifyPushFailure('!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)')).toBe('protected');
    expect(
      classifyPushFailure('remote: error: GH006: Protected branch update failed for refs/heads/main.\n!\tHEAD:refs/heads/main\t[remote rejected] (protected branch hook declined)'),
    ).toBe('protected');
    expect(classifyPushFailure("fatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 403")).toBe('forbidden');
    expect(classifyPushFailure('remote: Permission to a/b.git denied to github-actions[bot].')).toBe('forbidden');
    expect(classifyPushFailure("fatal: Authentication failed for 'https://github.com/a/b.git/'")).toBe('unauthorized');
    expect(classifyPushFailure('fatal: something else')).toBe('other');
  });

  it('backs off exponentially with ±50% jitter', () => {
    expect(backoffDelay(1, 100, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, () => 0.999999)).toBe(150);
    expect(backoffDelay(3, 100, () => 0.5)).toBe(400);
    const seen = new Set(Array.from({ length: 20 }, () => backoffDelay(2, 100)));
    expect(seen.size).toBeGreaterThan(1);
    for (const d of seen) expect(d >= 100 && d <= 300).toBe(true);
  });
});

describe('ConfigCheckout over smart HTTP with Basic auth', () => {
  it('clones the default branch shallowly, whatever it is called', async () => {
    const s = await served({ 'a.yaml': 'x: 1\n' }, 'live');
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c') });
    expect(co.branch).toBe('live');
    expect(co.defaultBranch).toBe('live');
    expect(await co.head()).toBe(s.sha);
    expect((await co.run(['rev-parse', '--is-shallow-repository'])).stdout.trim()).toBe('true');
  });

  it('names an unknown branch and the default one', async () => {
    const s = await served();
    const e = await rejection(ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c'), branch: 'prod' }));
    expect(e.message).toMatch(new RegExp(`branch prod was not found in the config repository ${s.url}: check the branch setting \\(the default branch is main\\)`));
  });

  it('says the credentials were refused (401), without the token', async () => {
    const s = await served();
    const e = await rejection(ConfigCheckout.clone({ remote: configRemote(s.url, { token: 'wrong-token-123' }), dir: join(tempDir(), 'c') }));
    expect(e.message).toMatch(/credentials were refused \(HTTP 401\): check the token/);
    expect(e.message).not.toContain('wrong-token-123');
  });

  it('reads and pushes with credentials written in the URL, which never show up', async () => {
    const s = await served();
    const url = s.url.replace('http://', 'http://alice:alice-s3cret@');
    const log = memoryLogger();
    const co = await ConfigCheckout.clone({ remote: configRemote(url), dir: join(tempDir(), 'c'), log });
    expect((await co.run(['remote', 'get-url', 'origin'])).stdout.trim()).toBe(s.url);
    writeFileSync(join(co.dir, 'b.yaml'), 'y: 2\n');
    const sha = await co.commit('add b\n', ['b.yaml'], AUTHOR);
    expect(await co.push('main')).toEqual({ ok: true, sha });
    expect(await s.repo.run(['rev-parse', 'main'])).toBe(sha);
    expect(log.lines.join('\n')).not.toContain('alice-s3cret');
  });

  it('commits with the given author and committer, and only the given files', async () => {
    const s = await served({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c') });
    writeFileSync(join(co.dir, 'a.yaml'), 'a: 2\n');
    const sha = await co.commit('subject\n\nbody\n', ['a.yaml'], { name: 'Jane Admin', email: 'jane@example.org' });
    const show = (await co.run(['show', '-s', '--format=%an <%ae>|%cn <%ce>|%B', sha])).stdout;
    expect(show).toBe('Jane Admin <jane@example.org>|Jane Admin <jane@example.org>|subject\n\nbody\n\n');
    expect((await co.run(['show', '--name-only', '--format=', sha])).stdout.trim()).toBe('a.yaml');
  });

  it('refuses a push without push rights (403) with what the token needs', async () => {
    const s = await served();
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: READ }), dir: join(tempDir(), 'c') });
    writeFileSync(join(co.dir, 'b.yaml'), 'y: 2\n');
    await co.commit('add b\n', ['b.yaml'], AUTHOR);
    const e = await rejection(co.push('main'));
    expect(e.message).toBe(
      `the token may not push to main of the config repository ${s.url} (HTTP 403): give it write access to the repository contents (contents: write), or use a deploy key or token with push rights`,
    );
    expect(await s.repo.run(['rev-parse', 'main'])).toBe(s.sha);
  });

  it('on a protected branch, suggests pull-request mode', async () => {
    const s = await served();
    const hook = join(s.bare, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = "refs/heads/main" ]; then echo "protected branch hook declined" >&2; exit 1; fi\ndone\n',
    );
    chmodSync(hook, 0o755);
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c') });
    writeFileSync(join(co.dir, 'b.yaml'), 'y: 2\n');
    await co.commit('add b\n', ['b.yaml'], AUTHOR);
    const e = await rejection(co.push('main'));
    expect(e.message).toMatch(/^the push to main of the config repository .* was refused: the branch is protected \(.*declined.*\); set mode to pull-request/);
    // Other branches may still be pushed.
    expect((await co.push('offmain/x', { lease: '' })).ok).toBe(true);
  });

  it('reports a lost race, and a lease protects offmain branches', async () => {
    const s = await served();
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c') });
    await s.repo.commit({ files: { 'other.yaml': 'o: 1\n' }, message: 'someone else', date: '2026-08-20T11:00:00Z', parents: ['main'], ref: 'refs/heads/main' });
    writeFileSync(join(co.dir, 'b.yaml'), 'y: 2\n');
    await co.commit('add b\n', ['b.yaml'], AUTHOR);
    const r = await co.push('main');
    expect(r.ok).toBe(false);
    // A lease for "must not exist" fails once the branch exists.
    expect((await co.push('offmain/t', { lease: '' })).ok).toBe(true);
    writeFileSync(join(co.dir, 'b.yaml'), 'y: 3\n');
    await co.commit('change b\n', ['b.yaml'], AUTHOR);
    expect(await co.push('offmain/t', { lease: '' })).toMatchObject({ ok: false, race: true });
    const at = (await co.remoteBranch('offmain/t'))!;
    expect(at).not.toBe(await co.head());
    expect(await co.push('offmain/t', { lease: at })).toEqual({ ok: true, sha: await co.head() });
  });
});

describe('updateBranch', () => {
  it('after a lost race, resets to the new head and applies the change again (no rebase)', async () => {
    const s = await served({ 'list.txt': 'a\n' });
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c') });
    const seen: string[] = [];
    const log = memoryLogger();
    const r = await updateBranch({
      checkout: co,
      author: AUTHOR,
      backoffMs: 1,
      log,
      // The change depends on the tree it is applied to: append a line to whatever is there.
      apply: async (attempt) => {
        const { readFileSync } = await import('node:fs');
        const text = readFileSync(join(co.dir, 'list.txt'), 'utf8');
        seen.push(text);
        writeFileSync(join(co.dir, 'list.txt'), `${text}mine${attempt}\n`);
        return { message: `add mine${attempt}\n`, files: ['list.txt'] };
      },
      beforePush: async (attempt) => {
        if (attempt === 1) {
          await s.repo.commit({ files: { 'list.txt': 'a\nother\n' }, message: 'other', date: '2026-08-20T11:00:00Z', parents: ['main'], ref: 'refs/heads/main' });
        }
      },
    });
    expect(r).toMatchObject({ pushed: true, attempts: 2 });
    expect(seen).toEqual(['a\n', 'a\nother\n']);
    expect(await s.repo.run(['show', 'main:list.txt'])).toBe('a\nother\nmine2');
    expect(await s.repo.run(['log', '--format=%s', 'main'])).toBe('add mine2\nother\ninitial');
    expect(log.lines.join('\n')).toMatch(/lost a race .*retrying in \d+ ms .*attempt 2 of 5/);
  });

  it('stops with nothing to do when apply says so', async () => {
    const s = await served();
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c') });
    expect(await updateBranch({ checkout: co, author: AUTHOR, apply: async () => 'already at the target' })).toEqual({
      pushed: false,
      reason: 'already at the target',
      attempts: 1,
    });
  });

  it('gives up after the bounded number of attempts, naming the branch', async () => {
    const s = await served({ 'n.txt': '0\n' });
    const co = await ConfigCheckout.clone({ remote: configRemote(s.url, { token: PUSH }), dir: join(tempDir(), 'c') });
    let applied = 0;
    const e = await rejection(
      updateBranch({
        checkout: co,
        author: AUTHOR,
        attempts: 3,
        backoffMs: 1,
        apply: async () => {
          applied++;
          writeFileSync(join(co.dir, 'mine.txt'), `${applied}\n`);
          return { message: 'mine\n', files: ['mine.txt'] };
        },
        // Somebody else always pushes first.
        beforePush: async (attempt) => {
          await s.repo.commit({ files: { 'n.txt': `${attempt}\n` }, message: `other ${attempt}`, date: '2026-08-20T11:00:00Z', parents: ['main'], ref: 'refs/heads/main' });
        },
      }),
    );
    expect(applied).toBe(3);
    expect(e.message).toMatch(/^the push to main of the config repository .* lost the race 3 times .*run the deploy again \(nothing of this run was pushed\)$/);
    expect(await s.repo.run(['log', '--format=%s', 'main'])).toBe('other 3\nother 2\nother 1\ninitial');
    expect((await git(['ls-tree', '--name-only', 'main'], { cwd: s.bare })).stdout).not.toContain('mine.txt');
  });
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, isoUtc } from '../../src/core/git.js';
import { gitRemote } from '../../src/core/remote.js';
import { startGitHttpServer, type GitHttpServer, type SeenRequest } from '../support/git-http-server.js';
import { withEnv } from '../support/env.js';
import { withTarpit } from '../support/tarpit.js';
import { tempDir } from '../support/tmp.js';

describe('isoUtc', () => {
  it('formats committer dates in UTC', () => {
    expect(isoUtc(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoUtc(Date.UTC(2026, 7, 21, 14, 3, 11) / 1000)).toBe('2026-08-21T14:03:11Z');
  });
});

const TOKEN = 'tok-0123456789abcdef';
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const authOf = (seen: SeenRequest[]) => seen.map((r) => r.headers.authorization).filter(Boolean);

describe('credentials reach only the remote they are for (real git, servers that log every header)', () => {
  let root: string;
  let server: GitHttpServer;
  let other: GitHttpServer;
  let redirector: GitHttpServer;
  const seen: SeenRequest[] = [];
  const otherSeen: SeenRequest[] = [];
  const redirectorSeen: SeenRequest[] = [];

  beforeAll(async () => {
    root = tempDir('offmain-creds-');
    execFileSync('git', ['init', '-q', '--bare', join(root, 'x.git')]);
    execFileSync('git', ['init', '-q', '--bare', join(root, 'y.git')]);
    server = await startGitHttpServer({ root, users: { 'x-access-token': TOKEN }, seen });
    other = await startGitHttpServer({ root, seen: otherSeen });
    redirector = await startGitHttpServer({ root, redirectTo: other.url, seen: redirectorSeen });
  });
  afterAll(async () => {
    await Promise.all([server.close(), other.close(), redirector.close()]);
  });

  it('sends the token, scoped to the remote URL, and it works', async () => {
    const remote = gitRemote(`${server.url}/x.git`, TOKEN);
    expect(remote.env?.GIT_CONFIG_KEY_0).toBe(`http.${server.url}/x.git.extraHeader`);
    const r = await git(['ls-remote', remote.fetchUrl], { env: remote.env, allowFailure: true });
    expect(r.code).toBe(0);
    expect(authOf(seen)).toContain(basic('x-access-token', TOKEN));
  });

  it('does not send the token to another repository on the same server', async () => {
    const remote = gitRemote(`${server.url}/x.git`, TOKEN);
    seen.length = 0;
    const r = await git(['ls-remote', `${server.url}/y.git`], { env: remote.env, allowFailure: true });
    expect(r.code).not.toBe(0); // the server wants credentials for y.git, and none were sent
    expect(authOf(seen)).toEqual([]);
  });

  it('never follows a redirect with the credentials: the second server sees no Authorization', async () => {
    otherSeen.length = 0;
    redirectorSeen.length = 0;
    const remote = gitRemote(`${redirector.url}/x.git`, TOKEN);
    const r = await git(['-c', 'protocol.version=2', 'ls-remote', `${redirector.url}/x.git`], { env: remote.env, allowFailure: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/302/);
    expect(redirectorSeen.length).toBeGreaterThan(0);
    expect(authOf(otherSeen)).toEqual([]);
    // Without credentials a redirect is still followed (a moved public repository keeps working).
    const anon = await git(['ls-remote', `${redirector.url}/x.git`], { allowFailure: true });
    expect(anon.code).toBe(0);
    expect(otherSeen.length).toBeGreaterThan(0);
    expect(authOf(otherSeen)).toEqual([]);
  });

  it('withholds a token that belongs to another server (the default github.token and a config repository elsewhere)', async () => {
    seen.length = 0;
    const remote = gitRemote(`${server.url}/x.git`, TOKEN, { tokenServer: 'https://github.com' });
    expect(remote.withheld).toMatch(/belongs to https:\/\/github\.com and is not sent to http:\/\/127\.0\.0\.1:\d+/);
    expect(remote.env).toBeUndefined();
    await git(['ls-remote', remote.fetchUrl], { env: remote.env, allowFailure: true });
    expect(authOf(seen)).toEqual([]);
    // The same server named as the token's: sent.
    expect(gitRemote(`${server.url}/x.git`, TOKEN, { tokenServer: `${server.url}/` }).env).toBeDefined();
  });

  it('credentials written in the URL travel the same scoped way, and never in the URL', async () => {
    seen.length = 0;
    const remote = gitRemote(`http://x-access-token:${TOKEN}@${server.url.slice('http://'.length)}/x.git`);
    expect(remote.fetchUrl).toBe(`${server.url}/x.git`);
    const r = await git(['ls-remote', remote.fetchUrl], { env: remote.env, allowFailure: true });
    expect(r.code).toBe(0);
    expect(seen.every((q) => !q.path.includes(TOKEN))).toBe(true);
    expect(authOf(seen)).toContain(basic('x-access-token', TOKEN));
  });
});

describe('transports', () => {
  it.each([
    ['ext::sh -c touch% /tmp/pwned', /names a git remote helper \(ext::\)/],
    ['fd::17', /names a git remote helper \(fd::\)/],
    ['http://git.example.com/acme/config.git', /plain http to git\.example\.com.*use https/],
    ['http://user:secret@10.0.0.7/acme/config.git', /plain http to 10\.0\.0\.7/],
    ['ftp://example.com/x.git', /uses ftp:\/\/: offmain only uses https, ssh, git, file/],
  ])('refuses %s', (url, message) => {
    expect(() => gitRemote(url, 'tok')).toThrow(message);
  });

  it.each(['https://github.com/mastodon/mastodon.git', 'ssh://git@github.com/a/b.git', 'git@github.com:a/b.git', 'git://example.com/a.git', 'file:///srv/a.git', './relative', 'http://127.0.0.1:8080/a.git', 'http://localhost/a.git'])(
    'allows %s',
    (url) => expect(() => gitRemote(url)).not.toThrow(),
  );

  it('git itself refuses a remote helper transport even when asked directly', async () => {
    const marker = join(tempDir('offmain-ext-'), 'pwned');
    const r = await git(['ls-remote', `ext::sh -c touch% ${marker}`], { allowFailure: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/transport 'ext' not allowed/);
  });
});

describe('a server that accepts and never answers', () => {
  it('is given up on after OFFMAIN_STALL_SECONDS, with git\'s reason', async () => {
    const r = await withEnv({ OFFMAIN_STALL_SECONDS: '2' }, () =>
      withTarpit((port) => git(['ls-remote', `http://127.0.0.1:${port}/x.git`], { allowFailure: true })),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/too slow|timed out|Operation too slow/i);
  }, 30_000);

  it('a git:// server that never answers is stopped by the overall limit', async () => {
    const r = await withEnv({ OFFMAIN_GIT_TIMEOUT_SECONDS: '2' }, () =>
      withTarpit((port) => git(['ls-remote', `git://127.0.0.1:${port}/x.git`], { allowFailure: true })),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/stopped after 2 s \(OFFMAIN_GIT_TIMEOUT_SECONDS\)/);
  }, 30_000);
});

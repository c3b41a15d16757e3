import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/core/git.js';
import { gitRemote } from '../../src/core/remote.js';
import { resolveUpstream } from '../../src/patch/upstream.js';
import { makeUpstream, type UpstreamFixture } from '../support/git-fixture.js';
import { startGitHttpServer, type GitHttpServer, type SeenRequest } from '../support/git-http-server.js';
import { traceGit } from '../support/gittrace.js';
import { tempDir } from '../support/tmp.js';

// Issue 12: resolving the newest commit costs as few git processes as the job needs (a raw
// `git clone --depth 1` is one), counted with git's own trace2 events (top-level sessions only).

let root: string;
let fx: UpstreamFixture;
let server: GitHttpServer;
const seen: SeenRequest[] = [];
let n = 0;

beforeAll(async () => {
  root = tempDir('offmain-upstream-spawns-');
  fx = await makeUpstream(path.join(root, 'served', 'upstream.git'));
  server = await startGitHttpServer({ root: path.join(root, 'served'), seen });
});
afterAll(async () => {
  await server?.close();
});

/** Runs `fn` with GIT_TRACE2_EVENT set; returns the top-level git commands it started, by name. */
async function gitCommands(fn: () => Promise<unknown>): Promise<string[]> {
  return (await traceGit(root, fn)).filter((e) => e.event === 'cmd_name').map((e) => e.name!);
}

describe('resolveUpstream newest commit', () => {
  it.each(['file', 'http'] as const)('spawns five git processes over %s: ls-remote, init, fetch, show, checkout', async (t) => {
    const url = t === 'http' ? `${server.url}/upstream.git` : fx.url;
    let sha = '';
    const cmds = await gitCommands(async () => {
      sha = (await resolveUpstream({ repository: url, path: path.join(root, `c${++n}`) })).sha;
    });
    expect(sha).toBe(fx.shas.mainHead);
    expect([...cmds].sort()).toEqual(['checkout', 'fetch', 'init', 'ls-remote', 'show']);
  });

  it('writes the checkout config git reads back, even for a path with quotes and backslashes', async () => {
    const odd = path.join(root, 'odd "name" \\ here.git');
    await git(['clone', '-q', '--bare', fx.url, odd]);
    const p = path.join(root, `c${++n}`);
    const first = await resolveUpstream({ repository: odd, path: p });
    const get = async (key: string) => (await git(['config', '--get', key], { cwd: p })).stdout.trim();
    expect(await get('remote.origin.url')).toBe(gitRemote(odd).fetchUrl);
    expect(await get('remote.origin.fetch')).toBe('+refs/heads/*:refs/remotes/origin/*');
    expect(await get('remote.origin.tagopt')).toBe('--no-tags');
    expect(await get('offmain.repository')).toBe(gitRemote(odd).fetchUrl);
    // The recorded identity is recognised: the same path is reused, not refused.
    const again = await resolveUpstream({ repository: odd, path: p });
    expect(again.sha).toBe(first.sha);
    expect(first.sha).toBe(fx.shas.mainHead);
  });

  it('still makes one listing and one fetch over smart HTTP, with the branch missing refused', async () => {
    seen.length = 0;
    await resolveUpstream({ repository: `${server.url}/upstream.git`, path: path.join(root, `c${++n}`) });
    const packs = seen.filter((r) => r.method === 'POST' && r.path.endsWith('/git-upload-pack'));
    expect(packs.length).toBeGreaterThanOrEqual(2);
    await expect(
      resolveUpstream({ repository: `${server.url}/upstream.git`, ref: 'develop', path: path.join(root, `c${++n}`) }),
    ).rejects.toThrow(`branch develop was not found in ${server.url}/upstream.git`);
  });
});

describe('resolveUpstream a named commit', () => {
  it('proves it on the branch in seven git processes: its date read with its sha, no deepening steps', async () => {
    let r = { sha: '', date: '' };
    const cmds = await gitCommands(async () => {
      r = await resolveUpstream({ repository: fx.url, commit: fx.shas.main1, path: path.join(root, `c${++n}`) });
    });
    expect(r.sha).toBe(fx.shas.main1);
    const date = (await git(['show', '-s', '--format=%cI', fx.shas.main1], { cwd: fx.repo.dir })).stdout.trim();
    expect(Date.parse(r.date)).toBe(Date.parse(date));
    // The commit with its tree (fetched while ls-remote lists the refs), one rev-list for its sha and date,
    // then the branch's commits since that date and the ancestry check: no deepening steps.
    expect([...cmds].sort()).toEqual(['checkout', 'fetch', 'fetch', 'init', 'ls-remote', 'merge-base', 'rev-list']);
  });
});

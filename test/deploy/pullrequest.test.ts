import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OffmainError } from '../../src/core/errors.js';
import { memoryLogger } from '../../src/core/log.js';
import { withEnv } from '../support/env.js';
import { withTarpit } from '../support/tarpit.js';
import { GitHubPullRequests, MAX_BODY, MAX_TITLE, PR_MARKER, pullRequestBody, pullRequestTitle, type PullRequestInfo } from '../../src/deploy/pullrequest.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-api.js';

const BOT = 'offmain-bot';
/** The head sha the stand-in reports for a branch of a repository it serves no git for. */
const Z = '0'.repeat(40);
let api: GitHubStandIn;
let n = 0;

beforeAll(async () => {
  api = await startGitHubStandIn({
    tokens: { 'tok-write': { login: BOT }, 'tok-read': { login: 'reader', readOnly: true } },
    repos: {
      'acme/config': { defaultBranch: 'live', allowAutoMerge: true },
      'acme/strict': { allowAutoMerge: false },
    },
  });
});
afterAll(() => api.close());

function client(token = 'tok-write', repo = 'config') {
  const log = memoryLogger();
  return { gh: new GitHubPullRequests({ token, owner: 'acme', repo, apiUrl: api.url, log }), log };
}

/** A fresh head branch name per test (the stand-in keeps every pull request). */
const head = () => `offmain/4.8.0-alpha.${++n}_abcdef${n % 10}`;

async function rejection(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OffmainError);
  return (e as Error).message;
}

describe('GitHubPullRequests against the API stand-in', () => {
  it('reads the repository: default branch, auto-merge setting, push permission', async () => {
    expect(await client().gh.repository()).toEqual({ defaultBranch: 'live', allowAutoMerge: true, canPush: true });
    expect(await client('tok-read').gh.repository()).toMatchObject({ canPush: false });
  });

  it('names a bad token (401) and a repository it cannot see (404)', async () => {
    expect(await rejection(client('nope').gh.repository())).toBe('GitHub refused the token while reading the repository in acme/config (401 Bad credentials): check the token');
    expect(await rejection(client('tok-write', 'missing').gh.repository())).toBe(
      'acme/missing was not found while reading the repository (404): check the repository, and that the token can see it',
    );
  });

  it('opens one pull request, then updates the same one', async () => {
    const { gh } = client();
    const h = head();
    const first = await gh.openOrUpdate({ headSha: Z, base: 'live', head: h, title: 'mastodon a -> b', body: 'first body', labels: ['deploy', ' deploy ', ''] });
    expect(first).toMatchObject({ created: true, labels: ['deploy'], closed: [] });
    expect(first.pullRequest).toMatchObject({ author: BOT, headRef: h, title: 'mastodon a -> b' });
    expect(first.pullRequest.url).toBe(`https://github.com/acme/config/pull/${first.pullRequest.number}`);
    const stored = api.pulls.find((p) => p.number === first.pullRequest.number)!;
    expect(stored.body).toBe(`first body\n\n${PR_MARKER}\n`);
    const create = api.requests.find((r) => r.method === 'POST' && r.path === '/repos/acme/config/pulls' && (r.body as { head?: string }).head === h);
    expect(create?.body).toEqual({ title: 'mastodon a -> b', body: `first body\n\n${PR_MARKER}\n`, head: h, base: 'live' });

    const second = await gh.openOrUpdate({ headSha: Z, base: 'live', head: h, title: 'mastodon a -> c', body: `second\n${PR_MARKER}` });
    expect(second).toMatchObject({ created: false, pullRequest: { number: first.pullRequest.number, title: 'mastodon a -> c' } });
    // The marker ends the body exactly once, however the caller placed it.
    expect(stored.body).toBe(`second\n\n${PR_MARKER}\n`);
    expect(api.pulls.filter((p) => p.head === h)).toHaveLength(1);
    // The lookup asked for this repository's branch only (owner:branch), open ones.
    expect(api.requests.some((r) => r.method === 'GET' && r.path === `/repos/acme/config/pulls?state=open&head=acme%3A${encodeURIComponent(h)}&base=live&per_page=100`)).toBe(true);
  });

  it('a pull request from a fork with the same branch name is not ours', async () => {
    const { gh } = client();
    const h = head();
    const fork = api.addPull({ owner: 'acme', repo: 'config', head: h, headRepo: 'mallory/config', base: 'live', user: 'mallory', title: 'fork' });
    const r = await gh.openOrUpdate({ headSha: Z, base: 'live', head: h, title: 't', body: 'b' });
    expect(r.created).toBe(true);
    expect(r.pullRequest.number).not.toBe(fork.number);
    expect(fork.title).toBe('fork');
  });

  it('when another run opened it first (422 already exists), updates that one', async () => {
    const h = head();
    class Racy extends GitHubPullRequests {
      calls = 0;
      override async findOpen(branch: string, base?: string): Promise<PullRequestInfo | undefined> {
        if (this.calls++ === 0) {
          api.addPull({ owner: 'acme', repo: 'config', head: branch, base: base ?? 'live', user: BOT, title: 'the other run', body: `by the other run\n\n${PR_MARKER}\n` });
          return undefined;
        }
        return super.findOpen(branch, base);
      }
    }
    const gh = new Racy({ token: 'tok-write', owner: 'acme', repo: 'config', apiUrl: api.url });
    const r = await gh.openOrUpdate({ headSha: Z, base: 'live', head: h, title: 'this run', body: 'b' });
    expect(r.created).toBe(false);
    expect(api.pulls.filter((p) => p.head === h).map((p) => p.title)).toEqual(['this run']);
    expect(api.requests.some((q) => q.method === 'POST' && (q.body as { head?: string }).head === h)).toBe(true);
  });

  it('enables auto-merge through GraphQL, or warns when the repository does not allow it', async () => {
    const { gh } = client();
    const r = await gh.openOrUpdate({ headSha: Z, base: 'live', head: head(), title: 't', body: 'b', autoMerge: 'rebase' });
    expect(r.autoMerge).toBe('enabled');
    const gql = api.requests.filter((q) => q.path === '/graphql').pop()!;
    // Pinned to the commit offmain pushed: a commit pushed after it never rides along into the merge.
    expect((gql.body as { variables: unknown }).variables).toEqual({ pullRequestId: r.pullRequest.nodeId, mergeMethod: 'REBASE', expectedHeadOid: Z });
    expect(api.pulls.find((p) => p.number === r.pullRequest.number)?.autoMerge).toBe('REBASE');

    const strict = client('tok-write', 'strict');
    const s = await strict.gh.openOrUpdate({ headSha: Z, base: 'main', head: head(), title: 't', body: 'b', autoMerge: 'squash' });
    expect(s.autoMerge).toBe('Pull request Auto merge is not allowed for this repository');
    expect(strict.log.lines).toContainEqual(expect.stringMatching(/^warning: auto-merge could not be enabled on pull request #\d+ .*allow auto-merge in the repository settings/));
  });

  it('closes nothing unless asked and sure; never what a person opened', async () => {
    const { gh, log } = client();
    const older = api.addPull({ owner: 'acme', repo: 'config', head: 'offmain/4.7.0_1111111', base: 'live', user: BOT, title: 'older', body: PR_MARKER });
    const person = api.addPull({ owner: 'acme', repo: 'config', head: 'offmain/4.7.0_2222222', base: 'live', user: 'alice', title: 'alice', body: PR_MARKER });
    const asked: string[] = [];
    // Without a judge of what is older: nothing is closed.
    await gh.openOrUpdate({ headSha: Z, base: 'live', head: head(), title: 't', body: 'b' });
    expect([older.state, person.state]).toEqual(['open', 'open']);
    // Asked not to close: nothing is closed even when older.
    await gh.openOrUpdate({ headSha: Z, base: 'live', head: head(), title: 't', body: 'b', closeSuperseded: false, isSuperseded: async () => true });
    expect(older.state).toBe('open');
    const r = await gh.openOrUpdate({
      headSha: Z,
      base: 'live',
      head: head(),
      title: 't',
      body: 'b',
      isSuperseded: async (ref) => {
        asked.push(ref);
        return true;
      },
    });
    expect(r.closed.map((c) => c.number)).toContain(older.number);
    expect(older.state).toBe('closed');
    expect(person.state).toBe('open');
    expect(asked).not.toContain(person.head);
    expect(log.lines.join('\n')).toContain(`left pull request #${person.number} (${person.head}) open: it was not opened by offmain as ${BOT}`);
  });

  it('takes over an open pull request on its branch only when offmain opened it and nobody pushed to it since', async () => {
    const { gh } = client();
    const h1 = head();
    const alice = api.addPull({ owner: 'acme', repo: 'config', head: h1, base: 'live', user: 'alice', title: 'alice', body: PR_MARKER });
    expect(await rejection(gh.openOrUpdate({ headSha: Z, base: 'live', head: h1, title: 't', body: 'b', autoMerge: 'squash' }))).toBe(
      `pull request #${alice.number} from ${h1} is not offmain's to update (it was opened by alice, not by offmain as ${BOT}): offmain does not take it over. Close it (and delete the branch ${h1}); the next run opens its own`,
    );
    expect([alice.title, alice.autoMerge]).toEqual(['alice', undefined]);
    const h2 = head();
    const pushed = api.addPull({ owner: 'acme', repo: 'config', head: h2, base: 'live', user: BOT, title: 'mine', body: PR_MARKER });
    const other = 'b'.repeat(40);
    expect(await rejection(gh.openOrUpdate({ headSha: other, base: 'live', head: h2, title: 't', body: 'b' }))).toMatch(
      new RegExp(`not offmain's to update \\(its head is 000000000000, not the commit offmain pushed \\(bbbbbbbbbbbb\\): someone pushed to ${h2.replace(/[.]/g, '\\.')} since\\)`),
    );
    expect(pushed.title).toBe('mine');
    const h3 = head();
    const unmarked = api.addPull({ owner: 'acme', repo: 'config', head: h3, base: 'live', user: BOT, title: 'edited' });
    expect(await rejection(gh.openOrUpdate({ headSha: Z, base: 'live', head: h3, title: 't', body: 'b' }))).toMatch(/its description lost the marker offmain writes/);
    expect(unmarked.title).toBe('edited');
  });

  it('a read-only token: the 403 names what the token needs', async () => {
    expect(await rejection(client('tok-read').gh.openOrUpdate({ headSha: Z, base: 'live', head: head(), title: 't', body: 'b' }))).toMatch(
      /^GitHub refused opening a pull request in acme\/config \(403 Resource not accessible by personal access token\): the token needs pull-requests: write/,
    );
  });
});

describe('an API that never answers', () => {
  it('fails with one line naming GitHub, after OFFMAIN_STALL_SECONDS', async () => {
    await withEnv({ OFFMAIN_STALL_SECONDS: '1' }, () =>
      withTarpit(async (port) => {
        const gh = new GitHubPullRequests({ token: 't', owner: 'acme', repo: 'config', apiUrl: `http://127.0.0.1:${port}` });
        await expect(gh.repository()).rejects.toThrow(/^GitHub could not be reached while .* in acme\/config \(.*no answer for 1 s.*\): check the API URL/i);
      }),
    );
  }, 20_000);
});

describe('what the pull request says', () => {
  it('sends a title and body that mention no one, hide nothing and fit GitHub’s limits', async () => {
    const { gh } = client();
    const h = head();
    const body = [
      'Patches:',
      '- x: failed (ask @alice, fixes #12)',
      `<!-- ${'hidden '.repeat(3)}--> \u202eevil\u200b`,
      `fake ${PR_MARKER} in the middle`,
      ...Array.from({ length: 20_000 }, (_, i) => `- file-${i}.yaml`),
      '',
      PR_MARKER,
    ].join('\n');
    const r = await gh.openOrUpdate({ headSha: Z, base: 'live', head: h, title: `mastodon a -> b\n@bob ${'t'.repeat(400)}`, body });
    const stored = api.pulls.find((p) => p.number === r.pullRequest.number)!;
    expect(stored.title).not.toMatch(/[\r\n]|(^|\W)@[a-z]/);
    expect(stored.title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(stored.body!.length).toBeLessThanOrEqual(MAX_BODY);
    expect(stored.body).toContain('- x: failed (ask ＠alice, fixes ＃12)');
    expect(stored.body).not.toMatch(/(^|[^\w])@[a-z]|#\d|[\u200b-\u200f\u202a-\u202e]/);
    // The only HTML comment is offmain's marker, once, at the end; the cut is said.
    expect(stored.body!.match(/<!--/g)).toHaveLength(1);
    expect(stored.body!.endsWith(`\n\n${PR_MARKER}\n`)).toBe(true);
    expect(stored.body).toMatch(/\n… truncated: \d+ more characters not shown\n\n<!-- offmain:deploy -->\n$/);
  });

  it('pullRequestTitle and pullRequestBody leave an ordinary title and body as they are', () => {
    expect(pullRequestTitle('mastodon 4.7.0+c5b3651 -> 4.8.0-alpha.1+2f40549')).toBe('mastodon 4.7.0+c5b3651 -> 4.8.0-alpha.1+2f40549');
    const ordinary = 'Images:\n- ghcr.io/acme/mastodon:4.8.0_2f40549@sha256:ab\n\nOpened by offmain: merging it rolls the cluster out to `4.8.0`.';
    expect(pullRequestBody(`${ordinary}\n\n${PR_MARKER}\n`)).toBe(`${ordinary}\n\n${PR_MARKER}\n`);
  });
});

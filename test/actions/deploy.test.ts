import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git } from '../../src/core/git.js';
import { createBareRepo, type FixtureRepo } from '../support/git-fixture.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-api.js';
import { ROOT, runAction } from '../support/action.js';
import { startConnectProxy } from '../support/connect-proxy.js';
import { tempDir } from '../support/tmp.js';

const M = 'ghcr.io/acme/mastodon';
const S = 'ghcr.io/acme/mastodon-streaming';
const DA = `sha256:${'a1'.repeat(32)}`;
const DB = `sha256:${'b2'.repeat(32)}`;
const PUSH = 'ghs_pushToken0123456789abcdef';
const READ = 'ghs_readToken0123456789abcdef';
const HOUR = 3600;

let gitServer: GitHttpServer;
let api: GitHubStandIn;
let root: string;
let up: FixtureRepo;
const u: Record<string, string> = {};
const repos: Record<string, { gitDir?: string; allowAutoMerge?: boolean }> = {};
let n = 0;

const tag = (sha: string) => `4.8.0-alpha.1_${sha.slice(0, 7)}`;
/** A build of an older version: without the upstream history only a newer version is known to go forward. */
const older = (sha: string) => `4.7.0_${sha.slice(0, 7)}`;
const values = (t: string) => `# Values for the mastodon/chart
image:
  repository: ${M}
  tag: "${t}"   # offmain
  digest: ""
streaming:
  image:
    repository: ${S}
    tag: '${t}'
    digest: ''
`;

beforeAll(async () => {
  root = tempDir('offmain-git-');
  gitServer = await startGitHttpServer({ root, users: { 'x-access-token': PUSH }, readOnlyUsers: { 'x-access-token': READ } });
  api = await startGitHubStandIn({ tokens: { [PUSH]: { login: 'github-actions[bot]' } }, repos });
  // Upstream: three commits, the newest 10 hours ago, the middle one 100 hours ago.
  const now = Math.floor(Date.now() / 1000);
  up = await createBareRepo(join(tempDir('offmain-up-'), 'mastodon.git'));
  const at = (h: number) => new Date((now - h * HOUR) * 1000).toISOString();
  u.a = await up.commit({ files: { 'x.rb': '1\n' }, message: 'a', date: at(200) });
  u.b = await up.commit({ files: { 'x.rb': '2\n' }, message: 'b', date: at(100), parents: [u.a] });
  u.c = await up.commit({ files: { 'x.rb': '3\n' }, message: 'c', date: at(10), parents: [u.b], ref: 'refs/heads/main' });
});
afterAll(async () => {
  await gitServer.close();
  await api.close();
});

/** A config repository `acme/configN` on the git server (which plays the GitHub server). */
async function served(files: Record<string, string>) {
  const name = `config${++n}`;
  const bare = join(root, 'acme', `${name}.git`);
  const repo = await createBareRepo(bare);
  await repo.commit({ files, message: 'initial', date: '2026-08-20T10:00:00Z', ref: 'refs/heads/main' });
  repos[`acme/${name}`] = { gitDir: bare, allowAutoMerge: true };
  return { repo, bare, slug: `acme/${name}`, head: () => repo.run(['rev-parse', 'main']) };
}

const env = () => ({ GITHUB_SERVER_URL: gitServer.url, GITHUB_API_URL: api.url, GITHUB_WORKSPACE: tempDir('offmain-ws-') });

describe('action-deploy as the runner runs it (committed bundle)', () => {
  it('declares node24, describes every input and output, and reads exactly those', () => {
    const meta = parse(readFileSync(join(ROOT, 'action-deploy/action.yml'), 'utf8'));
    expect(meta.runs).toEqual({ using: 'node24', main: '../dist/deploy/index.cjs' });
    for (const [name, spec] of [...Object.entries(meta.inputs), ...Object.entries(meta.outputs)]) {
      expect((spec as { description?: string }).description, name).toMatch(/\w{3,}/);
    }
    const source = readFileSync(join(ROOT, 'src/actions/deploy.ts'), 'utf8');
    const read = new Set([...source.matchAll(/(?:optionalInput|booleanInput|numberInput|listInput|choiceInput|getInput)\('([a-z-]+)'/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual(Object.keys(meta.inputs).sort());
    const set = new Set([...source.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1]));
    expect([...set].sort()).toEqual(Object.keys(meta.outputs).sort());
    expect(Object.keys(meta.outputs).sort()).toEqual(['changed', 'commit', 'files', 'held', 'lag-hours', 'previous-version', 'pull-request-url', 'rollout']);
  });

  it('pushes, sets every output, writes the summary, and masks the token', async () => {
    const s = await served({ 'helm/values.yaml': values(tag(u.a!)), 'README.md': '# config\n' });
    const r = await runAction(
      'deploy',
      {
        repository: s.slug,
        token: PUSH,
        images: `${M}=${tag(u.c!)}@${DA}\n${S}=${tag(u.c!)}@${DB}\n`,
        'upstream-repository': up.dir,
        'upstream-commit': u.c!,
        'patch-report': JSON.stringify({ commit: u.c, version: 'v', imageTag: 't', ok: true, patches: [{ id: 'redis-tls', status: 'not-needed', files: [] }], changedFiles: [], warnings: [] }),
      },
      env(),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const head = await s.head();
    expect(r.outputs).toEqual({
      changed: 'true',
      commit: head,
      'pull-request-url': '',
      files: 'helm/values.yaml',
      'previous-version': `4.8.0-alpha.1+${u.a!.slice(0, 7)}`,
      'lag-hours': '0',
      held: '',
      rollout: expect.stringMatching(/^\{"from":"[0-9a-f]{40}","to":"[0-9a-f]{40}","direction":"forward","commits":\d+,/),
    });
    expect(await s.repo.run(['show', 'main:helm/values.yaml'])).toBe(
      values(tag(u.c!)).replace('digest: ""', `digest: "${DA}"`).replace("digest: ''", `digest: '${DB}'`).trimEnd(),
    );
    expect(await s.repo.run(['log', '-1', '--format=%B', 'main'])).toMatch(/^mastodon 4\.8\.0-alpha\.1\+\w{7} -> 4\.8\.0-alpha\.1\+\w{7}\n\nUpstream commit: .*\n\nPatches:\n- redis-tls: not-needed\n/);
    // The summary: before -> now, images with digests, the commit link, freshness.
    expect(r.summary).toContain(`| Deployed before | \`4.8.0-alpha.1+${u.a!.slice(0, 7)}\` |`);
    expect(r.summary).toContain(`| Deployed now | \`4.8.0-alpha.1+${u.c!.slice(0, 7)}\` |`);
    expect(r.summary).toContain(`| Commit | [\`${head.slice(0, 7)}\`](${gitServer.url}/${s.slug}/commit/${head}) |`);
    expect(r.summary).toContain(`| \`${S}\` | \`${tag(u.c!)}\` | \`${DB}\` | updated |`);
    expect(r.summary).toMatch(/\| Lag \| 0 h \(goal 48 h\): ✅ within goal \|/);
    expect(r.stdout).toMatch(/::group::Upstream history/);
    // The token appears once, in the mask command, and nowhere else.
    expect(r.stdout.split(PUSH)).toHaveLength(2);
    expect(r.stdout).toContain(`::add-mask::${PUSH}`);
  });

  it('opens a pull request in mode pull-request and outputs its URL', async () => {
    const s = await served({ 'values.yaml': values(older(u.a!)) });
    const r = await runAction(
      'deploy',
      { repository: s.slug, token: PUSH, images: `${M}:${tag(u.c!)}@${DA}`, mode: 'pull-request', labels: 'deploy, mastodon', 'auto-merge': 'true' },
      env(),
    );
    expect(r.code).toBe(0);
    const pr = api.pulls.find((p) => `acme/${p.repo}` === s.slug)!;
    expect(r.outputs['pull-request-url']).toBe(`https://github.com/${s.slug}/pull/${pr.number}`);
    expect(pr).toMatchObject({ labels: ['deploy', 'mastodon'], autoMerge: 'SQUASH', head: `offmain/${tag(u.c!)}` });
    expect(r.outputs.commit).toBe(await s.repo.run(['rev-parse', `offmain/${tag(u.c!)}`]));
    expect(r.outputs['lag-hours']).toBe('');
    expect(r.summary).toMatch(new RegExp(`\\| Pull request \\| \\[#${pr.number}\\]\\(https://github.com/${s.slug}/pull/${pr.number}\\) opened from \`offmain/`));
  });

  it('reaches the GitHub API through the runner\'s proxy, at the API root GITHUB_API_URL names (GHES)', async () => {
    const s = await served({ 'values.yaml': values(older(u.a!)) });
    const proxy = await startConnectProxy(Number(new URL(api.url).port));
    try {
      const apiUrl = `http://github-api.offmain.test:${new URL(api.url).port}`;
      const r = await runAction(
        'deploy',
        { repository: s.slug, token: PUSH, images: `${M}:${tag(u.c!)}@${DA}`, mode: 'pull-request' },
        { ...env(), GITHUB_API_URL: apiUrl, http_proxy: proxy.url, https_proxy: proxy.url, no_proxy: '127.0.0.1,localhost' },
      );
      expect(r.code, r.stdout).toBe(0);
      expect(proxy.connects.length).toBeGreaterThan(0);
      expect(new Set(proxy.connects)).toEqual(new Set([`github-api.offmain.test:${new URL(api.url).port}`]));
      expect(api.pulls.some((p) => `acme/${p.repo}` === s.slug)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('outputs the lag; past max-lag it fails after deploying, or only warns with warn-only', async () => {
    const s = await served({ 'values.yaml': values(tag(u.a!)) });
    const inputs = { repository: s.slug, token: PUSH, images: `${M}=${tag(u.b!)}`, 'upstream-repository': up.dir };
    const r = await runAction('deploy', inputs, env());
    expect(r.code).toBe(0);
    expect(r.outputs.changed).toBe('true');
    expect(Number(r.outputs['lag-hours'])).toBeGreaterThanOrEqual(9.9);
    expect(Number(r.outputs['lag-hours'])).toBeLessThan(11);
    const strict = await runAction('deploy', { ...inputs, 'max-lag': '5' }, env());
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/::error::the deployed Mastodon is 1\d(\.\d)? h behind main of .*, past the 5 h goal/);
    expect(strict.outputs.changed).toBe('false');
    const warned = await runAction('deploy', { ...inputs, 'max-lag': '5', 'warn-only': 'true' }, env());
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/::warning[^:]*::the deployed Mastodon is 1\d(\.\d)? h behind/);
  });

  it('fails with one line and pushes nothing when the token may not push', async () => {
    const s = await served({ 'values.yaml': values(older(u.a!)) });
    const before = await s.head();
    const r = await runAction('deploy', { repository: s.slug, token: READ, images: `${M}=${tag(u.c!)}` }, env());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::the token may not push to main of the config repository .*acme\/config\d+\.git \(HTTP 403\): give it write access to the repository contents \(contents: write\)/);
    expect(r.outputs.commit).toBeUndefined();
    expect(await s.head()).toBe(before);
    expect((await git(['for-each-ref', '--format=%(refname)'], { cwd: s.bare })).stdout.trim()).toBe('refs/heads/main');
    const bad = await runAction('deploy', { repository: s.slug, token: PUSH, images: 'ghcr.io/acme/mastodon' }, env());
    expect(bad.stdout).toMatch(/::error::"ghcr\.io\/acme\/mastodon" has no tag/);
  });

  it('adopts upstream\'s images with the adopt input (one per line), and without it fails saying to pass it', async () => {
    const upstreamValues = values('v4.3.2').replace(M, 'ghcr.io/mastodon/mastodon').replace(S, 'ghcr.io/mastodon/mastodon-streaming');
    const s = await served({ 'values.yaml': upstreamValues });
    const before = await s.head();
    const inputs = { repository: s.slug, token: PUSH, images: `${M}=${tag(u.c!)}@${DA}\n${S}=${tag(u.c!)}@${DB}\n` };
    const plain = await runAction('deploy', inputs, env());
    expect(plain.code).toBe(1);
    expect(plain.stdout).toMatch(/::error::no reference to ghcr\.io\/acme\/mastodon found .*values\.yaml:4 \(ghcr\.io\/mastodon\/mastodon\).*pass --adopt ghcr\.io\/mastodon\/mastodon \(action-deploy: adopt\)/);
    expect(await s.head()).toBe(before);

    const r = await runAction('deploy', { ...inputs, adopt: 'ghcr.io/mastodon/mastodon\nghcr.io/mastodon/mastodon-streaming\n' }, env());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.outputs).toMatchObject({ changed: 'true', files: 'values.yaml', 'previous-version': 'v4.3.2' });
    expect(await s.repo.run(['show', 'main:values.yaml'])).toBe(
      values(tag(u.c!)).replace('digest: ""', `digest: "${DA}"`).replace("digest: ''", `digest: '${DB}'`).trimEnd(),
    );
    expect(await s.repo.run(['log', '-1', '--format=%B', 'main'])).toContain(`Adopted:\n- ghcr.io/mastodon/mastodon -> ${M} (1 reference)\n`);
  });

  it('never sends the default token to a config repository on another host than the GitHub server', async () => {
    const s = await served({ 'values.yaml': values(tag(u.a!)) });
    const before = await s.head();
    const elsewhere = `${gitServer.url}/${s.slug}.git`; // the runner's GitHub server is github.com here
    const r = await runAction('deploy', { repository: elsewhere, token: PUSH, images: `${M}=${tag(u.c!)}` }, { ...env(), GITHUB_SERVER_URL: 'https://github.com' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::warning ?::the token belongs to https:\/\/github\.com and is not sent to http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/::error::cannot read the config repository .*: it wants credentials \(HTTP 401\), and the token belongs to https:\/\/github\.com/);
    expect(await s.head()).toBe(before);
  });
});

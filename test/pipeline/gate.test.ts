import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/log.js';
import { parseChecksMode, verdictOf } from '../../src/pipeline/checks.js';
import { gate, gateMarkdown, parseMinAge, type GateOptions } from '../../src/pipeline/gate.js';
import { startGitHubStandIn, type GitHubStandIn, type StandInRepo } from '../support/github-api.js';
import { rejection } from '../support/errors.js';
import { tempDir } from '../support/tmp.js';
import { rolloutUpstream, tagOf, type RolloutUpstream } from '../support/upstream-rollout.js';
import { createBareRepo } from '../support/git-fixture.js';
import { pipelineSummaryMarkdown, runPipeline } from '../../src/pipeline/run.js';
import { decide } from '../../src/pipeline/decide.js';
import { namespace, services } from '../support/services.js';

let up: RolloutUpstream;
const servers: GitHubStandIn[] = [];

beforeAll(async () => {
  up = await rolloutUpstream();
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

/** Upstream CI as it looks on a weekday: the head still running, the commit before it red, older ones green. */
function upstreamChecks(): StandInRepo['checks'] {
  return {
    [up.c.running]: { runs: [{ name: 'test', status: 'in_progress' }, { name: 'lint', status: 'completed', conclusion: 'success' }] },
    [up.c.red]: {
      runs: [
        { name: 'test', status: 'completed', conclusion: 'failure' },
        { name: 'lint', status: 'completed', conclusion: 'success' },
        { name: 'build-image', status: 'completed', conclusion: 'cancelled' },
      ],
      statuses: [{ context: 'ci/crowdin', state: 'success' }],
    },
    [up.c.docker]: {
      runs: [
        { name: 'test', status: 'completed', conclusion: 'success' },
        { name: 'lint', status: 'completed', conclusion: 'neutral' },
        { name: 'build-image', status: 'completed', conclusion: 'success' },
        { name: 'chromatic', status: 'completed', conclusion: 'skipped' },
      ],
      statuses: [{ context: 'ci/crowdin', state: 'success' }],
    },
    [up.c.env]: { runs: [{ name: 'test', status: 'completed', conclusion: 'success' }] },
  };
}

async function standIn(checks = upstreamChecks(), rateLimit?: { limit: number; remaining: number; reset: number }): Promise<GitHubStandIn> {
  const s = await startGitHubStandIn({ tokens: {}, repos: { 'mastodon/mastodon': { public: true, checks } }, ...(rateLimit ? { rateLimit } : {}) });
  servers.push(s);
  return s;
}

const NOW = () => new Date((up.times.running! + 3600) * 1000);
const base = (api: GitHubStandIn, extra: Partial<GateOptions> = {}): GateOptions => ({
  repository: up.url,
  checksRepository: 'mastodon/mastodon',
  apiUrl: api.url,
  cacheDir: join(tempDir(), 'cache'),
  now: NOW(),
  log: memoryLogger(),
  ...extra,
});

describe('the upstream checks gate', () => {
  it('require: holds back a failed commit and a running one, takes the newest green one (neutral and skipped are no failure)', async () => {
    const api = await standIn();
    const g = await gate(base(api, { mode: 'require' }));
    expect(g.chosen?.sha).toBe(up.c.docker);
    expect(g.heldBack.map((h) => [h.sha, h.why])).toEqual([
      [up.c.running, 'pending'],
      [up.c.red, 'failed'],
    ]);
    expect(g.heldBack[1]!.checks).toEqual([
      expect.objectContaining({ name: 'test', state: 'fail', detail: 'completed/failure' }),
      expect.objectContaining({ name: 'build-image', state: 'unfinished', detail: 'completed/cancelled' }),
    ]);
    expect(g.heldBack[0]!.checks).toEqual([expect.objectContaining({ name: 'test', state: 'pending', detail: 'in_progress' })]);
    // The gate's lag: the oldest commit held back (red, 2 h before now).
    expect(g.lagHours).toBe(2);
    expect(g.rateLimit).toEqual({ limit: 5000, remaining: 5000, reset: '2026-08-24T09:00:00Z' });
    expect(g.requests).toBe(6);
    expect(api.requests.map((r) => r.path)).not.toContainEqual(expect.stringMatching(/check-suites/)); // no min-age: not asked
    // Anonymous reads (no token): a public repository.
    expect(api.requests.every((r) => r.login === undefined && r.method === 'GET')).toBe(true);
    expect(api.requests[0]!.path).toBe(`/repos/mastodon/mastodon/commits/${up.c.running}/check-runs?filter=latest&per_page=100&page=1`);
    const md = gateMarkdown(g, 'https://github.com/mastodon/mastodon.git');
    expect(md).toContain(`| Held back [\`${up.c.red.slice(0, 7)}\`](https://github.com/mastodon/mastodon/commit/${up.c.red}) | checks failed: test (completed/failure), build-image (completed/cancelled) |`);
    expect(md).toContain('| Gate lag | 2 h |');
  });

  it('names: only the named checks count, and each must have reported', async () => {
    const api = await standIn();
    const lint = await gate(base(api, { mode: 'names', required: ['lint'] }));
    expect(lint.chosen?.sha).toBe(up.c.running);
    const ci = await gate(base(api, { mode: 'names', required: ['ci/crowdin'] }));
    // running and its parent... running has no ci/crowdin status yet: waited for; red's passed.
    expect(ci.chosen?.sha).toBe(up.c.red);
    expect(ci.heldBack).toEqual([expect.objectContaining({ sha: up.c.running, why: 'pending', checks: [expect.objectContaining({ name: 'ci/crowdin', detail: 'not reported yet' })] })]);
    await expect(gate(base(api, { mode: 'names' }))).rejects.toThrow(/checks: names needs the required-checks list/);
  });

  it('min-age: only commits older than it pass; with checks off no API request is made', async () => {
    const api = await standIn();
    const g = await gate(base(api, { mode: 'off', minAgeHours: parseMinAge('90m') }));
    expect(g.chosen?.sha).toBe(up.c.red);
    expect(g.heldBack.map((h) => h.why)).toEqual(['too young']);
    expect(g.lagHours).toBe(1);
    expect(api.requests).toEqual([]);
  });

  it('chooses nothing when every commit in reach failed or is running, and says why', async () => {
    const api = await standIn({ [up.c.running]: { runs: [{ name: 'test', status: 'queued' }] } });
    const all = Object.fromEntries(Object.values(up.c).map((sha) => [sha, { runs: [{ name: 'test', status: 'completed' as const, conclusion: 'timed_out' as const }] }]));
    const red = await standIn(all);
    const g = await gate(base(red, { mode: 'require' }));
    expect(g.chosen).toBeUndefined();
    expect(g.failure).toBe('none of the newest 7 commits of main passed the upstream checks gate (require): nothing is built; the next run looks again');
    expect(g.heldBack).toHaveLength(7);
    expect((await gate(base(api, { mode: 'require', maxCommits: 1 }))).chosen).toBeUndefined();
  });

  it('reports the rate limit, and an exhausted one as an error naming the reset', async () => {
    const api = await standIn(upstreamChecks(), { limit: 60, remaining: 1, reset: 1787562000 });
    const e = await rejection(gate(base(api, { mode: 'require' })));
    expect(e.message).toBe(
      'the GitHub API rate limit (60 requests an hour) is used up until 2026-08-24T09:00:00Z: pass a token (upstream-token) for a higher limit, or run again after the reset',
    );
  });

  it('is off by default for an upstream not on GitHub, and require for one on GitHub', async () => {
    const g = await gate({ repository: up.url, cacheDir: join(tempDir(), 'c'), log: memoryLogger() });
    expect(g).toMatchObject({ mode: 'off', chosen: { sha: up.c.running }, heldBack: [], lagHours: 0 });
  });
});

describe('what counts as passed: only checks that completed with success, from upstream\'s CI', () => {
  const NEW = () => new Date((up.times.running! + 3600) * 1000);
  const only = async (runs: StandInRepo['checks'], extra: Partial<GateOptions> = {}) => gate(base(await standIn(runs), { maxCommits: 1, now: NEW(), ...extra }));

  it.each([
    ['a cancelled test beside a green lint', [{ name: 'test', status: 'completed', conclusion: 'cancelled' }, { name: 'lint', status: 'completed', conclusion: 'success' }], 'unfinished'],
    ['every run cancelled', [{ name: 'test', status: 'completed', conclusion: 'cancelled' }, { name: 'lint', status: 'completed', conclusion: 'stale' }], 'unfinished'],
    ['only neutral and skipped runs', [{ name: 'lint', status: 'completed', conclusion: 'neutral' }, { name: 'x', status: 'completed', conclusion: 'skipped' }], 'pending'],
    ['green, but from an app that is not upstream\'s CI', [{ name: 'test', status: 'completed', conclusion: 'success', app: 'some-bot' }], 'pending'],
    ['no check at all', [], 'pending'],
  ] as const)('require: %s is held back (%s), never passed', async (_w, runs, why) => {
    const g = await only({ [up.c.running]: { runs: [...runs] } }, { mode: 'require' });
    expect(g.chosen).toBeUndefined();
    expect(g.heldBack.map((h) => h.why)).toEqual([why]);
  });

  it('require: nothing that proves a commit, a day later, is unproven: still never passed', async () => {
    const g = await only({ [up.c.running]: { runs: [] } }, { mode: 'require', now: new Date((up.times.running! + 30 * 3600) * 1000) });
    expect(g.chosen).toBeUndefined();
    expect(g.heldBack).toEqual([expect.objectContaining({ why: 'unproven', checks: [expect.objectContaining({ detail: "no check of upstream's CI succeeded" })] })]);
  });

  it('names: a cancelled, stale or skipped required check is not passed; another app\'s check of that name does not count', async () => {
    for (const conclusion of ['cancelled', 'stale', 'skipped'] as const) {
      const g = await only({ [up.c.running]: { runs: [{ name: 'test', status: 'completed', conclusion }] } }, { mode: 'names', required: ['test'] });
      expect(g.chosen, conclusion).toBeUndefined();
      expect(g.heldBack[0]!.why, conclusion).toBe('unfinished');
    }
    const impostor = { [up.c.running]: { runs: [{ name: 'test', status: 'completed' as const, conclusion: 'success' as const, app: 'evil-app' }] } };
    const g = await only(impostor, { mode: 'names', required: ['test'] });
    expect(g.heldBack[0]).toMatchObject({ why: 'pending', checks: [expect.objectContaining({ detail: 'not reported yet' })] });
    // The admin may name the app whose checks count.
    expect((await only(impostor, { mode: 'names', required: ['test'], apps: ['evil-app'] })).chosen?.sha).toBe(up.c.running);
  });

  it('names: compared exactly; a required name with an invisible character is refused, a reported one never matches', async () => {
    await expect(only({}, { mode: 'names', required: ['te\u200bst'] })).rejects.toThrow(/required check "test" holds a control or invisible character/);
    const g = await only({ [up.c.running]: { runs: [{ name: 'te\u200bst', status: 'completed', conclusion: 'success' }] } }, { mode: 'names', required: ['test'] });
    expect(g.chosen).toBeUndefined();
  });

  it('reads every page: a failure on the third page of check runs, or the second of statuses, is seen', async () => {
    const green = Array.from({ length: 240 }, (_, i) => ({ name: `spec-${i}`, status: 'completed' as const, conclusion: 'success' as const }));
    const runs = [...green, { name: 'spec-late', status: 'completed' as const, conclusion: 'failure' as const }];
    const g = await only({ [up.c.running]: { runs } }, { mode: 'require' });
    expect(g.heldBack[0]).toMatchObject({ why: 'failed', checks: [expect.objectContaining({ name: 'spec-late' })] });
    expect(g.requests).toBe(4); // three pages of runs, one of statuses
    const statuses = [...Array.from({ length: 120 }, (_, i) => ({ context: `ci/${i}`, state: 'success' as const })), { context: 'ci/late', state: 'failure' as const }];
    const s = await only({ [up.c.running]: { runs: [green[0]!], statuses } }, { mode: 'require' });
    expect(s.heldBack[0]).toMatchObject({ why: 'failed', checks: [expect.objectContaining({ name: 'ci/late' })] });
  });

  it('min-age counts from when GitHub first saw the commit, not from the date its author wrote', async () => {
    const green = [{ name: 'test', status: 'completed' as const, conclusion: 'success' as const }];
    // Dated an hour before now, but pushed (its first check suite) ten minutes ago.
    const pushed = new Date(NEW().getTime() - 10 * 60_000).toISOString();
    const young = await only({ [up.c.running]: { runs: green, suites: [pushed] } }, { mode: 'require', minAgeHours: 0.5 });
    expect(young.chosen).toBeUndefined();
    expect(young.heldBack.map((h) => h.why)).toEqual(['too young']);
    const old = new Date(NEW().getTime() - 50 * 60_000).toISOString();
    expect((await only({ [up.c.running]: { runs: green, suites: [pushed, old] } }, { mode: 'require', minAgeHours: 0.5 })).chosen?.sha).toBe(up.c.running);
    const unknown = await only({ [up.c.running]: { runs: green } }, { mode: 'require', minAgeHours: 0.5 });
    expect(unknown.heldBack[0]).toMatchObject({ why: 'too young', checks: [expect.objectContaining({ detail: 'GitHub has no record of when it first saw it' })] });
  });
});

describe('the gate fails closed on a reply it cannot read completely', () => {
  const hostile = async (answer: (res: import('node:http').ServerResponse) => void) => {
    const s = await startGitHubStandIn({
      tokens: {},
      repos: { 'mastodon/mastodon': { public: true, checks: {} } },
      intercept: (path, res) => {
        if (!/check-runs/.test(path)) return false;
        answer(res);
        return true;
      },
    });
    servers.push(s);
    return rejection(gate(base(s, { mode: 'require', maxCommits: 1 })));
  };
  const json = { 'content-type': 'application/json; charset=utf-8' };

  it.each([
    ['an HTML page with status 200', (r: import('node:http').ServerResponse) => r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Unicorn!</body></html>'), /not GitHub's list of check_runs/],
    ['JSON without the check_runs list', (r: import('node:http').ServerResponse) => r.writeHead(200, json).end('{"total_count":0}'), /not GitHub's list of check_runs/],
    ['more runs announced than the pages hold', (r: import('node:http').ServerResponse) => r.writeHead(200, json).end('{"total_count":3,"check_runs":[]}'), /3 check_runs announced, the pages held 0/],
    ['a check run without a name', (r: import('node:http').ServerResponse) => r.writeHead(200, json).end('{"total_count":1,"check_runs":[{"status":"completed","conclusion":"success"}]}'), /without its name/],
    ['a body cut off', (r: import('node:http').ServerResponse) => {
      r.writeHead(200, { ...json, 'content-length': '100' });
      r.write('{"total_count":1,"check_ru');
      setTimeout(() => r.destroy(), 50);
    }, /did not answer .* completely|cannot read the check runs/],
  ] as const)('%s', async (_w, answer, message) => {
    const e = await hostile(answer);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/cannot read the check runs of mastodon\/mastodon from the GitHub API/);
  });

  it('a reply that stops making progress is cut after the stall time, one that is slow but moving is read', async () => {
    const prev = process.env.OFFMAIN_STALL_SECONDS;
    process.env.OFFMAIN_STALL_SECONDS = '1';
    try {
      const e = await hostile((r) => {
        r.writeHead(200, json);
        r.write('{"total_count":1,');
      });
      expect(e.message).toMatch(/no progress for 1 s/);
    } finally {
      if (prev === undefined) delete process.env.OFFMAIN_STALL_SECONDS;
      else process.env.OFFMAIN_STALL_SECONDS = prev;
    }
  }, 20_000);
});

describe('the verdict', () => {
  it('folds check runs and statuses', () => {
    const c = (name: string, state: 'pass' | 'fail' | 'pending' | 'unfinished' | 'neutral', app = 'github-actions') => ({ name, kind: 'check-run' as const, state, detail: state, app });
    expect(verdictOf('a', [c('x', 'pass'), c('y', 'neutral')], 'require').verdict).toBe('pass');
    expect(verdictOf('a', [c('x', 'pass'), c('y', 'unfinished')], 'require').verdict).toBe('unfinished');
    expect(verdictOf('a', [c('x', 'pass'), c('y', 'pending')], 'require').verdict).toBe('pending');
    expect(verdictOf('a', [c('x', 'fail'), c('y', 'pending')], 'require').verdict).toBe('fail');
    expect(verdictOf('a', [c('y', 'neutral')], 'require').verdict).toBe('none');
    expect(verdictOf('a', [c('x', 'pass', 'other')], 'require').verdict).toBe('none');
    expect(verdictOf('a', [c('x', 'fail')], 'names', ['y']).verdict).toBe('pending');
    expect(verdictOf('a', [c('y', 'pass')], 'names', ['y']).verdict).toBe('pass');
    expect(parseChecksMode(' Names ')).toBe('names');
    expect(() => parseChecksMode('strict')).toThrow(/not a mode: use require, names or off/);
    expect(parseMinAge('2h')).toBe(2);
    expect(parseMinAge('1d')).toBe(24);
    expect(() => parseMinAge('soon')).toThrow(/min-age "soon" is not a duration/);
  });
});

describe('the pipeline with the gate', () => {
  it('the scheduled run\'s decision is made for the commit the gate lets through, not the branch head', async () => {
    const api = await standIn();
    const svc = services();
    const d = await decide({
      upstream: up.url,
      patchSets: [],
      images: [`${namespace(svc, 'gate')}/mastodon`],
      platforms: 'linux/amd64',
      env: svc.env,
      gate: { checks: 'require', checksRepository: 'mastodon/mastodon', apiUrl: api.url, now: NOW() },
      log: memoryLogger(),
    });
    expect(d.commit).toBe(up.c.docker);
    expect(d.head).toBe(false);
    expect(d.platforms).toEqual(['linux/amd64']); // nothing built yet: the gated commit is what gets built
    expect(d.line).toContain(`upstream ${up.c.running.slice(0, 7)}, ${up.c.red.slice(0, 7)} held back by its checks`);
    expect(d.gateMarkdown).toContain('### Upstream checks gate');
  });

  it('builds the commit the gate chose, says which were held back, and reports the gate lag in the freshness', async () => {
    const api = await standIn();
    const config = await createBareRepo(join(tempDir('offmain-gcfg-'), 'config.git'));
    await config.commit({
      files: { 'apps/kustomization.yaml': `images:\n  - name: ghcr.io/acme/mastodon\n    newTag: ${tagOf(up.c.base)}\n` },
      message: 'initial',
      date: '2026-08-10T10:00:00Z',
      ref: 'refs/heads/main',
    });
    const log = memoryLogger();
    const r = await runPipeline(
      {
        upstream: { repository: up.url, path: join(tempDir(), 'mastodon'), patchSets: [] },
        build: { images: ['ghcr.io/acme/mastodon'], planOnly: true },
        deploy: { repository: config.dir, now: NOW() },
        gate: { checks: 'require', checksRepository: 'mastodon/mastodon', apiUrl: api.url, now: NOW() },
      },
      log,
    );
    expect(r.ok).toBe(true);
    expect(r.prepared!.upstream.sha).toBe(up.c.docker);
    expect(r.gate?.heldBack.map((h) => h.sha)).toEqual([up.c.running, up.c.red]);
    expect(r.deploy).toMatchObject({ dryRun: true, changed: true, next: { tag: tagOf(up.c.docker) } });
    expect(r.deploy?.commit).toBeUndefined();
    // Plan only: nothing is deployed, so the lag is the one of the commit the cluster still runs.
    expect(r.freshness).toMatchObject({ gateLagHours: 2, deployed: { sha: up.c.base } });
    const md = pipelineSummaryMarkdown(r);
    expect(md).toContain('### Upstream checks gate');
    expect(md).toContain('| Gate lag | 2 h: upstream commits the checks gate held back |');
    expect(md).toContain('### What the rollout brings');
    expect(log.lines).toContain(`warning: upstream ${up.c.red.slice(0, 7)} is held back: checks failed: test (completed/failure), build-image (completed/cancelled)`);
  });
});

describe('the upstream token and the checks API', () => {
  it('goes to api.github.com only for an upstream on github.com; a mirror elsewhere reads the checks anonymously', async () => {
    const { apiToken } = await import('../../src/pipeline/gate.js');
    expect(apiToken('https://github.com/mastodon/mastodon.git', 'https://api.github.com', 'ghs_x')).toBe('ghs_x');
    expect(apiToken('https://github.com/mastodon/mastodon.git', 'https://api.github.com/', 'ghs_x')).toBe('ghs_x');
    expect(apiToken('https://git.example.com/mirror/mastodon.git', 'https://api.github.com', 'glpat_x')).toBeUndefined();
    expect(apiToken('https://github.com/mastodon/mastodon.git', 'https://ghes.example.com/api/v3', 'ghs_x')).toBeUndefined();
    expect(apiToken('https://github.com/mastodon/mastodon.git', 'not a url', 'ghs_x')).toBeUndefined();
    // End to end: a mirror's token never reaches the API stand-in.
    const api = await standIn();
    await gate(base(api, { mode: 'require', token: 'glpat_mirror', maxCommits: 1 }));
    expect(api.requests.length).toBeGreaterThan(0);
    expect(api.requests.every((r) => r.login === undefined)).toBe(true);
  });
});

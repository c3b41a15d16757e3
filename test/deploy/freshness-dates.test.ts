/**
 * Upstream commit dates are upstream text: a date in the future, or one after a later commit's, never hides
 * the lag. The lag then cannot be measured, `behind` stays exact and the status fails closed.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/cli/deploy.js';
import { memoryLogger } from '../../src/core/log.js';
import { assessFreshness, computeLag, freshness, freshnessFailure, freshnessLine, freshnessMarkdown } from '../../src/deploy/freshness.js';
import { gate } from '../../src/pipeline/gate.js';
import { createBareRepo, type FixtureRepo } from '../support/git-fixture.js';
import { tempDir } from '../support/tmp.js';

const unix = (iso: string) => Date.parse(iso) / 1000;
const FRI = '2026-08-21T17:00:00Z';
const NOW = '2026-08-24T09:00:00Z';
const MON = new Date(NOW);
const FUTURE = '2027-01-01T00:00:00Z';
const sha = (c: string) => c.repeat(40);

describe('computeLag with dates that cannot be true', () => {
  const deployed = { sha: sha('a'), time: unix(FRI) };

  it('a first missing commit dated in the future: not measured, at most the time since the deployed commit', () => {
    const missing = [
      { sha: sha('b'), time: unix(FUTURE) },
      { sha: sha('c'), time: unix(FUTURE) + 60 },
    ];
    const lag = computeLag(missing, MON, deployed);
    expect(lag).toEqual({
      hours: 64,
      behind: 2,
      oldest: missing[0],
      unmeasured: { why: 'future', sha: sha('b'), time: unix(FUTURE), date: FUTURE, since: { ...deployed, date: FRI } },
    });
    expect(assessFreshness(lag)).toBe('fail');
    expect(assessFreshness(lag, 1000)).toBe('fail'); // never ok, however far the goal
    expect(assessFreshness(lag, 48, true)).toBe('warn');
  });

  it('within the 5-minute skew a date is believed (0 h), beyond it not', () => {
    expect(computeLag([{ sha: sha('b'), time: unix(NOW) + 300 }], MON, deployed)).toMatchObject({ hours: 0, behind: 1 });
    expect(computeLag([{ sha: sha('b'), time: unix(NOW) + 300 }], MON, deployed).unmeasured).toBeUndefined();
    expect(computeLag([{ sha: sha('b'), time: unix(NOW) + 301 }], MON, deployed).unmeasured?.why).toBe('future');
  });

  it('a later commit dated in the future does not matter: the first one tells the lag', () => {
    const lag = computeLag([{ sha: sha('b'), time: unix(FRI) }, { sha: sha('c'), time: unix(FUTURE) }], MON, deployed);
    expect(lag).toEqual({ hours: 64, behind: 2, oldest: { sha: sha('b'), time: unix(FRI) } });
  });

  it('a first commit dated after a later one (out of order): not measured', () => {
    const missing = [
      { sha: sha('b'), time: unix('2026-08-24T08:00:00Z') },
      { sha: sha('c'), time: unix('2026-08-23T09:00:00Z') },
    ];
    const lag = computeLag(missing, MON, deployed);
    expect(lag.unmeasured).toMatchObject({ why: 'out-of-order', sha: sha('b'), than: { sha: sha('c'), date: '2026-08-23T09:00:00Z' } });
    expect(lag.hours).toBe(64);
    expect(assessFreshness(lag)).toBe('fail');
  });

  it('every date in the future, the deployed one too: nothing bounds it, still never ok', () => {
    const lag = computeLag([{ sha: sha('b'), time: unix(FUTURE) }], MON, { sha: sha('a'), time: unix(FUTURE) - 60 });
    expect(lag).toMatchObject({ hours: 0, behind: 1, unmeasured: { why: 'future' } });
    expect(lag.unmeasured!.since).toBeUndefined();
    expect(assessFreshness(lag)).toBe('fail');
  });
});

describe('freshness on an upstream whose newer commits are dated in the future', () => {
  let up: FixtureRepo;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    up = await createBareRepo(join(tempDir('offmain-dates-'), 'mastodon.git'));
    c.wed = await up.commit({ files: { a: '1\n' }, message: 'Wednesday', date: '2026-08-19T12:00:00Z', ref: 'refs/heads/main' });
    c.fri = await up.commit({ files: { a: '2\n' }, message: 'Friday', date: FRI, parents: [c.wed], ref: 'refs/heads/main' });
    c.f1 = await up.commit({ files: { a: '3\n' }, message: 'From the future', date: FUTURE, parents: [c.fri], ref: 'refs/heads/main' });
    c.f2 = await up.commit({ files: { a: '4\n' }, message: 'From the future too', date: '2027-01-01T00:01:00Z', parents: [c.f1], ref: 'refs/heads/main' });
    // Another branch: its first commit dated after the next one.
    c.o1 = await up.commit({ files: { a: '5\n' }, message: 'Late date', date: '2026-08-24T08:00:00Z', parents: [c.fri], ref: 'refs/heads/odd' });
    c.o2 = await up.commit({ files: { a: '6\n' }, message: 'Earlier date', date: '2026-08-23T09:00:00Z', parents: [c.o1], ref: 'refs/heads/odd' });
  });

  it('two commits behind reads "cannot be measured", fails closed, and never says lag 0 h or ok', async () => {
    const r = await freshness({ repository: up.dir, deployed: c.fri!, now: MON, cacheDir: tempDir() });
    expect(r.lag).toMatchObject({ behind: 2, hours: 64, unmeasured: { why: 'future', sha: c.f1, date: FUTURE, since: { sha: c.fri, date: FRI } } });
    expect(r.status).toBe('fail');
    const f1 = c.f1!.slice(0, 7);
    const fri = c.fri!.slice(0, 7);
    expect(freshnessLine(r)).toBe(
      `deployed ${fri} is 2 commits behind main (${c.f2!.slice(0, 7)}); the lag cannot be measured: the oldest missing one, ` +
        `${f1} is dated ${FUTURE}, in the future (now ${NOW}); at most 64 h (2.7 days), counted from ${FRI} (${fri}) (goal 48 h)`,
    );
    expect(freshnessFailure(r)).toMatch(/^the lag of the deployed Mastodon behind main of .* cannot be measured, so it does not count as within the 48 h goal: /);
    expect(freshnessFailure(r)).toMatch(/upstream's commit dates are wrong: deploy the branch head \(its lag is 0 whatever the dates\), or set warn-only$/);
    const md = freshnessMarkdown(r);
    expect(md).toContain(`| Behind | 2 commits; oldest missing \`${f1}\`, dated ${FUTURE} |`);
    expect(md).toContain(`| Lag | cannot be measured: ${f1} is dated ${FUTURE}, in the future (now ${NOW}); at most 64 h (2.7 days), counted from ${FRI} (${fri}) (goal 48 h): ❌ cannot be measured |`);
    expect(md).not.toMatch(/lag 0 h|within goal/);
    // Even a very generous goal does not make it ok; at the head the lag is 0 whatever the dates.
    expect((await freshness({ repository: up.dir, deployed: c.fri!, now: MON, maxLagHours: 10_000, cacheDir: tempDir() })).status).toBe('fail');
    const head = await freshness({ repository: up.dir, deployed: c.f2!, now: MON, cacheDir: tempDir() });
    expect(head).toMatchObject({ status: 'ok', lag: { hours: 0, behind: 0 } });
  });

  it('a first missing commit dated after a later one is not believed either', async () => {
    const r = await freshness({ repository: up.dir, ref: 'odd', deployed: c.fri!, now: MON, cacheDir: tempDir() });
    expect(r.lag.unmeasured).toMatchObject({ why: 'out-of-order', sha: c.o1, than: { sha: c.o2 } });
    expect(r.status).toBe('fail');
    expect(freshnessLine(r)).toContain(`the oldest missing one, ${c.o1!.slice(0, 7)} is dated 2026-08-24T08:00:00Z, after ${c.o2!.slice(0, 7)} (2026-08-23T09:00:00Z), a later commit built on it`);
  });

  it('offmain freshness: exit 1, or a warning with --warn-only; --json names why', async () => {
    const cli = async (args: string[]) => {
      const out: string[] = [];
      const log = memoryLogger();
      const code = await deployCommands.freshness!(args, { stdout: (s) => out.push(s), log });
      return { code, stdout: out.join('\n'), log: log.lines.join('\n') };
    };
    const base = ['--upstream', up.dir, '--deployed', c.fri!.slice(0, 7), '--now', NOW];
    const failed = await cli([...base, '--cache', tempDir()]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^deployed \w{7} is 2 commits behind main \(\w{7}\); the lag cannot be measured/);
    expect(failed.log).toMatch(/^error: the lag of the deployed Mastodon behind main of .* cannot be measured/);
    const warned = await cli([...base, '--warn-only', '--json', '--cache', tempDir()]);
    expect(warned.code).toBe(0);
    expect(warned.log).toMatch(/^warning: the lag of the deployed Mastodon/);
    expect(JSON.parse(warned.stdout)).toMatchObject({
      status: 'warn',
      lag: { behind: 2, hours: 64, unmeasured: { why: 'future', sha: c.f1, date: FUTURE, since: { sha: c.fri, date: FRI } } },
    });
  });

  it('the checks gate holds the future-dated commits back (too young) and its lag is not 0 h', async () => {
    const log = memoryLogger();
    const g = await gate({ mode: 'off', minAgeHours: 1, repository: up.dir, cacheDir: tempDir(), now: MON, log });
    expect(g.chosen?.sha).toBe(c.fri);
    expect(g.heldBack.map((h) => [h.sha, h.why])).toEqual([
      [c.f2, 'too young'],
      [c.f1, 'too young'],
    ]);
    expect(g.lagHours).toBe(64);
  });
});

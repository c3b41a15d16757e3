import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/cli/deploy.js';
import { OffmainError } from '../../src/core/errors.js';
import {
  assessFreshness,
  computeLag,
  formatHours,
  freshness,
  freshnessMarkdown,
} from '../../src/deploy/freshness.js';
import { memoryLogger } from '../../src/core/log.js';
import { createBareRepo, type FixtureRepo } from '../support/git-fixture.js';
import { tempDir } from '../support/tmp.js';

const unix = (iso: string) => Date.parse(iso) / 1000;
// Friday 17:00 UTC: upstream's last commit of the week. Monday 09:00: 64 hours later.
const FRI = '2026-08-21T17:00:00Z';
const MON = new Date('2026-08-24T09:00:00Z');

describe('computeLag (pure)', () => {
  it('is 0 when nothing is missing, however old the head is (the weekend gap)', () => {
    expect(computeLag([], MON)).toEqual({ hours: 0, behind: 0 });
  });

  it('counts from the oldest missing commit, not from the head', () => {
    const missing = [
      { sha: 'b'.repeat(40), time: unix('2026-08-19T12:00:00Z') },
      { sha: 'c'.repeat(40), time: unix(FRI) },
    ];
    expect(computeLag(missing, MON)).toEqual({ hours: 117, behind: 2, oldest: missing[0] });
    expect(computeLag(missing.slice(1), MON).hours).toBe(64);
    expect(computeLag([{ sha: 'd'.repeat(40), time: unix('2026-08-24T08:15:00Z') }], MON).hours).toBe(0.8);
    // Clock skew: a commit a few minutes "from the future" is no negative lag; an hour is a date not believed.
    expect(computeLag([{ sha: 'e'.repeat(40), time: unix('2026-08-24T09:04:00Z') }], MON)).toMatchObject({ hours: 0, behind: 1 });
    expect(computeLag([{ sha: 'e'.repeat(40), time: unix('2026-08-24T10:00:00Z') }], MON).unmeasured?.why).toBe('future');
  });

  it('compares with the goal: fail, or only warn', () => {
    expect(assessFreshness({ hours: 48, behind: 1 })).toBe('ok');
    expect(assessFreshness({ hours: 48.1, behind: 1 })).toBe('fail');
    expect(assessFreshness({ hours: 48.1, behind: 1 }, 48, true)).toBe('warn');
    expect(assessFreshness({ hours: 10, behind: 1 }, 6)).toBe('fail');
    expect(formatHours(0)).toBe('0 h');
    expect(formatHours(63.5)).toBe('63.5 h (2.6 days)');
  });

});

describe('freshness against a real upstream history', () => {
  let up: FixtureRepo;
  const shas: Record<string, string> = {};
  beforeAll(async () => {
    up = await createBareRepo(join(tempDir('offmain-up-'), 'mastodon.git'));
    shas.mon = await up.commit({ files: { a: '1\n' }, message: 'Monday', date: '2026-08-17T10:00:00Z' });
    shas.wed = await up.commit({ files: { a: '2\n' }, message: 'Wednesday', date: '2026-08-19T12:00:00Z', parents: [shas.mon] });
    shas.fri = await up.commit({ files: { a: '3\n' }, message: 'Friday', date: FRI, parents: [shas.wed], ref: 'refs/heads/main' });
  });

  it('deployed == head after an idle weekend: lag 0, within the goal', async () => {
    const r = await freshness({ repository: up.dir, deployed: shas.fri!, now: MON, cacheDir: tempDir() });
    expect(r).toMatchObject({
      ref: 'main',
      head: { sha: shas.fri, date: FRI },
      deployed: { sha: shas.fri },
      lag: { hours: 0, behind: 0 },
      status: 'ok',
      onBranch: true,
    });
    expect(freshnessMarkdown(r)).toMatch(/\| Lag \| 0 h \(goal 48 h\): ✅ within goal \|/);
  });

  it('one commit behind since Friday: 64 h on Monday, past the goal', async () => {
    const r = await freshness({ repository: up.dir, deployed: shas.wed!, now: MON, cacheDir: tempDir() });
    expect(r.lag).toEqual({ hours: 64, behind: 1, oldest: { sha: shas.fri, time: unix(FRI) } });
    expect(r.oldestMissingDate).toBe(FRI);
    expect(r.status).toBe('fail');
    const warned = await freshness({ repository: up.dir, deployed: shas.wed!, now: MON, warnOnly: true, cacheDir: tempDir() });
    expect(warned.status).toBe('warn');
  });

  it('takes the deployed commit as an image tag', async () => {
    const r = await freshness({ repository: up.dir, deployed: `4.8.0-alpha.1_${shas.mon!.slice(0, 7)}`, now: MON, cacheDir: tempDir() });
    expect(r.deployed.sha).toBe(shas.mon);
    expect(r.lag).toMatchObject({ hours: 117, behind: 2 });
  });

  it('says which commit it cannot find', async () => {
    const e = await freshness({ repository: up.dir, deployed: '4.8.0_0badc0d', now: MON, cacheDir: tempDir() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OffmainError);
    expect((e as Error).message).toMatch(/^commit 0badc0d \(from "4.8.0_0badc0d"\) was not found on main of .*mastodon\.git/);
    const branch = await freshness({ repository: up.dir, ref: 'develop', deployed: shas.fri!, cacheDir: tempDir() }).catch((x: unknown) => x);
    expect((branch as Error).message).toMatch(/branch develop was not found in the upstream repository/);
  });

  it('counts a merged branch from its merge, not from its first commit (first parent only)', async () => {
    const repo = await createBareRepo(join(tempDir('offmain-up-'), 'merges.git'));
    const base = await repo.commit({ files: { a: '1\n' }, message: 'base', date: '2026-08-20T10:00:00Z' });
    const old = await repo.commit({ files: { b: '1\n' }, message: 'written two weeks ago', date: '2026-08-07T10:00:00Z', parents: [base] });
    const merge = await repo.commit({ files: { b: '1\n' }, message: 'Merge', date: '2026-08-24T06:00:00Z', parents: [base, old], ref: 'refs/heads/main' });
    const r = await freshness({ repository: repo.dir, deployed: base, now: MON, cacheDir: tempDir() });
    expect(r.lag).toEqual({ hours: 3, behind: 1, oldest: { sha: merge, time: unix('2026-08-24T06:00:00Z') } });
  });
});

describe('offmain freshness', () => {
  let up: FixtureRepo;
  let wed: string;
  let fri: string;
  beforeAll(async () => {
    up = await createBareRepo(join(tempDir('offmain-up-'), 'mastodon.git'));
    wed = await up.commit({ files: { a: '2\n' }, message: 'Wednesday', date: '2026-08-19T12:00:00Z' });
    fri = await up.commit({ files: { a: '3\n' }, message: 'Friday', date: FRI, parents: [wed], ref: 'refs/heads/main' });
  });

  async function cli(args: string[]) {
    const out: string[] = [];
    const log = memoryLogger();
    const code = await deployCommands.freshness!(args, { stdout: (s) => out.push(s), log });
    return { code, stdout: out.join('\n'), log: log.lines };
  }

  it('exits 0 within the goal and prints the measure', async () => {
    const r = await cli(['--upstream', up.dir, '--deployed', fri, '--now', MON.toISOString(), '--cache', tempDir()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^deployed ${fri.slice(0, 7)} is the newest commit of main: lag 0 h \\(goal 48 h\\)`));
  });

  it('exits 1 past --max-lag, or warns with --warn-only; --json gives the report', async () => {
    const failed = await cli(['--upstream', up.dir, '--deployed', wed.slice(0, 7), '--now', MON.toISOString(), '--cache', tempDir()]);
    expect(failed.code).toBe(1);
    expect(failed.log.join('\n')).toMatch(/^error: the deployed Mastodon is 64 h \(2\.7 days\) behind main of .*, past the 48 h goal: .*1 commit behind/);
    const warned = await cli(['--upstream', up.dir, '--deployed', wed, '--now', MON.toISOString(), '--warn-only', '--json', '--cache', tempDir()]);
    expect(warned.code).toBe(0);
    expect(warned.log.join('\n')).toMatch(/^warning: the deployed Mastodon is 64 h/);
    expect(JSON.parse(warned.stdout)).toMatchObject({ lag: { hours: 64, behind: 1 }, status: 'warn', maxLagHours: 48 });
    const relaxed = await cli(['--upstream', up.dir, '--deployed', wed, '--now', MON.toISOString(), '--max-lag', '72', '--cache', tempDir()]);
    expect(relaxed.code).toBe(0);
  });

  it('names a missing option and a bad value', async () => {
    expect((await cli(['--upstream', up.dir])).log).toEqual(['error: offmain freshness: --deployed is required (see offmain --help)']);
    expect((await cli(['--upstream', up.dir, '--deployed', fri, '--max-lag', 'two days'])).log[0]).toMatch(/--max-lag is "two days"/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../src/core/git.js';
import { freshness } from '../../src/deploy/freshness.js';
import { configNamesOrigin, UpstreamHistory } from '../../src/deploy/history.js';
import { createBareRepo } from '../support/git-fixture.js';
import { traceGit } from '../support/gittrace.js';
import { tempDir } from '../support/tmp.js';

// Issue 12: a warm freshness check (the cache kept from the last run) pays few fixed costs: the fetch, one
// process naming the deployed commit and the branch's tip with their times, the ancestry check and the log.
// What it learns between two fetches is reused; a fetch forgets it. Counted with git's own trace2 events.

const unix = (iso: string) => Date.parse(iso) / 1000;

async function gitStarts(dir: string, fn: () => Promise<unknown>): Promise<string[][]> {
  return (await traceGit(dir, fn)).filter((e) => e.event === 'start').map((e) => e.argv!.slice(1));
}

describe('a warm freshness check', () => {
  it('starts four git processes: fetch, one log for the deployed commit and the tip, the ancestry check, the missing commits', async () => {
    const work = tempDir('offmain-history-warm-');
    const repo = await createBareRepo(join(work, 'up.git'));
    const line = await repo.linearHistory('main', 30, unix('2026-08-01T00:00:00Z'));
    const cache = join(work, 'cache');
    const url = `file://${repo.dir}`;
    const deployed = `4.6.0_${line[19]!.slice(0, 7)}`;
    const now = new Date('2026-08-03T00:00:00Z');
    const cold = await gitStarts(work, () => freshness({ repository: url, cacheDir: cache, deployed, now }));
    // A new cache has no origin to ask about.
    expect(cold.map((a) => a[0])).toEqual(['init', 'remote', 'fetch', 'log', 'merge-base', 'rev-list']);
    expect(cold[1]!.slice(0, 2)).toEqual(['remote', 'add']);

    const more = await repo.linearHistory('main', 2, unix('2026-08-02T00:00:00Z'));
    let report: Awaited<ReturnType<typeof freshness>> | undefined;
    const warm = await gitStarts(work, async () => (report = await freshness({ repository: url, cacheDir: cache, deployed, now })));
    expect(warm.map((a) => a[0])).toEqual(['fetch', 'log', 'merge-base', 'rev-list']);
    // The same answers as asking git each time.
    expect(report!.head).toMatchObject({ sha: more[1], time: unix('2026-08-02T00:00:00Z') + 120 });
    expect(report!.deployed).toMatchObject({ sha: line[19], time: unix('2026-08-01T00:00:00Z') + 20 * 60 });
    expect(report!.lag.behind).toBe(12);
    expect(report!.onBranch).toBe(true);
  });

  it('at the head: fetch and one log, nothing else', async () => {
    const work = tempDir('offmain-history-warm-');
    const repo = await createBareRepo(join(work, 'up.git'));
    const line = await repo.linearHistory('main', 5, unix('2026-08-01T00:00:00Z'));
    const cache = join(work, 'cache');
    const url = `file://${repo.dir}`;
    await freshness({ repository: url, cacheDir: cache, deployed: line[4]! });
    const warm = await gitStarts(work, () => freshness({ repository: url, cacheDir: cache, deployed: `4.6.0_${line[4]!.slice(0, 7)}` }));
    expect(warm.map((a) => a[0])).toEqual(['fetch', 'log']);
  });
});

describe('what the history learnt', () => {
  it('is forgotten by a deepening fetch: the tip it moved to is read again, a commit off the branch is still off it', async () => {
    const work = tempDir('offmain-history-warm-');
    const repo = await createBareRepo(join(work, 'up.git'));
    const line = await repo.linearHistory('main', 150, unix('2026-08-01T00:00:00Z'));
    const side = await repo.commit({ files: { x: 'side' }, message: 'side', parents: [line[140]!], ref: 'refs/heads/side', date: '2026-08-05T00:00:00Z' });
    const h = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: join(work, 'cache') });
    expect((await h.head()).sha).toBe(line[149]);
    // Upstream moves on; the next question needs an older commit, so it fetches deeper and sees the new tip.
    const more = await repo.linearHistory('main', 1, unix('2026-08-03T00:00:00Z'));
    expect(await h.resolve(line[10]!.slice(0, 8))).toBe(line[10]);
    expect(await h.head()).toEqual({ sha: more[0], time: unix('2026-08-03T00:00:00Z') + 60 });
    expect(await h.isAncestor(line[10]!, more[0]!)).toBe(true);
    expect(await h.isAncestor(more[0]!, line[10]!)).toBe(false);
    expect(await h.place(side.slice(0, 9))).toBe('missing');
    // Asked twice, answered the same.
    expect(await h.isAncestor(line[10]!, more[0]!)).toBe(true);
    expect(await h.commitTime(line[10]!)).toBe(unix('2026-08-01T00:00:00Z') + 11 * 60);
  });
});

describe('the cache remote', () => {
  it('follows the repository asked for: a cache made for another URL is pointed at this one before it fetches', async () => {
    const work = tempDir('offmain-history-warm-');
    const a = await createBareRepo(join(work, 'a.git'));
    const b = await createBareRepo(join(work, 'b.git'));
    const la = await a.linearHistory('main', 3, unix('2026-08-01T00:00:00Z'));
    const lb = await b.linearHistory('main', 3, unix('2026-09-01T00:00:00Z'));
    const cache = join(work, 'cache');
    expect((await (await UpstreamHistory.open({ repository: `file://${a.dir}`, cacheDir: cache })).head()).sha).toBe(la[2]);
    const starts = await gitStarts(work, async () =>
      expect((await (await UpstreamHistory.open({ repository: `file://${b.dir}`, cacheDir: cache })).head()).sha).toBe(lb[2]),
    );
    expect(starts.map((s) => s.slice(0, 2).join(' '))).toContain('remote set-url');
    expect((await git(['remote', 'get-url', 'origin'], { cwd: cache })).stdout.trim()).toBe(`file://${b.dir}`);
    // Asked for b again: read from the config, no git process for it.
    const again = await gitStarts(work, () => UpstreamHistory.open({ repository: `file://${b.dir}`, cacheDir: cache }));
    expect(again.filter((s) => s[0] === 'remote')).toEqual([]);
  });

  it('is read from the config only when it is plainly the one URL git would use', () => {
    const dir = tempDir('offmain-history-config-');
    const write = (text: string) => writeFileSync(join(dir, 'config'), text);
    const url = 'https://example.com/up.git';
    write(`[core]\n\tbare = true\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
    expect(configNamesOrigin(dir, url)).toBe(true);
    expect(configNamesOrigin(dir, 'https://example.com/other.git')).toBe(false);
    write(`[remote "origin"]\n\turl = ${url}\n\turl = https://evil.example/up.git\n`);
    expect(configNamesOrigin(dir, url)).toBe(false);
    write(`[remote "origin"]\n\turl = ${url}\n[remote "origin"]\n\turl = https://evil.example/up.git\n`);
    expect(configNamesOrigin(dir, url)).toBe(false);
    write(`[remote "origin"]\n\turl = ${url}\n[url "https://evil.example/"]\n\tinsteadOf = https://example.com/\n`);
    expect(configNamesOrigin(dir, url)).toBe(false);
    write(`[remote "origin"]\n\turl = ${url}\n[include]\n\tpath = /tmp/x\n`);
    expect(configNamesOrigin(dir, url)).toBe(false);
    write(`[remote "origin"]\n\turl = https://example.com/a#b.git\n`);
    expect(configNamesOrigin(dir, 'https://example.com/a#b.git')).toBe(false); // git would quote it: ask git
    expect(readFileSync(join(dir, 'config'), 'utf8')).toContain('a#b');
  });
});

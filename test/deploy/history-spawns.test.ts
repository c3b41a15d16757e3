import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../src/core/git.js';
import { UpstreamHistory } from '../../src/deploy/history.js';
import { createBareRepo } from '../support/git-fixture.js';
import { traceGit } from '../support/gittrace.js';
import { tempDir } from '../support/tmp.js';

// Issue 12: a warm freshness check pays few fixed costs. Shallowness is read from the git directory's
// `shallow` file, not asked of a git process; counted with git's own trace2 events.

const unix = (iso: string) => Date.parse(iso) / 1000;

async function gitStarts(dir: string, fn: () => Promise<unknown>): Promise<string[][]> {
  return (await traceGit(dir, fn)).filter((e) => e.event === 'start').map((e) => e.argv!.slice(1));
}

describe('UpstreamHistory fixed costs', () => {
  it('tells shallow from complete without spawning git for it, cold and warm, and still deepens', async () => {
    const work = tempDir('offmain-history-spawns-');
    const repo = await createBareRepo(join(work, 'up.git'));
    const line = await repo.linearHistory('main', 120, unix('2026-08-01T00:00:00Z'));
    const cache = join(work, 'cache');
    const url = `file://${repo.dir}`;
    const count = async () => Number((await git(['rev-list', '--count', 'refs/remotes/origin/main'], { cwd: cache })).stdout);
    const asks = (starts: string[][]) => starts.filter((a) => a.includes('--is-shallow-repository')).length;

    const cold = await gitStarts(work, async () => (await UpstreamHistory.open({ repository: url, cacheDir: cache })).notDeployed(line[110]!));
    expect(asks(cold)).toBe(0);
    expect(await count()).toBe(100);
    // Older than the first step: deepening still happens (the shallow file is there), then it is complete.
    const deep = await gitStarts(work, async () => (await UpstreamHistory.open({ repository: url, cacheDir: cache })).resolve(line[5]!));
    expect(asks(deep)).toBe(0);
    expect(await count()).toBe(120);
    const warm = await gitStarts(work, async () =>
      expect(await (await UpstreamHistory.open({ repository: url, cacheDir: cache })).notDeployed(line[118]!)).toHaveLength(1),
    );
    expect(asks(warm)).toBe(0);
    expect(warm.filter((a) => a[0] === 'fetch')).toHaveLength(1);
  });
});

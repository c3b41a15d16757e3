import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../src/core/git.js';
import { defaultCacheDir, privateCacheDir, shaOf, UpstreamHistory } from '../../src/deploy/history.js';
import { createBareRepo } from '../support/git-fixture.js';
import { withEnv } from '../support/env.js';
import { tempDir } from '../support/tmp.js';

const unix = (iso: string) => Date.parse(iso) / 1000;

describe('shaOf', () => {
  it('reads the deployed commit from a sha, an image tag or a display version', () => {
    expect(shaOf('2F40549D1A')).toBe('2f40549d1a');
    expect(shaOf('4.8.0-alpha.1_2f40549')).toBe('2f40549');
    expect(shaOf('4.8.0-alpha.1+2f40549')).toBe('2f40549');
    expect(() => shaOf('latest')).toThrow(/neither a commit sha nor an offmain image tag/);
  });
});

describe('UpstreamHistory', () => {
  it('fetches blobless and only as deep as needed, deepening for an older commit', async () => {
    const repo = await createBareRepo(join(tempDir('offmain-up-'), 'long.git'));
    const root = await repo.commit({ files: { big: 'x'.repeat(1000) }, message: 'root', date: '2026-01-01T00:00:00Z', ref: 'refs/heads/main' });
    const line = await repo.linearHistory('main', 150, unix('2026-08-01T00:00:00Z'));
    const cache = tempDir();
    const h = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: cache });
    const count = async () => Number((await git(['rev-list', '--count', 'refs/remotes/origin/main'], { cwd: cache })).stdout);
    expect(await count()).toBe(100);
    expect((await git(['config', 'remote.origin.partialclonefilter'], { cwd: cache })).stdout.trim()).toBe('blob:none');
    expect(await h.isAncestor(line[100]!, line[149]!)).toBe(true);
    expect(await count()).toBe(100);
    // The root is 151 commits back: one deepening step.
    expect(await h.resolve(root.slice(0, 9))).toBe(root);
    expect(await count()).toBe(151);
    expect(await h.isAncestor(line[149]!, root)).toBe(false);
    expect(await h.notDeployed(line[147]!)).toEqual([
      { sha: line[148], time: unix('2026-08-01T00:00:00Z') + 149 * 60 },
      { sha: line[149], time: unix('2026-08-01T00:00:00Z') + 150 * 60 },
    ]);
    // A later run reuses the cache and sees new commits.
    const more = await repo.linearHistory('main', 2, unix('2026-08-02T00:00:00Z'));
    const again = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: cache });
    expect((await again.head()).sha).toBe(more[1]);
    expect(await again.isAncestor(root, more[1]!)).toBe(true);
  });
});

describe('a kept cache', () => {
  it('is never cut back to the first step: the next run fetches only what is new', async () => {
    const repo = await createBareRepo(join(tempDir('offmain-up-'), 'long.git'));
    const line = await repo.linearHistory('main', 1200, unix('2026-08-01T00:00:00Z'));
    const cache = tempDir();
    const count = async () => Number((await git(['rev-list', '--count', 'refs/remotes/origin/main'], { cwd: cache })).stdout);
    const h = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: cache });
    expect(await h.resolve(line[1000]!.slice(0, 9))).toBe(line[1000]); // 199 back: one step, to 400
    expect(await count()).toBe(400);
    await repo.linearHistory('main', 3, unix('2026-08-03T00:00:00Z'));
    const again = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: cache });
    expect(await count()).toBe(403);
    expect(await again.resolve(line[1000]!.slice(0, 9))).toBe(line[1000]);
    expect(await count()).toBe(403);
    // Deeper again from what is kept: 4x the 403 there, not a fixed step counted from the tip.
    expect(await again.resolve(line[300]!.slice(0, 9))).toBe(line[300]);
    expect(await count()).toBe(1203);
  });
});

describe('deepening', () => {
  it('fetches at most four times the depth a question needs: a commit exactly 1,000 back does not bring the whole history', async () => {
    const repo = await createBareRepo(join(tempDir('offmain-up-'), 'long.git'));
    const line = await repo.linearHistory('main', 3000, unix('2026-08-01T00:00:00Z'));
    const cache = tempDir();
    const count = async () => Number((await git(['rev-list', '--count', 'refs/remotes/origin/main'], { cwd: cache })).stdout);
    const h = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: cache });
    // Exactly 1,000 back (line[2999] is the head): 100, 400, then 1,600 deep; not all 3,000.
    expect(await h.resolve(line[1999]!.slice(0, 9))).toBe(line[1999]);
    expect(await count()).toBe(1600);
    expect((await h.notDeployed(line[1999]!)).length).toBe(1000);
    expect(existsSync(join(cache, 'shallow'))).toBe(true);
  });
});

describe('the default cache directory', () => {
  const withRunnerTemp = <T>(dir: string, fn: () => Promise<T>): Promise<T> => withEnv({ RUNNER_TEMP: dir }, fn);

  it('is private (0700), and reused by the next run', async () => {
    await withRunnerTemp(tempDir(), async () => {
      const dir = await privateCacheDir('https://example.com/up.git');
      expect(dir).toBe(defaultCacheDir('https://example.com/up.git'));
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      chmodSync(dir, 0o755); // made by an older offmain: tightened, still reused
      expect(await privateCacheDir('https://example.com/up.git')).toBe(dir);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    });
  });

  it('is not reused when another user created it, nor followed when it is a symlink', async () => {
    await withRunnerTemp(tempDir(), async () => {
      const theirs = defaultCacheDir('https://example.com/a.git');
      mkdirSync(theirs, { mode: 0o777 });
      chownSync(theirs, 65534, 65534); // nobody
      const a = await privateCacheDir('https://example.com/a.git');
      expect(a).not.toBe(theirs);
      expect(lstatSync(a).uid).toBe(process.getuid!());
      expect(statSync(a).mode & 0o777).toBe(0o700);

      const target = tempDir();
      symlinkSync(target, defaultCacheDir('https://example.com/b.git'));
      const b = await privateCacheDir('https://example.com/b.git');
      expect(b).not.toBe(defaultCacheDir('https://example.com/b.git'));
      expect(lstatSync(b).isSymbolicLink()).toBe(false);
      expect(readdirSync(target)).toEqual([]);
    });
  });
});

describe('one cache shared by two runs', () => {
  it("waits (a bounded time) for the other process's shallow.lock instead of losing the history", async () => {
    const repo = await createBareRepo(join(tempDir('offmain-up-'), 'shared.git'));
    const root = await repo.commit({ files: { a: '1\n' }, message: 'root', date: '2026-01-01T00:00:00Z', ref: 'refs/heads/main' });
    await repo.linearHistory('main', 150, unix('2026-08-01T00:00:00Z'));
    const cache = tempDir();
    const h = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: cache });
    // Another deploy is deepening the same cache: it holds shallow.lock for a while.
    writeFileSync(join(cache, 'shallow.lock'), '');
    setTimeout(() => rmSync(join(cache, 'shallow.lock')), 700);
    const t0 = Date.now();
    expect(await h.resolve(root.slice(0, 9))).toBe(root);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);

    // The wait is bounded: a lock that stays is one clear failure, not a hang.
    const other = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: tempDir() });
    writeFileSync(join(other.dir, 'shallow.lock'), '');
    await withEnv({ OFFMAIN_CACHE_LOCK_SECONDS: '0.3' }, async () => {
      await expect(other.resolve(root.slice(0, 9))).rejects.toThrow(/cannot read the upstream repository .*shallow\.lock/);
    });
  });
});

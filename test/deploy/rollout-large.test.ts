/**
 * Huge upstream files (an env sample, a Gemfile.lock) are read bounded: the download is stopped, nothing large
 * is held in memory, and what was not read is said to be "not compared" (or "cannot tell"), never taken as empty.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UpstreamHistory } from '../../src/deploy/history.js';
import { redisDriverNeedFor, redisDriverProblem } from '../../src/deploy/redisdriver.js';
import { rollout, rolloutLines, rolloutMarkdown } from '../../src/deploy/rollout.js';
import { createBareRepo, type FixtureRepo } from '../support/git-fixture.js';
import { tempDir } from '../support/tmp.js';

const SMALL = 'LOCAL_DOMAIN=example.com\nREDIS_HOST=localhost\n';
/** An env sample of about `bytes`, every line a variable: a 64 KiB block repeated (more than zlib's window, so it stays large compressed). */
const envOf = (bytes: number) => {
  const lines: string[] = [];
  for (let i = 0, n = 0; n < Math.min(bytes, 64 * 1024); i++) {
    const l = `GENERATED_VARIABLE_${i}=value_${(i * 7919) % 100_003}\n`;
    lines.push(l);
    n += l.length;
  }
  const block = lines.join('');
  return SMALL + block.repeat(Math.max(1, Math.round(bytes / block.length)));
};
const packBytes = (cache: string) => readdirSync(join(cache, 'objects/pack')).reduce((n, f) => n + statSync(join(cache, 'objects/pack', f)).size, 0);

const MID_ENV = envOf(200 * 1024);
const kib = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`;

let up: FixtureRepo;
const c: Record<string, string> = {};
beforeAll(async () => {
  up = await createBareRepo(join(tempDir('offmain-large-'), 'mastodon.git'));
  c.base = await up.commit({ files: { '.env.production.sample': SMALL, 'Gemfile.lock': 'GEM\n  specs:\n    redis (4.8.1)\n' }, message: 'base', date: '2026-08-20T10:00:00Z', ref: 'refs/heads/main' });
  c.mid = await up.commit({ files: { '.env.production.sample': MID_ENV, 'Dockerfile': `ARG A\n${'# pad\n'.repeat(40_000)}` }, message: 'mid', date: '2026-08-20T11:00:00Z', parents: [c.base], ref: 'refs/heads/main' });
  c.huge = await up.commit({ files: { '.env.production.sample': envOf(100 * 1024 * 1024) }, message: 'huge', date: '2026-08-20T12:00:00Z', parents: [c.mid], ref: 'refs/heads/main' });
}, 60_000);

describe('huge upstream files in the rollout notes', () => {
  it('a file over the bound is "not compared" (with its size), never "every variable removed"', async () => {
    const h = await UpstreamHistory.open({ repository: up.url, cacheDir: join(tempDir(), 'cache') });
    const r = await rollout({ history: h, from: c.base!, to: c.mid!, maxFileBytes: 16 * 1024 });
    expect(r.env).toEqual({ added: [], removed: [], changed: [], touched: true, notCompared: `.env.production.sample at ${c.mid!.slice(0, 7)} is ${kib(MID_ENV)}, more than offmain reads (16.0 KiB): not compared` });
    expect(r.build.dockerfiles).toEqual([
      { file: 'Dockerfile', status: 'added', argsAdded: [], argsRemoved: [], notCompared: `Dockerfile at ${c.mid!.slice(0, 7)} is 234.4 KiB, more than offmain reads (16.0 KiB): not compared` },
    ]);
    const lines = rolloutLines(r).join('\n');
    expect(lines).toContain(`- .env.production.sample at ${c.mid!.slice(0, 7)} is ${kib(MID_ENV)}, more than offmain reads (16.0 KiB): not compared`);
    expect(lines).not.toMatch(/removes|adds:/);
    expect(rolloutMarkdown(r)).toContain(`| Env variables | .env.production.sample at ${c.mid!.slice(0, 7)} is ${kib(MID_ENV)}, more than offmain reads (16.0 KiB): not compared |`);
    // Within the bound it is compared as before.
    const read = await rollout({ history: h, from: c.base!, to: c.mid!, maxFileBytes: 1024 * 1024 });
    expect(read.env.notCompared).toBeUndefined();
    expect(read.env.added).toContain('GENERATED_VARIABLE_0');
    expect(read.env.removed).toEqual([]);
  });

  it('a 100 MiB env sample: the download is stopped near the bound (bytes counted), the notes say it was not compared', async () => {
    const cache = join(tempDir(), 'cache');
    const h = await UpstreamHistory.open({ repository: up.url, cacheDir: cache });
    const before = packBytes(cache);
    const r = await rollout({ history: h, from: c.mid!, to: c.huge! });
    expect(r.env.notCompared).toBe(`.env.production.sample at ${c.huge!.slice(0, 7)} is more than offmain reads (512.0 KiB; its download was stopped): not compared`);
    expect(r.env.removed).toEqual([]);
    // What the cache kept: the small side only, and no partial pack of the large one.
    expect(packBytes(cache) - before).toBeLessThan(512 * 1024);
    expect(readdirSync(join(cache, 'objects/pack')).filter((f) => f.startsWith('tmp_'))).toEqual([]);
  }, 60_000);
});

describe('the Redis driver check on a Gemfile.lock it cannot read', () => {
  it('cannot tell, so it takes REDIS_DRIVER=ruby as needed (fails closed) and says why', async () => {
    const h = await UpstreamHistory.open({ repository: up.url, cacheDir: join(tempDir(), 'cache') });
    const need = await redisDriverNeedFor({ tree: { commit: c.base!, read: (f) => h.fileAt(c.base!, f, 16) }, version: '4.7.0+abcdef0' });
    expect(need).toBe(`offmain cannot tell whether it does: Gemfile.lock of upstream ${c.base!.slice(0, 7)} is 31 B, more than offmain reads (16 B)`);
    expect(redisDriverProblem({ file: 'helm/values.yaml', line: 6, variable: 'REDIS_URL' }, need!)).toMatch(
      /^helm\/values\.yaml:6 sets a rediss:\/\/ Redis URL \(REDIS_URL\) without REDIS_DRIVER=ruby, and this Mastodon may need it for TLS \(offmain cannot tell whether it does: /,
    );
    // Absent is not "cannot tell": the version decides then.
    expect(await redisDriverNeedFor({ tree: { commit: c.base!, read: (f) => h.fileAt(c.base!, `${f}.absent`, 1024) }, version: '4.7.0+abcdef0' })).toBeUndefined();
  });
});

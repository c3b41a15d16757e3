import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/log.js';
import { findUncoveredRediss, redisDriverNeed, redisDriverNeedFor, redisDriverNeedOfTree, setsRubyDriver } from '../../src/deploy/redisdriver.js';
import { deploy } from '../../src/deploy/step.js';
import { runPatches } from '../../src/patch/apply.js';
import { DEFAULT_PATCH_SETS } from '../../src/patch/builtin.js';
import type { PatchReport } from '../../src/patch/step.js';
import { createBareRepo } from '../support/git-fixture.js';
import { rejection } from '../support/errors.js';
import { fixtureCopy, tempDir } from '../support/tmp.js';
import { rolloutUpstream, tagOf, type RolloutUpstream } from '../support/upstream-rollout.js';

const M = 'ghcr.io/acme/mastodon';

/** The patch report of the built-in patch sets on a fixture upstream line. */
async function reportOf(line: string, version: string): Promise<PatchReport> {
  const r = await runPatches({ dir: fixtureCopy(line), version, patchSets: [...DEFAULT_PATCH_SETS] });
  return {
    commit: 'f'.repeat(40),
    version,
    imageTag: version,
    ok: r.ok,
    patches: r.results.map((p) => ({ id: p.id, status: p.status, ...(p.reason ? { reason: p.reason } : {}), files: [] })),
    changedFiles: r.changedFiles,
    warnings: r.warnings,
  };
}

function tree(files: Record<string, string>): string {
  const dir = tempDir('offmain-redis-');
  for (const [f, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), t);
  }
  return dir;
}

const LAYOUTS: Record<string, { without: Record<string, string>; with: Record<string, string>; at: [string, number, string] }> = {
  'kustomize ConfigMap': {
    without: {
      'apps/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mastodon-env\ndata:\n  LOCAL_DOMAIN: example.com\n  REDIS_URL: rediss://:secret@redis.example.com:6380/0\n',
      'apps/kustomization.yaml': `images:\n  - name: ${M}\n    newTag: x\n`,
    },
    with: { 'apps/driver.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  REDIS_DRIVER: "ruby"\n' },
    at: ['apps/configmap.yaml', 7, 'REDIS_URL'],
  },
  'Helm values extraEnvVars': {
    without: { 'helm/values.yaml': `image:\n  repository: ${M}\n  tag: x\nmastodon:\n  extraEnvVars:\n    SIDEKIQ_REDIS_URL: "rediss://redis.example.com:6380"\n` },
    with: { 'helm/values.yaml': `image:\n  repository: ${M}\n  tag: x\nmastodon:\n  extraEnvVars:\n    REDIS_DRIVER: ruby\n    SIDEKIQ_REDIS_URL: "rediss://redis.example.com:6380"\n` },
    at: ['helm/values.yaml', 6, 'SIDEKIQ_REDIS_URL'],
  },
  'compose environment': {
    without: { 'compose/docker-compose.yml': `services:\n  web:\n    image: ${M}:x\n    environment:\n      - REDIS_URL=rediss://redis:6380\n` },
    with: { 'compose/docker-compose.yml': `services:\n  web:\n    image: ${M}:x\n    environment:\n      - REDIS_URL=rediss://redis:6380\n      - REDIS_DRIVER=ruby\n` },
    at: ['compose/docker-compose.yml', 5, 'REDIS_URL'],
  },
  'workload env list': {
    without: { 'k8s/web.yaml': `spec:\n  containers:\n    - image: ${M}:x\n      env:\n        - name: CACHE_REDIS_URL\n          value: rediss://cache:6380\n` },
    with: {
      'k8s/web.yaml': `spec:\n  containers:\n    - image: ${M}:x\n      env:\n        - name: REDIS_DRIVER\n          value: ruby\n        - name: CACHE_REDIS_URL\n          value: rediss://cache:6380\n`,
    },
    at: ['k8s/web.yaml', 6, 'CACHE_REDIS_URL'],
  },
};

describe('the Redis driver check', () => {
  it('is asked for by the patch report of 4.3 to 4.5 only', async () => {
    for (const [line, version] of [['v4.3', '4.3.0'], ['v4.4', '4.4.0'], ['v4.5', '4.5.0']] as const) {
      expect(redisDriverNeed(await reportOf(line, version))).toMatch(/hiredis-removal is not needed.*REDIS_DRIVER=ruby/);
    }
    for (const [line, version] of [['v4.2', '4.2.0'], ['v4.6', '4.6.0'], ['main', '4.8.0-alpha.1']] as const) {
      expect(redisDriverNeed(await reportOf(line, version))).toBeUndefined();
    }
    expect(redisDriverNeed(undefined)).toBeUndefined();
  });

  it.each(Object.entries(LAYOUTS))('finds a rediss:// URL without REDIS_DRIVER=ruby: %s', (_name, layout) => {
    const files = Object.keys(layout.without);
    const [file, line, variable] = layout.at;
    expect(findUncoveredRediss(tree(layout.without), files)).toEqual([{ file, line, variable }]);
    const both = { ...layout.without, ...layout.with };
    expect(findUncoveredRediss(tree(both), Object.keys(both))).toEqual([]);
  });

  it('reads REDIS_DRIVER only where it is set, not in a comment or for another value', () => {
    expect(setsRubyDriver('REDIS_DRIVER=ruby\n')).toBe(true);
    expect(setsRubyDriver('# REDIS_DRIVER=ruby\n')).toBe(false);
    expect(setsRubyDriver('REDIS_DRIVER: hiredis\n')).toBe(false);
    expect(findUncoveredRediss(tree({ 'a.yaml': '# REDIS_URL: rediss://old\nREDIS_URL: redis://x\n' }), ['a.yaml'])).toEqual([]);
  });
});

describe('the deploy with the Redis driver check', () => {
  let up: RolloutUpstream;
  beforeAll(async () => {
    up = await rolloutUpstream();
  });

  async function config(files: Record<string, string>) {
    const repo = await createBareRepo(join(tempDir('offmain-rcfg-'), 'config.git'));
    await repo.commit({ files, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
    return repo;
  }
  const helm = (driver: boolean) =>
    `image:\n  repository: ${M}\n  tag: ${tagOf(up.c.base)}\nmastodon:\n  extraEnvVars:\n${driver ? '    REDIS_DRIVER: ruby\n' : ''}    REDIS_URL: rediss://redis.example.com:6380\n`;

  it('stops before pushing on 4.3-4.5, naming the file, line and variable; warn-only warns and pushes', async () => {
    const report = await reportOf('v4.4', '4.4.0');
    const repo = await config({ 'helm/values.yaml': helm(false) });
    const head = await repo.run(['rev-parse', 'refs/heads/main']);
    const base = { repository: repo.dir, images: [{ repository: M, tag: tagOf(up.c.docker) }], upstream: { repository: up.url, cacheDir: join(tempDir(), 'c') }, patchReport: report };
    const e = await rejection(deploy(base));
    expect(e.message).toBe(
      'helm/values.yaml:6 sets a rediss:// Redis URL (REDIS_URL) without REDIS_DRIVER=ruby, and this Mastodon needs it for TLS ' +
        '(patch hiredis-removal is not needed on this upstream line: it asks for REDIS_DRIVER=ruby): add REDIS_DRIVER=ruby to the same env (or set warn-only)',
    );
    expect(e.location).toEqual({ file: 'helm/values.yaml', line: 6 });
    expect(await repo.run(['rev-parse', 'refs/heads/main'])).toBe(head);
    // The pipeline's dry run stops the same way, before any build.
    await expect(deploy({ ...base, dryRun: true })).rejects.toThrow(/helm\/values.yaml:6 sets a rediss:/);

    const log = memoryLogger();
    const r = await deploy({ ...base, warnOnly: true, log });
    expect(r.changed).toBe(true);
    expect(r.redisDriver).toEqual([{ file: 'helm/values.yaml', line: 6, variable: 'REDIS_URL' }]);
    expect(log.lines.some((l) => l.startsWith('warning: helm/values.yaml:6 sets a rediss://'))).toBe(true);
  });

  it('passes with REDIS_DRIVER=ruby, and on 4.6 without it', async () => {
    const ok = await config({ 'helm/values.yaml': helm(true) });
    const opts = (repo: string, report: PatchReport) => ({ repository: repo, images: [{ repository: M, tag: tagOf(up.c.docker) }], upstream: { repository: up.url, cacheDir: join(tempDir(), 'c') }, patchReport: report });
    expect((await deploy(opts(ok.dir, await reportOf('v4.4', '4.4.0')))).changed).toBe(true);
    const noDriver = await config({ 'helm/values.yaml': helm(false) });
    const r = await deploy(opts(noDriver.dir, await reportOf('v4.6', '4.6.0')));
    expect(r.changed).toBe(true);
    expect(r.redisDriver).toBeUndefined();
  });
});

const UPSTREAM = join(__dirname, '..', 'fixtures', 'upstream');
/** A reader over one directory of real upstream files (test/fixtures/upstream/<sha10>). */
const realTree = (sha10: string) => async (file: string) => {
  try {
    return readFileSync(join(UPSTREAM, sha10, file), 'utf8');
  } catch {
    return undefined;
  }
};

describe('which commits need REDIS_DRIVER=ruby, read from the upstream tree (real files)', () => {
  it.each([
    ['d7b7617321', 'main just before the switch (d5f02ad^): hiredis hard-wired, the patch removes it', false],
    ['d5f02adad7', 'the switch in lib/mastodon/redis_config.rb (#30717, 4.3.0-alpha.4)', true],
    ['388d5473e1', 'the switch in lib/mastodon/redis_configuration.rb (#31694, 4.3.0-beta.1)', true],
    ['73fc8d34d9', 'the last commit before redis 5 (bb64905^, redis 4.8.1)', true],
    ['bb64905b21', 'redis 5.4.1 (#38110, 4.6.0-alpha.6): hiredis-client does TLS', false],
  ])('%s: %s', async (sha10, _what, needs) => {
    const need = await redisDriverNeedOfTree(realTree(sha10), `${sha10}${'0'.repeat(30)}`);
    if (needs) expect(need).toMatch(new RegExp(`^upstream ${sha10.slice(0, 7)} runs redis-rb 4\\.\\d+\\.\\d+, whose driver is hiredis unless REDIS_DRIVER=ruby \\(lib/mastodon/redis_config(uration)?\\.rb\\)$`));
    else expect(need).toBeUndefined();
  });

  it.each([
    ['v4.2', false],
    ['v4.3', true],
    ['v4.4', true],
    ['v4.5', true],
    ['v4.6', false],
    ['main', false],
  ])('release line %s: %s', async (line, needs) => {
    const dir = join(__dirname, '..', 'fixtures', 'mastodon', line);
    const read = async (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
    expect(Boolean(await redisDriverNeedFor({ tree: { read, commit: 'a'.repeat(40) } }))).toBe(needs);
  });

  it('falls back to the patch report, then to the version, only without a tree', async () => {
    const none = async () => undefined;
    expect(await redisDriverNeedFor({ tree: { read: none, commit: 'a'.repeat(40) }, report: await reportOf('v4.6', '4.6.0'), version: '4.4.0+abcdef0' })).toBeUndefined();
    expect(await redisDriverNeedFor({ version: '4.4.2+abcdef0' })).toMatch(/^Mastodon 4\.4\.2 \(4\.3 to 4\.5\) chooses its Redis driver/);
    expect(await redisDriverNeedFor({ version: '4.6.0+abcdef0' })).toBeUndefined();
    expect(await redisDriverNeedFor({ report: await reportOf('v4.4', '4.4.0'), version: '4.8.0+abcdef0' })).toMatch(/hiredis-removal is not needed/);
  });
});

describe('the deploy reads the need from the new commit, whatever inputs were passed', () => {
  it('stops on the last redis 4 commit of main without a patch report (or with a wrong one), passes on redis 5', async () => {
    const up = await createBareRepo(join(tempDir('offmain-rup-'), 'mastodon.git'));
    const files = (sha10: string) =>
      Object.fromEntries(['Gemfile.lock', 'lib/mastodon/redis_configuration.rb', 'lib/mastodon/version.rb'].map((f) => [f, readFileSync(join(UPSTREAM, sha10, f), 'utf8')]));
    const base = await up.commit({ files: { ...files('388d5473e1') }, message: 'Refactor (ruby) redis configuration (#31694)', date: '2026-04-01T10:00:00Z' });
    const last4 = await up.commit({ files: files('73fc8d34d9'), message: 'Change collection update (#38644)', date: '2026-04-12T10:00:00Z', parents: [base] });
    const redis5 = await up.commit({ files: files('bb64905b21'), message: 'Update redis gem to version 5.4.1 (#38110)', date: '2026-04-13T10:00:00Z', parents: [last4], ref: 'refs/heads/main' });
    const t = (sha: string, v: string) => `${v}_${sha.slice(0, 7)}`;
    const repo = await createBareRepo(join(tempDir('offmain-rcfg-'), 'config.git'));
    const values = `image:\n  repository: ${M}\n  tag: ${t(base, '4.3.0-beta.1')}\nmastodon:\n  extraEnvVars:\n    REDIS_URL: rediss://redis.example.com:6380\n`;
    await repo.commit({ files: { 'helm/values.yaml': values }, message: 'initial', date: '2026-04-01T10:00:00Z', ref: 'refs/heads/main' });
    const upstream = () => ({ repository: `file://${up.dir}`, cacheDir: join(tempDir(), 'c') });
    const onLast4 = { repository: repo.dir, images: [{ repository: M, tag: t(last4, '4.6.0-alpha.5') }], upstream: upstream(), now: new Date('2026-04-13T12:00:00Z') };
    await expect(deploy(onLast4)).rejects.toThrow(
      new RegExp(`^helm/values\\.yaml:6 sets a rediss:// Redis URL \\(REDIS_URL\\) without REDIS_DRIVER=ruby, and this Mastodon needs it for TLS \\(upstream ${last4.slice(0, 7)} runs redis-rb 4\\.8\\.1, whose driver is hiredis unless REDIS_DRIVER=ruby \\(lib/mastodon/redis_configuration\\.rb\\)\\)`),
    );
    await expect(deploy({ ...onLast4, upstream: upstream(), patchReport: await reportOf('v4.6', '4.6.0') })).rejects.toThrow(/without REDIS_DRIVER=ruby/);
    const r = await deploy({ ...onLast4, upstream: upstream(), images: [{ repository: M, tag: t(redis5, '4.6.0-alpha.6') }] });
    expect([r.changed, r.redisDriver]).toEqual([true, undefined]);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/log.js';
import { findUncoveredRediss, redisDriverNeed, setsRubyDriver } from '../../src/deploy/redisdriver.js';
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

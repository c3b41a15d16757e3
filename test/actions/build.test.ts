import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/build/registry.js';
import { ROOT, runAction } from '../support/action.js';
import { miniMastodon, namespace, services, type MiniTree, type Services } from '../support/services.js';

let s: Services;
let tree: MiniTree;
beforeAll(() => {
  s = services();
  tree = miniMastodon(s, { note: 'action' });
});

const runnerEnv = () => ({ DOCKER_HOST: s.env.DOCKER_HOST!, DOCKER_CONFIG: s.env.DOCKER_CONFIG! });

describe('action-build as the runner runs it (committed bundle)', () => {
  const meta = parse(readFileSync(join(ROOT, 'action-build/action.yml'), 'utf8'));

  it('declares node24 and describes every input and output, exactly the ones the code reads and sets', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: '../dist/build/index.cjs' });
    for (const [name, spec] of [...Object.entries(meta.inputs), ...Object.entries(meta.outputs)]) {
      expect((spec as { description?: string }).description, name).toMatch(/\w{3,}/);
    }
    const source = readFileSync(join(ROOT, 'src/actions/build.ts'), 'utf8');
    const read = [...source.matchAll(/(?:optionalInput|listInput|choiceInput|booleanInput)\('([a-z-]+)'/g)].map((m) => m[1]);
    const set = [...source.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1]);
    expect(new Set(read)).toEqual(new Set(Object.keys(meta.inputs)));
    expect(new Set(set)).toEqual(new Set(Object.keys(meta.outputs)));
    expect(meta.inputs.commit.required).toBe(true);
    expect(meta.inputs.images.required).toBe(true);
  });

  it('builds, pushes and sets every output; the second run for the same commit is skipped', async () => {
    const ns = namespace(s, 'action');
    const inputs = {
      path: tree.dir,
      commit: tree.sha,
      images: `${ns}/mastodon\n${ns}/mirror/mastodon`,
      platforms: 'linux/amd64,linux/arm64',
      sbom: s.sbomGenerator,
      tags: 'edge\nmain-{commit_time}-{sha7}',
      'build-args': 'RUBY_YJIT_ENABLE=1',
    };
    // The runner's own variables: the image's source label names this repository (a ghcr.io package links to it).
    const github = { GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/offmain-config' };
    const r = await runAction('build', inputs, { ...runnerEnv(), ...github });
    expect(r.stdout).not.toMatch(/::error/);
    expect(r.code).toBe(0);
    const sha7 = tree.sha.slice(0, 7);
    const tag = `4.8.0-alpha.1_${sha7}`;
    expect(r.outputs.skipped).toBe('false');
    expect(r.outputs.mode).toBe('all');
    expect(r.outputs.version).toBe(`4.8.0-alpha.1+${sha7}`);
    expect(r.outputs['image-tag']).toBe(tag);
    expect(r.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.outputs.image).toBe(`${ns}/mastodon:${tag}@${r.outputs.digest}`);
    expect(r.outputs['streaming-image']).toBe(`${ns}/mastodon-streaming:${tag}@${r.outputs['streaming-digest']}`);
    expect(r.outputs.images!.split('\n')).toHaveLength(4);
    expect(r.outputs.digests!.split('\n')).toEqual([`mastodon@${r.outputs.digest}`, `mastodon-streaming@${r.outputs['streaming-digest']}`]);
    expect(r.outputs.tags!.split('\n')).toContain(`${ns}/mirror/mastodon-streaming:main-20260821140311-${sha7}`);
    expect(r.outputs.platforms).toBe('linux/amd64,linux/arm64');
    expect(JSON.parse(r.outputs.metadata!).mastodon['containerimage.digest']).toBe(r.outputs.digest);
    // Logs in groups; the cache default (gha) needs the Actions cache service, which is not here: a warning.
    expect(r.stdout).toMatch(/::group::Build mastodon \(linux\/amd64, linux\/arm64\)/);
    expect(r.stdout).toMatch(/::warning[^:]*::cache gha needs the GitHub Actions cache service/);
    expect(r.stdout).toMatch(/::warning[^:]*::build argument RUBY_YJIT_ENABLE is not declared by Dockerfile/);
    expect(r.summary).toMatch(/### offmain build: images pushed/);
    expect(r.summary).toMatch(/\| 🔨 built \| `sha256:/);
    expect(r.summary).toContain(`\`${ns}/mastodon:${tag}@${r.outputs.digest}\``);
    const registry = new RegistryClient({ env: s.env });
    expect(await registry.digest(`${ns}/mirror/mastodon`, 'edge')).toBe(r.outputs.digest);
    const labels = (await registry.describe(`${ns}/mastodon`, tag, { labels: true }))!.labels!;
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/offmain-config',
      'org.opencontainers.image.revision': tree.sha,
      'offmain.upstream.source': 'https://github.com/mastodon/mastodon',
      'offmain.upstream.revision': tree.sha,
    });

    const again = await runAction('build', inputs, runnerEnv());
    expect(again.code).toBe(0);
    expect(again.outputs.skipped).toBe('true');
    expect(again.outputs.digest).toBe(r.outputs.digest);
    expect(again.outputs['streaming-digest']).toBe(r.outputs['streaming-digest']);
    expect(again.outputs.image).toBe(r.outputs.image);
    expect(again.stdout).not.toMatch(/buildx build/);
    expect(again.summary).toMatch(/nothing to build/);
  });

  it('fails with one message, and no outputs, on bad input', async () => {
    const r = await runAction('build', { path: tree.dir, commit: tree.sha, images: `${s.registry}/Acme/Mastodon` }, runnerEnv());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::image "127\.0\.0\.1:\d+\/Acme\/Mastodon" has capital letters/);
    expect(r.outputs.digest).toBeUndefined();
    const noCommit = await runAction('build', { path: tree.dir, images: `${s.registry}/acme/mastodon` }, runnerEnv());
    expect(noCommit.stdout).toMatch(/::error::input commit is required/);
    const badMode = await runAction('build', { path: tree.dir, commit: tree.sha, images: `${s.registry}/acme/mastodon`, mode: 'everything' }, runnerEnv());
    expect(badMode.stdout).toMatch(/::error::input mode is "everything": expected one of all, platform, merge/);
    const badSource = await runAction('build', { path: tree.dir, commit: tree.sha, images: `${s.registry}/acme/mastodon`, 'source-repository': 'https://x:ghs_secret@github.com/acme/x' }, runnerEnv());
    expect(badSource.code).toBe(1);
    expect(badSource.stdout).toMatch(/::error::input source-repository "https:\/\/github\.com\/acme\/x" carries credentials/);
    expect(badSource.stdout).not.toContain('ghs_secret');
  });
});

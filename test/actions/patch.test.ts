import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeDemoUpstream } from '../../src/cli/demo.js';
import { ROOT, runAction } from '../support/action.js';
import { tempDir } from '../support/tmp.js';

describe('action-patch as the runner runs it (committed bundle)', () => {
  it('declares node24 and describes every input and output', () => {
    const meta = parse(readFileSync(join(ROOT, 'action-patch/action.yml'), 'utf8'));
    expect(meta.runs).toEqual({ using: 'node24', main: '../dist/patch/index.cjs' });
    for (const [name, spec] of [...Object.entries(meta.inputs), ...Object.entries(meta.outputs)]) {
      expect((spec as { description?: string }).description, name).toMatch(/\w{3,}/);
    }
  });

  it('resolves, patches and sets every output', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    const r = await runAction('patch', { repository: upstream.url, track: 'release', path: 'mastodon' }, { GITHUB_WORKSPACE: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs.commit).toBe(upstream.shas.stableRelease);
    expect(r.outputs['short-sha']).toBe(upstream.shas.stableRelease.slice(0, 7));
    expect(r.outputs['commit-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(r.outputs.version).toMatch(new RegExp(`^4\\.2\\.\\d+\\+${upstream.shas.stableRelease.slice(0, 7)}$`));
    expect(r.outputs['image-tag']).toBe(r.outputs.version!.replace('+', '_'));
    expect(r.outputs.path).toBe(join(root, 'mastodon'));
    expect(r.outputs.ref).toBe('stable-4.2');
    const report = JSON.parse(r.outputs['patch-report']!);
    expect(report.ok).toBe(true);
    expect(r.outputs['changed-files']!.split('\n')).toContain('Gemfile');
    expect(readFileSync(join(root, 'mastodon', 'Gemfile'), 'utf8')).not.toMatch(/hiredis/);
    // One log group per phase, and a summary table.
    expect(r.stdout).toMatch(/::group::Resolve upstream/);
    expect(r.stdout).toMatch(/::group::Version/);
    expect(r.stdout).toMatch(/::group::Patch/);
    expect(r.summary).toMatch(/\| Version \| `4\.2\.\d+\+\w{7}` \|/);
    expect(r.summary).toMatch(/hiredis.*applied/);
  });

  it('fails with one message when the commit is not on upstream', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    const r = await runAction('patch', { repository: upstream.url, commit: '0123456789abcdef0123456789abcdef01234567', path: 'mastodon' }, { GITHUB_WORKSPACE: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::commit 0123456 .*not found/);
    expect(r.outputs.commit).toBeUndefined();
  });

  it('annotates the file and line of a patch that no longer applies', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    // A user patch set that expects a line this upstream does not have.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(root, 'mine.yml'),
      "name: mine\npatches:\n  - id: stale\n    description: a stale edit\n    operations:\n      - file: Gemfile\n        replace: \"gem 'puma', '~> 1.0'\"\n        with: \"gem 'puma', '~> 2.0'\"\n        expect: 1\n",
    );
    const r = await runAction('patch', { repository: upstream.url, path: 'mastodon', 'patch-sets': 'redis-tls\nmine.yml' }, { GITHUB_WORKSPACE: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error [^:]*file=mastodon\/Gemfile,line=\d+[^:]*::patch .*stale failed/);
    expect(r.stdout).toMatch(/::error::patch .*stale no longer applies/);
    expect(r.summary).toMatch(/stale.*failed/);
    expect(JSON.parse(r.outputs['patch-report']!).ok).toBe(false);
  });
});

/**
 * The version reader and the built-in patch sets on the real files of upstream (test/fixtures/upstream,
 * copied byte for byte from mastodon/mastodon at the commit each directory is named after): every shape
 * lib/mastodon/version.rb has had, read before and after the patch that edits it, and patched a second time.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBuild, readBuildTree } from '../../src/build/index.js';
import { runPatches } from '../../src/patch/apply.js';
import { parseVersionRb, semverOf, versionOf } from '../../src/patch/version.js';
import { FIXTURES, snapshot, tempDir } from '../support/tmp.js';

/** Directory (real/<sha10>), what it is, the display version offmain gives it, version.rb's shape, what version-metadata does. */
const SHAPES: [string, string, string, string, string][] = [
  ['03b0f3ac83', 'v4.0.2 on main (2022-11)', '4.0.2', 'literal', 'applied'],
  ['8180f7ba19', '4.1.0rc1 on main: flags is the literal rc1', '4.1.0rc1', 'literal', 'applied'],
  ['3d8bd093b9', 'v4.1.2 on main (2023-04)', '4.1.2', 'literal', 'applied'],
  ['5811ccc611', 'main of 2023-05: flags/suffix read MASTODON_VERSION_FLAGS/_SUFFIX', '4.1.2', 'env-suffix', 'applied'],
  ['2dbbeedc94', 'main of 2023-08-24: flags read with .presence ||', '4.2.0-beta2', 'env-suffix', 'applied'],
  ['f39847476c', 'main of 2023-08-25: the prerelease scheme, ARG MASTODON_VERSION_METADATA', '4.2.0-beta2', 'prerelease', 'not-needed'],
  ['4fcc026f0f', 'v4.2.0 on main', '4.2.0', 'prerelease', 'not-needed'],
  ['7c56517c7c', 'main of 2025-01: config/mastodon.yml (config_for)', '4.4.0-alpha.1', 'prerelease', 'not-needed'],
  ['2f40549d41', 'main of 2026-08', '4.8.0-alpha.1', 'prerelease', 'not-needed'],
];

function real(sha10: string): string {
  const dir = tempDir(`offmain-real-${sha10}-`);
  cpSync(join(FIXTURES, '..', 'upstream', sha10), dir, { recursive: true });
  return dir;
}
const shaOf = (sha10: string) => `${sha10}${'0'.repeat(30)}`;

describe('lib/mastodon/version.rb as upstream wrote it, and as version-metadata leaves it', () => {
  it.each(SHAPES)('%s (%s)', async (sha10, _what, declared, shape, status) => {
    const dir = real(sha10);
    const sha = shaOf(sha10);
    const before = await versionOf(dir, sha);
    expect([before.declared.text, before.declared.shape]).toEqual([declared, shape]);
    expect(before.display).toBe(`${declared}+${sha10.slice(0, 7)}`);

    const first = await runPatches({ dir, version: semverOf(declared), patchSets: ['version-metadata'] });
    expect(first.results.map((r) => [r.id, r.status])).toEqual([['version-metadata', status]]);
    expect(first.ok).toBe(true);

    // What `offmain version`, a second `patch`, `build` and `run` read next.
    const after = await versionOf(dir, sha);
    expect(after.display).toBe(before.display);
    expect(after.declared.shape).toBe(shape);
    const files = snapshot(dir);
    const second = await runPatches({ dir, version: semverOf(after.declared.text), patchSets: ['version-metadata'] });
    expect(second.ok).toBe(true);
    expect(second.changedFiles).toEqual([]);
    expect(second.results.map((r) => r.status)).toEqual([status === 'applied' ? 'already-applied' : 'not-needed']);
    expect(snapshot(dir)).toEqual(files);

    // The build reads the same tree: its plan passes the metadata wherever the Dockerfile now declares it.
    const plan = planBuild(
      { dir, commit: sha, commitTime: '2026-08-21T00:00:00Z', version: after, images: ['ghcr.io/acme/mastodon'] },
      await readBuildTree(dir),
    );
    expect(plan.imageTag).toBe(after.imageTag);
    expect(plan.images.find((i) => i.key === 'mastodon')?.buildArgs.MASTODON_VERSION_METADATA).toBe(sha10.slice(0, 7));
  });

  it('reads the suffix the patch writes: empty without MASTODON_VERSION_METADATA, whatever the literal flags', () => {
    const src = readFileSync(join(real('8180f7ba19'), 'lib/mastodon/version.rb'), 'utf8').replace(
      /^    def suffix\n      ''\n    end$/m,
      "    def suffix\n      metadata = ENV.fetch('MASTODON_VERSION_METADATA', '') # the build's short sha\n      metadata.empty? ? '' : \"+#{metadata}\"\n    end",
    );
    expect(parseVersionRb(src)).toMatchObject({ text: '4.1.0rc1', prerelease: 'rc1', shape: 'literal' });
  });

  it('still refuses a suffix it cannot read, naming the line', () => {
    const src = readFileSync(join(real('3d8bd093b9'), 'lib/mastodon/version.rb'), 'utf8').replace(
      /^    def suffix\n      ''\n    end$/m,
      "    def suffix\n      metadata = `git rev-parse HEAD`\n      metadata.empty? ? '' : \"+#{metadata}\"\n    end",
    );
    expect(() => parseVersionRb(src)).toThrow(/lib\/mastodon\/version\.rb:23: cannot read the version: unexpected expression `metadata = `git rev-parse HEAD`/);
  });
});

describe('redis-tls on main between the REDIS_DRIVER switch (d5f02ad, #30717) and the refactor (388d547, #31694)', () => {
  it('changes nothing, says to set REDIS_DRIVER=ruby, and exits clean twice', async () => {
    const dir = real('d5f02adad7');
    const files = snapshot(dir);
    const v = await versionOf(dir, shaOf('d5f02adad7'));
    expect(v.declared.text).toBe('4.3.0-alpha.4');
    for (let i = 0; i < 2; i++) {
      const r = await runPatches({ dir, version: semverOf(v.declared.text), patchSets: ['redis-tls', 'version-metadata'] });
      expect(r.ok).toBe(true);
      expect(r.changedFiles).toEqual([]);
      expect(r.results.map((p) => [p.id, p.status])).toEqual([
        ['hiredis-removal', 'not-needed'],
        ['streaming-redis', 'not-needed'],
        ['version-metadata', 'not-needed'],
      ]);
      expect(r.results[0]!.reason).toMatch(/^set REDIS_DRIVER=ruby: this main \(June to September 2024/);
    }
    expect(snapshot(dir)).toEqual(files);
  });
});

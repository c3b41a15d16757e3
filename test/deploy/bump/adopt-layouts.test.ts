/**
 * Adoption on the layouts admins commit on day one (test/fixtures/adopt/<case>/{before,expected}): config files that
 * still name upstream's images (ghcr.io/mastodon/mastodon, its -streaming image, docker.io/tootsuite/mastodon) are
 * switched to ours, repository, tag and digest, byte for byte; the next run finds our references with or without
 * --adopt and changes nothing.
 */
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { bump } from '../../../src/deploy/bump.js';
import { snapshot, tempDir } from '../../support/tmp.js';
import { M, NEW, S, TARGETS } from '../../support/configrepo.js';

const CASES = fileURLToPath(new URL('../../fixtures/adopt', import.meta.url));
const ADOPT = ['ghcr.io/mastodon/mastodon', 'ghcr.io/mastodon/mastodon-streaming', 'docker.io/tootsuite/mastodon', 'tootsuite/mastodon-streaming'];

function copy(name: string): string {
  const d = tempDir(`offmain-adopt-${name}-`);
  cpSync(join(CASES, name, 'before'), d, { recursive: true });
  return d;
}

describe('bump --adopt: the layouts of a first deploy, byte for byte', () => {
  const names = readdirSync(CASES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it('has a case for every layout the bump edits', () => {
    expect(names).toEqual(['argocd', 'flux', 'helm-values', 'kustomize', 'manifests', 'markers']);
  });

  for (const name of names) {
    it(`${name}: rewrites exactly the expected scalars, and the next run (with or without --adopt) changes nothing`, async () => {
      const dir = copy(name);
      const before = snapshot(dir);
      const expected = snapshot(join(CASES, name, 'expected'));
      const r = await bump({ dir, targets: TARGETS, adopt: ADOPT });
      const after = snapshot(dir);
      expect(r.files).toEqual(Object.keys(expected).filter((f) => expected[f] !== before[f]).sort());
      for (const [f, text] of Object.entries(after)) expect([f, text]).toEqual([f, expected[f]]);
      for (const f of r.files) for (const doc of parseAllDocuments(after[f]!)) expect([f, doc.errors]).toEqual([f, []]);
      // Every change says it adopted, and what the reference names now.
      for (const c of r.changes) {
        expect(c.adopted).toMatch(/^(ghcr\.io\/mastodon|tootsuite)\/mastodon(-streaming)?$/);
        expect(c.repository).toBe(c.adopted!.endsWith('-streaming') ? S : M);
        expect(c.note).toMatch(new RegExp(`^adopted: ${c.adopted} -> ${c.repository}`));
      }
      const again = await bump({ dir, targets: TARGETS, adopt: ADOPT });
      expect([again.changed, again.changes]).toEqual([false, []]);
      const plain = await bump({ dir, targets: TARGETS });
      expect([plain.changed, plain.changes]).toEqual([false, []]);
      expect(plain.unchanged.length).toBe(r.changes.length);
      expect(plain.unchanged.every((c) => c.adopted === undefined && (c.new.includes(NEW) || c.new === S))).toBe(true);
      expect(snapshot(dir)).toEqual(after);
    });
  }

  it('reports what the config ran before: upstream\'s tag', async () => {
    const r = await bump({ dir: copy('helm-values'), targets: TARGETS, adopt: ADOPT, dryRun: true });
    expect(r.previous).toEqual({ [M]: { tag: 'v4.3.2' }, [S]: { tag: 'v4.3.2' } });
  });
});

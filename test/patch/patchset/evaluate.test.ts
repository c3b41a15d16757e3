import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatePatch } from '../../../src/patch/patchset/evaluate.js';
import { parsePatchSet, type PatchSet } from '../../../src/patch/patchset/format.js';
import { Workspace } from '../../../src/patch/patchset/workspace.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'offmain-patchset-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** Evaluate every patch of a set against a tree, committing applied edits in memory as runPatches does. */
async function evaluateSet(set: PatchSet, dir: string, version = '4.1.2') {
  const ws = new Workspace(dir);
  const results = [];
  for (const patch of set.patches) {
    const { result, overlay } = await evaluatePatch(set, patch, ws, semver.parse(version)!);
    if (result.status === 'applied') overlay?.commit();
    results.push(result);
  }
  const texts: Record<string, string | null> = {};
  for (const p of ws.changedFiles()) texts[p] = await ws.read(p);
  return { results, texts, ws };
}
const GEMFILE = "source 'https://rubygems.org'\n\ngem 'rails', '~> 7.1'\ngem 'hiredis', '~> 0.6'\ngem 'redis', '~> 4.5'\n";

describe('evaluatePatch', () => {
  const set = (body: string) => parsePatchSet(`name: mine\npatches:\n${body}`, 'mine.yml');

  it('deletes, replaces and inserts after the last match, then is already-applied on the result', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis'", expect: 1 }
      - { file: Gemfile, replace: "'~> 4\\\\.5'$", with: "'~> 4.5', require: false", expect: 1 }
      - file: Dockerfile
        insert-after: '^FROM '
        occurrence: last
        lines: ['ARG X=""', 'ENV X="\${X}"']
        expect: ">=1"
    checks:
      - { file: Gemfile, not-contains: hiredis }
`);
    const dir = tree({ Gemfile: GEMFILE, Dockerfile: 'FROM a AS b\nRUN b\nFROM c\nRUN d\n' });
    const first = await evaluateSet(s, dir);
    expect(first.results[0]).toMatchObject({ status: 'applied', files: ['Dockerfile', 'Gemfile'] });
    expect(first.texts.Gemfile).toBe("source 'https://rubygems.org'\n\ngem 'rails', '~> 7.1'\ngem 'redis', '~> 4.5', require: false\n");
    expect(first.texts.Dockerfile).toBe('FROM a AS b\nRUN b\nFROM c\nARG X=""\nENV X="${X}"\nRUN d\n');

    const done = tree({ Gemfile: first.texts.Gemfile!, Dockerfile: first.texts.Dockerfile! });
    const second = await evaluateSet(s, done);
    expect(second.results[0]).toMatchObject({ status: 'already-applied', files: ['Gemfile', 'Dockerfile'] });
    expect(second.texts).toEqual({});
  });

  it('fails when one operation finds nothing while others still apply, pointing at the missing text', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis', '~> 0\\\\.6'$", expect: 1 }
      - { file: Gemfile, replace: "^gem 'rails', '~> 7\\\\.1'$", with: "gem 'rails', '~> 7.2'", expect: 1 }
`);
    // Upstream moved hiredis to 0.7: the delete finds nothing, the replace still matches.
    const dir = tree({ Gemfile: GEMFILE.replace("'~> 0.6'", "'~> 0.7'") });
    const { results, texts } = await evaluateSet(s, dir);
    expect(results[0]).toMatchObject({
      status: 'failed',
      failure: { file: 'Gemfile', line: 4, expected: "1 line(s) matching /^gem 'hiredis', '~> 0\\.6'$/ (delete)" },
    });
    expect(results[0]!.failure!.nearest[0]).toEqual({ line: 4, text: "gem 'hiredis', '~> 0.7'" });
    expect(results[0]!.reason).toMatch(/^Gemfile: expected 1 line\(s\) matching .* found 0; nearest is line 4 \(operation 1;/);
    expect(texts).toEqual({});
  });

  it('fails a half-patched tree (one operation provably done, another not)', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, replace: "^gem 'rails', '~> 7\\\\.1'$", with: "gem 'rails', '~> 7.2'", expect: 1 }
      - { file: Gemfile, delete: "^gem 'hiredis'", expect: 1 }
`);
    const dir = tree({ Gemfile: GEMFILE.replace("'~> 7.1'", "'~> 7.2'") });
    const { results, texts } = await evaluateSet(s, dir);
    expect(results[0]).toMatchObject({ status: 'failed', failure: { file: 'Gemfile', line: 4 } });
    expect(results[0]!.reason).toMatch(/^half-patched tree: operation 1 \(Gemfile: replace .*\) is already done but operation 2 .* still matches at line 4/);
    expect(texts).toEqual({});
  });

  it('fails an expect-count mismatch with the nearest lines and their numbers', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis', '~> 0\\\\.5'$", expect: 1, done: "^gem 'redis', '~> 5" }
`);
    const dir = tree({ Gemfile: GEMFILE });
    const [r] = (await evaluateSet(s, dir)).results;
    expect(r).toMatchObject({ status: 'failed', failure: { file: 'Gemfile', line: 4 } });
    expect(r!.failure!.nearest[0]).toEqual({ line: 4, text: "gem 'hiredis', '~> 0.6'" });
    expect(r!.reason).toContain("Gemfile: neither /^gem 'hiredis', '~> 0\\.5'$/");
  });

  it('fails when a pattern matches more often than expected, listing the matches', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "redis", expect: 1 }
`);
    const [r] = (await evaluateSet(s, tree({ Gemfile: GEMFILE }))).results;
    expect(r!.reason).toBe('Gemfile: expected 1 line matching /redis/ (delete), found 2');
    expect(r!.failure).toEqual({
      file: 'Gemfile',
      line: 4,
      expected: '1 line matching /redis/ (delete)',
      nearest: [
        { line: 4, text: "gem 'hiredis', '~> 0.6'" },
        { line: 5, text: "gem 'redis', '~> 4.5'" },
      ],
    });
  });

  it('does not claim already-applied for a delete that finds nothing unless something proves it', async () => {
    const bare = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis', '~> 0\\\\.6'$", expect: 1 }
`);
    // Upstream changed the line: a silent "already-applied" would ship an unpatched image.
    const changed = tree({ Gemfile: GEMFILE.replace("'~> 0.6'", "'~> 0.7'") });
    const [r] = (await evaluateSet(bare, changed)).results;
    expect(r).toMatchObject({ status: 'failed', failure: { file: 'Gemfile', line: 4 } });
    expect(r!.reason).toContain('nothing proves it was already applied: if it was, give the operation a done: pattern or the patch a check on Gemfile');

    const checked = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis', '~> 0\\\\.6'$", expect: 1 }
    checks:
      - { file: Gemfile, not-contains: "hiredis" }
`);
    const patched = tree({ Gemfile: GEMFILE.replace("gem 'hiredis', '~> 0.6'\n", '') });
    expect((await evaluateSet(checked, patched)).results[0]!.status).toBe('already-applied');
    // The check also catches the changed line.
    expect((await evaluateSet(checked, changed)).results[0]!.status).toBe('failed');
  });

  it('reports a missing target file', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: x, expect: 1 }
`);
    const [r] = (await evaluateSet(s, tree({}))).results;
    expect(r).toMatchObject({ status: 'failed', failure: { file: 'Gemfile', expected: 'the file exists' } });
    expect(r!.reason).toMatch(/^Gemfile: file not found/);
  });

  it('refuses a replacement that would match again on the next run', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, replace: "gem 'rails'", with: "gem 'rails' ", expect: 1 }
`);
    const [r] = (await evaluateSet(s, tree({ Gemfile: GEMFILE }))).results;
    expect(r!.status).toBe('failed');
    expect(r!.reason).toContain('still matches 1 time(s)');
  });

  it('fails when a check does not hold afterwards', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis'", expect: 1 }
    checks:
      - { file: Gemfile, not-contains: "redis" }
`);
    const [r] = (await evaluateSet(s, tree({ Gemfile: GEMFILE }))).results;
    // Line numbers are the upstream file's: gem 'redis' is line 5 there (line 4 after the delete).
    expect(r).toMatchObject({ status: 'failed', failure: { file: 'Gemfile', line: 5, expected: 'no match of /redis/' } });
    expect(r!.failure!.nearest).toEqual([{ line: 5, text: "gem 'redis', '~> 4.5'" }]);
    expect(r!.reason).toBe('check failed after the patch: Gemfile:5: still contains /redis/');
  });

  it('picks the first variant whose condition holds, and says why none applies otherwise', async () => {
    const s = set(`  - id: edit
    description: d
    variants:
      - when: { version: ">=4.6.0" }
        not-needed: new enough
      - when: { version: ">=4.0.0 <4.3.0", file: Gemfile, contains: "^gem 'hiredis'" }
        not-needed: old
`);
    const dir = tree({ Gemfile: "gem 'rails'\n" });
    expect((await evaluateSet(s, dir, '4.8.0-alpha.1')).results[0]).toMatchObject({ status: 'not-needed', reason: 'new enough' });
    expect((await evaluateSet(s, tree({ Gemfile: GEMFILE }), '4.1.2')).results[0]).toMatchObject({ reason: 'old' });
    const none = (await evaluateSet(s, dir, '4.1.2')).results[0]!;
    expect(none.status).toBe('not-needed');
    expect(none.reason).toBe(
      "applies to version >=4.6.0; or version >=4.0.0 <4.3.0 and Gemfile contains /^gem 'hiredis'/; this upstream is 4.1.2 (Gemfile: does not contain /^gem 'hiredis'/)",
    );
  });

  it('fails a variant whose requirement is not true for the tree', async () => {
    const s = set(`  - id: edit
    description: d
    require:
      - { file: lib/mastodon/redis_configuration.rb, contains: "REDIS_DRIVER" }
    not-needed: set REDIS_DRIVER=ruby
`);
    const dir = tree({ 'lib/mastodon/redis_configuration.rb': "  def driver\n    :hiredis\n  end\n" });
    const [r] = (await evaluateSet(s, dir, '4.3.0')).results;
    expect(r).toMatchObject({ status: 'failed', failure: { file: 'lib/mastodon/redis_configuration.rb', expected: 'a match of /REDIS_DRIVER/' } });
    expect(r!.reason).toMatch(/^requirement not met: lib\/mastodon\/redis_configuration.rb: does not contain \/REDIS_DRIVER\//);
  });

  it('includes prereleases in version ranges (main 4.8.0-alpha.1 is >=4.6.0)', async () => {
    const s = set(`  - id: edit
    description: d
    when: { version: ">=4.6.0" }
    not-needed: yes
`);
    expect((await evaluateSet(s, tree({}), '4.8.0-alpha.1')).results[0]!.reason).toBe('yes');
  });

  it('fails inserted lines present after some anchors but not all', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Dockerfile, insert-after: '^FROM ', lines: ['ARG X'], expect: 2 }
`);
    const [r] = (await evaluateSet(s, tree({ Dockerfile: 'FROM a\nARG X\nFROM b\nRUN c\n' }))).results;
    expect(r).toMatchObject({ status: 'failed', failure: { file: 'Dockerfile', line: 3 } });
  });

  it('does not read files it does not need', async () => {
    const s = set(`  - id: edit
    description: d
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis'", expect: 1 }
`);
    const dir = tree({ Gemfile: GEMFILE, 'big.txt': 'x'.repeat(1000) });
    const { ws } = await evaluateSet(s, dir);
    expect(ws.changedFiles()).toEqual(['Gemfile']);
    expect(readFileSync(join(dir, 'Gemfile'), 'utf8')).toBe(GEMFILE);
  });
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { timeRatio } from '../support/scaling.js';
import { DEFAULT_PATCH_SETS } from '../../src/patch/builtin.js';
import { OffmainError } from '../../src/core/errors.js';
import { runPatches } from '../../src/patch/apply.js';
import type { PatchRunResult } from '../../src/patch/apply.js';
import { Workspace } from '../../src/patch/patchset/workspace.js';

const FIXTURES = join(__dirname, '..', 'fixtures', 'mastodon');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix = 'offmain-patch-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A fresh copy of an upstream fixture line. */
function upstream(line: string): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, line), dir, { recursive: true });
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function userFile(name: string, text: string): string {
  const dir = tempDir('offmain-user-');
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const statuses = (r: PatchRunResult) => Object.fromEntries(r.results.map((x) => [x.id, x.status]));

// ---------------------------------------------------------------------------------------------
// What the built-in patches do to each upstream line.

const EDITS_4_0_TO_4_2: Record<string, [string, string][]> = {
  Gemfile: [
    ["gem 'hiredis', '~> 0.6'\n", ''],
    ["gem 'redis', '~> 4.5', require: ['redis', 'redis/connection/hiredis']\n", "gem 'redis', '~> 4.5'\n"],
  ],
  'Gemfile.lock': [
    ['    hiredis (0.6.3)\n', ''],
    ['  hiredis (~> 0.6)\n', ''],
  ],
  'lib/mastodon/redis_config.rb': [
    ['  driver: :hiredis,\n', ''],
    ['  driver: :hiredis,\n', ''],
  ],
  'lib/tasks/mastodon.rake': [['          driver: :hiredis,\n', '']],
  'app/lib/redis_configuration.rb': [['Redis.new(url: url, driver: :hiredis)', 'Redis.new(url: url)']],
};
const STREAMING_EDIT = { 'package.json': [['    "redis": "^4.0.6 <4.1.0",\n', '    "redis": "^4.6.5",\n']] as [string, string][] };
const DOCKERFILE_EDIT: [string, string][] = [
  [
    'FROM node:${NODE_VERSION}\n',
    'FROM node:${NODE_VERSION}\nARG MASTODON_VERSION_METADATA=""\nENV MASTODON_VERSION_METADATA="${MASTODON_VERSION_METADATA}"\n',
  ],
];
const RELEASE_SUFFIX: [string, string][] = [
  [
    "    def suffix\n      ''\n    end\n",
    "    def suffix\n      metadata = ENV.fetch('MASTODON_VERSION_METADATA', '')\n      metadata.empty? ? '' : \"+#{metadata}\"\n    end\n",
  ],
];
const MAIN_2023_SUFFIX: [string, string][] = [
  [
    "    def suffix\n      ENV.fetch('MASTODON_VERSION_SUFFIX', '')\n    end\n",
    "    def suffix\n      metadata = ENV.fetch('MASTODON_VERSION_METADATA', '')\n      metadata.empty? ? ENV.fetch('MASTODON_VERSION_SUFFIX', '') : \"+#{metadata}\"\n    end\n",
  ],
];

interface LineCase {
  line: string;
  version: string;
  expected: Record<string, string>;
  /** Reason fragments for not-needed results. */
  reasons?: Record<string, string>;
  edits: Record<string, [string, string][]>;
}

const NOT_NEEDED_43 = 'set REDIS_DRIVER=ruby';
const NOT_NEEDED_46 = 'From Mastodon 4.6, redis-rb 5 with hiredis-client supports TLS';
const IOREDIS = 'uses ioredis';
const HAS_ARG = 'already declares ARG MASTODON_VERSION_METADATA';
const allApplied = { 'hiredis-removal': 'applied', 'streaming-redis': 'applied', 'version-metadata': 'applied' };
const allNotNeeded = { 'hiredis-removal': 'not-needed', 'streaming-redis': 'not-needed', 'version-metadata': 'not-needed' };

const CASES: LineCase[] = [
  { line: 'v4.0', version: '4.0.2', expected: allApplied, edits: { ...EDITS_4_0_TO_4_2, ...STREAMING_EDIT, Dockerfile: DOCKERFILE_EDIT, 'lib/mastodon/version.rb': RELEASE_SUFFIX } },
  { line: 'v4.1', version: '4.1.2', expected: allApplied, edits: { ...EDITS_4_0_TO_4_2, ...STREAMING_EDIT, Dockerfile: DOCKERFILE_EDIT, 'lib/mastodon/version.rb': RELEASE_SUFFIX } },
  { line: 'main-2023', version: '4.1.2', expected: allApplied, edits: { ...EDITS_4_0_TO_4_2, ...STREAMING_EDIT, Dockerfile: DOCKERFILE_EDIT, 'lib/mastodon/version.rb': MAIN_2023_SUFFIX } },
  {
    line: 'v4.2',
    version: '4.2.0',
    expected: { 'hiredis-removal': 'applied', 'streaming-redis': 'not-needed', 'version-metadata': 'not-needed' },
    reasons: { 'streaming-redis': IOREDIS, 'version-metadata': HAS_ARG },
    edits: EDITS_4_0_TO_4_2,
  },
  ...['v4.3', 'v4.4', 'v4.5'].map((line) => ({
    line,
    version: `${line.slice(1)}.0`,
    expected: allNotNeeded,
    reasons: { 'hiredis-removal': NOT_NEEDED_43, 'streaming-redis': IOREDIS, 'version-metadata': HAS_ARG },
    edits: {},
  })),
  ...[
    ['v4.6', '4.6.0'],
    ['v4.7', '4.7.0'],
    ['main', '4.8.0-alpha.1'],
  ].map(([line, version]) => ({
    line: line!,
    version: version!,
    expected: allNotNeeded,
    reasons: { 'hiredis-removal': NOT_NEEDED_46, 'streaming-redis': IOREDIS, 'version-metadata': HAS_ARG },
    edits: {},
  })),
];

describe('built-in patch sets on every upstream line', () => {
  it.each(CASES)('$line ($version)', async ({ line, version, expected, reasons, edits }) => {
    const dir = upstream(line);
    const before = snapshot(dir);
    const result = await runPatches({ dir, version, patchSets: [...DEFAULT_PATCH_SETS] });

    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(statuses(result)).toEqual(expected);
    for (const [id, fragment] of Object.entries(reasons ?? {})) {
      expect(result.results.find((r) => r.id === id)?.reason).toContain(fragment);
    }

    // Exactly the expected edits, every other byte unchanged.
    const want = { ...before };
    for (const [file, pairs] of Object.entries(edits)) {
      let text = want[file]!;
      for (const [from, to] of pairs) {
        expect(text).toContain(from);
        text = text.replace(from, to);
      }
      want[file] = text;
    }
    expect(snapshot(dir)).toEqual(want);
    expect(result.changedFiles).toEqual(Object.keys(edits).sort());

    // A second run finds everything in place and changes nothing.
    const again = await runPatches({ dir, version, patchSets: [...DEFAULT_PATCH_SETS] });
    expect(again.ok).toBe(true);
    expect(again.changedFiles).toEqual([]);
    expect(statuses(again)).toEqual(
      Object.fromEntries(Object.entries(expected).map(([id, s]) => [id, s === 'applied' ? 'already-applied' : s])),
    );
    expect(snapshot(dir)).toEqual(want);
  });

  it('v4.3 and later stay byte for byte identical', async () => {
    for (const c of CASES.filter((x) => Object.keys(x.edits).length === 0)) {
      const dir = upstream(c.line);
      const result = await runPatches({ dir, version: c.version, patchSets: [...DEFAULT_PATCH_SETS] });
      expect(result.changedFiles).toEqual([]);
      expect(snapshot(dir)).toEqual(snapshot(join(FIXTURES, c.line)));
    }
  });

  it.each([
    // main between releases declares the next version as a prerelease: the tree decides.
    ['v4.2', '4.3.0-alpha.1', 'applied', 'hiredis'],
    ['v4.4', '4.6.0-alpha.1', 'not-needed', NOT_NEEDED_43],
    ['v4.6', '4.6.0-alpha.1', 'not-needed', NOT_NEEDED_46],
  ])('hiredis-removal on a %s-shaped main declaring %s: %s', async (line, version, status, fragment) => {
    const result = await runPatches({ dir: upstream(line), version, patchSets: ['redis-tls'] });
    const r = result.results.find((x) => x.id === 'hiredis-removal')!;
    expect(r.status).toBe(status);
    expect(r.reason ?? r.description).toContain(fragment);
  });

  it('4.3-4.5 fail, rather than claim not-needed, when the tree lacks the REDIS_DRIVER switch', async () => {
    const dir = upstream('v4.4');
    const rb = join(dir, 'lib/mastodon/redis_configuration.rb');
    writeFileSync(rb, readFileSync(rb, 'utf8').replace("ENV['REDIS_DRIVER'] == 'ruby' ? :ruby : :hiredis", ':hiredis'));
    const before = snapshot(dir);
    const result = await runPatches({ dir, version: '4.4.0', patchSets: ['redis-tls'] });
    expect(result.ok).toBe(false);
    const r = result.results.find((x) => x.id === 'hiredis-removal')!;
    expect(r.status).toBe('failed');
    expect(r.failure?.file).toBe('lib/mastodon/redis_configuration.rb');
    expect(r.failure?.nearest.length).toBeGreaterThan(0);
    expect(snapshot(dir)).toEqual(before);
  });

  it('main of 2023 with ioredis already: streaming-redis is not needed', async () => {
    const dir = upstream('main-2023');
    const pkg = join(dir, 'package.json');
    writeFileSync(pkg, readFileSync(pkg, 'utf8').replace('"redis": "^4.0.6 <4.1.0"', '"ioredis": "^5.3.2"'));
    const result = await runPatches({ dir, version: '4.1.2', patchSets: ['redis-tls'] });
    expect(statuses(result)).toEqual({ 'hiredis-removal': 'applied', 'streaming-redis': 'not-needed' });
  });

  it('an upstream before 4.0 is not-needed, saying what the patch applies to and what this upstream is', async () => {
    const dir = upstream('v4.0');
    const result = await runPatches({ dir, version: '3.5.9', patchSets: ['redis-tls'] });
    const r = result.results.find((x) => x.id === 'hiredis-removal')!;
    expect(r.status).toBe('not-needed');
    expect(r.reason).toMatch(/^applies to .*version >=4\.0\.0 <4\.3\.0.*; this upstream is 3\.5\.9/);
    expect(result.changedFiles.filter((f) => f.startsWith('Gemfile'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The blind 2023 sed, reproduced as user patch sets: caught, nothing modified.

describe("the 2023 sed's failure modes", () => {
  const SED_LOCKFILE = `name: blind-sed
description: what "sed -i '/hiredis/d' Gemfile.lock" did
patches:
  - id: lockfile-hiredis
    description: delete every line mentioning hiredis from Gemfile.lock
    operations:
      - { file: Gemfile.lock, delete: hiredis, expect: ">=1" }
`;

  it.each([
    ['v4.4', '4.4.0', '0.24.0'],
    ['v4.6', '4.6.0', '0.29.0'],
  ])('deleting every hiredis line from the %s lockfile fails on the lockfile check', async (line, version, client) => {
    const dir = upstream(line);
    const before = snapshot(dir);
    const set = userFile('sed.yml', SED_LOCKFILE);
    const result = await runPatches({ dir, version, patchSets: ['redis-tls', set] });
    expect(result.ok).toBe(false);
    expect(result.changedFiles).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
    const r = result.results.find((x) => x.id === 'lockfile-hiredis')!;
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^Gemfile and Gemfile\.lock no longer agree, so a frozen bundle install would fail: Gemfile:\d+: declares hiredis/);
    expect(r.reason).toContain("declares hiredis-client but Gemfile.lock's DEPENDENCIES does not list it");
    expect(r.reason).toMatch(new RegExp(`Gemfile\\.lock:\\d+: redis-client \\(= ${client.replace(/\./g, '\\.')}\\) is left under hashie \\(5\\.0\\.0\\)`));
    expect(r.failure?.file).toBe('Gemfile');
  });

  it('all nine sed lines on v4.3 fail on the renamed files instead of half-patching', async () => {
    const dir = upstream('v4.3');
    const before = snapshot(dir);
    const set = userFile(
      'nine.yml',
      `name: nine-seds
patches:
  - id: nine
    description: the nine sed lines of 2023
    operations:
      - { file: Gemfile, delete: "^gem 'hiredis'", expect: 1 }
      - { file: Gemfile, replace: ", require: \\\\['redis', 'redis/connection/hiredis'\\\\]", with: "", expect: 1 }
      - { file: Gemfile.lock, delete: hiredis, expect: ">=1" }
      - { file: lib/mastodon/redis_config.rb, delete: 'driver: :hiredis,', expect: 2 }
      - { file: lib/tasks/mastodon.rake, delete: 'driver: :hiredis,', expect: 1 }
      - { file: app/lib/redis_configuration.rb, replace: 'Redis\\.new\\(url: url, driver: :hiredis\\)', with: 'Redis.new(url: url)', expect: 1 }
`,
    );
    const result = await runPatches({ dir, version: '4.3.0', patchSets: [set] });
    expect(result.ok).toBe(false);
    expect(result.results[0]).toMatchObject({ status: 'failed', failure: { file: 'lib/mastodon/redis_config.rb', expected: 'the file exists' } });
    expect(result.results[0]!.reason).toMatch(/^lib\/mastodon\/redis_config\.rb: file not found/);
    expect(snapshot(dir)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Loading errors.

describe('loading', () => {
  it('an unknown set name lists the built-in names and says a path works', async () => {
    const run = runPatches({ dir: upstream('v4.1'), version: '4.1.2', patchSets: ['redis-tsl'] });
    await expect(run).rejects.toThrow(OffmainError);
    await expect(run).rejects.toThrow(
      'unknown patch set "redis-tsl": the built-in patch sets are redis-tls, version-metadata; a path to a .yml patch-set file also works',
    );
  });

  it('a malformed patch file names the file and line', async () => {
    const base = tempDir('offmain-base-');
    mkdirSync(join(base, 'patches'));
    writeFileSync(
      join(base, 'patches/mine.yml'),
      'name: mine\npatches:\n  - id: x\n    description: d\n    operations:\n      - { file: Gemfile, delete: a, insert-after: b, lines: [c], expect: 1 }\n',
    );
    const run = runPatches({ dir: upstream('v4.1'), version: '4.1.2', patchSets: ['patches/mine.yml'], baseDir: base });
    await expect(run).rejects.toThrow('patches/mine.yml:6: operation needs exactly one of delete, replace, insert-after');
  });

  it('a missing patch-set file or diff file is a loading error; nothing is touched', async () => {
    const dir = upstream('v4.1');
    const before = snapshot(dir);
    await expect(runPatches({ dir, version: '4.1.2', patchSets: ['./nope.yml'] })).rejects.toThrow('patch set file not found: ./nope.yml');
    await expect(runPatches({ dir, version: '4.1.2', patchSets: ['redis-tls'], diffs: ['nope.diff'] })).rejects.toThrow('diff file not found: nope.diff');
    expect(snapshot(dir)).toEqual(before);
  });

  it('an unparsable version is a loading error', async () => {
    await expect(runPatches({ dir: upstream('v4.1'), version: 'v4.1', patchSets: [] })).rejects.toThrow('upstream version "v4.1" is not a semantic version');
  });
});

// ---------------------------------------------------------------------------------------------
// Admin patches: more sets, unified diffs, all or nothing.

describe('admin patches', () => {
  it('a patch that no longer applies fails with the nearest lines, and nothing is written (not even built-ins that applied)', async () => {
    const dir = upstream('v4.1');
    const before = snapshot(dir);
    const set = userFile(
      'mine.yml',
      `name: mine
patches:
  - id: sidekiq-7
    description: pin sidekiq 7
    operations:
      - { file: Gemfile, replace: "^gem 'sidekiq', '~> 7\\\\.0'$", with: "gem 'sidekiq', '~> 7.1'", expect: 1 }
`,
    );
    const result = await runPatches({ dir, version: '4.1.2', patchSets: [...DEFAULT_PATCH_SETS, set] });
    expect(result.ok).toBe(false);
    expect(statuses(result)).toEqual({ ...allApplied, 'sidekiq-7': 'failed' });
    const r = result.results.find((x) => x.id === 'sidekiq-7')!;
    const sidekiqLine = before.Gemfile!.split('\n').indexOf("gem 'sidekiq', '~> 6.5'") + 1;
    expect(r.failure).toMatchObject({ file: 'Gemfile', line: sidekiqLine });
    expect(r.failure!.nearest[0]).toEqual({ line: sidekiqLine, text: "gem 'sidekiq', '~> 6.5'" });
    expect(r.reason).toContain(`found 0 and its replacement is not there either; nearest is line ${sidekiqLine}`);
    expect(result.changedFiles).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  const RAKE_DIFF = `Use the Ruby driver in the redis connection, with a note
--- a/app/lib/redis_configuration.rb
+++ b/app/lib/redis_configuration.rb
@@ -46,6 +46,7 @@ class RedisConfiguration
   private
 
   def raw_connection
+    # offmain: pure-Ruby driver (TLS)
     Redis.new(url: url)
   end
 end
`;

  it('applies a unified diff on top of the patch sets (it sees their result), then is already-applied', async () => {
    const dir = upstream('v4.1');
    const diff = userFile('note.diff', RAKE_DIFF);
    const result = await runPatches({ dir, version: '4.1.2', patchSets: [...DEFAULT_PATCH_SETS], diffs: [diff] });
    expect(result.ok).toBe(true);
    expect(result.results.at(-1)).toMatchObject({ id: 'note.diff', status: 'applied', files: ['app/lib/redis_configuration.rb'] });
    expect(result.results.at(-1)!.description).toBe('Use the Ruby driver in the redis connection, with a note');
    expect(readFileSync(join(dir, 'app/lib/redis_configuration.rb'), 'utf8')).toContain(
      '  def raw_connection\n    # offmain: pure-Ruby driver (TLS)\n    Redis.new(url: url)\n  end\n',
    );
    const again = await runPatches({ dir, version: '4.1.2', patchSets: [...DEFAULT_PATCH_SETS], diffs: [diff] });
    expect(again.ok).toBe(true);
    expect(again.results.at(-1)!.status).toBe('already-applied');
    expect(again.changedFiles).toEqual([]);
  });

  it('a conflicting diff fails and nothing is modified, although a patch-set patch succeeded before it', async () => {
    const dir = upstream('v4.1');
    const before = snapshot(dir);
    const diff = userFile('conflict.diff', RAKE_DIFF.replace('     Redis.new(url: url)\n', '     Redis.new(url: url, driver: :ruby)\n'));
    const result = await runPatches({ dir, version: '4.1.2', patchSets: [...DEFAULT_PATCH_SETS], diffs: [diff] });
    expect(result.ok).toBe(false);
    expect(statuses(result)).toMatchObject({ ...allApplied, 'conflict.diff': 'failed' });
    const r = result.results.at(-1)!;
    expect(r.failure?.file).toBe('app/lib/redis_configuration.rb');
    expect(r.failure?.nearest[0]?.text).toBe('    Redis.new(url: url)');
    expect(result.changedFiles).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a diff that breaks the Gemfile pairing fails on the lockfile check', async () => {
    const dir = upstream('v4.6');
    const before = snapshot(dir);
    const gemfile = before.Gemfile!.split('\n');
    const at = gemfile.indexOf("gem 'fastimage'") + 1;
    const diff = userFile(
      'gem.diff',
      `--- a/Gemfile\n+++ b/Gemfile\n@@ -${at},2 +${at},3 @@\n ${gemfile[at - 1]}\n+gem 'hiredis', '~> 0.6'\n ${gemfile[at]}\n`,
    );
    const result = await runPatches({ dir, version: '4.6.0', patchSets: [], diffs: [diff] });
    expect(result.ok).toBe(false);
    expect(result.results[0]!.reason).toContain(`Gemfile:${at + 1}: declares hiredis but Gemfile.lock's DEPENDENCIES does not list it`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports a missing target file of a patch set clearly', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), 'not mastodon\n');
    const result = await runPatches({ dir, version: '4.1.2', patchSets: ['redis-tls'] });
    expect(result.ok).toBe(false);
    expect(result.results[0]).toMatchObject({ id: 'hiredis-removal', status: 'failed' });
    expect(result.results[0]!.reason).toMatch(/^Gemfile: file not found/);
  });

  it('reports problems already upstream as warnings, not failures', async () => {
    const dir = upstream('v4.6');
    const gemfile = join(dir, 'Gemfile');
    writeFileSync(gemfile, `${readFileSync(gemfile, 'utf8')}gem 'not-locked'\n`);
    const result = await runPatches({ dir, version: '4.6.0', patchSets: [...DEFAULT_PATCH_SETS] });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Gemfile:\d+: declares not-locked but Gemfile\.lock's DEPENDENCIES does not list it \(already so in the upstream tree/),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// All or nothing at write time, and speed.

describe('writing', () => {
  it('restores every file (and removes created ones) when a write fails', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'a0');
    writeFileSync(join(dir, 'z'), 'z0');
    const ws = new Workspace(dir);
    await ws.read('a');
    await ws.read('new/deep/c');
    await ws.read('z/c');
    ws.set('a', 'a1');
    ws.set('new/deep/c', 'c1');
    // z is a file, so creating z/c fails after a and new/deep/c were written.
    ws.set('z/c', 'zc');
    await expect(ws.commit()).rejects.toThrow('every file was restored to its upstream content');
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('a0');
    expect(existsSync(join(dir, 'new'))).toBe(false);
    expect(readFileSync(join(dir, 'z'), 'utf8')).toBe('z0');
    expect(readdirSync(dir).sort()).toEqual(['a', 'z']);
  });

  it('patches and verifies a tree in time that does not grow with the files it does not touch', async () => {
    const diff = userFile(
      'note.diff',
      '--- a/lib/mastodon/redis_config.rb\n+++ b/lib/mastodon/redis_config.rb\n@@ -1,2 +1,3 @@\n # frozen_string_literal: true\n+# patched by offmain\n \n',
    );
    // A v4.1 tree with `files` more JavaScript files beside it (a real tree has about 6,000).
    const tree = (files: number) => {
      const dir = upstream('v4.1');
      for (let i = 0; i < files / 100; i++) {
        const sub = join(dir, 'app', 'javascript', `dir${i}`);
        mkdirSync(sub, { recursive: true });
        for (let j = 0; j < 100; j++) writeFileSync(join(sub, `file${j}.js`), `export const x${j} = ${j};\n`);
      }
      return dir;
    };
    const trees: Record<number, string[]> = { 1000: [], 6000: [] };
    const patch = async (files: number) => {
      // A fresh tree each time (a patched tree has nothing left to apply).
      const dir = trees[files]!.pop() ?? tree(files);
      const result = await runPatches({ dir, version: '4.1.2', patchSets: [...DEFAULT_PATCH_SETS], diffs: [diff] });
      expect(result.ok).toBe(true);
      expect(result.changedFiles).toHaveLength(8);
    };
    for (const n of [1000, 6000]) for (let i = 0; i < 4; i++) trees[n]!.push(tree(n));
    // Six times the files: the untouched ones are not read, so the time stays well below six times.
    expect(await timeRatio(patch, 1000, 6000, { repeat: 3, floorMs: 5 })).toBeLessThan(3);
  });
});

// ---------------------------------------------------------------------------------------------
// The upstream tree is someone else's: no symbolic link is followed, nothing outside it is touched.

describe('symbolic links in the upstream tree', () => {
  const EDIT_RAKE = `name: rake
description: edits the setup task
patches:
  - id: rake-driver
    description: drop the hiredis driver from the setup task
    operations:
      - { file: lib/tasks/mastodon.rake, delete: "driver: :hiredis", expect: 1 }
`;

  /** A v4.1 tree with lib/tasks/mastodon.rake moved out of it and linked back (as a file, or its directory). */
  function linkedTree(how: 'file' | 'dir'): { dir: string; outside: string } {
    const dir = upstream('v4.1');
    const outside = tempDir('offmain-outside-');
    const rake = readFileSync(join(dir, 'lib/tasks/mastodon.rake'), 'utf8');
    writeFileSync(join(outside, 'mastodon.rake'), rake);
    if (how === 'file') {
      rmSync(join(dir, 'lib/tasks/mastodon.rake'));
      symlinkSync(join(outside, 'mastodon.rake'), join(dir, 'lib/tasks/mastodon.rake'));
    } else {
      rmSync(join(dir, 'lib/tasks'), { recursive: true });
      symlinkSync(outside, join(dir, 'lib/tasks'));
    }
    return { dir, outside };
  }

  it.each([
    ['file', /^lib\/tasks\/mastodon\.rake is a symbolic link: offmain does not patch through symbolic links; /],
    ['dir', /^lib\/tasks\/mastodon\.rake is under a symbolic link \(lib\/tasks\): offmain does not patch through symbolic links; /],
  ] as const)('a patch whose target is a symbolic link (%s) fails with a clear message; nothing is written', async (how, message) => {
    const { dir, outside } = linkedTree(how);
    const before = snapshot(outside);
    const result = await runPatches({ dir, version: '4.1.2', patchSets: [userFile('rake.yml', EDIT_RAKE)] });
    expect(result.ok).toBe(false);
    expect(result.results).toHaveLength(1);
    expect(result.results[0]).toMatchObject({ id: 'rake-driver', status: 'failed', files: ['lib/tasks/mastodon.rake'] });
    expect(result.results[0]!.reason).toMatch(message);
    expect(result.results[0]!.failure).toMatchObject({ file: 'lib/tasks/mastodon.rake' });
    expect(result.changedFiles).toEqual([]);
    expect(snapshot(outside)).toEqual(before);
  });

  it.each(['file', 'dir'] as const)('a unified diff through a symbolic link (%s) fails the same way', async (how) => {
    const { dir, outside } = linkedTree(how);
    const before = snapshot(outside);
    const rake = readFileSync(join(outside, 'mastodon.rake'), 'utf8').split('\n');
    const at = rake.findIndex((l) => l.includes('driver: :hiredis')) + 1;
    const diff = userFile(
      'rake.diff',
      `--- a/lib/tasks/mastodon.rake\n+++ b/lib/tasks/mastodon.rake\n@@ -${at - 1},3 +${at - 1},2 @@\n ${rake[at - 2]}\n-${rake[at - 1]}\n ${rake[at]}\n`,
    );
    const result = await runPatches({ dir, version: '4.1.2', patchSets: [], diffs: [diff] });
    expect(result.ok).toBe(false);
    expect(result.results[0]).toMatchObject({ id: 'rake.diff', status: 'failed', files: ['lib/tasks/mastodon.rake'] });
    expect(result.results[0]!.reason).toMatch(/lib\/tasks\/mastodon\.rake is (a|under a) symbolic link.*offmain does not patch through symbolic links/);
    expect(snapshot(outside)).toEqual(before);
  });

  it('a diff never creates a file behind a linked directory', async () => {
    const dir = upstream('v4.1');
    const outside = tempDir('offmain-outside-');
    symlinkSync(outside, join(dir, 'extra'));
    const diff = userFile('new.diff', 'diff --git a/extra/new.rb b/extra/new.rb\nnew file mode 100644\n--- /dev/null\n+++ b/extra/new.rb\n@@ -0,0 +1 @@\n+# new\n');
    const result = await runPatches({ dir, version: '4.1.2', patchSets: [], diffs: [diff] });
    expect(result.ok).toBe(false);
    expect(result.results[0]!.reason).toMatch(/extra\/new\.rb is under a symbolic link \(extra\)/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('other patches still run: the report shows every problem at once', async () => {
    const { dir } = linkedTree('file');
    const result = await runPatches({ dir, version: '4.1.2', patchSets: [userFile('rake.yml', EDIT_RAKE), ...DEFAULT_PATCH_SETS] });
    expect(result.ok).toBe(false);
    expect(result.results[0]!.status).toBe('failed');
    expect(result.results.length).toBeGreaterThan(1);
  });
});

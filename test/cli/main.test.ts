import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { systemErrorLine } from '../../src/cli/paths.js';
import { makeDemoUpstream } from '../../src/cli/demo.js';
import { memoryLogger } from '../../src/core/log.js';
import { fixtureCopy, snapshot, tempDir, FIXTURES } from '../support/tmp.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const log = memoryLogger();
  const code = await main(args, { stdout: (s) => out.push(s), log });
  return { code, stdout: out.join('\n'), log: log.lines };
}

const SHA = '2f40549d1a2b3c4d5e6f708192a3b4c5d6e7f809';

describe('offmain version', () => {
  it('prints the display version of a tree', async () => {
    const r = await cli(['version', '--dir', join(FIXTURES, 'main'), '--commit', SHA]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('4.8.0-alpha.1+2f40549');
  });

  it('fails with one line when the directory is not a Mastodon tree', async () => {
    const r = await cli(['version', '--dir', tempDir(), '--commit', SHA]);
    expect(r.code).toBe(1);
    expect(r.log).toEqual([expect.stringMatching(/^error: .* is not a Mastodon tree/)]);
  });

  it('asks for --commit outside a git checkout, and inside another repository', async () => {
    const r = await cli(['version', '--dir', fixtureCopy('main')]);
    expect(r.code).toBe(1);
    expect(r.log.join('\n')).toMatch(/is not a git checkout, so its commit is unknown: pass --commit/);
    // test/fixtures/mastodon/main sits inside offmain's own clone: its HEAD is not the tree's commit.
    const inner = await cli(['version', '--dir', join(FIXTURES, 'main')]);
    expect(inner.code).toBe(1);
    expect(inner.log.join('\n')).toMatch(/pass --commit/);
  });

  it('reads the commit of a tree that is its own checkout', async () => {
    const dir = fixtureCopy('main');
    const { git } = await import('../../src/core/git.js');
    await git(['init', '-q'], { cwd: dir });
    await git(['add', '-A'], { cwd: dir });
    await git(['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'tree'], { cwd: dir });
    const sha = (await git(['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
    const r = await cli(['version', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`4.8.0-alpha.1+${sha.slice(0, 7)}`);
  });

  it('names a directory that does not exist', async () => {
    const r = await cli(['patch', '--dir', '/nonexistent/offmain']);
    expect(r.code).toBe(1);
    expect(r.log).toEqual(['error: /nonexistent/offmain does not exist: point --dir at a checked-out Mastodon tree']);
  });
});

describe('offmain patch', () => {
  it.each(['v4.0', 'v4.1', 'main-2023'])('reads the version of a %s tree it patched, and patches it again with nothing to do', async (line) => {
    const dir = fixtureCopy(line);
    const before = await cli(['version', '--dir', dir, '--commit', SHA]);
    expect(before.code).toBe(0);
    const first = await cli(['patch', '--dir', dir, '--commit', SHA, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).patches).toContainEqual(expect.objectContaining({ id: 'version-metadata', status: 'applied' }));
    const after = await cli(['version', '--dir', dir, '--commit', SHA]);
    expect([after.code, after.stdout]).toEqual([0, before.stdout]);
    const again = await cli(['patch', '--dir', dir, '--commit', SHA, '--json']);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.changedFiles).toEqual([]);
    expect(report.patches.map((p: { status: string }) => p.status)).not.toContain('applied');
    expect(report.version).toBe(before.stdout);
  });

  it('patches a v4.2 tree and prints the JSON report', async () => {
    const dir = fixtureCopy('v4.2');
    const r = await cli(['patch', '--dir', dir, '--commit', SHA, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.version).toMatch(/^4\.2\.\d+\+2f40549$/);
    expect(report.imageTag).toBe(report.version.replace('+', '_'));
    const redis = report.patches.find((p: { id: string }) => p.id.includes('hiredis'));
    expect(redis).toMatchObject({ status: 'applied' });
    expect(redis.files).toContain('Gemfile');
    expect(readFileSync(join(dir, 'Gemfile'), 'utf8')).not.toMatch(/hiredis/);

    const again = await cli(['patch', '--dir', dir, '--commit', SHA, '--json']);
    expect(again.code).toBe(0);
    const statuses = JSON.parse(again.stdout).patches.map((p: { status: string }) => p.status);
    expect(statuses).not.toContain('applied');
    expect(statuses).toContain('already-applied');
  });

  it('names the patches in effect by a digest that changes with their text', async () => {
    const digestOf = async (dir: string, sets: string[]) => {
      const r = await cli(['patch', '--dir', dir, '--commit', SHA, ...sets.flatMap((x) => ['--patch-set', x]), '--json']);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).digest as string;
    };
    const set = join(tempDir(), 'mine.yml');
    const write = (note: string) =>
      writeFileSync(set, `name: mine\npatches:\n  - id: note\n    description: ${note}\n    operations:\n      - file: Gemfile\n        insert-after: "^source "\n        lines: ['# ${note}']\n        expect: 1\n`);
    write('first');
    const a = await digestOf(fixtureCopy('v4.2'), ['redis-tls', set]);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await digestOf(fixtureCopy('v4.2'), ['redis-tls', set])).toBe(a);
    write('second');
    expect(await digestOf(fixtureCopy('v4.2'), ['redis-tls', set])).not.toBe(a);
    expect(await digestOf(fixtureCopy('v4.2'), ['redis-tls'])).not.toBe(a);
  });

  it('changes nothing on main and says why', async () => {
    const dir = fixtureCopy('main');
    const before = snapshot(dir);
    const r = await cli(['patch', '--dir', dir, '--commit', SHA, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.patches.every((p: { status: string; reason?: string }) => p.status === 'not-needed' && p.reason)).toBe(true);
    expect(snapshot(dir)).toEqual(before);
  });

  it('exits 1 with one line and modifies nothing when a patch no longer applies', async () => {
    const dir = fixtureCopy('v4.2');
    const before = snapshot(dir);
    const set = join(tempDir(), 'mine.yml');
    writeFileSync(
      set,
      [
        'name: mine',
        'patches:',
        '  - id: gone',
        '    description: edits a line that upstream rewrote',
        '    operations:',
        '      - file: Gemfile',
        "        delete: \"^gem 'this-gem-is-not-there'\"",
        '        expect: 1',
        '',
      ].join('\n'),
    );
    const r = await cli(['patch', '--dir', dir, '--commit', SHA, '--patch-set', 'redis-tls', '--patch-set', set]);
    expect(r.code).toBe(1);
    const errors = r.log.filter((l) => l.startsWith('error: '));
    expect(errors.at(-1)).toMatch(/^error: patch .*gone no longer applies to 4\.2\.\d+\+2f40549: Gemfile.*nothing was modified/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('names an unknown patch set', async () => {
    const r = await cli(['patch', '--dir', fixtureCopy('main'), '--commit', SHA, '--patch-set', 'no-such-set']);
    expect(r.code).toBe(1);
    expect(r.log.join('\n')).toMatch(/no-such-set/);
  });
});

describe('offmain resolve and run', () => {
  it('resolves the newest main commit of a local upstream', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    const r = await cli(['resolve', '--repository', upstream.url, '--path', join(root, 'co'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sha: upstream.shas.main, track: 'main' });
  });

  it('runs resolve + patch for the newest release', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    const r = await cli(['run', '--repository', upstream.url, '--track', 'release', '--path', join(root, 'co'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.commit).toBe(upstream.shas.stableRelease);
    expect(report.patches.some((p: { status: string }) => p.status === 'applied')).toBe(true);
  });

  it('refuses an unknown commit', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    const r = await cli(['run', '--repository', upstream.url, '--commit', 'deadbeef', '--path', join(root, 'co')]);
    expect(r.code).toBe(1);
    expect(r.log.join('\n')).toMatch(/deadbeef/);
  });

  it('runs the demo on embedded defaults', async () => {
    // With the engine and registry the test command starts, the demo builds for real.
    const r = await cli(['run', '--demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^offmain demo: real build with the Docker engine and registry at 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/## offmain patch/);
    expect(r.stdout).toMatch(/not needed/);
    expect(r.stdout).toMatch(/## offmain build: images pushed/);
    expect(r.stdout).toMatch(/## offmain deploy: pushed/);
    expect(r.stdout).toMatch(/second run: nothing new, stopped at the decision \(no upstream checkout, no patch, no build\); deploy changed nothing/);
    expect(r.stdout).toMatch(/^## offmain: nothing new$/m);
    expect(r.stdout).toMatch(/# The newest release \(v4\.2\.1, on stable-4\.2\) needs the Redis TLS patch/);
    expect(r.stdout).toMatch(/`hiredis-removal` \| ✅ applied/);
  });

  it('rejects unknown commands and options', async () => {
    expect((await cli(['frobnicate'])).code).toBe(1);
    const r = await cli(['patch', '--dri', 'x']);
    expect(r.code).toBe(1);
    expect(r.log.join('\n')).toMatch(/--dri/);
  });
});

describe('offmain run, the whole chain', () => {
  it('plans the build and shows the bump with --plan-only, writing nothing to the config repository', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    const { makeDemoConfigRepo } = await import('../../src/cli/demo.js');
    const config = await makeDemoConfigRepo(root, 'registry.example/acme');
    const { git } = await import('../../src/core/git.js');
    const before = (await git(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: join(root, 'config.git') })).stdout;
    const r = await cli([
      'run', '--repository', upstream.url, '--path', join(root, 'co'),
      '--image', 'registry.example/acme/mastodon', '--plan-only',
      '--config', config, '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, deploy: { changed: true, dryRun: true } });
    expect(out.deploy.commit).toBeUndefined();
    expect(r.log.join('\n')).toMatch(/the bump would move apps\/mastodon\/kustomization\.yaml from .* to 4\.8\.0-alpha\.1\+[0-9a-f]{7}; nothing was committed or pushed/);
    expect((await git(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: join(root, 'config.git') })).stdout).toBe(before);
  });

  it('refuses --config without --image', async () => {
    const r = await cli(['run', '--config', 'acme/config']);
    expect(r.code).toBe(1);
    expect(r.log.join('\n')).toMatch(/--config needs --image/);
  });
});

describe('path arguments of the wrong kind: one line, exit 1, no stack trace', () => {
  it('names the option of a directory that is a file, a file that is a directory, or a path below a file', async () => {
    const dir = tempDir();
    const file = join(dir, 'file');
    writeFileSync(file, 'x\n');
    const image = 'ghcr.io/acme/mastodon=4.8.0_2f40549';
    const isFile = (cmd: string, opt: string) => `error: offmain ${cmd}: --${opt} ${file} is a file, not a directory: pass a directory`;
    const cases: [string[], string][] = [
      [['bump', '--dir', file, '--set', image], isFile('bump', 'dir')],
      [['bump', '--dir', join(file, 'config'), '--set', image], `error: offmain bump: --dir ${join(file, 'config')} lies below a file: pass a directory path`],
      [['deploy', '--repository', dir, '--image', image, '--upstream', dir, '--cache', file], isFile('deploy', 'cache')],
      [['deploy', '--repository', dir, '--image', image, '--upstream-path', file], isFile('deploy', 'upstream-path')],
      [['freshness', '--upstream', dir, '--deployed', '2f40549', '--cache', file], isFile('freshness', 'cache')],
      [['freshness', '--upstream', dir, '--deployed', '2f40549', '--cache', join(file, 'c')], `error: offmain freshness: --cache ${join(file, 'c')} lies below a file: pass a directory path`],
      [['runners', '--github-output', dir], `error: offmain runners: --github-output ${dir} is a directory, not a file: pass a file`],
      [['runners', '--github-output', join(file, 'out')], `error: offmain runners: --github-output ${join(file, 'out')} lies below a file: pass a file path`],
      [['version', '--dir', file, '--commit', SHA], isFile('version', 'dir')],
      [['patch', '--dir', file, '--commit', SHA], isFile('patch', 'dir')],
      [['resolve', '--repository', dir, '--path', file], isFile('resolve', 'path')],
      [['run', '--repository', dir, '--path', file], isFile('run', 'path')],
      [['build', '--dir', file, '--image', 'ghcr.io/acme/mastodon'], isFile('build', 'dir')],
    ];
    for (const [args, line] of cases) {
      const r = await cli(args);
      expect([args.join(' '), r.code, r.log.filter((l) => l.startsWith('error:'))]).toEqual([args.join(' '), 1, [line]]);
    }
    const missing = join(dir, 'no-such-dir', 'out');
    const r = await cli(['runners', '--github-output', missing]);
    expect([r.code, r.log]).toEqual([1, [expect.stringMatching(new RegExp(`^error: offmain runners: cannot write --github-output ${missing} \\(ENOENT: .*\\): pass a writable file$`))]]);
  });

  it('turns a file system error that escapes a command into one line', () => {
    const e = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/cache'"), { code: 'EACCES', syscall: 'mkdir', path: '/srv/cache' });
    expect(systemErrorLine('deploy', e)).toBe("offmain deploy: EACCES: permission denied, mkdir '/srv/cache'");
    expect(systemErrorLine('deploy', new TypeError('x is undefined'))).toBeUndefined();
  });
});

describe('an internal error', () => {
  it('is printed runner-safe: a stack that quotes a server never becomes a :: command', async () => {
    const { internalErrorText } = await import('../../src/cli/main.js');
    const text = internalErrorText(new Error('Unexpected token \'x\', "x\n::error::pwn" is not valid JSON'));
    expect(text).toMatch(/^offmain: internal error: /);
    expect(text.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OffmainError } from '../../src/core/errors.js';
import { Workspace } from '../../src/patch/patchset/workspace.js';
import { applyUnifiedDiff, loadUnifiedDiff, parseUnifiedDiff, touchedPaths } from '../../src/patch/unifieddiff.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'offmain-diff-test-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const RAKE = ['namespace :mastodon do', '  redis_options = {', "    host: env['REDIS_HOST'],", '    driver: :hiredis,', '  }', 'end', ''].join('\n');
const RAKE_PATCHED = RAKE.replace('    driver: :hiredis,\n', '');

const DIFF = `From 1234 Mon Sep 17 00:00:00 2001
From: Admin <admin@example.org>
Subject: [PATCH] Use the Ruby driver in the setup task

---
 lib/tasks/mastodon.rake | 1 -
 1 file changed, 1 deletion(-)

diff --git a/lib/tasks/mastodon.rake b/lib/tasks/mastodon.rake
index 1111111..2222222 100644
--- a/lib/tasks/mastodon.rake
+++ b/lib/tasks/mastodon.rake
@@ -1,6 +1,5 @@
 namespace :mastodon do
   redis_options = {
     host: env['REDIS_HOST'],
-    driver: :hiredis,
   }
 end
-- 
2.43.0
`;

describe('parseUnifiedDiff', () => {
  it('reads git format-patch output: paths without a/ b/, hunks, the subject as description', () => {
    const d = parseUnifiedDiff(DIFF, 'patches/rake.diff');
    expect(d.description).toBe('Use the Ruby driver in the setup task');
    expect(d.files).toHaveLength(1);
    expect(d.files[0]).toMatchObject({ oldPath: 'lib/tasks/mastodon.rake', newPath: 'lib/tasks/mastodon.rake' });
    expect(d.files[0]!.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 6, newStart: 1, newLines: 5, line: 13 });
  });

  it('reads plain `diff -ru a/ b/` output with timestamps, new and deleted files, renames and modes', () => {
    const d = parseUnifiedDiff(
      `Only in b: extra
diff -ru a/Gemfile b/Gemfile
--- a/Gemfile\t2024-01-01 00:00:00.000000000 +0000
+++ b/Gemfile\t2024-01-02 00:00:00.000000000 +0000
@@ -1 +1 @@
-gem 'a'
+gem 'b'
diff --git a/bin/new b/bin/new
new file mode 100755
--- /dev/null
+++ b/bin/new
@@ -0,0 +1,2 @@
+#!/bin/sh
+echo hi
diff --git a/old.txt b/old.txt
deleted file mode 100644
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/x.rb b/y.rb
similarity index 100%
rename from x.rb
rename to y.rb
`,
      'mine.diff',
    );
    expect(d.files.map((f) => [f.oldPath, f.newPath, f.newMode])).toEqual([
      ['Gemfile', 'Gemfile', undefined],
      [null, 'bin/new', 0o755],
      ['old.txt', null, undefined],
      ['x.rb', 'y.rb', undefined],
    ]);
    expect(touchedPaths(d).sort()).toEqual(['Gemfile', 'bin/new', 'old.txt', 'x.rb', 'y.rb']);
  });

  it.each([
    ['no file headers', 'just text\n', 'mine.diff:1: not a unified diff'],
    ['a hunk cut short', '--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n', 'mine.diff:5: the diff ends inside the hunk from line 3'],
    ['a hunk with a stray line', '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n?b\n', 'mine.diff:5: hunk from line 3 ends early'],
    ['a path without a/ b/', '--- x\n+++ x\n@@ -1 +1 @@\n-a\n+b\n', 'mine.diff:1: path "x" has no leading directory'],
    ['a path leaving the tree', '--- a/../x\n+++ b/../x\n@@ -1 +1 @@\n-a\n+b\n', 'mine.diff:1: path "../x" is outside the tree'],
    ['a binary patch', 'diff --git a/x.png b/x.png\nGIT binary patch\nliteral 1\n', 'mine.diff:2: binary diffs are not supported'],
    ['a malformed hunk header', '--- a/x\n+++ b/x\n@@ -1 @@\n-a\n', 'mine.diff:3: malformed hunk header'],
    [
      'a symbolic link it would create',
      'diff --git a/link b/link\nnew file mode 120000\n--- /dev/null\n+++ b/link\n@@ -0,0 +1 @@\n+/etc/hostname\n\\ No newline at end of file\n',
      'mine.diff:2: mode 120000 is a symbolic link: offmain patches regular files only (mode 100644 or 100755)',
    ],
    ['a file it would turn into a symbolic link', 'diff --git a/x b/x\nold mode 100644\nnew mode 120000\n', 'mine.diff:3: mode 120000 is a symbolic link'],
    ['a submodule', 'diff --git a/sub b/sub\nnew file mode 160000\n--- /dev/null\n+++ b/sub\n@@ -0,0 +1 @@\n+Subproject commit 1234\n', 'mine.diff:2: mode 160000 is a submodule'],
  ])('rejects %s with file:line', (_what, text, message) => {
    expect(() => parseUnifiedDiff(text, 'mine.diff')).toThrow(OffmainError);
    expect(() => parseUnifiedDiff(text, 'mine.diff')).toThrow(message);
  });

  it('names a missing diff file', async () => {
    await expect(loadUnifiedDiff('nope.diff', tmpdir())).rejects.toThrow('diff file not found: nope.diff');
  });
});

describe('applyUnifiedDiff', () => {
  const diff = parseUnifiedDiff(DIFF, 'patches/rake.diff');

  it('applies in memory, outside any git repository, and leaves the disk alone', async () => {
    const dir = tree({ 'lib/tasks/mastodon.rake': RAKE });
    const ws = new Workspace(dir);
    const { result, overlay } = await applyUnifiedDiff(diff, ws);
    expect(result).toMatchObject({ id: 'rake.diff', set: 'patches/rake.diff', status: 'applied', files: ['lib/tasks/mastodon.rake'] });
    expect(result.description).toBe('Use the Ruby driver in the setup task');
    expect(overlay!.edits.get('lib/tasks/mastodon.rake')).toBe(RAKE_PATCHED);
    expect(readFileSync(join(dir, 'lib/tasks/mastodon.rake'), 'utf8')).toBe(RAKE);
  });

  it('sees what earlier patches did in memory', async () => {
    const dir = tree({ 'lib/tasks/mastodon.rake': RAKE.replace("'REDIS_HOST'", "'REDIS_HOSTNAME'") });
    const ws = new Workspace(dir);
    await ws.read('lib/tasks/mastodon.rake');
    ws.set('lib/tasks/mastodon.rake', RAKE);
    expect((await applyUnifiedDiff(diff, ws)).result.status).toBe('applied');
  });

  it('is already-applied when the reverse applies', async () => {
    const ws = new Workspace(tree({ 'lib/tasks/mastodon.rake': RAKE_PATCHED }));
    const { result, overlay } = await applyUnifiedDiff(diff, ws);
    expect(result.status).toBe('already-applied');
    expect(overlay).toBeUndefined();
  });

  it('fails a conflicting diff with the file, the line and the nearest lines', async () => {
    const conflicting = RAKE.replace('    driver: :hiredis,', '    driver: :ruby,');
    const ws = new Workspace(tree({ 'lib/tasks/mastodon.rake': conflicting }));
    const { result } = await applyUnifiedDiff(diff, ws);
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^patches\/rake\.diff: does not apply to lib\/tasks\/mastodon\.rake:1 \(git apply: patch failed: lib\/tasks\/mastodon\.rake:1/);
    expect(result.failure).toMatchObject({ file: 'lib/tasks/mastodon.rake', line: 4, expected: 'the hunk at line 1: driver: :hiredis,' });
    expect(result.failure!.nearest[0]).toEqual({ line: 4, text: '    driver: :ruby,' });
  });

  it('fails when the file it changes does not exist', async () => {
    const { result } = await applyUnifiedDiff(diff, new Workspace(tree({})));
    expect(result).toMatchObject({ status: 'failed', reason: 'patches/rake.diff: lib/tasks/mastodon.rake: file not found (the diff changes it)' });
  });

  it('does not depend on the git index when the tree is a git work tree', async () => {
    const dir = tree({ 'lib/tasks/mastodon.rake': RAKE.replace('host', 'hostname') });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=a@b', '-c', 'user.name=a', 'add', '.');
    git('-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'x');
    // The work tree now differs from the index: the diff must apply to the work tree content.
    writeFileSync(join(dir, 'lib/tasks/mastodon.rake'), RAKE);
    const { result } = await applyUnifiedDiff(diff, new Workspace(join(dir)));
    expect(result.status).toBe('applied');
  });

  it('works when the temporary directory is inside a git repository', async () => {
    const repo = tree({ 'README.md': 'x\n' });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const inner = join(repo, 'tmp');
    mkdirSync(inner);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = inner;
    try {
      const { result, overlay } = await applyUnifiedDiff(diff, new Workspace(tree({ 'lib/tasks/mastodon.rake': RAKE })));
      expect(result).toMatchObject({ status: 'applied', files: ['lib/tasks/mastodon.rake'] });
      expect(overlay!.edits.get('lib/tasks/mastodon.rake')).toBe(RAKE_PATCHED);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('creates files with their mode', async () => {
    const created = parseUnifiedDiff(
      'diff --git a/bin/hello b/bin/hello\nnew file mode 100755\n--- /dev/null\n+++ b/bin/hello\n@@ -0,0 +1,2 @@\n+#!/bin/sh\n+echo hello\n',
      'hello.diff',
    );
    const dir = tree({});
    const ws = new Workspace(dir);
    const { result, overlay } = await applyUnifiedDiff(created, ws);
    expect(result.status).toBe('applied');
    overlay!.commit();
    expect(await ws.commit()).toEqual(['bin/hello']);
    expect(readFileSync(join(dir, 'bin/hello'), 'utf8')).toBe('#!/bin/sh\necho hello\n');
    expect(statSync(join(dir, 'bin/hello')).mode & 0o777).toBe(0o755);
    // Second run: the file is there with that content.
    expect((await applyUnifiedDiff(created, new Workspace(dir))).result.status).toBe('already-applied');
  });

  it('fails, reading nothing, when a file it touches is a symbolic link or under one', async () => {
    const outside = tree({ 'mastodon.rake': RAKE });
    const file = tree({ 'lib/tasks/.keep': '' });
    symlinkSync(join(outside, 'mastodon.rake'), join(file, 'lib/tasks/mastodon.rake'));
    const dir = tree({ 'lib/.keep': '' });
    symlinkSync(outside, join(dir, 'lib/tasks'));
    for (const [root, message] of [
      [file, 'patches/rake.diff: lib/tasks/mastodon.rake is a symbolic link: offmain does not patch through symbolic links; '],
      [dir, 'patches/rake.diff: lib/tasks/mastodon.rake is under a symbolic link (lib/tasks): offmain does not patch through symbolic links; '],
    ] as const) {
      const { result, overlay } = await applyUnifiedDiff(diff, new Workspace(root));
      expect(result).toMatchObject({ status: 'failed', files: ['lib/tasks/mastodon.rake'], failure: { file: 'lib/tasks/mastodon.rake' } });
      expect(result.reason!.startsWith(message)).toBe(true);
      expect(overlay).toBeUndefined();
    }
    expect(readFileSync(join(outside, 'mastodon.rake'), 'utf8')).toBe(RAKE);
  });
});

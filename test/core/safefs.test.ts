import { execFileSync } from 'node:child_process';
import fs, { closeSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OffmainError } from '../../src/core/errors.js';
import { ConfinedDir, UnsafePathError } from '../../src/core/safefs.js';
import { tempDir } from '../support/tmp.js';

const OPTS = { what: 'the test tree', advice: 'do not' };

/** A tree with a file and a subdirectory, and beside it a directory standing for everything outside. */
function setup(): { dir: string; outside: string; tree: ConfinedDir } {
  const base = tempDir('offmain-safefs-');
  const dir = join(base, 'tree');
  const outside = join(base, 'outside');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  mkdirSync(join(outside, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'sub/a.txt'), 'inside\n');
  writeFileSync(join(outside, 'secret'), 'secret\n');
  writeFileSync(join(outside, 'sub/a.txt'), 'outside\n');
  return { dir, outside, tree: new ConfinedDir(dir, OPTS) };
}

function thrown(fn: () => unknown): UnsafePathError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UnsafePathError);
    expect(e).toBeInstanceOf(OffmainError);
    return e as UnsafePathError;
  }
  throw new Error('expected an UnsafePathError');
}

/** Runs `run` with `fs.openSync` replaced for the module under test (named imports of builtins are live). */
function withOpen<T>(before: (path: string) => void, run: () => T): T {
  const orig = fs.openSync;
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    before(String(path));
    return (orig as (...a: unknown[]) => number)(path, ...rest);
  }) as typeof fs.openSync;
  syncBuiltinESMExports();
  try {
    return run();
  } finally {
    fs.openSync = orig;
    syncBuiltinESMExports();
  }
}

describe('ConfinedDir: paths stay inside', () => {
  it('refuses absolute paths, .. out of the directory, and NUL; normalises the rest', () => {
    const { tree, dir } = setup();
    for (const p of ['/etc/passwd', '../outside/secret', 'sub/../../outside/secret', '..', 'a\0b', '']) {
      const e = thrown(() => tree.read(p));
      expect(e.message).toMatch(/is not a path inside the test tree: give a path relative to it, without \.\./);
    }
    expect(tree.read('sub/../sub/./a.txt')!.toString()).toBe('inside\n');
    expect(tree.abs('sub//a.txt')).toBe(join(tree.real, 'sub/a.txt'));
    expect(thrown(() => tree.lstat('../outside')).message).toMatch(/is not a path inside/);
    expect(tree.lstat('.')!.isDirectory()).toBe(true); // the directory itself, where a directory is asked for
    expect(tree.real).toBe(fs.realpathSync(dir));
  });

  it('names the link: the file itself, or the directory on the way', () => {
    const { dir, outside, tree } = setup();
    symlinkSync(join(outside, 'secret'), join(dir, 'link'));
    symlinkSync(outside, join(dir, 'out'));
    symlinkSync('sub', join(dir, 'alias')); // pointing inside changes nothing
    const file = thrown(() => tree.read('link'));
    expect([file.message, file.link, file.location]).toEqual(['link is a symbolic link: do not', 'link', { file: 'link' }]);
    const under = thrown(() => tree.lstat('out/sub/a.txt'));
    expect([under.message, under.link]).toEqual(['out/sub/a.txt is under a symbolic link (out): do not', 'out']);
    expect(thrown(() => tree.read('alias/a.txt')).message).toBe('alias/a.txt is under a symbolic link (alias): do not');
    expect(thrown(() => tree.lstat('out/missing')).link).toBe('out');
  });

  it('says undefined for what does not exist, a file on the way included', () => {
    const { tree } = setup();
    expect(tree.lstat('nope')).toBeUndefined();
    expect(tree.lstat('sub/a.txt/x')).toBeUndefined();
    expect(tree.read('nope/x')).toBeUndefined();
    expect(tree.openRead('sub/nope')).toBeUndefined();
  });

  it('follows the directory itself when it is a link (the caller chose it)', () => {
    const { dir } = setup();
    const link = join(tempDir('offmain-safefs-link-'), 'tree');
    symlinkSync(dir, link);
    const tree = new ConfinedDir(link, OPTS);
    expect(tree.read('sub/a.txt')!.toString()).toBe('inside\n');
    expect(tree.root).toBe(link);
  });
});

describe('ConfinedDir: a link swapped in after the check', () => {
  it('for the file itself: O_NOFOLLOW refuses to open it', () => {
    const { dir, outside, tree } = setup();
    const e = withOpen(
      (p) => {
        if (!p.endsWith('sub/a.txt') || lstatSync(p).isSymbolicLink()) return;
        renameSync(p, `${p}.real`);
        symlinkSync(join(outside, 'secret'), p);
      },
      () => thrown(() => tree.read('sub/a.txt')),
    );
    expect(e.message).toBe('sub/a.txt is a symbolic link: do not');
    expect(lstatSync(join(dir, 'sub/a.txt')).isSymbolicLink()).toBe(true);
  });

  it.runIf(process.platform === 'linux')('for a directory on the way: the opened file is not the one checked (/proc/self/fd)', () => {
    const { dir, outside, tree } = setup();
    const swap = (p: string) => {
      if (!p.endsWith('sub/a.txt') || lstatSync(join(dir, 'sub')).isSymbolicLink()) return;
      renameSync(join(dir, 'sub'), join(dir, 'sub.real'));
      symlinkSync(join(outside, 'sub'), join(dir, 'sub'));
    };
    const read = withOpen(swap, () => thrown(() => tree.read('sub/a.txt')));
    expect(read.message).toBe('sub/a.txt is under a symbolic link (sub): do not');

    // Creating: refused before anything is written in it. The empty file made out there stays: removing it would
    // mean going through the link once more.
    renameSync(join(dir, 'sub'), join(dir, 'sub.link'));
    renameSync(join(dir, 'sub.real'), join(dir, 'sub'));
    const created = withOpen(
      (p) => p.endsWith('sub/new.txt') && swap(p.replace('new.txt', 'a.txt')),
      () => thrown(() => tree.create('sub/new.txt')),
    );
    expect(created.message).toBe('sub/new.txt is under a symbolic link (sub): do not');
    expect(readdirSync(join(outside, 'sub'))).toEqual(['a.txt', 'new.txt']);
  });
});

describe('ConfinedDir: writing', () => {
  it('creates exclusively: never through an existing name, a link (even a dangling one) included', () => {
    const { dir, outside, tree } = setup();
    symlinkSync(join(outside, 'secret'), join(dir, 'link'));
    symlinkSync(join(outside, 'made-by-offmain'), join(dir, 'dangling'));
    for (const name of ['link', 'dangling', 'sub/a.txt']) {
      expect(() => tree.create(name)).toThrow(/EEXIST/);
    }
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('secret\n');
    expect(readdirSync(outside).sort()).toEqual(['secret', 'sub']);
    const fd = tree.create('sub/new.txt', 0o640);
    closeSync(fd);
    expect(lstatSync(join(dir, 'sub/new.txt')).isFile()).toBe(true);
  });

  it('writes in place, makes directories, removes, renames and links only with no link on the way', () => {
    const { dir, outside, tree } = setup();
    symlinkSync(outside, join(dir, 'out'));
    symlinkSync(join(outside, 'secret'), join(dir, 'link'));
    expect(thrown(() => tree.openWrite('link')).message).toBe('link is a symbolic link: do not');
    expect(thrown(() => tree.openWrite('out/secret')).link).toBe('out');
    expect(thrown(() => tree.mkdirs('out/new/deeper')).link).toBe('out');
    expect(thrown(() => tree.unlink('out/secret')).link).toBe('out');
    expect(thrown(() => tree.rename('sub/a.txt', 'out/a.txt')).link).toBe('out');
    expect(thrown(() => tree.link('sub/a.txt', 'out/a.txt')).link).toBe('out');
    expect(readdirSync(outside).sort()).toEqual(['secret', 'sub']);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('secret\n');

    expect(tree.mkdirs('new/deeper')).toBe('new');
    expect(tree.mkdirs('new/deeper')).toBeUndefined();
    tree.unlink('link'); // the link itself goes, not what it points to
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('secret\n');
  });

  it('does not block on a FIFO', () => {
    const { dir, tree } = setup();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => tree.read('fifo')).toThrow('fifo is not a regular file: expected a file');
  });
});

describe('ConfinedDir.eachFile: the whole tree, through directory descriptors', () => {
  it('visits regular files in sorted path order, never through a link, the same with or without /proc', () => {
    const { dir, outside, tree } = setup();
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a/z.yaml'), 'z');
    writeFileSync(join(dir, 'a-b.yaml'), 'ab');
    writeFileSync(join(dir, 'skip.txt'), 'no');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git/x.yaml'), 'no');
    symlinkSync(join(outside, 'secret'), join(dir, 'link.yaml'));
    symlinkSync(outside, join(dir, 'out'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    for (const byPath of [false, true]) {
      const seen: [string, string][] = [];
      const n = tree.eachFile({ byPath, file: (f) => f.endsWith('.yaml') || f.endsWith('.txt'), dir: (d) => d !== '.git' }, (f) => {
        seen.push([f.rel, readFileSync(f.fd, 'utf8')]);
      });
      expect(seen).toEqual([['a-b.yaml', 'ab'], ['a/z.yaml', 'z'], ['skip.txt', 'no'], ['sub/a.txt', 'inside\n']]);
      expect(n).toBe(4);
    }
  });

  it('refuses a link swapped in for a listed directory', () => {
    const { dir, outside, tree } = setup();
    const e = withOpen(
      (path) => {
        if (path.endsWith('/sub') && !lstatSync(join(dir, 'sub')).isSymbolicLink()) {
          renameSync(join(dir, 'sub'), join(dir, 'sub.real'));
          symlinkSync(join(outside, 'sub'), join(dir, 'sub'));
        }
      },
      () => thrown(() => tree.eachFile({}, () => undefined)),
    );
    expect([e.message, e.link]).toEqual(['sub is a symbolic link: do not', 'sub']);
  });
});

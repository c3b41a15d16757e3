import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../src/patch/patchset/workspace.js';
import { rejection } from '../../support/errors.js';
import { snapshot, tempDir } from '../../support/tmp.js';

/** An upstream tree and, beside it, a directory standing for everything outside the tree. */
function trees(): { dir: string; outside: string } {
  const base = tempDir('offmain-ws-');
  const dir = join(base, 'tree');
  const outside = join(base, 'outside');
  mkdirSync(join(dir, 'lib'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(dir, 'lib/real.rb'), 'real\n');
  writeFileSync(join(outside, 'secret.rb'), 'secret\n');
  return { dir, outside };
}

describe('Workspace: nothing outside the tree, nothing through a symbolic link', () => {
  it('reads no file through a symbolic link: the file itself, or a directory on the way', async () => {
    const { dir, outside } = trees();
    symlinkSync(join(outside, 'secret.rb'), join(dir, 'lib/link.rb'));
    symlinkSync(outside, join(dir, 'config'));
    symlinkSync('real.rb', join(dir, 'lib/inside.rb')); // even one that stays inside the tree
    const ws = new Workspace(dir);
    expect(await ws.read('lib/real.rb')).toBe('real\n');

    const file = await rejection(ws.read('lib/link.rb'));
    expect(file.message).toMatch(/^lib\/link\.rb is a symbolic link: offmain does not patch through symbolic links; /);
    expect(file.location).toEqual({ file: 'lib/link.rb' });
    expect((await rejection(ws.read('lib/inside.rb'))).message).toMatch(/^lib\/inside\.rb is a symbolic link: /);
    const under = await rejection(ws.read('config/secret.rb'));
    expect(under.message).toMatch(/^config\/secret\.rb is under a symbolic link \(config\): offmain does not patch through symbolic links; /);
    // A file that does not exist behind a linked directory is refused too: it would be created out there.
    expect((await rejection(ws.read('config/new.rb'))).message).toMatch(/is under a symbolic link \(config\)/);
  });

  it('reads and writes nothing outside the tree: no absolute path, no ..', async () => {
    const { dir, outside } = trees();
    const ws = new Workspace(dir);
    for (const p of ['../outside/secret.rb', `${outside}/secret.rb`, 'lib/../../outside/secret.rb']) {
      expect((await rejection(ws.read(p))).message).toMatch(/is not a path inside the upstream tree/);
    }
  });

  it('writes no file through a symbolic link that appeared after it was read, and restores every file', async () => {
    const { dir, outside } = trees();
    writeFileSync(join(dir, 'lib/a.rb'), 'a\n');
    writeFileSync(join(dir, 'lib/b.rb'), 'b\n');
    const ws = new Workspace(dir);
    for (const p of ['lib/a.rb', 'lib/b.rb']) ws.set(p, `${await ws.read(p)}patched\n`);
    // lib/b.rb becomes a link to a file outside between the read and the write.
    symlinkSync(join(outside, 'secret.rb'), join(dir, 'lib/b.rb.link'));
    renameSync(join(dir, 'lib/b.rb.link'), join(dir, 'lib/b.rb'));
    const e = await rejection(ws.commit());
    expect(e.message).toMatch(/lib\/b\.rb is a symbolic link/);
    expect(e.message).toMatch(/every file was restored to its upstream content/);
    expect(readFileSync(join(outside, 'secret.rb'), 'utf8')).toBe('secret\n');
    expect(readFileSync(join(dir, 'lib/a.rb'), 'utf8')).toBe('a\n');
    expect(lstatSync(join(dir, 'lib/b.rb')).isSymbolicLink()).toBe(true);
  });

  it('keeps the mode and the hard links of a file it changes (written in place)', async () => {
    const { dir } = trees();
    writeFileSync(join(dir, 'bin.sh'), 'echo a\n');
    chmodSync(join(dir, 'bin.sh'), 0o750);
    linkSync(join(dir, 'bin.sh'), join(dir, 'bin-copy.sh'));
    const ws = new Workspace(dir);
    await ws.read('bin.sh');
    ws.set('bin.sh', 'echo b\n');
    expect(await ws.commit()).toEqual(['bin.sh']);
    expect(statSync(join(dir, 'bin.sh')).mode & 0o7777).toBe(0o750);
    expect(snapshot(dir)['bin-copy.sh']).toBe('echo b\n');
  });

  it('changes a mode alone without opening the file to write (a read-only file included)', async () => {
    const { dir } = trees();
    writeFileSync(join(dir, 'run.sh'), 'echo\n');
    chmodSync(join(dir, 'run.sh'), 0o444);
    const ws = new Workspace(dir);
    await ws.read('run.sh');
    ws.modes.set('run.sh', 0o555);
    expect(await ws.commit()).toEqual(['run.sh']);
    expect(statSync(join(dir, 'run.sh')).mode & 0o7777).toBe(0o555);
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).toBe('echo\n');
  });
});

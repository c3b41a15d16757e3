import fs, { mkdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bump } from '../../../src/deploy/bump.js';
import { JOURNAL } from '../../../src/deploy/bump/journal.js';
import { tempDir } from '../../support/tmp.js';

const M = 'ghcr.io/acme/mastodon';

/**
 * The order in which the bump's writes reach the disk (what a power loss can undo is what was not fsynced): the
 * real file system calls, recorded with the path each descriptor is open on.
 */
function record(dir: string): { events: string[]; restore: () => void } {
  const events: string[] = [];
  const where = (fd: number) => relative(dir, readlinkSync(`/proc/self/fd/${fd}`)) || '.';
  const orig = { fsync: fs.fsync, fsyncSync: fs.fsyncSync, writeSync: fs.writeSync, renameSync: fs.renameSync, unlinkSync: fs.unlinkSync, openSync: fs.openSync };
  const f = fs as unknown as Record<string, (...a: any[]) => any>;
  f.fsync = (fd: number, cb: (e: Error | null) => void) => orig.fsync(fd, (e) => (events.push(`sync ${where(fd)}`), cb(e)));
  f.fsyncSync = (fd: number) => (orig.fsyncSync(fd), events.push(`sync ${where(fd)}`));
  f.writeSync = (fd: number, ...a: any[]) => {
    events.push(`write ${where(fd)}${String(a[0]).startsWith('commit') ? ' commit' : ''}`);
    return (orig.writeSync as (...x: any[]) => number)(fd, ...a);
  };
  f.renameSync = (from: string, to: string) => (orig.renameSync(from, to), events.push(`rename ${relative(dir, to)}`));
  f.unlinkSync = (p: string) => (orig.unlinkSync(p), events.push(`unlink ${relative(dir, p)}`));
  syncBuiltinESMExports();
  return {
    events,
    restore: () => {
      Object.assign(fs, orig);
      syncBuiltinESMExports();
    },
  };
}

describe('bump: what is on disk before each decisive step', () => {
  it('the journal before anything it names, every staged file and name before the commit line, every rename before the journal goes', async () => {
    const dir = tempDir('offmain-durable-');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.yaml'), `image: ${M}:4.7.0\n`);
    writeFileSync(join(dir, 'sub/b.yaml'), `image: ${M}:4.7.0\n`);
    const { events, restore } = record(dir);
    try {
      const r = await bump({ dir, targets: [{ repository: M, tag: '4.8.0_9c1e3d0' }] });
      expect(r.files).toEqual(['a.yaml', 'sub/b.yaml']);
    } finally {
      restore();
    }
    const is = (e: string | RegExp) => (x: string) => (typeof e === 'string' ? x === e : e.test(x));
    const at = (e: string | RegExp) => events.findIndex(is(e));
    const last = (e: string | RegExp) => events.length - 1 - [...events].reverse().findIndex(is(e));
    const staged = events.filter((e) => /^write .*\.offmain-[0-9a-f]{24}\.new$/.test(e)).map((e) => e.slice('write '.length));
    expect(staged).toHaveLength(2);

    const firstStaged = at(`write ${staged[0]}`);
    const commit = at(`write ${JOURNAL} commit`);
    const firstRename = at(/^rename /);
    const gone = at(`unlink ${JOURNAL}`);
    expect([firstStaged, commit, firstRename, gone].every((i) => i >= 0)).toBe(true);
    // 1. The journal's text and its name.
    expect(at(`sync ${JOURNAL}`)).toBeLessThan(firstStaged);
    expect(at('sync .')).toBeLessThan(firstStaged);
    // 2-3. Each staged text, and the directories holding the staged names, before the commit line; the commit line itself.
    for (const s of staged) expect([s, at(`sync ${s}`)]).toEqual([s, expect.any(Number)]);
    for (const s of staged) expect(at(`sync ${s}`)).toBeGreaterThan(at(`write ${s}`));
    for (const s of staged) expect(at(`sync ${s}`)).toBeLessThan(commit);
    for (const d of ['.', 'sub']) expect(events.slice(firstStaged, commit)).toContain(`sync ${d}`);
    expect(events.slice(commit, firstRename)).toContain(`sync ${JOURNAL}`);
    // 4. Every rename, then each directory renamed in, before the journal is removed.
    expect(last(/^rename /)).toBeLessThan(gone);
    for (const d of ['.', 'sub']) expect(events.slice(last(/^rename /), gone)).toContain(`sync ${d}`);
  });
});

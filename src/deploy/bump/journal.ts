/**
 * The bump's writes: every new file text or none, even across a crash (kill -9, power loss), through a
 * write-ahead journal, `.offmain-bump-journal` in the config directory.
 *
 * 1. The journal is created exclusively (it is the lock too: a second bump in the same directory stops) and
 *    names, for each file, the target, a staging name for the new text and a backup name for the old file, both
 *    beside the target with random names (`.offmain-<24 hex>.new`, `.offmain-<24 hex>.old`); it is fsynced.
 * 2. Each new text is written to its staging file, created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW: never
 *    through an existing name or link) with the target's mode (and owner, where allowed); the old file gets its
 *    backup name as a second hard link (nothing copied; a copy where links are not supported). Then every
 *    staging file (and backup copy) and every directory holding them is fsynced.
 * 3. A `commit` line is appended to the journal and fsynced: from here on, the change is decided.
 * 4. Each staging file is renamed over its target (atomic per file); the directories are fsynced.
 * 5. The backups, then the journal, are removed.
 * Each step starts once the fsyncs of the one before have all returned; the fsyncs of one step are issued
 * together (the file system commits them in one go where one after the other costs a disk flush each: 20 files
 * synced one by one took 11-26 ms here, together 4-5 ms), which orders nothing differently.
 * An error before 3 removes what was staged. An error after 3 (a rename failing) appends an `abort` line and
 * renames the backups of the files already replaced back over them.
 *
 * Every bump that writes (a dry run writes nothing) first finishes a journal it finds (`recover`): without a
 * complete `commit` line it removes the staging files and backups (no target was touched: every file is old);
 * with it, it renames the staging files still there (every file becomes new); with `abort`, it puts the backups
 * back (every file is old again). Each step can be repeated, so a crash during recovery is recovered the same
 * way. A journal whose process is still alive (on this host) is another bump at work: left alone, the bump stops.
 *
 * A config repository could commit a journal. Every name in it must be a staging or backup name beside its
 * target, inside the directory, reached through no symbolic link, and only regular files are renamed: a forged
 * journal can do no more than the repository's own content already does.
 *
 * Files with more than one hard link are refused rather than written in place: renaming a new file over one
 * cuts it off from its other names, while writing it in place would change those too (maybe outside the config
 * directory) and could not be atomic. Git never checks out hard links: only a hand-made checkout has them.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { posix } from 'node:path';
import { errorMessage, OffmainError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { syncAll, writeAllSync, type ConfinedDir } from '../../core/safefs.js';

export const JOURNAL = '.offmain-bump-journal';

export interface Replacement {
  /** Relative to the directory, with `/`. */
  file: string;
  text: string;
  /** The text the file has now (a backup copy of it where hard links are not supported). */
  old: string;
}

interface Entry {
  target: string;
  temp: string;
  backup: string;
}

const NAME = /^\.offmain-[0-9a-f]{24}\.(new|old)$/;

/** A fresh staging (`new`) or backup (`old`) name beside `file`. */
function sibling(file: string, kind: 'new' | 'old'): string {
  const dir = posix.dirname(file);
  const name = `.offmain-${randomBytes(12).toString('hex')}.${kind}`;
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Refuses (before anything is written, dry run included) files that cannot be replaced safely. */
export function checkReplaceable(tree: ConfinedDir, files: string[]): void {
  for (const file of files) {
    const st = tree.lstat(file);
    if (!st?.isFile()) {
      throw new OffmainError(`${file} changed while offmain read it (it is no longer a file): run the bump again, nothing was changed`, { file });
    }
    if (st.nlink > 1) {
      throw new OffmainError(
        `${file} has ${st.nlink} hard links: offmain replaces a file by renaming a new one over it, which would cut it off from its other names ` +
          `(and writing it in place would change them too, wherever they are); make it a file of its own (cp ${file} ${file}.new && mv ${file}.new ${file}), nothing was changed`,
        { file },
      );
    }
  }
}

/** Writes every replacement or none (see the module comment). */
export async function replaceAll(tree: ConfinedDir, reps: Replacement[]): Promise<void> {
  if (reps.length === 0) return;
  checkReplaceable(tree, reps.map((r) => r.file));
  const entries: Entry[] = reps.map((r) => ({ target: r.file, temp: sibling(r.file, 'new'), backup: sibling(r.file, 'old') }));
  const dirs = [...new Set(entries.map((e) => posix.dirname(e.target)))];
  let journal: number;
  try {
    journal = tree.create(JOURNAL, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw busy(tree);
    throw new OffmainError(`could not write ${tree.root}: ${errorMessage(e)}; every file was left as it was`);
  }
  let committed = false;
  const made: Entry[] = []; // what this run created, for an error before the commit line
  const staged: number[] = []; // open staging files (and backup copies), to sync together
  try {
    writeAllSync(journal, Buffer.from(`${JSON.stringify({ offmain: 'bump-journal', version: 1, host: hostname(), pid: process.pid, entries })}\n`));
    // The journal, text and name, is on disk before any file it names exists.
    await Promise.all([syncAll([journal]), tree.syncDirs(['.'])]);
    for (const [i, r] of reps.entries()) {
      const e = entries[i]!;
      const st = tree.lstat(r.file)!;
      staged.push(writeFile(tree, e.temp, r.text, st));
      made.push({ ...e, backup: '' });
      try {
        tree.link(r.file, e.backup);
      } catch {
        staged.push(writeFile(tree, e.backup, r.old, st)); // no hard links here: a copy of the old text
      }
      made[made.length - 1]!.backup = e.backup;
    }
    // Every staged text and backup, and their names, on disk before the commit line.
    await Promise.all([syncAll(staged), tree.syncDirs(dirs)]);
    writeAllSync(journal, Buffer.from('commit\n'));
    fsyncSync(journal);
    committed = true;
    for (const e of entries) tree.rename(e.temp, e.target);
    // Every rename on disk before the journal goes.
    await tree.syncDirs(dirs);
  } catch (e) {
    try {
      if (committed) {
        writeAllSync(journal, Buffer.from('abort\n'));
        fsyncSync(journal);
        rollBack(tree, entries);
      } else discard(tree, made);
      closeSync(journal);
      tree.unlink(JOURNAL);
    } catch (again) {
      throw new OffmainError(
        `could not write ${tree.root} (${errorMessage(e)}) nor undo it (${errorMessage(again)}): the next bump undoes it from ${JOURNAL}, or check out the files again`,
      );
    }
    throw new OffmainError(`could not write ${tree.root}: ${errorMessage(e)}; every file was left as it was`);
  } finally {
    for (const fd of staged.splice(0)) closeSync(fd);
  }
  closeSync(journal);
  finish(tree, entries);
}

/**
 * A new file `rel` holding `text`, with the mode (and, where allowed, the owner) of `like`; returns it open, for
 * the caller to fsync and close. On an error the file is removed again: what this leaves behind is the file whole
 * or nothing.
 */
function writeFile(tree: ConfinedDir, rel: string, text: string, like: Stats): number {
  const fd = tree.create(rel, 0o600);
  try {
    writeAllSync(fd, Buffer.from(text, 'utf8'));
    fchmodSync(fd, like.mode & 0o7777);
    if (like.uid !== process.getuid?.() || like.gid !== process.getgid?.()) {
      try {
        fchownSync(fd, like.uid, like.gid);
      } catch {
        // Only root may give a file away: the new file is then ours, with the same mode.
      }
    }
  } catch (e) {
    closeSync(fd);
    try {
      tree.unlink(rel);
    } catch {
      // the journal names it: the next bump removes it
    }
    throw e;
  }
  return fd;
}

const exists = (tree: ConfinedDir, rel: string): boolean => tree.lstat(rel) !== undefined;

/** Before the commit line: no target was touched; remove what was staged (an empty name: not made). */
function discard(tree: ConfinedDir, entries: Entry[]): void {
  for (const e of entries) {
    if (e.temp && exists(tree, e.temp)) tree.unlink(e.temp);
    if (e.backup && exists(tree, e.backup)) tree.unlink(e.backup);
  }
  tree.syncDir();
}

/** After the commit line: every staging file left goes over its target. */
function rollForward(tree: ConfinedDir, entries: Entry[]): void {
  for (const e of entries) if (exists(tree, e.temp)) tree.rename(e.temp, e.target);
  for (const d of new Set(entries.map((e) => posix.dirname(e.target)))) tree.syncDir(d);
}

/**
 * After an `abort` line: a target whose staging file is still there was not replaced (drop that file); the
 * others get their backup back. Renaming a backup over the very file it is a link of does nothing, and the
 * backup is then removed: every step can be repeated.
 */
function rollBack(tree: ConfinedDir, entries: Entry[]): void {
  for (const e of entries) {
    if (exists(tree, e.temp)) tree.unlink(e.temp);
    else if (exists(tree, e.backup)) tree.rename(e.backup, e.target);
    if (exists(tree, e.backup)) tree.unlink(e.backup);
  }
  for (const d of new Set(entries.map((e) => posix.dirname(e.target)))) tree.syncDir(d);
}

/** The change is in place: remove the backups, then the journal. */
function finish(tree: ConfinedDir, entries: Entry[]): void {
  for (const e of entries) if (exists(tree, e.backup)) tree.unlink(e.backup);
  tree.unlink(JOURNAL);
  tree.syncDir();
}

function busy(tree: ConfinedDir, pid?: number): OffmainError {
  return new OffmainError(
    `another offmain bump${pid ? ` (process ${pid})` : ''} is writing in ${tree.root}: wait for it to end, or remove ${posix.join(tree.root, JOURNAL)} if no bump runs`,
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `p` is a plain relative path: no `..`, `.`, empty or `.git` component. */
function plain(p: unknown): p is string {
  return typeof p === 'string' && p !== '' && !p.includes('\0') && p.split('/').every((c) => c !== '' && c !== '.' && c !== '..' && c !== '.git');
}

/** The journal's entries, refusing any name offmain does not write. */
function entriesOf(header: unknown): Entry[] {
  const h = header as { offmain?: unknown; version?: unknown; entries?: unknown } | null;
  if (!h || h.offmain !== 'bump-journal' || h.version !== 1 || !Array.isArray(h.entries)) throw foreign('a header');
  return h.entries.map((raw: unknown) => {
    const e = (raw ?? {}) as Partial<Record<keyof Entry, unknown>>;
    const { target, temp, backup } = e;
    if (!plain(target) || target === JOURNAL || NAME.test(posix.basename(target))) throw foreign(String(target));
    for (const [name, kind] of [
      [temp, 'new'],
      [backup, 'old'],
    ] as const) {
      const base = plain(name) ? posix.basename(name) : '';
      if (!plain(name) || posix.dirname(name) !== posix.dirname(target) || NAME.exec(base)?.[1] !== kind) throw foreign(String(name));
    }
    return { target, temp: temp as string, backup: backup as string };
  });
}

function foreign(what: string): OffmainError {
  return new OffmainError(
    `${JOURNAL} names ${what}, a file that offmain does not write: check the files it names and remove ${JOURNAL}`,
    { file: JOURNAL },
  );
}

/**
 * Finishes what an interrupted bump left in the directory (see the module comment), saying so on `log`.
 * Throws when another bump is at work, or for a journal offmain did not write.
 */
export function recover(tree: ConfinedDir, log?: Pick<Logger, 'warning'>): void {
  const st = tree.lstat(JOURNAL);
  if (!st) return;
  if (!st.isFile()) throw foreign('nothing: it is not a file');
  const text = tree.read(JOURNAL)!.toString('utf8');
  const lines = text.split('\n').slice(0, -1); // complete lines only: a torn last line never counts
  const shown = posix.join(tree.root, JOURNAL);
  let say: string;
  if (lines.length === 0) {
    // Torn while its first line was written: nothing was staged yet.
    tree.unlink(JOURNAL);
    say = 'it had not finished staging, so its files were left as they were';
  } else {
    let header: unknown;
    try {
      header = JSON.parse(lines[0]!);
    } catch {
      throw foreign('no header');
    }
    // A process id means something on its own host only (a container that crashed is gone with its processes).
    const { pid, host } = (header ?? {}) as { pid?: unknown; host?: unknown };
    const here = host === undefined || host === hostname();
    if (here && typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw busy(tree, pid);
    const entries = entriesOf(header);
    for (const e of entries) {
      for (const name of [e.temp, e.backup]) {
        const s = tree.lstat(name);
        if (s && !s.isFile()) throw foreign(`${name} (not a file)`);
      }
    }
    const n = `${entries.length} file${entries.length === 1 ? '' : 's'}`;
    if (lines.includes('abort')) {
      rollBack(tree, entries);
      say = `it was putting its files back, so they were put back as they were (${n})`;
    } else if (lines.includes('commit')) {
      rollForward(tree, entries);
      for (const e of entries) if (exists(tree, e.backup)) tree.unlink(e.backup);
      say = `it had staged every file, so its changes were completed (${n})`;
    } else {
      discard(tree, entries);
      say = 'it had not finished staging, so its files were left as they were';
    }
    tree.unlink(JOURNAL);
    tree.syncDir();
  }
  log?.warning(`an interrupted bump left ${shown}: ${say}`);
}

/**
 * The upstream tree, in memory: files are read on demand (the tree is never walked), edited in memory, and
 * written only by `Workspace.commit()`, all or nothing. An `Overlay` holds the edits of the one patch being
 * evaluated on top of the workspace.
 *
 * The tree is someone else's: every read and write goes through a ConfinedDir (core/safefs.ts), so no path
 * leaves the tree and no symbolic link in it is followed, the file's own or a directory's on the way; reading
 * one is an UnsafePathError, which fails the patch that names it. Files are changed in place (their mode and
 * hard links stay), new ones are created exclusively.
 */
import { closeSync, fchmodSync, ftruncateSync, readdirSync, readFileSync, rmdirSync, type Dirent } from 'node:fs';
import { posix } from 'node:path';
import { OffmainError } from '../../core/errors.js';
import { ConfinedDir, writeAllSync } from '../../core/safefs.js';

/** Anything files of the tree can be read from: the workspace, or an overlay on it. */
export interface TreeReader {
  read(path: string): Promise<string | null>;
}

const ADVICE = 'offmain does not patch through symbolic links; name the real file in the patch (links in the upstream tree are never followed)';

/**
 * Files of the tree, read on demand and edited in memory. Only the files patches look at are read:
 * the tree is never walked. `commit()` writes every change, restoring everything if a write fails.
 */
export class Workspace {
  private readonly pristine = new Map<string, string | null>();
  private readonly current = new Map<string, string | null>();
  private readonly tree: ConfinedDir;
  /** File modes for files a unified diff creates or changes the mode of. */
  readonly modes = new Map<string, number>();

  constructor(readonly dir: string) {
    this.tree = new ConfinedDir(dir, { what: 'the upstream tree', advice: ADVICE });
  }

  async read(path: string): Promise<string | null> {
    if (this.current.has(path)) return this.current.get(path) ?? null;
    const text = readTreeFile(this.tree, path);
    this.pristine.set(path, text);
    this.current.set(path, text);
    return text;
  }

  async readPristine(path: string): Promise<string | null> {
    if (!this.pristine.has(path)) await this.read(path);
    return this.pristine.get(path) ?? null;
  }

  set(path: string, text: string | null): void {
    if (!this.pristine.has(path)) throw new Error(`internal: ${path} set before it was read`);
    this.current.set(path, text);
  }

  /** Files whose content now differs from the tree on disk, sorted. */
  changedFiles(): string[] {
    const out: string[] = [];
    for (const [path, text] of this.current) {
      if (text !== this.pristine.get(path) || this.modes.has(path)) out.push(path);
    }
    return out.sort();
  }

  /** Write every change; on any error restore every file touched so far (and remove created ones). */
  async commit(): Promise<string[]> {
    const changed = this.changedFiles();
    const done: { path: string; before: string | null; mode?: number }[] = [];
    const createdDirs: string[] = [];
    try {
      for (const path of changed) {
        const before = this.pristine.get(path) ?? null;
        const after = this.current.get(path) ?? null;
        const wanted = this.modes.get(path);
        if (before === null) {
          if (after === null) continue;
          const made = this.tree.mkdirs(posix.dirname(path));
          if (made) createdDirs.push(made);
          done.push({ path, before });
          const fd = this.tree.create(path);
          try {
            writeAllSync(fd, Buffer.from(after, 'utf8'));
            if (wanted !== undefined) fchmodSync(fd, wanted);
          } finally {
            closeSync(fd);
          }
          continue;
        }
        const st = this.tree.lstat(path);
        if (!st?.isFile()) throw new Error(`${path} is no longer a file`);
        const mode = st.mode & 0o7777;
        done.push({ path, before, mode });
        if (after === null) this.tree.unlink(path);
        else rewrite(this.tree, path, before !== after ? after : undefined, wanted);
      }
    } catch (e) {
      const problems: string[] = [];
      for (const { path, before, mode } of done.reverse()) {
        try {
          if (before === null) {
            if (this.tree.lstat(path)) this.tree.unlink(path);
          } else if (this.tree.lstat(path)) rewrite(this.tree, path, before, mode);
          else {
            const fd = this.tree.create(path);
            try {
              writeAllSync(fd, Buffer.from(before, 'utf8'));
              if (mode !== undefined) fchmodSync(fd, mode);
            } finally {
              closeSync(fd);
            }
          }
        } catch (re) {
          problems.push(`${path} (${re instanceof Error ? re.message : String(re)})`);
        }
      }
      for (const d of createdDirs) removeEmptyDirs(this.tree, d);
      const what = e instanceof Error ? e.message : String(e);
      throw new OffmainError(
        problems.length === 0
          ? `could not write the patched files (${what}); every file was restored to its upstream content`
          : `could not write the patched files (${what}) and could not restore ${problems.join(', ')}: check out the upstream tree again`,
      );
    }
    return changed;
  }
}

/** Writes `text` (when given) over the file in place, and sets `mode` (when given: fchmod needs no write access). */
function rewrite(tree: ConfinedDir, path: string, text: string | undefined, mode: number | undefined): void {
  const { fd } = text === undefined ? tree.openRead(path)! : tree.openWrite(path);
  try {
    if (text !== undefined) {
      ftruncateSync(fd, 0);
      writeAllSync(fd, Buffer.from(text, 'utf8'));
    }
    if (mode !== undefined) fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}

/** Removes `first` (a directory the commit created) and everything below it, if empty. */
function removeEmptyDirs(tree: ConfinedDir, first: string): void {
  const walk = (d: string): void => {
    let entries: Dirent[] = [];
    try {
      if (!tree.lstat(d)?.isDirectory()) return;
      entries = readdirSync(tree.abs(d), { withFileTypes: true });
    } catch {
      return;
    }
    for (const ent of entries) if (ent.isDirectory()) walk(posix.join(d, ent.name));
    try {
      rmdirSync(tree.abs(d));
    } catch {
      // not empty: keep it
    }
  };
  walk(first);
}

/** The text of `path` in the tree, null when there is no such file. */
function readTreeFile(tree: ConfinedDir, path: string): string | null {
  let opened: ReturnType<ConfinedDir['openRead']>;
  try {
    opened = tree.openRead(path);
  } catch (e) {
    if (e instanceof OffmainError) throw e;
    throw new OffmainError(`${path}: cannot be read (${(e as Error).message})`, { file: path });
  }
  if (!opened) return null;
  try {
    if (opened.stat.isDirectory()) throw new OffmainError(`${path}: is a directory where a patch expects a file`, { file: path });
    if (!opened.stat.isFile()) throw new OffmainError(`${path}: is not a regular file (a patch expects one)`, { file: path });
    return readFileSync(opened.fd, 'utf8');
  } catch (e) {
    if (e instanceof OffmainError) throw e;
    throw new OffmainError(`${path}: cannot be read (${(e as Error).message})`, { file: path });
  } finally {
    closeSync(opened.fd);
  }
}

/** A view of the tree: the workspace plus the edits of the patch being evaluated. */
export class Overlay {
  readonly edits = new Map<string, string | null>();
  constructor(readonly ws: Workspace) {}
  async read(path: string): Promise<string | null> {
    if (this.edits.has(path)) return this.edits.get(path) ?? null;
    return this.ws.read(path);
  }
  set(path: string, text: string | null): void {
    this.edits.set(path, text);
  }
  /** Apply to the workspace. */
  commit(): void {
    for (const [path, text] of this.edits) this.ws.set(path, text);
  }
}

/**
 * The upstream tree, in memory: files are read on demand (the tree is never walked), edited in memory, and
 * written only by `Workspace.commit()`, all or nothing. An `Overlay` holds the edits of the one patch being
 * evaluated on top of the workspace.
 */
import { chmod, mkdir, readdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OffmainError } from '../../core/errors.js';

/** Anything files of the tree can be read from: the workspace, or an overlay on it. */
export interface TreeReader {
  read(path: string): Promise<string | null>;
}

/**
 * Files of the tree, read on demand and edited in memory. Only the files patches look at are read:
 * the tree is never walked. `commit()` writes every change, restoring everything if a write fails.
 */
export class Workspace {
  private readonly pristine = new Map<string, string | null>();
  private readonly current = new Map<string, string | null>();
  /** File modes for files a unified diff creates or changes the mode of. */
  readonly modes = new Map<string, number>();

  constructor(readonly dir: string) {}

  async read(path: string): Promise<string | null> {
    if (this.current.has(path)) return this.current.get(path) ?? null;
    const text = await readTreeFile(this.dir, path);
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
        const abs = join(this.dir, path);
        const before = this.pristine.get(path) ?? null;
        const after = this.current.get(path) ?? null;
        const mode = before === null ? undefined : (await stat(abs)).mode & 0o7777;
        if (after === null) {
          if (before !== null) {
            await unlink(abs);
            done.push({ path, before, mode });
          }
          continue;
        }
        if (before === null) {
          const made = await mkdir(dirname(abs), { recursive: true });
          if (made) createdDirs.push(made);
        }
        done.push({ path, before, mode });
        if (before !== after) await writeFile(abs, after, 'utf8');
        const wanted = this.modes.get(path);
        if (wanted !== undefined) await chmod(abs, wanted);
      }
    } catch (e) {
      const problems: string[] = [];
      for (const { path, before, mode } of done.reverse()) {
        const abs = join(this.dir, path);
        try {
          if (before === null) await unlink(abs).catch(() => undefined);
          else {
            await writeFile(abs, before, 'utf8');
            if (mode !== undefined) await chmod(abs, mode);
          }
        } catch (re) {
          problems.push(`${path} (${re instanceof Error ? re.message : String(re)})`);
        }
      }
      for (const d of createdDirs) await removeEmptyDirs(d, this.dir);
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

async function removeEmptyDirs(first: string, root: string): Promise<void> {
  // `mkdir -p` returned the first directory it created; remove it and everything below, if empty.
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const ent of entries) if (ent.isDirectory()) await walk(join(d, ent.name));
    await rmdir(d).catch(() => undefined);
  };
  if (first.startsWith(root)) await walk(first);
}

export async function readTreeFile(dir: string, path: string): Promise<string | null> {
  try {
    return await readFile(join(dir, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') throw new OffmainError(`${path}: is a directory where a patch expects a file`, { file: path });
    throw new OffmainError(`${path}: cannot be read (${(e as Error).message})`, { file: path });
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

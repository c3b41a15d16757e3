/**
 * A directory other people fill (the upstream tree, the config repository), read and written so that nothing
 * outside it is touched and no symbolic link in it is followed.
 *
 * - A path is relative and stays inside: no absolute path, no `..` leaving the directory.
 * - No component on the way from the directory, the file itself included, may be a symbolic link, even one that
 *   points back inside: each is lstat-ed, and a link is an UnsafePathError naming it.
 * - Files are opened with O_NOFOLLOW, so a link swapped in for the file after that check fails to open. Then the
 *   opened file must be the one checked: on Linux its real path (/proc/self/fd) must be the path checked, which
 *   also catches a directory swapped for a link in between; elsewhere the path is checked again and must lead to
 *   the same inode (a smaller window, not none: Node has no openat).
 * - New files are created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW): never through an existing name, link or not.
 *   Existing files are written in place only after those checks (opened without O_TRUNC, truncated once verified).
 *
 * - A walk of the whole directory (`eachFile`) never enters a link; on Linux it holds a descriptor of each directory
 *   and opens the names in it through that descriptor (/proc/self/fd/<fd>/<name>, what openat does): no path is
 *   looked up from the top again, so nothing on the way can be swapped for a link, and no per-file check is needed.
 *
 * The directory itself may be reached through a link: that is the caller's choice, resolved once (`real`).
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { OffmainError } from './errors.js';

const { O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_RDONLY, O_WRONLY } = constants;

/** A path that leaves the directory or goes through a symbolic link. `link`: the component that is a link. */
export class UnsafePathError extends OffmainError {
  constructor(
    message: string,
    file: string,
    readonly link?: string,
  ) {
    super(message, { file });
  }
}

export interface ConfinedDirOptions {
  /** What the directory is, for messages: `the upstream tree`. */
  what: string;
  /** What to do, after `<path> is a symbolic link: `. */
  advice: string;
}

/** What `eachFile` visits. */
export interface WalkOptions {
  /** Whether to open the regular file `name` (default: every one). */
  file?: (name: string) => boolean;
  /** Whether to go into the directory `name` (default: every one). */
  dir?: (name: string) => boolean;
  /** Open every file by its path from the top, checking each component (what is done where /proc/self/fd is missing). */
  byPath?: boolean;
}

/** A regular file met by `eachFile`, open to read until `visit` returns. */
export interface WalkedFile {
  /** Relative to the directory, with `/`. */
  rel: string;
  fd: number;
  stat: Stats;
}

let procFd: boolean | undefined;
/** Whether /proc/self/fd tells the real path of an open file (Linux). */
function hasProcFd(): boolean {
  procFd ??= process.platform === 'linux' && existsSync('/proc/self/fd');
  return procFd;
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Writes all of `data` at the file's current offset. */
export function writeAllSync(fd: number, data: Buffer): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

/**
 * fsyncs every one of `fds` at once (the file system can commit them in one go, where one after the other costs
 * a flush each); rejects with the first error once all have returned, so that no descriptor is closed under a sync.
 */
export async function syncAll(fds: number[]): Promise<void> {
  const done = await Promise.allSettled(fds.map((fd) => new Promise<void>((ok, fail) => fsync(fd, (e) => (e ? fail(e) : ok())))));
  const failed = done.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export class ConfinedDir {
  private realPath?: string;
  /** Absolute paths of directories already seen on the way to a file read, with no link (see openRead). */
  private readonly readDirs = new Set<string>();

  constructor(
    /** The directory, as given. */
    readonly root: string,
    private readonly opts: ConfinedDirOptions,
  ) {}

  /** The directory with the links in its own path resolved (resolved on first use). */
  get real(): string {
    this.realPath ??= realpathSync(this.root);
    return this.realPath;
  }

  /**
   * The components of `rel` (`.` or '' is the directory itself when `dirOk`). Throws for a path that is
   * absolute or leaves the directory.
   */
  parts(rel: string, dirOk = false): string[] {
    const norm = posix.normalize(rel);
    const parts = norm.split('/').filter((p) => p !== '' && p !== '.');
    if (rel.includes('\0') || isAbsolute(rel) || posix.isAbsolute(rel) || parts[0] === '..' || (!dirOk && parts.length === 0)) {
      throw new UnsafePathError(`"${rel}" is not a path inside ${this.opts.what}: give a path relative to it, without ..`, rel);
    }
    return parts;
  }

  /** The absolute path of `rel` (checked to stay inside, not checked for links). */
  abs(rel: string): string {
    return join(this.real, ...this.parts(rel, true));
  }

  /**
   * The lstat of `rel`, no link on the way nor at the end (UnsafePathError); undefined when it, or a
   * directory on the way, does not exist.
   */
  lstat(rel: string, knownDirs?: Set<string>): Stats | undefined {
    const parts = this.parts(rel, true);
    let abs = this.real;
    if (parts.length === 0) return lstatSync(abs);
    let st: Stats | undefined; // the directory itself is not looked at: a path below it fails if it is not one
    for (const [i, p] of parts.entries()) {
      if (st && !st.isDirectory()) return undefined;
      abs = join(abs, p);
      if (knownDirs?.has(abs) && i < parts.length - 1) {
        st = undefined; // seen as a directory, no link, earlier in this run
        continue;
      }
      try {
        st = lstatSync(abs);
      } catch (e) {
        if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return undefined;
        throw e;
      }
      if (st.isSymbolicLink()) throw this.linkError(parts, i);
      if (knownDirs && st.isDirectory() && i < parts.length - 1) knownDirs.add(abs);
    }
    return st;
  }

  private linkError(parts: string[], at: number): UnsafePathError {
    const shown = parts.join('/');
    const link = parts.slice(0, at + 1).join('/');
    const where = at === parts.length - 1 ? 'is a symbolic link' : `is under a symbolic link (${link})`;
    return new UnsafePathError(`${shown} ${where}: ${this.opts.advice}`, shown, link);
  }

  /** Checks that `fd` is the file at `rel`, reached through no link; returns its fstat. */
  private verify(fd: number, rel: string): Stats {
    const parts = this.parts(rel, true);
    const st = fstatSync(fd);
    let same: boolean;
    if (hasProcFd()) {
      let actual: string | undefined;
      try {
        actual = readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        actual = undefined;
      }
      same = actual === undefined ? this.sameInode(rel, st) : actual === join(this.real, ...parts);
    } else {
      same = this.sameInode(rel, st);
    }
    if (same) return st;
    this.lstat(rel); // names the link, if one is on the way now
    const shown = parts.join('/');
    throw new UnsafePathError(`${shown} changed while offmain opened it (something on the way was replaced): ${this.opts.advice}`, shown);
  }

  private sameInode(rel: string, st: Stats): boolean {
    const now = this.lstat(rel);
    return now !== undefined && now.ino === st.ino && now.dev === st.dev;
  }

  private open(rel: string, flags: number, mode?: number): number {
    const abs = this.abs(rel);
    try {
      return openSync(abs, flags | O_NOFOLLOW, mode);
    } catch (e) {
      if (errno(e) === 'ELOOP' || errno(e) === 'EMLINK') {
        const parts = this.parts(rel);
        throw this.linkError(parts, parts.length - 1);
      }
      throw e;
    }
  }

  /**
   * Opens `rel` to read: no link on the way, the file itself opened with O_NOFOLLOW (and O_NONBLOCK, so that a
   * FIFO does not block), verified. Undefined when it does not exist. The caller closes `fd`.
   */
  openRead(rel: string): { fd: number; stat: Stats } | undefined {
    // Directories checked for an earlier read are not lstat-ed again: on Linux the opened file's real path is
    // compared below all the same, which catches a directory swapped for a link since (elsewhere, the inode).
    if (!this.lstat(rel, hasProcFd() ? this.readDirs : undefined)) return undefined;
    let fd: number;
    try {
      fd = this.open(rel, O_RDONLY | O_NONBLOCK);
    } catch (e) {
      if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return undefined;
      throw e;
    }
    try {
      return { fd, stat: this.verify(fd, rel) };
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** The bytes of the regular file `rel`; undefined when it does not exist. */
  read(rel: string): Buffer | undefined {
    this.parts(rel);
    const opened = this.openRead(rel);
    if (!opened) return undefined;
    try {
      if (!opened.stat.isFile()) {
        const shown = this.parts(rel).join('/');
        throw new OffmainError(`${shown} is ${opened.stat.isDirectory() ? 'a directory' : 'not a regular file'}: expected a file`, { file: shown });
      }
      return readFileSync(opened.fd);
    } finally {
      closeSync(opened.fd);
    }
  }

  /** The parent directory of `rel` must exist, as a directory with no link on the way. */
  private parentDir(rel: string): void {
    const dir = posix.dirname(this.parts(rel).join('/'));
    if (!this.lstat(dir)?.isDirectory()) {
      throw Object.assign(new Error(`ENOENT: no such directory, ${dir}`), { code: 'ENOENT' });
    }
  }

  /**
   * Creates the file `rel`, which must not exist, exclusively (O_CREAT|O_EXCL|O_NOFOLLOW) with `mode` (less the
   * umask), in an existing directory; returns the descriptor, open to write. The caller closes it.
   */
  create(rel: string, mode = 0o666): number {
    this.parentDir(rel);
    const fd = this.open(rel, O_WRONLY | O_CREAT | O_EXCL, mode);
    try {
      this.verify(fd, rel);
      return fd;
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** Opens the existing regular file `rel` to write it in place (not truncated). The caller closes `fd`. */
  openWrite(rel: string): { fd: number; stat: Stats } {
    this.parts(rel);
    if (!this.lstat(rel)) throw Object.assign(new Error(`ENOENT: no such file, ${rel}`), { code: 'ENOENT' });
    const fd = this.open(rel, O_WRONLY);
    try {
      const stat = this.verify(fd, rel);
      if (!stat.isFile()) throw new Error(`${rel} is not a regular file`);
      return { fd, stat };
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** Creates the missing directories of `rel` one at a time, never through a link; returns the first one made. */
  mkdirs(rel: string): string | undefined {
    const parts = this.parts(rel, true);
    let first: string | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      const st = this.lstat(sub);
      if (st?.isDirectory()) continue;
      if (st) throw Object.assign(new Error(`ENOTDIR: ${sub} is a file, not a directory`), { code: 'ENOTDIR' });
      mkdirSync(join(this.real, ...parts.slice(0, i)));
      this.lstat(sub); // a link that appeared in its place
      first ??= sub;
    }
    return first;
  }

  /** Removes the file `rel` (a link at the end is removed, not followed; none may be on the way). */
  unlink(rel: string): void {
    this.lstat(posix.dirname(this.parts(rel).join('/')));
    unlinkSync(this.abs(rel));
  }

  /** Renames `from` over `to` (atomic within a file system); no link on the way to either. */
  rename(from: string, to: string): void {
    this.lstat(posix.dirname(this.parts(from).join('/')));
    this.lstat(posix.dirname(this.parts(to).join('/')));
    renameSync(this.abs(from), this.abs(to));
  }

  /** Gives the file `existing` a second name `name` (a hard link); no link on the way to either. */
  link(existing: string, name: string): void {
    if (!this.lstat(existing)?.isFile()) throw Object.assign(new Error(`ENOENT: no such file, ${existing}`), { code: 'ENOENT' });
    this.parentDir(name);
    linkSync(this.abs(existing), this.abs(name));
  }

  /**
   * Visits every regular file under the directory that `opts` asks for, in the order of their relative paths
   * sorted (as strings), each opened to read (O_NOFOLLOW and O_NONBLOCK) and closed when `visit` returns. A
   * symbolic link in the tree is skipped, never followed; one swapped in for a file or directory after its
   * directory was listed is an UnsafePathError naming it. Returns how many files were visited.
   */
  eachFile(opts: WalkOptions, visit: (file: WalkedFile) => void): number {
    const byFd = hasProcFd() && !opts.byPath;
    let visited = 0;
    const walk = (dirFd: number | undefined, prefix: string) => {
      const at = (name: string) => (dirFd === undefined ? join(this.real, prefix, name) : `/proc/self/fd/${dirFd}/${name}`);
      const entries = readdirSync(dirFd === undefined ? join(this.real, prefix) : `/proc/self/fd/${dirFd}`, { withFileTypes: true });
      const keyed = entries.map((e) => [e.isDirectory() ? `${e.name}/` : e.name, e] as const);
      keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); // `a/x` sorts as the path does, not as `a`
      for (const [, e] of keyed) {
        const rel = prefix + e.name;
        if (e.isDirectory()) {
          if (opts.dir && !opts.dir(e.name)) continue;
          const sub = dirFd === undefined ? undefined : this.openAt(at(e.name), O_RDONLY | O_DIRECTORY, rel);
          if (sub === null) continue;
          try {
            walk(sub, `${rel}/`);
          } finally {
            if (sub !== undefined) closeSync(sub);
          }
        } else if (e.isFile() && (!opts.file || opts.file(e.name))) {
          const opened = dirFd === undefined ? this.openRead(rel) : this.openFileAt(at(e.name), rel);
          if (!opened) continue;
          try {
            if (!opened.stat.isFile()) continue;
            visited++;
            visit({ rel, fd: opened.fd, stat: opened.stat });
          } finally {
            closeSync(opened.fd);
          }
        }
      }
    };
    const top = byFd ? openSync(this.real, O_RDONLY | O_DIRECTORY) : undefined;
    try {
      walk(top, '');
    } finally {
      if (top !== undefined) closeSync(top);
    }
    return visited;
  }

  /**
   * Opens `path` (a name under a directory descriptor, /proc/self/fd/<fd>/<name>) without following a link at
   * the end: the descriptor, or null when it is gone or no longer of the kind asked for; a link is an error.
   */
  private openAt(path: string, flags: number, rel: string): number | null {
    try {
      return openSync(path, flags | O_NOFOLLOW);
    } catch (e) {
      const code = errno(e);
      let link = code === 'ELOOP' || code === 'EMLINK';
      if (code === 'ENOTDIR') link = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
      if (link) throw this.linkError([rel], 0);
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw e;
    }
  }

  private openFileAt(path: string, rel: string): { fd: number; stat: Stats } | undefined {
    const fd = this.openAt(path, O_RDONLY | O_NONBLOCK, rel);
    if (fd === null) return undefined;
    try {
      return { fd, stat: fstatSync(fd) };
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** syncDir for several directories at once: their fsyncs are issued together, and all have returned at the end. */
  async syncDirs(rels: Iterable<string>): Promise<void> {
    const fds: number[] = [];
    try {
      for (const rel of new Set(rels)) {
        const opened = this.openRead(rel);
        if (opened) fds.push(opened.fd);
      }
      // As in syncDir, a system that cannot fsync a directory is no error.
      await syncAll(fds).catch(() => undefined);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  }

  /** Makes the names in directory `rel` durable (fsync of the directory); skipped where that is not possible. */
  syncDir(rel = '.'): void {
    const opened = this.openRead(rel);
    if (!opened) return;
    try {
      fsyncSync(opened.fd);
    } catch {
      // Some systems cannot fsync a directory; the data of the files is synced.
    } finally {
      closeSync(opened.fd);
    }
  }
}

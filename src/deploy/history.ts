/**
 * The tracked upstream branch's history, for the deploy (the downgrade check, which commit an image tag
 * names) and for freshness (which commits the cluster lacks): a blobless fetch (commits and trees, no file
 * contents) into a cache directory or the patch step's checkout, only as deep as the questions asked need.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OffmainError } from '../core/errors.js';
import { git, type GitResult } from '../core/git.js';
import { gitRemote, isValidBranchName, redactText, redactUrl } from '../core/remote.js';
import { parseImageTag } from '../patch/index.js';

/** A file of an upstream commit, read bounded: its text, absent, or not read (too large, unreadable) and why. */
export type UpstreamFile = { text: string } | { absent: true } | { unread: string; bytes?: number };

/** `512 B`, `9.8 KiB`, `97.1 MiB`. */
export function byteWords(n: number): string {
  if (n < 1024) return `${n} B`;
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/** The temporary packs a fetch is writing in `dir`, with their sizes. */
function tmpPacks(dir: string): { name: string; size: number }[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.startsWith('tmp_pack_'))
      .map((name) => ({ name, size: statSync(path.join(dir, name), { throwIfNoEntry: false })?.size ?? 0 }));
  } catch {
    return [];
  }
}

/** A commit and its committer time (unix seconds). */
export interface CommitTime {
  sha: string;
  /** Committer time, unix seconds. */
  time: number;
}

/**
 * The first fetch's depth, and how much deeper each further fetch makes the history: 100, 400, 1,600, 6,400,
 * ... first-parent commits, so a question about a commit N back fetches at most about 4N (and never fetches
 * what is already here: each step deepens the kept history, it does not fetch it again).
 */
const FIRST_DEPTH = 100;
const GROWTH = 4;

export interface HistoryOptions {
  /** Upstream git URL or path; read from `dir`'s origin when omitted there. */
  repository?: string;
  /** Tracked branch, default main. */
  ref?: string;
  /**
   * An existing clone of upstream to fetch into (the patch step's checkout). Without it, a cache directory
   * is used: `cacheDir`, or one per repository under RUNNER_TEMP (or the OS temp directory).
   */
  dir?: string;
  cacheDir?: string;
  token?: string;
}

/** What git says when another process holds a lock of the repository (shallow.lock, a ref's .lock). */
const LOCKED = /\.lock\b|unable to lock|cannot lock|already exists/i;

/** How long a fetch waits for another process's lock on the cache: OFFMAIN_CACHE_LOCK_SECONDS (default 120). */
function lockWaitMs(): number {
  const s = Number(process.env.OFFMAIN_CACHE_LOCK_SECONDS);
  return (Number.isFinite(s) && s >= 0 ? s : 120) * 1000;
}

/** In-process lock per directory: two fetches into one repository at once would trip over git's locks. */
const locks = new Map<string, Promise<unknown>>();
function locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

export function defaultCacheDir(repository: string): string {
  const base = process.env.RUNNER_TEMP || tmpdir();
  const id = createHash('sha256').update(redactUrl(repository)).digest('hex').slice(0, 12);
  return path.join(base, `offmain-upstream-${id}`);
}

/**
 * The default cache directory, private to this user (0700). One that another user created (or a symlink
 * planted in a shared temp directory) is never reused: a fresh private directory is used instead.
 */
export async function privateCacheDir(repository: string): Promise<string> {
  const dir = defaultCacheDir(repository);
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = await lstat(dir);
  const uid = process.getuid?.();
  if (st.isDirectory() && (uid === undefined || st.uid === uid)) {
    if ((st.mode & 0o077) !== 0) await chmod(dir, 0o700);
    return dir;
  }
  return mkdtemp(`${dir}-`);
}

/**
 * The tracked upstream branch's history, fetched blobless (commits and trees, no file contents) and only
 * as deep as the questions asked need: 100 commits first, then four times as deep at each step.
 */
export class UpstreamHistory {
  private complete = false;
  /**
   * Answers learnt since the last fetch (`locate:<commit>` -> sha or undefined, `contains:<sha>` -> boolean,
   * `time:<sha>`), so a question the callers ask twice (freshness: resolve, head, isAncestor) spawns git once.
   */
  private readonly known = new Map<string, string | number | boolean | undefined>();
  /** The git directory when it is a plain directory (the bare cache, a checkout's `.git`), else undefined. */
  private gitDir?: string;
  private constructor(
    readonly dir: string,
    readonly repository: string,
    readonly ref: string,
    private readonly auth: { env?: NodeJS.ProcessEnv; secrets: string[] },
  ) {}

  get tracking(): string {
    return `refs/remotes/origin/${this.ref}`;
  }

  static async open(opts: HistoryOptions): Promise<UpstreamHistory> {
    const ref = opts.ref?.trim() || 'main';
    if (!isValidBranchName(ref)) throw new OffmainError(`upstream ref "${ref}" is not a valid branch name: pass a branch such as main`);
    let repository = opts.repository?.trim();
    let dir: string;
    if (opts.dir) {
      dir = path.resolve(opts.dir);
      if (!existsSync(path.join(dir, '.git')) && !existsSync(path.join(dir, 'HEAD'))) {
        throw new OffmainError(`upstream path ${dir} is not a git checkout: pass the patch step's path output, or leave it empty`);
      }
      if (!repository) {
        const r = await git(['remote', 'get-url', 'origin'], { cwd: dir, allowFailure: true });
        repository = r.stdout.trim();
        if (r.code !== 0 || !repository) {
          throw new OffmainError(`upstream path ${dir} has no origin remote: pass the upstream repository too`);
        }
      }
    } else {
      if (!repository) throw new OffmainError('no upstream repository given: pass the upstream git URL');
      dir = opts.cacheDir ? path.resolve(opts.cacheDir) : await privateCacheDir(repository);
    }

    const remote = gitRemote(repository, opts.token);
    const fetchUrl = remote.fetchUrl;
    const history = new UpstreamHistory(dir, remote.display, ref, remote);
    await locked(dir, async () => {
      if (!opts.dir && !existsSync(path.join(dir, 'HEAD'))) {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await git(['init', '-q', '--bare', dir]);
        // A new repository has no origin to ask about (another process's may have added it: then ask).
        if ((await git(['remote', 'add', 'origin', fetchUrl], { cwd: dir, allowFailure: true })).code === 0) return;
      }
      // A cache whose config already names this URL (what the last run wrote) needs no git process to say so.
      if (!opts.dir && configNamesOrigin(dir, fetchUrl)) return;
      const has = await git(['remote', 'get-url', 'origin'], { cwd: dir, allowFailure: true });
      if (has.code !== 0) await git(['remote', 'add', 'origin', fetchUrl], { cwd: dir });
      else if (!opts.dir && has.stdout.trim() !== fetchUrl) await git(['remote', 'set-url', 'origin', fetchUrl], { cwd: dir });
    });
    if (!opts.dir) history.gitDir = dir;
    else if (existsSync(path.join(dir, '.git', 'HEAD'))) history.gitDir = path.join(dir, '.git');
    else if (existsSync(path.join(dir, 'HEAD')) && !existsSync(path.join(dir, '.git'))) history.gitDir = dir;
    await history.fetch();
    return history;
  }

  /**
   * `file` at the commit `sha` (a full sha present here), read bounded: its text; `absent` when the commit has no
   * such regular file (absent, a symbolic link, a submodule); `unread` (why) when it is larger than `maxBytes` or
   * cannot be read. Upstream text: the tree is read without sizes (`ls-tree -l` would make git fetch the whole
   * blob from upstream just to say how large it is), the blob alone is fetched with a watchdog that stops the
   * download past `maxBytes` (and git keeps a large blob out of memory), and at most `maxBytes` are read.
   */
  async file(sha: string, file: string, maxBytes: number): Promise<UpstreamFile> {
    if (!/^[0-9a-f]{40,64}$/.test(sha) || file.startsWith('-') || file.includes('\0')) return { absent: true };
    const entry = await this.run(['ls-tree', '-z', '--end-of-options', sha, '--', file], true);
    const m = /^(100644|100755) blob ([0-9a-f]{40,64})\t([^\0]*)\0$/.exec(entry.stdout);
    if (entry.code !== 0 || !m || m[3] !== file) return { absent: true };
    const oid = m[2]!;
    // `--missing=print` only looks: a blob missing here prints `?<oid>` (no lazy fetch).
    const here = await this.run(['rev-list', '--objects', '--no-walk', '--missing=print', oid], true);
    if (here.code !== 0 || here.stdout.startsWith('?')) {
      const failed = await this.fetchBlob(oid, maxBytes);
      if (failed) return failed;
    }
    const size = Number((await this.run(['cat-file', '-s', oid], true)).stdout.trim());
    if (!Number.isSafeInteger(size)) return { unread: 'could not be read' };
    if (size > maxBytes) return { unread: `is ${byteWords(size)}, more than offmain reads (${byteWords(maxBytes)})`, bytes: size };
    const blob = await git(['cat-file', 'blob', oid], { cwd: this.dir, env: this.auth.env, allowFailure: true, maxStdout: maxBytes + 1 });
    return blob.code === 0 && !blob.overflow ? { text: blob.stdout } : { unread: 'could not be read' };
  }

  /** The text of `file` at `sha`, undefined when absent; throws (with why) when it is too large or unreadable. */
  async fileAt(sha: string, file: string, maxBytes: number): Promise<string | undefined> {
    const f = await this.file(sha, file, maxBytes);
    if ('unread' in f) throw new OffmainError(`${file} of upstream ${sha.slice(0, 7)} ${f.unread}`);
    return 'text' in f ? f.text : undefined;
  }

  /**
   * Fetches one blob from upstream, stopped (and what it wrote removed) once more than about `maxBytes` have
   * arrived; undefined when it arrived. The download is compressed, so a large file may arrive whole and then
   * be found too large by its size.
   */
  private async fetchBlob(oid: string, maxBytes: number): Promise<UpstreamFile | undefined> {
    const packDir = path.resolve(this.dir, (await this.run(['rev-parse', '--git-path', 'objects/pack'])).stdout.trim());
    const limit = maxBytes + 64 * 1024;
    return locked(this.dir, async () => {
      const before = new Set(tmpPacks(packDir).map((f) => f.name));
      const stop = new AbortController();
      const watch = setInterval(() => {
        if (tmpPacks(packDir).reduce((n, f) => n + (before.has(f.name) ? 0 : f.size), 0) > limit) stop.abort();
      }, 20);
      try {
        const args = ['-c', 'fetch.negotiationAlgorithm=noop', '-c', `core.bigFileThreshold=${limit}`, '-c', 'fetch.unpackLimit=1'];
        // The fetch git itself makes for a missing object (`--stdin`), bounded here.
        args.push('fetch', '-q', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin', 'origin');
        const r = await git(args, { cwd: this.dir, env: this.auth.env, allowFailure: true, signal: stop.signal, input: `${oid}\n` });
        if (stop.signal.aborted) return { unread: `is more than offmain reads (${byteWords(maxBytes)}; its download was stopped)` };
        if (r.code !== 0) return { unread: `could not be fetched (${redactText(r.stderr.trim().split('\n').pop() ?? `exit ${r.code}`, this.auth.secrets)})` };
        return undefined;
      } finally {
        clearInterval(watch);
        if (stop.signal.aborted) for (const f of tmpPacks(packDir)) if (!before.has(f.name)) await rm(path.join(packDir, f.name), { force: true });
      }
    });
  }

  /** Runs git in the history's directory, with its credentials (for readers such as rollout.ts). */
  read(args: string[]): Promise<GitResult> {
    return this.run(args, true);
  }

  private run(args: string[], allowFailure = false): Promise<GitResult> {
    return git(args, { cwd: this.dir, env: this.auth.env, allowFailure });
  }

  private async isShallow(): Promise<boolean> {
    // A plain git directory is shallow when it has a `shallow` file: no process to spawn for it.
    if (this.gitDir) return existsSync(path.join(this.gitDir, 'shallow'));
    return (await this.run(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  }

  /**
   * Fetches the branch: the first time `FIRST_DEPTH` commits; a history kept from an earlier run (a cache, the
   * patch step's checkout) only what is new, at the depth it has (never cut back); `deepen` commits more.
   */
  private async fetch(deepen?: number): Promise<void> {
    await locked(this.dir, async () => {
      const args = ['fetch', '-q', '--no-tags', '--no-write-fetch-head', '--filter=blob:none'];
      const hadRef = await this.hasTracking();
      if (hadRef && !(await this.isShallow())) this.complete = true;
      if (!this.complete && deepen !== undefined) args.push(`--deepen=${deepen}`);
      else if (!hadRef) args.push(`--depth=${FIRST_DEPTH}`);
      args.push('origin', `+refs/heads/${this.ref}:${this.tracking}`);
      let r = await this.run(args, true);
      // Another process fetching into the same cache (two deploys sharing --cache) holds shallow.lock or a ref
      // lock: wait for it, a bounded time, rather than lose the lag and the rollout notes.
      for (let waited = 0, pause = 100; r.code !== 0 && LOCKED.test(r.stderr) && waited < lockWaitMs(); waited += pause, pause = Math.min(pause * 2, 2000)) {
        await new Promise((ok) => setTimeout(ok, pause));
        r = await this.run(args, true);
      }
      if (r.code !== 0) {
        const why = redactText(
          (r.stderr.split('\n').find((l) => l.startsWith('fatal:')) ?? r.stderr.trim().split('\n').pop() ?? `exit ${r.code}`).replace(/^fatal: /, ''),
          this.auth.secrets,
        );
        if (/couldn't find remote ref/i.test(r.stderr)) {
          throw new OffmainError(`branch ${this.ref} was not found in the upstream repository ${this.repository}: check the upstream ref`);
        }
        throw new OffmainError(`cannot read the upstream repository ${this.repository} (${why}): check its URL (and token, if private)`);
      }
      if (!(await this.isShallow())) this.complete = true;
      this.known.clear(); // the branch may have moved: what was learnt about it is asked again
    });
  }

  /** Whether the tracking ref exists: read from the git directory's refs when it is plain, else asked of git. */
  private async hasTracking(): Promise<boolean> {
    if (this.gitDir) {
      if (existsSync(path.join(this.gitDir, this.tracking))) return true;
      const packed = readText(path.join(this.gitDir, 'packed-refs'));
      if (packed === undefined || !packed.includes(` ${this.tracking}\n`)) return false;
    }
    return (await this.run(['rev-parse', '--verify', '-q', this.tracking], true)).code === 0;
  }

  /** Fetches deeper; false when the whole history is already there. */
  private async deepen(): Promise<boolean> {
    if (this.complete) return false;
    // GROWTH times as deep as what is here (a kept history may already be deep).
    const have = Number((await this.run(['rev-list', '--count', '--first-parent', this.tracking], true)).stdout.trim()) || FIRST_DEPTH;
    await this.fetch(have * (GROWTH - 1));
    return true;
  }

  /** The newest commit of the branch. */
  async head(): Promise<CommitTime> {
    const tip = this.known.get('tip');
    if (typeof tip === 'string') return { sha: tip, time: this.known.get(`time:${tip}`) as number };
    // One process for both: `show` of the tracking ref prints its sha and committer time.
    const out = (await this.run(['show', '-s', '--format=%H %ct', `${this.tracking}^{commit}`, '--'])).stdout.trim();
    const [sha = '', time = ''] = out.split(' ');
    this.learnTip(sha, Number(time));
    return { sha, time: Number(time) };
  }

  /** Remembers the branch's tip (until the next fetch): itself found, on the branch, and its time. */
  private learnTip(sha: string, time: number): void {
    this.known.set(`locate:${sha}`, sha);
    this.known.set(`contains:${sha}`, true);
    this.known.set(`time:${sha}`, time);
    this.known.set('tip', sha);
  }

  async commitTime(sha: string): Promise<number> {
    const was = this.known.get(`time:${sha}`);
    if (typeof was === 'number') return was;
    return Number((await this.run(['show', '-s', '--format=%ct', sha])).stdout.trim());
  }

  /** A full sha, unique sha prefix, or offmain image tag -> the full sha if present locally (no lazy fetch). */
  private async locate(commit: string): Promise<string | undefined> {
    const c = commit.trim().toLowerCase();
    const key = `locate:${c}`;
    if (this.known.has(key)) return this.known.get(key) as string | undefined;
    const found = await this.lookUp(c, commit);
    if (found) {
      // Not found may be found after a deepening; found stays found (under the full sha too).
      this.known.set(key, found);
      this.known.set(`locate:${found}`, found);
    }
    return found;
  }

  private async lookUp(c: string, commit: string): Promise<string | undefined> {
    if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(c)) {
      // A full sha of a missing object would make git fetch it, with its whole history, from the
      // promisor remote; `--missing=print` only looks.
      // It prints a commit present here as itself, nothing for a tree or a blob, a tag's commit (another sha)
      // for a tag, and fails for what is missing: only a commit here prints `c` back.
      const seen = await this.run(['rev-list', '--missing=print', '--no-walk', c], true);
      return seen.code === 0 && seen.stdout.split('\n')[0] === c ? c : undefined;
    }
    if (!this.known.has('tip')) {
      // The first question after a fetch: one process tells the commit and the branch's tip (what `head` and
      // the freshness report ask next) with their times. Only sha and time are printed: no upstream text.
      const both = await this.run(['log', '--no-walk=unsorted', '--format=%H %ct', '--end-of-options', `${this.tracking}^{commit}`, `${c}^{commit}`, '--'], true);
      const rows = both.stdout.trim().split('\n').map((l) => /^([0-9a-f]{40,64}) (\d+)$/.exec(l));
      if (both.code === 0 && rows[0] && rows.length <= 2 && rows.every((m) => m)) {
        this.learnTip(rows[0][1]!, Number(rows[0][2]));
        const [, sha, time] = rows[1] ?? rows[0]; // one row: the commit is the tip
        if (sha!.startsWith(c)) {
          this.known.set(`time:${sha}`, Number(time));
          return sha;
        }
      }
    }
    const r = await this.run(['rev-parse', '--verify', '-q', '--end-of-options', `${c}^{commit}`], true);
    if (r.code === 0) return r.stdout.trim();
    if (/ambiguous/i.test(r.stderr)) {
      throw new OffmainError(`commit ${commit} is ambiguous in ${this.repository}: pass more characters, or the full sha`);
    }
    return undefined;
  }

  /**
   * The full sha of `deployed`: a sha (7 to 40 hex digits) or an offmain image tag (`4.8.0-alpha.1_2f40549`)
   * or display version (`4.8.0-alpha.1+2f40549`). Fetches deeper until it is found on the branch.
   */
  async resolve(deployed: string): Promise<string> {
    const sha = shaOf(deployed);
    for (;;) {
      const found = await this.locate(sha);
      if (found && (await this.contains(found))) return found;
      if (!(await this.deepen())) {
        if (found) return found;
        throw new OffmainError(
          `commit ${sha.slice(0, 12)} (from "${deployed}") was not found on ${this.ref} of ${this.repository}: ` +
            'check the deployed commit or tag, and the upstream ref you track',
        );
      }
    }
  }

  /** Whether `sha` is in the branch's history. */
  private async contains(sha: string): Promise<boolean> {
    const key = `contains:${sha}`;
    const was = this.known.get(key);
    if (typeof was === 'boolean') return was;
    const is = (await this.run(['merge-base', '--is-ancestor', sha, this.tracking], true)).code === 0;
    this.known.set(key, is);
    return is;
  }

  /**
   * Whether the commit `older` is an ancestor of (or equal to) `newer`; sha prefixes allowed.
   * `undefined` when either is not found on the branch even in its whole history.
   */
  async isAncestor(older: string, newer: string): Promise<boolean | undefined> {
    for (;;) {
      const a = await this.locate(older);
      const b = await this.locate(newer);
      if (a && b && (await this.contains(b))) return this.ancestry(a, b);
      if (!(await this.deepen())) return a && b ? this.ancestry(a, b) : undefined;
    }
  }

  /** `git merge-base --is-ancestor`: exit 0 yes, 1 no, anything else (an error) unknown. */
  private async ancestry(a: string, b: string): Promise<boolean | undefined> {
    // Against the branch's tip (as `head` read it since the last fetch) that is `contains`, perhaps known.
    if (b === this.known.get('tip')) return this.contains(a);
    const { code } = await this.run(['merge-base', '--is-ancestor', a, b], true);
    return code === 0 ? true : code === 1 ? false : undefined;
  }

  /**
   * Where the commit `sha` (a prefix, a full sha) is: on the branch, present but not on it (only elsewhere in
   * upstream: the patch step's checkout may hold other refs), or not found even in the branch's whole history.
   * Fetches deeper as needed.
   */
  async place(sha: string): Promise<'branch' | 'elsewhere' | 'missing'> {
    for (;;) {
      const found = await this.locate(sha);
      if (found && (await this.contains(found))) return 'branch';
      if (!(await this.deepen())) return found ? 'elsewhere' : 'missing';
    }
  }

  /** First-parent commits of the branch that `deployed` (a full sha on the branch) lacks, oldest first. */
  async notDeployed(deployed: string): Promise<CommitTime[]> {
    const r = await this.run(['rev-list', '--first-parent', '--reverse', '--format=%ct', `${deployed}..${this.tracking}`]);
    const out: CommitTime[] = [];
    const lines = r.stdout.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^commit ([0-9a-f]{40,64})$/.exec(lines[i]!);
      if (m) out.push({ sha: m[1]!, time: Number(lines[++i]) });
    }
    return out;
  }
}

/** A sha prefix from a sha, an offmain image tag or a display version. */
export function shaOf(deployed: string): string {
  const d = deployed.trim();
  if (/^[0-9a-fA-F]{7,64}$/.test(d)) return d.toLowerCase();
  const tag = parseImageTag(d.replace('+', '_'));
  if (tag) return tag.shortSha;
  throw new OffmainError(
    `"${deployed}" is neither a commit sha nor an offmain image tag: pass a sha (7 to 40 hex digits) or a tag such as 4.8.0-alpha.1_2f40549`,
  );
}

/** A file's text, or undefined when it cannot be read. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Whether a bare cache's config names `url` as origin's one URL, exactly as `git remote add` wrote it. A URL
 * git would quote or escape, or a config written some other way, is never matched here: git is asked instead.
 */
export function configNamesOrigin(dir: string, url: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(url) || /["\\;#]/.test(url)) return false;
  const config = readText(path.join(dir, 'config'));
  if (config === undefined || config.split('[remote "origin"]').length !== 2) return false;
  // Sections that would change which URL git uses (url.<base>.insteadOf) or read more config: ask git.
  if (/^\s*\[\s*(?:url|include|includeif)\b/im.test(config)) return false;
  const section = /^\[remote "origin"\]\n((?:\t.*\n)*)/m.exec(config);
  const urls = section ? [...section[1]!.matchAll(/^\turl = (.*)$/gm)].map((m) => m[1]) : [];
  return urls.length === 1 && urls[0] === url && !/^\s*url\s*=/m.test(config.replace(section![0], ''));
}

/**
 * Resolves the upstream commit to build (the head of a branch, the newest stable release, or a
 * given sha proven to be on the tracked branch) and checks its tree out at a path.
 *
 * Git only: works with any host and costs no API rate limit. Fetches as little as possible:
 * `--depth=1` for a branch head or a tag, blobless (`--filter=blob:none`) and progressively deeper
 * history when a given commit must be proven reachable. Parsing is pure and exported for tests;
 * the git side effects live in `resolveUpstream` and the functions below it.
 */
import { appendFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { OffmainError } from '../core/errors.js';
import { git, isoUtc, type GitResult } from '../core/git.js';
import { commitUrl, gitRemote, isLocalPath, isValidBranchName, redactText, redactUrl, sameRemote, type GitRemote, type RemoteRef, parseLsRemote } from '../core/remote.js';
import { parseStableBranch, stableBranches, stableTags, type StableTag } from './releases.js';

export type Track = 'main' | 'release';

export const DEFAULT_REPOSITORY = 'https://github.com/mastodon/mastodon.git';

export interface ResolveOptions {
  /** Any git URL (https, http, ssh, file://) or a local path; default DEFAULT_REPOSITORY. */
  repository?: string;
  /** Branch to track, default `main`. With track `release`, a `stable-X.Y` ref limits releases to that series. */
  ref?: string;
  /** A full or abbreviated (7+ hex) sha to build instead of the newest commit. */
  commit?: string;
  /** Default `main`. */
  track?: Track;
  /** Where to check the tree out: created if missing; must be empty or an earlier offmain checkout of the same repository. */
  path: string;
  /** Token for private HTTPS remotes (sent as an HTTP header, never in a URL). */
  token?: string;
}

export interface UpstreamCommit {
  /** The repository as given (default filled in), with any credentials removed. */
  repository: string;
  track: Track;
  /** The branch the commit is on; for a release, its `stable-X.Y` branch, or the tag name when there is none. */
  ref: string;
  /** The stable release tag whose commit this is, if any. */
  tag?: string;
  sha: string;
  shortSha: string;
  /** Committer date, ISO 8601 UTC without milliseconds. */
  date: string;
  /** Absolute path of the checked-out tree. */
  path: string;
  /** Commit page on github.com, when the repository is there. */
  webUrl?: string;
}

/** Lower-cased sha or sha prefix, or an OffmainError when it is not 7 to 40 hex digits. */
export function normalizeCommit(commit: string): string {
  const c = commit.trim();
  if (!/^[0-9a-fA-F]{7,40}$/.test(c)) {
    throw new OffmainError(
      `commit "${c}" is not a valid sha: pass 7 to 40 hexadecimal characters (the full 40-character sha is safest)`,
    );
  }
  return c.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Git side
// ---------------------------------------------------------------------------------------------

/** Depths tried, in order, when proving a commit is on a branch; then the full history. */
const DEEPEN_STEPS = [100, 1000, 10000];
const WANTED_REF = 'refs/offmain/wanted';

interface Remote extends GitRemote {
  /** Recorded in the checkout to recognise it later. */
  identity: string;
}

function remoteFor(repository: string, token: string | undefined): Remote {
  if (repository.startsWith('-')) {
    throw new OffmainError(`repository "${redactUrl(repository)}" is not a git URL or path: pass an https, ssh or file URL`);
  }
  const remote = gitRemote(repository, token);
  return { ...remote, identity: isLocalPath(repository) ? remote.fetchUrl : remote.display };
}

/** git's last meaningful stderr line, without credentials. */
function gitReason(r: GitResult, remote: Remote): string {
  const lines = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('hint:') && !/^warning: (filtering not recognized|This repository uses promisor)/.test(l));
  const line = lines.find((l) => l.startsWith('fatal:')) ?? lines.pop() ?? `exit code ${r.code}`;
  return redactText(line.replace(/^(fatal|error): /, ''), remote.secrets);
}

function unreachable(remote: Remote, r: GitResult): OffmainError {
  return new OffmainError(
    `cannot read the git repository ${remote.display} (${gitReason(r, remote)}): check the repository URL, and the token if it is private`,
  );
}

/** What fetchWanted found before fetching a named commit. */
interface WantedCommit {
  /** The checkout held its branches' whole history (not shallow). */
  complete: boolean;
}

class Checkout {
  /** A new, empty checkout: nothing to clean after the checkout. */
  fresh = false;

  constructor(
    readonly dir: string,
    readonly remote: Remote,
  ) {}

  run(args: string[], allowFailure = false): Promise<GitResult> {
    return git(args, { cwd: this.dir, env: this.remote.env, allowFailure });
  }

  /** `git fetch` from origin; a failure is reported as the repository being unreadable unless `allowFailure`. */
  async fetch(args: string[], allowFailure = false): Promise<GitResult> {
    const r = await this.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ...args], true);
    if (r.code !== 0 && !allowFailure) throw unreachable(this.remote, r);
    return r;
  }

  async isShallow(): Promise<boolean> {
    return (await this.run(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  }

  /**
   * A full sha that names a commit here, with its committer time, from local objects only, in one process:
   * `--missing=print` keeps git from fetching a missing object from the promisor remote, and a tag (which
   * rev-list peels), tree or blob prints no `commit <the same sha>` line.
   */
  async localCommit(sha: string): Promise<{ sha: string; time: number } | undefined> {
    const r = await this.run(['rev-list', '--missing=print', '--no-walk', '--format=%ct', sha, '--'], true);
    if (r.code !== 0) return undefined;
    const m = /^commit ([0-9a-f]{40})\n(\d+)$/.exec(r.stdout.trim());
    return m && m[1] === sha ? { sha, time: Number(m[2]) } : undefined;
  }

  /** The commit for a full sha or unique prefix, looking only at local objects (never a lazy fetch). */
  async locate(commit: string): Promise<string | undefined> {
    if (commit.length === 40) return (await this.localCommit(commit))?.sha;
    const r = await this.run(['rev-parse', '--verify', '--end-of-options', `${commit}^{commit}`], true);
    if (r.code === 0) return r.stdout.trim();
    if (/ambiguous/i.test(r.stderr)) {
      throw new OffmainError(
        `commit ${commit} is ambiguous in ${this.remote.display}: pass more characters, or the full 40-character sha`,
      );
    }
    return undefined;
  }

  async isAncestor(sha: string, ref: string): Promise<boolean> {
    const r = await this.run(['merge-base', '--is-ancestor', sha, ref], true);
    return r.code === 0;
  }

  /**
   * What findOnBranches starts from: whether the checkout already holds its branches' whole history (read
   * first: the fetch below may make it shallow), then, for a full sha, the commit with its whole tree (what the
   * checkout needs, in one pack rather than blob by blob). The fetch also tells "exists elsewhere" from "not
   * found" when the server serves any sha (GitHub does, even for commits of forks); a refusal just leaves it to
   * the branch history. It may run while ls-remote lists the refs: it writes only WANTED_REF.
   */
  async fetchWanted(commit: string): Promise<WantedCommit> {
    // A checkout made by this run has no history; one kept from an earlier run may have all of it.
    const hadHistory = !this.fresh && (await this.run(['rev-parse', '--verify', '--quiet', 'HEAD'], true)).code === 0;
    const complete = hadHistory && !(await this.isShallow());
    if (commit.length === 40) await this.fetch(['--depth=1', 'origin', `+${commit}:${WANTED_REF}`], true);
    return { complete };
  }

  /**
   * Fetches `branches` blobless, deeper and deeper, until `commit` is found on one of them or the
   * whole history is there. Returns the commit's full sha if it is present at all, and the branch.
   * `wanted`: fetchWanted for this commit, when the caller has started it already.
   */
  async findOnBranches(
    branches: string[],
    commit: string,
    wanted?: Promise<WantedCommit>,
  ): Promise<{ sha?: string; branch?: string; time?: number }> {
    const refspecs = branches.map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`);
    const { complete } = await (wanted ?? this.fetchWanted(commit));
    const local = commit.length === 40 ? await this.localCommit(commit) : undefined;
    let sha = commit.length === 40 ? local?.sha : await this.locate(commit);
    if (sha && !complete) {
      // Its committer date bounds the search: one blobless fetch of the branch's commits since then, as deep as
      // needed, instead of 100, 1,000, 10,000. A descendant dated before it (rare) cuts the walk short: then
      // the steps below decide.
      const time = local?.time ?? Number((await this.run(['show', '-s', '--format=%ct', sha])).stdout.trim());
      if (time > 1) {
        await this.fetch(['--filter=blob:none', `--shallow-since=${time - 1}`, 'origin', ...refspecs], true);
        for (const b of branches) if (await this.isAncestor(sha, `refs/remotes/origin/${b}`)) return { sha, branch: b, time };
      }
    }
    // An earlier checkout with full history only needs the new commits.
    const steps: Array<number | 'all'> = complete ? ['all'] : [...DEEPEN_STEPS, 'all'];
    for (const step of steps) {
      const args = ['--filter=blob:none'];
      if (step !== 'all') args.push(`--depth=${step}`);
      else if (await this.isShallow()) args.push('--unshallow');
      await this.fetch([...args, 'origin', ...refspecs]);
      const found = await this.locate(commit);
      if (found) {
        sha = found;
        for (const b of branches) if (await this.isAncestor(found, `refs/remotes/origin/${b}`)) return { sha, branch: b };
      }
      if (!(await this.isShallow())) break;
    }
    return { sha };
  }

  /** Checks out `commit` (a sha, or a ref this run fetched) detached, and removes what is not in it. */
  async checkout(commit: string): Promise<void> {
    const r = await this.run(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--force', '--detach', commit, '--'], true);
    if (r.code !== 0) throw unreachable(this.remote, r);
    if (!this.fresh) await this.run(['clean', '-q', '-ffdx']);
  }

  async committerDate(sha: string): Promise<string> {
    const r = await this.run(['show', '-s', '--format=%ct', sha]);
    return isoUtc(Number(r.stdout.trim()));
  }
}

type PathState = 'create' | 'init' | 'reuse';

async function inspectPath(dir: string, remote: Remote): Promise<PathState> {
  let st;
  try {
    st = await stat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'create';
    throw e;
  }
  if (!st.isDirectory()) {
    throw new OffmainError(`path ${dir} is not a directory: choose an empty or new directory for the upstream tree`);
  }
  const entries = await readdir(dir);
  if (entries.length === 0) return 'init';
  let recorded: string | undefined;
  if (entries.includes('.git')) {
    const r = await git(['config', '--file', path.join(dir, '.git', 'config'), '--get', 'offmain.repository'], {
      allowFailure: true,
    });
    if (r.code === 0 && r.stdout.trim()) recorded = r.stdout.trim();
  }
  if (recorded === undefined) {
    throw new OffmainError(
      `path ${dir} is not empty and is not an offmain checkout: choose an empty or new directory for the upstream tree`,
    );
  }
  if (!sameRemote(recorded, remote.identity)) {
    throw new OffmainError(
      `path ${dir} holds a checkout of ${redactUrl(recorded)}, not ${remote.display}: choose another path, or empty it`,
    );
  }
  return 'reuse';
}

/** A git config value, quoted (`"` and `\\` escaped); undefined when it holds a control character git cannot store. */
function configValue(v: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(v)) return undefined;
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function preparePath(dir: string, state: PathState, remote: Remote): Promise<Checkout> {
  if (state === 'create') await mkdir(dir, { recursive: true });
  const co = new Checkout(dir, remote);
  co.fresh = state !== 'reuse';
  if (state === 'reuse') {
    await co.run(['remote', 'set-url', 'origin', remote.fetchUrl]);
    await co.run(['config', 'remote.origin.tagOpt', '--no-tags']);
    return co;
  }
  await co.run(['init', '--quiet']);
  const identity = configValue(remote.identity);
  const url = configValue(remote.fetchUrl);
  if (identity && url) {
    // What `git config` + `git remote add` + `git config` would write, in one append instead of three spawns.
    const section = `[offmain]\n\trepository = ${identity}\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n\ttagOpt = --no-tags\n`;
    await appendFile(path.join(dir, '.git', 'config'), section);
  } else {
    await co.run(['config', 'offmain.repository', remote.identity]);
    await co.run(['remote', 'add', 'origin', remote.fetchUrl]);
    await co.run(['config', 'remote.origin.tagOpt', '--no-tags']);
  }
  return co;
}

async function lsRemote(remote: Remote): Promise<RemoteRef[]> {
  const r = await git(['ls-remote', '--heads', '--tags', '--', remote.fetchUrl], {
    env: remote.env,
    allowFailure: true,
  });
  if (r.code !== 0) throw unreachable(remote, r);
  return parseLsRemote(r.stdout);
}

/**
 * Resolves the upstream commit to build and checks its tree out (detached HEAD) at `opts.path`.
 * Throws an OffmainError naming the problem for an unknown branch, commit, missing stable tag,
 * unreadable repository, or a commit that exists but is not on the tracked branch.
 */
export async function resolveUpstream(opts: ResolveOptions): Promise<UpstreamCommit> {
  const repository = opts.repository?.trim() || DEFAULT_REPOSITORY;
  const track: Track = opts.track ?? 'main';
  if (track !== 'main' && track !== 'release') {
    throw new OffmainError(`track "${String(track)}" is not known: use "main" or "release"`);
  }
  const refGiven = Boolean(opts.ref?.trim());
  const ref = opts.ref?.trim() || 'main';
  if (!isValidBranchName(ref)) throw new OffmainError(`ref "${ref}" is not a valid branch name: pass a branch such as main`);
  const commit = opts.commit?.trim() ? normalizeCommit(opts.commit) : undefined;
  const remote = remoteFor(repository, opts.token);
  const dir = path.resolve(opts.path);

  const state = await inspectPath(dir, remote);
  // On track main the checkout is prepared, and the newest commit fetched, while ls-remote lists the refs
  // (one round trip's wait, not two).
  const listing = lsRemote(remote);
  listing.catch(() => undefined);
  let prepared: Promise<Checkout> | undefined;
  let early: Promise<{ co: Checkout; fetched: GitResult }> | undefined;
  let wanted: Promise<WantedCommit> | undefined;
  if (track === 'main') {
    prepared = preparePath(dir, state, remote);
    prepared.catch(() => undefined);
    if (!commit) {
      early = prepared.then(async (c) => ({
        co: c,
        fetched: await c.fetch(['--depth=1', 'origin', `+refs/heads/${ref}:refs/remotes/origin/${ref}`], true),
      }));
      early.catch(() => undefined);
    } else {
      // A named commit is fetched while the refs are listed too; it is proven on the branch afterwards.
      wanted = prepared.then((c) => c.fetchWanted(commit));
      wanted.catch(() => undefined);
    }
  }
  const settled = () => (early ?? wanted ?? prepared)?.then(() => undefined, () => undefined);
  let refs: RemoteRef[];
  try {
    refs = await listing;
  } catch (e) {
    await settled();
    throw e;
  }
  const heads = new Map(refs.filter((r) => r.ref.startsWith('refs/heads/')).map((r) => [r.ref.slice(11), r.sha]));
  const tags = stableTags(refs);
  const tagFor = (sha: string) => tags.find((t) => t.sha === sha)?.tag;
  const branchMissing = (b: string) =>
    new OffmainError(`branch ${b} was not found in ${remote.display}: check the ref setting (and the repository URL)`);

  let sha: string;
  let resultRef: string;
  let tag: string | undefined;
  let co: Checkout;
  let date: string | undefined;
  let checkedOut = false;

  if (track === 'main') {
    if (!heads.has(ref)) {
      await settled();
      throw branchMissing(ref);
    }
    if (early) {
      const e = await early;
      co = e.co;
      if (e.fetched.code !== 0) throw unreachable(remote, e.fetched);
      // The commit's sha and date are read while it is checked out: only this run's fetch wrote the ref.
      const fetched = `refs/remotes/origin/${ref}`;
      const [head, out] = await Promise.allSettled([
        co.run(['show', '-s', '--format=%H %ct', `${fetched}^{commit}`, '--']),
        co.checkout(fetched),
      ]);
      if (out.status === 'rejected') throw out.reason;
      if (head.status === 'rejected') throw head.reason;
      checkedOut = true;
      const [full, ct] = head.value.stdout.trim().split(' ');
      sha = full!;
      date = isoUtc(Number(ct));
    } else {
      co = await prepared!;
      const found = await co.findOnBranches([ref], commit!, wanted);
      if (!found.branch || !found.sha) throw notOn(commit!, found.sha, [ref], remote, tagFor);
      sha = found.sha;
      if (found.time) date = isoUtc(found.time);
    }
    resultRef = ref;
    tag = tagFor(sha);
  } else {
    const stable = stableBranches(refs);
    const branchOf = (t: StableTag) => {
      const b = `stable-${t.version.major}.${t.version.minor}`;
      return heads.has(b) ? b : t.tag;
    };
    if (!commit) {
      const series = parseStableBranch(ref);
      if (series && !heads.has(ref)) throw branchMissing(ref);
      const newest = tags.find((t) => !series || (t.version.major === series.major && t.version.minor === series.minor));
      if (!newest) {
        throw new OffmainError(
          `no stable release tag (vX.Y.Z)${series ? ` for ${ref}` : ''} was found in ${remote.display}: use track main, or check the repository`,
        );
      }
      co = await preparePath(dir, state, remote);
      await co.fetch(['--depth=1', 'origin', `+refs/tags/${newest.tag}:refs/tags/${newest.tag}`]);
      sha = (await co.run(['rev-parse', '--verify', `refs/tags/${newest.tag}^{commit}`])).stdout.trim();
      tag = newest.tag;
      resultRef = branchOf(newest);
    } else {
      if (refGiven && !heads.has(ref)) throw branchMissing(ref);
      const matching = tags.filter((t) => t.sha.startsWith(commit));
      const shas = new Set(matching.map((t) => t.sha));
      if (shas.size > 1) {
        throw new OffmainError(`commit ${commit} is ambiguous in ${remote.display}: pass the full 40-character sha`);
      }
      co = await preparePath(dir, state, remote);
      const release = matching[0];
      if (release) {
        await co.fetch(['--depth=1', 'origin', `+refs/tags/${release.tag}:refs/tags/${release.tag}`]);
        sha = release.sha;
        tag = release.tag;
        resultRef = branchOf(release);
      } else {
        const branches = [...stable, ...(heads.has(ref) && !stable.includes(ref) ? [ref] : [])];
        if (branches.length === 0) throw branchMissing(ref);
        const found = await co.findOnBranches(branches, commit);
        if (!found.branch || !found.sha) throw notOn(commit, found.sha, branches, remote, tagFor);
        sha = found.sha;
        resultRef = found.branch;
        tag = tagFor(sha);
      }
    }
  }

  if (!checkedOut) await co.checkout(sha);
  return {
    repository: redactUrl(repository),
    track,
    ref: resultRef,
    ...(tag ? { tag } : {}),
    sha,
    shortSha: sha.slice(0, 7),
    date: date ?? (await co.committerDate(sha)),
    path: dir,
    ...(commitUrl(repository, sha) ? { webUrl: commitUrl(repository, sha) } : {}),
  };
}

function notOn(
  commit: string,
  existing: string | undefined,
  branches: string[],
  remote: Remote,
  tagFor: (sha: string) => string | undefined,
): OffmainError {
  const short = (existing ?? commit).slice(0, 7);
  if (!existing) {
    // Name an abbreviated sha as the user typed it; a full one by its usual 7 characters.
    const given = commit.length < 40 ? commit : short;
    return new OffmainError(
      `commit ${given} was not found in ${remote.display}: check the sha, or pass the full 40-character sha`,
    );
  }
  const where = branches.length === 1 ? branches[0] : `${branches.slice(0, -1).join(', ')} or ${branches.at(-1)}`;
  const tag = tagFor(existing);
  const why = tag
    ? `it is release ${tag}; set track to release to build releases`
    : 'it is probably from a fork, an unmerged pull request or another branch; pass a commit from that branch, or set ref/track';
  return new OffmainError(`commit ${short} exists but is not on ${where} of ${remote.display}: ${why}`);
}

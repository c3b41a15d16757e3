/**
 * Resolves the upstream commit to build (the head of a branch, the newest stable release, or a
 * given sha proven to be on the tracked branch) and checks its tree out at a path.
 *
 * Git only: works with any host and costs no API rate limit. Fetches as little as possible:
 * `--depth=1` for a branch head or a tag, blobless (`--filter=blob:none`) and progressively deeper
 * history when a given commit must be proven reachable. Parsing is pure and exported for tests;
 * the git side effects live in `resolveUpstream` and the functions below it.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { OffmainError } from './errors.js';
import { git, type GitResult } from './git.js';

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

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

export interface RemoteRef {
  sha: string;
  /** Full ref name, e.g. `refs/tags/v4.3.1` or `refs/tags/v4.3.1^{}` (peeled). */
  ref: string;
}

/** Parses `git ls-remote` output (`SHA<TAB>REF` lines). */
export function parseLsRemote(output: string): RemoteRef[] {
  const refs: RemoteRef[] = [];
  for (const line of output.split('\n')) {
    const m = /^([0-9a-f]{40}|[0-9a-f]{64})\t(\S+)\s*$/.exec(line.trim());
    if (m) refs.push({ sha: m[1]!, ref: m[2]! });
  }
  return refs;
}

const STABLE_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const STABLE_BRANCH = /^stable-(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** `v4.3.1` -> 4.3.1; anything else (pre-releases, build metadata, no `v`) -> undefined. */
export function parseStableTag(name: string): semver.SemVer | undefined {
  if (!STABLE_TAG.test(name)) return undefined;
  return semver.parse(name.slice(1)) ?? undefined;
}

export interface StableTag {
  tag: string;
  /** The commit (peeled when the tag is annotated). */
  sha: string;
  version: semver.SemVer;
}

/** Stable `vX.Y.Z` tags with the commit they point at, newest first. */
export function stableTags(refs: RemoteRef[] | string): StableTag[] {
  const list = typeof refs === 'string' ? parseLsRemote(refs) : refs;
  const direct = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const { sha, ref } of list) {
    if (!ref.startsWith('refs/tags/')) continue;
    const name = ref.slice('refs/tags/'.length);
    if (name.endsWith('^{}')) peeled.set(name.slice(0, -3), sha);
    else direct.set(name, sha);
  }
  const tags: StableTag[] = [];
  for (const name of new Set([...direct.keys(), ...peeled.keys()])) {
    const version = parseStableTag(name);
    const sha = peeled.get(name) ?? direct.get(name);
    if (version && sha) tags.push({ tag: name, sha, version });
  }
  return tags.sort((a, b) => semver.rcompare(a.version, b.version));
}

/**
 * The newest stable `vX.Y.Z` tag in `git ls-remote --tags` output, with its commit (the peeled
 * `^{}` line of an annotated tag is preferred). `series` limits it to one `X.Y` line.
 */
export function newestStableTag(
  lsRemoteTagsOutput: string,
  series?: { major: number; minor: number },
): { tag: string; sha: string } | undefined {
  const found = stableTags(lsRemoteTagsOutput).find(
    (t) => !series || (t.version.major === series.major && t.version.minor === series.minor),
  );
  return found && { tag: found.tag, sha: found.sha };
}

/** `stable-X.Y` branch names in ls-remote refs, highest version first. */
export function stableBranches(refs: RemoteRef[]): string[] {
  const names: Array<{ name: string; major: number; minor: number }> = [];
  for (const { ref } of refs) {
    if (!ref.startsWith('refs/heads/')) continue;
    const name = ref.slice('refs/heads/'.length);
    const m = STABLE_BRANCH.exec(name);
    if (m) names.push({ name, major: Number(m[1]), minor: Number(m[2]) });
  }
  return names.sort((a, b) => b.major - a.major || b.minor - a.minor).map((b) => b.name);
}

/** `stable-4.3` -> {major: 4, minor: 3}. */
export function parseStableBranch(name: string): { major: number; minor: number } | undefined {
  const m = STABLE_BRANCH.exec(name);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
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

/** A branch name git would accept on the command line (no options, no ref syntax tricks). */
export function isValidBranchName(name: string): boolean {
  return (
    /^[A-Za-z0-9._/-]+$/.test(name) &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.split('/').some((part) => part.startsWith('.'))
  );
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const SSH_SCHEMES = new Set(['ssh', 'git+ssh', 'ssh+git']);

/** The URL without credentials (userinfo); an ssh user without a password (`ssh://git@...`) is kept. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i, (all, scheme: string, userinfo: string) => {
    const s = scheme.slice(0, -3).toLowerCase();
    if (SSH_SCHEMES.has(s) && !userinfo.includes(':')) return all;
    return scheme;
  });
}

/** Removes credentials from any URL inside a free text (git's own messages). */
export function redactText(text: string, secrets: Array<string | undefined> = []): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]*@/gi, (all, scheme: string) =>
    /^(ssh|git\+ssh|ssh\+git):\/\/$/i.test(scheme) && !all.slice(scheme.length).includes(':') ? all : scheme,
  );
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}

/** Splits credentials out of an http(s) URL, so they can travel in a header instead. */
export function splitCredentials(url: string): { url: string; username?: string; password?: string } {
  const m = /^(https?:\/\/)([^/?#]*)@(.*)$/i.exec(url);
  if (!m) return { url };
  const [user = '', pass] = m[2]!.split(/:(.*)/s);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { url: m[1]! + m[3]!, username: decode(user), password: pass === undefined ? undefined : decode(pass) };
}

/** True for a local path (not a URL and not scp-like `host:path`). */
export function isLocalPath(repository: string): boolean {
  if (SCHEME.test(repository)) return false;
  const colon = repository.indexOf(':');
  const slash = repository.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash) && !/^[A-Za-z]:[\\/]/.test(repository)) return false;
  return true;
}

/** `mastodon/mastodon` for github.com URLs in https, http, git, ssh and scp-like forms, with or without `.git`. */
export function githubRepoSlug(repository: string): string | undefined {
  const m =
    /^(?:(?:https?|git|ssh|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?(?:www\.)?github\.com(?::\d+)?\/|(?:[^@/:]+@)?github\.com:\/?)([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/i.exec(
      repository.trim(),
    );
  if (!m) return undefined;
  const name = m[2]!;
  if (name === '.' || name === '..') return undefined;
  return `${m[1]}/${name}`;
}

export function commitUrl(repository: string, sha: string): string | undefined {
  const slug = githubRepoSlug(repository);
  return slug ? `https://github.com/${slug}/commit/${sha}` : undefined;
}

export function compareUrl(repository: string, fromSha: string, toSha: string): string | undefined {
  const slug = githubRepoSlug(repository);
  return slug ? `https://github.com/${slug}/compare/${fromSha}...${toSha}` : undefined;
}

/** Unix seconds -> `2026-08-21T14:03:11Z`. */
export function isoUtc(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Compares repository identities, ignoring a trailing `/` or `.git`. */
export function sameRepository(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return norm(a) === norm(b);
}

// ---------------------------------------------------------------------------------------------
// Git side
// ---------------------------------------------------------------------------------------------

/** Depths tried, in order, when proving a commit is on a branch; then the full history. */
const DEEPEN_STEPS = [100, 1000, 10000];
const WANTED_REF = 'refs/offmain/wanted';

interface Remote {
  /** What git fetches from: no credentials; local paths made absolute. */
  fetchUrl: string;
  /** For messages and the result: no credentials. */
  display: string;
  /** Recorded in the checkout to recognise it later. */
  identity: string;
  token?: string;
  env?: NodeJS.ProcessEnv;
  secrets: string[];
}

function remoteFor(repository: string, token: string | undefined): Remote {
  if (repository.startsWith('-')) {
    throw new OffmainError(`repository "${redactUrl(repository)}" is not a git URL or path: pass an https, ssh or file URL`);
  }
  const display = redactUrl(repository);
  const secrets = token ? [token] : [];
  if (isLocalPath(repository)) {
    const abs = path.resolve(repository);
    return { fetchUrl: abs, display, identity: abs, secrets };
  }
  const cred = splitCredentials(repository);
  if (cred.password !== undefined) secrets.push(cred.password);
  if (cred.username) secrets.push(cred.username);
  const remote: Remote = { fetchUrl: cred.url, display, identity: display, secrets };
  if (token) {
    remote.token = token;
  } else if (cred.username !== undefined && (cred.username || cred.password)) {
    const basic = Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64');
    remote.env = {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraheader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    };
  }
  return remote;
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

class Checkout {
  constructor(
    readonly dir: string,
    readonly remote: Remote,
  ) {}

  run(args: string[], allowFailure = false): Promise<GitResult> {
    return git(args, { cwd: this.dir, token: this.remote.token, env: this.remote.env, allowFailure });
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

  /** The commit for a full sha or unique prefix, looking only at local objects (never a lazy fetch). */
  async locate(commit: string): Promise<string | undefined> {
    if (commit.length === 40) {
      // `--missing=print` keeps git from fetching a missing object from the promisor remote.
      const r = await this.run(['rev-list', '--missing=print', '--no-walk', commit], true);
      if (r.code !== 0) return undefined;
      const type = await this.run(['cat-file', '-t', commit], true);
      return type.stdout.trim() === 'commit' ? commit : undefined;
    }
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
   * Fetches `branches` blobless, deeper and deeper, until `commit` is found on one of them or the
   * whole history is there. Returns the commit's full sha if it is present at all, and the branch.
   */
  async findOnBranches(branches: string[], commit: string): Promise<{ sha?: string; branch?: string }> {
    const refspecs = branches.map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`);
    const hadHistory = (await this.run(['rev-parse', '--verify', '--quiet', 'HEAD'], true)).code === 0;
    const complete = hadHistory && !(await this.isShallow());
    if (commit.length === 40) {
      // Cheap, and tells "exists elsewhere" from "not found" when the server serves any sha (GitHub
      // does, even for commits of forks); a refusal just leaves it to the branch history below.
      await this.fetch(['--depth=1', '--filter=blob:none', 'origin', `+${commit}:${WANTED_REF}`], true);
    }
    let sha = await this.locate(commit);
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

  async checkout(sha: string): Promise<void> {
    const r = await this.run(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--force', '--detach', sha, '--'], true);
    if (r.code !== 0) throw unreachable(this.remote, r);
    await this.run(['clean', '-q', '-ffdx']);
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
  if (!sameRepository(recorded, remote.identity)) {
    throw new OffmainError(
      `path ${dir} holds a checkout of ${redactUrl(recorded)}, not ${remote.display}: choose another path, or empty it`,
    );
  }
  return 'reuse';
}

async function preparePath(dir: string, state: PathState, remote: Remote): Promise<Checkout> {
  if (state === 'create') await mkdir(dir, { recursive: true });
  const co = new Checkout(dir, remote);
  if (state !== 'reuse') {
    await co.run(['init', '--quiet']);
    await co.run(['config', 'offmain.repository', remote.identity]);
    await co.run(['remote', 'add', 'origin', remote.fetchUrl]);
  } else {
    await co.run(['remote', 'set-url', 'origin', remote.fetchUrl]);
  }
  await co.run(['config', 'remote.origin.tagOpt', '--no-tags']);
  return co;
}

async function lsRemote(remote: Remote): Promise<RemoteRef[]> {
  const r = await git(['ls-remote', '--heads', '--tags', '--', remote.fetchUrl], {
    token: remote.token,
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
  const refs = await lsRemote(remote);
  const heads = new Map(refs.filter((r) => r.ref.startsWith('refs/heads/')).map((r) => [r.ref.slice(11), r.sha]));
  const tags = stableTags(refs);
  const tagFor = (sha: string) => tags.find((t) => t.sha === sha)?.tag;
  const branchMissing = (b: string) =>
    new OffmainError(`branch ${b} was not found in ${remote.display}: check the ref setting (and the repository URL)`);

  let sha: string;
  let resultRef: string;
  let tag: string | undefined;
  let co: Checkout;

  if (track === 'main') {
    if (!heads.has(ref)) throw branchMissing(ref);
    co = await preparePath(dir, state, remote);
    const tracking = `refs/remotes/origin/${ref}`;
    if (!commit) {
      await co.fetch(['--depth=1', 'origin', `+refs/heads/${ref}:${tracking}`]);
      sha = (await co.run(['rev-parse', '--verify', `${tracking}^{commit}`])).stdout.trim();
    } else {
      const found = await co.findOnBranches([ref], commit);
      if (!found.branch || !found.sha) throw notOn(commit, found.sha, [ref], remote, tagFor);
      sha = found.sha;
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

  await co.checkout(sha);
  return {
    repository: redactUrl(repository),
    track,
    ref: resultRef,
    ...(tag ? { tag } : {}),
    sha,
    shortSha: sha.slice(0, 7),
    date: await co.committerDate(sha),
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

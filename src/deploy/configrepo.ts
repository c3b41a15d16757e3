/**
 * The GitOps config repository as git sees it: where it is (any git URL, a local path, or `OWNER/NAME` on
 * GitHub), a shallow clone of one branch, commits with a chosen identity, and a push that either lands,
 * loses a race (someone else pushed first: the caller re-applies its change on the new head and retries),
 * or is refused with one line saying what to do (no push rights, protected branch, bad credentials).
 *
 * Credentials never go into a URL: a token travels as an HTTP header (git.ts), and credentials written in
 * a given URL are moved out of it into the same header. Every message is scrubbed of them.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { OffmainError } from '../core/errors.js';
import { git, type GitResult } from '../core/git.js';
import type { Logger } from '../core/log.js';
import { gitRemote, githubRepoSlug, isLocalPath, isValidBranchName, parseLsRemote, redactText, redactUrl, type GitRemote } from '../core/remote.js';

export const DEFAULT_SERVER_URL = 'https://github.com';

/** `offmain <offmain@users.noreply.github.com>` */
export const DEFAULT_AUTHOR = 'offmain <offmain@users.noreply.github.com>';

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

export interface ConfigRemote extends GitRemote {
  /** `{owner, repo}` when the repository is on the GitHub server (github.com or `serverUrl`). */
  github?: { owner: string; repo: string };
  /** Web page of the repository on the GitHub server, e.g. `https://github.com/acme/config`. */
  webUrl?: string;
}

const SLUG = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+?)(?:\.git)?$/;

/**
 * Where the config repository is. `OWNER/NAME` means `SERVER/OWNER/NAME.git` on the GitHub server
 * (`serverUrl`, default `GITHUB_SERVER_URL` or https://github.com); a local path must then start with
 * `./`, `../` or `/` (or be a file:// URL).
 */
export function configRemote(
  repository: string,
  opts: { token?: string; serverUrl?: string; tokenForGitHubOnly?: boolean } = {},
): ConfigRemote {
  const spec = repository.trim();
  if (!spec || spec.startsWith('-')) {
    throw new OffmainError(
      `config repository "${redactUrl(spec)}" is not a git URL or OWNER/NAME: pass e.g. acme/mastodon-config or https://git.example.com/acme/config.git`,
    );
  }
  const server = (opts.serverUrl || process.env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL).replace(/\/+$/, '');
  const slug = SLUG.exec(spec);
  let url = spec;
  if (slug && slug[2] !== '.' && slug[2] !== '..') url = `${server}/${slug[1]}/${slug[2]}.git`;

  if (isLocalPath(url)) {
    const abs = path.resolve(url);
    return { fetchUrl: abs, display: abs, secrets: opts.token ? [opts.token] : [] };
  }
  const remote: ConfigRemote = gitRemote(url, opts.token, opts.tokenForGitHubOnly ? { tokenServer: server } : {});
  const gh = githubOf(remote.fetchUrl, server);
  if (gh) {
    remote.github = gh;
    const host = githubRepoSlug(remote.fetchUrl) ? DEFAULT_SERVER_URL : server;
    remote.webUrl = `${host}/${gh.owner}/${gh.repo}`;
  }
  return remote;
}

/** `{owner, repo}` of a URL on github.com or under the GitHub server URL. */
function githubOf(url: string, server: string): { owner: string; repo: string } | undefined {
  const onGithub = githubRepoSlug(url);
  const s = onGithub ?? (url.toLowerCase().startsWith(`${server.toLowerCase()}/`) ? url.slice(server.length + 1) : undefined);
  const m = s ? SLUG.exec(s.replace(/\/+$/, '')) : null;
  return m ? { owner: m[1]!, repo: m[2]! } : undefined;
}

/** `Name <email>` -> parts; throws on anything else. */
export function parseAuthor(text: string): { name: string; email: string } {
  const m = /^\s*([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (!m || !m[1]) {
    throw new OffmainError(`author "${text}" is not "Name <email>": pass e.g. "offmain <offmain@users.noreply.github.com>"`);
  }
  return { name: m[1], email: m[2]! };
}

export type PushFailure = 'race' | 'forbidden' | 'unauthorized' | 'protected' | 'not-found' | 'other';

/**
 * Why a `git push --porcelain` failed, from its output. `race`: the branch moved since we fetched it
 * (non-fast-forward, a failed lease, or the server losing a ref-lock race to a concurrent push).
 */
export function classifyPushFailure(output: string): PushFailure {
  if (/\[rejected\][^\n]*\((?:fetch first|non-fast-forward|stale info|already exists)\)/.test(output)) return 'race';
  if (/\[remote rejected\][^\n]*\((?:cannot lock ref|failed to update ref|incorrect old value|failed to lock)/i.test(output)) {
    return 'race';
  }
  if (/GH006|GH013|protected branch|Repository rule violations|\[remote rejected\][^\n]*hook declined/i.test(output)) return 'protected';
  if (/returned error: 403|Permission to \S+ denied|permission denied|Write access to repository not granted|403 Forbidden/i.test(output)) {
    return 'forbidden';
  }
  if (/returned error: 401|Authentication failed|could not read (?:Username|Password)|Invalid username or password|Bad credentials/i.test(output)) {
    return 'unauthorized';
  }
  if (/returned error: 404|Repository not found|does not appear to be a git repository/i.test(output)) return 'not-found';
  return 'other';
}

/**
 * Delay before retry `attempt` (1-based) after a lost race: `baseMs * 2^(attempt-1)`, jittered by
 * ±50% so that two writers that collided do not collide again in lock step. `random` is for tests.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(exp * (0.5 + random()));
}

// ---------------------------------------------------------------------------------------------
// Git side
// ---------------------------------------------------------------------------------------------

function lastLine(r: GitResult, remote: ConfigRemote): string {
  const lines = `${r.stderr}\n${r.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('hint:') && !l.startsWith('To ') && l !== 'Done');
  const line = lines.find((l) => l.startsWith('fatal:')) ?? lines.find((l) => /^(error|remote):/.test(l)) ?? lines.pop();
  return redactText((line ?? `exit code ${r.code}`).replace(/^(fatal|error): /, ''), remote.secrets);
}

/** The error for git failing to read the repository at all (clone, fetch, ls-remote). */
export function readFailure(remote: ConfigRemote, r: GitResult): OffmainError {
  const why = lastLine(r, remote);
  switch (classifyPushFailure(`${r.stderr}\n${r.stdout}`)) {
    case 'unauthorized':
      return new OffmainError(
        remote.withheld
          ? `cannot read the config repository ${remote.display}: it wants credentials (HTTP 401), and ${remote.withheld}: write that host's credentials in the https repository URL`
          : `cannot read the config repository ${remote.display}: the credentials were refused (HTTP 401): check the token (it must be valid and allowed to read the repository)`,
      );
    case 'forbidden':
      return new OffmainError(
        `cannot read the config repository ${remote.display}: access denied (HTTP 403): give the token read and write access to its contents (contents: write)`,
      );
    case 'not-found':
      return new OffmainError(
        `cannot read the config repository ${remote.display}: not found (${why}): check the repository name, and that the token can see it`,
      );
    default:
      return new OffmainError(`cannot read the config repository ${remote.display} (${why}): check the repository URL and the token`);
  }
}

export interface CloneOptions {
  remote: ConfigRemote;
  /** An empty or missing directory. */
  dir: string;
  /** Default: the remote's default branch. */
  branch?: string;
  log?: Logger;
}

export type PushResult = { ok: true; sha: string } | { ok: false; race: true; reason: string };

/** A shallow clone of one branch of the config repository. */
export class ConfigCheckout {
  private constructor(
    readonly dir: string,
    readonly remote: ConfigRemote,
    /** The branch cloned (the base branch). */
    readonly branch: string,
    /** The remote's default branch. */
    readonly defaultBranch: string | undefined,
    /** Remote branches seen at clone time -> sha. */
    readonly heads: Map<string, string>,
  ) {}

  /**
   * `git clone --depth=1` of the branch, with `ls-remote --symref` (the default branch, every branch's head)
   * side by side: two round trips at once instead of one after the other.
   */
  static async clone(opts: CloneOptions): Promise<ConfigCheckout> {
    const { remote } = opts;
    const dir = path.resolve(opts.dir);
    if (opts.branch !== undefined && !isValidBranchName(opts.branch)) {
      throw new OffmainError(`branch "${opts.branch}" is not a valid branch name: pass a branch such as main`);
    }
    // What an earlier clone left there is replaced, as a reset of it would.
    await rm(dir, { recursive: true, force: true });
    await mkdir(path.dirname(dir), { recursive: true });
    const env = remote.env;
    // Bytes as committed (no CRLF conversion), no local hooks or signing: written into the clone's config.
    const settings = ['-c', 'core.autocrlf=false', '-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false'];
    const branchArgs = opts.branch ? ['--branch', opts.branch] : [];
    const [ls, cl] = await Promise.all([
      git(['ls-remote', '--symref', '--', remote.fetchUrl, 'HEAD', 'refs/heads/*'], { env, allowFailure: true }),
      git(['clone', '-q', '--depth=1', '--no-tags', ...settings, ...branchArgs, '--', remote.fetchUrl, dir], { env, allowFailure: true }),
    ]);
    if (ls.code !== 0) throw readFailure(remote, ls);
    const defaultBranch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(ls.stdout)?.[1];
    const heads = new Map(
      parseLsRemote(ls.stdout)
        .filter((r) => r.ref.startsWith('refs/heads/'))
        .map((r) => [r.ref.slice('refs/heads/'.length), r.sha] as const),
    );
    const branch = opts.branch ?? defaultBranch;
    if (!branch || !heads.has(branch)) {
      if (heads.size === 0) {
        throw new OffmainError(`the config repository ${remote.display} has no branches: push a first commit to it`);
      }
      const known = [...heads.keys()].filter((b) => !b.startsWith('offmain/')).slice(0, 5).join(', ');
      throw new OffmainError(
        `branch ${branch ?? '(default)'} was not found in the config repository ${remote.display}: check the branch setting` +
          `${defaultBranch ? ` (the default branch is ${defaultBranch})` : known ? ` (branches: ${known})` : ''}`,
      );
    }
    if (cl.code !== 0) throw readFailure(remote, cl);
    const co = new ConfigCheckout(dir, remote, branch, defaultBranch, heads);
    opts.log?.info(`cloned ${branch} of ${remote.display} at ${(await co.head()).slice(0, 7)}`);
    return co;
  }

  run(args: string[], allowFailure = false, env?: NodeJS.ProcessEnv, input?: string): Promise<GitResult> {
    return git(args, { cwd: this.dir, env: { ...this.remote.env, ...env }, allowFailure, input });
  }

  /** Fetches the branch's newest commit and resets the tree to it (no local change survives). Returns its sha. */
  async refresh(): Promise<string> {
    const tracking = `refs/remotes/origin/${this.branch}`;
    const r = await this.run(['fetch', '-q', '--no-tags', '--depth=1', 'origin', `+refs/heads/${this.branch}:${tracking}`], true);
    if (r.code !== 0) throw readFailure(this.remote, r);
    await this.run(['checkout', '-q', '--force', '-B', this.branch, tracking, '--']);
    await this.run(['clean', '-q', '-ffdx']);
    return this.head();
  }

  async head(): Promise<string> {
    return (await this.run(['rev-parse', '--verify', 'HEAD^{commit}'])).stdout.trim();
  }

  /** Commits `files` (relative to the repository root) with `author` as author and committer. */
  async commit(message: string, files: string[], author: { name: string; email: string }, date?: Date): Promise<string> {
    await this.run(['add', '-A', '--', ...files]);
    const env: NodeJS.ProcessEnv = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    if (date) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = date.toISOString();
    await this.run(['commit', '-q', '--no-verify', '--cleanup=verbatim', '-F', '-'], false, env, message);
    return this.head();
  }

  /**
   * Pushes HEAD to `refs/heads/<branch>`. With `lease`, only if the remote branch is at that sha
   * (`''`: only if it does not exist), forcing otherwise: for branches offmain owns. Returns whether
   * it landed or lost a race; throws an OffmainError for anything a retry cannot fix.
   */
  async push(branch: string, opts: { lease?: string } = {}): Promise<PushResult> {
    const args = ['push', '--porcelain', '--no-verify'];
    if (opts.lease !== undefined) args.push(`--force-with-lease=refs/heads/${branch}:${opts.lease}`);
    args.push('origin', `HEAD:refs/heads/${branch}`);
    const r = await this.run(args, true);
    if (r.code === 0) return { ok: true, sha: await this.head() };
    const out = `${r.stdout}\n${r.stderr}`;
    const kind = classifyPushFailure(out);
    const why = lastLine(r, this.remote);
    const where = `${branch} of the config repository ${this.remote.display}`;
    switch (kind) {
      case 'race':
        return { ok: false, race: true, reason: why };
      case 'protected':
        throw new OffmainError(
          `the push to ${where} was refused: the branch is protected (${why}); set mode to pull-request to open a pull request instead, or allow this token to push to ${branch}`,
        );
      case 'forbidden':
        throw new OffmainError(
          `the token may not push to ${where} (HTTP 403): give it write access to the repository contents (contents: write), or use a deploy key or token with push rights`,
        );
      case 'unauthorized':
        throw new OffmainError(`the credentials were refused when pushing to ${where} (HTTP 401): check the token`);
      default:
        throw new OffmainError(`the push to ${where} failed (${why}): nothing was changed on the remote`);
    }
  }

  /** The sha of a remote branch now (`undefined` when it does not exist). */
  async remoteBranch(branch: string): Promise<string | undefined> {
    const r = await this.run(['ls-remote', 'origin', `refs/heads/${branch}`], true);
    if (r.code !== 0) throw readFailure(this.remote, r);
    return parseLsRemote(r.stdout).find((x) => x.ref === `refs/heads/${branch}`)?.sha;
  }

  /** Fetches one remote branch's tip (depth 1) and returns `{sha, tree, parents}` of it. */
  async inspectRemoteBranch(branch: string): Promise<{ sha: string; tree: string; parents: string[] } | undefined> {
    const ref = `refs/offmain/remote/${branch}`;
    const r = await this.run(['fetch', '-q', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:${ref}`], true);
    if (r.code !== 0) return undefined;
    const sha = (await this.run(['rev-parse', '--verify', `${ref}^{commit}`])).stdout.trim();
    // The raw object: a shallow fetch hides the parents from `git show`.
    const raw = (await this.run(['cat-file', 'commit', sha])).stdout;
    const tree = /^tree ([0-9a-f]+)$/m.exec(raw)?.[1];
    const parents = [...raw.split('\n\n')[0]!.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]!);
    return tree ? { sha, tree, parents } : undefined;
  }

  async treeOf(rev: string): Promise<string> {
    return (await this.run(['rev-parse', '--verify', `${rev}^{tree}`])).stdout.trim();
  }

  /** Deletes a remote branch offmain created, only if it is still at `sha`. Best effort. */
  async deleteRemoteBranch(branch: string, sha: string): Promise<boolean> {
    const r = await this.run(['push', '--porcelain', `--force-with-lease=refs/heads/${branch}:${sha}`, 'origin', `:refs/heads/${branch}`], true);
    return r.code === 0;
  }
}

export interface UpdateAttempt {
  /** The commit message, and the files changed relative to the repository root. */
  message: string;
  files: string[];
}

export interface UpdateBranchOptions {
  checkout: ConfigCheckout;
  /**
   * Applies the change to the freshly reset tree (attempt 1 right after the clone, then after each lost race).
   * Returns what to commit, or a string saying why there is nothing to do (already at the target, superseded).
   */
  apply: (attempt: number) => Promise<UpdateAttempt | string>;
  author: { name: string; email: string };
  /** Pushes in all (default 5). */
  attempts?: number;
  /** Base of the jittered exponential backoff between attempts (default 250 ms). */
  backoffMs?: number;
  /** Called right before each push: a test seam to orchestrate races. */
  beforePush?: (attempt: number) => Promise<void>;
  /** How to push the commit (default: to the checkout's branch, fast-forward only). */
  push?: () => Promise<PushResult>;
  /** The branch `push` pushes to, for messages (default the checkout's branch). */
  target?: string;
  log?: Logger;
}

export type UpdateBranchResult =
  | { pushed: true; commit: string; attempts: number; files: string[]; message: string }
  | { pushed: false; reason: string; attempts: number };

/**
 * Commits a change to the checkout's branch and pushes it. When the push loses a race (someone pushed
 * in between), the tree is reset to the new remote head and the change is applied again from scratch,
 * never rebased: what lands is always the change computed on the head it lands on.
 */
export async function updateBranch(opts: UpdateBranchOptions): Promise<UpdateBranchResult> {
  const { checkout: co, log } = opts;
  const attempts = Math.max(1, opts.attempts ?? 5);
  let lastReason = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const wait = backoffDelay(attempt - 1, opts.backoffMs ?? 250);
      log?.info(`the push lost a race (${lastReason}); retrying in ${wait} ms on the new head of ${co.branch} (attempt ${attempt} of ${attempts})`);
      await new Promise((r) => setTimeout(r, wait));
      const head = await co.refresh();
      log?.info(`${co.branch} is now at ${head.slice(0, 7)}; applying the change again`);
    }
    const change = await opts.apply(attempt);
    if (typeof change === 'string') return { pushed: false, reason: change, attempts: attempt };
    const commit = await co.commit(change.message, change.files, opts.author);
    await opts.beforePush?.(attempt);
    const pushed = opts.push ? await opts.push() : await co.push(co.branch);
    if (pushed.ok) {
      if (!opts.push) log?.info(`pushed ${commit.slice(0, 7)} to ${co.branch} of ${co.remote.display}`);
      return { pushed: true, commit: pushed.sha, attempts: attempt, files: change.files, message: change.message };
    }
    lastReason = pushed.reason;
  }
  throw new OffmainError(
    `the push to ${opts.target ?? co.branch} of the config repository ${co.remote.display} lost the race ${attempts} times (${lastReason}): ` +
      'other writers keep pushing to that branch; run the deploy again (nothing of this run was pushed)',
  );
}

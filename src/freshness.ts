/**
 * How far the deployed Mastodon is behind upstream, against the 48-hour goal.
 *
 * Lag = now minus the committer time of the oldest commit on the tracked upstream branch that the deployed
 * commit does not contain; 0 when the deployed commit is the branch head. Upstream is idle every weekend,
 * so the age of the head commit is not the measure: a cluster on Friday evening's head is fresh on Monday.
 * Only first-parent commits count (what the branch itself went through: a merged pull request counts from
 * its merge, not from the day its first commit was written).
 *
 * The pure part (`computeLag`, `assessFreshness`, `freshnessMarkdown`) is apart from the git part
 * (`UpstreamHistory`): a blobless fetch of the branch into a cache directory, as deep as needed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OffmainError } from './errors.js';
import { git, type GitResult } from './git.js';
import { cell } from './summary.js';
import {
  commitUrl,
  compareUrl,
  isLocalPath,
  isoUtc,
  isValidBranchName,
  redactText,
  redactUrl,
  splitCredentials,
} from './upstream.js';
import { parseImageTag } from './version.js';

export const DEFAULT_MAX_LAG_HOURS = 48;

// ---------------------------------------------------------------------------------------------
// Pure part
// ---------------------------------------------------------------------------------------------

export interface CommitTime {
  sha: string;
  /** Committer time, unix seconds. */
  time: number;
}

export interface Lag {
  /** Hours, rounded to 0.1; 0 when nothing is missing. */
  hours: number;
  /** How many (first-parent) upstream commits the deployed commit lacks. */
  behind: number;
  /** The oldest of them. */
  oldest?: CommitTime;
}

/** The lag, given the upstream commits the deployed commit does not contain, and now. */
export function computeLag(notDeployed: CommitTime[], now: Date | number): Lag {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  let oldest: CommitTime | undefined;
  for (const c of notDeployed) if (!oldest || c.time < oldest.time) oldest = c;
  if (!oldest) return { hours: 0, behind: 0 };
  const hours = Math.max(0, (nowMs - oldest.time * 1000) / 3_600_000);
  return { hours: Math.round(hours * 10) / 10, behind: notDeployed.length, oldest };
}

export type FreshnessStatus = 'ok' | 'warn' | 'fail';

/** `ok` within `maxLagHours`; past it `fail`, or `warn` with `warnOnly`. */
export function assessFreshness(lag: Lag, maxLagHours = DEFAULT_MAX_LAG_HOURS, warnOnly = false): FreshnessStatus {
  if (lag.hours <= maxLagHours) return 'ok';
  return warnOnly ? 'warn' : 'fail';
}

/** `0 h`, `5.5 h`, `63 h (2.6 days)`. */
export function formatHours(hours: number): string {
  const h = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
  return hours >= 48 ? `${h} h (${(hours / 24).toFixed(1)} days)` : `${h} h`;
}

export interface FreshnessReport {
  /** Upstream repository, without credentials. */
  upstream: string;
  ref: string;
  head: CommitTime & { date: string };
  deployed: CommitTime & { date: string };
  lag: Lag;
  /** ISO time of the oldest missing commit, when there is one. */
  oldestMissingDate?: string;
  maxLagHours: number;
  status: FreshnessStatus;
  /** When `now` was. */
  now: string;
  /** Whether the deployed commit is on the tracked branch at all. */
  onBranch: boolean;
  compareUrl?: string;
  deployedUrl?: string;
  headUrl?: string;
}

/** One line: what the lag is and why. */
export function freshnessLine(r: FreshnessReport): string {
  const dep = r.deployed.sha.slice(0, 7);
  if (r.lag.behind === 0) return `deployed ${dep} is the newest commit of ${r.ref}: lag 0 h (goal ${r.maxLagHours} h)`;
  const oldest = r.lag.oldest!;
  return (
    `deployed ${dep} is ${r.lag.behind} commit${r.lag.behind === 1 ? '' : 's'} behind ${r.ref} (${r.head.sha.slice(0, 7)}); ` +
    `the oldest missing one, ${oldest.sha.slice(0, 7)}, landed ${r.oldestMissingDate}: lag ${formatHours(r.lag.hours)} ` +
    `(goal ${r.maxLagHours} h)`
  );
}

/** The error line for a lag past the goal. */
export function freshnessFailure(r: FreshnessReport): string {
  return (
    `the deployed Mastodon is ${formatHours(r.lag.hours)} behind ${r.ref} of ${r.upstream}, past the ${r.maxLagHours} h goal: ` +
    `${freshnessLine(r)}; deploy a newer build (or raise max-lag)`
  );
}

const MARK: Record<FreshnessStatus, string> = { ok: '✅ within goal', warn: '⚠️ past goal', fail: '❌ past goal' };

export function freshnessMarkdown(r: FreshnessReport, heading = '### Freshness'): string {
  const link = (sha: string, url?: string) => (url ? `[\`${sha.slice(0, 7)}\`](${url})` : `\`${sha.slice(0, 7)}\``);
  const rows = [
    ['Deployed', `${link(r.deployed.sha, r.deployedUrl)} (${r.deployed.date})`],
    ['Upstream', `${link(r.head.sha, r.headUrl)} (${r.head.date}) on ${cell(r.ref)} of ${cell(r.upstream)}`],
    [
      'Behind',
      r.lag.behind === 0
        ? 'nothing: the deployed commit is the newest'
        : `${r.lag.behind} commit${r.lag.behind === 1 ? '' : 's'}${r.compareUrl ? ` ([compare](${r.compareUrl}))` : ''}; oldest missing \`${r.lag.oldest!.sha.slice(0, 7)}\` from ${r.oldestMissingDate}`,
    ],
    ['Lag', `${formatHours(r.lag.hours)} (goal ${r.maxLagHours} h): ${MARK[r.status]}`],
  ];
  return [heading, '', '| | |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`), ''].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Git part
// ---------------------------------------------------------------------------------------------

/** Depths tried in turn before the whole history. */
const DEPTHS = [100, 1000, 10000];

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
 * The tracked upstream branch's history, fetched blobless (commits and trees, no file contents) and only
 * as deep as the questions asked need: 100 commits first, then 1,000, 10,000, everything.
 */
export class UpstreamHistory {
  private step = 0;
  private complete = false;
  private constructor(
    readonly dir: string,
    readonly repository: string,
    readonly ref: string,
    private readonly auth: { token?: string; env?: NodeJS.ProcessEnv; secrets: string[] },
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
      dir = path.resolve(opts.cacheDir ?? defaultCacheDir(repository));
    }

    const secrets = opts.token ? [opts.token] : [];
    let fetchUrl = repository;
    let env: NodeJS.ProcessEnv | undefined;
    if (isLocalPath(repository)) {
      fetchUrl = path.resolve(repository);
    } else {
      const cred = splitCredentials(repository);
      fetchUrl = cred.url;
      if (cred.password) secrets.push(cred.password);
      if (!opts.token && (cred.username || cred.password)) {
        const basic = Buffer.from(`${cred.username ?? ''}:${cred.password ?? ''}`).toString('base64');
        env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` };
      }
    }
    const history = new UpstreamHistory(dir, redactUrl(repository), ref, { token: opts.token, env, secrets });
    await locked(dir, async () => {
      if (!opts.dir && !existsSync(path.join(dir, 'HEAD'))) {
        await mkdir(dir, { recursive: true });
        await git(['init', '-q', '--bare', dir]);
      }
      const has = await git(['remote', 'get-url', 'origin'], { cwd: dir, allowFailure: true });
      if (has.code !== 0) await git(['remote', 'add', 'origin', fetchUrl], { cwd: dir });
      else if (!opts.dir && has.stdout.trim() !== fetchUrl) await git(['remote', 'set-url', 'origin', fetchUrl], { cwd: dir });
    });
    await history.fetch();
    return history;
  }

  private run(args: string[], allowFailure = false): Promise<GitResult> {
    return git(args, { cwd: this.dir, token: this.auth.token, env: this.auth.env, allowFailure });
  }

  private async isShallow(): Promise<boolean> {
    return (await this.run(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  }

  /** Fetches the branch at the current depth step (or everything new, once complete). */
  private async fetch(): Promise<void> {
    await locked(this.dir, async () => {
      const args = ['fetch', '-q', '--no-tags', '--no-write-fetch-head', '--filter=blob:none'];
      const hadRef = (await this.run(['rev-parse', '--verify', '-q', this.tracking], true)).code === 0;
      if (hadRef && !(await this.isShallow())) this.complete = true;
      if (!this.complete) {
        const depth = DEPTHS[this.step];
        if (depth !== undefined) args.push(`--depth=${depth}`);
        else if (await this.isShallow()) args.push('--unshallow');
      }
      args.push('origin', `+refs/heads/${this.ref}:${this.tracking}`);
      let r = await this.run(args, true);
      if (r.code !== 0 && /lock|already exists/i.test(r.stderr)) r = await this.run(args, true); // another process fetching
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
    });
  }

  /** Fetches deeper; false when the whole history is already there. */
  private async deepen(): Promise<boolean> {
    if (this.complete) return false;
    this.step++;
    await this.fetch();
    return true;
  }

  /** The newest commit of the branch. */
  async head(): Promise<CommitTime> {
    const sha = (await this.run(['rev-parse', '--verify', `${this.tracking}^{commit}`])).stdout.trim();
    return { sha, time: await this.commitTime(sha) };
  }

  async commitTime(sha: string): Promise<number> {
    return Number((await this.run(['show', '-s', '--format=%ct', sha])).stdout.trim());
  }

  /** A full sha, unique sha prefix, or offmain image tag -> the full sha if present locally (no lazy fetch). */
  private async locate(commit: string): Promise<string | undefined> {
    const c = commit.trim().toLowerCase();
    if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(c)) {
      // A full sha of a missing object would make git fetch it, with its whole history, from the
      // promisor remote; `--missing=print` only looks.
      const seen = await this.run(['rev-list', '--missing=print', '--no-walk', c], true);
      if (seen.code !== 0 || !seen.stdout.startsWith(c)) return undefined;
      const type = await this.run(['cat-file', '-t', c], true);
      return type.stdout.trim() === 'commit' ? c : undefined;
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
    return (await this.run(['merge-base', '--is-ancestor', sha, this.tracking], true)).code === 0;
  }

  /**
   * Whether the commit `older` is an ancestor of (or equal to) `newer`; sha prefixes allowed.
   * `undefined` when either is not found on the branch even in its whole history.
   */
  async isAncestor(older: string, newer: string): Promise<boolean | undefined> {
    for (;;) {
      const a = await this.locate(older);
      const b = await this.locate(newer);
      if (a && b && (await this.contains(b))) {
        return (await this.run(['merge-base', '--is-ancestor', a, b], true)).code === 0;
      }
      if (!(await this.deepen())) {
        if (a && b) return (await this.run(['merge-base', '--is-ancestor', a, b], true)).code === 0;
        return undefined;
      }
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

export interface FreshnessOptions extends HistoryOptions {
  /** The deployed upstream commit: sha, image tag or display version. */
  deployed: string;
  now?: Date;
  maxLagHours?: number;
  warnOnly?: boolean;
  /** An already opened history (deploy reuses the one it fetched). */
  history?: UpstreamHistory;
}

/** Measures the lag of `deployed` behind the tracked upstream branch. */
export async function freshness(opts: FreshnessOptions): Promise<FreshnessReport> {
  const maxLagHours = opts.maxLagHours ?? DEFAULT_MAX_LAG_HOURS;
  if (!Number.isFinite(maxLagHours) || maxLagHours < 0) {
    throw new OffmainError(`max-lag "${opts.maxLagHours}" is not a number of hours: pass e.g. 48`);
  }
  const history = opts.history ?? (await UpstreamHistory.open(opts));
  const deployedSha = await history.resolve(opts.deployed);
  const head = await history.head();
  const onBranch = (await history.isAncestor(deployedSha, head.sha)) === true;
  const missing = await history.notDeployed(deployedSha);
  const now = opts.now ?? new Date();
  const lag = computeLag(missing, now);
  const deployedTime = await history.commitTime(deployedSha);
  const report: FreshnessReport = {
    upstream: history.repository,
    ref: history.ref,
    head: { ...head, date: isoUtc(head.time) },
    deployed: { sha: deployedSha, time: deployedTime, date: isoUtc(deployedTime) },
    lag,
    maxLagHours,
    status: assessFreshness(lag, maxLagHours, opts.warnOnly),
    now: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    onBranch,
  };
  if (lag.oldest) report.oldestMissingDate = isoUtc(lag.oldest.time);
  const cmp = lag.behind ? compareUrl(history.repository, deployedSha, head.sha) : undefined;
  if (cmp) report.compareUrl = cmp;
  const du = commitUrl(history.repository, deployedSha);
  if (du) report.deployedUrl = du;
  const hu = commitUrl(history.repository, head.sha);
  if (hu) report.headUrl = hu;
  return report;
}

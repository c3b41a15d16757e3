/**
 * The upstream checks of one commit, read from the GitHub REST API (core/github.ts, @actions/github's
 * Octokit: GHES and proxy aware; token optional): its check runs (`GET /repos/{o}/{r}/commits/{ref}/check-runs`,
 * the latest run per name) and its combined status (`GET .../commits/{ref}/status`), every page of each,
 * folded into one verdict. What counts (README, "The upstream checks gate"):
 *
 * - Only a check that **completed with success** proves anything. `neutral` and `skipped` are not failures,
 *   but prove nothing; `cancelled` and `stale` never finished (upstream's CI cancels the runs of a commit a
 *   newer push superseded): such a commit is `unfinished` and held back, never taken as passed.
 * - `require`: no check failed, none is still running, none was cancelled, and at least one check run of a
 *   trusted app (upstream's own CI, GitHub Actions, unless the admin names others) succeeded. No check at
 *   all proves nothing either: such a commit is never taken.
 * - `names`: each named check must have succeeded: a check run of that exact name from a trusted app, or a
 *   commit status of that exact context. Names are compared exactly; a name with a control or invisible
 *   character is refused, and a reported name with one never matches.
 * - The gate fails closed on what it cannot read completely: a reply that is not the documented shape (HTML
 *   behind a proxy, a list missing, counts that do not add up), or more pages than it reads, is an error.
 * - A run not completed (queued, in progress, waiting) or a `pending` status makes the commit `pending`: it
 *   is waited for on a later run, never deployed blind.
 * - When GitHub first saw the commit (its earliest check suite), for `min-age`: a date its author wrote
 *   proves nothing about when it was pushed.
 * - The rate limit is read from every reply (`x-ratelimit-*` headers) and reported; an exhausted one is an
 *   error naming when it resets and what to do.
 */
import { errorMessage, OffmainError } from '../core/errors.js';
import type { GitHubClient } from '../core/github.js';
import { inline, stripHidden } from '../core/untrusted.js';

export type ChecksMode = 'require' | 'names' | 'off';

export function parseChecksMode(value: string | undefined): ChecksMode | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'require' || v === 'names' || v === 'off') return v;
  throw new OffmainError(`checks "${inline(value, 60)}" is not a mode: use require, names or off`);
}

/** GitHub Actions: the app upstream Mastodon's own CI reports through. */
export const DEFAULT_CHECK_APPS = ['github-actions'];
/** Pages of 100 read at the most, per list (check runs, statuses). */
export const MAX_CHECK_PAGES = 10;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A required check name as the admin wrote it: exact, visible, one line. */
export function requiredCheckName(name: string): string {
  const n = name.trim();
  if (!n || CONTROL.test(n) || stripHidden(n) !== n) {
    throw new OffmainError(`required check "${inline(n, 80)}" holds a control or invisible character: write the name exactly as GitHub shows it`);
  }
  return n;
}

/**
 * pass: completed with success. neutral: completed neutral or skipped (no failure, no proof). unfinished:
 * cancelled or stale. pending: not completed yet. fail: any other conclusion.
 */
export type CheckState = 'pass' | 'neutral' | 'unfinished' | 'fail' | 'pending';

export interface CheckResult {
  /** The name for display (one line, neutralised). */
  name: string;
  /** `check-run` or `status` (a commit status context). */
  kind: 'check-run' | 'status';
  state: CheckState;
  /** GitHub's own words: `completed/failure`, `in_progress`, `error`... */
  detail: string;
  url?: string;
  /** The app that reported a check run (its slug), as GitHub names it. */
  app?: string;
  /** The name exactly as reported, for comparing with a required name. */
  rawName?: string;
}

export interface CommitChecks {
  sha: string;
  /** pass: proven; none: nothing proves it; unfinished: a check never finished. */
  verdict: 'pass' | 'fail' | 'pending' | 'unfinished' | 'none';
  checks: CheckResult[];
  /** The checks that decided a verdict other than pass (names required but not reported included). */
  blocking: CheckResult[];
  /** When GitHub first saw the commit (its earliest check suite), seconds since the epoch, when asked. */
  firstSeen?: number;
}

export interface RateLimit {
  limit?: number;
  remaining?: number;
  /** ISO time the window resets. */
  reset?: string;
}

export interface ChecksReader {
  read(sha: string, opts?: { firstSeen?: boolean }): Promise<CommitChecks>;
  rateLimit: RateLimit;
  /** Requests made. */
  requests: number;
}

export interface ChecksReaderOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  mode: Exclude<ChecksMode, 'off'>;
  /** The names (check run names or status contexts) that must pass, with mode `names`. */
  required?: string[];
  /** Slugs of the apps whose check runs prove a commit; default DEFAULT_CHECK_APPS. */
  apps?: string[];
}

function runState(status: string, conclusion: string | null | undefined): CheckState {
  if (status !== 'completed') return 'pending';
  if (conclusion === 'success') return 'pass';
  if (conclusion === 'neutral' || conclusion === 'skipped') return 'neutral';
  if (conclusion === 'cancelled' || conclusion === 'stale') return 'unfinished';
  return 'fail';
}

function statusState(state: string): CheckState {
  return state === 'success' ? 'pass' : state === 'pending' ? 'pending' : 'fail';
}

/** The verdict over the checks that count. */
export function verdictOf(
  sha: string,
  checks: CheckResult[],
  mode: Exclude<ChecksMode, 'off'>,
  required: string[] = [],
  apps: string[] = DEFAULT_CHECK_APPS,
): CommitChecks {
  const trusted = (c: CheckResult) => c.kind === 'check-run' && c.app !== undefined && apps.includes(c.app);
  const blocking: CheckResult[] = [];
  if (mode === 'names') {
    for (const name of required) {
      const named = checks.filter((c) => (c.rawName ?? c.name) === name && (c.kind === 'status' || trusted(c)));
      if (!named.length) {
        blocking.push({ name: inline(name, 200), kind: 'check-run', state: 'pending', detail: 'not reported yet' });
        continue;
      }
      // Several runs of one name (two workflows, a re-run): each must have succeeded.
      for (const c of named) if (c.state !== 'pass') blocking.push(c.state === 'neutral' ? { ...c, state: 'unfinished' } : c);
    }
  } else {
    blocking.push(...checks.filter((c) => c.state === 'fail' || c.state === 'pending' || c.state === 'unfinished'));
  }
  const has = (s: CheckState) => blocking.some((c) => c.state === s);
  let verdict: CommitChecks['verdict'];
  if (has('fail')) verdict = 'fail';
  else if (has('pending')) verdict = 'pending';
  else if (has('unfinished')) verdict = 'unfinished';
  else if (mode === 'names') verdict = 'pass';
  else verdict = checks.some((c) => c.state === 'pass' && trusted(c)) ? 'pass' : 'none';
  return { sha, verdict, checks, blocking };
}

function header(headers: Record<string, unknown>, name: string): number | undefined {
  const v = Number(headers[name]);
  return Number.isFinite(v) ? v : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checksReader(opts: ChecksReaderOptions): ChecksReader {
  const rateLimit: RateLimit = {};
  const self: ChecksReader = { rateLimit, requests: 0, read };
  const apps = opts.apps?.length ? opts.apps : DEFAULT_CHECK_APPS;
  const required = (opts.required ?? []).map(requiredCheckName);
  const where = `${opts.owner}/${opts.repo}`;
  const note = (headers: Record<string, unknown>) => {
    const limit = header(headers, 'x-ratelimit-limit');
    const remaining = header(headers, 'x-ratelimit-remaining');
    const reset = header(headers, 'x-ratelimit-reset');
    if (limit !== undefined) rateLimit.limit = limit;
    if (remaining !== undefined) rateLimit.remaining = remaining;
    if (reset !== undefined) rateLimit.reset = new Date(reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  const unreadable = (what: string, why: string) =>
    new OffmainError(`cannot read the ${what} of ${where} from the GitHub API (${why}): nothing is taken as passed; run again, or set checks: off`);
  const call = async <T extends { headers: Record<string, unknown>; data: unknown }>(what: string, fn: () => Promise<T>): Promise<T> => {
    self.requests++;
    try {
      const r = await fn();
      note(r.headers);
      return r;
    } catch (e) {
      const err = e as { status?: number; response?: { headers?: Record<string, unknown> } };
      if (err.response?.headers) note(err.response.headers);
      if ((err.status === 403 || err.status === 429) && rateLimit.remaining === 0) {
        throw new OffmainError(
          `the GitHub API rate limit (${rateLimit.limit ?? '?'} requests an hour) is used up until ${rateLimit.reset ?? 'the next hour'}: ` +
            'pass a token (upstream-token) for a higher limit, or run again after the reset',
        );
      }
      throw new OffmainError(`cannot read the ${what} of ${where} from the GitHub API (${errorMessage(e)}): check the API URL and token, or set checks: off`);
    }
  };

  /** Every page of a list (`check_runs`, `statuses`) whose reply says its `total_count`. */
  async function all(what: string, key: string, page: (n: number) => Promise<{ headers: Record<string, unknown>; data: unknown }>): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let n = 1; ; n++) {
      const { data } = await call(what, () => page(n));
      if (!isObject(data) || !Array.isArray(data[key]) || typeof data.total_count !== 'number' || !Number.isInteger(data.total_count) || data.total_count < 0) {
        throw unreadable(what, `the reply is not GitHub's list of ${key} with its total_count`);
      }
      const got = data[key] as unknown[];
      items.push(...got);
      if (items.length > data.total_count) throw unreadable(what, `${items.length} ${key} where ${data.total_count} were announced`);
      if (items.length === data.total_count) return items;
      if (got.length === 0) throw unreadable(what, `${data.total_count} ${key} announced, the pages held ${items.length}`);
      if (n >= MAX_CHECK_PAGES) throw unreadable(what, `more than ${MAX_CHECK_PAGES * 100} ${key}: more than offmain reads`);
    }
  }

  async function firstSeenOf(sha: string): Promise<number | undefined> {
    const { data } = await call('check suites', () => opts.client.rest.checks.listSuitesForRef({ owner: opts.owner, repo: opts.repo, ref: sha, per_page: 100 }));
    if (!isObject(data) || !Array.isArray(data.check_suites)) throw unreadable('check suites', 'the reply is not a list of check suites');
    let first: number | undefined;
    for (const s of data.check_suites as unknown[]) {
      const t = isObject(s) && typeof s.created_at === 'string' ? Date.parse(s.created_at) : NaN;
      if (!Number.isFinite(t)) throw unreadable('check suites', 'a check suite without a creation time');
      first = first === undefined ? t : Math.min(first, t);
    }
    return first === undefined ? undefined : Math.floor(first / 1000);
  }

  async function read(sha: string, o: { firstSeen?: boolean } = {}): Promise<CommitChecks> {
    const runs = await all('check runs', 'check_runs', (page) =>
      opts.client.rest.checks.listForRef({ owner: opts.owner, repo: opts.repo, ref: sha, filter: 'latest', per_page: 100, page }),
    );
    const statuses = await all('commit statuses', 'statuses', (page) =>
      opts.client.rest.repos.getCombinedStatusForRef({ owner: opts.owner, repo: opts.repo, ref: sha, per_page: 100, page }),
    );
    const checks: CheckResult[] = [];
    for (const r of runs) {
      if (!isObject(r) || typeof r.name !== 'string' || typeof r.status !== 'string' || !(r.conclusion === null || r.conclusion === undefined || typeof r.conclusion === 'string')) {
        throw unreadable('check runs', 'a check run without its name, status or conclusion');
      }
      const app = isObject(r.app) && typeof r.app.slug === 'string' ? r.app.slug : undefined;
      checks.push({
        name: inline(r.name, 200),
        rawName: r.name,
        kind: 'check-run',
        state: runState(r.status, r.conclusion as string | null | undefined),
        detail: r.status === 'completed' ? `completed/${inline(r.conclusion ?? 'none', 40)}` : inline(r.status, 40),
        ...(app !== undefined ? { app } : {}),
        ...(typeof r.html_url === 'string' ? { url: r.html_url } : {}),
      });
    }
    for (const s of statuses) {
      if (!isObject(s) || typeof s.context !== 'string' || typeof s.state !== 'string') throw unreadable('commit statuses', 'a status without its context or state');
      checks.push({
        name: inline(s.context, 200),
        rawName: s.context,
        kind: 'status',
        state: statusState(s.state),
        detail: inline(s.state, 40),
        ...(typeof s.target_url === 'string' ? { url: s.target_url } : {}),
      });
    }
    const verdict = verdictOf(sha, checks, opts.mode, required, apps);
    if (o.firstSeen) {
      const first = await firstSeenOf(sha);
      if (first !== undefined) verdict.firstSeen = first;
    }
    return verdict;
  }
  return self;
}

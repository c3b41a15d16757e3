/**
 * The upstream checks of one commit, read from the GitHub REST API (core/github.ts, @actions/github's
 * Octokit: GHES and proxy aware; token optional): its check runs (`GET /repos/{o}/{r}/commits/{ref}/check-runs`,
 * the latest run per name) and its combined status (`GET .../commits/{ref}/status`), folded into one verdict.
 *
 * - `require`: every check that ran must be green (success, neutral, skipped); `names`: only the named ones,
 *   and each must have reported.
 * - A run `cancelled` (or `stale`) is not a failure: upstream's CI cancels the runs of a commit a newer push
 *   superseded. It is listed as superseded and otherwise ignored.
 * - A run not completed (queued, in progress, waiting) or a `pending` status makes the commit `pending`: it
 *   is waited for on a later run, never deployed blind.
 * - The rate limit is read from every reply (`x-ratelimit-*` headers) and reported; an exhausted one is an
 *   error naming when it resets and what to do.
 */
import { errorMessage, OffmainError } from '../core/errors.js';
import type { GitHubClient } from '../core/github.js';
import { inline } from '../core/untrusted.js';

export type ChecksMode = 'require' | 'names' | 'off';

export function parseChecksMode(value: string | undefined): ChecksMode | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'require' || v === 'names' || v === 'off') return v;
  throw new OffmainError(`checks "${inline(value, 60)}" is not a mode: use require, names or off`);
}

export type CheckState = 'pass' | 'fail' | 'pending' | 'superseded';

export interface CheckResult {
  name: string;
  /** `check-run` or `status` (a commit status context). */
  kind: 'check-run' | 'status';
  state: CheckState;
  /** GitHub's own words: `completed/failure`, `in_progress`, `error`... */
  detail: string;
  url?: string;
}

export interface CommitChecks {
  sha: string;
  /** pass: nothing failed or pending among the checks that count; `none`: no check counted at all. */
  verdict: 'pass' | 'fail' | 'pending' | 'none';
  checks: CheckResult[];
  /** The checks that decided a fail or pending verdict (names required but not reported included). */
  blocking: CheckResult[];
}

export interface RateLimit {
  limit?: number;
  remaining?: number;
  /** ISO time the window resets. */
  reset?: string;
}

export interface ChecksReader {
  read(sha: string): Promise<CommitChecks>;
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
}

const PASS = new Set(['success', 'neutral', 'skipped']);
const SUPERSEDED = new Set(['cancelled', 'stale']);

function runState(status: string, conclusion: string | null | undefined): CheckState {
  if (status !== 'completed') return 'pending';
  if (conclusion && PASS.has(conclusion)) return 'pass';
  if (conclusion && SUPERSEDED.has(conclusion)) return 'superseded';
  return 'fail';
}

function statusState(state: string): CheckState {
  return state === 'success' ? 'pass' : state === 'pending' ? 'pending' : 'fail';
}

/** The verdict over the checks that count. */
export function verdictOf(sha: string, checks: CheckResult[], mode: Exclude<ChecksMode, 'off'>, required: string[] = []): CommitChecks {
  let counted = checks;
  const blocking: CheckResult[] = [];
  if (mode === 'names') {
    counted = checks.filter((c) => required.includes(c.name));
    for (const name of required) {
      if (!counted.some((c) => c.name === name)) blocking.push({ name, kind: 'check-run', state: 'pending', detail: 'not reported yet' });
    }
  }
  blocking.push(...counted.filter((c) => c.state === 'fail'));
  const pending = counted.filter((c) => c.state === 'pending');
  const failed = blocking.some((c) => c.state === 'fail');
  blocking.push(...pending);
  const verdict = failed ? 'fail' : blocking.length ? 'pending' : counted.some((c) => c.state === 'pass') ? 'pass' : 'none';
  return { sha, verdict, checks, blocking };
}

function header(headers: Record<string, unknown>, name: string): number | undefined {
  const v = Number(headers[name]);
  return Number.isFinite(v) ? v : undefined;
}

export function checksReader(opts: ChecksReaderOptions): ChecksReader {
  const rateLimit: RateLimit = {};
  const self: ChecksReader = { rateLimit, requests: 0, read };
  const note = (headers: Record<string, unknown>) => {
    const limit = header(headers, 'x-ratelimit-limit');
    const remaining = header(headers, 'x-ratelimit-remaining');
    const reset = header(headers, 'x-ratelimit-reset');
    if (limit !== undefined) rateLimit.limit = limit;
    if (remaining !== undefined) rateLimit.remaining = remaining;
    if (reset !== undefined) rateLimit.reset = new Date(reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  const call = async <T extends { headers: Record<string, unknown> }>(what: string, fn: () => Promise<T>): Promise<T> => {
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
      throw new OffmainError(`cannot read the ${what} of ${opts.owner}/${opts.repo} from the GitHub API (${errorMessage(e)}): check the API URL and token, or set checks: off`);
    }
  };

  async function read(sha: string): Promise<CommitChecks> {
    const runs = await call('check runs', () =>
      opts.client.rest.checks.listForRef({ owner: opts.owner, repo: opts.repo, ref: sha, filter: 'latest', per_page: 100 }),
    );
    const status = await call('commit statuses', () => opts.client.rest.repos.getCombinedStatusForRef({ owner: opts.owner, repo: opts.repo, ref: sha, per_page: 100 }));
    const checks: CheckResult[] = [];
    for (const r of Array.isArray(runs.data?.check_runs) ? runs.data.check_runs : []) {
      const state = runState(String(r.status), r.conclusion);
      checks.push({
        name: inline(r.name, 200),
        kind: 'check-run',
        state,
        detail: r.status === 'completed' ? `completed/${inline(r.conclusion ?? 'none', 40)}` : inline(r.status, 40),
        ...(typeof r.html_url === 'string' ? { url: r.html_url } : {}),
      });
    }
    for (const s of Array.isArray(status.data?.statuses) ? status.data.statuses : []) {
      checks.push({
        name: inline(s.context, 200),
        kind: 'status',
        state: statusState(String(s.state)),
        detail: inline(s.state, 40),
        ...(typeof s.target_url === 'string' ? { url: s.target_url } : {}),
      });
    }
    return verdictOf(sha, checks, opts.mode, opts.required);
  }
  return self;
}
